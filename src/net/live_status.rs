//! The live status feed the config names (people waiting, estimated waits), polled
//! while the page is visible and never before the first results are on screen.
//! A poll that fails keeps the last good figures, which expire by freshness on their
//! own; what was wrong goes to the problems panel.

use crate::model::Data;
use crate::platform::{idle, js_text, sleep};
use emap_core::hours::shanghai_time;
use emap_core::problem::Problem;
use emap_core::status::{regions_to_poll, Status};
use emap_core::LonLat;
use leptos::prelude::*;
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How often the feed is asked for while the page is visible.
const POLL_MS: f64 = 60_000.0;
/// How often the loop looks whether a poll is due (a page shown again polls soon).
const TICK_MS: u32 = 5_000;

/// The figures as polled so far, what was wrong with the last poll, and where the
/// resident is looking (a pack's regional feeds are polled near it).
#[derive(Clone, Copy)]
pub struct LiveStatus {
    pub status: RwSignal<Status>,
    pub problems: RwSignal<Vec<Problem>>,
    pub focus: RwSignal<Option<LonLat>>,
    /// The list has its first rows: polling may start.
    pub rows_shown: RwSignal<bool>,
}

/// Regional feeds polled around the resident: a city and its neighbours.
const NEAR_M: f64 = 30_000.0;

/// The live figures, when the config names a feed.
pub fn use_live() -> Option<LiveStatus> {
    use_context::<LiveStatus>()
}

/// Starts polling the feed (or a pack's regional feeds) the loaded config names,
/// and provides it to the views.
pub fn start(data: Data) -> Option<LiveStatus> {
    let first = data.untracked();
    let one = first.status_url.clone();
    let regions = first.status_regions.clone();
    if one.is_none() && regions.is_empty() {
        return None;
    }
    let fresh = first.config.status_fresh_minutes;
    let mut empty = Status::default();
    empty.fresh_minutes = fresh;
    let live = LiveStatus {
        status: RwSignal::new(empty),
        problems: RwSignal::new(Vec::new()),
        focus: RwSignal::new(None),
        rows_shown: RwSignal::new(false),
    };
    provide_context(live);
    let bboxes: Vec<[f64; 4]> = regions.iter().map(|r| r.1).collect();
    wasm_bindgen_futures::spawn_local(async move {
        // The first results and the map come first: the first poll waits for the
        // rows on screen (at most 15 s: a list may stay empty), then for an idle moment.
        let mut waited = 0;
        while !live.rows_shown.get_untracked() && waited < 15_000 {
            sleep(100).await;
            waited += 100;
        }
        idle::idle(3000).await;
        let mut etags: HashMap<String, String> = HashMap::new();
        // What was wrong with each feed's last answer.
        let mut said: HashMap<String, Vec<Problem>> = HashMap::new();
        let mut last = f64::NEG_INFINITY;
        loop {
            let hidden = crate::platform::page::is_hidden();
            let now_ms = js_sys::Date::now();
            if !hidden && now_ms - last >= POLL_MS {
                last = now_ms;
                let feeds: Vec<String> = match &one {
                    Some(url) => vec![url.clone()],
                    None => {
                        let at = live.focus.get_untracked().unwrap_or(first.config.center());
                        regions_to_poll(&bboxes, at, NEAR_M)
                            .into_iter()
                            .map(|i| regions[i].0.clone())
                            .collect()
                    }
                };
                for url in &feeds {
                    match fetch(url, etags.get(url).map(String::as_str)).await {
                        // Unchanged: what was said about it still holds.
                        Ok(None) => {}
                        Ok(Some((text, tag))) => {
                            match tag {
                                Some(tag) => etags.insert(url.clone(), tag),
                                None => etags.remove(url),
                            };
                            // Measured for bench/live-polling.mjs: the main thread's share of a poll.
                            let problems = crate::platform::timing::time("emap:live", || {
                                read(live, data, url, &text, fresh)
                            });
                            said.insert(url.clone(), problems);
                        }
                        Err(why) => {
                            said.insert(url.clone(), vec![Problem::warning(
                                "status",
                                url.clone(),
                                format!("实时排队信息未能更新，显示的是上次的数据（the live status could not be updated; the last figures are kept）: {why}"),
                            )]);
                        }
                    }
                }
                live.problems.set(
                    feeds
                        .iter()
                        .filter_map(|u| said.get(u))
                        .flatten()
                        .cloned()
                        .collect(),
                );
            }
            sleep(TICK_MS).await;
        }
    });
    Some(live)
}

/// Folds a downloaded feed into the figures and says what was wrong with it; a feed
/// that cannot be read keeps them.
fn read(live: LiveStatus, data: Data, url: &str, text: &str, fresh: u32) -> Vec<Problem> {
    let now = shanghai_time(js_sys::Date::now());
    match Status::parse(text, now) {
        Ok((mut newer, mut problems)) => {
            let d = data.untracked();
            problems.extend(newer.keep_known(|id| d.outlets.get(id).is_some()));
            newer.fresh_minutes = fresh;
            live.status.update(|s| s.merge(newer));
            problems
        }
        Err(e) => vec![Problem::error(
            "status",
            url.to_owned(),
            format!(
                "实时排队信息文件无法读取，显示的是上次的数据（the live status file cannot be read; the last figures are kept）: {}",
                e.message
            ),
        )],
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
