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
    let Some(span) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("span").ok())
    else {
        return;
    };
    span.set_text_content(Some(text));
    if let Ok(f) = js_sys::Reflect::get(layer, &"bindTooltip".into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call2(layer, &span, &obj(&[("direction", "top".into())]));
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
        let click = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let id = js_sys::Reflect::get(&e, &"layer".into())
                .and_then(|l| js_sys::Reflect::get(&l, &"options".into()))
                .and_then(|o| js_sys::Reflect::get(&o, &"outletId".into()))
                .ok()
                .and_then(|v| v.as_string());
            if let Some(id) = id {
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
                (11, "#d93025", 3)
            } else {
                (6, "#c5221f", 1)
            };
            let options = obj(&[
                ("radius", radius.into()),
                ("color", "#ffffff".into()),
                ("weight", weight.into()),
                ("fillColor", fill.into()),
                ("fillOpacity", 0.9.into()),
                ("outletId", m.id.as_str().into()),
            ]);
            let marker = CircleMarker::new_with_options(&self.latlng(m.pos), &options);
            bind_tooltip(&marker, &m.label);
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
