//! `emap gazetteer OSM.geojson [-o gazetteer.json]`: the places residents start
//! from (districts, towns, streets, estates, stations, landmarks), out of an
//! OpenStreetMap export in GeoJSON: osmtogeojson's, overpass-turbo's Export →
//! GeoJSON, or Overpass `out center` converted. Points are taken as they are; an
//! area at its outer ring's centroid; a street's same-named segments merged into
//! one place at their middle. Every feature left out is counted with the reason.
//! The pinyin keys the app searches are computed here, so the app ships no table.

use crate::enrich::to_pinyin;
use crate::{read, Result};
use emap_core::geo::{distance_m, round5, Datum, LonLat};
use emap_core::places::{Gazetteer, Place, PlaceKind};
use emap_core::problem::count;
use emap_core::search::normalize;
use geojson::{GeoJson, Geometry, GeometryValue as Shape, Position};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::process::ExitCode;

pub const USAGE: &str = "emap gazetteer OSM.geojson [-o gazetteer.json]";

pub fn run(args: &[String]) -> Result<ExitCode> {
    let (mut input, mut out) = (None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-o" => out = Some(it.next().ok_or("-o needs a file")?.clone()),
            other if other.starts_with('-') => {
                return Err(format!("unknown argument {other}; usage: {USAGE}").into())
            }
            other if input.is_none() => input = Some(other.to_owned()),
            other => return Err(format!("one export at a time: {other}; usage: {USAGE}").into()),
        }
    }
    let input = input.ok_or(format!("usage: {USAGE}"))?;
    let (gazetteer, report) = build(&read(&input)?)?;
    let text = gazetteer.to_text(Some(&format!(
        "Places to start from, made by `emap gazetteer` from {}. Data © OpenStreetMap contributors (ODbL) where it came from OSM.",
        std::path::Path::new(&input)
            .file_name()
            .map_or(input.clone(), |n| n.to_string_lossy().into_owned())
    )));
    eprint!("{}", report.text(&input));
    match &out {
        Some(path) => std::fs::write(path, &text)?,
        None => print!("{text}"),
    }
    // What the app will make of it, as `emap import` does.
    let (read_back, problems) = Gazetteer::parse(&text)?;
    for p in &problems {
        eprintln!("{p}");
    }
    let (errors, warnings) = count(&problems);
    eprintln!(
        "wrote {} places ({} bytes) → {}; read back as the app reads it: {errors} errors, {warnings} warnings",
        read_back.places.len(),
        text.len(),
        out.as_deref().unwrap_or("standard output")
    );
    Ok(if errors > 0 || read_back.places.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// What `build` did, for the terminal.
#[derive(Debug, Default)]
pub struct Report {
    pub features: usize,
    /// Reason → the features left out for it (`way/123`, `features[4]`).
    pub skipped: BTreeMap<String, Vec<String>>,
    /// Street segments read, and the streets they made.
    pub segments: usize,
    pub streets: usize,
    /// A place read twice (a station's node and its building): the one kept, and
    /// the features merged into it.
    pub merged: Vec<(String, Vec<String>)>,
    pub places: BTreeMap<PlaceKind, usize>,
}

impl Report {
    fn skip(&mut self, why: impl Into<String>, which: String) {
        self.skipped.entry(why.into()).or_default().push(which);
    }

    pub fn text(&self, input: &str) -> String {
        let mut out = format!("read {} features from {input}\n", self.features);
        let kinds: Vec<String> = self
            .places
            .iter()
            .map(|(k, n)| format!("{n} {}", k.key()))
            .collect();
        out.push_str(&format!(
            "places: {} ({}); {} street segments merged into {} streets\n",
            self.places.values().sum::<usize>(),
            kinds.join(", "),
            self.segments,
            self.streets
        ));
        if !self.merged.is_empty() {
            out.push_str(&format!(
                "read twice, merged into one place ({}): the same name within {} m ({} km for districts, {} km for towns):\n",
                self.merged.len(),
                radius(PlaceKind::Landmark),
                radius(PlaceKind::District) / 1000.0,
                radius(PlaceKind::Town) / 1000.0,
            ));
            for (name, from) in &self.merged {
                out.push_str(&format!("  {name}: {}\n", few(from)));
            }
        }
        let n: usize = self.skipped.values().map(Vec::len).sum();
        if n > 0 {
            out.push_str(&format!("skipped, {n} features:\n"));
            for (why, which) in &self.skipped {
                out.push_str(&format!("  {why}: {} ({})\n", which.len(), few(which)));
            }
        }
        out
    }
}

/// The first five, then how many more.
fn few(list: &[String]) -> String {
    let mut s = list.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
    if list.len() > 5 {
        s.push_str(&format!(", … {} more", list.len() - 5));
    }
    s
}

/// A place as read from one feature (or a street's merged segments).
struct Found {
    name: String,
    name_en: Option<String>,
    aliases: Vec<String>,
    kind: PlaceKind,
    pos: LonLat,
    /// Placed by the export as a point (a node, a way's centre), not derived.
    point: bool,
    which: String,
}

/// One segment of a street.
struct Segment {
    name: String,
    name_en: Option<String>,
    aliases: Vec<String>,
    line: Vec<LonLat>,
    which: String,
}

/// Reads an OSM export in GeoJSON and makes its places, sorted by kind, then
/// pinyin, then name: the same export gives the same file.
pub fn build(text: &str) -> Result<(Gazetteer, Report)> {
    let geojson: GeoJson = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .parse()
        .map_err(|e| format!("not GeoJSON: {e}"))?;
    let GeoJson::FeatureCollection(collection) = geojson else {
        return Err("not a GeoJSON FeatureCollection: export the OSM data as GeoJSON (osmtogeojson, overpass-turbo's Export → GeoJSON)".into());
    };
    // Ours: a `datum` member says the coordinates are Amap's or Baidu's. OSM is WGS-84.
    let datum = match collection
        .foreign_members
        .as_ref()
        .and_then(|m| m.get("datum"))
    {
        None => Datum::Wgs84,
        Some(d) => d.as_str().and_then(Datum::parse).ok_or(format!(
            "unknown datum {d}: use \"wgs84\", \"gcj02\" or \"bd09\""
        ))?,
    };
    let mut report = Report {
        features: collection.features.len(),
        ..Report::default()
    };
    let mut found: Vec<Found> = Vec::new();
    let mut segments: Vec<Segment> = Vec::new();
    for (i, f) in collection.features.iter().enumerate() {
        let tags = tags(f.properties.as_ref());
        let which = reference(f, &tags, i);
        let tag = |k: &str| {
            tags.get(k)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        let Some(name) = tag("name").or_else(|| tag("name:zh")) else {
            report.skip("no name", which);
            continue;
        };
        let kind = match kind(&tags) {
            Ok(k) => k,
            Err(why) => {
                report.skip(why, which);
                continue;
            }
        };
        let Some(geometry) = &f.geometry else {
            report.skip("no geometry", which);
            continue;
        };
        let shape = match shape(geometry, datum) {
            Ok(s) => s,
            Err(why) => {
                report.skip(why, which);
                continue;
            }
        };
        let mut aliases: Vec<String> = Vec::new();
        for key in ["alt_name", "short_name", "official_name", "alt_name:zh"] {
            for a in tag(key).unwrap_or("").split(';').map(str::trim) {
                if !a.is_empty() && a != name && !aliases.iter().any(|x| x == a) {
                    aliases.push(a.to_owned());
                }
            }
        }
        let name_en = tag("name:en").map(str::to_owned);
        let name = name.to_owned();
        match (kind, shape) {
            (PlaceKind::Street, Read::Lines(lines)) => {
                for line in lines {
                    segments.push(Segment {
                        name: name.clone(),
                        name_en: name_en.clone(),
                        aliases: aliases.clone(),
                        line,
                        which: which.clone(),
                    });
                }
            }
            (PlaceKind::Street, Read::Point(p) | Read::Area(p)) => segments.push(Segment {
                name,
                name_en,
                aliases,
                line: vec![p],
                which,
            }),
            (kind, shape) => {
                let (pos, point) = match shape {
                    Read::Point(p) => (p, true),
                    Read::Area(p) => (p, false),
                    Read::Lines(lines) => (middle(&lines), false),
                };
                found.push(Found {
                    name,
                    name_en,
                    aliases,
                    kind,
                    pos,
                    point,
                    which,
                });
            }
        }
    }
    report.segments = segments.len();
    let streets = streets(segments);
    report.streets = streets.len();
    found.extend(streets);
    // Each place read, with whether the export placed it as a point and the
    // features it came from.
    let mut read: Vec<(Place, bool, Vec<String>)> = Vec::new();
    for f in found {
        let p = LonLat::new(round5(f.pos.lon), round5(f.pos.lat));
        if !p.is_valid() {
            report.skip("position outside the world", f.which);
        } else if p.lon.fract() == 0.0 && p.lat.fract() == 0.0 {
            report.skip("whole-degree position, most often a placeholder", f.which);
        } else {
            let place = place(&f.name, f.name_en.as_deref(), f.kind, p, &f.aliases);
            read.push((place, f.point, vec![f.which]));
        }
    }
    // One place read twice (a station's node and its building's outline, a
    // district's node and its boundary): the bigger kind kept, then a point (placed
    // on purpose) over a centroid, then the first.
    read.sort_by_key(|(p, point, _)| (p.kind, !*point));
    let mut kept: Vec<(Place, Vec<String>)> = Vec::new();
    for (p, _, which) in read {
        let key = normalize(&p.name);
        let twin = kept.iter_mut().find(|(k, _)| {
            normalize(&k.name) == key
                && distance_m(k.pos, p.pos) <= radius(k.kind).max(radius(p.kind))
        });
        match twin {
            Some((k, from)) => {
                from.extend(which);
                if k.name_en.is_none() {
                    k.name_en = p.name_en.clone();
                }
                for a in &p.aliases {
                    if !k.aliases.contains(a) {
                        k.aliases.push(a.clone());
                    }
                }
            }
            None => kept.push((p, which)),
        }
    }
    report.merged = kept
        .iter()
        .filter(|(_, from)| from.len() > 1)
        .map(|(p, from)| (p.name.clone(), from.clone()))
        .collect();
    let mut places: Vec<Place> = kept
        .into_iter()
        .map(|(p, _)| place(&p.name, p.name_en.as_deref(), p.kind, p.pos, &p.aliases))
        .collect();
    places.sort_by(|a, b| {
        (a.kind, &a.pinyin.first(), &a.name)
            .cmp(&(b.kind, &b.pinyin.first(), &b.name))
            .then(a.pos.lon.total_cmp(&b.pos.lon))
            .then(a.pos.lat.total_cmp(&b.pos.lat))
    });
    report.merged.sort();
    for p in &places {
        *report.places.entry(p.kind).or_default() += 1;
    }
    Ok((Gazetteer::new(places), report))
}

/// How far apart two features of one name may be and still be one place.
fn radius(kind: PlaceKind) -> f64 {
    match kind {
        PlaceKind::District => 20_000.0,
        PlaceKind::Town => 5_000.0,
        PlaceKind::Street => 1_000.0,
        _ => 500.0,
    }
}

/// A place with its search keys: the full pinyin and initials of its name and of
/// each alias (`nandajie`, `ndj`), as the app matches them.
pub fn place(
    name: &str,
    name_en: Option<&str>,
    kind: PlaceKind,
    pos: LonLat,
    aliases: &[String],
) -> Place {
    let (mut pinyin, mut initials) = (Vec::new(), Vec::new());
    for word in std::iter::once(name).chain(aliases.iter().map(String::as_str)) {
        let syllables = to_pinyin(word);
        let full: String = syllables.split(' ').collect();
        let first: String = syllables
            .split(' ')
            .filter_map(|s| s.chars().next())
            .collect();
        if !full.is_empty() && !pinyin.contains(&full) {
            pinyin.push(full);
        }
        if first.len() >= 2 && !initials.contains(&first) {
            initials.push(first);
        }
    }
    Place {
        name: name.to_owned(),
        name_en: name_en
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(str::to_owned),
        kind,
        pos,
        aliases: aliases.to_vec(),
        pinyin,
        initials,
        outlets: 0,
    }
}

/// The tags of a feature: its properties, with osmtogeojson's older `tags` member
/// spread into them.
fn tags(properties: Option<&Map<String, Value>>) -> Map<String, Value> {
    let mut tags = properties.cloned().unwrap_or_default();
    if let Some(Value::Object(inner)) = tags.remove("tags") {
        for (k, v) in inner {
            tags.entry(k).or_insert(v);
        }
    }
    tags
}

/// How a report names a feature: its OSM id (`way/123`), else its place in the file.
fn reference(f: &geojson::Feature, tags: &Map<String, Value>, i: usize) -> String {
    let id = match &f.id {
        Some(geojson::feature::Id::String(s)) => Some(s.clone()),
        Some(geojson::feature::Id::Number(n)) => Some(n.to_string()),
        None => None,
    };
    id.or_else(|| {
        ["@id", "id"]
            .iter()
            .find_map(|k| tags.get(*k).and_then(Value::as_str).map(str::to_owned))
    })
    .unwrap_or_else(|| format!("features[{i}]"))
}

/// Roads residents name: OSM's `highway` values that are ways people go along.
const ROADS: &[&str] = &[
    "motorway",
    "trunk",
    "primary",
    "secondary",
    "tertiary",
    "unclassified",
    "residential",
    "living_street",
    "pedestrian",
    "service",
    "road",
    "footway",
    "motorway_link",
    "trunk_link",
    "primary_link",
    "secondary_link",
    "tertiary_link",
];

/// Named amenities nobody starts from.
const NOT_PLACES: &[&str] = &[
    "atm",
    "bench",
    "bicycle_parking",
    "drinking_water",
    "parking",
    "parking_entrance",
    "parking_space",
    "post_box",
    "recycling",
    "shelter",
    "telephone",
    "toilets",
    "vending_machine",
    "waste_basket",
    "waste_disposal",
];

/// What an OSM feature is as a place, or why it is not one.
fn kind(tags: &Map<String, Value>) -> std::result::Result<PlaceKind, String> {
    let tag = |k: &str| tags.get(k).and_then(Value::as_str).map(str::trim);
    match tag("place") {
        Some("city" | "district" | "county" | "borough" | "municipality" | "state_district") => {
            return Ok(PlaceKind::District)
        }
        Some("town" | "township" | "suburb" | "quarter" | "village" | "subdistrict") => {
            return Ok(PlaceKind::Town)
        }
        Some("neighbourhood" | "city_block" | "hamlet" | "isolated_dwelling" | "allotments") => {
            return Ok(PlaceKind::Estate)
        }
        Some("square" | "locality" | "island" | "islet" | "farm" | "plot") => {
            return Ok(PlaceKind::Landmark)
        }
        _ => {}
    }
    if tag("boundary") == Some("administrative") {
        // China: 6 a district or county, 8 a town or 街道 (4 a province, 5 a city).
        return match tag("admin_level").and_then(|l| l.parse::<u8>().ok()) {
            Some(5..=6) => Ok(PlaceKind::District),
            Some(7..=9) => Ok(PlaceKind::Town),
            Some(l) => Err(format!(
                "boundary=administrative at admin_level {l}: a province or smaller than a town"
            )),
            None => Err("boundary=administrative without admin_level".into()),
        };
    }
    if matches!(tag("railway"), Some("station" | "halt"))
        || tag("public_transport") == Some("station")
        || tag("amenity") == Some("bus_station")
        || tag("amenity") == Some("ferry_terminal")
        || matches!(tag("aeroway"), Some("aerodrome" | "terminal"))
    {
        return Ok(PlaceKind::Station);
    }
    if let Some(h) = tag("highway") {
        return match h {
            "bus_stop" | "platform" => Err("a bus stop, too many to list as places".into()),
            h if ROADS.contains(&h) => Ok(PlaceKind::Street),
            h => Err(format!("highway={h}: not a street")),
        };
    }
    if tag("landuse") == Some("residential")
        || tag("residential").is_some()
        || matches!(
            tag("building"),
            Some("residential" | "apartments" | "dormitory")
        )
    {
        return Ok(PlaceKind::Estate);
    }
    if let Some(a) = tag("amenity") {
        return match NOT_PLACES.contains(&a) {
            true => Err(format!("amenity={a}: not a place residents start from")),
            false => Ok(PlaceKind::Landmark),
        };
    }
    if let Some(s) = tag("shop") {
        return match s {
            "mall" | "department_store" => Ok(PlaceKind::Landmark),
            _ => Err("a shop (only shop=mall and shop=department_store are landmarks)".into()),
        };
    }
    for key in [
        "tourism",
        "leisure",
        "historic",
        "office",
        "building",
        "man_made",
        "healthcare",
        "landuse",
        "natural",
    ] {
        if tag(key).is_some() {
            return Ok(PlaceKind::Landmark);
        }
    }
    Err("no tag that makes it a district, town, street, estate, station or landmark (place, highway, railway, landuse, amenity, tourism, shop=mall, building…)".into())
}

/// A feature's geometry as places need it.
enum Read {
    Point(LonLat),
    /// An area, at its centroid.
    Area(LonLat),
    Lines(Vec<Vec<LonLat>>),
}

fn position(p: &Position, datum: Datum) -> std::result::Result<LonLat, String> {
    match p.as_slice() {
        [lon, lat, ..] if LonLat::new(*lon, *lat).is_valid() => {
            Ok(datum.to_wgs84(LonLat::new(*lon, *lat)))
        }
        _ => Err("position outside the world".into()),
    }
}

fn shape(g: &Geometry, datum: Datum) -> std::result::Result<Read, String> {
    let line = |l: &Vec<Position>| -> std::result::Result<Vec<LonLat>, String> {
        l.iter().map(|p| position(p, datum)).collect()
    };
    let empty = || "an empty geometry".to_owned();
    match &g.value {
        Shape::Point { coordinates: p } => Ok(Read::Point(position(p, datum)?)),
        Shape::MultiPoint { coordinates: ps } => {
            Ok(Read::Point(position(ps.first().ok_or_else(empty)?, datum)?))
        }
        Shape::LineString { coordinates: l } if !l.is_empty() => Ok(Read::Lines(vec![line(l)?])),
        Shape::MultiLineString { coordinates: ls } => {
            let lines: Vec<Vec<LonLat>> = ls
                .iter()
                .filter(|l| !l.is_empty())
                .map(line)
                .collect::<std::result::Result<_, _>>()?;
            match lines.is_empty() {
                true => Err(empty()),
                false => Ok(Read::Lines(lines)),
            }
        }
        Shape::Polygon { coordinates: rings } => {
            let outer = line(rings.first().ok_or_else(empty)?)?;
            Ok(Read::Area(centroid(&outer).ok_or_else(empty)?.1))
        }
        Shape::MultiPolygon {
            coordinates: polygons,
        } => {
            // The largest part: a district's mainland, not an islet.
            let mut best: Option<(f64, LonLat)> = None;
            for rings in polygons {
                if let Some(outer) = rings.first() {
                    if let Some((area, c)) = centroid(&line(outer)?) {
                        if best.is_none_or(|(a, _)| area > a) {
                            best = Some((area, c));
                        }
                    }
                }
            }
            Ok(Read::Area(best.ok_or_else(empty)?.1))
        }
        Shape::GeometryCollection { geometries: parts } => parts
            .iter()
            .find_map(|g| shape(g, datum).ok())
            .ok_or_else(|| "a geometry collection with nothing usable".into()),
        Shape::LineString { .. } => Err(empty()),
    }
}

/// A ring's area (in square degrees, unsigned) and its area-weighted centroid; the
/// mean of its points when it has no area.
fn centroid(ring: &[LonLat]) -> Option<(f64, LonLat)> {
    if ring.is_empty() {
        return None;
    }
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for w in ring.windows(2) {
        let cross = w[0].lon * w[1].lat - w[1].lon * w[0].lat;
        a += cross;
        cx += (w[0].lon + w[1].lon) * cross;
        cy += (w[0].lat + w[1].lat) * cross;
    }
    if a.abs() > 1e-14 {
        return Some((a.abs() / 2.0, LonLat::new(cx / (3.0 * a), cy / (3.0 * a))));
    }
    let n = ring.len() as f64;
    Some((
        0.0,
        LonLat::new(
            ring.iter().map(|p| p.lon).sum::<f64>() / n,
            ring.iter().map(|p| p.lat).sum::<f64>() / n,
        ),
    ))
}

/// The middle of some lines, on them: the point of theirs nearest the mean of
/// their segments' midpoints, each weighted by its length (a street's middle, not
/// where it happens to have most nodes).
fn middle(lines: &[Vec<LonLat>]) -> LonLat {
    let (mut w, mut x, mut y) = (0.0, 0.0, 0.0);
    for pair in lines.iter().flat_map(|l| l.windows(2)) {
        let d = distance_m(pair[0], pair[1]);
        w += d;
        x += d * (pair[0].lon + pair[1].lon) / 2.0;
        y += d * (pair[0].lat + pair[1].lat) / 2.0;
    }
    let points = lines.iter().flatten();
    let mean = if w > 0.0 {
        LonLat::new(x / w, y / w)
    } else {
        let n = points.clone().count().max(1) as f64;
        LonLat::new(
            points.clone().map(|p| p.lon).sum::<f64>() / n,
            points.clone().map(|p| p.lat).sum::<f64>() / n,
        )
    };
    points
        .copied()
        .min_by(|a, b| distance_m(*a, mean).total_cmp(&distance_m(*b, mean)))
        .unwrap_or(mean)
}

/// Segments of one name within this of each other are one street: OSM splits a
/// street wherever a tag changes (lanes, a bridge, one-way), and a dual
/// carriageway is two ways side by side; farther apart it is another street of the
/// same name (解放路 in two districts).
const STREET_GAP_M: f64 = 1_000.0;

/// Same-named segments merged into streets at their middle, in the order each
/// street was first seen.
fn streets(segments: Vec<Segment>) -> Vec<Found> {
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, s) in segments.iter().enumerate() {
        by_name.entry(normalize(&s.name)).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for list in by_name.into_values() {
        // Union-find over the segments whose boxes are close.
        let mut parent: Vec<usize> = (0..list.len()).collect();
        fn root(parent: &mut [usize], i: usize) -> usize {
            let mut r = i;
            while parent[r] != r {
                r = parent[r];
            }
            parent[i] = r;
            r
        }
        let boxes: Vec<(LonLat, LonLat)> = list.iter().map(|&i| bbox(&segments[i].line)).collect();
        for a in 0..list.len() {
            for b in a + 1..list.len() {
                if gap_m(boxes[a], boxes[b]) <= STREET_GAP_M {
                    let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
        let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (a, &segment) in list.iter().enumerate() {
            let r = root(&mut parent, a);
            clusters.entry(r).or_default().push(segment);
        }
        groups.extend(clusters.into_values());
    }
    groups.sort_by_key(|g| g[0]);
    groups
        .into_iter()
        .map(|g| {
            let first = &segments[g[0]];
            let lines: Vec<Vec<LonLat>> = g.iter().map(|&i| segments[i].line.clone()).collect();
            let mut aliases: Vec<String> = Vec::new();
            for a in g.iter().flat_map(|&i| &segments[i].aliases) {
                if !aliases.contains(a) {
                    aliases.push(a.clone());
                }
            }
            let mut which: Vec<&str> = Vec::new();
            for &i in &g {
                if !which.contains(&segments[i].which.as_str()) {
                    which.push(&segments[i].which);
                }
            }
            Found {
                name: first.name.clone(),
                name_en: g.iter().find_map(|&i| segments[i].name_en.clone()),
                aliases,
                kind: PlaceKind::Street,
                pos: middle(&lines),
                point: false,
                which: which.join(" + "),
            }
        })
        .collect()
}

fn bbox(line: &[LonLat]) -> (LonLat, LonLat) {
    let mut sw = LonLat::new(f64::INFINITY, f64::INFINITY);
    let mut ne = LonLat::new(f64::NEG_INFINITY, f64::NEG_INFINITY);
    for p in line {
        sw = LonLat::new(sw.lon.min(p.lon), sw.lat.min(p.lat));
        ne = LonLat::new(ne.lon.max(p.lon), ne.lat.max(p.lat));
    }
    (sw, ne)
}

/// The distance between two boxes, 0 when they overlap (metres, near enough).
fn gap_m((asw, ane): (LonLat, LonLat), (bsw, bne): (LonLat, LonLat)) -> f64 {
    let dlon = (asw.lon - bne.lon).max(bsw.lon - ane.lon).max(0.0);
    let dlat = (asw.lat - bne.lat).max(bsw.lat - ane.lat).max(0.0);
    let lat = ((asw.lat + ane.lat) / 2.0).to_radians();
    let (x, y) = (dlon * 111_320.0 * lat.cos(), dlat * 110_574.0);
    (x * x + y * y).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feature(props: Value, geometry: Value) -> Value {
        serde_json::json!({"type": "Feature", "properties": props, "geometry": geometry})
    }

    fn collection(features: Vec<Value>) -> String {
        serde_json::json!({"type": "FeatureCollection", "features": features}).to_string()
    }

    fn line(points: &[[f64; 2]]) -> Value {
        serde_json::json!({"type": "LineString", "coordinates": points})
    }

    #[test]
    fn pinyin_keys_of_names_and_aliases() {
        let p = place(
            "烟台站",
            Some("Yantai Railway Station"),
            PlaceKind::Station,
            LonLat::new(121.38842, 37.54611),
            &["火车站".to_owned()],
        );
        assert_eq!(p.pinyin, ["yantaizhan", "huochezhan"]);
        assert_eq!(p.initials, ["ytz", "hcz"]);
        let p = place(
            "南大街",
            None,
            PlaceKind::Street,
            LonLat::new(121.39, 37.53),
            &[],
        );
        assert_eq!(
            (p.pinyin[0].as_str(), p.initials[0].as_str()),
            ("nandajie", "ndj")
        );
        // Readings of place names the table gets wrong alone: 牟平 is mù píng.
        let p = place(
            "牟平区",
            None,
            PlaceKind::District,
            LonLat::new(121.6, 37.39),
            &[],
        );
        assert_eq!(p.pinyin, ["mupingqu"]);
        let p = place(
            "芝罘区",
            None,
            PlaceKind::District,
            LonLat::new(121.4, 37.54),
            &[],
        );
        assert_eq!(p.pinyin, ["zhifuqu"]);
    }

    #[test]
    fn kinds_from_osm_tags() {
        let k = |t: Value| kind(t.as_object().unwrap());
        use serde_json::json;
        assert_eq!(k(json!({"place": "city"})), Ok(PlaceKind::District));
        assert_eq!(k(json!({"place": "suburb"})), Ok(PlaceKind::Town));
        assert_eq!(k(json!({"place": "neighbourhood"})), Ok(PlaceKind::Estate));
        assert_eq!(
            k(json!({"boundary": "administrative", "admin_level": "6"})),
            Ok(PlaceKind::District)
        );
        assert_eq!(
            k(json!({"boundary": "administrative", "admin_level": "8"})),
            Ok(PlaceKind::Town)
        );
        assert_eq!(k(json!({"highway": "primary"})), Ok(PlaceKind::Street));
        assert!(k(json!({"highway": "bus_stop"}))
            .unwrap_err()
            .contains("bus stop"));
        assert!(k(json!({"highway": "traffic_signals"})).is_err());
        assert_eq!(
            k(json!({"railway": "station", "building": "train_station"})),
            Ok(PlaceKind::Station)
        );
        assert_eq!(k(json!({"aeroway": "aerodrome"})), Ok(PlaceKind::Station));
        assert_eq!(k(json!({"landuse": "residential"})), Ok(PlaceKind::Estate));
        assert_eq!(k(json!({"amenity": "university"})), Ok(PlaceKind::Landmark));
        assert!(k(json!({"amenity": "parking"})).is_err());
        assert_eq!(k(json!({"shop": "mall"})), Ok(PlaceKind::Landmark));
        assert!(k(json!({"shop": "convenience"}))
            .unwrap_err()
            .contains("shop"));
        assert_eq!(k(json!({"tourism": "attraction"})), Ok(PlaceKind::Landmark));
        assert_eq!(k(json!({"building": "yes"})), Ok(PlaceKind::Landmark));
        assert!(k(json!({"source": "survey"})).is_err());
    }

    /// A street split into segments is one place at its middle, on the street; the
    /// same name 10 km away is another street.
    #[test]
    fn street_segments_merge_at_their_middle() {
        let street = |coords: &[[f64; 2]], id: &str| {
            let mut f = feature(
                serde_json::json!({"name": "解放路", "highway": "secondary"}),
                line(coords),
            );
            f["id"] = Value::String(id.into());
            f
        };
        let text = collection(vec![
            street(&[[121.400, 37.530], [121.405, 37.530]], "way/1"),
            street(&[[121.405, 37.530], [121.410, 37.530]], "way/2"),
            street(&[[121.410, 37.530], [121.420, 37.530]], "way/3"),
            street(&[[121.300, 37.500], [121.301, 37.500]], "way/4"),
        ]);
        let (g, report) = build(&text).unwrap();
        assert_eq!((report.segments, report.streets), (4, 2));
        assert_eq!(g.places.len(), 2);
        // 2 km of street from 121.400 to 121.420: the middle is the node at 121.410.
        let positions: Vec<LonLat> = g.places.iter().map(|p| p.pos).collect();
        assert!(
            positions.contains(&LonLat::new(121.41, 37.53)),
            "{positions:?}"
        );
        assert!(
            positions.contains(&LonLat::new(121.3, 37.5))
                || positions.contains(&LonLat::new(121.301, 37.5))
        );
    }

    #[test]
    fn one_place_read_twice_is_kept_once_as_the_bigger_kind() {
        let text = collection(vec![
            feature(
                serde_json::json!({"name": "烟台站", "building": "train_station"}),
                serde_json::json!({"type": "Polygon", "coordinates": [[[121.388, 37.546], [121.389, 37.546], [121.389, 37.547], [121.388, 37.547], [121.388, 37.546]]]}),
            ),
            feature(
                serde_json::json!({"name": "烟台站", "railway": "station", "name:en": "Yantai Railway Station"}),
                serde_json::json!({"type": "Point", "coordinates": [121.3884, 37.5461]}),
            ),
        ]);
        let (g, report) = build(&text).unwrap();
        assert_eq!(g.places.len(), 1);
        assert_eq!(g.places[0].kind, PlaceKind::Station);
        assert_eq!(g.places[0].pos, LonLat::new(121.3884, 37.5461));
        assert_eq!(
            g.places[0].name_en.as_deref(),
            Some("Yantai Railway Station")
        );
        assert_eq!(report.merged.len(), 1);
    }

    #[test]
    fn areas_at_their_centroid_and_skips_with_reasons() {
        let text = collection(vec![
            feature(
                serde_json::json!({"name": "世茂海湾1号", "landuse": "residential"}),
                serde_json::json!({"type": "Polygon", "coordinates": [[[121.40, 37.54], [121.42, 37.54], [121.42, 37.56], [121.40, 37.56], [121.40, 37.54]]]}),
            ),
            feature(
                serde_json::json!({"highway": "residential"}),
                line(&[[121.4, 37.5], [121.41, 37.5]]),
            ),
            feature(
                serde_json::json!({"name": "某站", "highway": "bus_stop"}),
                serde_json::json!({"type": "Point", "coordinates": [121.4, 37.5]}),
            ),
            feature(
                serde_json::json!({"name": "占位", "amenity": "school"}),
                serde_json::json!({"type": "Point", "coordinates": [121, 37]}),
            ),
            feature(
                serde_json::json!({"name": "无形", "amenity": "school"}),
                Value::Null,
            ),
        ]);
        let (g, report) = build(&text).unwrap();
        assert_eq!(g.places.len(), 1);
        assert_eq!(g.places[0].pos, LonLat::new(121.41, 37.55));
        assert_eq!(g.places[0].kind, PlaceKind::Estate);
        let reasons: Vec<&str> = report.skipped.keys().map(String::as_str).collect();
        assert_eq!(reasons.len(), 4, "{reasons:?}");
        assert_eq!(report.skipped["no name"], ["features[1]"]);
        assert!(report.text("x").contains("skipped, 4 features:"));
    }
}
