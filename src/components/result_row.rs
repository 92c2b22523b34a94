//! One outlet in the result list: its name, distance, whether it is open, and a
//! route link. Made once per outlet and distance, and kept while the list changes
//! around it: what can change later (selected, open now, the route, its place in
//! the list) is updated in place, so a new need or a scroll touches only new rows.

use super::open_state::OpenState;
use crate::platform::page::web_fallback;
use crate::route_prefs::{link_target, RoutePrefs};
use crate::state::AppState;
use emap_core::geo::format_distance;
use emap_core::i18n::Lang;
use emap_core::Outlet;
use leptos::prelude::*;

#[component]
pub fn ResultRow(
    outlet: Outlet,
    distance_m: f64,
    /// Its place in the whole list, from 1 (screen readers say "5 of 834").
    #[prop(into)]
    position: Signal<usize>,
    /// How many outlets the whole list has.
    #[prop(into)]
    total: Signal<usize>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let prefs = expect_context::<RoutePrefs>();
    let lang = state.lang.get_untracked();
    let id = outlet.id.clone();
    let is_selected = {
        let id = id.clone();
        move || state.outlet.with(|s| s.as_deref() == Some(id.as_str()))
    };
    // Cheap to ask again: the timetable keeps its answer per value and minute.
    let open = super::open_state::opening_now(outlet.opening_hours.clone(), outlet.notices.clone());
    // The first notice in force or coming within a week, for this need: "12月12日起暂停受理".
    let notice_line = {
        let notices = outlet.notices.clone();
        move || {
            let now = state.now.get();
            let item = state.item.get();
            emap_core::notices::shown(&notices, now)
                .into_iter()
                .find(|n| n.concerns(item.as_deref()))
                .map(|n| {
                    view! { <span class="row-notice" data-notice-kind=n.kind.key()>{n.line(lang, now)}</span> }
                })
        }
    };
    let sep = lang.pick("，", ", ");
    let name = lang
        .name(&outlet.name, outlet.name_en.as_deref())
        .to_owned();
    // The route link follows the resident's position, provider and mode: redrawn whole
    // when one of them changes, which is rare.
    // No route to a position that is probably a placeholder.
    let route = (!outlet.position_unsure).then(|| {
        let name = name.clone();
        let outlet = outlet.clone();
        move || {
            let r = prefs.link(&state, &outlet, prefs.provider.get());
            let label = match lang {
                Lang::Zh => format!("用{}导航到{}", r.provider.label_zh(), outlet.name),
                Lang::En => format!("Go to {name} with {}", r.provider.label(lang)),
            };
            view! {
                <a class="row-route" href=r.url.clone() target=link_target(&r.url) rel="noopener noreferrer"
                    on:click=move |ev| web_fallback(&ev, r.web.clone())
                    data-provider=r.provider.key() aria-label=label>{lang.pick("导航", "Go")}</a>
            }
        }
    });
    // Queues now, from the live feed, while its figures are fresh; ordered by total
    // time, what that total is made of.
    let live = crate::net::live_status::use_live().map(|live| {
        let id = id.clone();
        move || {
            let now = state.now.get();
            live.status.with(|s| {
                let entry = s.entry(&id, now);
                let total = state.by_time.get().then(|| {
                    let mode = prefs.mode.get();
                    let route = mode.minutes(distance_m);
                    let all = emap_core::status::total_minutes(route, entry);
                    let text = match (lang, entry.and_then(|l| l.wait_minutes)) {
                        (Lang::Zh, Some(w)) => {
                            format!("共约 {all} 分钟（{}{route} + 排队 {w}）", mode.label(lang))
                        }
                        (Lang::Zh, None) => {
                            format!("{}约 {route} 分钟，排队不详", mode.label(lang))
                        }
                        (Lang::En, Some(w)) => format!(
                            "About {all} min in all ({} {route} + queue {w})",
                            mode.label(lang)
                        ),
                        (Lang::En, None) => {
                            format!("{} about {route} min; queue unknown", mode.label(lang))
                        }
                    };
                    view! { <span class="row-total">{text}</span> }
                });
                let line = entry.map(|l| {
                    view! {
                        <span class="live-status" data-busy=emap_core::status::Busy::of(l).key()>
                            {l.line(lang)} <span class="live-updated">{l.updated_line(lang)}</span>
                        </span>
                    }
                });
                (line, total)
            })
        }
    });
    let chosen = id.clone();
    let priority = outlet.access.priority();
    view! {
        <li class="result" class:selected=is_selected.clone() data-outlet-id=id.clone()
            data-open-state=move || open().key()
            aria-current=move || is_selected().then_some("true")
            aria-posinset=move || position.get() aria-setsize=move || total.get()>
            <button class="result-button" on:click=move |_| state.show_outlet(chosen.clone())>
                // The pauses a screen reader needs between the parts ("初家派出所，派出所，1.8 公里").
                <span class="result-main">
                    <span class="result-name" lang=outlet.name_en.is_none().then_some("zh-CN")>{name}</span>
                    <span class="sr-only">{sep}</span>
                    <span class="result-kind">{outlet.kind.label(lang)}</span>
                    // Why 长辈版 lists it first.
                    {move || (priority && state.elder.get()).then(|| view! { <span class="row-priority">{lang.pick("绿色通道", "Priority window")}</span> })}
                </span>
                <span class="sr-only">{sep}</span>
                <span class="result-distance" class:unsure=outlet.position_unsure>{format_distance(lang, distance_m)}</span>
                <span class="sr-only">{sep}</span>
                {
                    // Always there, empty or not: every row keeps one shape.
                    let (text, tag) = outlet.address(lang).map_or((String::new(), None), |a| (a.text.to_owned(), a.lang_attr(lang)));
                    view! { <span class="result-address" lang=tag>{text}</span> }
                }
                <span class="sr-only">{sep}</span>
                <OpenState hours=outlet.opening_hours.clone() notices=outlet.notices.clone()/>
                {notice_line}
                {live}
            </button>
            {route}
        </li>
    }
}
