//! When a time filter leaves nothing: one tap back to every outlet and its hours.

use crate::state::AppState;
use emap_core::hours::OpenFilter;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn AnyTimeButton() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang.get_untracked();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        // The button goes with the empty list: the focus moves to the filter's own
        // 不限时间 beside it, not to the top of the page.
        let bar = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|b| b.parent_element())
            .and_then(|p| p.query_selector(".open-filter button").ok().flatten())
            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
        state.open.set(OpenFilter::Any);
        if let Some(b) = bar {
            request_animation_frame(move || {
                let _ = b.focus();
            });
        }
    };
    view! {
        <button class="chip any-time" on:click=on_click>
            {lang.pick("不限时间，看全部网点和办公时间", "Any time: show every outlet and its hours")}
        </button>
    }
}
