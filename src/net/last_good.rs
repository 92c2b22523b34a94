//! The last good copy of each file, kept on the device with the Cache API (no size
//! limit worth worrying about, unlike localStorage's 5 MB) so the page still works
//! when the network is down. Storage disabled or full: nothing is kept, nothing fails.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

const CACHE: &str = "emap-last-good";
const SAVED: &str = "x-emap-saved";
/// How many outlets a saved outlets file held, to notice a much smaller new one
/// without reading the old one back.
const OUTLETS: &str = "x-emap-outlets";

async fn cache() -> Option<web_sys::Cache> {
    let caches = web_sys::window()?.caches().ok()?;
    JsFuture::from(caches.open(CACHE))
        .await
        .ok()?
        .dyn_into()
        .ok()
}

pub async fn save(url: &str, text: &str, outlets: Option<usize>) {
    // Copying a big file into the cache is main-thread work: it waits until the
    // page is idle (the first results and the map drawn), 2 s at most.
    crate::platform::idle::idle(2000).await;
    let Some(cache) = cache().await else { return };
    let Ok(headers) = web_sys::Headers::new() else {
        return;
    };
    let _ = headers.set("content-type", "text/plain; charset=utf-8");
    let _ = headers.set(SAVED, &js_sys::Date::now().to_string());
    if let Some(n) = outlets {
        let _ = headers.set(OUTLETS, &n.to_string());
    }
    let init = web_sys::ResponseInit::new();
    init.set_headers(&headers);
    // As bytes: a copy, where a string would be decoded from UTF-8 again (tens of ms
    // of main-thread work for a big file).
    let bytes = js_sys::Uint8Array::from(text.as_bytes());
    if let Ok(response) =
        web_sys::Response::new_with_opt_buffer_source_and_init(Some(&bytes), &init)
    {
        if let Err(e) = JsFuture::from(cache.put_with_str(url, &response)).await {
            web_sys::console::warn_1(&format!("last good copy of {url} not kept: {e:?}").into());
        }
    }
}

/// How many outlets the saved copy of `url` held and when it was saved; the copy's
/// text is not read.
pub async fn outlets_in(url: &str) -> Option<(usize, f64)> {
    let cache = cache().await?;
    let found = JsFuture::from(cache.match_with_str(url)).await.ok()?;
    let response: web_sys::Response = found.dyn_into().ok()?;
    let headers = response.headers();
    Some((
        headers.get(OUTLETS).ok()??.parse().ok()?,
        headers.get(SAVED).ok()??.parse().ok()?,
    ))
}

/// The saved text of `url` and when it was saved.
pub async fn read(url: &str) -> Option<(String, f64)> {
    let cache = cache().await?;
    let found = JsFuture::from(cache.match_with_str(url)).await.ok()?;
    let response: web_sys::Response = found.dyn_into().ok()?;
    let saved = response.headers().get(SAVED).ok()??.parse().ok()?;
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    Some((text, saved))
}

/// "2026-11-22 13:59" in the device's time zone.
pub fn format_date(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}
