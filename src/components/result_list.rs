//! The outlets that can handle the chosen need, nearest first: the list residents
//! on phones prefer to a map, and the map's accessible twin.

use crate::api::AppData;
use crate::route_prefs::{link_target, RoutePrefs};
use crate::state::AppState;
use emap_core::geo::format_distance_zh;
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
        match state
            .item
            .get()
            .and_then(|id| d.catalog.item(&id).map(|i| i.name.clone()))
        {
            Some(name) if n == 0 => format!("暂无网点可办理“{name}”"),
            Some(name) => format!("{n} 个网点可办理“{name}”"),
            None => format!("全部 {n} 个服务网点"),
        }
    };
    let rows = move || {
        let selected = state.outlet.get();
        state.results.with(|hits| {
            hits.iter()
                .take(shown.get())
                .map(|hit| {
                    let o = &data.outlets.outlets[hit.index];
                    let id = o.id.clone();
                    let is_selected = selected.as_deref() == Some(o.id.as_str());
                    let route = prefs.link(&state, o, prefs.provider.get());
                    let route_label = format!("用{}导航到{}", route.provider.label_zh(), o.name);
                    view! {
                        <li class="result" class:selected=is_selected data-outlet-id=o.id.clone()
                            aria-current=is_selected.then_some("true")>
                            <button class="result-button" on:click=move |_| state.show_outlet(id.clone())>
                                <span class="result-main">
                                    <span class="result-name">{o.name.clone()}</span>
                                    <span class="result-kind">{o.kind.label_zh()}</span>
                                </span>
                                <span class="result-distance">{format_distance_zh(hit.distance_m)}</span>
                                <span class="result-address">{o.address.clone().unwrap_or_default()}</span>
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
    view! {
        <div class="results">
            <h2 class="result-count" aria-live="polite">{heading}</h2>
            <ol class="result-list">{rows}</ol>
            {more}
        </div>
    }
}
