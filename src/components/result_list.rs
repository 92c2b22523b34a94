//! The outlets that can handle the chosen need, nearest first: the list residents
//! on phones prefer to a map, and the map's accessible twin.

use crate::components::open_filter::OpenFilterBar;
use crate::route_prefs::{link_target, RoutePrefs};
use crate::state::AppState;
use emap_core::geo::format_distance;
use emap_core::hours::{date_label, OpenFilter};
use emap_core::i18n::Lang;
use leptos::prelude::*;

/// Rows rendered before "show more"; a list of hundreds helps nobody on a phone.
const PAGE: usize = 50;

#[component]
pub fn ResultList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = crate::api::use_data();
    let prefs = expect_context::<RoutePrefs>();
    let lang = state.lang.get_untracked();
    let shown = RwSignal::new(PAGE);
    // A new need or position starts from the top again.
    Effect::new(move |_| {
        state.results.track();
        shown.set(PAGE);
    });
    let d = data.untracked();
    let heading = move || {
        let n = state.results.with(Vec::len);
        let when = match (state.open.get(), lang) {
            (OpenFilter::Any, _) => String::new(),
            (OpenFilter::Now, Lang::Zh) => "现在营业、".into(),
            (OpenFilter::On(d), Lang::Zh) => format!("{}开放、", date_label(lang, d)),
            (OpenFilter::Now, Lang::En) => " open now".into(),
            (OpenFilter::On(d), Lang::En) => format!(" open on {}", date_label(lang, d)),
        };
        if let Some(b) = state
            .bundle
            .get()
            .and_then(|id| d.catalog.bundle(&id).cloned())
        {
            let name = lang.name(&b.name, b.name_en.as_deref());
            return match (n, lang) {
                (0, Lang::Zh) => format!("没有{when}能一次办完“{name}”的网点"),
                (_, Lang::Zh) => format!("{n} 个{when}网点可一次办完“{name}”"),
                (0, Lang::En) => format!("No outlet{when} does all of “{name}” in one trip"),
                (_, Lang::En) => format!("{n} outlets{when} do all of “{name}” in one trip"),
            };
        }
        let item = state.item.get().and_then(|id| d.catalog.item(&id).cloned());
        let name = item
            .as_ref()
            .map(|i| lang.name(&i.name, i.name_en.as_deref()).to_owned());
        match (name, lang) {
            (Some(name), Lang::Zh) if n == 0 => format!("暂无{when}网点可办理“{name}”"),
            (Some(name), Lang::Zh) => format!("{n} 个{when}网点可办理“{name}”"),
            (None, Lang::Zh) => format!("全部 {n} 个{when}服务网点"),
            (Some(name), Lang::En) if n == 0 => format!("No outlet{when} handles “{name}”"),
            (Some(name), Lang::En) => format!("{n} outlets{when} handle “{name}”"),
            (None, Lang::En) => format!("All {n} service outlets{when}"),
        }
    };
    let rows = move || {
        let data = data.get();
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
                    let route_label = match lang {
                        Lang::Zh => format!("用{}导航到{}", route.provider.label_zh(), o.name),
                        Lang::En => format!("Go to {} with {}", lang.name(&o.name, o.name_en.as_deref()), route.provider.label(lang)),
                    };
                    let open = data.timetable.state(o.opening_hours.as_deref(), now);
                    view! {
                        <li class="result" class:selected=is_selected data-outlet-id=o.id.clone() data-open-state=open.key()
                            aria-current=is_selected.then_some("true")>
                            <button class="result-button" on:click=move |_| state.show_outlet(id.clone())>
                                <span class="result-main">
                                    <span class="result-name" lang=o.name_en.is_none().then_some("zh-CN")>{lang.name(&o.name, o.name_en.as_deref()).to_owned()}</span>
                                    <span class="result-kind">{o.kind.label(lang)}</span>
                                </span>
                                <span class="result-distance">{format_distance(lang, hit.distance_m)}</span>
                                <span class="result-address" lang="zh-CN">{o.address.clone().unwrap_or_default()}</span>
                                <span class="open-state" data-state=open.key()>{open.label(lang, now)}</span>
                            </button>
                            <a class="row-route" href=route.url.clone() target=link_target(&route.url) rel="noopener noreferrer"
                                data-provider=route.provider.key() aria-label=route_label>{lang.pick("导航", "Go")}</a>
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
            <button class="more" on:click=move |_| shown.update(|s| *s += PAGE)>{match lang { Lang::Zh => format!("显示更多（还有 {} 个）", total - n), Lang::En => format!("Show more ({} left)", total - n) }}</button>
        })
    };
    // A bundle no outlet does in one trip is shown as a plan of trips instead.
    let trips_only = move || {
        state
            .bundle_plan
            .with(|p| p.as_ref().is_some_and(|p| p.one_trip.is_empty()))
    };
    // For bench/national.mjs: when the first rows are on screen.
    let marked = StoredValue::new(false);
    Effect::new(move |_| {
        if !marked.get_value() && state.results.with(|r| !r.is_empty()) {
            marked.set_value(true);
            request_animation_frame(|| crate::api::timing::mark("emap:first-results"));
        }
    });
    // A pack's far regions are still coming: say the list may grow.
    let regions = move || {
        let (loaded, total) = data.get().regions?;
        let n = (loaded + data.1.get()).min(total);
        Some(view! {
            <p class="regions-loading" role="status">{match lang {
                Lang::Zh => format!("先显示您附近的网点；正在载入其他地区（{n}/{total}）…"),
                Lang::En => format!("Showing outlets near you first; loading other regions ({n}/{total})…"),
            }}</p>
        })
    };
    view! {
        <div class="results" class:hidden=trips_only>
            <OpenFilterBar/>
            <h2 class="result-count" aria-live="polite">{heading}</h2>
            {regions}
            <ol class="result-list">{rows}</ol>
            {more}
        </div>
    }
}
