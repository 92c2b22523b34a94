//! Filter by hours (any time, open now, or open on a chosen day of the coming week)
//! and by step-free access.

use crate::components::access_filter::AccessFilter;
use crate::state::AppState;
use emap_core::hours::{date_label, Date, Duration, OpenFilter};
use emap_core::i18n::Lang;
use leptos::prelude::*;

/// Today and the six days after it, labelled as residents say them.
fn day_choices(lang: Lang, today: Date) -> Vec<(Date, String)> {
    (0..7)
        .map(|n| {
            let d = today + Duration::days(n);
            let label = match n {
                0 => format!("{} {}", lang.pick("今天", "Today,"), date_label(lang, d)),
                1 => format!("{} {}", lang.pick("明天", "Tomorrow,"), date_label(lang, d)),
                _ => date_label(lang, d),
            };
            (d, label)
        })
        .collect()
}

#[component]
pub fn OpenFilterBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang.get_untracked();
    let is = move |f: OpenFilter| state.open.get() == f;
    let on_day = move || matches!(state.open.get(), OpenFilter::On(_));
    view! {
        <div class="open-filter" role="group" aria-label=lang.pick("按开放时间和无障碍筛选", "Filter by opening hours and access")>
            <button class="chip" aria-pressed=move || is(OpenFilter::Any).to_string()
                on:click=move |_| state.open.set(OpenFilter::Any)>{lang.pick("不限时间", "Any time")}</button>
            <button class="chip" data-filter="now" aria-pressed=move || is(OpenFilter::Now).to_string()
                on:click=move |_| state.open.set(OpenFilter::Now)>{lang.pick("现在营业", "Open now")}</button>
            <label class="chip day-chip" class:active=on_day>
                <span>{lang.pick("哪天去：", "Going on:")}</span>
                <select aria-label=lang.pick("选择哪天去", "Choose the day you go") on:change=move |ev| {
                    let v = event_target_value(&ev);
                    state.open.set(OpenFilter::parse(&v).unwrap_or_default());
                }>
                    <option value="any" selected=move || !on_day()>{lang.pick("选日期", "Pick a day")}</option>
                    {move || day_choices(lang, state.now.get().date()).into_iter().map(|(d, label)| {
                        let key = emap_core::hours::ymd(d);
                        view! { <option value=key selected=move || state.open.get() == OpenFilter::On(d)>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <AccessFilter/>
        </div>
    }
}
