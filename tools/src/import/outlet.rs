//! One record as one outlet: its columns read as fields, its place, its hours and kind.

use super::fields::{self, Fixed, FIELDS};
use super::read::Record;
use super::{hours, Out, Report};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

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
pub(super) fn outlet(
    record: &Record,
    maps: &[(usize, String)],
    targets: &mut HashMap<String, Option<(usize, usize)>>,
    report: &mut Report,
) -> Option<Out> {
    let label = record.label.as_str();
    // Per field, the best-ranked non-empty value and its column.
    let mut chosen: HashMap<usize, (usize, &Value, &str)> = HashMap::new();
    let mut empty_place = Vec::new();
    for (column, v) in &record.fields {
        let t = *targets.entry(column.clone()).or_insert_with(|| {
            let t = target(column, maps);
            if let Some((f, _)) = t {
                report.used.push((column.clone(), FIELDS[f].name));
            }
            t
        });
        if fields::is_empty(v) {
            if t.is_some_and(|(f, _)| FIELDS[f].property.is_empty()) {
                empty_place.push(column.as_str());
            }
            continue;
        }
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
    // Where staff find it, and which it is: its id, else its name.
    let name = get("name").and_then(|(_, v, _)| fields::text(v));
    let who = match (&id, &name) {
        (Some(id), _) if label.ends_with(id.as_str()) => label.to_string(),
        (Some(id), _) => format!("{label} ({id})"),
        (None, Some(name)) => format!("{label} ({name})"),
        (None, None) => label.to_string(),
    };
    let geometry = match place(record, &get, &empty_place, report, &who) {
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
pub(super) fn place<'a>(
    record: &Record,
    get: &dyn Fn(&str) -> Option<Chosen<'a>>,
    empty: &[&str],
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
                if !report.csv && v.is_string() && fields::coordinate(v).is_some() {
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
    if !empty.is_empty() {
        return Err(format!("no coordinates: {} empty", empty.join(" and ")));
    }
    Err("no coordinates (no longitude and latitude, nor a location); if they are in columns with other names, add --map lng=COLUMN --map lat=COLUMN".into())
}

pub(super) fn point((lng, lat): (f64, f64)) -> std::result::Result<Value, String> {
    Ok(json!({"type": "Point", "coordinates": [lng, lat]}))
}

/// A GeoJSON geometry made plain: a Point of two numbers; a MultiPoint of one position
/// as that Point; polygons as they are (the loader places them at their centroid).
pub(super) fn geometry(
    g: Value,
    report: &mut Report,
    who: &str,
) -> std::result::Result<Value, String> {
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

pub(super) fn opening_hours(props: &mut Map<String, Value>, report: &mut Report, who: &str) {
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

pub(super) fn kind(
    props: &mut Map<String, Value>,
    tags: &Map<String, Value>,
    report: &mut Report,
    who: &str,
) {
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
