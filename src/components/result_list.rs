//! The outlets that can handle the chosen need, nearest first: the list residents
//! on phones prefer to a map, and the map's accessible twin.

use crate::api::AppData;
use crate::components::open_filter::OpenFilterBar;
use crate::route_prefs::{link_target, RoutePrefs};
use crate::state::AppState;
use emap_core::geo::format_distance_zh;
use emap_core::hours::OpenFilter;
use leptos::prelude::*;
use std::sync::Arc;

/// Rows rendered before "show more"; a list of hundreds helps nobody on a phone.
const PAGE: usize = 50;

#[component]
pub fn ResultList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Arc<AppData>>();
    let prefs = expect_context::<RoutePrefs>();
    let shown = RwSignal::new(PAGE);
    // A new need or position starts from the top again.
    Effect::new(move |_| {
        state.results.track();
        shown.set(PAGE);
    });
    let d = data.clone();
    let heading = move || {
        let n = state.results.with(Vec::len);
        let when = match state.open.get() {
            OpenFilter::Any => String::new(),
            OpenFilter::Now => "现在营业、".into(),
            OpenFilter::On(d) => format!("{}开放、", emap_core::hours::date_zh(d)),
        };
        if let Some(b) = state.bundle.get().and_then(|id| d.catalog.bundle(&id).cloned()) {
            return if n == 0 {
                format!("没有{when}能一次办完“{}”的网点", b.name)
            } else {
                format!("{n} 个{when}网点可一次办完“{}”", b.name)
            };
        }
        match state
            .item
            .get()
            .and_then(|id| d.catalog.item(&id).map(|i| i.name.clone()))
        {
            Some(name) if n == 0 => format!("暂无{when}网点可办理“{name}”"),
            Some(name) => format!("{n} 个{when}网点可办理“{name}”"),
            None => format!("全部 {n} 个{when}服务网点"),
        }
    };
    let rows = move || {
        let selected = state.outlet.get();
        let now = state.now.get();
        state.results.with(|hits| {
            hits.iter()
                .take(shown.get())
                .map(|hit| {
                    let o = &data.outlets.outlets[hit.index];
                    let id = o.id.clone();
                    let is_selected = selected.as_deref() == Some(o.id.as_str());
                    let route = prefs.link(&state, o, prefs.provider.get());
                    let route_label = format!("用{}导航到{}", route.provider.label_zh(), o.name);
                    let open = data.timetable.state(o.opening_hours.as_deref(), now);
                    view! {
                        <li class="result" class:selected=is_selected data-outlet-id=o.id.clone() data-open-state=open.key()
                            aria-current=is_selected.then_some("true")>
                            <button class="result-button" on:click=move |_| state.show_outlet(id.clone())>
                                <span class="result-main">
                                    <span class="result-name">{o.name.clone()}</span>
                                    <span class="result-kind">{o.kind.label_zh()}</span>
                                </span>
                                <span class="result-distance">{format_distance_zh(hit.distance_m)}</span>
                                <span class="result-address">{o.address.clone().unwrap_or_default()}</span>
                                <span class="open-state" data-state=open.key()>{open.label_zh(now)}</span>
                            </button>
                            <a class="row-route" href=route.url.clone() target=link_target(&route.url) rel="noopener noreferrer"
                                data-provider=route.provider.key() aria-label=route_label>"导航"</a>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let more = move || {
        let total = state.results.with(Vec::len);
        let n = shown.get();
        (total > n).then(|| view! {
            <button class="more" on:click=move |_| shown.update(|s| *s += PAGE)>{format!("显示更多（还有 {} 个）", total - n)}</button>
        })
    };
    // A bundle no outlet does in one trip is shown as a plan of trips instead.
    let trips_only = move || {
        state
            .bundle_plan
            .with(|p| p.as_ref().is_some_and(|p| p.one_trip.is_empty()))
    };
    view! {
        <div class="results" class:hidden=trips_only>
            <OpenFilterBar/>
            <h2 class="result-count" aria-live="polite">{heading}</h2>
            <ol class="result-list">{rows}</ol>
            {more}
        </div>
    }
}
