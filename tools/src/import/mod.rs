//! `emap import`: what a bureau has (a spreadsheet saved as CSV, a JSON list, an
//! Overpass export, GeoJSON) as the outlets file the app reads. Everything it changes,
//! merges, guesses or leaves out is reported on stderr; the file it writes is then read
//! with the app's own loader, whose report follows.

mod fields;
mod hours;
mod read;

use crate::{geojson_text, Result};
use emap_core::geo::Datum;
use emap_core::problem::count;
use emap_core::OutletSet;
use fields::{Fixed, FIELDS};
use geojson::{feature::Id, Feature, FeatureCollection, Geometry};
use read::{Format, Record};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::process::ExitCode;

pub const USAGE: &str =
    "emap import INPUT --datum wgs84|gcj02|bd09 [-o OUT.geojson] [--format csv|json|overpass|geojson] [--map FIELD=COLUMN]…";

const DATUM_HELP: &str = "--datum is required: say which datum the coordinates are in, which is the one of the map service they came from:
  --datum gcj02   Amap (高德地图), Tencent (腾讯地图), WeChat location (微信位置), and coordinates picked on their sites
  --datum bd09    Baidu (百度地图, 百度坐标拾取器)
  --datum wgs84   GPS devices and phones' GPS readings, OpenStreetMap and Overpass exports, 天地图 (CGCS2000, the same as WGS-84 to within a metre)
The datum is written into the outlets file and the app converts on loading; the coordinates are written as given.";

/// Records by what happened to them, for the report: a value or a cause, and the
/// records it applies to, in the order first seen.
#[derive(Default)]
struct Tally(Vec<(String, Vec<String>)>);

impl Tally {
    fn add(&mut self, what: String, label: &str) {
        match self.0.iter_mut().find(|(w, _)| *w == what) {
            Some((_, labels)) => labels.push(label.to_string()),
            None => self.0.push((what, vec![label.to_string()])),
        }
    }

    fn lines(&self, heading: &str, out: &mut Vec<String>) {
        if self.0.is_empty() {
            return;
        }
        out.push(heading.to_string());
        for (what, labels) in &self.0 {
            out.push(format!("  {what} ({})", records(labels)));
        }
    }
}

/// `row 2, row 5`, or the first ten and how many more.
fn records(labels: &[String]) -> String {
    let mut text = labels
        .iter()
        .take(10)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if labels.len() > 10 {
        text += &format!(" and {} more", labels.len() - 10);
    }
    text
}

struct Args {
    input: String,
    datum: Datum,
    output: Option<String>,
    format: Option<Format>,
    maps: Vec<(usize, String)>,
}

fn args(args: &[String]) -> Result<Args> {
    let (mut input, mut datum, mut output, mut format) = (None, None, None, None);
    let mut maps = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{a} needs a value; usage: {USAGE}"))
        };
        match a.as_str() {
            "--datum" => {
                let d = value()?;
                datum = Some(Datum::parse(&d).ok_or_else(|| {
                    format!("unknown datum {d:?}: use wgs84, gcj02 or bd09\n{DATUM_HELP}")
                })?);
            }
            "-o" | "--output" => output = Some(value()?),
            "--format" => {
                let f = value()?;
                format = Some(Format::parse(&f).ok_or_else(|| {
                    format!("unknown format {f:?}: use csv, json, overpass or geojson")
                })?);
            }
            "--map" => {
                let m = value()?;
                let (field, column) = m
                    .split_once('=')
                    .filter(|(f, c)| !f.trim().is_empty() && !c.trim().is_empty())
                    .ok_or_else(|| {
                        format!("--map {m:?}: write FIELD=COLUMN, e.g. --map name=网点名称")
                    })?;
                let f = fields::field(field.trim()).ok_or_else(|| {
                    format!(
                        "--map {m:?}: {field:?} is not a field of the outlets file; the fields are {}",
                        FIELDS.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
                    )
                })?;
                maps.push((f, column.trim().to_string()));
            }
            other if other.starts_with('-') && other.len() > 1 => {
                return Err(format!("unknown argument {other}; usage: {USAGE}").into())
            }
            other if input.is_none() => input = Some(other.to_string()),
            other => return Err(format!("one input file at a time: {other:?} is a second").into()),
        }
    }
    let input = input.ok_or_else(|| format!("no input file; usage: {USAGE}"))?;
    let datum = datum.ok_or(DATUM_HELP)?;
    Ok(Args {
        input,
        datum,
        output,
        format,
        maps,
    })
}

fn datum_name(d: Datum) -> &'static str {
    match d {
        Datum::Wgs84 => "wgs84",
        Datum::Gcj02 => "gcj02",
        Datum::Bd09 => "bd09",
    }
}

/// One outlet to write.
struct Out {
    label: String,
    id: Option<String>,
    props: Map<String, Value>,
    geometry: Value,
}

/// What the report says, gathered while reading.
#[derive(Default)]
struct Report {
    used: Vec<(String, &'static str)>,
    unknown: Vec<(String, usize)>,
    skipped: Vec<String>,
    fixed: Tally,
    hours: Tally,
    hours_unread: Tally,
    kinds: Tally,
}

pub fn run(argv: &[String]) -> Result<ExitCode> {
    let args = args(argv)?;
    let bytes =
        std::fs::read(&args.input).map_err(|e| format!("cannot read {}: {e}", args.input))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        format!(
            "{} is not UTF-8 text. A spreadsheet saved as CSV in Chinese Windows is GBK: save it again as \"CSV UTF-8 (逗号分隔)\" (Excel) or choose UTF-8 when saving (WPS, LibreOffice)",
            args.input
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let (format, why) = match args.format {
        Some(f) => (f, "--format".to_string()),
        None => read::detect(&args.input, text),
    };
    let mut lines = vec![format!(
        "read {} as {} ({why})",
        args.input,
        format.describe()
    )];
    let read = read::read(format, text).map_err(|e| format!("{}: {e}", args.input))?;
    lines.extend(read.notes.iter().cloned());
    let datum = datum_name(args.datum);
    if let Some(own) = &read.datum {
        if Datum::parse(own) != Some(args.datum) {
            return Err(format!(
                "{} says its datum is {own:?} but --datum is {datum}: check which is right",
                args.input
            )
            .into());
        }
    }
    if format == Format::Overpass && args.datum != Datum::Wgs84 {
        lines.push(format!(
            "note: OpenStreetMap data is WGS-84; --datum {datum} shifts every outlet by a few hundred metres"
        ));
    }
    check_maps(&args.maps, &read.records)?;

    let mut report = Report::default();
    let mut targets: HashMap<String, Option<(usize, usize)>> = HashMap::new();
    let mut outs: Vec<Out> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut merged = Tally::default();
    let mut conflicts = Vec::new();
    let total = read.records.len();
    for record in &read.records {
        let Some(out) = outlet(record, &args.maps, &mut targets, &mut report) else {
            continue;
        };
        match out.id.as_ref().and_then(|id| by_id.get(id)) {
            Some(&first) => merge(&mut outs[first], out, &mut merged, &mut conflicts),
            None => {
                if let Some(id) = &out.id {
                    by_id.insert(id.clone(), outs.len());
                }
                outs.push(out);
            }
        }
    }

    if !report.used.is_empty() {
        lines.push("fields read:".into());
        let used: Vec<String> = report
            .used
            .iter()
            .map(|(column, field)| format!("{column} → {field}"))
            .collect();
        lines.push(format!("  {}", used.join(", ")));
    }
    if !report.unknown.is_empty() {
        lines.push(
            "fields not imported (to import one, add --map FIELD=COLUMN; FIELD is one of the fields above or name:en, website, notice, items, appointment:url …):".into(),
        );
        for (column, n) in &report.unknown {
            lines.push(format!("  {column} ({n} records)"));
        }
    }
    if !report.skipped.is_empty() {
        lines.push(format!(
            "skipped, {} records without usable coordinates:",
            report.skipped.len()
        ));
        lines.extend(report.skipped.iter().map(|s| format!("  {s}")));
    }
    merged.lines("duplicates merged into one outlet (same id):", &mut lines);
    if !conflicts.is_empty() {
        lines.push("duplicates that differ (the first value is kept):".into());
        lines.extend(conflicts.iter().map(|c| format!("  {c}")));
    }
    report
        .hours
        .lines("opening hours rewritten in OSM syntax:", &mut lines);
    report.hours_unread.lines(
        "opening hours not understood, kept as written (the app shows 营业时间未知):",
        &mut lines,
    );
    report.kinds.lines("kinds:", &mut lines);
    report.fixed.lines("values rewritten:", &mut lines);
    let no_id = outs.iter().filter(|o| o.id.is_none()).count();
    if no_id > 0 {
        lines.push(format!(
            "{no_id} outlets have no id: the app numbers them by position (n0, n1, …), so a link to one changes when records are added; give them an id (--map id=COLUMN)"
        ));
    }
    for line in &lines {
        eprintln!("{line}");
    }
    if outs.is_empty() {
        return Err(format!(
            "nothing to import: none of the {total} records in {} has a name or place that could be read",
            args.input
        )
        .into());
    }

    let collection = FeatureCollection {
        bbox: None,
        features: outs.into_iter().map(feature).collect::<Result<_>>()?,
        foreign_members: Some(crate::members(json!({ "datum": datum }))),
    };
    let written = geojson_text(&collection)?;
    let place = match &args.output {
        Some(path) => {
            std::fs::write(path, &written).map_err(|e| format!("cannot write {path}: {e}"))?;
            path.clone()
        }
        None => {
            print!("{written}");
            "stdout".into()
        }
    };
    eprintln!(
        "wrote {} outlets of {total} records to {place}, datum {datum}",
        collection.features.len()
    );
    // The file as the app will read it.
    let (set, problems) = OutletSet::parse(&written)?;
    let (errors, warnings) = count(&problems);
    eprintln!(
        "the app's loader (as emap validate): {} outlets kept, {errors} errors, {warnings} warnings",
        set.outlets.len()
    );
    for p in &problems {
        eprintln!("  {p}");
    }
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// A `--map` naming a column no record has is a typo to fix, not a field to leave out.
fn check_maps(maps: &[(usize, String)], records: &[Record]) -> Result<()> {
    for (field, column) in maps {
        if !records
            .iter()
            .any(|r| r.fields.iter().any(|(k, _)| k == column))
        {
            let mut seen: Vec<&str> = Vec::new();
            for (k, _) in records.iter().flat_map(|r| &r.fields) {
                if !seen.contains(&k.as_str()) && seen.len() < 40 {
                    seen.push(k);
                }
            }
            return Err(format!(
                "--map {}={column}: no field or column is called {column:?}; the file has {}",
                FIELDS[*field].name,
                seen.join(", ")
            )
            .into());
        }
    }
    Ok(())
}

/// The field a column feeds and its rank (0 for `--map`), or `None` for a column not read.
fn target(column: &str, maps: &[(usize, String)]) -> Option<(usize, usize)> {
    if let Some((f, _)) = maps.iter().find(|(_, c)| c == column) {
        return Some((*f, 0));
    }
    let (f, rank) = fields::guess(column)?;
    // A field named by --map is fed by that column only.
    (!maps.iter().any(|(m, _)| *m == f)).then_some((f, rank + 1))
}

/// A record as an outlet, or `None` (reported) when it has no usable place.
fn outlet(
    record: &Record,
    maps: &[(usize, String)],
    targets: &mut HashMap<String, Option<(usize, usize)>>,
    report: &mut Report,
) -> Option<Out> {
    let label = record.label.as_str();
    // Per field, the best-ranked non-empty value and its column.
    let mut chosen: HashMap<usize, (usize, &Value, &str)> = HashMap::new();
    for (column, v) in &record.fields {
        if fields::is_empty(v) {
            continue;
        }
        let t = *targets.entry(column.clone()).or_insert_with(|| {
            let t = target(column, maps);
            if let Some((f, _)) = t {
                report.used.push((column.clone(), FIELDS[f].name));
            }
            t
        });
        match t {
            Some((f, rank)) => {
                if chosen.get(&f).is_none_or(|(r, _, _)| rank < *r) {
                    chosen.insert(f, (rank, v, column));
                }
            }
            None => match report.unknown.iter_mut().find(|(c, _)| c == column) {
                Some((_, n)) => *n += 1,
                None => report.unknown.push((column.clone(), 1)),
            },
        }
    }
    let get = |name: &str| chosen.get(&fields::field(name).expect("a field")).copied();
    let id = get("id").and_then(|(_, v, _)| fields::text(v));
    let who = match &id {
        Some(id) if !label.ends_with(id.as_str()) => format!("{label} (id {id})"),
        _ => label.to_string(),
    };
    let geometry = match place(record, &get, report, &who) {
        Ok(g) => g,
        Err(why) => {
            report.skipped.push(format!("{who}: {why}"));
            return None;
        }
    };

    let mut props = Map::new();
    let mut appointment = Map::new();
    let mut ordered: Vec<_> = chosen.iter().collect();
    ordered.sort_by_key(|(f, _)| **f);
    for (&f, &(_, v, column)) in ordered {
        let property = FIELDS[f].property;
        if property.is_empty() || property == "id" {
            continue;
        }
        let (value, fixed) = fields::value(property, v);
        match fixed {
            Fixed::No => {}
            Fixed::NumberAsText => report
                .fixed
                .add(format!("{column}: a number, written as text"), &who),
            Fixed::ListFromText => report.fixed.add(
                format!("{column}: a list in one cell, written as a JSON list"),
                &who,
            ),
            Fixed::Wheelchair => report
                .fixed
                .add(format!("{column}: written as yes/no/limited"), &who),
        }
        match property.strip_prefix("appointment:") {
            Some(part) => {
                appointment.insert(part.to_string(), value);
            }
            None => {
                props.insert(property.to_string(), value);
            }
        }
    }
    if !appointment.is_empty() {
        match props.get_mut("appointment") {
            Some(Value::Object(o)) => {
                for (k, v) in appointment {
                    o.entry(k).or_insert(v);
                }
            }
            _ => {
                props.insert("appointment".into(), Value::Object(appointment));
            }
        }
    }
    opening_hours(&mut props, report, &who);
    kind(&mut props, &record.tags, report, &who);
    Some(Out {
        label: label.to_string(),
        id,
        props,
        geometry,
    })
}

type Chosen<'a> = (usize, &'a Value, &'a str);

/// The record's place as a GeoJSON geometry, or why it has none.
fn place<'a>(
    record: &Record,
    get: &dyn Fn(&str) -> Option<Chosen<'a>>,
    report: &mut Report,
    who: &str,
) -> std::result::Result<Value, String> {
    if let Some(given) = &record.place {
        return geometry(given.clone()?, report, who);
    }
    let (lng, lat) = (get("lng"), get("lat"));
    if lng.is_some() || lat.is_some() {
        let mut number = |c: Option<Chosen>, what: &str| match c {
            None => Err(format!("no {what}")),
            Some((_, v, column)) => {
                if v.is_string() && fields::coordinate(v).is_some() {
                    report
                        .fixed
                        .add(format!("{column}: a number written as text"), who);
                }
                fields::coordinate(v)
                    .ok_or_else(|| format!("{column} {} is not a number", fields::short(v)))
            }
        };
        let (lng, lat) = (number(lng, "longitude")?, number(lat, "latitude")?);
        return point(fields::checked(lng, lat)?);
    }
    if let Some((_, v, _)) = get("location") {
        return point(fields::location(v)?);
    }
    Err("no coordinates (no longitude and latitude, nor a location); if they are in columns with other names, add --map lng=COLUMN --map lat=COLUMN".into())
}

fn point((lng, lat): (f64, f64)) -> std::result::Result<Value, String> {
    Ok(json!({"type": "Point", "coordinates": [lng, lat]}))
}

/// A GeoJSON geometry made plain: a Point of two numbers; a MultiPoint of one position
/// as that Point; polygons as they are (the loader places them at their centroid).
fn geometry(g: Value, report: &mut Report, who: &str) -> std::result::Result<Value, String> {
    let kind = g.get("type").and_then(Value::as_str).unwrap_or("");
    let coordinates = g.get("coordinates").cloned().unwrap_or(Value::Null);
    let position = match (kind, &coordinates) {
        ("Point", c) => c.clone(),
        ("MultiPoint", Value::Array(a)) if a.len() == 1 => a[0].clone(),
        ("Polygon" | "MultiPolygon", _) => return Ok(g),
        ("MultiPoint", _) => return Err("a MultiPoint of several places is not one place".into()),
        (other, _) => return Err(format!("a {other:?} geometry is not a place")),
    };
    let pair: Option<Vec<f64>> = position
        .as_array()
        .filter(|a| a.len() >= 2)
        .map(|a| a[..2].iter().filter_map(fields::coordinate).collect());
    match pair.as_deref() {
        Some(&[lng, lat]) => {
            if position[0].is_string() {
                report.fixed.add(
                    "coordinates written as text, written as numbers".into(),
                    who,
                );
            }
            point(fields::checked(lng, lat)?)
        }
        _ => Err(format!(
            "coordinates {} are not two numbers",
            fields::short(&position)
        )),
    }
}

fn opening_hours(props: &mut Map<String, Value>, report: &mut Report, who: &str) {
    let Some(Value::String(value)) = props.get("opening_hours") else {
        return;
    };
    let Err(reason) = emap_core::hours::check(value) else {
        return;
    };
    match hours::rewrite(value).filter(|r| emap_core::hours::check(r).is_ok()) {
        Some(osm) => {
            report.hours.add(format!("{value:?} → {osm:?}"), who);
            props.insert("opening_hours".into(), json!(osm));
        }
        None => report.hours_unread.add(format!("{value:?}: {reason}"), who),
    }
}

fn kind(props: &mut Map<String, Value>, tags: &Map<String, Value>, report: &mut Report, who: &str) {
    if let Some(written) = props.get("kind").and_then(fields::text) {
        if let Some(k) = fields::kind_from_text(&written) {
            report
                .kinds
                .add(format!("kind {written:?} read as {}", k.key()), who);
            props.insert("kind".into(), json!(k.key()));
        }
        return;
    }
    let name = props.get("name").and_then(fields::text).unwrap_or_default();
    let guessed = fields::kind_from_words(&name)
        .map(|(k, word)| (k, format!("a name with {word}")))
        .or_else(|| fields::kind_from_tags(tags).map(|(k, tag)| (k, tag.to_string())));
    if let Some((k, cause)) = guessed {
        report
            .kinds
            .add(format!("{} guessed from {cause}", k.key()), who);
        props.insert("kind".into(), json!(k.key()));
    }
}

/// A second record with the same id: its fields fill the first's gaps; a field both
/// have with different values is reported and the first kept.
fn merge(first: &mut Out, later: Out, merged: &mut Tally, conflicts: &mut Vec<String>) {
    let id = first.id.clone().unwrap_or_default();
    if !merged.0.iter().any(|(w, _)| *w == format!("id {id}")) {
        merged.add(format!("id {id}"), &first.label);
    }
    merged.add(format!("id {id}"), &later.label);
    if first.geometry != later.geometry {
        conflicts.push(format!(
            "id {id}: coordinates {} ({}, kept) and {} ({})",
            fields::short(&first.geometry["coordinates"]),
            first.label,
            fields::short(&later.geometry["coordinates"]),
            later.label
        ));
    }
    for (k, v) in later.props {
        match first.props.get(&k) {
            None => {
                first.props.insert(k, v);
            }
            Some(kept) if *kept != v => conflicts.push(format!(
                "id {id}: {k} {} ({}, kept) and {} ({})",
                fields::short(kept),
                first.label,
                fields::short(&v),
                later.label
            )),
            Some(_) => {}
        }
    }
}

fn feature(out: Out) -> Result<Feature> {
    Ok(Feature {
        bbox: None,
        geometry: Some(serde_json::from_value::<Geometry>(out.geometry)?),
        id: out.id.map(Id::String),
        properties: Some(out.props),
        foreign_members: None,
    })
}
