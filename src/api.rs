//! Fetching and loading the deployment's files through the core loaders.

use emap_core::config::{resolve, Config};
use emap_core::problem::Problem;
use emap_core::hours::{Holidays, Timetable};
use emap_core::search::ItemIndex;
use emap_core::{Catalog, OutletSet};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Everything the app shows, loaded once.
pub struct AppData {
    pub config: Config,
    pub catalog: Catalog,
    pub index: ItemIndex,
    pub outlets: OutletSet,
    /// Every outlet's opening hours, read once, with the holiday calendar.
    pub timetable: Timetable,
    /// Every rejected feature and warning, from all files.
    pub problems: Vec<Problem>,
}

impl AppData {
    pub fn sample(&self) -> bool {
        self.config.sample || self.outlets.sample || self.catalog.sample
    }
}

/// Only paths on the app's own origin may name a config: a link must not be able
/// to make a government page show another site's outlets or booking pages.
pub fn config_path_allowed(path: &str) -> bool {
    let p = path.trim();
    !p.is_empty() && !p.contains("//") && !p.contains(':') && !p.contains('\\')
}

pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| format!("无法下载 {url}（network error: {}）", js_text(&e)))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| "fetch returned no Response".to_string())?;
    if !response.ok() {
        return Err(format!(
            "无法下载 {url}（HTTP {} {}）",
            response.status(),
            response.status_text()
        ));
    }
    let text = JsFuture::from(response.text().map_err(|e| js_text(&e))?)
        .await
        .map_err(|e| format!("读取 {url} 失败: {}", js_text(&e)))?;
    text.as_string().ok_or_else(|| format!("{url} is not text"))
}

fn js_text(v: &wasm_bindgen::JsValue) -> String {
    v.as_string()
        .or_else(|| {
            v.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{v:?}"))
}

/// Loads the config, then the catalog and outlets (both downloads in flight at once).
pub async fn load(config_url: &str) -> Result<AppData, String> {
    let config = Config::parse(&fetch_text(config_url).await?).map_err(|e| e.to_string())?;
    let catalog_url = resolve(config_url, &config.catalog);
    let outlets_url = resolve(config_url, &config.outlets);
    let holiday_urls: Vec<String> = config.holidays.iter().map(|h| resolve(config_url, h)).collect();
    let holidays = async {
        let mut files = Vec::new();
        for url in holiday_urls {
            let text = fetch_text(&url).await;
            files.push((url, text));
        }
        files
    };
    let ((catalog_text, outlets_text), holiday_files) = {
        let catalog = fetch_text(&catalog_url);
        let outlets = fetch_text(&outlets_url);
        futures_join(futures_join(catalog, outlets), holidays).await
    };
    let data = AppData::from_texts(config, &catalog_text?, &outlets_text?)?
        .with_holidays(holiday_files);
    for p in data.problems.iter().take(200) {
        web_sys::console::warn_1(&p.to_string().into());
    }
    Ok(data)
}

impl AppData {
    /// Runs the core loaders over the files' text; fails only on a file that is
    /// unusable as a whole.
    pub fn from_texts(config: Config, catalog: &str, outlets: &str) -> Result<AppData, String> {
        let (catalog, mut problems) = Catalog::parse(catalog).map_err(|e| e.to_string())?;
        let (mut outlets, outlet_problems) =
            OutletSet::parse(outlets).map_err(|e| e.to_string())?;
        problems.extend(outlet_problems);
        problems.extend(outlets.check_against(&catalog));
        let index = ItemIndex::new(&catalog);
        let timetable = Timetable::new(Holidays::default(), hours_of(&outlets));
        Ok(AppData {
            config,
            catalog,
            index,
            outlets,
            timetable,
            problems,
        })
    }

    /// Adds the holiday calendar; a missing or broken file is reported and the rest
    /// still counts (`PH` rules for its year then read as ordinary days).
    pub fn with_holidays(mut self, files: Vec<(String, Result<String, String>)>) -> AppData {
        let mut holidays = Holidays::default();
        for (url, text) in files {
            if let Err(e) = text.and_then(|t| holidays.add_file(&t)) {
                self.problems
                    .push(Problem::warning("config", format!("holidays: {url}"), e));
            }
        }
        self.timetable = Timetable::new(holidays, hours_of(&self.outlets));
        self
    }
}

fn hours_of(outlets: &OutletSet) -> impl Iterator<Item = &str> {
    outlets.outlets.iter().filter_map(|o| o.opening_hours.as_deref())
}

/// Awaits two futures concurrently without pulling in an executor crate.
async fn futures_join<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> (A::Output, B::Output) {
    use std::pin::pin;
    use std::task::Poll;
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(move |cx| {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        if ra.is_some() && rb.is_some() {
            Poll::Ready((ra.take().unwrap(), rb.take().unwrap()))
        } else {
            Poll::Pending
        }
    })
    .await
}
