//! The shapes staff have, each read into records: a CSV file, a JSON list of objects,
//! an Overpass API export, or GeoJSON.

use serde_json::{json, Map, Value};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Format {
    Csv,
    Json,
    Overpass,
    Geojson,
}

impl Format {
    pub fn parse(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "csv" | "tsv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "overpass" | "osm" => Some(Format::Overpass),
            "geojson" => Some(Format::Geojson),
            _ => None,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Json => "a JSON list of records",
            Format::Overpass => "an Overpass API export",
            Format::Geojson => "GeoJSON",
        }
    }
}

/// Which format a file's text is, and why it was taken to be.
pub fn detect(path: &str, text: &str) -> (Format, String) {
    let start = text.trim_start();
    if start.starts_with('[') {
        return (Format::Json, "it is a JSON list".into());
    }
    if start.starts_with('{') {
        if let Ok(Value::Object(o)) = serde_json::from_str::<Value>(text) {
            if o.get("elements").is_some_and(Value::is_array) {
                return (Format::Overpass, "it has an \"elements\" list".into());
            }
            if o.get("features").is_some() || o.get("type") == Some(&json!("FeatureCollection")) {
                return (Format::Geojson, "it is a FeatureCollection".into());
            }
            if let Some(key) = list_member(&o) {
                return (
                    Format::Json,
                    format!("its \"{key}\" member is a list of records"),
                );
            }
        }
        return (Format::Json, "it starts with {".into());
    }
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    let why = if ext == "csv" || ext == "tsv" || ext == "txt" {
        format!("its name ends in .{ext}")
    } else {
        "it is not JSON".into()
    };
    (Format::Csv, why)
}

/// An API answer such as Amap's `{"status": "1", "pois": [ … ]}`: the one member that
/// is a list of objects.
fn list_member(o: &Map<String, Value>) -> Option<&String> {
    let mut lists = o.iter().filter(|(_, v)| {
        v.as_array()
            .is_some_and(|a| !a.is_empty() && a.iter().all(Value::is_object))
    });
    match (lists.next(), lists.next()) {
        (Some((k, _)), None) => Some(k),
        _ => None,
    }
}

/// One record as read: its fields in input order, and its place when the format says it
/// apart from the fields (an Overpass element's position, a GeoJSON geometry).
pub struct Record {
    /// Where staff find it: `row 3`, `record 2`, `node/123`, `features[0]`.
    pub label: String,
    pub fields: Vec<(String, Value)>,
    /// A GeoJSON geometry, or why there is none.
    pub place: Option<Result<Value, String>>,
    /// OSM tags read only to guess the kind.
    pub tags: Map<String, Value>,
}

/// What a reader found besides the records.
#[derive(Default)]
pub struct Read {
    pub records: Vec<Record>,
    /// Lines for the report: elements left out as a group, a wrapper unwrapped.
    pub notes: Vec<String>,
    /// The file's own `datum`, when it says one (GeoJSON).
    pub datum: Option<String>,
}

pub fn read(format: Format, text: &str) -> Result<Read, String> {
    match format {
        Format::Csv => csv(text),
        Format::Json => list(text),
        Format::Overpass => overpass(text),
        Format::Geojson => geojson(text),
    }
}

fn parse_json(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))
}

fn csv(text: &str) -> Result<Read, String> {
    // A spreadsheet saved as "Unicode text" is tab-separated; some locales use `;`.
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| first.matches(*d as char).count())
        .filter(|d| first.contains(*d as char))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("cannot read the header row: {e}"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err("the first row should name the columns, and is empty".into());
    }
    let mut out = Read::default();
    for row in reader.records() {
        let row = row.map_err(|e| format!("cannot read CSV: {e}"))?;
        let line = row.position().map_or(0, |p| p.line());
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut fields = Vec::new();
        for (i, cell) in row.iter().enumerate() {
            let column = match headers.get(i) {
                Some(h) if !h.is_empty() => h.clone(),
                _ => format!("column {}", i + 1),
            };
            fields.push((column, json!(cell)));
        }
        out.records.push(Record {
            label: format!("row {line}"),
            fields,
            place: None,
            tags: Map::new(),
        });
    }
    Ok(out)
}

fn list(text: &str) -> Result<Read, String> {
    let mut out = Read::default();
    let items = match parse_json(text)? {
        Value::Array(a) => a,
        Value::Object(mut o) => {
            let Some(key) = list_member(&o).cloned() else {
                return Err("a JSON object with no list of records in it".into());
            };
            out.notes
                .push(format!("records read from the file's \"{key}\" list"));
            match o.remove(&key) {
                Some(Value::Array(a)) => a,
                _ => unreachable!("list_member found a list"),
            }
        }
        _ => return Err("not a JSON list of records".into()),
    };
    for (i, item) in items.into_iter().enumerate() {
        let label = format!("record {}", i + 1);
        match item {
            Value::Object(o) => out.records.push(Record {
                label,
                fields: o.into_iter().collect(),
                place: None,
                tags: Map::new(),
            }),
            other => out.records.push(Record {
                label,
                fields: Vec::new(),
                place: Some(Err(format!(
                    "not an object with fields but {}",
                    super::fields::short(&other)
                ))),
                tags: Map::new(),
            }),
        }
    }
    Ok(out)
}

fn overpass(text: &str) -> Result<Read, String> {
    let doc = parse_json(text)?;
    let Some(elements) = doc.get("elements").and_then(Value::as_array) else {
        return Err("no \"elements\" list: not an Overpass JSON export".into());
    };
    let mut out = Read::default();
    let mut untagged = 0;
    for e in elements {
        let kind = e.get("type").and_then(Value::as_str).unwrap_or("element");
        let id = e
            .get("id")
            .map(|v| super::fields::text(v).unwrap_or_default());
        let tags = e
            .get("tags")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        if tags.is_empty() {
            // The nodes of a way (`>;` in the query) have no tags: not outlets.
            untagged += 1;
            continue;
        }
        let osm_id = id.map(|id| format!("{kind}/{id}"));
        let label = osm_id.clone().unwrap_or_else(|| kind.to_string());
        let at = |v: &Value| {
            let c = |k| v.get(k).and_then(super::fields::coordinate);
            c("lon").zip(c("lat"))
        };
        let bounds = e.get("bounds").and_then(|b| {
            let c = |k| b.get(k).and_then(super::fields::coordinate);
            Some((
                (c("minlon")? + c("maxlon")?) / 2.0,
                (c("minlat")? + c("maxlat")?) / 2.0,
            ))
        });
        let place = match at(e).or_else(|| e.get("center").and_then(at)).or(bounds) {
            Some((lon, lat)) => Ok(json!({"type": "Point", "coordinates": [lon, lat]})),
            None if kind == "node" => Err("a node without lat/lon".to_string()),
            None => Err(format!(
                "a {kind} without a centre: run the Overpass query with `out center;`"
            )),
        };
        let mut fields: Vec<(String, Value)> = Vec::new();
        if let Some(id) = &osm_id {
            fields.push(("id".into(), json!(id)));
        }
        let (hints, rest): (Vec<_>, Vec<_>) = tags
            .iter()
            .partition(|(k, _)| super::fields::KIND_TAGS.contains(&k.as_str()));
        fields.extend(rest.into_iter().map(|(k, v)| (k.clone(), v.clone())));
        out.records.push(Record {
            label,
            fields,
            place: Some(place),
            tags: hints
                .into_iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        });
    }
    if untagged > 0 {
        out.notes.push(format!(
            "{untagged} element{} without tags left out (the nodes that draw a way, not outlets)",
            if untagged == 1 { "" } else { "s" }
        ));
    }
    Ok(out)
}

fn geojson(text: &str) -> Result<Read, String> {
    let doc = parse_json(text)?;
    let Some(features) = doc.get("features").and_then(Value::as_array) else {
        return Err("no \"features\" list: not a GeoJSON FeatureCollection".into());
    };
    let mut out = Read {
        datum: doc.get("datum").and_then(Value::as_str).map(str::to_string),
        ..Read::default()
    };
    for (i, f) in features.iter().enumerate() {
        let props = f
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let mut fields: Vec<(String, Value)> = Vec::new();
        if let Some(id) = f.get("id").filter(|v| !v.is_null()) {
            fields.push(("id".into(), id.clone()));
        }
        let (hints, rest): (Vec<_>, Vec<_>) = props
            .into_iter()
            .partition(|(k, _)| super::fields::KIND_TAGS.contains(&k.as_str()));
        fields.extend(rest);
        let place = match f.get("geometry") {
            Some(g) if g.is_object() => Ok(g.clone()),
            _ => Err("no geometry".to_string()),
        };
        out.records.push(Record {
            label: format!("features[{i}]"),
            fields,
            place: Some(place),
            tags: hints.into_iter().collect(),
        });
    }
    Ok(out)
}
