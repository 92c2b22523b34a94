//! One outlet: where it is, how to reach it by phone, when it is open, what it can
//! do, and how to book.

use crate::api::AppData;
use crate::components::print_sheet::PrintSheet;
use crate::components::route_links::RouteLinks;
use crate::components::visit_planner::VisitPlanner;
use crate::components::week_hours::WeekHours;
use crate::state::{AppState, Tab};
use emap_core::geo::{distance_m, format_distance_zh};
use emap_core::catalog::AppointmentPolicy;
use emap_core::outlets::Booking;
use emap_core::Category;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn OutletDetail() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Arc<AppData>>();
    move || {
        let id = state.outlet.get()?;
        let o = data.outlets.get(&id)?.clone();
        let chosen = state.item.get();
        let distance = format_distance_zh(distance_m(state.origin.get().pos, o.pos));
        let groups: Vec<(Category, Vec<(String, bool)>)> = Category::ALL
            .into_iter()
            .filter_map(|c| {
                let names: Vec<(String, bool)> = o
                    .items
                    .iter()
                    .filter_map(|i| data.catalog.item(i))
                    .filter(|i| i.category == c)
                    .map(|i| (i.name.clone(), chosen.as_deref() == Some(i.id.as_str())))
                    .collect();
                (!names.is_empty()).then_some((c, names))
            })
            .collect();
        let item = chosen.as_deref().and_then(|i| data.catalog.item(i)).cloned();
        // The outlet's own booking channels override the item's general ones.
        let booking = Booking::overriding(o.appointment.as_ref(), item.as_ref().and_then(|i| i.booking.as_ref()));
        let policy = item.as_ref().map(|i| match i.appointment {
            AppointmentPolicy::Required => ("须预约", "required"),
            AppointmentPolicy::Recommended => ("建议预约", "recommended"),
            AppointmentPolicy::None => ("无需预约，可直接前往", "none"),
        });
        let d = data.clone();
        let hours = o.opening_hours.clone();
        let open_state = move || {
            let now = state.now.get();
            let s = d.timetable.state(hours.as_deref(), now);
            view! { <p class="open-state detail-open-state" data-open-state=s.key()>{s.label_zh(now)}</p> }
        };
        let handles_item = item.as_ref().is_some_and(|i| o.items.contains(&i.id));
        let tel = o
            .phone
            .clone()
            .map(|p| format!("tel:{}", p.replace([' ', '-'], "")));
        Some(view! {
            <article class="detail" data-detail-outlet=o.id.clone() aria-labelledby="detail-name">
                <div class="detail-head">
                    <div>
                        <h2 id="detail-name">{o.name.clone()}</h2>
                        <p class="detail-kind">{o.kind.label_zh()} " · " {distance}</p>
                        {open_state}
                    </div>
                    <button class="close" aria-label="关闭详情" on:click=move |_| state.outlet.set(None)>"×"</button>
                </div>
                <dl class="facts">
                    {o.address.clone().map(|a| view! { <dt>"地址"</dt><dd class="detail-address">{a}</dd> })}
                    {o.phone.clone().zip(tel).map(|(p, t)| view! { <dt>"电话"</dt><dd><a class="call" href=t>{p}</a></dd> })}
                    {o.opening_hours.clone().map(|h| view! { <dt>"办公时间"</dt><dd class="hours">{h}</dd> })}
                    {o.wheelchair.clone().map(|w| view! { <dt>"无障碍"</dt><dd>{match w.as_str() { "yes" => "有无障碍通道", "limited" => "部分无障碍", "no" => "无无障碍设施", _ => "未知" }}</dd> })}
                    {o.website.clone().map(|w| view! { <dt>"网站"</dt><dd><a href=w.clone() target="_blank" rel="noopener noreferrer">{w.clone()}</a></dd> })}
                </dl>
                <WeekHours hours=o.opening_hours.clone()/>
                <RouteLinks outlet_id=o.id.clone()/>
                {o.notice.clone().map(|n| view! { <p class="notice">{n}</p> })}
                {policy.map(|(label, key)| view! {
                    <p class="detail-policy">{format!("办理“{}”：", item.as_ref().map(|i| i.name.clone()).unwrap_or_default())}
                        <span class="policy" data-appointment=key>{label}</span></p>
                })}
                {booking.map(|a| view! {
                    <section class="booking" aria-label="预约">
                        <h3>"预约方式"</h3>
                        {a.note.clone().map(|n| view! { <p>{n}</p> })}
                        {a.mini_program.clone().map(|m| view! { <p class="book-mini">"小程序/App：" {m}</p> })}
                        {a.url.clone().map(|u| view! { <p><a class="book" href=u target="_blank" rel="noopener noreferrer">"在线预约"</a></p> })}
                        {a.phone.clone().map(|p| view! { <p>"预约电话 " <a href=format!("tel:{}", p.replace([' ', '-'], ""))>{p.clone()}</a></p> })}
                    </section>
                })}
                {handles_item.then(|| {
                    let item_id = item.as_ref().map(|i| i.id.clone()).unwrap_or_default();
                    view! {
                        <VisitPlanner outlet_id=o.id.clone() item_id=item_id.clone()/>
                        <PrintSheet outlet_id=o.id.clone() item_id=item_id/>
                    }
                })}
                <section class="items" aria-label="可办事项">
                    <h3>{format!("可办事项（{} 项）", o.items.len())}</h3>
                    {groups.into_iter().map(|(c, names)| view! {
                        <h4>{c.label_zh()}</h4>
                        <ul class="item-list">
                            {names.into_iter().map(|(n, is_chosen)| view! { <li class:chosen-item=is_chosen>{n}</li> }).collect_view()}
                        </ul>
                    }).collect_view()}
                </section>
                <button class="show-on-map" on:click=move |_| state.tab.set(Tab::Map)>"在地图上查看"</button>
            </article>
        })
    }
}
