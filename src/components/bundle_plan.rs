//! A life event (一件事): its items, and where to do them all: one trip when some
//! outlet can, otherwise the fewest trips.

use crate::api::AppData;
use crate::state::AppState;
use emap_core::geo::format_distance_zh;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn BundlePlanView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = expect_context::<Arc<AppData>>();
    move || {
        let bundle = data.catalog.bundle(&state.bundle.get()?)?.clone();
        let plan = state.bundle_plan.get()?;
        let name_of = |id: &str| {
            data.catalog
                .item(id)
                .map(|i| i.name.clone())
                .unwrap_or_else(|| id.to_owned())
        };
        let items = bundle
            .items
            .iter()
            .map(|id| {
                let id = id.clone();
                let name = name_of(&id);
                view! {
                    <li><button class="link-button bundle-item" data-item-id=id.clone()
                        on:click=move |_| state.choose_item(Some(id.clone()))>{name}</button></li>
                }
            })
            .collect_view();
        let summary = if !plan.one_trip.is_empty() {
            view! { <p class="bundle-one-trip" role="status">{format!("下列网点可一次办完全部 {} 项，不用多跑。", bundle.items.len())}</p> }.into_any()
        } else if plan.trips.is_empty() {
            view! { <p class="bundle-none" role="status">"暂无网点可办理这些事项。"</p> }.into_any()
        } else {
            let trips = plan
                .trips
                .iter()
                .enumerate()
                .map(|(n, t)| {
                    let o = &data.outlets.outlets[t.hit.index];
                    let id = o.id.clone();
                    let names = t.items.iter().map(|i| name_of(i)).collect::<Vec<_>>().join("、");
                    view! {
                        <li class="trip" data-outlet-id=o.id.clone()>
                            <span class="trip-n">{format!("第{}趟", n + 1)}</span>
                            <button class="link-button" on:click=move |_| state.show_outlet(id.clone())>{o.name.clone()}</button>
                            <span class="result-distance">{format_distance_zh(t.hit.distance_m)}</span>
                            <span class="trip-items">{format!("办：{names}")}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="bundle-trips">
                    <p role="status">{format!("没有一个网点能一次办完，最少要跑 {} 趟：", plan.trips.len())}</p>
                    <ol class="trip-list">{trips}</ol>
                </div>
            }
            .into_any()
        };
        let missing = (!plan.missing.is_empty()).then(|| {
            let names = plan.missing.iter().map(|i| name_of(i)).collect::<Vec<_>>().join("、");
            view! { <p class="bundle-missing">{format!("以下事项暂无网点可办：{names}")}</p> }
        });
        Some(view! {
            <section class="bundle-plan" aria-label="一件事" data-bundle-id=bundle.id.clone()>
                <div class="chosen">
                    <div>
                        <span class="chosen-label">"一件事"</span>
                        <strong class="chosen-name">{bundle.name.clone()}</strong>
                    </div>
                    <button class="link-button" on:click=move |_| state.choose_bundle(None)>"换一个"</button>
                </div>
                <p class="bundle-items-label">{format!("包含 {} 个事项（点开看办理须知）：", bundle.items.len())}</p>
                <ul class="bundle-items">{items}</ul>
                {summary}
                {missing}
            </section>
        })
    }
}
