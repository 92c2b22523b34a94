//! Work that can wait until the browser has shown the frame it is making and has
//! nothing else to do: writing the address bar, redrawing the map after a new need,
//! keeping the last good copy of the data. What the resident reads comes first.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Runs `f` when the browser is idle (`requestIdleCallback`), or after `timeout_ms`
/// if it never is; callbacks run in the order they were asked for. Without
/// `requestIdleCallback` (older Safari), after the next frame.
pub fn when_idle(timeout_ms: u32, f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return f();
    };
    let callback = Closure::once_into_js(f);
    let ric = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match ric {
        Some(ric) => {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"timeout".into(), &timeout_ms.into());
            let _ = ric.call2(&window, &callback, &options);
        }
        None => {
            let later = Closure::once_into_js(move || {
                if let Some(w) = web_sys::window() {
                    let _ = w.set_timeout_with_callback(callback.unchecked_ref());
                }
            });
            let _ = window.request_animation_frame(later.unchecked_ref());
        }
    }
}

/// [`when_idle`], to await.
pub async fn idle(timeout_ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        when_idle(timeout_ms, move || {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        })
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
