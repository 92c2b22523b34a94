//! Planning the visit: a time inside the outlet's open windows in the coming week,
//! added to the resident's calendar as an `.ics` file (Asia/Shanghai time) with the
//! address, the materials and the route link; and a printable guide.

use crate::model::AppData;
use crate::route_prefs::RoutePrefs;
use crate::state::AppState;
use emap_core::booking::Booking;
use emap_core::calendar::{visit_ics, Visit};
use emap_core::hours::{compact, hm, parse_ymd_hm, when, ymd_hm, DateTime, Datelike, Duration};
use emap_core::i18n::Lang;
use emap_core::{Item, Outlet};
use leptos::prelude::*;

/// Visit slots start on the half hour and need half an hour before closing.
const SLOT_MINUTES: i64 = 30;

/// Possible visit starts in the next seven days, soonest first.
fn slots(data: &AppData, outlet: &Outlet, item: &str, now: DateTime) -> Vec<DateTime> {
    // A closure or a suspension of this item takes its days away; extra hours add.
    let Some(days) = data.timetable.week_with(
        outlet.opening_hours.as_deref(),
        &outlet.notices,
        Some(item),
        now.date(),
        7,
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for w in days
        .iter()
        .flat_map(|d| d.windows.iter())
        .filter(|w| !w.unknown)
    {
        let mut t = w.start;
        // Round up to the next half hour.
        let off = (t.and_utc().timestamp() / 60) % SLOT_MINUTES;
        if off != 0 {
            t += Duration::minutes(SLOT_MINUTES - off);
        }
        while t + Duration::minutes(SLOT_MINUTES) <= w.end {
            if t > now && out.last() != Some(&t) {
                out.push(t);
            }
            t += Duration::minutes(SLOT_MINUTES);
        }
    }
    out
}

/// Whether to book, and how: "须预约：交管12123 App；https://…；电话 0535-12122".
/// The outlet's own channels override the item's.
pub fn booking_line(lang: Lang, item: &Item, outlet: &Outlet) -> String {
    let booking = Booking::overriding(outlet.appointment.as_ref(), item.booking.as_ref());
    let channels = booking
        .map(|b| {
            [
                b.mini_program.clone(),
                b.url.clone(),
                b.phone
                    .clone()
                    .map(|p| format!("{}{p}", lang.pick("电话 ", "phone "))),
                b.note(lang).map(|n| n.text.to_owned()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(lang.pick("；", "; "))
        })
        .filter(|c| !c.is_empty());
    let policy = item.appointment.label(lang);
    match channels {
        Some(c) => format!("{policy}{}{c}", lang.pick("：", ": ")),
        None => policy.to_owned(),
    }
}

/// The calendar entry's text: the service, whether to book, what to bring, the fee,
/// the outlet's phone and that day's hours in words.
pub fn visit_description(
    lang: Lang,
    item: &Item,
    outlet: &Outlet,
    day_hours: Option<String>,
) -> String {
    let mut lines = vec![format!(
        "{}{}",
        lang.pick("办理事项：", "Service: "),
        lang.name(&item.name, item.name_en.as_deref())
    )];
    lines.push(format!(
        "{}{}",
        lang.pick("预约：", "Booking: "),
        booking_line(lang, item, outlet)
    ));
    if !item.materials.is_empty() {
        lines.push(lang.pick("需带材料：", "What to bring:").into());
        lines.extend(item.materials(lang).text.iter().map(|m| format!("☐ {m}")));
    }
    if let Some(fee) = item.fee(lang) {
        lines.push(format!("{}{}", lang.pick("费用：", "Fee: "), fee.text));
    }
    if let Some(phone) = &outlet.phone {
        lines.push(format!(
            "{}{phone}",
            lang.pick("网点电话：", "Outlet phone: ")
        ));
    }
    if let Some(h) = day_hours.or_else(|| outlet.opening_hours.clone()) {
        lines.push(format!(
            "{}{h}",
            lang.pick("当天办公时间：", "Hours that day: ")
        ));
    }
    lines.join("\n")
}

/// An option starts with a capital, as the day filter's do ("Tomorrow 09:00").
/// ASCII only: the words are English, and `char::to_uppercase` brings Unicode's case
/// tables into the download (7 kB gzip).
fn capitalized(text: &str) -> String {
    let mut out = text.to_owned();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

#[component]
pub fn VisitPlanner(outlet_id: String, item_id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = crate::model::use_data().untracked();
    let prefs = expect_context::<RoutePrefs>();
    let lang = state.lang.get_untracked();
    // A kiosk's calendar is nobody's: the guide goes to the phone by QR instead.
    let kiosk = state.mode == Some(emap_core::url_state::Mode::Kiosk);
    let (Some(outlet), Some(item)) = (
        data.outlets.get(&outlet_id).cloned(),
        data.catalog.item(&item_id).cloned(),
    ) else {
        return ().into_any();
    };
    let required = item.appointment == emap_core::AppointmentPolicy::Required;
    let d = data.clone();
    let o = outlet.clone();
    let item_id = item.id.clone();
    let choices = Memo::new(move |_| slots(&d, &o, &item_id, state.now.get()));
    let chosen = RwSignal::new(None::<DateTime>);
    let pick = move || {
        chosen
            .get()
            .or_else(|| choices.with(|c| c.first().copied()))
    };
    // Half-hours the outlet's busy profile marks as usually busy are said in the list.
    let busy = outlet.busy.clone();
    let hours = outlet.opening_hours.clone();
    let notices = outlet.notices.clone();
    let d = data.clone();
    let item_id = item.id.clone();
    let day_hours = move |start: DateTime| {
        d.timetable
            .day_with(hours.as_deref(), &notices, Some(&item_id), start.date())
            .map(|p| p.windows_text(lang))
    };
    // Said after the tap: a download is easy to miss, and inside WeChat (where
    // downloads are blocked) the resident needs another way.
    let added = RwSignal::new(None::<String>);
    let in_app = prefs.platform == emap_core::route::Platform::InApp;
    let add = move |_| {
        let Some(start) = pick() else { return };
        let visit = Visit {
            uid: format!("{}@{}@{}", item.id, outlet.id, compact(start)),
            start,
            minutes: 60,
            title: match lang {
                Lang::Zh => format!("办理{}（{}）", item.name, outlet.name),
                Lang::En => format!(
                    "{} at {}",
                    lang.name(&item.name, item.name_en.as_deref()),
                    lang.name(&outlet.name, outlet.name_en.as_deref())
                ),
            },
            address: outlet
                .address(lang)
                .map_or_else(|| outlet.name.clone(), |a| a.text.to_owned()),
            pos: outlet.pos,
            description: visit_description(lang, &item, &outlet, day_hours(start)),
            route_url: Some(prefs.link_for_later(&outlet)),
            stamp_utc: emap_core::hours::shanghai_time(js_sys::Date::now()) - Duration::hours(8),
            lang,
        };
        let when = format!(
            "{} {}",
            emap_core::hours::date_label(lang, start.date()),
            hm(start)
        );
        let details = format!("{}\n{when}\n{}", visit.title, visit.address);
        if in_app {
            added.set(Some(details));
            return;
        }
        let _ = crate::platform::files::download(
            &format!("{}-{}.ics", item.id, compact(start)[..13].replace('T', "-")),
            "text/calendar;charset=utf-8",
            &visit_ics(&visit),
        );
        added.set(Some(details));
    };
    let print = move |_| crate::platform::page::print();
    view! {
        <section class="visit-planner" aria-label=lang.pick("安排到访", "Plan your visit")>
            <h4>{lang.pick("安排到访", "Plan your visit")}</h4>
            // Only a plan: where booking is required, the time is the booking's to give.
            {required.then(|| view! { <p class="plan-note">{lang.pick("此事项须预约：这里只记下您打算去的时间，请先用上面的预约方式约好时段。", "This needs an appointment: this only notes when you mean to go; book a time with the channels above first.")}</p> })}
            {move || {
                let list = choices.get();
                if list.is_empty() {
                    return view! { <p class="no-slots">{lang.pick("未来7天没有可推算的开放时段，请先电话确认。", "No opening times can be worked out for the next 7 days; call first.")}</p> }.into_any();
                }
                let now = state.now.get();
                view! {
                    <label class="visit-time">
                        <span>{lang.pick("到访时间", "Visit at")}</span>
                        <select on:change=move |ev| {
                            let v = event_target_value(&ev);
                            chosen.set(parse_ymd_hm(&v));
                        }>
                            {list.into_iter().map(|t| {
                                let key = ymd_hm(t);
                                let mut label = if t.date() == now.date() { format!("{} {}", lang.pick("今天", "Today"), hm(t)) } else { capitalized(when(lang, now, t).trim()) };
                                let is_busy = busy.as_ref().and_then(|b| b.is_busy(t.date().weekday(), t.time())) == Some(true);
                                if is_busy {
                                    label.push_str(lang.pick(" · 通常人多", " · usually busy"));
                                }
                                view! { <option value=key data-busy=is_busy.then_some("true") selected=move || pick() == Some(t)>{label}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                }.into_any()
            }}
            <div class="visit-actions">
                <button class="add-calendar" hidden=kiosk on:click=add disabled=move || pick().is_none()>{lang.pick("加入日历（.ics）", "Add to calendar (.ics)")}</button>
                <button class="print-guide" on:click=print>{lang.pick("打印办事指南", "Print the guide")}</button>
            </div>
            {move || added.get().map(|details| view! {
                <div class="calendar-added" role="status">
                    {match in_app {
                        false => view! { <p>{lang.pick("已生成日历文件：打开下载的 .ics 文件即可加入手机或电脑的日历。", "A calendar file was made: open the downloaded .ics file to add it to your calendar.")}</p> }.into_any(),
                        true => view! { <p>{lang.pick("微信内无法下载日历文件：请点右上角“···”选择“在浏览器打开”后再加入日历，或长按复制下面的到访信息。", "Downloads are blocked inside WeChat: use ··· at the top right and “Open in browser”, then add it; or press and hold to copy the visit below.")}</p> }.into_any(),
                    }}
                    <textarea class="visit-details" readonly rows="3" aria-label=lang.pick("到访信息", "Visit details")>{details}</textarea>
                </div>
            })}
        </section>
    }
    .into_any()
}
