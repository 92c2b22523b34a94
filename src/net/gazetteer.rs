//! The gazetteer the config names (streets, estates, stations, landmarks), fetched
//! the first time the resident types, never before: most residents choose a need and
//! never type a place. A file that cannot be read costs only the places; what was
//! wrong goes to the problems panel.

use crate::model::Data;
use crate::net::{fetch_file, Report};
use emap_core::config::DEFAULT_MAX_DATA_BYTES;
use emap_core::problem::Problem;
use emap_core::Gazetteer;
use leptos::prelude::*;
use std::sync::Arc;

/// The places, once fetched, and what was wrong with the file.
#[derive(Clone, Copy)]
pub struct Places {
    pub gazetteer: RwSignal<Option<Arc<Gazetteer>>>,
    pub problems: RwSignal<Vec<Problem>>,
    url: StoredValue<String>,
    asked: StoredValue<bool>,
}

/// The places, when the config names a gazetteer.
pub fn use_places() -> Option<Places> {
    use_context::<Places>()
}

/// Provides the places to the views; nothing is fetched yet.
pub fn provide(data: Data) {
    let Some(url) = data.untracked().gazetteer_url.clone() else {
        return;
    };
    provide_context(Places {
        gazetteer: RwSignal::new(None),
        problems: RwSignal::new(Vec::new()),
        url: StoredValue::new(url),
        asked: StoredValue::new(false),
    });
}

impl Places {
    /// Fetches the gazetteer, the first time only.
    pub fn ask(self) {
        if self.asked.get_value() {
            return;
        }
        self.asked.set_value(true);
        let url = self.url.get_value();
        wasm_bindgen_futures::spawn_local(async move {
            let report: Report = std::rc::Rc::new(|_, _| {});
            let read = fetch_file("gazetteer", &url, DEFAULT_MAX_DATA_BYTES, &report)
                .await
                .and_then(|f| Gazetteer::parse(&f.text).map_err(|e| e.message));
            match read {
                Ok((gazetteer, problems)) => {
                    self.problems.set(problems);
                    self.gazetteer.set(Some(Arc::new(gazetteer)));
                }
                Err(why) => self.problems.set(vec![Problem::error(
                    "gazetteer",
                    url,
                    format!("地名文件无法读取，搜索中只有网点所在的区县（the gazetteer cannot be read; search finds only the outlets' districts）: {why}"),
                )]),
            }
        });
    }
}
