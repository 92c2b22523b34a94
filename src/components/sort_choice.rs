//! Nearest first, or quickest first: the route's estimate plus the live queue. Shown
//! only where the config names a live status feed.

use crate::route_prefs::RoutePrefs;
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn SortChoice() -> impl IntoView {
    let state = expect_context::<AppState>();
    let prefs = expect_context::<RoutePrefs>();
    crate::net::live_status::use_live().map(|_| {
        move || {
            let lang = state.lang.get();
            let by_time = state.by_time.get();
            let mode = prefs.mode.get().label(lang);
            view! {
                <div class="sort-choice" role="group" aria-label=lang.pick("排序", "Order")>
                    <button class="chip" data-sort="distance" aria-pressed=(!by_time).to_string()
                        on:click=move |_| state.by_time.set(false)>{lang.pick("距离最近", "Nearest")}</button>
                    <button class="chip" data-sort="time" aria-pressed=by_time.to_string()
                        on:click=move |_| state.by_time.set(true)>{lang.pick("总用时最短", "Quickest in all")}</button>
                    {by_time.then(|| view! {
                        <p class="sort-note">{match lang {
                            emap_core::i18n::Lang::Zh => format!("按{mode}路上时间加现在的排队时间估算；没有实时排队数据的网点只算路上时间。"),
                            emap_core::i18n::Lang::En => format!("{mode} time plus the queue now; outlets without live queue figures count the journey only."),
                        }}</p>
                    })}
                </div>
            }
        }
    })
}
