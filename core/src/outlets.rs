//! Outlets (服务网点) from a GeoJSON FeatureCollection.
//!
//! The loader is lenient where real exports differ (OSM exports without ids, numeric
//! phones, polygons for buildings) and strict where a resident could be misled (a
//! position that is not a position). Every feature it drops or repairs is reported.

use crate::access::Access;
use crate::booking::Booking;
use crate::busy::BusyWeek;
use crate::geo::{Datum, LonLat};
use crate::i18n::{Lang, Shown};
use crate::notices::{read_outlet_notices, Notice};
use crate::origin::link_allowed;
use crate::problem::{id_of, in_file, FatalError, Problem};
use crate::text::{fit, quote, MAX_ID_CHARS, MAX_TEXT_CHARS};
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
    /// The address in English (`addr:full:en`, `address:en`, or composed from
    /// `addr:street:en` and its siblings).
    pub address_en: Option<String>,
    pub district: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    /// As written in the file; evaluated elsewhere.
    pub opening_hours: Option<String>,
    /// Access facts: step-free access, accessible toilet, disabled parking, hearing
    /// loop, sign language, priority window, assisted and home service.
    pub access: Access,
    /// How busy it usually is, per half-hour of a typical week; shared, as the item
    /// lists are.
    pub busy: Option<Arc<BusyWeek>>,
    /// When its facts were last checked (`check_date`); never after the day
    /// [`OutletSet::check_dates`] was given.
    #[serde(serialize_with = "crate::trust::serialize_date")]
    pub check_date: Option<chrono::NaiveDate>,
    /// Its own supervision phone (监督电话); see [`crate::Config::supervision_phone`].
    pub supervision_phone: Option<String>,
    /// Shared: a region file lists each distinct set of items once.
    pub items: Arc<[String]>,
    pub appointment: Option<Booking>,
    /// Free text shown on the outlet's detail.
    pub notice: Option<String>,
    /// The notice in English (`notice:en`).
    pub notice_en: Option<String>,
    /// Its coordinates look like a placeholder or a slip (whole degrees, one spot
    /// shared by many outlets at different addresses): no distance is claimed and it
    /// is listed after the rest, marked 位置待核实.
    pub position_unsure: bool,
    /// Notices with dates (closures, moves, extra or shorter hours, suspensions): the
    /// outlet's own and, once [`OutletSet::add_notices`] is called, the bureau-wide
    /// ones for it. Empty for most outlets; shared between outlets given the same.
    #[serde(skip)]
    pub notices: Arc<[Notice]>,
}

impl Outlet {
    /// The address in `lang`, or in Chinese without an English one ([`Shown::lang`]
    /// says which, for the `lang` attribute).
    pub fn address(&self, lang: Lang) -> Option<Shown<'_, str>> {
        lang.shown(self.address.as_deref(), self.address_en.as_deref())
    }

    /// The outlet's notice in `lang`, or in Chinese without an English one.
    pub fn notice(&self, lang: Lang) -> Option<Shown<'_, str>> {
        lang.shown(self.notice.as_deref(), self.notice_en.as_deref())
    }

    /// Metres from `p`, or infinity when its position is unsure: it sorts last and
    /// [`crate::geo::format_distance`] says 位置待核实 instead of a distance.
    pub fn distance_from(&self, p: LonLat) -> f64 {
        match self.position_unsure {
            true => f64::INFINITY,
            false => crate::geo::distance_m(p, self.pos),
        }
    }
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

pub(crate) const FILE: &str = "outlets";

/// What a file that is not a FeatureCollection looks like, when it is a shape staff
/// export by mistake and `emap import` converts.
fn shape(text: &str) -> Option<&'static str> {
    let start = text.trim_start();
    if [
        "export ",
        "var ",
        "let ",
        "const ",
        "module.exports",
        "window.",
    ]
    .iter()
    .any(|p| start.starts_with(p))
    {
        return Some("一个 JavaScript 文件（a JavaScript module, not JSON）");
    }
    if start.starts_with('[') {
        return Some("一个 JSON 列表（a JSON array of records）");
    }
    if start.starts_with('{') {
        let elements = serde_json::from_str::<Map<String, Value>>(text)
            .is_ok_and(|o| o.get("elements").is_some_and(Value::is_array));
        return elements
            .then_some("一个 Overpass 导出（an Overpass API export, {\"elements\": …}）");
    }
    let first = start.lines().next().unwrap_or("");
    (first.contains(',') || first.contains('\t'))
        .then_some("CSV 表格文本（CSV text, a spreadsheet export）")
}

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
        let raw: RawCollection = serde_json::from_str(text).map_err(|e| match shape(text) {
            Some(shape) => fatal(format!(
                "这是{shape}，不是 GeoJSON FeatureCollection；用 `emap import FILE --datum wgs84|gcj02|bd09` 转换（convert it with `emap import FILE --datum …`）"
            )),
            None => fatal(format!(
                "不是有效的 GeoJSON FeatureCollection（not a valid FeatureCollection）: {e}"
            )),
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
        let mut lenient = Lenient::default();
        for (index, value) in raw.features.iter().enumerate() {
            if let Some(mut outlet) =
                parse_feature(index, text, value.get(), datum, &mut lenient, &mut problems)
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
        lenient.report(&mut problems);
        set.check_moved_to(&mut problems);
        if raw.features.is_empty() {
            problems.push(Problem::warning(
                FILE,
                "features",
                "网点文件中没有任何网点（the outlets file has no features）",
            ));
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
}

/// Shapes read although the format does not allow them, because what they mean is
/// certain (a MultiPoint of one position is a point; "121.55" is 121.55): each cause
/// is reported once with how many features it concerns, not once per feature.
#[derive(Default)]
struct Lenient {
    /// Cause → (where in a feature, features, the first one's index and id).
    seen: Vec<(String, &'static str, usize, usize, Option<String>)>,
}

impl Lenient {
    fn note(&mut self, cause: &str, at: &'static str, index: usize, id: Option<&str>) {
        match self.seen.iter_mut().find(|(c, ..)| c == cause) {
            Some(entry) => entry.2 += 1,
            None => self
                .seen
                .push((cause.to_owned(), at, 1, index, id.map(str::to_owned))),
        }
    }

    fn report(self, problems: &mut Vec<Problem>) {
        for (cause, at, n, first, id) in self.seen {
            problems.push(
                Problem::warning(
                    FILE,
                    format!("features[{first}]{at}"),
                    format!("{n} 个网点{cause}（{n} feature(s); the first is shown here）"),
                )
                .at(first, id.as_deref()),
            );
        }
    }
}

const ONE_POINT_MULTIPOINT: &str =
    "的坐标是只含一个点的 MultiPoint，已按 Point 读取（a MultiPoint of one position, read as a Point）";
const WHOLE_DEGREES: &str =
    "的坐标是整数度（如 [116, 36]），多为占位值，页面标为“位置待核实”且不报距离（whole-degree coordinates, most often a placeholder: shown as location unconfirmed, with no distance）";
const COORDINATES_AS_TEXT: &str =
    "的坐标写成了文字（如 \"121.55\"），已按数字读取（coordinates written as strings, read as numbers）";

fn parse_feature(
    index: usize,
    file: &str,
    text: &str,
    datum: Datum,
    lenient: &mut Lenient,
    problems: &mut Vec<Problem>,
) -> Option<Outlet> {
    let path = format!("features[{index}]");
    let feature: RawFeature = match serde_json::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            problems.push(
                Problem::error(
                    FILE,
                    path,
                    format!("feature rejected: {}", in_file(file, text, &e)),
                )
                .at(index, id_of(text).as_deref()),
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
    // A MultiPoint of exactly one position means that point.
    let one_of_many = (geometry.kind == "MultiPoint")
        .then(|| geometry.coordinates.as_array().filter(|a| a.len() == 1))
        .flatten()
        .map(|a| a[0].clone());
    let (kind, coordinates) = match one_of_many {
        Some(c) => {
            lenient.note(
                ONE_POINT_MULTIPOINT,
                ".geometry",
                index,
                given_id.as_deref(),
            );
            ("Point", c)
        }
        None => (geometry.kind.as_str(), geometry.coordinates.clone()),
    };
    // Numbers written as text ("121.55"), as spreadsheet exports do.
    let coordinates = match numbers_from_text(&coordinates) {
        Some(c) => {
            lenient.note(COORDINATES_AS_TEXT, ".geometry", index, given_id.as_deref());
            c
        }
        None => coordinates,
    };
    let mut placeholder = false;
    let pos = match kind {
        "MultiPoint" => {
            return reject(
                problems,
                ".geometry.coordinates",
                format!(
                    "feature rejected: a MultiPoint of {} positions is not one place; give the outlet a Point",
                    geometry.coordinates.as_array().map_or(0, Vec::len)
                ),
            )
        }
        "Point" => match point(&coordinates) {
            // Null Island: an address lookup that failed, never a police station.
            Some(p) if p.lon == 0.0 && p.lat == 0.0 => {
                return reject(
                    problems,
                    ".geometry.coordinates",
                    "坐标为 [0, 0]，多为地址解析失败，已跳过（feature rejected: coordinates [0, 0], most often a failed address lookup)".into(),
                )
            }
            Some(p) => {
                if p.lon.fract() == 0.0 && p.lat.fract() == 0.0 {
                    lenient.note(WHOLE_DEGREES, ".geometry.coordinates", index, given_id.as_deref());
                    placeholder = true;
                }
                p
            }
            None => {
                // [lat, lon] for [lon, lat] is the commonest slip: say so when the
                // numbers the other way round are a place in China.
                let swapped = coordinates
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
                // Say which is wrong: the shape, or numbers out of range.
                let numbers = coordinates
                    .as_array()
                    .is_some_and(|a| a.len() >= 2 && a[..2].iter().all(Value::is_number));
                let what = match numbers {
                    true => "are out of range for [longitude, latitude]",
                    false => "are not two numbers [longitude, latitude]",
                };
                return reject(
                    problems,
                    ".geometry.coordinates",
                    format!("feature rejected: coordinates {} {what}{swapped}", quote(&coordinates)),
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
                quote(&geometry.coordinates),
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
        None => match guess_kind(&props) {
            Some((kind, cause)) => {
                lenient.note(&cause, ".properties.kind", index, given_id.as_deref());
                kind
            }
            None => OutletKind::Other,
        },
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
                    quote(other)
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
                note_en: text_prop(a, &["note:en"]),
            })
        }
        None | Some(Value::Null) => None,
        Some(other) => {
            warn(
                problems,
                ".appointment",
                format!(
                    "appointment should be an object with url, phone and note, found {}",
                    quote(other)
                ),
            );
            None
        }
    };
    let access = Access::from_props(&props, |at, why| warn(problems, at, why));
    let busy = crate::busy::read_prop(props.get("busy"), |at, why| warn(problems, at, why));
    let check_date =
        crate::trust::read_check_date(props.get("check_date"), |at, why| warn(problems, at, why));
    let mut outlet = Outlet {
        id,
        feature_index: index,
        name,
        name_en: text_prop(&props, &["name:en"]),
        kind,
        pos,
        address: address(&props),
        address_en: address_en(&props),
        district: text_prop(&props, &["addr:district"]),
        phone: text_prop(&props, &["phone", "contact:phone"]),
        website,
        opening_hours,
        access,
        busy,
        check_date,
        supervision_phone: text_prop(&props, &["supervision_phone"]),
        items: items.into(),
        appointment,
        notice: text_prop(&props, &["notice", "note"]),
        notice_en: text_prop(&props, &["notice:en", "note:en"]),
        position_unsure: placeholder,
        notices: read_outlet_notices(
            props.get("notices"),
            &report_id,
            |p| problems.push(p.at(index, Some(&report_id))),
            FILE,
            &format!("{path}.properties.notices"),
        )
        .into(),
    };
    clip_fields(&mut outlet, |at, why| warn(problems, at, why));
    if let Some(hours) = &outlet.opening_hours {
        if let Err(e) = crate::hours::check(hours) {
            warn(
                problems,
                ".opening_hours",
                format!(
                    "unreadable opening_hours {} ({e}); shown as written",
                    quote(hours)
                ),
            );
        }
    }
    Some(outlet)
}

pub(crate) fn clip_fields(o: &mut Outlet, mut warn: impl FnMut(&str, String)) {
    let mut cut = |at: &str, field: &mut String| {
        let (tamed, clipped) = fit(field);
        if tamed {
            warn(
                at,
                "text-reordering controls or piled-up combining marks removed".into(),
            );
        }
        if let Some(n) = clipped {
            warn(
                at,
                format!("{n} characters long; only the first {MAX_TEXT_CHARS} are shown"),
            );
        }
    };
    cut(".name", &mut o.name);
    for (at, field) in [
        (".name:en", &mut o.name_en),
        (".address", &mut o.address),
        (".address:en", &mut o.address_en),
        (".addr:district", &mut o.district),
        (".phone", &mut o.phone),
        (".opening_hours", &mut o.opening_hours),
        (".supervision_phone", &mut o.supervision_phone),
        (".notice", &mut o.notice),
        (".notice:en", &mut o.notice_en),
    ] {
        if let Some(f) = field {
            cut(at, f);
        }
    }
    if let Some(b) = &mut o.appointment {
        for (at, field) in [
            (".appointment.phone", &mut b.phone),
            (".appointment.note", &mut b.note),
            (".appointment.note:en", &mut b.note_en),
        ] {
            if let Some(f) = field {
                cut(at, f);
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
                    quote(&url),
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

/// The English address: written whole, or composed the English way ("30 Xingfu
/// Middle Road, Zhifu District, Yantai") from `addr:street:en` with the house number
/// and whichever of `addr:district:en`, `addr:city:en`, `addr:province:en` are given.
/// Without an English street there is no English address: a district alone is not one.
fn address_en(props: &Map<String, Value>) -> Option<String> {
    if let Some(full) = text_prop(props, &["addr:full:en", "address:en"]) {
        return Some(full);
    }
    let street = text_prop(props, &["addr:street:en"])?;
    let first = match text_prop(props, &["addr:housenumber"]) {
        Some(n) => format!("{n} {street}"),
        None => street,
    };
    let parts: Vec<String> = std::iter::once(first)
        .chain(
            ["addr:district:en", "addr:city:en", "addr:province:en"]
                .iter()
                .filter_map(|k| text_prop(props, &[*k])),
        )
        .collect();
    Some(parts.join(", "))
}

/// `["121.55", "25.00"]` as `[121.55, 25.00]`: a position whose every number is
/// written as text that reads as one; `None` for anything else.
fn numbers_from_text(v: &Value) -> Option<Value> {
    let a = v.as_array()?;
    if a.len() < 2 || !a.iter().any(Value::is_string) {
        return None;
    }
    let numbers = a
        .iter()
        .map(|x| match x {
            Value::Number(n) => Some(Value::Number(n.clone())),
            Value::String(t) => {
                let f: f64 = t.trim().parse().ok()?;
                serde_json::Number::from_f64(f).map(Value::Number)
            }
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Value::Array(numbers))
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

#[cfg(test)]
#[path = "outlets_tests.rs"]
mod tests;

/// Words in outlets' names and the kind each means. The one found last in a name
/// wins: 某某派出所自助服务区 is a self-service area, 交警支队车管所 a vehicle office.
const NAME_WORDS: &[(&str, OutletKind)] = &[
    ("派出所", OutletKind::PoliceStation),
    ("警务室", OutletKind::PoliceStation),
    ("车管所", OutletKind::VehicleAdmin),
    ("车辆管理所", OutletKind::VehicleAdmin),
    ("车管分所", OutletKind::VehicleAdmin),
    ("车管服务站", OutletKind::VehicleAdmin),
    ("出入境", OutletKind::ExitEntry),
    ("交警", OutletKind::TrafficPoint),
    ("交通警察", OutletKind::TrafficPoint),
    ("交管", OutletKind::TrafficPoint),
    ("自助", OutletKind::SelfService),
    ("智慧警局", OutletKind::SelfService),
    ("政务服务", OutletKind::ServiceHall),
    ("市民之家", OutletKind::ServiceHall),
    ("行政服务", OutletKind::ServiceHall),
    ("便民服务中心", OutletKind::ServiceHall),
    ("检测站", OutletKind::InspectionStation),
    ("检测中心", OutletKind::InspectionStation),
    ("体检", OutletKind::MedicalCheck),
];

impl OutletKind {
    /// The kind a name suggests, with the word that says so (see `NAME_WORDS`).
    pub fn in_name(text: &str) -> Option<(OutletKind, &'static str)> {
        NAME_WORDS
            .iter()
            .filter_map(|(word, kind)| text.rfind(word).map(|at| (at + word.len(), *kind, *word)))
            .max_by_key(|(end, _, _)| *end)
            .map(|(_, kind, word)| (kind, word))
    }
}

/// The kind an outlet without `kind` most surely is, from its name, then its OSM
/// tags; with the cause, reported once for all the outlets it concerns.
fn guess_kind(props: &Map<String, Value>) -> Option<(OutletKind, String)> {
    let name = ["name", "name:zh", "official_name"]
        .iter()
        .find_map(|k| props.get(*k).and_then(Value::as_str))
        .unwrap_or("");
    if let Some((kind, hint)) = OutletKind::in_name(name) {
        return Some((
            kind,
            format!(
                "没有 kind，名称含“{hint}”，按{}显示（no kind; named like a {}, shown as one）",
                kind.label_zh(),
                kind.key()
            ),
        ));
    }
    let tag = |k: &str| props.get(k).and_then(Value::as_str);
    let (tag, kind) = match (tag("amenity"), tag("office"), tag("police")) {
        (_, _, Some("car_registration")) => ("police=car_registration", OutletKind::VehicleAdmin),
        (_, _, Some("checkpoint" | "traffic_police")) => {
            ("police=traffic_police", OutletKind::TrafficPoint)
        }
        (_, _, Some("immigration")) => ("police=immigration", OutletKind::ExitEntry),
        (Some("police"), ..) => ("amenity=police", OutletKind::PoliceStation),
        (_, Some("government"), _) => ("office=government", OutletKind::ServiceHall),
        _ => return None,
    };
    Some((
        kind,
        format!(
            "没有 kind，按 OSM 标签 {tag} 显示为{}（no kind; OSM tag {tag} read as {}）",
            kind.label_zh(),
            kind.key()
        ),
    ))
}
