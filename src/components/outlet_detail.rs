//! One outlet: where it is, how to reach it by phone, when it is open, what it can
//! do, and how to book.

use crate::api::AppData;
use crate::components::route_links::RouteLinks;
use crate::state::{AppState, Tab};
use emap_core::geo::{distance_m, format_distance_zh};
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
                <RouteLinks outlet_id=o.id.clone()/>
                {o.notice.clone().map(|n| view! { <p class="notice">{n}</p> })}
                {o.appointment.clone().map(|a| view! {
                    <section class="booking" aria-label="预约">
                        <h3>"预约"</h3>
                        {a.note.clone().map(|n| view! { <p>{n}</p> })}
                        {a.url.clone().map(|u| view! { <p><a class="book" href=u target="_blank" rel="noopener noreferrer">"在线预约"</a></p> })}
                        {a.phone.clone().map(|p| view! { <p>"预约电话 " <a href=format!("tel:{}", p.replace([' ', '-'], ""))>{p.clone()}</a></p> })}
                    </section>
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
