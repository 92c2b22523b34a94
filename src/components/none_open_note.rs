//! When a time filter leaves no outlet: why (the holiday by name, the hour) and the
//! first time one of the outlets for the need opens, with a tap to it. Never a
//! bare "none open".

use crate::state::AppState;
use emap_core::first_opening::none_open;
use emap_core::hours::{date_label, hm, when, OpenFilter};
use emap_core::i18n::Lang;
use leptos::prelude::*;

#[component]
pub fn NoneOpenNote() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = crate::model::use_data();
    let lang = state.lang.get_untracked();
    move || {
        let filter = state.open.get();
        if filter == OpenFilter::Any
            || state.bundle.with(Option::is_some)
            || state.results.with(|r| !r.is_empty())
        {
            return None;
        }
        let d = data.get();
        let now = state.now.get();
        // Only now, when the list is empty: the outlets for the need at any time.
        let item = state.item.get();
        let hits = emap_core::results::nearest(&d.outlets, item.as_deref(), state.origin.get().pos);
        let why = none_open(
            &d.timetable,
            &d.outlets,
            &hits,
            item.as_deref(),
            filter,
            now,
        );
        let reason = match (filter, &why.holiday, lang) {
            (OpenFilter::On(day), Some(h), Lang::Zh) => {
                format!("{}是{h}假期，网点休息。", date_label(lang, day))
            }
            (OpenFilter::On(day), Some(h), Lang::En) => format!(
                "{} is a public holiday ({h}); outlets are closed.",
                date_label(lang, day)
            ),
            (OpenFilter::On(day), None, Lang::Zh) => {
                format!("{}这些网点都不开门。", date_label(lang, day))
            }
            (OpenFilter::On(day), None, Lang::En) => {
                format!("None of these outlets opens on {}.", date_label(lang, day))
            }
            (_, Some(h), Lang::Zh) => format!("今天是{h}假期，网点休息。"),
            (_, Some(h), Lang::En) => {
                format!("Today is a public holiday ({h}); outlets are closed.")
            }
            (_, None, Lang::Zh) => format!("现在是 {}，网点都未开门。", hm(now)),
            (_, None, Lang::En) => format!("It is {} now; no outlet is open.", hm(now)),
        };
        let first = why
            .first
            .and_then(|f| Some((d.outlets.outlets.get(f.index)?.clone(), f.at)));
        Some(view! {
            <div class="none-open" role="status">
                <p class="none-open-why">{reason}</p>
                {first.map(|(o, at)| {
                    let id = o.id.clone();
                    let name = lang.name(&o.name, o.name_en.as_deref()).to_owned();
                    let day = at.date();
                    let other_day = filter != OpenFilter::On(day);
                    view! {
                        <p class="none-open-first">{match lang {
                            Lang::Zh => format!("最早 {}开门：{name}", when(lang, now, at)),
                            Lang::En => format!("The first to open: {name}, {}", when(lang, now, at)),
                        }}</p>
                        <div class="none-open-actions">
                            <button class="chip" data-first-open=o.id.clone() on:click=move |_| state.show_outlet(id.clone())>
                                {lang.pick("看这个网点", "See this outlet")}
                            </button>
                            {other_day.then(|| view! {
                                <button class="chip" data-open-day=emap_core::hours::ymd(day) on:click=move |_| state.open.set(OpenFilter::On(day))>
                                    {match lang {
                                        Lang::Zh => format!("看{}开放的网点", date_label(lang, day)),
                                        Lang::En => format!("Outlets open on {}", date_label(lang, day)),
                                    }}
                                </button>
                            })}
                        </div>
                    }
                })}
            </div>
        })
    }
}
