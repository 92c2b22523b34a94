//! The live status feed the config names (people waiting, estimated waits), polled
//! while the page is visible and never before the first results are on screen.
//! A poll that fails keeps the last good figures, which expire by freshness on their
//! own; what was wrong goes to the problems panel.

use crate::model::Data;
use crate::platform::{idle, js_text, sleep};
use emap_core::hours::shanghai_time;
use emap_core::problem::Problem;
use emap_core::status::Status;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How often the feed is asked for while the page is visible.
const POLL_MS: f64 = 60_000.0;
/// How often the loop looks whether a poll is due (a page shown again polls soon).
const TICK_MS: u32 = 5_000;

/// The figures as polled so far, and what was wrong with the last poll.
#[derive(Clone, Copy)]
pub struct LiveStatus {
    pub status: RwSignal<Status>,
    pub problems: RwSignal<Vec<Problem>>,
}

/// The live figures, when the config names a feed.
pub fn use_live() -> Option<LiveStatus> {
    use_context::<LiveStatus>()
}

/// Starts polling the feed the loaded config names, and provides it to the views.
pub fn start(data: Data) -> Option<LiveStatus> {
    let first = data.untracked();
    let url = first.status_url.clone()?;
    let fresh = first.config.status_fresh_minutes;
    let mut empty = Status::default();
    empty.fresh_minutes = fresh;
    let live = LiveStatus {
        status: RwSignal::new(empty),
        problems: RwSignal::new(Vec::new()),
    };
    provide_context(live);
    wasm_bindgen_futures::spawn_local(async move {
        // The first results and the map come first.
        idle::idle(3000).await;
        let mut etag: Option<String> = None;
        let mut last = f64::NEG_INFINITY;
        loop {
            let hidden = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.hidden());
            let now_ms = js_sys::Date::now();
            if !hidden && now_ms - last >= POLL_MS {
                last = now_ms;
                match fetch(&url, etag.as_deref()).await {
                    Ok(None) => {}
                    Ok(Some((text, tag))) => {
                        etag = tag;
                        read(live, data, &url, &text, fresh);
                    }
                    Err(why) => live.problems.set(vec![Problem::warning(
                        "status",
                        url.clone(),
                        format!("实时排队信息未能更新，显示的是上次的数据（the live status could not be updated; the last figures are kept）: {why}"),
                    )]),
                }
            }
            sleep(TICK_MS).await;
        }
    });
    Some(live)
}

/// Folds a downloaded feed into the figures; a feed that cannot be read keeps them.
fn read(live: LiveStatus, data: Data, url: &str, text: &str, fresh: u32) {
    let now = shanghai_time(js_sys::Date::now());
    match Status::parse(text, now) {
        Ok((mut newer, mut problems)) => {
            let d = data.untracked();
            problems.extend(newer.keep_known(|id| d.outlets.get(id).is_some()));
            newer.fresh_minutes = fresh;
            live.status.update(|s| s.merge(newer));
            live.problems.set(problems);
        }
        Err(e) => live.problems.set(vec![Problem::error(
            "status",
            url.to_owned(),
            format!(
                "实时排队信息文件无法读取，显示的是上次的数据（the live status file cannot be read; the last figures are kept）: {}",
                e.message
            ),
        )]),
    }
}

/// The feed's text and its ETag; `None` when it has not changed (304).
async fn fetch(url: &str, etag: Option<&str>) -> Result<Option<(String, Option<String>)>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let init = web_sys::RequestInit::new();
    // The browser's cache is bypassed: the ETag is sent here, so a 304 comes back to
    // the app instead of a copy the cache thinks fresh.
    init.set_cache(web_sys::RequestCache::NoStore);
    if let Some(tag) = etag {
        let headers = web_sys::Headers::new().map_err(|e| js_text(&e))?;
        headers.set("If-None-Match", tag).map_err(|e| js_text(&e))?;
        init.set_headers(&headers);
    }
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|e| format!("network error: {}", js_text(&e)))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "no response")?;
    if response.status() == 304 {
        return Ok(None);
    }
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let tag = response.headers().get("etag").ok().flatten();
    let text = JsFuture::from(response.text().map_err(|e| js_text(&e))?)
        .await
        .map_err(|e| js_text(&e))?
        .as_string()
        .unwrap_or_default();
    Ok(Some((text, tag)))
}
