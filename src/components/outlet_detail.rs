//! One outlet: where it is, how to reach it by phone, when it is open, what it can
//! do, and how to book.

use crate::components::busy_hours::BusyHours;
use crate::components::outlet_notices::OutletNotices;
use crate::components::outlet_trust::OutletTrust;
use crate::components::print_sheet::PrintSheet;
use crate::components::route_links::RouteLinks;
use crate::components::visit_planner::VisitPlanner;
use crate::components::week_hours::WeekHours;
use crate::state::{AppState, Tab};
use emap_core::booking::Booking;
use emap_core::geo::format_distance;
use emap_core::Category;
use leptos::prelude::*;

#[component]
pub fn OutletDetail() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = crate::model::use_data();
    move || {
        // Read here, tracked: the view follows a change of language wherever it sits.
        let lang = state.lang.get();
        let data = data.get();
        let id = state.outlet.get()?;
        let o = data.outlets.get(&id)?.clone();
        let chosen = state.item.get();
        let distance = format_distance(lang, o.distance_from(state.origin.get().pos));
        let groups: Vec<(Category, Vec<(String, bool)>)> = Category::ALL
            .into_iter()
            .filter_map(|c| {
                let names: Vec<(String, bool)> = o
                    .items
                    .iter()
                    .filter_map(|i| data.catalog.item(i))
                    .filter(|i| i.category == c)
                    .map(|i| {
                        (
                            lang.name(&i.name, i.name_en.as_deref()).to_owned(),
                            chosen.as_deref() == Some(i.id.as_str()),
                        )
                    })
                    .collect();
                (!names.is_empty()).then_some((c, names))
            })
            .collect();
        let chosen_item = chosen
            .as_deref()
            .and_then(|i| data.catalog.item(i))
            .cloned();
        // A link may name an outlet that does not handle the need (a shared link, a
        // portal's stale one): say so, instead of that need's booking rules here.
        let not_here = chosen_item
            .as_ref()
            .filter(|i| !o.items.contains(&i.id))
            .map(|i| lang.name(&i.name, i.name_en.as_deref()).to_owned());
        let item = chosen_item.filter(|i| o.items.contains(&i.id));
        // The outlet's own booking channels override the item's general ones.
        let booking = Booking::overriding(
            o.appointment.as_ref(),
            item.as_ref().and_then(|i| i.booking.as_ref()),
        );
        let policy = item
            .as_ref()
            .map(|i| (i.appointment.label(lang), i.appointment.key()));
        let walk_in = item
            .as_ref()
            .is_some_and(|i| i.appointment == emap_core::AppointmentPolicy::None);
        let d = data.clone();
        let hours = o.opening_hours.clone();
        let notices = o.notices.clone();
        let item_id = chosen.clone();
        let open_state = move || {
            let now = state.now.get();
            let s = d
                .timetable
                .state_with(hours.as_deref(), &notices, item_id.as_deref(), now);
            view! { <p class="open-state detail-open-state" data-open-state=s.key()>{s.label(lang, now)}</p> }
        };
        let handles_item = item.is_some();
        // Queues now, and the earliest slot for the chosen item where the booking
        // system gives it; nothing when the figures are stale.
        let live_line = crate::net::live_status::use_live().map(|live| {
            let id = o.id.clone();
            let item_id = chosen.clone();
            move || {
                let now = state.now.get();
                live.status.with(|s| {
                    s.entry(&id, now).map(|l| {
                        let slot = item_id.as_deref().and_then(|i| l.next_slot(i)).map(|t| match lang {
                            emap_core::i18n::Lang::Zh => format!("最早可约 {}", emap_core::hours::when(lang, now, t)),
                            emap_core::i18n::Lang::En => format!("Earliest booking {}", emap_core::hours::when(lang, now, t)),
                        });
                        view! {
                            <p class="live-status detail-live" data-busy=emap_core::status::Busy::of(l).key()>
                                {l.line(lang)} <span class="live-updated">{l.updated_line(lang)}</span>
                                {slot.map(|s| view! { <span class="live-slot">{s}</span> })}
                            </p>
                        }
                    })
                })
            }
        });
        let raw_hours = o.opening_hours.clone().filter(|h| {
            data.timetable
                .day(Some(h), state.now.get_untracked().date())
                .is_none()
        });
        let access = o.access.facts(lang);
        let tel = o
            .phone
            .clone()
            .map(|p| format!("tel:{}", p.replace([' ', '-'], "")));
        Some(view! {
            <article class="detail" data-detail-outlet=o.id.clone() aria-labelledby="detail-name"
                on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Escape" { state.close_outlet() }>
                <div class="detail-head">
                    <div>
                        <h2 id="detail-name" node_ref=state.screen.anchors.detail_name tabindex="-1" lang=o.name_en.is_none().then_some("zh-CN")>{lang.name(&o.name, o.name_en.as_deref()).to_owned()}</h2>
                        <p class="detail-kind">{o.kind.label(lang)} " · " {distance}</p>
                        {open_state}
                        {live_line}
                    </div>
                    <button class="close" aria-label=lang.pick("关闭详情", "Close details") on:click=move |_| state.close_outlet()>"×"</button>
                </div>
                <OutletNotices outlet_id=o.id.clone()/>
                <dl class="facts">
                    {o.address(lang).map(|a| view! { <dt>{lang.pick("地址", "Address")}</dt><dd class="detail-address" lang=a.lang_attr(lang)>{a.text.to_owned()}</dd> })}
                    {o.phone.clone().zip(tel).map(|(p, t)| view! { <dt>{lang.pick("电话", "Phone")}</dt><dd><a class="call" href=t>{p}</a></dd> })}
                    // The week's table below says it in words; the raw value only when it cannot.
                    {raw_hours.map(|h| view! { <dt>{lang.pick("办公时间", "Hours")}</dt><dd class="hours">{h}</dd> })}
                    {(!access.is_empty()).then(|| view! { <dt>{lang.pick("无障碍与便民", "Access")}</dt><dd><ul class="access-facts">{access.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul></dd> })}
                    {o.website.clone().map(|w| view! { <dt>{lang.pick("网站", "Website")}</dt><dd><a href=w.clone() target="_blank" rel="noopener noreferrer">{w.clone()}</a></dd> })}
                </dl>
                <WeekHours hours=o.opening_hours.clone() notices=o.notices.clone()/>
                <BusyHours outlet_id=o.id.clone()/>
                <RouteLinks outlet_id=o.id.clone()/>
                {o.notice(lang).map(|n| view! { <p class="notice" lang=n.lang_attr(lang)>{n.text.to_owned()}</p> })}
                {not_here.map(|name| view! {
                    <div class="not-here" role="note">
                        <p>{lang.pick(format!("本网点不办理“{name}”。"), format!("This outlet does not handle “{name}”."))}</p>
                        <button class="link-button" on:click=move |_| state.outlet.set(None)>{lang.pick(format!("看可办理“{name}”的网点"), format!("Outlets that handle “{name}”"))}</button>
                    </div>
                })}
                {policy.map(|(label, key)| view! {
                    <p class="detail-policy">{
                        let name = item.as_ref().map(|i| lang.name(&i.name, i.name_en.as_deref()).to_owned()).unwrap_or_default();
                        lang.pick(format!("办理“{name}”："), format!("“{name}”: "))
                    }
                        <span class="policy" data-appointment=key>{label}</span></p>
                })}
                {booking.map(|a| view! {
                    <section class="booking" aria-label=lang.pick("预约", "Booking")>
                        // Under "no appointment needed", booking is a choice, not a step.
                        <h3>{match walk_in {
                            true => lang.pick("也可预约", "Booking is optional"),
                            false => lang.pick("预约方式", "How to book"),
                        }}</h3>
                        {a.note(lang).map(|n| view! { <p lang=n.lang_attr(lang)>{n.text.to_owned()}</p> })}
                        {a.mini_program.clone().map(|m| view! { <p class="book-mini">{lang.pick("小程序/App：", "Mini-program / app: ")} <span lang="zh-CN">{m}</span></p> })}
                        {a.url.clone().map(|u| view! { <p><a class="book" href=u target="_blank" rel="noopener noreferrer">{lang.pick("在线预约", "Book online")}</a></p> })}
                        {a.phone.clone().map(|p| view! { <p>{lang.pick("预约电话 ", "Booking phone ")} <a href=format!("tel:{}", p.replace([' ', '-'], ""))>{p.clone()}</a></p> })}
                    </section>
                })}
                {handles_item.then(|| {
                    let item_id = item.as_ref().map(|i| i.id.clone()).unwrap_or_default();
                    view! {
                        <VisitPlanner outlet_id=o.id.clone() item_id=item_id.clone()/>
                        <PrintSheet outlet_id=o.id.clone() item_id=item_id/>
                    }
                })}
                <section class="items" aria-label=lang.pick("可办事项", "Services here")>
                    <h3>{lang.pick(format!("可办事项（{} 项）", o.items.len()), format!("Services here ({})", o.items.len()))}</h3>
                    {groups.into_iter().map(|(c, names)| view! {
                        <h4>{c.label(lang)}</h4>
                        <ul class="item-list">
                            {names.into_iter().map(|(n, is_chosen)| view! { <li class:chosen-item=is_chosen>{n}</li> }).collect_view()}
                        </ul>
                    }).collect_view()}
                </section>
                <OutletTrust outlet_id=o.id.clone()/>
                <button class="show-on-map" on:click=move |_| state.screen.tab.set(Tab::Map)>{lang.pick("在地图上查看", "Show on the map")}</button>
            </article>
        })
    }
}
