//! Outlets (服务网点) from a GeoJSON FeatureCollection.
//!
//! The loader is lenient where real exports differ (OSM exports without ids, numeric
//! phones, polygons for buildings) and strict where a resident could be misled (a
//! position that is not a position). Every feature it drops or repairs is reported.

use crate::catalog::Catalog;
use crate::geo::{Datum, LonLat};
use crate::origin::link_allowed;
use crate::problem::{FatalError, Problem};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutletKind {
    PoliceStation,
    ServiceHall,
    ExitEntry,
    VehicleAdmin,
    TrafficPoint,
    SelfService,
    InspectionStation,
    MedicalCheck,
    #[default]
    Other,
}

impl OutletKind {
    pub const ALL: [OutletKind; 9] = [
        OutletKind::PoliceStation,
        OutletKind::ServiceHall,
        OutletKind::ExitEntry,
        OutletKind::VehicleAdmin,
        OutletKind::TrafficPoint,
        OutletKind::SelfService,
        OutletKind::InspectionStation,
        OutletKind::MedicalCheck,
        OutletKind::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            OutletKind::PoliceStation => "police_station",
            OutletKind::ServiceHall => "service_hall",
            OutletKind::ExitEntry => "exit_entry",
            OutletKind::VehicleAdmin => "vehicle_admin",
            OutletKind::TrafficPoint => "traffic_point",
            OutletKind::SelfService => "self_service",
            OutletKind::InspectionStation => "inspection_station",
            OutletKind::MedicalCheck => "medical_check",
            OutletKind::Other => "other",
        }
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        if lang == crate::i18n::Lang::Zh {
            return self.label_zh();
        }
        match self {
            OutletKind::PoliceStation => "Police station",
            OutletKind::ServiceHall => "Government service hall",
            OutletKind::ExitEntry => "Exit-entry service hall",
            OutletKind::VehicleAdmin => "Vehicle administration office",
            OutletKind::TrafficPoint => "Traffic police service point",
            OutletKind::SelfService => "24-hour self-service area",
            OutletKind::InspectionStation => "Vehicle inspection station",
            OutletKind::MedicalCheck => "Driver medical check hospital",
            OutletKind::Other => "Other outlet",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            OutletKind::PoliceStation => "派出所",
            OutletKind::ServiceHall => "政务服务大厅",
            OutletKind::ExitEntry => "出入境接待大厅",
            OutletKind::VehicleAdmin => "车管所",
            OutletKind::TrafficPoint => "交警服务站",
            OutletKind::SelfService => "24小时自助服务区",
            OutletKind::InspectionStation => "机动车检测站",
            OutletKind::MedicalCheck => "驾驶人体检医院",
            OutletKind::Other => "其他网点",
        }
    }

    pub fn parse(key: &str) -> Option<OutletKind> {
        OutletKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// How to book: an item's general channels, or an outlet's own, which override them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Booking {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// A WeChat/Alipay mini-program or app by the name residents search for.
    #[serde(default)]
    pub mini_program: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

impl Booking {
    /// The outlet's channels where it has them, the item's otherwise. The notes are
    /// both kept, the item's first: an outlet's note is about the outlet (often about
    /// other items), and alone it hid what the item's said.
    pub fn overriding(outlet: Option<&Booking>, item: Option<&Booking>) -> Option<Booking> {
        match (outlet, item) {
            (None, None) => None,
            (o, i) => {
                let pick = |f: fn(&Booking) -> &Option<String>| {
                    o.and_then(|b| f(b).clone())
                        .or_else(|| i.and_then(|b| f(b).clone()))
                };
                Some(Booking {
                    url: pick(|b| &b.url),
                    phone: pick(|b| &b.phone),
                    mini_program: pick(|b| &b.mini_program),
                    note: match (
                        i.and_then(|b| b.note.clone()),
                        o.and_then(|b| b.note.clone()),
                    ) {
                        (Some(a), Some(b)) if a != b => Some(format!("{a} {b}")),
                        (a, b) => a.or(b),
                    },
                })
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outlet {
    pub id: String,
    /// Position of its feature in the file, for reports.
    pub feature_index: usize,
    pub name: String,
    pub name_en: Option<String>,
    pub kind: OutletKind,
    /// Always WGS-84, whatever the file's datum.
    pub pos: LonLat,
    pub address: Option<String>,
    pub district: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    /// As written in the file; evaluated elsewhere.
    pub opening_hours: Option<String>,
    pub wheelchair: Option<String>,
    /// Shared: a region file lists each distinct set of items once.
    pub items: Arc<[String]>,
    pub appointment: Option<Booking>,
    pub notice: Option<String>,
}

/// The loaded outlets of one file.
#[derive(Clone, Debug, Default)]
pub struct OutletSet {
    pub outlets: Vec<Outlet>,
    pub datum: Datum,
    pub sample: bool,
    by_id: HashMap<String, usize>,
    /// Per repeated id, the next copy number to try.
    next_copy: HashMap<String, usize>,
}

#[derive(Deserialize)]
struct RawCollection<'a> {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    datum: Option<String>,
    #[serde(default)]
    sample: bool,
    #[serde(borrow)]
    features: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct RawFeature {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    geometry: Option<RawGeometry>,
    #[serde(default)]
    properties: Option<Map<String, Value>>,
}

#[derive(Deserialize)]
struct RawGeometry {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    coordinates: Value,
}

const FILE: &str = "outlets";

impl OutletSet {
    pub fn new(outlets: Vec<Outlet>) -> OutletSet {
        let by_id = outlets
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), i))
            .collect();
        OutletSet {
            outlets,
            by_id,
            ..Default::default()
        }
    }

    pub fn get(&self, id: &str) -> Option<&Outlet> {
        self.by_id.get(id).map(|&i| &self.outlets[i])
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Parses a GeoJSON FeatureCollection. Fails only when the file as a whole is
    /// unusable; otherwise keeps every valid feature and reports the others.
    pub fn parse(text: &str) -> Result<(OutletSet, Vec<Problem>), FatalError> {
        let fatal = |message: String| FatalError::new(FILE, message);
        // Spreadsheet and Notepad exports start with a byte-order mark.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let raw: RawCollection = serde_json::from_str(text).map_err(|e| {
            fatal(format!(
                "不是有效的 GeoJSON FeatureCollection（not a valid FeatureCollection）: {e}"
            ))
        })?;
        if let Some(kind) = &raw.kind {
            if kind != "FeatureCollection" {
                return Err(fatal(format!(
                    "expected \"type\": \"FeatureCollection\", found {kind:?}"
                )));
            }
        }
        let mut problems = Vec::new();
        let datum = match raw.datum.as_deref() {
            None => Datum::Wgs84,
            Some(d) => Datum::parse(d).ok_or_else(|| {
                fatal(format!(
                    "unknown datum {d:?}: use \"wgs84\", \"gcj02\" or \"bd09\""
                ))
            })?,
        };
        let mut set = OutletSet {
            outlets: Vec::with_capacity(raw.features.len()),
            datum,
            sample: raw.sample,
            by_id: HashMap::with_capacity(raw.features.len()),
            next_copy: HashMap::new(),
        };
        // Outlets of one kind mostly handle the same items: keep each distinct list
        // once, as a region file does, so memory and item filters scale with the
        // lists, not the outlets.
        let mut lists: HashSet<Arc<[String]>> = HashSet::new();
        for (index, value) in raw.features.iter().enumerate() {
            if let Some(mut outlet) = parse_feature(index, text, value.get(), datum, &mut problems)
            {
                match lists.get(&*outlet.items) {
                    Some(shared) => outlet.items = shared.clone(),
                    None => {
                        lists.insert(outlet.items.clone());
                    }
                }
                set.push(outlet, &format!("features[{index}].id"), &mut problems);
            }
        }
        Ok((set, problems))
    }

    /// Adds an outlet; a repeated id is renamed (`id~2`, `id~3`, …) and reported at
    /// `path`, so both stay reachable.
    pub fn push(&mut self, mut outlet: Outlet, path: &str, problems: &mut Vec<Problem>) {
        if self.by_id.contains_key(&outlet.id) {
            let original = outlet.id.clone();
            // Remember where numbering got to: counting up from 2 for each of
            // 20 000 copies of one id took minutes (quadratic).
            let n = self.next_copy.entry(original.clone()).or_insert(2);
            while self.by_id.contains_key(&format!("{original}~{n}")) {
                *n += 1;
            }
            outlet.id = format!("{original}~{n}");
            *n += 1;
            problems.push(
                Problem::warning(
                    FILE,
                    path.to_owned(),
                    format!(
                        "duplicate id {original:?}; this one is shown as {:?}",
                        outlet.id
                    ),
                )
                .at(outlet.feature_index, Some(&original)),
            );
        }
        self.by_id.insert(outlet.id.clone(), self.outlets.len());
        self.outlets.push(outlet);
    }

    /// Warns about item ids the catalog does not know (the outlet keeps the rest).
    pub fn check_against(&mut self, catalog: &Catalog) -> Vec<Problem> {
        self.check_from(catalog, 0)
    }

    /// Outlets outside China and far (over [`FAR_KM`]) from the deployment's centre:
    /// a wrong geocode (an address found in Paris) that would sit unnoticed at the end
    /// of every list; a country's data around its own centre is not reported.
    /// Warnings: the outlet still shows where the data puts it.
    pub fn check_placement(&self, centre: LonLat, first: usize) -> Vec<Problem> {
        self.outlets
            .iter()
            .skip(first)
            .filter(|o| !o.pos.in_china())
            .filter_map(|o| {
                let d = crate::geo::distance_m(centre, o.pos) / 1000.0;
                (d > FAR_KM).then(|| {
                    Problem::warning(
                        FILE,
                        format!("features[{}].geometry.coordinates", o.feature_index),
                        format!(
                            "坐标 [{}, {}] 不在中国境内，离地图中心 {:.0} 公里，请核对（outside China, {:.0} km from the centre）",
                            o.pos.lon, o.pos.lat, d, d
                        ),
                    )
                    .at(o.feature_index, Some(&o.id))
                })
            })
            .collect()
    }

    /// [`check_against`](Self::check_against) for the outlets from `first` on: those
    /// added since the last check.
    pub fn check_from(&mut self, catalog: &Catalog, first: usize) -> Vec<Problem> {
        let mut problems = Vec::new();
        // Outlets from one pack region share their item lists: look each list up once
        // (its known ids, and the unknown ones), not 100,000 times.
        // Each entry keeps its list alive, so no other list can take its address.
        type Checked = (Arc<[String]>, Arc<[String]>, Vec<String>);
        let mut seen: HashMap<*const String, Checked> = HashMap::new();
        for o in self.outlets.iter_mut().skip(first) {
            let (_, known, unknown) = seen
                .entry(o.items.as_ptr())
                .or_insert_with(|| {
                    let (known, unknown): (Vec<String>, Vec<String>) = o
                        .items
                        .iter()
                        .cloned()
                        .partition(|id| catalog.item(id).is_some());
                    (o.items.clone(), known.into(), unknown)
                })
                .clone();
            if !unknown.is_empty() {
                problems.push(
                    Problem::warning(
                        FILE,
                        format!("features[{}].properties.items", o.feature_index),
                        format!("unknown item id(s) ignored: {}", unknown.join(", ")),
                    )
                    .at(o.feature_index, Some(&o.id)),
                );
                o.items = known;
            }
        }
        problems
    }
}

/// See [`OutletSet::check_placement`].
pub const FAR_KM: f64 = 1000.0;

fn parse_feature(
    index: usize,
    file: &str,
    text: &str,
    datum: Datum,
    problems: &mut Vec<Problem>,
) -> Option<Outlet> {
    let path = format!("features[{index}]");
    let feature: RawFeature = match serde_json::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            let id = crate::catalog::id_of(text);
            problems.push(
                Problem::error(
                    FILE,
                    path,
                    format!(
                        "feature rejected: {}",
                        crate::problem::in_file(file, text, &e)
                    ),
                )
                .at(index, id.as_deref()),
            );
            return None;
        }
    };
    let props = feature.properties.unwrap_or_default();
    let given_id = feature
        .id
        .as_ref()
        .and_then(scalar_text)
        .or_else(|| props.get("@id").and_then(scalar_text))
        .or_else(|| props.get("id").and_then(scalar_text))
        .filter(|s| !s.trim().is_empty());
    let reject = |problems: &mut Vec<Problem>, at: &str, why: String| {
        problems
            .push(Problem::error(FILE, format!("{path}{at}"), why).at(index, given_id.as_deref()));
        None
    };
    let Some(geometry) = feature.geometry else {
        return reject(
            problems,
            ".geometry",
            "feature rejected: it has no geometry, so it cannot be placed on the map".into(),
        );
    };
    let pos = match geometry.kind.as_str() {
        "Point" => match point(&geometry.coordinates) {
            // Null Island: an address lookup that failed, never a police station.
            Some(p) if p.lon == 0.0 && p.lat == 0.0 => {
                return reject(
                    problems,
                    ".geometry.coordinates",
                    "坐标为 [0, 0]，多为地址解析失败，已跳过（feature rejected: coordinates [0, 0], most often a failed address lookup)".into(),
                )
            }
            Some(p) => p,
            None => {
                // [lat, lon] for [lon, lat] is the commonest slip: say so when the
                // numbers the other way round are a place in China.
                let swapped = geometry
                    .coordinates
                    .as_array()
                    .and_then(|a| Some(LonLat::new(a.get(1)?.as_f64()?, a.first()?.as_f64()?)))
                    .filter(|p| p.is_valid() && p.in_china())
                    .map(|p| {
                        format!(
                            "；疑似经纬度写反，应为 [{}, {}]（longitude first）",
                            p.lon, p.lat
                        )
                    })
                    .unwrap_or_default();
                return reject(
                    problems,
                    ".geometry.coordinates",
                    format!(
                        "feature rejected: coordinates {} are not [longitude, latitude] within range{swapped}",
                        short(&geometry.coordinates)
                    ),
                );
            }
        },
        "Polygon" | "MultiPolygon" => {
            let ring = if geometry.kind == "Polygon" {
                geometry.coordinates.get(0)
            } else {
                geometry.coordinates.get(0).and_then(|p| p.get(0))
            };
            match ring.and_then(centroid) {
                Some(p) => {
                    problems.push(
                        Problem::warning(
                            FILE,
                            format!("{path}.geometry"),
                            format!("{} placed at its centroid", geometry.kind),
                        )
                        .at(index, given_id.as_deref()),
                    );
                    p
                }
                None => {
                    return reject(
                        problems,
                        ".geometry.coordinates",
                        format!("feature rejected: {} has no valid ring", geometry.kind),
                    )
                }
            }
        }
        other => {
            return reject(
                problems,
                ".geometry.type",
                format!("feature rejected: geometry type {other:?} is not a Point"),
            )
        }
    };
    let pos = datum.to_wgs84(pos);
    if !pos.is_valid() {
        // Baidu's and Amap's shifts can push a point at a pole or the date line off
        // the Earth; a map and a distance need a real position.
        return reject(
            problems,
            ".geometry.coordinates",
            format!(
                "feature rejected: coordinates {} are out of range once converted from {}",
                short(&geometry.coordinates),
                format!("{datum:?}").to_ascii_lowercase()
            ),
        );
    }
    if given_id
        .as_ref()
        .is_some_and(|id| id.chars().count() > MAX_ID_CHARS)
    {
        return reject(
            problems,
            ".id",
            format!("feature rejected: its id is longer than {MAX_ID_CHARS} characters"),
        );
    }
    let id = given_id.clone().unwrap_or_else(|| format!("n{index}"));
    let report_id = id.clone();
    let warn = |problems: &mut Vec<Problem>, at: &str, why: String| {
        problems.push(
            Problem::warning(FILE, format!("{path}.properties{at}"), why)
                .at(index, Some(&report_id)),
        );
    };

    let kind = match props.get("kind").and_then(Value::as_str) {
        Some(k) => OutletKind::parse(k).unwrap_or_else(|| {
            warn(
                problems,
                ".kind",
                format!("unknown kind {k:?}, shown as \"other\""),
            );
            OutletKind::Other
        }),
        None if props.get("amenity").and_then(Value::as_str) == Some("police") => {
            OutletKind::PoliceStation
        }
        None => OutletKind::Other,
    };
    let name = match text_prop(&props, &["name", "name:zh", "official_name"]) {
        Some(n) => n,
        None => {
            warn(problems, ".name", "no name; shown by its kind".into());
            format!("{}（未命名）", kind.label_zh())
        }
    };
    let items = match props.get("items") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) => list.iter().filter_map(scalar_text).collect(),
        // A spreadsheet export may write "a;b;c".
        Some(Value::String(s)) => s
            .split([';', ',', '；', '，'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        Some(other) => {
            warn(
                problems,
                ".items",
                format!(
                    "items should be an array of item ids, found {}",
                    short(other)
                ),
            );
            Vec::new()
        }
    };
    let opening_hours = text_prop(&props, &["opening_hours"]);
    let website = link_prop(
        &props,
        &["website", "contact:website", "url"],
        &["http", "https"],
        |at, why| warn(problems, at, why),
    );
    let appointment = match props.get("appointment") {
        Some(Value::Object(a)) => {
            let url = link_prop(a, &["url"], &["http", "https"], |at, why| {
                warn(problems, &format!(".appointment{at}"), why)
            });
            Some(Booking {
                url,
                phone: text_prop(a, &["phone"]),
                mini_program: text_prop(a, &["mini_program"]),
                note: text_prop(a, &["note"]),
            })
        }
        None | Some(Value::Null) => None,
        Some(other) => {
            warn(
                problems,
                ".appointment",
                format!(
                    "appointment should be an object with url, phone and note, found {}",
                    short(other)
                ),
            );
            None
        }
    };
    let mut outlet = Outlet {
        id,
        feature_index: index,
        name,
        name_en: text_prop(&props, &["name:en"]),
        kind,
        pos,
        address: address(&props),
        district: text_prop(&props, &["addr:district"]),
        phone: text_prop(&props, &["phone", "contact:phone"]),
        website,
        opening_hours,
        wheelchair: text_prop(&props, &["wheelchair"]),
        items: items.into(),
        appointment,
        notice: text_prop(&props, &["notice", "note"]),
    };
    clip_fields(&mut outlet, |at, why| warn(problems, at, why));
    if let Some(hours) = &outlet.opening_hours {
        if let Err(e) = crate::hours::check(hours) {
            warn(
                problems,
                ".opening_hours",
                format!(
                    "unreadable opening_hours {} ({e}); shown as written",
                    short(&Value::String(hours.clone()))
                ),
            );
        }
    }
    Some(outlet)
}

/// Longest text kept in any one field, in characters: a page of text. Beyond it a
/// field is a pasted document or an attack, and would only make the page crawl.
pub const MAX_TEXT_CHARS: usize = 2000;
/// Longest id, in characters: ids go into links.
pub const MAX_ID_CHARS: usize = 200;

/// Cuts `text` to [`MAX_TEXT_CHARS`]; `Some(length)` when it was longer.
pub(crate) fn clip_text(text: &mut String) -> Option<usize> {
    // A character is at least a byte: short text needs no counting.
    if text.len() <= MAX_TEXT_CHARS {
        return None;
    }
    let (cut, _) = text.char_indices().nth(MAX_TEXT_CHARS)?;
    let n = text.chars().count();
    text.truncate(cut);
    text.push('…');
    Some(n)
}

pub(crate) fn clip_fields(o: &mut Outlet, mut warn: impl FnMut(&str, String)) {
    let mut clip = |at: &str, field: &mut String| {
        if let Some(n) = clip_text(field) {
            warn(
                at,
                format!("{n} characters long; only the first {MAX_TEXT_CHARS} are shown"),
            );
        }
    };
    clip(".name", &mut o.name);
    for (at, field) in [
        (".name:en", &mut o.name_en),
        (".address", &mut o.address),
        (".addr:district", &mut o.district),
        (".phone", &mut o.phone),
        (".opening_hours", &mut o.opening_hours),
        (".wheelchair", &mut o.wheelchair),
        (".notice", &mut o.notice),
    ] {
        if let Some(f) = field {
            clip(at, f);
        }
    }
    if let Some(b) = &mut o.appointment {
        for (at, field) in [
            (".appointment.phone", &mut b.phone),
            (".appointment.note", &mut b.note),
        ] {
            if let Some(f) = field {
                clip(at, f);
            }
        }
    }
    // A cut link would lead somewhere else: drop it instead.
    let booking_url = o.appointment.as_mut().map(|b| &mut b.url);
    for (at, link) in [
        (".website", Some(&mut o.website)),
        (".appointment.url", booking_url),
    ] {
        if let Some(link) = link {
            if link
                .as_ref()
                .is_some_and(|l| l.chars().count() > MAX_TEXT_CHARS)
            {
                *link = None;
                warn(
                    at,
                    format!("link longer than {MAX_TEXT_CHARS} characters dropped"),
                );
            }
        }
    }
    // Bytes bound characters from above: most outlets are passed over at once.
    if o.items.iter().any(|id| id.len() > MAX_ID_CHARS) {
        let before = o.items.len();
        o.items = o
            .items
            .iter()
            .filter(|id| id.chars().count() <= MAX_ID_CHARS)
            .cloned()
            .collect();
        if o.items.len() < before {
            warn(
                ".items",
                format!("item ids longer than {MAX_ID_CHARS} characters ignored"),
            );
        }
    }
}

/// A string or number as text (OSM exports often carry numeric phones and ids).
fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn text_prop(props: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter()
        .filter_map(|k| props.get(*k))
        .filter_map(scalar_text)
        .find(|s| !s.is_empty())
}

/// A link from data, kept only with an allowed scheme: a data file must not be able
/// to put `javascript:` behind a button on a government page.
fn link_prop(
    props: &Map<String, Value>,
    keys: &[&str],
    schemes: &[&str],
    mut warn: impl FnMut(&str, String),
) -> Option<String> {
    let (key, url) = keys
        .iter()
        .find_map(|k| props.get(*k).and_then(scalar_text).map(|v| (*k, v)))?;
    if url.is_empty() {
        return None;
    }
    match link_allowed(&url, schemes) {
        true => Some(url),
        false => {
            warn(
                &format!(".{key}"),
                format!(
                    "link {} dropped: only {} links are allowed",
                    short(&Value::String(url.clone())),
                    schemes.join("/")
                ),
            );
            None
        }
    }
}

fn address(props: &Map<String, Value>) -> Option<String> {
    if let Some(full) = text_prop(props, &["addr:full", "address"]) {
        return Some(full);
    }
    let parts: Vec<String> = [
        "addr:province",
        "addr:city",
        "addr:district",
        "addr:street",
        "addr:housenumber",
    ]
    .iter()
    .filter_map(|k| props.get(*k).and_then(scalar_text))
    .collect();
    (!parts.is_empty()).then(|| parts.concat())
}

fn point(v: &Value) -> Option<LonLat> {
    let a = v.as_array()?;
    if a.len() < 2 {
        return None;
    }
    let p = LonLat::new(a[0].as_f64()?, a[1].as_f64()?);
    p.is_valid().then_some(p)
}

/// Area-weighted centroid of a ring, falling back to the mean of its vertices for
/// degenerate rings.
fn centroid(ring: &Value) -> Option<LonLat> {
    let pts: Vec<LonLat> = ring.as_array()?.iter().map(point).collect::<Option<_>>()?;
    if pts.is_empty() {
        return None;
    }
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for w in pts.windows(2) {
        let cross = w[0].lon * w[1].lat - w[1].lon * w[0].lat;
        a += cross;
        cx += (w[0].lon + w[1].lon) * cross;
        cy += (w[0].lat + w[1].lat) * cross;
    }
    if a.abs() > 1e-12 {
        Some(LonLat::new(cx / (3.0 * a), cy / (3.0 * a)))
    } else {
        let n = pts.len() as f64;
        Some(LonLat::new(
            pts.iter().map(|p| p.lon).sum::<f64>() / n,
            pts.iter().map(|p| p.lat).sum::<f64>() / n,
        ))
    }
}

/// A value cut short for a message, so a 10 MB string does not become a 10 MB report.
fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

#[cfg(test)]
#[path = "outlets_tests.rs"]
mod tests;
