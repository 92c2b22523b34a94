//! Search by the office, not the need: an office type (派出所, 车管所, 出入境,
//! "police station"), an outlet's own name or address, or a district (芝罘区) that
//! becomes the start point. Residents who know which office they want type its kind
//! or name; the item search alone answered "nothing found".
//!
//! Built when the resident first types, not at load: at 100,000 outlets the keys
//! are megabytes nobody needs until then.

use crate::geo::LonLat;
use crate::outlets::{OutletKind, OutletSet};
use crate::results::Hit;
use crate::search::{normalize, query_key};
use std::collections::BTreeMap;

/// English words residents use for each kind; Chinese ones are the words names
/// carry ([`OutletKind::in_name`]).
const ENGLISH_WORDS: [(&str, OutletKind); 11] = [
    ("police station", OutletKind::PoliceStation),
    ("police", OutletKind::PoliceStation),
    ("vehicle", OutletKind::VehicleAdmin),
    ("dmv", OutletKind::VehicleAdmin),
    ("exit-entry", OutletKind::ExitEntry),
    ("immigration", OutletKind::ExitEntry),
    ("service hall", OutletKind::ServiceHall),
    ("self-service", OutletKind::SelfService),
    ("traffic police", OutletKind::TrafficPoint),
    ("inspection", OutletKind::InspectionStation),
    ("medical", OutletKind::MedicalCheck),
];

/// A district named in the outlets' `addr:district`, placed at its outlets' middle.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub name: String,
    pub pos: LonLat,
    /// Outlets in it.
    pub outlets: usize,
}

/// What a query found among the outlets.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OutletFind {
    /// The office type the query names, with how many outlets are of it.
    pub kind: Option<(OutletKind, usize)>,
    /// Districts matching the query: each can become the start point.
    pub places: Vec<Place>,
    /// Matching outlets, nearest first, at most the limit asked for.
    pub outlets: Vec<Hit>,
    /// How many outlets matched in all.
    pub total: usize,
}

/// The search keys of every outlet, and the districts.
#[derive(Clone, Debug, Default)]
pub struct OutletIndex {
    /// Per outlet: name, English name and address, normalized, one string.
    keys: Vec<String>,
    places: Vec<(String, Place)>,
}

/// Shortest query matched against names: one Chinese character, or two Latin
/// letters, would match half the city.
fn long_enough(q: &str) -> bool {
    match q.is_ascii() {
        true => q.chars().count() >= 3,
        false => q.chars().count() >= 2,
    }
}

impl OutletIndex {
    pub fn new(set: &OutletSet) -> OutletIndex {
        let keys = set
            .outlets
            .iter()
            .map(|o| {
                let mut k = normalize(&o.name);
                for extra in [o.name_en.as_deref(), o.address.as_deref()]
                    .into_iter()
                    .flatten()
                {
                    k.push('\n');
                    k.push_str(&normalize(extra));
                }
                k
            })
            .collect();
        // District → (sum of positions, outlets, outlets with a sure position).
        let mut sums: BTreeMap<String, (f64, f64, usize, usize)> = BTreeMap::new();
        for o in &set.outlets {
            let Some(d) = o
                .district
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
            else {
                continue;
            };
            let e = sums.entry(d.to_owned()).or_default();
            e.2 += 1;
            if !o.position_unsure {
                e.0 += o.pos.lon;
                e.1 += o.pos.lat;
                e.3 += 1;
            }
        }
        let places = sums
            .into_iter()
            .filter(|(_, (.., sure))| *sure > 0)
            .map(|(name, (lon, lat, n, sure))| {
                let place = Place {
                    name: name.clone(),
                    pos: LonLat::new(lon / sure as f64, lat / sure as f64),
                    outlets: n,
                };
                (normalize(&name), place)
            })
            .collect();
        OutletIndex { keys, places }
    }

    /// Outlets for `query`: of the kind it names (the rest of the query narrowing
    /// them, "芝罘 派出所"), else whose name, English name or address holds it;
    /// nearest to `from` first, `limit` at most. And the districts it names.
    pub fn find(&self, set: &OutletSet, query: &str, from: LonLat, limit: usize) -> OutletFind {
        let q = query_key(query);
        if q.is_empty() {
            return OutletFind::default();
        }
        let kind = kind_named(&q);
        let rest: String = match kind {
            Some((_, word)) => q.replacen(word, " ", 1),
            None => q.clone(),
        };
        let words: Vec<&str> = rest.split_whitespace().collect();
        let kind = kind.map(|(k, _)| k);
        if kind.is_none() && !long_enough(&q) {
            return OutletFind::default();
        }
        let matching = |words: &[&str]| -> Vec<Hit> {
            set.outlets
                .iter()
                .zip(&self.keys)
                .enumerate()
                .filter(|(_, (o, key))| {
                    kind.is_none_or(|k| o.kind == k) && words.iter().all(|w| key.contains(w))
                })
                .map(|(index, (o, _))| Hit {
                    index,
                    distance_m: o.distance_from(from),
                })
                .collect()
        };
        let mut hits = matching(&words);
        // The rest of "政务服务中心" or "24小时自助" is the kind's own wording, not a
        // name: when it narrows to nothing, every outlet of the kind is meant.
        if hits.is_empty() && kind.is_some() {
            hits = matching(&[]);
        }
        hits.sort_unstable_by(|a, b| {
            a.distance_m
                .total_cmp(&b.distance_m)
                .then(a.index.cmp(&b.index))
        });
        let total = hits.len();
        hits.truncate(limit);
        let places = match kind {
            Some(_) => Vec::new(),
            None => self
                .places
                .iter()
                .filter(|(key, _)| {
                    key.contains(&q) || (q.contains(key.as_str()) && long_enough(key))
                })
                .map(|(_, p)| p.clone())
                .collect(),
        };
        OutletFind {
            kind: kind.map(|k| (k, set.outlets.iter().filter(|o| o.kind == k).count())),
            places,
            outlets: hits,
            total,
        }
    }
}

/// The kind a query names, and the word it was named by: the longest word found,
/// so "traffic police" is not read as "police".
fn kind_named(q: &str) -> Option<(OutletKind, &'static str)> {
    OutletKind::in_name(q).or_else(|| {
        ENGLISH_WORDS
            .iter()
            .filter(|(w, _)| q.contains(w))
            .max_by_key(|(w, _)| w.len())
            .map(|(w, k)| (*k, *w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> OutletSet {
        let text = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","id":"p1","geometry":{"type":"Point","coordinates":[121.40,37.53]},"properties":{"name":"向阳派出所","kind":"police_station","addr:district":"芝罘区","address":"烟台市芝罘区胜利路1号"}},
        {"type":"Feature","id":"p2","geometry":{"type":"Point","coordinates":[121.45,37.46]},"properties":{"name":"莱山派出所","kind":"police_station","addr:district":"莱山区","name:en":"Laishan Police Station"}},
        {"type":"Feature","id":"v1","geometry":{"type":"Point","coordinates":[121.38,37.52]},"properties":{"name":"烟台市车管所","kind":"vehicle_admin","addr:district":"芝罘区"}},
        {"type":"Feature","id":"t1","geometry":{"type":"Point","coordinates":[121.39,37.50]},"properties":{"name":"芝罘交警中队","kind":"traffic_point","addr:district":"芝罘区"}}]}"#;
        OutletSet::parse(text).unwrap().0
    }

    fn ids(set: &OutletSet, f: &OutletFind) -> Vec<String> {
        f.outlets
            .iter()
            .map(|h| set.outlets[h.index].id.clone())
            .collect()
    }

    /// Regression (issue 20): 派出所 found "nothing" because only items were searched.
    #[test]
    fn an_office_type_lists_that_kind_nearest_first() {
        let set = set();
        let index = OutletIndex::new(&set);
        let near_laishan = LonLat::new(121.45, 37.46);
        let f = index.find(&set, "派出所", near_laishan, 8);
        assert_eq!(f.kind, Some((OutletKind::PoliceStation, 2)));
        assert_eq!(ids(&set, &f), ["p2", "p1"]);
        let f = index.find(&set, "Police Station", near_laishan, 8);
        assert_eq!(ids(&set, &f), ["p2", "p1"]);
        // The longest kind word wins: traffic police are not police stations.
        let f = index.find(&set, "traffic police", near_laishan, 8);
        assert_eq!(ids(&set, &f), ["t1"]);
    }

    #[test]
    fn the_rest_of_the_query_narrows_the_kind() {
        let set = set();
        let index = OutletIndex::new(&set);
        let f = index.find(&set, "向阳 派出所", LonLat::new(121.45, 37.46), 8);
        assert_eq!(ids(&set, &f), ["p1"]);
        // Words of the kind's own naming that no name holds narrow nothing.
        let f = index.find(&set, "公安派出所", LonLat::new(121.45, 37.46), 8);
        assert_eq!(ids(&set, &f), ["p2", "p1"]);
    }

    #[test]
    fn an_outlets_name_or_address_finds_it() {
        let set = set();
        let index = OutletIndex::new(&set);
        let at = LonLat::new(121.45, 37.46);
        assert_eq!(ids(&set, &index.find(&set, "莱山", at, 8)), ["p2"]);
        assert_eq!(ids(&set, &index.find(&set, "胜利路", at, 8)), ["p1"]);
        assert_eq!(ids(&set, &index.find(&set, "laishan", at, 8)), ["p2"]);
        // Too short to mean one office.
        assert!(index.find(&set, "山", at, 8).outlets.is_empty());
    }

    #[test]
    fn a_district_is_a_place_to_start_from() {
        let set = set();
        let index = OutletIndex::new(&set);
        let f = index.find(&set, "芝罘区", LonLat::new(121.45, 37.46), 8);
        assert_eq!(f.places.len(), 1);
        assert_eq!(f.places[0].name, "芝罘区");
        assert_eq!(f.places[0].outlets, 3);
        assert!((f.places[0].pos.lon - 121.39).abs() < 1e-9);
        let f = index.find(&set, "芝罘", LonLat::new(121.45, 37.46), 8);
        assert_eq!(f.places.len(), 1, "a district found without its 区");
    }
}
