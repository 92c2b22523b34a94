//! Filter by hours: any time, open now, or open on a chosen day of the coming week.

use crate::state::AppState;
use emap_core::hours::{date_zh, Date, Duration, OpenFilter};
use leptos::prelude::*;

/// Today and the six days after it, labelled as residents say them.
fn day_choices(today: Date) -> Vec<(Date, String)> {
    (0..7)
        .map(|n| {
            let d = today + Duration::days(n);
            let label = match n {
                0 => format!("今天 {}", date_zh(d)),
                1 => format!("明天 {}", date_zh(d)),
                _ => date_zh(d),
            };
            (d, label)
        })
        .collect()
}

#[component]
pub fn OpenFilterBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let is = move |f: OpenFilter| state.open.get() == f;
    let on_day = move || matches!(state.open.get(), OpenFilter::On(_));
    view! {
        <div class="open-filter" role="group" aria-label="按开放时间筛选">
            <button class="chip" aria-pressed=move || is(OpenFilter::Any).to_string()
                on:click=move |_| state.open.set(OpenFilter::Any)>"不限时间"</button>
            <button class="chip" data-filter="now" aria-pressed=move || is(OpenFilter::Now).to_string()
                on:click=move |_| state.open.set(OpenFilter::Now)>"现在营业"</button>
            <label class="chip day-chip" class:active=on_day>
                <span>"哪天去："</span>
                <select aria-label="选择哪天去" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    state.open.set(OpenFilter::parse(&v).unwrap_or_default());
                }>
                    <option value="any" selected=move || !on_day()>"选日期"</option>
                    {move || day_choices(state.now.get().date()).into_iter().map(|(d, label)| {
                        let key = d.format("%Y-%m-%d").to_string();
                        view! { <option value=key selected=move || state.open.get() == OpenFilter::On(d)>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
        </div>
    }
}
