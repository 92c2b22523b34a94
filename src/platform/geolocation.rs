//! Asking the browser where the resident is, with a deadline: a resident must never
//! wait on a permission prompt or a slow fix to see a list.

use emap_core::LonLat;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum GeoState {
    Pending,
    Located(LonLat),
    Denied,
    Unavailable,
    TimedOut,
    Unsupported,
}

/// How long to wait before falling back to the city centre.
pub const DEADLINE_MS: i32 = 5_000;

/// Starts one position request. A fix that arrives after the deadline still
/// replaces the fallback.
pub fn locate(state: RwSignal<GeoState>) {
    state.set(GeoState::Pending);
    let Some(window) = web_sys::window() else {
        state.set(GeoState::Unsupported);
        return;
    };
    let Ok(geo) = window.navigator().geolocation() else {
        state.set(GeoState::Unsupported);
        return;
    };
    let ok = Closure::once_into_js(move |pos: JsValue| {
        let coords = js_sys::Reflect::get(&pos, &"coords".into()).unwrap_or(JsValue::UNDEFINED);
        let num = |k: &str| {
            js_sys::Reflect::get(&coords, &k.into())
                .ok()
                .and_then(|v| v.as_f64())
        };
        match (num("longitude"), num("latitude")) {
            (Some(lon), Some(lat)) if LonLat::new(lon, lat).is_valid() => {
                state.set(GeoState::Located(LonLat::new(lon, lat)))
            }
            _ => state.set(GeoState::Unavailable),
        }
    });
    let err = Closure::once_into_js(move |e: JsValue| {
        let code = js_sys::Reflect::get(&e, &"code".into())
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(2.0);
        // Never overwrite a fix that already arrived.
        if matches!(
            state.get_untracked(),
            GeoState::Pending | GeoState::TimedOut
        ) {
            state.set(match code as u32 {
                1 => GeoState::Denied,
                3 => GeoState::TimedOut,
                _ => GeoState::Unavailable,
            });
        }
    });
    let options = web_sys::PositionOptions::new();
    options.set_timeout(DEADLINE_MS as u32);
    options.set_maximum_age(120_000);
    if geo
        .get_current_position_with_error_callback_and_options(
            ok.unchecked_ref(),
            Some(err.unchecked_ref()),
            &options,
        )
        .is_err()
    {
        state.set(GeoState::Unsupported);
        return;
    }
    // The API's own timeout does not count the time a permission prompt stays open.
    let deadline = Closure::once_into_js(move || {
        if state.get_untracked() == GeoState::Pending {
            state.set(GeoState::TimedOut);
        }
    });
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        deadline.unchecked_ref(),
        DEADLINE_MS,
    );
}
