//! Places a resident starts from: districts, towns, streets, estates, stations and
//! landmarks (芝罘区, 南大街, 万达广场, 烟台大学, 火车站), from the gazetteer file
//! the config names (`gazetteer`). A place found becomes the point distances are
//! measured from.
//!
//! The file is small, plain JSON, not GeoJSON (`{"places": [{"name", "kind",
//! "lonlat", "pinyin", "initials", …}]}`, docs/data-format.md): the phone downloads
//! it when the resident first types. Pinyin keys come precomputed (`emap
//! gazetteer`), so no pinyin table ships in the wasm, as for the catalog.
//!
//! Ranking ([`Gazetteer::find`]): the exact name (or an alias, full pinyin,
//! initials or English name typed whole) first, then a name the query begins, then
//! one it is inside, then a name said inside the query ("我在南大街附近"). On a tie
//! the bigger place first, in [`PlaceKind`]'s order (district, town, street, estate,
//! station, landmark), then the shorter name, then the file's order.

use crate::geo::LonLat;
use crate::i18n::{Lang, Shown};
use crate::problem::{FatalError, Problem};
use crate::search::{normalize, query_key};
use crate::text::{fit, quote};
use serde_json::Value;
use std::collections::HashMap;

const FILE: &str = "gazetteer";

/// The format a gazetteer file declares (`"format"`); a file without one is read as it.
pub const FORMAT: &str = "emap-gazetteer/1";

/// What a place is, in the order places rank on a tie: the bigger area first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceKind {
    /// 区、县、县级市, a development zone (开发区): OSM `place=city|district|county`,
    /// `boundary=administrative` up to `admin_level` 6.
    District,
    /// 街道、镇、乡, a suburb or village: OSM `place=town|suburb|quarter|village`.
    Town,
    /// A named road (OSM `highway=*` with a name), its segments merged.
    Street,
    /// 小区, a residential estate: OSM `landuse=residential`, `place=neighbourhood`.
    Estate,
    /// A railway station, bus station, port terminal or airport.
    Station,
    /// Anything else residents name: a university, hospital, mall, square, park.
    #[default]
    Landmark,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 6] = [
        PlaceKind::District,
        PlaceKind::Town,
        PlaceKind::Street,
        PlaceKind::Estate,
        PlaceKind::Station,
        PlaceKind::Landmark,
    ];

    /// The key the file writes: `district`, `town`, `street`, `estate`, `station`,
    /// `landmark`.
    pub fn key(self) -> &'static str {
        match self {
            PlaceKind::District => "district",
            PlaceKind::Town => "town",
            PlaceKind::Street => "street",
            PlaceKind::Estate => "estate",
            PlaceKind::Station => "station",
            PlaceKind::Landmark => "landmark",
        }
    }

    pub fn parse(key: &str) -> Option<PlaceKind> {
        PlaceKind::ALL.into_iter().find(|k| k.key() == key.trim())
    }

    /// What a suggestion says the place is: 区县 / District, 道路 / Street, ….
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PlaceKind::District => lang.pick("区县", "District"),
            PlaceKind::Town => lang.pick("街道乡镇", "Town"),
            PlaceKind::Street => lang.pick("道路", "Street"),
            PlaceKind::Estate => lang.pick("小区", "Estate"),
            PlaceKind::Station => lang.pick("车站", "Station"),
            PlaceKind::Landmark => lang.pick("地标", "Landmark"),
        }
    }
}

/// A place to measure distances from.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub name: String,
    pub name_en: Option<String>,
    pub kind: PlaceKind,
    /// WGS-84.
    pub pos: LonLat,
    /// Other names residents use (火车站 for 烟台站).
    pub aliases: Vec<String>,
    /// Full pinyin of the name and aliases, without tones or spaces (`nandajie`).
    pub pinyin: Vec<String>,
    /// Their initials (`ndj`).
    pub initials: Vec<String>,
    /// Outlets whose `addr:district` is this place's name: a district the outlets
    /// name, as a search returns it ([`crate::outlet_search::OutletIndex::find_with`]);
    /// 0 for any other place and in the gazetteer itself.
    pub outlets: usize,
}

impl Place {
    /// The name in the page's language: the English one where the file has it.
    pub fn name(&self, lang: Lang) -> Shown<'_, str> {
        lang.shown(Some(&self.name), self.name_en.as_deref())
            .unwrap_or(Shown {
                text: &self.name,
                lang: Lang::Zh,
            })
    }
}

/// How well a place's keys match a query, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Match {
    /// A name, alias, pinyin, initials or English name typed whole.
    Exact,
    /// One the query begins (an English name's word too: "plaza" for "Wanda Plaza").
    Prefix,
    /// One the query is inside.
    Contains,
    /// A Chinese name said inside the query: "我在南大街附近".
    InQuery,
}

/// A place's search keys, normalized once.
#[derive(Clone, Debug, Default)]
pub(crate) struct Keys {
    /// The name, then the aliases.
    names: Vec<String>,
    english: Option<String>,
    pinyin: Vec<String>,
    initials: Vec<String>,
}

impl Keys {
    pub(crate) fn new(p: &Place) -> Keys {
        let latin = |k: &String| {
            let k: String = normalize(k).chars().filter(|c| *c != ' ').collect();
            (!k.is_empty()).then_some(k)
        };
        Keys {
            names: std::iter::once(&p.name)
                .chain(&p.aliases)
                .map(|n| normalize(n))
                .filter(|n| !n.is_empty())
                .collect(),
            english: p
                .name_en
                .as_deref()
                .map(normalize)
                .filter(|e| !e.is_empty()),
            pinyin: p.pinyin.iter().filter_map(latin).collect(),
            initials: p.initials.iter().filter_map(latin).collect(),
        }
    }

    /// The best match of these keys for `q`, if any.
    ///
    /// Short queries match less: one Chinese character or one letter only a key
    /// typed whole; two letters the start of a pinyin, initials or English word;
    /// inside a key, two Chinese characters or three letters.
    pub(crate) fn best(&self, q: &Query) -> Option<Match> {
        let mut best: Option<Match> = None;
        let mut take = |m: Match| best = Some(best.map_or(m, |b| b.min(m)));
        let long = if q.latin { q.chars >= 3 } else { q.chars >= 2 };
        for n in &self.names {
            if *n == q.spaced {
                take(Match::Exact);
            } else if long && n.starts_with(&q.spaced) {
                take(Match::Prefix);
            } else if long && n.contains(&q.spaced) {
                take(Match::Contains);
            } else if !q.latin && n.chars().nth(1).is_some() && q.spaced.contains(n.as_str()) {
                take(Match::InQuery);
            }
        }
        if !q.latin || q.compact.is_empty() {
            return best;
        }
        let letters = q.compact.len();
        for p in &self.pinyin {
            if *p == q.compact {
                take(Match::Exact);
            } else if letters >= 2 && p.starts_with(&q.compact) {
                take(Match::Prefix);
            } else if letters >= 3 && p.contains(&q.compact) {
                take(Match::Contains);
            }
        }
        for i in &self.initials {
            if letters >= 2 && *i == q.compact {
                take(Match::Exact);
            } else if letters >= 2 && i.starts_with(&q.compact) {
                take(Match::Prefix);
            }
        }
        if let Some(en) = &self.english {
            if *en == q.spaced {
                take(Match::Exact);
            } else if letters >= 2
                && (en.starts_with(&q.spaced) || en.split(' ').any(|w| w.starts_with(&q.spaced)))
            {
                take(Match::Prefix);
            } else if letters >= 3 && en.contains(&q.spaced) {
                take(Match::Contains);
            }
        }
        best
    }
}

/// A query as places are matched against it.
pub(crate) struct Query {
    /// [`query_key`]: normalized, spaces folded.
    spaced: String,
    /// Without spaces, for pinyin ("nan da jie").
    compact: String,
    /// Only ASCII: pinyin, initials or English.
    latin: bool,
    chars: usize,
}

impl Query {
    pub(crate) fn new(query: &str) -> Query {
        let spaced = query_key(query);
        Query {
            compact: spaced.chars().filter(|c| *c != ' ').collect(),
            latin: spaced.is_ascii(),
            chars: spaced.chars().count(),
            spaced,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.spaced.is_empty()
    }
}

/// The order of two matches: the match, then the bigger kind, then the shorter
/// name, then `order` (the file's).
/// Packed into one `order::Key` (match, kind, name length, order), so ranking places
/// shares the app's one sort.
pub(crate) fn rank_key(m: Match, p: &Place, order: usize) -> crate::order::Key {
    (
        (m as u64) << 8 | p.kind as u64,
        (p.name.chars().count() as u64) << 32 | order as u64,
    )
}

/// The places of a gazetteer file, with their search keys.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    pub places: Vec<Place>,
    /// Marks sample data, as the other files do.
    pub sample: bool,
    keys: Vec<Keys>,
    /// Normalized name → the first place of that name.
    by_name: HashMap<String, usize>,
}

impl PartialEq for Gazetteer {
    fn eq(&self, other: &Gazetteer) -> bool {
        self.places == other.places && self.sample == other.sample
    }
}

impl Gazetteer {
    pub fn new(places: Vec<Place>) -> Gazetteer {
        let keys: Vec<Keys> = places.iter().map(Keys::new).collect();
        let mut by_name = HashMap::new();
        for (i, p) in places.iter().enumerate() {
            by_name.entry(normalize(&p.name)).or_insert(i);
        }
        Gazetteer {
            places,
            sample: false,
            keys,
            by_name,
        }
    }

    /// The first place whose name is `name` (normalized as search normalizes).
    pub fn named(&self, name: &str) -> Option<&Place> {
        self.by_name.get(&normalize(name)).map(|&i| &self.places[i])
    }

    /// Places for `query`, best first (see the module's ranking), `limit` at most.
    pub fn find(&self, query: &str, limit: usize) -> Vec<&Place> {
        self.hits(&Query::new(query))
            .into_iter()
            .take(limit)
            .map(|(_, i)| &self.places[i])
            .collect()
    }

    /// Every place matching `q`, best first, as indexes into `places`.
    pub(crate) fn hits(&self, q: &Query) -> Vec<(Match, usize)> {
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(Match, usize)> = self
            .keys
            .iter()
            .enumerate()
            .filter_map(|(i, k)| Some((k.best(q)?, i)))
            .collect();
        crate::order::sort_by_key(&mut hits, |&(m, i)| rank_key(m, &self.places[i], i));
        hits
    }

    /// Reads a gazetteer file. Fails only when the file as a whole is unusable (not
    /// JSON, no `places` list, GeoJSON given instead); a bad place is reported with
    /// its index, name and why, and left out, and the rest are kept.
    pub fn parse(text: &str) -> Result<(Gazetteer, Vec<Problem>), FatalError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: Value = serde_json::from_str(text).map_err(|e| {
            FatalError::new(FILE, format!("地名文件不是有效的 JSON（not JSON）: {e}"))
        })?;
        if value.get("features").is_some()
            || value.get("type").and_then(Value::as_str) == Some("FeatureCollection")
        {
            return Err(FatalError::new(
                FILE,
                "这是 GeoJSON，不是地名文件；用 `emap gazetteer FILE -o gazetteer.json` 转换（a GeoJSON file, such as an OSM export, was given as the gazetteer: convert it with `emap gazetteer FILE`）",
            ));
        }
        if let Some(format) = value.get("format").filter(|f| f.as_str() != Some(FORMAT)) {
            return Err(FatalError::new(
                FILE,
                format!(
                    "format {} is not \"{FORMAT}\": this app reads version 1 of the gazetteer",
                    quote(format)
                ),
            ));
        }
        let Some(list) = value.get("places").and_then(Value::as_array) else {
            return Err(FatalError::new(
                FILE,
                "地名文件应为 {\"places\": [...]}（not a gazetteer: no \"places\" list）",
            ));
        };
        let mut problems = Vec::new();
        if list.is_empty() {
            problems.push(Problem::warning(
                FILE,
                "places",
                "地名文件中没有任何地点（the gazetteer lists no place）",
            ));
        }
        let mut places: Vec<Place> = Vec::with_capacity(list.len());
        // Where each place came from in the file, to name the one a duplicate repeats.
        let mut from: Vec<usize> = Vec::with_capacity(list.len());
        for (i, v) in list.iter().enumerate() {
            let name = v.get("name").and_then(Value::as_str);
            match read_place(v) {
                Ok((place, warnings)) => {
                    let key = normalize(&place.name);
                    let twin = places.iter().zip(&from).find(|(p, _)| {
                        p.kind == place.kind
                            && normalize(&p.name) == key
                            && crate::geo::distance_m(p.pos, place.pos) <= DUPLICATE_M
                    });
                    if let Some((_, j)) = twin {
                        problems.push(
                            Problem::error(
                                FILE,
                                format!("places[{i}]"),
                                format!("place dropped: the same name and kind as places[{j}], within {DUPLICATE_M} m: one place listed twice"),
                            )
                            .at(i, name),
                        );
                        continue;
                    }
                    for (at, why) in warnings {
                        problems.push(
                            Problem::warning(FILE, format!("places[{i}]{at}"), why)
                                .at(i, Some(&place.name)),
                        );
                    }
                    places.push(place);
                    from.push(i);
                }
                Err((at, why)) => problems.push(
                    Problem::error(
                        FILE,
                        format!("places[{i}]{at}"),
                        format!("place dropped: {why}"),
                    )
                    .at(i, name),
                ),
            }
        }
        let mut gazetteer = Gazetteer::new(places);
        gazetteer.sample = value.get("sample").and_then(Value::as_bool) == Some(true);
        Ok((gazetteer, problems))
    }

    /// The file's text: one place a line, positions to 5 decimals (about a metre),
    /// so a change to one place is one line of a diff. `note` says where it came from.
    pub fn to_text(&self, note: Option<&str>) -> String {
        let s = |t: &str| serde_json::to_string(t).unwrap_or_default();
        let list = |l: &[String]| serde_json::to_string(l).unwrap_or_default();
        let mut out = format!("{{\"format\":\"{FORMAT}\"");
        if self.sample {
            out.push_str(",\"sample\":true");
        }
        if let Some(note) = note {
            out.push_str(&format!(",\"note\":{}", s(note)));
        }
        out.push_str(",\"places\":[");
        for (i, p) in self.places.iter().enumerate() {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            out.push_str(&format!("{{\"name\":{}", s(&p.name)));
            if let Some(en) = &p.name_en {
                out.push_str(&format!(",\"name:en\":{}", s(en)));
            }
            out.push_str(&format!(
                ",\"kind\":\"{}\",\"lonlat\":[{},{}]",
                p.kind.key(),
                crate::geo::round5(p.pos.lon),
                crate::geo::round5(p.pos.lat)
            ));
            if !p.aliases.is_empty() {
                out.push_str(&format!(",\"aliases\":{}", list(&p.aliases)));
            }
            if !p.pinyin.is_empty() {
                out.push_str(&format!(",\"pinyin\":{}", list(&p.pinyin)));
            }
            if !p.initials.is_empty() {
                out.push_str(&format!(",\"initials\":{}", list(&p.initials)));
            }
            out.push('}');
        }
        out.push_str("\n]}\n");
        out
    }
}

/// Two places of one name and kind this close are one place listed twice.
pub const DUPLICATE_M: f64 = 500.0;

/// Where in a place a problem is, and why.
type Why = (&'static str, String);

fn read_place(v: &Value) -> Result<(Place, Vec<Why>), Why> {
    let Some(obj) = v.as_object() else {
        return Err((
            "",
            format!(
                "a place is an object with name, kind and lonlat, found {}",
                quote(v)
            ),
        ));
    };
    let mut warnings: Vec<Why> = Vec::new();
    let mut name = match obj.get("name") {
        Some(Value::String(n)) if !n.trim().is_empty() => n.trim().to_owned(),
        Some(Value::String(_)) | None | Some(Value::Null) => {
            return Err((".name", "no name".into()))
        }
        Some(other) => return Err((".name", format!("name {} is not text", quote(other)))),
    };
    let pos = match obj.get("lonlat") {
        None | Some(Value::Null) => {
            return Err((".lonlat", "no lonlat [longitude, latitude]".into()))
        }
        Some(l) => lonlat(l)?,
    };
    let kind = match obj.get("kind") {
        Some(Value::String(k)) => match PlaceKind::parse(k) {
            Some(kind) => kind,
            None => {
                warnings.push((".kind", format!("unknown kind {}: read as landmark; use district, town, street, estate, station or landmark", quote(k))));
                PlaceKind::Landmark
            }
        },
        None | Some(Value::Null) => {
            warnings.push((".kind", "no kind: read as landmark".into()));
            PlaceKind::Landmark
        }
        Some(other) => {
            warnings.push((
                ".kind",
                format!("unknown kind {}: read as landmark", quote(other)),
            ));
            PlaceKind::Landmark
        }
    };
    let mut text = |field: &'static str, t: &mut String| {
        let (tamed, cut) = fit(t);
        if tamed || cut.is_some() {
            warnings.push((field, "longer than 2000 characters (cut), or with text-reordering controls or piled-up combining marks (removed)".into()));
        }
    };
    text(".name", &mut name);
    let mut name_en = match obj.get("name:en") {
        Some(Value::String(e)) if !e.trim().is_empty() => Some(e.trim().to_owned()),
        None | Some(Value::Null) | Some(Value::String(_)) => None,
        Some(other) => {
            warnings.push((
                ".name:en",
                format!("name:en {} is not text; ignored", quote(other)),
            ));
            None
        }
    };
    if let Some(en) = name_en.as_mut() {
        let (tamed, cut) = fit(en);
        if tamed || cut.is_some() {
            warnings.push((".name:en", "longer than 2000 characters (cut), or with text-reordering controls or piled-up combining marks (removed)".into()));
        }
    }
    let mut aliases = strings(obj.get("aliases"), ".aliases", &mut warnings);
    for a in aliases.iter_mut() {
        let (tamed, cut) = fit(a);
        if tamed || cut.is_some() {
            warnings.push((".aliases", "longer than 2000 characters (cut), or with text-reordering controls or piled-up combining marks (removed)".into()));
        }
    }
    let mut keys = |field: &'static str| {
        let list = strings(obj.get(&field[1..]), field, &mut warnings);
        let (good, bad): (Vec<String>, Vec<String>) = list.into_iter().partition(|k| {
            k.len() <= 200 && k.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ')
        });
        if let Some(b) = bad.first() {
            warnings.push((
                field,
                format!(
                    "{} ignored: a key is letters a-z only, like \"nandajie\" or \"ndj\" (emap gazetteer writes them)",
                    quote(b)
                ),
            ));
        }
        good
    };
    let pinyin = keys(".pinyin");
    let initials = keys(".initials");
    Ok((
        Place {
            name,
            name_en,
            kind,
            pos,
            aliases,
            pinyin,
            initials,
            outlets: 0,
        },
        warnings,
    ))
}

/// A list of texts; anything else is reported and left out.
fn strings(v: Option<&Value>, field: &'static str, warnings: &mut Vec<Why>) -> Vec<String> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) => {
            let mut out = Vec::new();
            for x in list {
                match x.as_str().map(str::trim) {
                    Some(s) if !s.is_empty() => out.push(s.to_owned()),
                    _ => warnings.push((field, format!("{} ignored: not a text", quote(x)))),
                }
            }
            out
        }
        Some(other) => {
            warnings.push((
                field,
                format!("should be a list of texts, found {}; ignored", quote(other)),
            ));
            Vec::new()
        }
    }
}

/// `[lon, lat]` on Earth and not a placeholder.
fn lonlat(v: &Value) -> Result<LonLat, Why> {
    let numbers = v
        .as_array()
        .filter(|a| a.len() == 2)
        .and_then(|a| Some((a[0].as_f64()?, a[1].as_f64()?)));
    let Some((lon, lat)) = numbers else {
        return Err((
            ".lonlat",
            format!(
                "lonlat {} is not two numbers [longitude, latitude]",
                quote(v)
            ),
        ));
    };
    let p = LonLat::new(lon, lat);
    if !p.is_valid() {
        let swapped = LonLat::new(lat, lon);
        let hint = if swapped.is_valid() && swapped.in_china() {
            format!("；疑似经纬度写反，应为 [{lat}, {lon}]（longitude first）")
        } else {
            String::new()
        };
        return Err((
            ".lonlat",
            format!(
                "lonlat {} is outside the world (longitude -180 to 180, latitude -90 to 90){hint}",
                quote(v)
            ),
        ));
    }
    if lon.fract() == 0.0 && lat.fract() == 0.0 {
        return Err((
            ".lonlat",
            format!(
                "lonlat {} is whole degrees, most often a placeholder: give the place's own position",
                quote(v)
            ),
        ));
    }
    Ok(p)
}

#[cfg(test)]
#[path = "places_tests.rs"]
mod tests;
