//! Talking to the portal page that embeds the app (`?mode=embed`), by
//! `postMessage`, only with host origins listed in the config. The schema is in
//! docs/embed.md: events `emap:ready`, `emap:item`, `emap:outlet`, `emap:height`;
//! commands `emap:select-item`, `emap:select-outlet`, `emap:clear`, `emap:set-lang`.

use crate::state::{Anchors, AppState};
use emap_core::i18n::Lang;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Tells the host what is chosen now (`kind` with its id and name) each time it
/// changes, once anything has been: the empty start is not announced.
fn announce(
    target: StoredValue<String>,
    kind: &'static str,
    chosen: impl Fn() -> Option<String> + Send + Sync + 'static,
    name_of: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
) {
    Effect::new(move |prev: Option<Option<String>>| {
        let id = chosen();
        if prev.is_some() || id.is_some() {
            let name = id.as_deref().and_then(&name_of);
            crate::platform::page::post_to_host(
                &target.get_value(),
                &serde_json::json!({"type": kind, "id": id, "name": name}),
            );
        }
        id
    });
}

/// Rows of the list that the reported height makes room for.
const FIRST_ROWS: usize = 10;

/// The height that shows everything above the list and its first `rows` rows, in CSS
/// px from the top of the page, whether the side pane (a phone) or the list (wider) is
/// what scrolls; 0 before the list is there.
fn content_height(anchors: &Anchors, rows: usize) -> i32 {
    let [side, pane] = anchors.scroll_panes();
    let list = anchors.results.get_untracked();
    let (Some(pane), Some(list)) = (pane, list) else {
        return 0;
    };
    let side_scroll = side.map_or(0, |s| s.scroll_top());
    let pane_box = pane.get_bounding_client_rect();
    let pane_top = pane_box.top() + f64::from(side_scroll);
    let natural = pane_top + f64::from(pane.scroll_height());
    // Where the list starts inside the pane, however far either is scrolled.
    let list_top =
        list.get_bounding_client_rect().top() - pane_box.top() + f64::from(pane.scroll_top());
    // The list draws only the rows near the screen: the tenth row itself when it is
    // drawn from the first, else the drawn rows' mean height ten times.
    let drawn = list.children();
    let heights: Vec<f64> = (0..drawn.length())
        .filter_map(|i| drawn.item(i))
        .map(|r| r.get_bounding_client_rect().height())
        .collect();
    let from_first = list.get_attribute("start").is_none_or(|s| s == "1");
    let first_rows = if from_first && heights.len() >= rows {
        heights[..rows].iter().sum()
    } else {
        heights.iter().sum::<f64>() / heights.len().max(1) as f64 * rows as f64
    };
    let end_of_first = pane_top + list_top + first_rows + 24.0;
    natural.min(end_of_first).ceil() as i32
}

#[component]
pub fn EmbedBridge() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = crate::model::use_data();
    let embed = data.untracked().config.embed.clone();
    // Nobody to talk to unless the host is one the deployment trusts.
    let Some(target) = crate::platform::page::host_origin().filter(|o| embed.allows(o)) else {
        if let Some(o) = crate::platform::page::host_origin() {
            web_sys::console::warn_1(
                &format!("emap: host {o} is not in embed.allowed_origins; no messages sent").into(),
            );
        }
        return;
    };
    let target = StoredValue::new(target);
    crate::platform::page::post_to_host(
        &target.get_value(),
        &serde_json::json!({"type": "emap:ready", "version": 1}),
    );
    let d = data;
    announce(
        target,
        "emap:item",
        move || state.item.get(),
        move |i| d.untracked().catalog.item(i).map(|i| i.name.clone()),
    );
    announce(
        target,
        "emap:outlet",
        move || state.outlet.get(),
        move |i| d.untracked().outlets.get(i).map(|o| o.name.clone()),
    );
    // The content's natural height, so the host can size the iframe to it: the search,
    // the guide and the first outlets. Not the whole list: grown to every row (40,000 px
    // for a city), the iframe pushed the portal's page and the map as far down; the list
    // scrolls inside for the rest.
    let last_height = StoredValue::new(0i32);
    set_interval(
        move || {
            let height = content_height(&state.screen.anchors, FIRST_ROWS);
            if height > 0 && height != last_height.get_value() {
                last_height.set_value(height);
                crate::platform::page::post_to_host(
                    &target.get_value(),
                    &serde_json::json!({"type": "emap:height", "height": height}),
                );
            }
        },
        std::time::Duration::from_millis(400),
    );
    let d = data;
    crate::platform::listen("message", false, false, move |ev| {
        let Some(ev) = ev.dyn_ref::<web_sys::MessageEvent>() else {
            return;
        };
        if ev.origin() != target.get_value() {
            return;
        }
        let Some(text) = js_sys::JSON::stringify(&ev.data())
            .ok()
            .and_then(|s| s.as_string())
        else {
            return;
        };
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(&text) else {
            return;
        };
        let id = msg.get("id").and_then(|v| v.as_str()).map(str::to_owned);
        match msg.get("type").and_then(|v| v.as_str()) {
            Some("emap:select-item") => {
                if let Some(id) = id.filter(|i| d.untracked().catalog.item(i).is_some()) {
                    state.choose_item(Some(id));
                }
            }
            Some("emap:select-outlet") => {
                if let Some(id) = id.filter(|i| d.untracked().outlets.get(i).is_some()) {
                    state.show_outlet(id);
                }
            }
            Some("emap:clear") => {
                state.choose_item(None);
                state.outlet.set(None);
            }
            Some("emap:set-lang") => {
                if let Some(lang) = msg
                    .get("lang")
                    .and_then(|v| v.as_str())
                    .and_then(Lang::parse)
                {
                    state.lang.set(lang);
                }
            }
            _ => {}
        }
    });
}
