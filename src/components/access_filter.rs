//! The 无障碍 filter: only outlets with step-free access (`wheelchair` yes or limited).

use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn AccessFilter() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let lang = state.lang.get();
        view! {
            <button class="chip" data-filter="step-free" aria-pressed=move || state.step_free.get().to_string()
                title=lang.pick("只看有无障碍通道的网点", "Only outlets with step-free access")
                on:click=move |_| state.step_free.update(|on| *on = !*on)>
                <span aria-hidden="true">"♿ "</span>{lang.pick("无障碍", "Step-free")}
            </button>
        }
    }
}
