//! An outlet's open windows for the next seven days, holidays and make-up working
//! days marked, so a resident can pick a day that is not wasted.

use crate::state::AppState;
use emap_core::hours::{date_label, Datelike, DayPlan};
use emap_core::i18n::{holiday_name, Lang};
use leptos::prelude::*;

/// "今天 12月3日（周四）": the relative word in its own span, which paper leaves out
/// (a printed 今天 is wrong the day after).
fn day_label(lang: Lang, today: emap_core::hours::Date, day: &DayPlan) -> impl IntoView {
    let relative = match (day.date - today).num_days() {
        0 => Some(lang.pick("今天 ", "Today, ")),
        1 => Some(lang.pick("明天 ", "Tomorrow, ")),
        _ => None,
    };
    view! {
        {relative.map(|r| view! { <span class="relative-day">{r}</span> })}
        {date_label(lang, day.date)}
    }
}

#[component]
pub fn WeekHours(
    hours: Option<String>,
    /// The outlet's dated notices: a closure or extra hours change the days shown.
    #[prop(optional)]
    notices: Option<std::sync::Arc<[emap_core::Notice]>>,
) -> impl IntoView {
    let notices = notices.unwrap_or_else(|| std::sync::Arc::from([]));
    let state = expect_context::<AppState>();
    let data = crate::model::use_data().untracked();
    move || {
        // Read here, tracked: the view follows a change of language wherever it sits.
        let lang = state.lang.get();
        let today = state.now.get().date();
        let item = state.item.get();
        let Some(days) =
            data.timetable
                .week_with(hours.as_deref(), &notices, item.as_deref(), today, 7)
        else {
            return view! {
                <p class="week-unknown">{lang.pick("无法推算开放时间，请以网点公告或电话为准。", "Opening times cannot be worked out; check the outlet's notice or call.")}</p>
            }
            .into_any();
        };
        // `PH` rules need the year's holiday file; without it, say so.
        let uncovered: Vec<i32> = days
            .iter()
            .map(|d| d.date.year())
            .filter(|y| !data.timetable.holidays().covers(*y))
            .collect();
        let caveat = (!uncovered.is_empty()).then(|| {
            view! { <p class="week-caveat">{lang.pick(format!("未载入{}年法定节假日安排，节假日请以网点公告为准。", uncovered[0]), format!("The {} public holiday calendar is not loaded; on holidays check the outlet's notice.", uncovered[0]))}</p> }
        });
        view! {
            <table class="week-hours">
                <caption>{lang.pick("未来7天开放时间", "Next 7 days")}</caption>
                <tbody>
                    {days.iter().map(|d| {
                        let tag = d.holiday.as_ref().map(|h| match (h.off, lang) {
                            (true, Lang::Zh) => format!("{}假期", h.name),
                            (false, Lang::Zh) => format!("{}调休上班", h.name),
                            (true, Lang::En) => format!("{} holiday", holiday_name(lang, &h.name)),
                            (false, Lang::En) => format!("working day in exchange for {}", holiday_name(lang, &h.name)),
                        });
                        view! {
                            <tr class:closed-day=d.windows.is_empty() data-date=emap_core::hours::ymd(d.date)>
                                <th scope="row">{day_label(lang, today, d)}</th>
                                <td>{
                                    // One window never breaks across lines; a day's windows may.
                                    let text = d.windows_text(lang);
                                    let sep = lang.pick("、", ", ");
                                    let parts: Vec<String> = text.split(sep).map(str::to_owned).collect();
                                    let last = parts.len().saturating_sub(1);
                                    parts.into_iter().enumerate().map(|(i, w)| view! {
                                        <span class="window">{w}{(i < last).then_some(sep)}</span>
                                    }).collect_view()
                                }{tag.map(|t| view! { <span class="holiday-tag">{t}</span> })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {caveat}
        }
        .into_any()
    }
}
