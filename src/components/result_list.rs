//! The outlets that can handle the chosen need, nearest first: the list residents
//! on phones prefer to a map, and the map's accessible twin.

use crate::components::any_time_button::AnyTimeButton;
use crate::components::none_open_note::NoneOpenNote;
use crate::components::open_filter::OpenFilterBar;
use crate::components::result_row::ResultRow;
use crate::components::sort_choice::SortChoice;
use crate::state::AppState;
use emap_core::hours::{date_label, OpenFilter};
use emap_core::i18n::Lang;
use leptos::prelude::*;

/// Rows drawn beyond those on screen, above and below: a flick or a Tab finds
/// them ready. Only these and the visible ones are in the page, however long the list.
const OVERSCAN: usize = 6;
/// Rows drawn before the list has been measured.
const FIRST_ROWS: usize = 12;
/// A row's height, in pixels, until rows have been measured.
const ROW_GUESS: f64 = 110.0;

#[component]
pub fn ResultList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = crate::model::use_data();
    let lang = state.lang.get_untracked();
    // The rows drawn, `[start, end)` of the results, and the rows' mean height.
    let window = RwSignal::new((0usize, FIRST_ROWS));
    let row_h = StoredValue::new(ROW_GUESS);
    let list = state.screen.anchors.results;
    let place = move || place_window(list, window, row_h, state.results.with_untracked(Vec::len));
    // A new list is drawn from its first rows, then placed where the list is.
    Effect::new(move |_| {
        state.results.track();
        window.set((0, FIRST_ROWS));
        request_animation_frame(place);
    });
    // A new need (item, bundle, opening filter) is shown from the top: its guide and
    // the nearest outlets, not the rows where the last list had been scrolled to. Not
    // for other changes of the list (more regions arriving, the minute turning).
    // In the next frame, where the rows are measured anyway: reading where a pane is
    // scrolled now would lay out the page a second time, between the new list and its frame.
    Effect::new(move |first: Option<()>| {
        state.item.track();
        state.bundle.track();
        state.open.track();
        if first.is_some() {
            request_animation_frame(move || {
                state.screen.anchors.scroll_list_to_top();
                place();
            });
        }
    });
    // Any scroll (the pane's, the page's) or resize may bring other rows into view.
    crate::platform::on_scroll_or_resize(place);
    let d = data.untracked();
    let heading = move || {
        let n = state.results.with(Vec::len);
        let when = match (state.open.get(), lang) {
            (OpenFilter::Any, _) => String::new(),
            (OpenFilter::Now, Lang::Zh) => "现在营业".into(),
            (OpenFilter::On(d), Lang::Zh) => format!("{}开放", date_label(lang, d)),
            (OpenFilter::Now, Lang::En) => " open now".into(),
            (OpenFilter::On(d), Lang::En) => format!(" open on {}", date_label(lang, d)),
        };
        let de = if when.is_empty() { "" } else { "的" };
        if let Some(b) = state
            .bundle
            .get()
            .and_then(|id| d.catalog.bundle(&id).cloned())
        {
            let name = lang.name(&b.name, b.name_en.as_deref());
            return match (n, lang) {
                (0, Lang::Zh) if when.is_empty() => format!("没有能一次办完“{name}”的网点"),
                (0, Lang::Zh) => format!("没有{when}、能一次办完“{name}”的网点"),
                (_, Lang::Zh) => format!("{n} 个{when}{de}网点可一次办完“{name}”"),
                (0, Lang::En) => format!("No outlet{when} does all of “{name}” in one trip"),
                (1, Lang::En) => format!("1 outlet{when} does all of “{name}” in one trip"),
                (_, Lang::En) => format!("{n} outlets{when} do all of “{name}” in one trip"),
            };
        }
        let item = state.item.get().and_then(|id| d.catalog.item(&id).cloned());
        let name = item
            .as_ref()
            .map(|i| lang.name(&i.name, i.name_en.as_deref()).to_owned());
        match (name, lang) {
            (Some(name), Lang::Zh) if n == 0 => format!("暂无{when}{de}网点可办理“{name}”"),
            (Some(name), Lang::Zh) => format!("{n} 个{when}{de}网点可办理“{name}”"),
            (None, Lang::Zh) => format!("全部 {n} 个{when}{de}服务网点"),
            (Some(name), Lang::En) if n == 0 => format!("No outlet{when} handles “{name}”"),
            (Some(name), Lang::En) if n == 1 => format!("1 outlet{when} handles “{name}”"),
            (Some(name), Lang::En) => format!("{n} outlets{when} handle “{name}”"),
            (None, Lang::En) if n == 1 => format!("1 service outlet{when}"),
            (None, Lang::En) => format!("All {n} service outlets{when}"),
        }
    };
    // The rows in the window, keyed by outlet and distance: a row already drawn is kept
    // as it is (a new need keeps most of the nearest outlets; a scroll keeps all but
    // one or two), and only new ones are made.
    let rows = move || {
        let data = data.get();
        let (start, end) = window.get();
        state.results.with(|hits| {
            let (start, end) = (start.min(hits.len()), end.min(hits.len()));
            hits[start..end]
                .iter()
                .map(|hit| {
                    (
                        data.outlets.outlets[hit.index].id.clone(),
                        hit.index,
                        hit.distance_m,
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let total = Signal::derive(move || state.results.with(Vec::len));
    let row = move |k: ReadSignal<usize>, (_, index, distance_m): (String, usize, f64)| {
        let outlet = data.untracked().outlets.outlets[index].clone();
        let position = Signal::derive(move || window.get().0 + k.get() + 1);
        view! { <ResultRow outlet distance_m position total/> }
    };
    // Rows not drawn still take their room, so the scroll bar tells the list's length.
    let pad = move |above: bool| {
        let (start, end) = window.get();
        let total = state.results.with(Vec::len);
        let rows = if above {
            start.min(total)
        } else {
            total.saturating_sub(end)
        };
        format!("{}px", (rows as f64 * row_h.get_value()).round())
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
            request_animation_frame(|| crate::platform::timing::mark("emap:first-results"));
        }
    });
    // A pack's far regions are still coming: say the list may grow.
    let regions = move || {
        let (loaded, total) = data.get().regions?;
        let n = (loaded + data.regions_arrived.get()).min(total);
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
            {move || state.stale_link.get().filter(|_| state.item.with(Option::is_none) && state.bundle.with(Option::is_none)).map(|id| view! {
                <p class="stale-link" role="status">{lang.pick(
                    format!("链接中的事项“{id}”在事项清单中找不到（可能已更名或停办），下面是全部网点。请在上方搜索您要办的事。"),
                    format!("The service “{id}” in the link is not in the catalog (renamed or withdrawn?); all outlets are shown. Search above for what you need."))}</p>
            })}
            {move || state.stale_outlet.get().filter(|_| state.outlet.with(Option::is_none)).map(|id| view! {
                <p class="stale-link stale-outlet" role="status">{lang.pick(
                    format!("链接中的网点“{id}”在网点数据中找不到（可能已撤并、搬迁或更名）。请在下面的列表中另选一个网点。"),
                    format!("The outlet “{id}” in the link is not in the data (closed, moved or renamed?). Please pick another from the list below."))}</p>
            })}
            {move || state.past_day.get().filter(|_| state.open.get() == OpenFilter::Any).map(|day| view! {
                <p class="stale-link past-day" role="status">{match lang {
                    Lang::Zh => format!("链接中的日期 {} 已经过去，下面是不限时间的网点；可在上方另选一天。", date_label(lang, day)),
                    Lang::En => format!("The day in the link, {}, has passed; outlets are shown for any time. Pick another day above.", date_label(lang, day)),
                }}</p>
            })}
            <SortChoice/>
            <h2 class="result-count" aria-live="polite">{heading}</h2>
            // A time filter that leaves nothing: one tap back to every outlet and its hours.
            <NoneOpenNote/>
            {move || (state.open.get() != OpenFilter::Any && state.results.with(Vec::is_empty)).then(|| view! {
                <AnyTimeButton/>
            })}
            {move || (state.step_free.get() && state.results.with(Vec::is_empty)).then(|| view! {
                <p class="step-free-none" role="status">{lang.pick("没有标明有无障碍通道的网点。", "No outlet here is marked step-free.")}
                    <button class="link-button" on:click=move |_| state.step_free.set(false)>{lang.pick("显示全部网点", "Show every outlet")}</button></p>
            })}
            {regions}
            // Two Tab stops a row: past a country's list (or out of a portal's iframe)
            // in one (WCAG 2.4.1). Shown when focused.
            <button class="skip-list" on:click=move |_| {
                if let Some(end) = crate::platform::element_by_id::<web_sys::HtmlElement>("list-end") {
                    let _ = end.focus();
                }
            }>{move || match lang {
                Lang::Zh => format!("跳过列表（共 {} 个网点）", total.get()),
                Lang::En => format!("Skip the list ({} outlets)", total.get()),
            }}</button>
            <ol class="result-list" node_ref=list start=move || window.get().0 + 1
                style:padding-top=move || pad(true) style:padding-bottom=move || pad(false)>
                <ForEnumerate each=rows key=|(id, _, d): &(String, usize, f64)| (id.clone(), d.to_bits()) children=row/>
            </ol>
            <p id="list-end" class="sr-only" tabindex="-1">{lang.pick("列表结束", "End of the list")}</p>
        </div>
    }
}

/// Works out which rows are on screen from where the list is in the viewport, so it
/// works whichever element scrolls (the side pane on a desktop, the page on a phone).
fn place_window(
    list: NodeRef<leptos::html::Ol>,
    window: RwSignal<(usize, usize)>,
    row_h: StoredValue<f64>,
    total: usize,
) {
    let Some(ol) = list.get_untracked() else {
        return;
    };
    let (start, end) = window.get_untracked();
    // The drawn rows' mean height; rows differ (a long name wraps) but not by much.
    let rows = ol.children();
    let drawn = rows.length();
    if drawn > 0 {
        let height: f64 = (0..drawn)
            .filter_map(|i| rows.item(i))
            .map(|r| r.get_bounding_client_rect().height())
            .sum();
        if height > 0.0 {
            row_h.set_value(height / f64::from(drawn));
        }
    }
    let h = row_h.get_value().max(20.0);
    let view_h = crate::platform::page::viewport_height();
    let top = ol.get_bounding_client_rect().top();
    let first = ((-top).max(0.0) / h).floor() as usize;
    let last = ((view_h - top).max(0.0) / h).ceil() as usize;
    let next = (
        first.saturating_sub(OVERSCAN).min(total),
        (last + OVERSCAN).min(total).max(FIRST_ROWS.min(total)),
    );
    if next != (start, end) {
        window.set(next);
    }
}
