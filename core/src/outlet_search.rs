//! Search by the office, not the need: an office type (派出所, 车管所, 出入境,
//! "police station"), an outlet's own name or address, or a place that becomes the
//! start point: a district named in the outlets' `addr:district` (芝罘区), or any
//! place of the gazetteer when the deployment has one (南大街, 烟台站, 烟台大学;
//! [`crate::places`]). Residents who know which office they want type its kind or
//! name; the item search alone answered "nothing found".
//!
//! Built when the resident first types, not at load: at 100,000 outlets the keys
//! are megabytes nobody needs until then.

use crate::geo::LonLat;
use crate::outlets::{OutletKind, OutletSet};
pub use crate::places::Place;
use crate::places::{rank_key, Gazetteer, Keys, PlaceKind, Query};
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

/// What a query found among the outlets.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OutletFind {
    /// The office type the query names, with how many outlets are of it.
    pub kind: Option<(OutletKind, usize)>,
    /// Places matching the query, best first: each can become the start point.
    /// Districts from the outlets' `addr:district` (placed at their outlets'
    /// middle, `outlets` counting them) and the gazetteer's places; a district in
    /// both is listed once, as the gazetteer has it, with the outlets' count.
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
    /// The districts the outlets name, with their normalized name and search keys.
    places: Vec<(String, Keys, Place)>,
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
                    kind: PlaceKind::District,
                    pos: LonLat::new(lon / sure as f64, lat / sure as f64),
                    outlets: n,
                    name_en: None,
                    aliases: Vec::new(),
                    pinyin: Vec::new(),
                    initials: Vec::new(),
                };
                (normalize(&name), Keys::new(&place), place)
            })
            .collect();
        OutletIndex { keys, places }
    }

    /// Outlets for `query`: of the kind it names (the rest of the query narrowing
    /// them, "芝罘 派出所"), else whose name, English name or address holds it;
    /// nearest to `from` first, `limit` at most. And the districts it names, `limit`
    /// at most. [`OutletIndex::find_with`] with no gazetteer.
    pub fn find(&self, set: &OutletSet, query: &str, from: LonLat, limit: usize) -> OutletFind {
        self.find_with(set, None, query, from, limit)
    }

    /// As [`OutletIndex::find`], the places from both the districts the outlets
    /// name and the `gazetteer`, ranked together as [`Gazetteer::find`] ranks
    /// (exact, prefix, contains, said in the query; then district, town, street,
    /// estate, station, landmark; then the shorter name), `limit` at most. A
    /// gazetteer place of a district's name stands for it: listed once, at the
    /// gazetteer's position, with the district's count of outlets. A query naming
    /// an office kind (派出所) lists no place.
    pub fn find_with(
        &self,
        set: &OutletSet,
        gazetteer: Option<&Gazetteer>,
        query: &str,
        from: LonLat,
        limit: usize,
    ) -> OutletFind {
        let q = query_key(query);
        if q.is_empty() {
            return OutletFind::default();
        }
        let kind = kind_named(&q);
        let places = match kind {
            Some(_) => Vec::new(),
            None => self.places(gazetteer, &Query::new(&q), limit),
        };
        let rest: String = match kind {
            Some((_, word)) => q.replacen(word, " ", 1),
            None => q.clone(),
        };
        let words: Vec<&str> = rest.split_whitespace().collect();
        let kind = kind.map(|(k, _)| k);
        if kind.is_none() && !long_enough(&q) {
            // Too short to mean an office; a place's pinyin initials (`wd`) may be.
            return OutletFind {
                places,
                ..OutletFind::default()
            };
        }
        let matching = |kind: Option<OutletKind>, words: &[&str]| -> Vec<Hit> {
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
        let mut hits = matching(kind, &words);
        let mut kind = kind;
        if hits.is_empty() && kind.is_some() {
            // An outlet's own name may hold another kind's word: 烟台市民之家车驾管服务窗口
            // is the driving window inside a 市民之家, not a 政务服务大厅.
            let named = matching(None, &q.split_whitespace().collect::<Vec<_>>());
            if named.is_empty() {
                // The rest of "政务服务中心" or "24小时自助" is the kind's own wording,
                // not a name: when it narrows to nothing, every outlet of the kind is meant.
                hits = matching(kind, &[]);
            } else {
                hits = named;
                kind = None;
            }
        }
        crate::order::sort_by_key(&mut hits, |h| {
            (crate::order::f64_key(h.distance_m), h.index as u64)
        });
        let total = hits.len();
        hits.truncate(limit);
        OutletFind {
            kind: kind.map(|k| (k, set.outlets.iter().filter(|o| o.kind == k).count())),
            places,
            outlets: hits,
            total,
        }
    }
}

impl OutletIndex {
    /// The places for `q`: the gazetteer's and the outlets' districts, merged.
    fn places(&self, gazetteer: Option<&Gazetteer>, q: &Query, limit: usize) -> Vec<Place> {
        let outlets_in = |name: &str| {
            let key = normalize(name);
            self.places
                .iter()
                .find(|(k, ..)| *k == key)
                .map_or(0, |(.., p)| p.outlets)
        };
        let mut found: Vec<(_, Place)> = Vec::new();
        let shift = gazetteer.map_or(0, |g| g.places.len());
        if let Some(g) = gazetteer {
            for (m, i) in g.hits(q) {
                let mut p = g.places[i].clone();
                p.outlets = outlets_in(&p.name);
                found.push((rank_key(m, &p, i), p));
            }
        }
        for (i, (_, keys, p)) in self.places.iter().enumerate() {
            if gazetteer.is_some_and(|g| g.named(&p.name).is_some()) {
                continue;
            }
            if let Some(m) = keys.best(q) {
                found.push((rank_key(m, p, shift + i), p.clone()));
            }
        }
        crate::order::sort_by_key(&mut found, |(key, _)| *key);
        found.into_iter().take(limit).map(|(_, p)| p).collect()
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

    /// Regression: the sample's 烟台市民之家车驾管服务窗口 found every 市民之家 hall but
    /// not itself, its name holding a service hall's word.
    #[test]
    fn an_outlets_own_name_wins_over_a_kind_word_in_it() {
        let text = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","id":"h","geometry":{"type":"Point","coordinates":[121.40,37.53]},"properties":{"name":"烟台市民之家公安服务窗口","kind":"service_hall"}},
        {"type":"Feature","id":"w","geometry":{"type":"Point","coordinates":[121.40,37.53]},"properties":{"name":"烟台市民之家车驾管服务窗口","kind":"vehicle_admin"}}]}"#;
        let set = OutletSet::parse(text).unwrap().0;
        let index = OutletIndex::new(&set);
        let at = LonLat::new(121.45, 37.46);
        let f = index.find(&set, "烟台市民之家车驾管服务窗口", at, 8);
        assert_eq!(ids(&set, &f), ["w"]);
        assert_eq!(f.kind, None);
        // The kind's word alone still lists the kind.
        let f = index.find(&set, "市民之家", at, 8);
        assert_eq!(ids(&set, &f), ["h"]);
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

    /// A gazetteer for the outlets above: 芝罘区 again (placed at its government,
    /// with pinyin), a street, a station, and 莱山区 left out.
    fn gazetteer() -> Gazetteer {
        let (g, problems) = Gazetteer::parse(
            r#"{"places":[
            {"name":"芝罘区","name:en":"Zhifu District","kind":"district","lonlat":[121.39751,37.53951],"pinyin":["zhifuqu"],"initials":["zfq"]},
            {"name":"芝罘路","kind":"street","lonlat":[121.401,37.541],"pinyin":["zhifulu"],"initials":["zfl"]},
            {"name":"南大街","kind":"street","lonlat":[121.3895,37.536],"pinyin":["nandajie"],"initials":["ndj"]},
            {"name":"烟台站","kind":"station","lonlat":[121.38842,37.54611],"aliases":["火车站"],"pinyin":["yantaizhan","huochezhan"],"initials":["ytz","hcz"]}]}"#,
        )
        .unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
        g
    }

    fn place_names(f: &OutletFind) -> Vec<&str> {
        f.places.iter().map(|p| p.name.as_str()).collect()
    }

    /// Issue 20: a street, an estate, a landmark or a station is a place to start
    /// from, found by name, alias, pinyin or initials, as a district is.
    #[test]
    fn the_gazetteers_places_are_found_beside_the_outlets_districts() {
        let (set, g) = (set(), gazetteer());
        let index = OutletIndex::new(&set);
        let at = LonLat::new(121.45, 37.46);
        let find = |q: &str| index.find_with(&set, Some(&g), q, at, 8);
        assert_eq!(place_names(&find("南大街")), ["南大街"]);
        assert_eq!(place_names(&find("火车站")), ["烟台站"]);
        assert_eq!(place_names(&find("ndj")), ["南大街"]);
        assert_eq!(place_names(&find("hcz")), ["烟台站"]);
        // A district only the outlets name is still found, ranked with the others.
        assert_eq!(place_names(&find("莱山")), ["莱山区"]);
        assert_eq!(find("莱山").places[0].outlets, 1);
        assert_eq!(find("莱山").places[0].kind, PlaceKind::District);
        // Without a gazetteer, as before: the outlets' districts only.
        assert!(index.find(&set, "南大街", at, 8).places.is_empty());
        assert_eq!(place_names(&index.find(&set, "芝罘", at, 8)), ["芝罘区"]);
    }

    #[test]
    fn a_district_in_both_is_listed_once_as_the_gazetteer_has_it() {
        let (set, g) = (set(), gazetteer());
        let index = OutletIndex::new(&set);
        let f = index.find_with(&set, Some(&g), "芝罘", LonLat::new(121.45, 37.46), 8);
        // District before street on a tie (both begin with 芝罘).
        assert_eq!(place_names(&f), ["芝罘区", "芝罘路"]);
        let zhifu = &f.places[0];
        assert_eq!(
            zhifu.pos,
            LonLat::new(121.39751, 37.53951),
            "the gazetteer's position"
        );
        assert_eq!(zhifu.outlets, 3, "the outlets' count");
        assert_eq!(zhifu.name_en.as_deref(), Some("Zhifu District"));
        assert_eq!(f.places[1].outlets, 0);
        // Found by its pinyin too, which the outlets alone do not have.
        let f = index.find_with(&set, Some(&g), "zhifu", LonLat::new(121.45, 37.46), 8);
        assert_eq!(place_names(&f), ["芝罘区", "芝罘路"]);
        assert_eq!(f.places[0].outlets, 3);
    }

    #[test]
    fn places_rank_exact_first_and_keep_the_limit() {
        let (set, g) = (set(), gazetteer());
        let index = OutletIndex::new(&set);
        let at = LonLat::new(121.45, 37.46);
        let f = index.find_with(&set, Some(&g), "芝罘路", at, 8);
        assert_eq!(place_names(&f), ["芝罘路"]);
        let f = index.find_with(&set, Some(&g), "芝罘", at, 1);
        assert_eq!(place_names(&f), ["芝罘区"]);
        // The outlets matching are found as before, beside the places.
        let f = index.find_with(&set, Some(&g), "芝罘", at, 8);
        assert_eq!(ids(&set, &f), ["t1", "p1", "v1"]);
    }

    #[test]
    fn an_office_kind_lists_no_place_and_initials_no_outlet() {
        let (set, g) = (set(), gazetteer());
        let index = OutletIndex::new(&set);
        let at = LonLat::new(121.45, 37.46);
        let f = index.find_with(&set, Some(&g), "芝罘 派出所", at, 8);
        assert!(f.places.is_empty());
        assert_eq!(f.kind.map(|(k, _)| k), Some(OutletKind::PoliceStation));
        // Two letters are too short to mean an office, not a place's initials.
        let (g2, _) = Gazetteer::parse(
            r#"{"places":[{"name":"万达广场","kind":"landmark","lonlat":[121.387,37.537],"initials":["wdgc"]}]}"#,
        )
        .unwrap();
        let f = index.find_with(&set, Some(&g2), "wd", at, 8);
        assert_eq!(place_names(&f), ["万达广场"]);
        assert!(f.outlets.is_empty() && f.total == 0);
    }
}
