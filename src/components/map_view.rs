//! The map pane: tiles, result markers, the resident's position; tapping a marker
//! selects the outlet, and in "pick" mode tapping the map sets the position.

use crate::components::map_attribution::MapAttribution;
use crate::components::map_card::MapCard;
use crate::components::map_spot::MapSpot;
use crate::map::{MapEvents, MapHandle, MarkerSpec, View};
use crate::state::{AppState, Tab};
use emap_core::cluster::{at_one_spot, spot_name, ONE_SPOT_M};
use emap_core::results::Hit;
use emap_core::LonLat;
use leptos::html::Div;
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[derive(Clone, Copy, PartialEq)]
enum Tiles {
    Unknown,
    Loaded,
    Failed,
}

/// Up to this many outlets every one is drawn; more are clustered.
const CLUSTER_ABOVE: usize = 1_000;
/// The square, in screen pixels, whose outlets make one cluster.
const CLUSTER_PX: f64 = 56.0;

#[component]
pub fn MapView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = crate::model::use_data();
    let el = NodeRef::<Div>::new();
    let handle = StoredValue::new_local(None::<MapHandle>);
    let tiles = RwSignal::new(Tiles::Unknown);
    let error = RwSignal::new(None::<String>);
    let view = RwSignal::new(None::<View>);
    // The view the map opened with.
    let home = StoredValue::new(None::<View>);
    // How many marks and clusters are drawn: a hook for tests and portals.
    let drawn = RwSignal::new((0usize, 0usize));
    // The clusters' counts, as drawn on the canvas: tests cannot read a canvas.
    let counts = RwSignal::new(String::new());
    // The outlets drawn per open state, likewise.
    let open_counts = RwSignal::new(String::new());
    // The counts on the marks of outlets at one spot, likewise.
    let spots = RwSignal::new(String::new());
    // The list comes first: the map is made once the first frame (with the results)
    // has painted, and on a phone, where the list hides it, only when it is opened.
    let painted = RwSignal::new(false);
    request_animation_frame(move || {
        set_timeout(move || painted.set(true), std::time::Duration::ZERO)
    });
    let made = RwSignal::new(false);
    // leaflet.js: None until asked for, then whether it loaded.
    let leaflet = RwSignal::new(None::<bool>);
    let asked = StoredValue::new(false);
    // The tab a frame after it was chosen: on a phone the first tap on 地图 shows the
    // pane at once and the map is built in a task of its own (at CPU 4x the tap took
    // 120-150 ms, 75 ms of it building the map inside the click).
    let shown_tab = RwSignal::new(state.screen.tab.get_untracked());
    Effect::new(move |_| {
        let tab = state.screen.tab.get();
        if tab != shown_tab.get_untracked() {
            request_animation_frame(move || {
                set_timeout(move || shown_tab.set(tab), std::time::Duration::ZERO)
            });
        }
    });
    let d = data.untracked();
    Effect::new(move |_| {
        let Some(div) = el.get() else { return };
        let _ = shown_tab.get();
        if !painted.get() || handle.with_value(Option::is_some) || div.client_width() == 0 {
            return;
        }
        // Leaflet is loaded when a map is first needed; this runs again when it is in.
        if leaflet.get().is_none() {
            if !asked.get_value() {
                asked.set_value(true);
                crate::map::load_leaflet(move |ok| leaflet.set(Some(ok)));
            }
            return;
        }
        let events = MapEvents {
            // On a phone the outlet's short card opens over the map (MapCard); its
            // 详情 goes to the list. From 900 px the detail is beside the map.
            on_select: Box::new(move |id| state.show_outlet(id)),
            on_spot: Box::new(move |ids| state.screen.spot.set(Some(ids))),
            on_tap: Box::new(move |p| {
                if state.screen.picking.get_untracked() {
                    state.at.set(Some(p));
                    state.screen.picking.set(false);
                }
            }),
            on_view: Box::new(move |v| {
                // The first view is where the map opened; any other is away from it.
                let first = home.get_value().unwrap_or(v);
                home.set_value(Some(first));
                // By centre and zoom: a resize moves the corners, not the view.
                let centre = |v: &View| {
                    (
                        (v.south_west.lon + v.north_east.lon) / 2.0,
                        (v.south_west.lat + v.north_east.lat) / 2.0,
                    )
                };
                let ((x0, y0), (x, y)) = (centre(&first), centre(&v));
                let away = v.zoom != first.zoom || (x - x0).abs() > 1e-4 || (y - y0).abs() > 1e-4;
                if state.screen.map_away.get_untracked() != away {
                    state.screen.map_away.set(away);
                }
                view.set(Some(v));
            }),
            on_tiles: Box::new(move |ok| {
                // One good tile means the source works; failures after that are
                // ordinary gaps, not an outage. Set only on a change: every tile of a
                // zoom arrives here, and each set would wake the map's views.
                let now = tiles.get_untracked();
                if ok && now != Tiles::Loaded {
                    tiles.set(Tiles::Loaded)
                } else if !ok && now == Tiles::Unknown {
                    tiles.set(Tiles::Failed)
                }
            }),
        };
        match MapHandle::new(&div, &d.config, events) {
            Ok(h) => {
                handle.set_value(Some(h));
                made.set(true);
            }
            Err(e) => error.set(Some(e)),
        }
    });
    // Leaflet names its zoom buttons in English ("Zoom in"): in the page's language,
    // for screen readers and the tooltip.
    Effect::new(move |_| {
        let lang = state.lang.get();
        let (Some(div), true) = (el.get(), made.get()) else {
            return;
        };
        for (sel, zh, en) in [
            (".leaflet-control-zoom-in", "放大地图", "Zoom in"),
            (".leaflet-control-zoom-out", "缩小地图", "Zoom out"),
        ] {
            if let Ok(Some(b)) = div.query_selector(sel) {
                let _ = b.set_attribute("title", lang.pick(zh, en));
                let _ = b.set_attribute("aria-label", lang.pick(zh, en));
            }
        }
    });
    // Which marks to draw, worked out (reading everything untracked) and drawn.
    let refresh = move || {
        let d = data.untracked();
        if !made.get_untracked() {
            return;
        }
        let selected = state.outlet.get_untracked();
        let lang = state.lang.get_untracked();
        let now = state.now.get_untracked();
        let item = state.item.get_untracked();
        let open_of = |o: &emap_core::Outlet| {
            d.timetable
                .state_with(o.opening_hours.as_deref(), &o.notices, item.as_deref(), now)
                .key()
        };
        let single = |i: usize| {
            let o = &d.outlets.outlets[i];
            let name = lang.name(&o.name, o.name_en.as_deref()).to_owned();
            MarkerSpec {
                id: o.id.clone(),
                at_spot: Vec::new(),
                pos: o.pos,
                selected: selected.as_deref() == Some(o.id.as_str()),
                label: name.clone(),
                name,
                count: 1,
                open: open_of(o),
            }
        };
        // Outlets at one spot (windows of one hall): one disc, open if any of them is
        // (else unknown if any is, since that one may be open), at their middle, named
        // by what their names share (or after the chosen one); the tooltip names all.
        let spot = |group: &[usize]| {
            if let [i] = group {
                return single(*i);
            }
            let outlets: Vec<&emap_core::Outlet> =
                group.iter().map(|&i| &d.outlets.outlets[i]).collect();
            let states: Vec<&'static str> = outlets.iter().map(|o| open_of(o)).collect();
            let open = ["open", "unknown"]
                .into_iter()
                .find(|k| states.contains(k))
                .unwrap_or("closed");
            let n = outlets.len() as f64;
            let pos = LonLat::new(
                outlets.iter().map(|o| o.pos.lon).sum::<f64>() / n,
                outlets.iter().map(|o| o.pos.lat).sum::<f64>() / n,
            );
            let name_of =
                |o: &emap_core::Outlet| lang.name(&o.name, o.name_en.as_deref()).to_owned();
            let chosen = outlets
                .iter()
                .find(|o| selected.as_deref() == Some(o.id.as_str()));
            let first = chosen.unwrap_or(&outlets[0]);
            let names: Vec<String> = outlets.iter().map(|o| name_of(o)).collect();
            MarkerSpec {
                id: String::new(),
                at_spot: outlets.iter().map(|o| o.id.clone()).collect(),
                pos,
                selected: chosen.is_some(),
                label: lang.pick(
                    format!("{} 个网点：{}", outlets.len(), names.join("、")),
                    format!("{} outlets: {}", outlets.len(), names.join("; ")),
                ),
                name: match (chosen, spot_name(&names)) {
                    (None, Some(b)) => lang.pick(
                        format!("{b}（{} 个网点）", outlets.len()),
                        format!("{b} ({} outlets)", outlets.len()),
                    ),
                    _ => lang.pick(
                        format!("{} 等 {} 个", name_of(first), outlets.len()),
                        format!("{} and {} more", name_of(first), outlets.len() - 1),
                    ),
                },
                count: outlets.len() as u32,
                open,
            }
        };
        // An outlet whose position is unsure (a placeholder) is not drawn: a mark
        // would send the resident to the wrong place. The list still shows it.
        let sure = |i: &usize| !d.outlets.outlets[*i].position_unsure;
        let start = crate::platform::timing::now();
        // A life event no outlet does in one trip: its trips' outlets.
        let trips: Option<Vec<Hit>> = state.bundle_plan.with_untracked(|p| {
            p.as_ref()
                .filter(|p| p.one_trip.is_empty())
                .map(|p| p.trips.iter().map(|t| t.hit).collect())
        });
        let marks_of = |hits: &Vec<Hit>| {
            // A city's worth is drawn outlet by outlet; beyond that, what is in view
            // is clustered (the selected outlet always stands alone).
            let v = view.get_untracked();
            if hits.len() <= CLUSTER_ABOVE {
                let points: Vec<(usize, LonLat)> = hits
                    .iter()
                    .map(|h| h.index)
                    .filter(sure)
                    .map(|i| (i, d.outlets.outlets[i].pos))
                    .collect();
                return at_one_spot(&points, ONE_SPOT_M)
                    .iter()
                    .map(|g| spot(g))
                    .collect();
            }
            // Until the map says what it shows, draw nothing rather than everything.
            if v.is_none() {
                return Vec::new();
            }
            let v = v.unwrap_or(View {
                south_west: LonLat::new(-180.0, -85.0),
                north_east: LonLat::new(180.0, 85.0),
                zoom: 1.0,
            });
            let mut keep = vec![false; d.outlets.outlets.len()];
            for h in hits {
                keep[h.index] = sure(&h.index);
            }
            let chosen = selected
                .as_deref()
                .and_then(|id| d.outlets.index_of(id))
                .filter(sure);
            if let Some(i) = chosen {
                keep[i] = false;
            }
            let mut out: Vec<MarkerSpec> = d
                .places
                .clusters(v.south_west, v.north_east, v.zoom, CLUSTER_PX, Some(&keep))
                .into_iter()
                .map(|c| {
                    if c.count == 1 {
                        single(c.first as usize)
                    } else {
                        let label = lang.pick(
                            format!("{} 个网点，点按放大", c.count),
                            format!("{} outlets: tap to zoom in", c.count),
                        );
                        MarkerSpec {
                            id: String::new(),
                            at_spot: Vec::new(),
                            pos: c.pos,
                            selected: false,
                            name: label.clone(),
                            label,
                            count: c.count,
                            open: "",
                        }
                    }
                })
                .collect();
            out.extend(chosen.map(single));
            out
        };
        let markers: Vec<MarkerSpec> = match &trips {
            Some(hits) => marks_of(hits),
            None => state.results.with_untracked(marks_of),
        };
        drawn.set((
            markers.len(),
            markers
                .iter()
                .filter(|m| m.count > 1 && m.at_spot.is_empty())
                .count(),
        ));
        let origin = state.origin.get_untracked().pos;
        handle.with_value(|h| {
            if let Some(h) = h {
                h.set_origin(origin);
                h.set_large(state.elder.get_untracked());
                h.set_markers(&markers);
                counts.set(h.cluster_counts());
                spots.set(h.spot_counts());
                open_counts.set(h.open_counts());
            }
        });
        // The app's own work for a view change (clustering and drawing), for the benchmark.
        crate::platform::timing::measure("emap:marks", start);
    };
    // Clustering and drawing wait until the page is idle: a new need's frame is the
    // list's, and the map follows it (the first marks are drawn at once). A view
    // dropped meanwhile (the screen rebuilt for another language) draws nothing.
    let alive = Arc::new(AtomicBool::new(true));
    let pending = Arc::new(AtomicBool::new(false));
    {
        let alive = alive.clone();
        on_cleanup(move || alive.store(false, Ordering::Relaxed));
    }
    Effect::new(move |_| {
        data.loaded.track();
        made.track();
        state.outlet.track();
        state.lang.track();
        state.results.track();
        state.bundle_plan.track();
        state.elder.track();
        // Marks show whether each outlet is open: redrawn as the minutes pass.
        state.now.track();
        view.track();
        state.origin.track();
        if !made.get_untracked() {
            return;
        }
        if drawn.get_untracked().0 == 0 {
            return refresh();
        }
        if pending.swap(true, Ordering::Relaxed) {
            return;
        }
        let (alive, pending) = (alive.clone(), pending.clone());
        crate::platform::idle::when_idle(50, move || {
            pending.store(false, Ordering::Relaxed);
            if alive.load(Ordering::Relaxed) {
                refresh();
            }
        });
    });
    Effect::new(move |_| {
        let d = data.get();
        if !made.get() {
            return;
        }
        let Some(p) = state
            .outlet
            .get()
            .and_then(|id| d.outlets.get(&id).map(|o| o.pos))
        else {
            return;
        };
        handle.with_value(|h| h.as_ref().map(|h| h.focus(p)));
    });
    // A reset (the kiosk's, for the next person) puts the map back where it opened.
    Effect::new(move |seen: Option<u32>| {
        let n = state.screen.resets.get();
        if seen.is_some_and(|s| s != n) {
            let d = data.untracked();
            handle.with_value(|h| h.as_ref().map(|h| h.home(&d.config)));
        }
        n
    });
    // A map created or resized while hidden (phone list tab) must re-measure.
    Effect::new(move |_| {
        if state.screen.tab.get() == Tab::Map {
            handle.with_value(|h| h.as_ref().map(MapHandle::refresh_size));
        }
    });
    let lang = move || state.lang.get();
    view! {
        <div class="map-wrap">
            <div class="map" node_ref=el data-zoom=move || view.get().map(|v| v.zoom) data-marks=move || drawn.get().0 data-clusters=move || drawn.get().1 data-cluster-counts=move || counts.get() data-open-marks=move || open_counts.get() data-spot-counts=move || spots.get() role="application" aria-label=move || lang().pick("服务网点地图", "Map of service outlets")></div>
            <MapAttribution/>
            <MapCard/>
            <MapSpot/>
            // Shape and word as well as colour: no one needs to tell red from green.
            <ul class="map-legend" aria-hidden="true">
                <li><span class="legend-mark open"></span>{move || lang().pick("营业中", "Open")}</li>
                <li><span class="legend-mark closed"></span>{move || lang().pick("已关门", "Closed")}</li>
                <li><span class="legend-mark unknown"></span>{move || lang().pick("时间未知", "Hours unknown")}</li>
                <li><span class="legend-mark cluster"></span>{move || lang().pick("多个网点", "Several")}</li>
            </ul>
            {move || error.get().map(|e| view! { <p class="map-note" role="status">{e} {lang().pick("。请使用列表查看网点。", ". Please use the list.")}</p> })}
            {move || (tiles.get() == Tiles::Failed).then(|| view! {
                <p class="map-note tiles-failed" role="status">{lang().pick("底图暂时无法加载，网点位置和列表仍可正常使用。", "The base map cannot load right now; the outlets on it and the list still work.")}</p>
            })}
            {move || state.screen.picking.get().then(|| view! {
                <p class="map-note picking" role="status">{lang().pick("请点按地图上您所在的位置", "Tap where you are on the map")}
                    <button class="link-button" on:click=move |_| state.screen.picking.set(false)>{lang().pick("取消", "Cancel")}</button></p>
            })}
        </div>
    }
}
