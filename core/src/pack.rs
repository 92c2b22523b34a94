//! Outlet packs: the national-scale form of an outlets file, made by `emap pack`.
//!
//! A GeoJSON file of 100,000 outlets is 60 MB of generic JSON objects; a phone parses
//! it in seconds and shows nothing until the last feature is read. A pack is the same
//! outlets, checked once by the maintainer's tool, written as:
//!
//! - a manifest (`outlets.pack.json`): which region files there are, the box each
//!   covers and how many outlets it holds;
//! - region files of a few thousand outlets each, split where the outlets are (a k-d
//!   split at medians, so a dense city gets small regions and a province of steppe one
//!   large one). Each is compact: a row per outlet, and the values shared by many rows
//!   (opening hours, item lists, districts) written once in tables.
//!
//! The app reads the manifest, loads the regions near the resident first and shows
//! results from them, then loads the rest. Rows are still checked as they are read:
//! one bad row is reported and the others are kept.

use crate::access::Access;
use crate::booking::Booking;
use crate::geo::{round6, LonLat};
use crate::origin::{link_allowed, WEB};
use crate::outlets::{clip_fields, Outlet, OutletKind};
use crate::problem::{FatalError, Problem};
use crate::text::MAX_ID_CHARS;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

pub const PACK_FORMAT: &str = "emap-pack/1";
pub const REGION_FORMAT: &str = "emap-region/1";
/// Outlets per region file unless the maintainer says otherwise: small enough that a
/// phone parses one in a few milliseconds, large enough that a country is ~30 files.
pub const DEFAULT_REGION_SIZE: usize = 4000;

const FILE: &str = "outlets";

/// One region file of a pack.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Region {
    /// Path relative to the manifest.
    pub file: String,
    /// `[west, south, east, north]`, WGS-84 degrees.
    pub bbox: [f64; 4],
    pub count: usize,
}

impl Region {
    /// Metres from `p` to the nearest point of the region's box (0 inside it).
    pub fn distance_m(&self, p: LonLat) -> f64 {
        let [w, s, e, n] = self.bbox;
        let nearest = LonLat::new(p.lon.clamp(w, e), p.lat.clamp(s, n));
        crate::geo::distance_m(p, nearest)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    #[serde(default)]
    pub sample: bool,
    #[serde(default)]
    pub count: usize,
    pub regions: Vec<Region>,
}

impl Manifest {
    /// Whether an outlets file's text is a pack manifest rather than GeoJSON: a cheap
    /// look at its start, so a 60 MB GeoJSON file is not parsed twice.
    pub fn sniff(text: &str) -> bool {
        let head: String = text.chars().take(200).collect();
        head.contains(PACK_FORMAT)
    }

    pub fn parse(text: &str) -> Result<Manifest, FatalError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let m: Manifest = serde_json::from_str(text).map_err(|e| {
            FatalError::new(
                FILE,
                format!("不是有效的网点包清单（not a valid pack manifest）: {e}"),
            )
        })?;
        if m.format != PACK_FORMAT {
            return Err(FatalError::new(
                FILE,
                format!("pack format {:?} is not {PACK_FORMAT:?}", m.format),
            ));
        }
        Ok(m)
    }

    /// Region indexes in the order to load them: nearest to `from` first. The first
    /// group is every region within `near_m` of `from` (at least the nearest one):
    /// enough that the resident's first results are not cut at a region's edge.
    pub fn load_order(&self, from: LonLat, near_m: f64) -> (Vec<usize>, Vec<usize>) {
        let mut order: Vec<(f64, usize)> = self
            .regions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.distance_m(from), i))
            .collect();
        crate::order::sort_by_key(&mut order, |a| (crate::order::f64_key(a.0), 0));
        let split = order
            .iter()
            .position(|(d, _)| *d > near_m)
            .unwrap_or(order.len())
            .max(1)
            .min(order.len());
        let (first, rest) = order.split_at(split);
        (
            first.iter().map(|x| x.1).collect(),
            rest.iter().map(|x| x.1).collect(),
        )
    }
}

/// The rarely filled fields of an outlet, kept out of the row.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Extra {
    #[serde(rename = "name:en", default, skip_serializing_if = "Option::is_none")]
    name_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    website: Option<String>,
    /// This and the other access facts as the outlets file writes them, read by the
    /// same rules ([`Access::read`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    wheelchair: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    appointment: Option<Booking>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notice: Option<String>,
    #[serde(
        rename = "address:en",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    address_en: Option<String>,
    #[serde(rename = "notice:en", default, skip_serializing_if = "Option::is_none")]
    notice_en: Option<String>,
    /// As the outlets file writes them; read by the same rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notices: Option<Value>,
    #[serde(
        rename = "toilets:wheelchair",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    toilets_wheelchair: Option<Value>,
    #[serde(
        rename = "capacity:disabled",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    capacity_disabled: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hearing_loop: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sign_language: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    priority_window: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assisted_service: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    home_service: Option<Value>,
    /// As the outlets file writes it ([`crate::busy`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    busy: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    check_date: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    supervision_phone: Option<String>,
}

impl Extra {
    /// The access fact under `key` (an outlets file's property name).
    fn access(&self, key: &str) -> Option<&Value> {
        match key {
            "wheelchair" => self.wheelchair.as_ref(),
            "toilets:wheelchair" => self.toilets_wheelchair.as_ref(),
            "capacity:disabled" => self.capacity_disabled.as_ref(),
            "hearing_loop" => self.hearing_loop.as_ref(),
            "sign_language" => self.sign_language.as_ref(),
            "priority_window" => self.priority_window.as_ref(),
            "assisted_service" => self.assisted_service.as_ref(),
            "home_service" => self.home_service.as_ref(),
            _ => None,
        }
    }

    /// The access facts, busy profile and check date of `o`, as the outlets file
    /// writes them.
    fn facts_of(&mut self, o: &Outlet) {
        let mut props = o.access.to_props();
        let mut take = |key: &str| props.remove(key);
        self.wheelchair = take("wheelchair");
        self.toilets_wheelchair = take("toilets:wheelchair");
        self.capacity_disabled = take("capacity:disabled");
        self.hearing_loop = take("hearing_loop");
        self.sign_language = take("sign_language");
        self.priority_window = take("priority_window");
        self.assisted_service = take("assisted_service");
        self.home_service = take("home_service");
        self.busy = o.busy.as_ref().map(|b| b.to_json());
        self.check_date = o.check_date.map(|d| Value::String(crate::hours::ymd(d)));
    }
}

/// `[id, name, kind, lon, lat, address, district#, phone, hours#, items#, extra]`;
/// `#` marks an index into the region's tables.
#[derive(Deserialize, Serialize)]
struct Row<'a>(
    String,
    String,
    #[serde(borrow)] Cow<'a, str>,
    f64,
    f64,
    Option<String>,
    Option<usize>,
    Option<String>,
    Option<usize>,
    Option<usize>,
    Option<Extra>,
);

#[derive(Deserialize)]
struct RawRegion<'a> {
    format: String,
    #[serde(default)]
    hours: Vec<String>,
    #[serde(default)]
    item_sets: Vec<Vec<String>>,
    #[serde(default)]
    districts: Vec<String>,
    #[serde(borrow)]
    outlets: Vec<&'a RawValue>,
}

#[derive(Serialize)]
struct RegionOut<'a> {
    format: &'static str,
    hours: Vec<&'a str>,
    item_sets: Vec<&'a [String]>,
    districts: Vec<&'a str>,
    outlets: Vec<Row<'static>>,
}

/// Reads one region file. `file` names it in reports; `first` is the number of
/// outlets before it, so each outlet keeps a distinct index. A bad row is reported
/// and skipped; only a file that is not a region at all fails.
pub fn parse_region(
    file: &str,
    text: &str,
    first: usize,
) -> Result<(Vec<Outlet>, Vec<Problem>), FatalError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: RawRegion = serde_json::from_str(text).map_err(|e| {
        FatalError::new(
            FILE,
            format!("{file}: 不是有效的网点包地区文件（not a valid region file）: {e}"),
        )
    })?;
    if raw.format != REGION_FORMAT {
        return Err(FatalError::new(
            FILE,
            format!("{file}: format {:?} is not {REGION_FORMAT:?}", raw.format),
        ));
    }
    let mut problems = Vec::new();
    let mut outlets = Vec::with_capacity(raw.outlets.len());
    // Each distinct list once, shared by the outlets that have it.
    let item_sets: Vec<Arc<[String]>> = raw.item_sets.iter().map(|s| s[..].into()).collect();
    let tables = Tables {
        hours: &raw.hours,
        districts: &raw.districts,
        item_sets: &item_sets,
    };
    for (n, value) in raw.outlets.iter().enumerate() {
        let at = At {
            file,
            n,
            index: first + n,
        };
        let row: Row = match serde_json::from_str(value.get()) {
            Ok(r) => r,
            Err(e) => {
                problems.push(
                    Problem::error(FILE, at.path(), format!("outlet rejected: {e}"))
                        .at(at.index, row_id(value.get()).as_deref()),
                );
                continue;
            }
        };
        if let Some(o) = outlet(&tables, row, at, &mut problems) {
            outlets.push(o);
        }
    }
    Ok((outlets, problems))
}

struct Tables<'a> {
    hours: &'a [String],
    districts: &'a [String],
    item_sets: &'a [Arc<[String]>],
}

/// Where a row is: built into a report's path only when there is something to say.
#[derive(Clone, Copy)]
struct At<'a> {
    file: &'a str,
    n: usize,
    index: usize,
}

impl At<'_> {
    fn path(&self) -> String {
        format!("{} outlets[{}]", self.file, self.n)
    }
}

/// The id of a row that could not be read, for the report.
fn row_id(text: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    Some(v.get(0)?.as_str()?.chars().take(MAX_ID_CHARS).collect())
}

fn outlet(t: &Tables, row: Row, at: At, problems: &mut Vec<Problem>) -> Option<Outlet> {
    let Row(id, name, kind, lon, lat, address, district, phone, hours, items, extra) = row;
    let index = at.index;
    let reject = |problems: &mut Vec<Problem>, why: String| {
        problems.push(Problem::error(FILE, at.path(), why).at(index, Some(&id)));
        None
    };
    let pos = LonLat::new(lon, lat);
    if !pos.is_valid() {
        return reject(
            problems,
            format!("outlet rejected: [{lon}, {lat}] is not a longitude and latitude"),
        );
    }
    if id.trim().is_empty() || id.chars().count() > MAX_ID_CHARS {
        return reject(
            problems,
            format!("outlet rejected: its id is empty or longer than {MAX_ID_CHARS} characters"),
        );
    }
    let mut warn = |why: String| {
        problems.push(Problem::warning(FILE, at.path(), why).at(index, Some(&id)));
    };
    // An index past the end of its table: the value is lost, not the outlet.
    let mut lookup = |table: &str, len: usize, i: Option<usize>| match i {
        Some(i) if i >= len => {
            warn(format!(
                "{table} #{i} is not in the region's table of {len}; left out"
            ));
            None
        }
        other => other,
    };
    let district = lookup("district", t.districts.len(), district);
    let hours = lookup("hours", t.hours.len(), hours);
    let items = lookup("item list", t.item_sets.len(), items);
    let kind = OutletKind::parse(&kind).unwrap_or_else(|| {
        warn(format!("unknown kind {kind:?}, shown as \"other\""));
        OutletKind::Other
    });
    let extra = extra.unwrap_or_default();
    let mut said: Vec<(String, String)> = Vec::new();
    let mut note = |field: &str, why: String| said.push((field.to_owned(), why));
    let access = Access::read(|k| extra.access(k), &mut note);
    let busy = crate::busy::read_prop(extra.busy.as_ref(), &mut note);
    let check_date = crate::trust::read_check_date(extra.check_date.as_ref(), &mut note);
    let mut web = |field: &str, url: Option<String>| {
        url.filter(|u| {
            let ok = link_allowed(u, WEB);
            if !ok {
                warn(format!(
                    "{field} dropped: only http/https links are allowed"
                ));
            }
            ok
        })
    };
    let website = web("website", extra.website);
    let appointment = extra.appointment.map(|mut b| {
        b.url = web("appointment.url", b.url.take());
        b
    });
    // Reported at the field, as the outlets file's loader does.
    for (field, why) in said {
        problems.push(
            Problem::warning(FILE, format!("{}{field}", at.path()), why).at(index, Some(&id)),
        );
    }
    let notices = crate::notices::read_outlet_notices(
        extra.notices.as_ref(),
        &id,
        |p| problems.push(p.at(index, Some(&id))),
        FILE,
        &format!("{}.notices", at.path()),
    );
    let mut outlet = Outlet {
        // Set below: the reports need the id while the fields are checked.
        id: String::new(),
        feature_index: index,
        name,
        name_en: extra.name_en,
        kind,
        pos,
        address,
        address_en: extra.address_en,
        district: district.map(|i| t.districts[i].clone()),
        phone,
        website,
        opening_hours: hours.map(|i| t.hours[i].clone()),
        access,
        busy,
        check_date,
        supervision_phone: extra.supervision_phone,
        items: items.map_or_else(|| Arc::from([]), |i| t.item_sets[i].clone()),
        appointment,
        notice: extra.notice,
        notice_en: extra.notice_en,
        position_unsure: pos.lon.fract() == 0.0 && pos.lat.fract() == 0.0,
        notices: notices.into(),
    };
    clip_fields(&mut outlet, |field, why| {
        problems
            .push(Problem::warning(FILE, format!("{}{field}", at.path()), why).at(index, Some(&id)))
    });
    outlet.id = id;
    Some(outlet)
}

/// Splits outlets into regions of at most `region_size` and writes them: the
/// manifest's text and each region file's name and text. Region files are named
/// `<stem>-NNN.json`.
pub fn write(
    outlets: &[Outlet],
    sample: bool,
    region_size: usize,
    stem: &str,
) -> (String, Vec<(String, String)>) {
    let mut order: Vec<usize> = (0..outlets.len()).collect();
    let mut groups = Vec::new();
    split(outlets, &mut order, region_size.max(1), &mut groups);
    let mut regions = Vec::new();
    let mut files = Vec::new();
    for (n, group) in groups.iter().enumerate() {
        let file = format!("{stem}-{n:03}.json");
        let members: Vec<&Outlet> = group.iter().map(|&i| &outlets[i]).collect();
        let bbox = members.iter().fold(
            [f64::MAX, f64::MAX, f64::MIN, f64::MIN],
            |[w, s, e, n], o| {
                [
                    w.min(o.pos.lon),
                    s.min(o.pos.lat),
                    e.max(o.pos.lon),
                    n.max(o.pos.lat),
                ]
            },
        );
        regions.push(Region {
            file: file.clone(),
            bbox,
            count: members.len(),
        });
        files.push((file, region_text(&members)));
    }
    let manifest = Manifest {
        format: PACK_FORMAT.into(),
        sample,
        count: outlets.len(),
        regions,
    };
    (
        serde_json::to_string_pretty(&manifest).expect("a manifest serialises"),
        files,
    )
}

/// Halves the outlets at the median of their wider side until each part fits.
fn split(outlets: &[Outlet], part: &mut [usize], max: usize, out: &mut Vec<Vec<usize>>) {
    if part.len() <= max {
        if !part.is_empty() {
            out.push(part.to_vec());
        }
        return;
    }
    let (mut w, mut s, mut e, mut n) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &i in part.iter() {
        let p = outlets[i].pos;
        (w, s, e, n) = (w.min(p.lon), s.min(p.lat), e.max(p.lon), n.max(p.lat));
    }
    // Degrees of longitude shrink with latitude; compare the sides in metres.
    let wide = (e - w) * ((s + n) / 2.0).to_radians().cos() > n - s;
    let key = |i: &usize| {
        let p = outlets[*i].pos;
        if wide {
            p.lon
        } else {
            p.lat
        }
    };
    crate::order::sort_by_key(part, |i| (crate::order::f64_key(key(i)), *i as u64));
    let mid = part.len() / 2;
    let (left, right) = part.split_at_mut(mid);
    split(outlets, left, max, out);
    split(outlets, right, max, out);
}

fn region_text(members: &[&Outlet]) -> String {
    fn slot<'a>(table: &mut Vec<&'a str>, seen: &mut HashMap<&'a str, usize>, v: &'a str) -> usize {
        *seen.entry(v).or_insert_with(|| {
            table.push(v);
            table.len() - 1
        })
    }
    let (mut hours, mut districts) = (Vec::new(), Vec::new());
    let (mut seen_hours, mut seen_districts) = (HashMap::new(), HashMap::new());
    let mut item_sets: Vec<&[String]> = Vec::new();
    let mut seen_sets: HashMap<&[String], usize> = HashMap::new();
    let mut rows = Vec::with_capacity(members.len());
    for o in members {
        let hours_i = o
            .opening_hours
            .as_deref()
            .map(|h| slot(&mut hours, &mut seen_hours, h));
        let district_i = o
            .district
            .as_deref()
            .map(|d| slot(&mut districts, &mut seen_districts, d));
        let items_i = (!o.items.is_empty()).then(|| {
            *seen_sets.entry(&o.items[..]).or_insert_with(|| {
                item_sets.push(&o.items[..]);
                item_sets.len() - 1
            })
        });
        let mut extra = Extra {
            name_en: o.name_en.clone(),
            website: o.website.clone(),
            supervision_phone: o.supervision_phone.clone(),
            appointment: o.appointment.clone(),
            notice: o.notice.clone(),
            address_en: o.address_en.clone(),
            notice_en: o.notice_en.clone(),
            notices: (!o.notices.is_empty())
                .then(|| Value::Array(o.notices.iter().map(|n| n.to_json()).collect())),
            ..Extra::default()
        };
        extra.facts_of(o);
        rows.push(Row(
            o.id.clone(),
            o.name.clone(),
            Cow::Borrowed(o.kind.key()),
            round6(o.pos.lon),
            round6(o.pos.lat),
            o.address.clone(),
            district_i,
            o.phone.clone(),
            hours_i,
            items_i,
            (extra != Extra::default()).then_some(extra),
        ));
    }
    let region = RegionOut {
        format: REGION_FORMAT,
        hours,
        item_sets,
        districts,
        outlets: rows,
    };
    // One row per line: readable in a diff, and still compact.
    let mut text = String::from("{");
    let head = serde_json::to_string(&region).expect("a region serialises");
    // Everything but the rows, as serde wrote it …
    let rows_at = head.find("\"outlets\":").expect("rows are written last");
    text.push_str(&head[1..rows_at]);
    text.push_str("\"outlets\":[\n");
    for (n, row) in region.outlets.iter().enumerate() {
        if n > 0 {
            text.push_str(",\n");
        }
        text.push_str(&serde_json::to_string(row).expect("a row serialises"));
    }
    text.push_str("\n]}\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OutletSet;

    fn sample() -> Vec<Outlet> {
        let text = include_str!("../../public/data/yantai/outlets.geojson");
        OutletSet::parse(text).unwrap().0.outlets
    }

    fn read_back(manifest: &str, files: &[(String, String)]) -> (Vec<Outlet>, Vec<Problem>) {
        let m = Manifest::parse(manifest).unwrap();
        let (mut all, mut problems) = (Vec::new(), Vec::new());
        for r in &m.regions {
            let text = &files.iter().find(|(f, _)| *f == r.file).unwrap().1;
            let (o, p) = parse_region(&r.file, text, all.len()).unwrap();
            assert_eq!(o.len(), r.count);
            for x in &o {
                let [w, s, e, n] = r.bbox;
                assert!(x.pos.lon >= w && x.pos.lon <= e && x.pos.lat >= s && x.pos.lat <= n);
            }
            all.extend(o);
            problems.extend(p);
        }
        (all, problems)
    }

    #[test]
    fn a_pack_reads_back_the_same_outlets() {
        let outlets = sample();
        let (manifest, files) = write(&outlets, true, 100, "outlets");
        assert!(Manifest::sniff(&manifest));
        assert!(files.len() >= 4, "{} regions", files.len());
        let (back, problems) = read_back(&manifest, &files);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back.len(), outlets.len());
        let by_id: HashMap<&str, &Outlet> = back.iter().map(|o| (o.id.as_str(), o)).collect();
        for o in &outlets {
            let b = by_id[o.id.as_str()];
            assert_eq!(
                (
                    &b.name,
                    b.kind,
                    &b.opening_hours,
                    &b.items,
                    &b.address,
                    &b.phone
                ),
                (
                    &o.name,
                    o.kind,
                    &o.opening_hours,
                    &o.items,
                    &o.address,
                    &o.phone
                )
            );
            assert_eq!(
                (&b.district, &b.appointment, &b.name_en),
                (&o.district, &o.appointment, &o.name_en)
            );
            assert_eq!(
                (&b.address_en, &b.notice_en, &b.notice),
                (&o.address_en, &o.notice_en, &o.notice)
            );
            assert_eq!((&b.access, &b.busy), (&o.access, &o.busy));
            assert_eq!(
                (&b.check_date, &b.supervision_phone),
                (&o.check_date, &o.supervision_phone)
            );
            assert!((b.pos.lon - o.pos.lon).abs() < 1e-6 && (b.pos.lat - o.pos.lat).abs() < 1e-6);
        }
    }

    #[test]
    fn shared_values_are_written_once() {
        let outlets = sample();
        let (_, files) = write(&outlets, true, 10_000, "outlets");
        assert_eq!(files.len(), 1);
        let geojson = include_str!("../../public/data/yantai/outlets.geojson").len();
        // Under 65 % of the GeoJSON (60 % until issue 19): the access facts, busy
        // profiles and check dates are per outlet, written in a row's extra under the
        // same keys as in the GeoJSON, so they shrink nothing.
        assert!(
            files[0].1.len() * 100 < geojson * 65,
            "{} vs {geojson}",
            files[0].1.len()
        );
    }

    #[test]
    fn the_regions_near_the_resident_come_first() {
        let outlets = sample();
        let (manifest, _) = write(&outlets, true, 50, "outlets");
        let m = Manifest::parse(&manifest).unwrap();
        let at = LonLat::new(121.4479, 37.4638);
        let (near, rest) = m.load_order(at, 0.0);
        assert!(!near.is_empty());
        assert_eq!(near.len() + rest.len(), m.regions.len());
        assert!(near.iter().all(|&i| m.regions[i].distance_m(at) == 0.0));
        // Far away, the nearest region still comes first, alone.
        let (near, _) = m.load_order(LonLat::new(0.0, 0.0), 1000.0);
        assert_eq!(near.len(), 1);
    }

    #[test]
    fn a_bad_row_costs_only_itself() {
        let text = r#"{"format":"emap-region/1","hours":["24/7"],"item_sets":[["id-renew"]],"districts":[],
          "outlets":[
            ["a","甲","police_station",121.1,37.1,null,null,null,0,0,null],
            ["b","乙","police_station",321.1,37.1,null,null,null,0,0,null],
            ["c","丙","police_station","east",37.1,null,null,null,0,0,null],
            ["d","丁","spaceport",121.2,37.2,null,5,null,9,0,{"website":"javascript:alert(1)"}],
            ["e","戊","police_station",121.3,37.3]
          ]}"#;
        let (outlets, problems) = parse_region("r.json", text, 10).unwrap();
        let ids: Vec<&str> = outlets.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["a", "d"]);
        let d = &outlets[1];
        assert_eq!(
            (
                d.kind,
                d.district.as_deref(),
                d.opening_hours.as_deref(),
                d.website.as_deref()
            ),
            (OutletKind::Other, None, None, None)
        );
        assert_eq!(d.feature_index, 13);
        let said: Vec<String> = problems
            .iter()
            .map(|p| format!("{} {:?}: {}", p.path, p.id, p.message))
            .collect();
        let joined = said.join("\n");
        for needle in [
            "outlets[1] Some(\"b\")",
            "outlets[2] Some(\"c\")",
            "outlets[4] Some(\"e\")",
            "spaceport",
            "website dropped",
            "hours #9",
        ] {
            assert!(joined.contains(needle), "{needle} missing in\n{joined}");
        }
    }

    #[test]
    fn not_a_pack_is_one_clear_error() {
        assert!(Manifest::parse("{\"format\":\"emap-pack/9\",\"regions\":[]}").is_err());
        assert!(parse_region("r.json", "[]", 0)
            .unwrap_err()
            .message
            .contains("r.json"));
        assert!(!Manifest::sniff(
            "{\"type\":\"FeatureCollection\",\"features\":[]}"
        ));
    }

    /// An English page reads the same address, notice and booking note from a pack
    /// as from the outlets file.
    #[test]
    fn english_fields_travel_in_packs() {
        let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a",
          "geometry":{"type":"Point","coordinates":[121.4,37.5]},
          "properties":{"name":"幸福派出所","kind":"police_station",
            "addr:full":"烟台市芝罘区幸福中路30号",
            "addr:full:en":"30 Xingfu Middle Road, Zhifu District, Yantai",
            "notice":"周六上午办理户籍业务。","notice:en":"Hukou services on Saturday mornings.",
            "appointment":{"note":"可电话预约。","note:en":"Book by phone."}}}]}"#;
        let outlets = OutletSet::parse(text).unwrap().0.outlets;
        let (manifest, files) = write(&outlets, true, 100, "outlets");
        let (back, problems) = read_back(&manifest, &files);
        assert!(problems.is_empty(), "{problems:?}");
        let o = &back[0];
        let en = crate::i18n::Lang::En;
        assert_eq!(
            o.address(en).unwrap().text,
            "30 Xingfu Middle Road, Zhifu District, Yantai"
        );
        assert_eq!(
            o.address(crate::i18n::Lang::Zh).unwrap().text,
            "烟台市芝罘区幸福中路30号"
        );
        assert_eq!(
            o.notice(en).unwrap().text,
            "Hukou services on Saturday mornings."
        );
        assert_eq!(
            o.appointment.as_ref().unwrap().note(en).unwrap().text,
            "Book by phone."
        );
        assert_eq!(o, &outlets[0]);
    }

    /// Access facts, the busy profile, the check date and the supervision phone
    /// read back from a pack as from the outlets file; a bad one in a row is reported
    /// at its field and left out, the outlet kept.
    #[test]
    fn access_busy_and_trust_travel_in_packs() {
        let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a",
          "geometry":{"type":"Point","coordinates":[121.4,37.5]},
          "properties":{"name":"出入境接待大厅","kind":"exit_entry",
            "wheelchair":"yes","toilets:wheelchair":"yes","capacity:disabled":3,"hearing_loop":"yes",
            "sign_language":"no","priority_window":"yes","assisted_service":"yes","home_service":"no",
            "busy":{"mo":[0,60,75,80,75,65,55,45,0,0,75,60,50,45,40,35,30,25,20,0],
                    "tu":[0,40,45,50,45,40,35,30,0,0,40,30,25,20,20,15,15,10,10,0]},
            "check_date":"2026-11-03","supervision_phone":"0535-6220110"}}]}"#;
        let (set, problems) = OutletSet::parse(text).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let outlets = set.outlets;
        assert!(outlets[0].access.priority() && outlets[0].busy.is_some());
        let (manifest, files) = write(&outlets, true, 100, "outlets");
        let (back, problems) = read_back(&manifest, &files);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back[0], outlets[0]);

        let text = r#"{"format":"emap-region/1","outlets":[
            ["a","甲","police_station",121.1,37.1,null,null,null,null,null,
             {"wheelchair":"maybe","hearing_loop":"yes","busy":{"mo":[1,2]},"check_date":"2026-13-01"}]]}"#;
        let (outlets, problems) = parse_region("r.json", text, 0).unwrap();
        assert_eq!(outlets.len(), 1, "the outlet stays");
        let o = &outlets[0];
        assert_eq!(
            (
                o.access.wheelchair,
                o.access.hearing_loop,
                &o.busy,
                o.check_date
            ),
            (None, Some(true), &None, None)
        );
        let said: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect();
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(said[0].starts_with("r.json outlets[0].wheelchair: wheelchair \"maybe\""));
        assert!(said[1].starts_with("r.json outlets[0].busy.mo: busy profile left out"));
        assert!(said[2].starts_with("r.json outlets[0].check_date: check_date \"2026-13-01\""));
    }
}
