//! The one module that talks to Leaflet. Everything else hands it WGS-84 positions
//! and outlet ids; it converts to the tile source's datum and back.
//!
//! Markers are Leaflet circle markers on a canvas renderer (`preferCanvas`), so a
//! city's outlets are one canvas, not hundreds of DOM nodes.

use emap_core::config::Config;
use emap_core::{Datum, LonLat};
use leaflet::{CircleMarker, FeatureGroup, LatLng, Map, MapOptions, TileLayer, TileLayerOptions};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub struct MarkerSpec {
    pub id: String,
    pub pos: LonLat,
    pub selected: bool,
    /// Shown as the marker's tooltip.
    pub label: String,
    /// More than one: a cluster of outlets; a tap zooms in on it.
    pub count: u32,
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
    markers: FeatureGroup,
    origin: CircleMarker,
    datum: Datum,
    // Kept alive as long as the map: Leaflet calls them.
    _handlers: Vec<Closure<dyn FnMut(JsValue)>>,
}

pub struct MapEvents {
    pub on_select: Box<dyn Fn(String)>,
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

/// `layer.bindTooltip(text, {direction: "top"})`; the binding crate's own method
/// names a function Leaflet does not have. Leaflet puts a string tooltip in with
/// `innerHTML`, so an outlet named `<img onerror=…>` would run script: the text
/// goes in as a text node instead.
fn bind_tooltip(layer: &JsValue, text: &str) {
    bind_tooltip_with(layer, text, obj(&[("direction", "top".into())]));
}

/// A cluster's count, written on it: a permanent tooltip centred on the disc (a
/// canvas circle cannot carry text).
fn bind_count(layer: &JsValue, count: u32) {
    bind_tooltip_with(
        layer,
        &count.to_string(),
        obj(&[
            ("direction", "center".into()),
            ("permanent", true.into()),
            ("interactive", false.into()),
            ("className", "cluster-count".into()),
        ]),
    );
}

fn bind_tooltip_with(layer: &JsValue, text: &str, options: JsValue) {
    let Some(span) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("span").ok())
    else {
        return;
    };
    span.set_text_content(Some(text));
    if let Ok(f) = js_sys::Reflect::get(layer, &"bindTooltip".into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call2(layer, &span, &options);
        }
    }
}

/// Whether leaflet.js loaded (it is shipped with the app, but a broken deploy
/// must leave the list working).
pub fn leaflet_available() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"L".into()).ok())
        .is_some_and(|l| !l.is_undefined())
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
        let options: MapOptions =
            obj(&[("preferCanvas", true.into()), ("zoomControl", true.into())]).unchecked_into();
        let map =
            Map::new_with_element(el, &options).map_err(|e| format!("地图初始化失败: {e:?}"))?;
        let c = datum.from_wgs84(config.center());
        map.set_view(&LatLng::new(c.lat, c.lon), f64::from(config.zoom));
        let mut handlers: Vec<Closure<dyn FnMut(JsValue)>> = Vec::new();
        if let Some(tiles) = &config.tiles {
            let mut pairs = vec![
                ("attribution", JsValue::from(tiles.attribution.as_str())),
                ("maxZoom", f64::from(tiles.max_zoom).into()),
            ];
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
        let markers = FeatureGroup::new();
        let on_select = events.on_select;
        let zoom_map = map.clone();
        let click = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let layer = js_sys::Reflect::get(&e, &"layer".into()).unwrap_or(JsValue::UNDEFINED);
            let option = |k: &str| {
                js_sys::Reflect::get(&layer, &"options".into())
                    .and_then(|o| js_sys::Reflect::get(&o, &k.into()))
                    .ok()
            };
            // A cluster opens up: zoom in on it.
            if option("clusterCount").and_then(|v| v.as_f64()).is_some() {
                if let Ok(ll) = js_sys::Reflect::get(&layer, &"_latlng".into()) {
                    let ll: LatLng = ll.unchecked_into();
                    zoom_map.set_view(&ll, zoom_map.get_zoom() + 2.0);
                }
                return;
            }
            if let Some(id) = option("outletId").and_then(|v| v.as_string()) {
                on_select(id);
            }
        });
        markers.on("click", click.as_ref());
        handlers.push(click);
        markers.add_to(&map);
        let on_tap = events.on_tap;
        let tap = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let ll = js_sys::Reflect::get(&e, &"latlng".into()).unwrap_or(JsValue::UNDEFINED);
            let num = |k: &str| {
                js_sys::Reflect::get(&ll, &k.into())
                    .ok()
                    .and_then(|v| v.as_f64())
            };
            if let (Some(lat), Some(lng)) = (num("lat"), num("lng")) {
                on_tap(datum.to_wgs84(LonLat::new(lng, lat)));
            }
        });
        map.on("click", tap.as_ref());
        handlers.push(tap);
        let c0 = LatLng::new(c.lat, c.lon);
        let origin = CircleMarker::new_with_options(
            &c0,
            &obj(&[
                ("radius", 7.into()),
                ("color", "#ffffff".into()),
                ("weight", 3.into()),
                ("fillColor", "#1a73e8".into()),
                ("fillOpacity", 1.into()),
                ("interactive", false.into()),
            ]),
        );
        origin.add_to(&map);
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
            markers,
            origin,
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
        self.markers.clear_layers();
        let mut selected = None;
        for m in markers {
            let (radius, fill, weight) = if m.selected {
                (11.0, "#d93025", 3)
            } else if m.count > 1 {
                // Area grows with the count, gently: 2 → 10 px, 1,000 → 24 px.
                (8.0 + 2.3 * f64::from(m.count).log2(), "#0b3d91", 2)
            } else {
                (6.0, "#c5221f", 1)
            };
            let mut pairs = vec![
                ("radius", JsValue::from(radius)),
                ("color", "#ffffff".into()),
                ("weight", weight.into()),
                ("fillColor", fill.into()),
                ("fillOpacity", 0.9.into()),
            ];
            if m.count > 1 {
                pairs.push(("clusterCount", f64::from(m.count).into()));
            } else {
                pairs.push(("outletId", m.id.as_str().into()));
            }
            let options = obj(&pairs);
            let marker = CircleMarker::new_with_options(&self.latlng(m.pos), &options);
            if m.count > 1 {
                bind_count(&marker, m.count);
            } else {
                bind_tooltip(&marker, &m.label);
            }
            if m.selected {
                selected = Some(marker);
            } else {
                marker.add_to_layer_group(&self.markers);
            }
        }
        if let Some(s) = selected {
            s.add_to_layer_group(&self.markers);
        }
    }

    pub fn set_origin(&self, p: LonLat) {
        self.origin.set_lat_lng(&self.latlng(p));
    }

    /// Pans to a position, zooming in if the view is wider than a district.
    pub fn focus(&self, p: LonLat) {
        let zoom = self.map.get_zoom().max(14.0);
        self.map.set_view(&self.latlng(p), zoom);
    }

    /// Leaflet measures its container once; call this when a hidden map is shown.
    pub fn refresh_size(&self) {
        self.map.invalidate_size(false);
    }
}
