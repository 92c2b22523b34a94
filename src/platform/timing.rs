//! Performance marks and measures for `bench/` (`emap:parse`, `emap:index`,
//! `emap:data-ready`, `emap:first-results`, ...): free when nobody reads them.

use wasm_bindgen::JsCast;

pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Records `name` as lasting from `start` (from [`now`]) until now.
pub fn measure(name: &str, start: f64) {
    measure_until(name, start, now());
}

/// Records `name` as lasting from `start` until `end` (both from [`now`]).
pub fn measure_until(name: &str, start: f64, end: f64) {
    let Some(p) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &start.into());
    let _ = js_sys::Reflect::set(&options, &"end".into(), &end.into());
    let measure: Option<js_sys::Function> = js_sys::Reflect::get(&p, &"measure".into())
        .ok()
        .and_then(|f| f.dyn_into().ok());
    if let Some(f) = measure {
        let _ = f.call2(&p, &name.into(), &options);
    }
}

/// Runs `f`, recording how long it took as `name`.
pub fn time<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let start = now();
    let out = f();
    measure(name, start);
    out
}
