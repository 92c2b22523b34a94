//! Whether an outlet is open: "营业中 · 17:00 关门" now, or, with a day chosen
//! ("哪天去"), that day's hours. Shown in result rows and in a life event's trips.

use crate::state::AppState;
use emap_core::hours::{date_label, OpenFilter};
use leptos::prelude::*;

/// Whether the outlet is open now for the need chosen, its notices counted; tracked.
/// Cheap to ask again: the timetable keeps its answer per value and minute.
pub fn opening_now(
    hours: Option<String>,
    notices: std::sync::Arc<[emap_core::Notice]>,
) -> impl Fn() -> emap_core::hours::OpeningState + Clone {
    let state = expect_context::<AppState>();
    let data = crate::model::use_data();
    move || {
        let item = state.item.get();
        data.get().timetable.state_with(
            hours.as_deref(),
            &notices,
            item.as_deref(),
            state.now.get(),
        )
    }
}

#[component]
pub fn OpenState(
    /// The outlet's `opening_hours`, as in its data.
    hours: Option<String>,
    /// Its dated notices (closures, extra hours, suspensions).
    #[prop(optional)]
    notices: Option<std::sync::Arc<[emap_core::Notice]>>,
) -> impl IntoView {
    let notices = notices.unwrap_or_else(|| std::sync::Arc::from([]));
    let state = expect_context::<AppState>();
    let data = crate::model::use_data();
    let lang = state.lang.get_untracked();
    let now = opening_now(hours.clone(), notices.clone());
    let day = move |day| {
        let item = state.item.get();
        data.get()
            .timetable
            .day_with(hours.as_deref(), &notices, item.as_deref(), day)
            .map(|p| format!("{} {}", date_label(lang, day), p.windows_text(lang)))
            .unwrap_or_else(|| lang.pick("办公时间未知", "Hours unknown").to_owned())
    };
    let key = {
        let now = now.clone();
        move || match state.open.get() {
            OpenFilter::On(_) => "day",
            _ => now().key(),
        }
    };
    let text = move || match state.open.get() {
        OpenFilter::On(d) => day(d),
        _ => now().label(lang, state.now.get()),
    };
    view! { <span class="open-state" data-state=key>{text}</span> }
}
