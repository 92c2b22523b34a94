//! When an outlet is usually quiet, and today's usual busy half-hours, from the busy
//! week profile its data gives (past ticket counts): "周二下午人少".

use crate::state::AppState;
use emap_core::hours::Datelike;
use leptos::prelude::*;

#[component]
pub fn BusyHours(outlet_id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = crate::model::use_data();
    move || {
        let lang = state.lang.get();
        let data = data.get();
        let busy = data.outlets.get(&outlet_id)?.busy.clone()?;
        let quiet = busy.quiet_times(lang);
        let spans: Vec<String> = busy
            .busy_spans(state.now.get().date().weekday())
            .into_iter()
            .map(|(a, b)| format!("{}–{}", a.format("%H:%M"), b.format("%H:%M")))
            .collect();
        if quiet.is_none() && spans.is_empty() {
            return None;
        }
        // Each span kept on one line: "13:00–/14:00" broke at 390 px.
        let today = (!spans.is_empty()).then(|| {
            let n = spans.len();
            let list = spans
                .into_iter()
                .enumerate()
                .map(|(i, s)| {
                    let sep = (i + 1 < n).then(|| lang.pick("、", ", "));
                    view! { <span class="busy-span">{s}</span>{sep} }
                })
                .collect_view();
            view! {
                <p class="busy-today">{lang.pick("今天通常人多：", "Usually busy today: ")}{list}</p>
            }
        });
        Some(view! {
            <section class="busy-hours" aria-label=lang.pick("人多人少", "Busy and quiet times")>
                {quiet.map(|q| view! { <p class="quiet-times">{q}</p> })}
                {today}
                <p class="busy-source">{lang.pick("据以往取号数统计，仅供参考。", "From past ticket counts; a guide only.")}</p>
            </section>
        })
    }
}
