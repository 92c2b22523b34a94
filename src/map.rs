//! The one module that talks to Leaflet. Everything else hands it WGS-84 positions
//! and outlet ids; it converts to the tile source's datum and back.
//!
//! Outlets and clusters are drawn by the app on one canvas over the map
//! (`map/marks.rs`), not as Leaflet layers: a pan redraws them in well under a frame.

use emap_core::config::Config;
use emap_core::{Datum, LonLat};
use leaflet::{LatLng, Map, MapOptions, TileLayer, TileLayerOptions};
use marks::{Mark, Marks};
use std::cell::RefCell;
use std::rc::Rc;

mod marks;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub struct MarkerSpec {
    /// The outlet's id ("" for a cluster or a spot).
    pub id: String,
    /// The outlets standing at one spot (windows of one hall), when more than one:
    /// drawn as one outlet's disc with their count; a tap lists them.
    pub at_spot: Vec<String>,
    pub pos: LonLat,
    pub selected: bool,
    /// Shown as the marker's tooltip (a spot's: every name).
    pub label: String,
    /// Written beside the mark at close zoom.
    pub name: String,
    /// The outlets it stands for; more than one without `at_spot`: a cluster of
    /// outlets, and a tap zooms in on it.
    pub count: u32,
    /// An outlet's state now: "open", "closed" or "unknown" (a cluster: "").
    pub open: &'static str,
}

/// What the map shows: its corners in WGS-84 and its zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub south_west: LonLat,
    pub north_east: LonLat,
    pub zoom: f64,
}

pub struct MapHandle {
    map: Map,
    marks: Rc<RefCell<Marks>>,
    datum: Datum,
    // Kept alive as long as the map: Leaflet calls them.
    _handlers: Vec<Closure<dyn FnMut(JsValue)>>,
}

pub struct MapEvents {
    pub on_select: Box<dyn Fn(String)>,
    /// A tap on a mark that stands for several outlets at one spot: their ids.
    pub on_spot: Box<dyn Fn(Vec<String>)>,
    pub on_tap: Box<dyn Fn(LonLat)>,
    /// Called with `false` when a tile fails to load and `true` when one loads.
    pub on_tiles: Box<dyn Fn(bool)>,
    /// Called when the view settles after a pan or zoom, and once at the start.
    pub on_view: Box<dyn Fn(View)>,
}

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &(*k).into(), v);
    }
    o.into()
}

/// Whether leaflet.js loaded (it is shipped with the app, but a broken deploy
/// must leave the list working).
pub fn leaflet_available() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"L".into()).ok())
        .is_some_and(|l| !l.is_undefined())
}

/// Calls `done` with whether Leaflet (`L`) is there, once leaflet.js has loaded or
/// failed. The page does not run it up front: boot.js starts it beside the wasm where
/// the map shows from the start, and otherwise `emapLeaflet` (boot.js) starts it now,
/// when a map is first needed; `data-leaflet` on that script says how it went
/// (loading, loaded, failed). It never holds up the list, which does not need it.
pub fn load_leaflet(done: impl FnOnce(bool) + 'static) {
    if leaflet_available() {
        return done(true);
    }
    let script = web_sys::window().and_then(|w| {
        let start = js_sys::Reflect::get(&w, &"emapLeaflet".into()).ok()?;
        start
            .dyn_ref::<js_sys::Function>()?
            .call0(&w)
            .ok()?
            .dyn_into::<web_sys::Element>()
            .ok()
    });
    let Some(script) = script else {
        return done(false);
    };
    if script.get_attribute("data-leaflet").as_deref() != Some("loading") {
        return done(leaflet_available());
    }
    let done = Rc::new(RefCell::new(Some(done)));
    for event in ["load", "error"] {
        let done = done.clone();
        let f = Closure::once_into_js(move || {
            if let Some(f) = done.borrow_mut().take() {
                f(leaflet_available());
            }
        });
        let _ = script.add_event_listener_with_callback(event, f.unchecked_ref());
    }
}

impl MapHandle {
    pub fn new(
        el: &web_sys::HtmlElement,
        config: &Config,
        events: MapEvents,
    ) -> Result<MapHandle, String> {
        if !leaflet_available() {
            return Err("地图组件未能加载（leaflet.js missing）".into());
        }
        let datum = config.tiles.as_ref().map(|t| t.datum).unwrap_or_default();
        // Tiles show at once instead of fading in: the fade sets every tile's opacity in
        // each frame for 200 ms after a zoom or pan (Leaflet's `_updateOpacity`, up to
        // 10 ms a frame here), motion an older reader does not need either.
        let options: MapOptions = obj(&[
            ("preferCanvas", true.into()),
            ("zoomControl", true.into()),
            ("fadeAnimation", false.into()),
            // Leaflet writes attributions as HTML: the app shows the config's as text
            // (components/map_attribution.rs).
            ("attributionControl", false.into()),
        ])
        .unchecked_into();
        let map =
            Map::new_with_element(el, &options).map_err(|e| format!("地图初始化失败: {e:?}"))?;
        let c = datum.from_wgs84(config.center());
        map.set_view(&LatLng::new(c.lat, c.lon), f64::from(config.zoom));
        let mut handlers: Vec<Closure<dyn FnMut(JsValue)>> = Vec::new();
        if let Some(tiles) = &config.tiles {
            let mut pairs = vec![("maxZoom", JsValue::from(f64::from(tiles.max_zoom)))];
            if let Some(s) = &tiles.subdomains {
                pairs.push(("subdomains", s.as_str().into()));
            }
            let layer = TileLayer::new_options(
                &tiles.url,
                &obj(&pairs).unchecked_into::<TileLayerOptions>(),
            );
            let on_tiles = std::rc::Rc::new(events.on_tiles);
            let bad = on_tiles.clone();
            let error = Closure::<dyn FnMut(JsValue)>::new(move |_| bad(false));
            let load = Closure::<dyn FnMut(JsValue)>::new(move |_| on_tiles(true));
            layer.on("tileerror", error.as_ref());
            layer.on("tileload", load.as_ref());
            handlers.push(error);
            handlers.push(load);
            layer.add_to(&map);
        } else {
            (events.on_tiles)(false);
        }
        let marks = Rc::new(RefCell::new(
            Marks::new(el).ok_or("地图初始化失败（no canvas）")?,
        ));
        marks::follow(&map, marks.clone(), &mut handlers);
        let on_select = events.on_select;
        let on_spot = events.on_spot;
        let on_tap = events.on_tap;
        let (tap_map, tap_marks) = (map.clone(), marks.clone());
        // One tap handler for the map: a mark under the finger wins (a cluster opens
        // up, an outlet is selected); elsewhere the tap is a place.
        let tap = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let point =
                js_sys::Reflect::get(&e, &"containerPoint".into()).unwrap_or(JsValue::UNDEFINED);
            let (x, y) = marks::xy(&point);
            let hit = tap_marks
                .borrow()
                .hit(x, y)
                .map(|m| (m.is_cluster(), m.pos, m.id.clone(), m.at_spot.clone()));
            match hit {
                Some((true, pos, _, _)) => {
                    tap_map.set_view(&LatLng::new(pos.lat, pos.lon), tap_map.get_zoom() + 2.0);
                }
                // Zooming in would not part them: they are listed instead (the
                // tooltip, left by the tap's pointer, would cover the list).
                Some((_, _, _, spot)) if !spot.is_empty() => {
                    tap_marks.borrow().hide_tip();
                    on_spot(spot)
                }
                Some((_, _, id, _)) => on_select(id),
                None => {
                    let ll =
                        js_sys::Reflect::get(&e, &"latlng".into()).unwrap_or(JsValue::UNDEFINED);
                    let num = |k: &str| {
                        js_sys::Reflect::get(&ll, &k.into())
                            .ok()
                            .and_then(|v| v.as_f64())
                    };
                    if let (Some(lat), Some(lng)) = (num("lat"), num("lng")) {
                        on_tap(datum.to_wgs84(LonLat::new(lng, lat)));
                    }
                }
            }
        });
        map.on("click", tap.as_ref());
        handlers.push(tap);
        let hover_marks = marks.clone();
        let hover = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let point =
                js_sys::Reflect::get(&e, &"containerPoint".into()).unwrap_or(JsValue::UNDEFINED);
            let (x, y) = marks::xy(&point);
            hover_marks.borrow().hover(x, y);
        });
        map.on("mousemove", hover.as_ref());
        handlers.push(hover);
        let out_marks = marks.clone();
        let out = Closure::<dyn FnMut(JsValue)>::new(move |_| out_marks.borrow().hide_tip());
        map.on("mouseout", out.as_ref());
        handlers.push(out);
        let on_view = events.on_view;
        let view_map = map.clone();
        let report_view = move || {
            let b = view_map.get_bounds();
            let (sw, ne) = (b.get_south_west(), b.get_north_east());
            on_view(View {
                south_west: datum.to_wgs84(LonLat::new(sw.lng(), sw.lat())),
                north_east: datum.to_wgs84(LonLat::new(ne.lng(), ne.lat())),
                zoom: view_map.get_zoom(),
            });
        };
        report_view();
        let moved = Closure::<dyn FnMut(JsValue)>::new(move |_| report_view());
        map.on("moveend", moved.as_ref());
        handlers.push(moved);
        Ok(MapHandle {
            map,
            marks,
            datum,
            _handlers: handlers,
        })
    }

    fn latlng(&self, p: LonLat) -> LatLng {
        let t = self.datum.from_wgs84(p);
        LatLng::new(t.lat, t.lon)
    }

    /// Replaces the outlet markers; the selected one is drawn larger, on top.
    pub fn set_markers(&self, markers: &[MarkerSpec]) {
        let list = markers
            .iter()
            .map(|m| Mark {
                pos: self.datum.from_wgs84(m.pos),
                id: m.id.clone(),
                at_spot: m.at_spot.clone(),
                label: m.label.clone(),
                name: m.name.clone(),
                count: m.count,
                selected: m.selected,
                open: m.open,
            })
            .collect();
        self.marks.borrow_mut().set(list, &self.map);
    }

    /// 长辈版: larger dots, taken by a tap from farther; drawn at the next `set_markers`.
    pub fn set_large(&self, on: bool) {
        self.marks.borrow_mut().set_large(on);
    }

    /// The counts of the clusters drawn ("12,5,3"), for tests.
    pub fn cluster_counts(&self) -> String {
        self.marks.borrow().cluster_counts()
    }

    /// The counts written on the spots' marks ("3,2"), for tests.
    pub fn spot_counts(&self) -> String {
        self.marks.borrow().spot_counts()
    }

    /// How many outlets' marks are drawn in each state ("open:12 closed:3 unknown:0";
    /// a spot's counts once, in its state), for tests: a canvas cannot be read.
    pub fn open_counts(&self) -> String {
        self.marks.borrow().open_counts()
    }

    /// Where the distances are measured from: drawn on the marks' canvas, above the
    /// clusters (a Leaflet layer would sit under them), at the next `set_markers`.
    pub fn set_origin(&self, p: LonLat) {
        self.marks.borrow_mut().set_origin(self.datum.from_wgs84(p));
    }

    /// Pans to a position, zooming in if the view is wider than a district.
    pub fn focus(&self, p: LonLat) {
        let zoom = self.map.get_zoom().max(14.0);
        self.map.set_view(&self.latlng(p), zoom);
    }

    /// Back to the view the map opened with (the config's centre and zoom).
    pub fn home(&self, config: &Config) {
        self.map
            .set_view(&self.latlng(config.center()), f64::from(config.zoom));
    }

    /// Leaflet measures its container once; call this when a hidden map is shown.
    pub fn refresh_size(&self) {
        self.map.invalidate_size(false);
    }
}
