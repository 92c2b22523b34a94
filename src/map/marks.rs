//! Outlets and clusters drawn by the app on one canvas over the map.
//!
//! Leaflet's own circle markers cost a JavaScript object, an options object and a
//! tooltip per outlet, rebuilt on every pan; at national scale that made a frame of
//! 80 ms. Here a redraw is one projection in Rust and a few hundred `arc` calls, and
//! a tap is found by distance on screen. During a drag the canvas is redrawn each
//! frame; during a zoom animation it is hidden and redrawn when the zoom ends.

use emap_core::geo::mercator;
use emap_core::LonLat;
use leaflet::Map;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};

/// One mark to draw, its position already in the tiles' datum.
pub struct Mark {
    pub pos: LonLat,
    pub id: String,
    /// The outlets at one spot, when several stand there; empty otherwise.
    pub at_spot: Vec<String>,
    /// The tooltip.
    pub label: String,
    /// Written beside the mark at close zoom.
    pub name: String,
    /// The outlets it stands for; more than one without `at_spot`: a cluster.
    pub count: u32,
    pub selected: bool,
    /// "open", "closed" or "unknown" for an outlet; "" for a cluster.
    pub open: &'static str,
}

impl Mark {
    /// Outlets far enough apart to part when zoomed in on.
    pub fn is_cluster(&self) -> bool {
        self.count > 1 && self.at_spot.is_empty()
    }

    fn radius(&self) -> f64 {
        if self.selected {
            11.0
        } else if self.is_cluster() {
            // Area grows with the count, gently: 2 → 10 px, 64 → 22 px; capped so two
            // clusters (never closer than a 56 px cell, see emap_core::cluster) do
            // not touch.
            (8.0 + 2.0 * f64::from(self.count).log2()).min(26.0)
        } else if !self.at_spot.is_empty() {
            // Several outlets: a little larger than one, to carry its count.
            8.0
        } else {
            6.0
        }
    }
}

/// From this zoom (streets), outlets are named on the map.
const LABEL_ZOOM: f64 = 15.0;

/// Names drawn at most: beyond a screenful they cover each other.
const MAX_LABELS: usize = 40;

/// Half a finger's target: 44 px across, as Apple's and Android's guidelines ask.
const TOUCH_PX: f64 = 22.0;

/// 长辈版's scale for outlets' dots and taps (a 66 px target).
const LARGE: f64 = 1.5;

pub struct Marks {
    container: HtmlElement,
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    tip: HtmlElement,
    list: Vec<Mark>,
    /// Where each mark was last drawn: container x, y and radius.
    placed: Vec<(f64, f64, f64)>,
    /// Whether the context has its text settings (lost when the canvas is resized).
    styled: bool,
    /// The resident's position (or the point distances are measured from).
    origin: Option<LonLat>,
    /// The view the canvas was last drawn for (size, pixel ratio, zoom, pixel origin,
    /// pane offset); `None` after the marks or the origin changed.
    drawn_for: Option<[f64; 8]>,
    /// 长辈版: outlets drawn half as large again, and taken by a tap from farther.
    large: bool,
}

fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &method.into())
        .ok()?
        .dyn_into()
        .ok()?;
    let args: js_sys::Array = args.iter().collect();
    f.apply(target, &args).ok()
}

pub fn xy(p: &JsValue) -> (f64, f64) {
    let n = |k: &str| {
        js_sys::Reflect::get(p, &k.into())
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0)
    };
    (n("x"), n("y"))
}

/// Leaflet's Web Mercator (EPSG:3857) in pixels at `zoom`, as `map.project` does.
fn project(p: LonLat, zoom: f64) -> (f64, f64) {
    let scale = 256.0 * 2f64.powf(zoom);
    let (x, y) = mercator(p);
    (x * scale, y * scale)
}

impl Marks {
    pub fn new(container: &HtmlElement) -> Option<Marks> {
        let doc = web_sys::window()?.document()?;
        let canvas: HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
        canvas.set_class_name("marks-canvas");
        let _ = canvas.set_attribute("aria-hidden", "true");
        container.append_child(&canvas).ok()?;
        let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        let tip: HtmlElement = doc.create_element("div").ok()?.dyn_into().ok()?;
        tip.set_class_name("mark-tip");
        tip.set_hidden(true);
        container.append_child(&tip).ok()?;
        Some(Marks {
            container: container.clone(),
            canvas,
            ctx,
            tip,
            list: Vec::new(),
            placed: Vec::new(),
            styled: false,
            origin: None,
            drawn_for: None,
            large: false,
        })
    }

    /// 长辈版 on or off; drawn at the next `set`.
    pub fn set_large(&mut self, on: bool) {
        if self.large != on {
            self.large = on;
            self.drawn_for = None;
        }
    }

    /// A mark's radius as drawn: clusters keep theirs (they are never closer than a
    /// 56 px cell, and larger ones would touch).
    fn drawn_radius(&self, m: &Mark) -> f64 {
        if self.large && !m.is_cluster() {
            m.radius() * LARGE
        } else {
            m.radius()
        }
    }

    pub fn set_origin(&mut self, p: LonLat) {
        self.origin = Some(p);
        self.drawn_for = None;
    }

    /// Replaces the marks and draws them (the map view calls this when the page is
    /// idle after a change, so a new need's frame stays the list's).
    pub fn set(&mut self, list: Vec<Mark>, map: &Map) {
        // The selected outlet is drawn last, on top.
        let mut list = list;
        emap_core::order::sort_by_key(&mut list, |m| (u64::from(m.selected), 0));
        self.list = list;
        self.hide_tip();
        self.drawn_for = None;
        self.draw(map);
    }

    /// Redraws every mark where the map now puts it.
    pub fn draw(&mut self, map: &Map) {
        // Leaflet's size, kept until the map is resized: reading the element's size
        // here would force a layout in the middle of a list update.
        let size = map.get_size();
        let (w, h) = (size.x(), size.y());
        let dpr = web_sys::window()
            .map_or(1.0, |w| w.device_pixel_ratio())
            .max(1.0);
        let (pw, ph) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
        let zoom = map.get_zoom();
        let map_js: &JsValue = map.as_ref();
        let origin = call(map_js, "getPixelOrigin", &[])
            .map(|p| xy(&p))
            .unwrap_or_default();
        let zero: JsValue = js_sys::Array::of2(&0.into(), &0.into()).into();
        let pane = call(map_js, "containerPointToLayerPoint", &[zero])
            .map(|p| xy(&p))
            .unwrap_or_default();
        // A zoom's end fires "move", "viewreset" and "zoomend" one after another: the
        // first draws, the others find the same view and leave the canvas as it is.
        let view = [w, h, dpr, zoom, origin.0, origin.1, pane.0, pane.1];
        if self.drawn_for == Some(view) {
            return;
        }
        self.drawn_for = Some(view);
        let ctx = &self.ctx;
        if self.canvas.width() != pw || self.canvas.height() != ph || !self.styled {
            // Resizing resets the context; setting the font costs a style lookup, so
            // it is done only then, not on every redraw of a pan.
            self.canvas.set_width(pw);
            self.canvas.set_height(ph);
            ctx.set_text_align("center");
            ctx.set_text_baseline("middle");
            ctx.set_font("bold 12px system-ui, sans-serif");
            self.styled = true;
        }
        let style = self.canvas.style();
        let _ = style.set_property("width", &format!("{w}px"));
        let _ = style.set_property("height", &format!("{h}px"));
        let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        ctx.clear_rect(0.0, 0.0, w, h);
        self.placed.clear();
        let at = |p: LonLat| {
            let (px, py) = project(p, zoom);
            (
                px.round() - origin.0 - pane.0,
                py.round() - origin.1 - pane.1,
            )
        };
        // Cluster counts go on last, above the resident's dot too, so neither hides
        // the other (the dot sat on a count's digits in the Japan screenshot).
        let mut counts = Vec::new();
        let mut badges = Vec::new();
        // Name, where it starts, whether chosen, how many outlets, which mark.
        let mut labels: Vec<(&str, f64, f64, bool, u32, usize)> = Vec::new();
        for (index, m) in self.list.iter().enumerate() {
            let (x, y) = at(m.pos);
            let r = self.drawn_radius(m);
            self.placed.push((x, y, r));
            if x < -r || y < -r || x > w + r || y > h + r {
                continue;
            }
            // Open, closed and unknown differ in shape as well as colour (the legend
            // says which): a full green disc, a red ring, a grey disc.
            let (fill, ring, line) = match (m.is_cluster(), m.open) {
                (true, _) => ("#0b3d91", "#ffffff", 2.0),
                (false, "open") => ("#137333", "#ffffff", 1.5),
                (false, "closed") => ("#ffffff", "#b3261e", r.min(8.0) * 0.45),
                (false, _) => ("#70757a", "#ffffff", 1.5),
            };
            ctx.begin_path();
            let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
            ctx.set_fill_style_str(fill);
            ctx.set_global_alpha(0.92);
            ctx.fill();
            ctx.set_global_alpha(1.0);
            ctx.set_line_width(if m.selected { line + 2.0 } else { line });
            ctx.set_stroke_style_str(ring);
            ctx.stroke();
            if m.selected {
                // The chosen outlet: a dark outer ring, and its name beside it.
                ctx.begin_path();
                let _ = ctx.arc(x, y, r + 3.0, 0.0, std::f64::consts::TAU);
                ctx.set_line_width(2.0);
                ctx.set_stroke_style_str("#202124");
                ctx.stroke();
            }
            if m.is_cluster() {
                counts.push((m.count, x, y));
                continue;
            }
            let mut gap = 5.0;
            if m.count > 1 {
                // A spot: its count in a dark badge on the disc's upper right, so it
                // reads as outlets standing together, not a cluster to zoom into.
                badges.push((m.count, x + r * 0.8, y - r * 0.8));
                gap += 6.0;
            }
            if m.selected || zoom >= LABEL_ZOOM {
                labels.push((m.name.as_str(), x + r + gap, y, m.selected, m.count, index));
            }
        }
        // Names at close zoom (the selected outlet's always), left-aligned beside
        // their marks, in a white halo so they read over any tile; at most a screenful.
        ctx.set_text_align("left");
        ctx.set_line_width(4.0);
        ctx.set_stroke_style_str("#ffffff");
        // A name that would cover another name or another mark is left out (it was
        // written across a hall's mark and its count): the chosen outlet's goes first,
        // then those of spots, then in the list's order, nearest first.
        emap_core::order::sort_by_key(&mut labels, |l| {
            (u64::from(!l.3), u64::from(u32::MAX - l.4))
        });
        let mut taken: Vec<[f64; 4]> = Vec::new();
        for (text, x, y, chosen, _, own) in labels {
            if taken.len() >= MAX_LABELS {
                break;
            }
            let (font, half) = if chosen {
                ("bold 14px system-ui, sans-serif", 9.0)
            } else {
                ("12px system-ui, sans-serif", 8.0)
            };
            ctx.set_font(font);
            let width = text_width(text, 2.0 * half - 2.0);
            let bx = [x - 2.0, y - half, x + width + 2.0, y + half];
            let overlaps =
                |b: &[f64; 4]| bx[0] < b[2] && b[0] < bx[2] && bx[1] < b[3] && b[1] < bx[3];
            let covers_mark = self.placed.iter().enumerate().any(|(i, (mx, my, r))| {
                i != own && (mx.clamp(bx[0], bx[2]) - mx).hypot(my.clamp(bx[1], bx[3]) - my) < *r
            });
            if taken.iter().any(overlaps) || (!chosen && covers_mark) {
                continue;
            }
            taken.push(bx);
            ctx.set_fill_style_str("#202124");
            let _ = ctx.stroke_text(text, x, y);
            let _ = ctx.fill_text(text, x, y);
        }
        ctx.set_text_align("center");
        ctx.set_font("bold 12px system-ui, sans-serif");
        // The resident's position, over every disc: never hidden under a cluster.
        if let Some((x, y)) = self.origin.map(at) {
            ctx.begin_path();
            let _ = ctx.arc(x, y, 7.0, 0.0, std::f64::consts::TAU);
            ctx.set_fill_style_str("#1a73e8");
            ctx.fill();
            ctx.set_line_width(3.0);
            ctx.set_stroke_style_str("#ffffff");
            ctx.stroke();
        }
        // Outlined in the clusters' blue: readable over the dot's white ring too.
        ctx.set_fill_style_str("#ffffff");
        ctx.set_stroke_style_str("#0b3d91");
        ctx.set_line_width(3.0);
        for (count, x, y) in counts {
            let text = count.to_string();
            let _ = ctx.stroke_text(&text, x, y + 0.5);
            let _ = ctx.fill_text(&text, x, y + 0.5);
        }
        let badge = if self.large { 11.0 } else { 8.0 };
        if !badges.is_empty() {
            ctx.set_font(if self.large {
                "bold 15px system-ui, sans-serif"
            } else {
                "bold 11px system-ui, sans-serif"
            });
        }
        for (count, x, y) in badges {
            ctx.begin_path();
            let _ = ctx.arc(x, y, badge, 0.0, std::f64::consts::TAU);
            ctx.set_fill_style_str("#202124");
            ctx.fill();
            ctx.set_line_width(1.5);
            ctx.set_stroke_style_str("#ffffff");
            ctx.stroke();
            ctx.set_fill_style_str("#ffffff");
            let _ = ctx.fill_text(&count.to_string(), x, y + 0.5);
        }
        ctx.set_font("bold 12px system-ui, sans-serif");
    }

    /// While Leaflet animates a zoom the drawn positions are wrong: hide them.
    pub fn set_visible(&self, on: bool) {
        let _ = self
            .canvas
            .style()
            .set_property("visibility", if on { "visible" } else { "hidden" });
        if !on {
            self.hide_tip();
        }
    }

    /// The mark under a container point, topmost first; a finger gets a few pixels
    /// of slack around a small mark.
    /// The mark a tap at `x`, `y` means: the nearest within its radius or
    /// [`TOUCH_PX`], whichever is larger (a 12 px dot took a finger landing within
    /// 12 px of its centre; 13 px below it selected nothing).
    pub fn hit(&self, x: f64, y: f64) -> Option<&Mark> {
        // 长辈版's targets are 60 px and more.
        let touch = if self.large {
            TOUCH_PX * LARGE
        } else {
            TOUCH_PX
        };
        self.placed
            .iter()
            .zip(&self.list)
            .map(|((mx, my, r), m)| ((x - mx).hypot(y - my), r.max(touch), m))
            .filter(|(d, slack, _)| d <= slack)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, _, m)| m)
    }

    /// The name of the outlet under the pointer, as text (never HTML: names come
    /// from data).
    pub fn hover(&self, x: f64, y: f64) {
        let target = self
            .placed
            .iter()
            .zip(&self.list)
            .rev()
            .find(|((mx, my, r), _)| (x - mx).powi(2) + (y - my).powi(2) <= (r + 3.0).powi(2));
        let style = self.container.style();
        match target {
            Some(((mx, my, r), m)) => {
                let _ = style.set_property("cursor", "pointer");
                let text = &m.label;
                if self.tip.text_content().as_deref() != Some(text.as_str()) {
                    self.tip.set_text_content(Some(text));
                }
                let s = self.tip.style();
                let _ = s.set_property("left", &format!("{mx}px"));
                let _ = s.set_property("top", &format!("{}px", my - r - 4.0));
                self.tip.set_hidden(false);
            }
            None => {
                let _ = style.remove_property("cursor");
                self.hide_tip();
            }
        }
    }

    pub fn hide_tip(&self) {
        self.tip.set_hidden(true);
    }

    /// Outlets' marks drawn per state, a spot's once, for tests ("open:12 closed:3
    /// unknown:0").
    pub fn open_counts(&self) -> String {
        let n = |k: &str| {
            self.list
                .iter()
                .filter(|m| !m.is_cluster() && m.open == k)
                .count()
        };
        format!(
            "open:{} closed:{} unknown:{}",
            n("open"),
            n("closed"),
            n("unknown")
        )
    }

    /// The counts of the clusters drawn, for tests ("12,5,3").
    pub fn cluster_counts(&self) -> String {
        self.counts(Mark::is_cluster)
    }

    /// The counts written on the spots drawn, for tests ("3,2").
    pub fn spot_counts(&self) -> String {
        self.counts(|m| !m.at_spot.is_empty())
    }

    fn counts(&self, which: impl Fn(&Mark) -> bool) -> String {
        self.list
            .iter()
            .filter(|m| which(m))
            .map(|m| m.count.to_string())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// About how wide `text` is at `px`: Chinese characters are square, Latin letters
/// about half as wide. (Measuring would ask the canvas for each name at each redraw.)
fn text_width(text: &str, px: f64) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
        .sum::<f64>()
        * px
}

/// Wires the map's events to the marks: redraw while moving, hide while zooming.
pub fn follow(
    map: &Map,
    marks: Rc<RefCell<Marks>>,
    handlers: &mut Vec<Closure<dyn FnMut(JsValue)>>,
) {
    let redraw = {
        let (map, marks) = (map.clone(), marks.clone());
        Closure::<dyn FnMut(JsValue)>::new(move |_| {
            if let Ok(mut m) = marks.try_borrow_mut() {
                m.draw(&map);
            }
        })
    };
    for event in ["move", "resize", "viewreset", "zoomend"] {
        map.on(event, redraw.as_ref());
    }
    handlers.push(redraw);
    let show = {
        let marks = marks.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_| marks.borrow().set_visible(true))
    };
    map.on("zoomend", show.as_ref());
    handlers.push(show);
    let hide = Closure::<dyn FnMut(JsValue)>::new(move |_| marks.borrow().set_visible(false));
    map.on("zoomanim", hide.as_ref());
    handlers.push(hide);
}
