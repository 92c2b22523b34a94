//! The page itself: its address, its frame, the navigator's abilities, printing and
//! reloading. Every `window` the components need, named for what they ask.

use leptos::prelude::set_timeout;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

pub fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

pub fn history() -> Option<web_sys::History> {
    web_sys::window().and_then(|w| w.history().ok())
}

/// The address's query, with its `?` (empty without one).
pub fn query() -> String {
    location().and_then(|l| l.search().ok()).unwrap_or_default()
}

/// The page's origin, as the browser reports it (`null` for an opaque one).
pub fn origin() -> String {
    web_sys::window().map(|w| w.origin()).unwrap_or_default()
}

/// The page's base address, against which the app's own files are named.
pub fn base_uri() -> String {
    crate::platform::document()
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default()
}

pub fn reload() {
    if let Some(l) = location() {
        let _ = l.reload();
    }
}

pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// The window's inner height in CSS pixels (800 when it cannot be read).
pub fn viewport_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(800.0)
}

pub fn user_agent() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default()
}

/// `navigator[name]`, where the browser has it (`share`, `clipboard`).
pub fn navigator_part(name: &str) -> Option<JsValue> {
    let w = web_sys::window()?;
    js_sys::Reflect::get(&w.navigator(), &name.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Whether the page is hidden (another tab, the phone locked).
pub fn is_hidden() -> bool {
    crate::platform::document().is_some_and(|d| d.hidden())
}

/// Whether the phone says it is offline.
pub fn is_offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// Inside another site's frame (a portal's iframe).
pub fn in_iframe() -> bool {
    web_sys::window().is_some_and(|w| {
        w.top()
            .ok()
            .flatten()
            .is_some_and(|top| !js_sys::Object::is(&top, &w))
    })
}

/// The origin of the page around the iframe, as the browser reports it.
pub fn host_origin() -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    // Chromium and Safari say it directly; elsewhere the referrer is the host page.
    let ancestors = js_sys::Reflect::get(&location, &"ancestorOrigins".into()).ok()?;
    if let Some(first) = js_sys::Reflect::get(&ancestors, &0.into())
        .ok()
        .and_then(|v| v.as_string())
    {
        return Some(first);
    }
    let referrer = window.document()?.referrer();
    web_sys::Url::new(&referrer).ok().map(|u| u.origin())
}

/// Posts `message` (as JSON) to the page around the iframe, at `target` origin;
/// nothing when the page is not in a frame.
pub fn post_to_host(target: &str, message: &serde_json::Value) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if js_sys::Object::is(&parent, &window) {
        return;
    }
    let Ok(value) = js_sys::JSON::parse(&message.to_string()) else {
        return;
    };
    let _ = parent.post_message(&value, target);
}

/// After a tap on an app's own link (`amapuri://`, …): where the app is installed it
/// opens and the page is left (hidden, or its window blurred by the "open in app?"
/// prompt); where nothing happens, the same route on the provider's web page takes
/// over after a moment. Not when the tap was taken over (the kiosk's QR code).
pub fn web_fallback(ev: &web_sys::MouseEvent, web: Option<String>) {
    use std::{cell::Cell, rc::Rc};
    let (Some(web), Some(window)) = (web, web_sys::window()) else {
        return;
    };
    if ev.default_prevented() {
        return;
    }
    let left = Rc::new(Cell::new(false));
    let mark = {
        let left = left.clone();
        Closure::<dyn FnMut()>::new(move || left.set(true))
    };
    let f = mark.as_ref().unchecked_ref::<js_sys::Function>().clone();
    let doc = window.document();
    let _ = window.add_event_listener_with_callback("blur", &f);
    let _ = window.add_event_listener_with_callback("pagehide", &f);
    if let Some(d) = &doc {
        let _ = d.add_event_listener_with_callback("visibilitychange", &f);
    }
    set_timeout(
        move || {
            let _ = window.remove_event_listener_with_callback("blur", &f);
            let _ = window.remove_event_listener_with_callback("pagehide", &f);
            if let Some(d) = &doc {
                let _ = d.remove_event_listener_with_callback("visibilitychange", &f);
            }
            drop(mark);
            let hidden = doc.as_ref().is_some_and(|d| d.hidden());
            if !left.get() && !hidden {
                let _ = window.location().assign(&web);
            }
        },
        std::time::Duration::from_millis(1500),
    );
}
