//! The browser, in one place: performance marks, storage on the device, the
//! position, waiting for an idle moment, timers.

pub mod device_storage;
pub mod geolocation;
pub mod idle;
pub mod timing;

use wasm_bindgen::JsCast;

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// A JavaScript error or value as text, for messages.
pub fn js_text(v: &wasm_bindgen::JsValue) -> String {
    v.as_string()
        .or_else(|| {
            v.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{v:?}"))
}

