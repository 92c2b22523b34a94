//! `emap import`: what a bureau has (a spreadsheet saved as CSV, a JSON list, an
//! Overpass export, GeoJSON) as the outlets file the app reads. Everything it changes,
//! merges, guesses or leaves out is reported on stderr; the file it writes is then read
//! with the app's own loader, whose report follows.

mod fields;
mod hours;
mod outlet;
mod read;

use crate::{geojson_text, Result};
use emap_core::geo::Datum;
use emap_core::problem::count;
use emap_core::OutletSet;
use fields::FIELDS;
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
pub(super) struct Tally(Vec<(String, Vec<String>)>);

impl Tally {
    pub(super) fn add(&mut self, what: String, label: &str) {
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
            out.push(format!("  {what}: {}", records(labels)));
        }
    }
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
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
pub(super) struct Out {
    pub(super) label: String,
    pub(super) id: Option<String>,
    pub(super) props: Map<String, Value>,
    pub(super) geometry: Value,
}

/// What the report says, gathered while reading.
#[derive(Default)]
pub(super) struct Report {
    /// In CSV every value is text: not worth a line each.
    pub(super) csv: bool,
    pub(super) used: Vec<(String, &'static str)>,
    pub(super) unknown: Vec<(String, usize)>,
    pub(super) skipped: Vec<String>,
    pub(super) fixed: Tally,
    pub(super) hours: Tally,
    pub(super) hours_unread: Tally,
    pub(super) kinds: Tally,
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

    let mut report = Report {
        csv: format == Format::Csv,
        ..Report::default()
    };
    let mut targets: HashMap<String, Option<(usize, usize)>> = HashMap::new();
    let mut outs: Vec<Out> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut merged = Tally::default();
    let mut conflicts = Vec::new();
    let total = read.records.len();
    for record in &read.records {
        let Some(out) = outlet::outlet(record, &args.maps, &mut targets, &mut report) else {
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
        lines.push(format!(
            "fields not imported (to import one, add --map FIELD=COLUMN, FIELD one of {}):",
            FIELDS.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
        ));
        for (column, n) in &report.unknown {
            lines.push(format!("  {column}: {}", plural(*n, "record")));
        }
    }
    if !report.skipped.is_empty() {
        lines.push(format!(
            "skipped, {} without usable coordinates:",
            plural(report.skipped.len(), "record")
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
            "{} no id: the app numbers them by position (n0, n1, …), so a link to one changes when records are added; give them an id (--map id=COLUMN)",
            if no_id == 1 { "1 outlet has".to_string() } else { format!("{no_id} outlets have") }
        ));
    }
    for line in &lines {
        eprintln!("{line}");
    }
    if outs.is_empty() {
        return Err(if total == 0 {
            format!("nothing to import: {} has no records", args.input)
        } else {
            format!(
                "nothing to import: none of the {} in {} has usable coordinates (see above)",
                plural(total, "record"),
                args.input
            )
        }
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
        "wrote {} of {} to {place}, datum {datum}",
        plural(collection.features.len(), "outlet"),
        plural(total, "record")
    );
    // The file as the app will read it.
    let (set, problems) = OutletSet::parse(&written)?;
    let (errors, warnings) = count(&problems);
    eprintln!(
        "the app's loader (as emap validate): {} kept, {}, {}",
        plural(set.outlets.len(), "outlet"),
        plural(errors, "error"),
        plural(warnings, "warning")
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
