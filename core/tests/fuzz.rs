//! Property tests ("fuzzing" with proptest) of everything that reads text from outside:
//! the outlet, catalog, config and gazetteer loaders, the opening-hours check, search and the URL.
//!
//! Inputs are arbitrary strings and bytes, arbitrary JSON, and mutations of the sample
//! city's real files (byte flips, truncations, inserted junk, values of the wrong type),
//! because a mutated valid file reaches much deeper into a loader than random bytes do.
//! The properties: nothing panics, and a damaged feature never costs another feature.
//!
//! Bounded so the suite stays fast: 256 cases per property by default; set
//! `PROPTEST_CASES=5000` for a longer run (CI runs a bounded one, see README).
//! Crashers found here are kept as named tests in `regressions.rs`.

use emap_core::config::{resolve, Config};
use emap_core::search::{normalize, substring_distance, ItemIndex};
use emap_core::url_state::{decode, encode, UrlState};
use emap_core::{Catalog, LonLat, OutletSet, Problem};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Map, Value};
use std::collections::HashSet;
use std::sync::OnceLock;

const OUTLETS: &str = include_str!("../../public/data/yantai/outlets.geojson");
const CATALOG: &str = include_str!("../../public/data/yantai/catalog.json");
const CONFIG: &str = include_str!("../../public/config.json");
const GAZETTEER: &str = include_str!("../../public/data/yantai/gazetteer.json");

/// What must hold for any gazetteer the loader returns: every place kept has a name
/// and a position on Earth; every report names a place of the file; search holds.
fn assert_gazetteer_sane(g: &emap_core::Gazetteer, problems: &[Problem], places: Option<usize>) {
    for p in &g.places {
        assert!(p.pos.is_valid() && !p.name.trim().is_empty(), "{p:?} kept");
    }
    for p in problems {
        assert!(p.message.chars().count() <= 600);
        if let (Some(i), Some(n)) = (p.index, places) {
            assert!(i < n, "report names place {i} of {n}");
        }
    }
    let _ = g.find("ndj", 5);
}

/// The sample city as one pack region: its row count and text.
fn region_sample() -> &'static (usize, String) {
    static REGION: OnceLock<(usize, String)> = OnceLock::new();
    REGION.get_or_init(|| {
        let (set, _) = OutletSet::parse(OUTLETS).unwrap();
        let (_, files) = emap_core::pack::write(&set.outlets, true, 100_000, "r");
        (set.outlets.len(), files.into_iter().next().unwrap().1)
    })
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        // Shrinking a 240 kB file is slow and the seed is printed anyway.
        max_shrink_iters: 200,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A smaller slice of the sample city: the mutation properties parse it hundreds of
/// times, and 40 features cover every kind of feature the sample has.
fn outlets_sample() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let mut v: Value = serde_json::from_str(OUTLETS).unwrap();
        let features = v["features"].as_array_mut().unwrap();
        let step = features.len() / 40;
        let kept: Vec<Value> = features.iter().step_by(step.max(1)).cloned().collect();
        *features = kept;
        serde_json::to_string_pretty(&v).unwrap()
    })
}

/// What must hold for any outlet set the loader returns, whatever the input.
fn assert_outlets_sane(set: &OutletSet, problems: &[Problem], features: Option<usize>) {
    let mut ids = HashSet::new();
    for o in &set.outlets {
        assert!(o.pos.is_valid(), "outlet {:?} kept at {:?}", o.id, o.pos);
        assert!(!o.id.trim().is_empty(), "empty id kept");
        assert!(ids.insert(o.id.clone()), "id {:?} kept twice", o.id);
        assert_eq!(
            set.get(&o.id).map(|x| x.feature_index),
            Some(o.feature_index)
        );
    }
    for p in problems {
        assert!(
            p.message.chars().count() <= 600,
            "a {} character report",
            p.message.len()
        );
        if let (Some(i), Some(n)) = (p.index, features) {
            assert!(i < n, "report names feature {i} of {n}");
        }
    }
}

fn assert_catalog_sane(catalog: &Catalog, problems: &[Problem]) {
    let mut ids = HashSet::new();
    for item in &catalog.items {
        assert!(!item.id.trim().is_empty());
        assert!(ids.insert(item.id.clone()), "item {:?} kept twice", item.id);
    }
    for b in &catalog.bundles {
        assert!(b.items.iter().all(|id| catalog.item(id).is_some()));
    }
    for p in problems {
        assert!(
            p.message.chars().count() <= 600,
            "a {} character report",
            p.message.len()
        );
    }
}

/// Byte-level damage, as a bad editor, a cut-off download or a wrong encoding does.
#[derive(Clone, Debug)]
enum Damage {
    Flip(Index, u8),
    Truncate(Index),
    Insert(Index, Vec<u8>),
    Delete(Index, usize),
    Repeat(Index, usize),
}

fn junk() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 1..8),
        prop::sample::select(vec![
            "\"",
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "null",
            "-",
            "1e999",
            "-0",
            "1e-999",
            "18446744073709551616",
            "\\u0000",
            "\\ud800",
            "\\",
            "\u{feff}",
            "\r\n",
            "<script>window.__pwned=1</script>",
            "javascript:alert(1)",
            "[[[[[[[[[[[[",
            "{\"a\":",
            "\"\u{202e}\"",
            "NaN",
            "Infinity",
            "true",
            "\u{0}",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
    ]
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<Index>(), 0u8..8).prop_map(|(i, b)| Damage::Flip(i, b)),
        any::<Index>().prop_map(Damage::Truncate),
        (any::<Index>(), junk()).prop_map(|(i, j)| Damage::Insert(i, j)),
        (any::<Index>(), 1usize..64).prop_map(|(i, n)| Damage::Delete(i, n)),
        (any::<Index>(), 1usize..200).prop_map(|(i, n)| Damage::Repeat(i, n)),
    ]
}

fn apply(text: &str, damages: &[Damage]) -> String {
    let mut b = text.as_bytes().to_vec();
    for d in damages {
        if b.is_empty() {
            break;
        }
        match d {
            Damage::Flip(i, bit) => {
                let i = i.index(b.len());
                b[i] ^= 1 << bit;
            }
            Damage::Truncate(i) => b.truncate(i.index(b.len())),
            Damage::Insert(i, j) => {
                let i = i.index(b.len() + 1);
                b.splice(i..i, j.iter().copied());
            }
            Damage::Delete(i, n) => {
                let i = i.index(b.len());
                b.drain(i..(i + n).min(b.len()));
            }
            Damage::Repeat(i, n) => {
                let i = i.index(b.len());
                let piece = b[i..(i + n).min(b.len())].to_vec();
                b.splice(i..i, piece);
            }
        }
    }
    // What `Response.text()` does with bytes that are not UTF-8.
    String::from_utf8_lossy(&b).into_owned()
}

/// Any JSON value, small, including the things hand-typed and exported files hold
/// where something else belongs.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        prop::sample::select(vec![
            -180.0001, 180.0, 90.0, -90.0, 1e308, -0.0, 121.4, 37.5
        ])
        .prop_map(|f| json!(f)),
        any::<String>().prop_map(Value::from),
        // Long text where a short value or a number belongs, as a pasted document gives.
        (1usize..4000).prop_map(|n| Value::from("<b>长</b>".repeat(n))),
        prop::sample::select(vec![
            "",
            " ",
            "<script>window.__pwned=1</script>",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "JaVaScRiPt:alert(1)",
            " https://x ",
            "tel:12345",
            "Point",
            "Polygon",
            "FeatureCollection",
            "gcj02",
            "bd09",
            "wgs84",
            "police_station",
            "Mo-Fr 08:00-17:00",
            "24/7",
            "\u{0}",
            "😀",
            "id-renew",
            "d01-hall",
            "121.4",
            "NaN",
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "type",
                    "id",
                    "geometry",
                    "coordinates",
                    "properties",
                    "name",
                    "items",
                    "kind",
                    "url",
                    "phone",
                    "note",
                    "website",
                    "appointment",
                    "features",
                    "datum",
                    "aliases",
                    "materials",
                    "online",
                    "x",
                ])
                .prop_map(str::to_owned),
                inner,
                0..5,
            )
            .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// JSON pointers of every node below `root` (itself included).
fn pointers(v: &Value, here: String, out: &mut Vec<String>) {
    match v {
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{here}/{i}"), out);
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                let k = k.replace('~', "~0").replace('/', "~1");
                pointers(x, format!("{here}/{k}"), out);
            }
        }
        _ => {}
    }
    out.push(here);
}

/// Replaces one node under `prefix` (e.g. `/features/3`) with `new`; returns the pointer.
fn swap_value(doc: &mut Value, prefix: &str, which: Index, new: Value) -> String {
    let mut all = Vec::new();
    pointers(doc.pointer(prefix).unwrap(), prefix.to_owned(), &mut all);
    let at = all[which.index(all.len())].clone();
    *doc.pointer_mut(&at).unwrap() = new;
    at
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn loaders_never_panic_on_arbitrary_text(text in any::<String>()) {
        if let Ok((set, problems)) = OutletSet::parse(&text) {
            assert_outlets_sane(&set, &problems, None);
        }
        if let Ok((cat, problems)) = Catalog::parse(&text) {
            assert_catalog_sane(&cat, &problems);
        }
        let _ = Config::parse(&text);
        if let Ok((g, problems)) = emap_core::Gazetteer::parse(&text) {
            assert_gazetteer_sane(&g, &problems, None);
        }
    }

    #[test]
    fn loaders_never_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = OutletSet::parse(&text);
        let _ = Catalog::parse(&text);
        let _ = Config::parse(&text);
    }

    #[test]
    fn outlet_loader_survives_arbitrary_features(features in prop::collection::vec(json_value(), 0..12),
                                                 datum in prop::option::of(json_value())) {
        let mut doc = json!({"type": "FeatureCollection", "features": features});
        if let Some(d) = datum {
            doc["datum"] = d;
        }
        if let Ok((set, problems)) = OutletSet::parse(&doc.to_string()) {
            assert_outlets_sane(&set, &problems, Some(features.len()));
        }
    }

    #[test]
    fn catalog_loader_survives_arbitrary_items(items in prop::collection::vec(json_value(), 0..12),
                                               bundles in prop::collection::vec(json_value(), 0..4)) {
        let doc = json!({"items": items, "bundles": bundles});
        let (cat, problems) = Catalog::parse(&doc.to_string()).expect("a catalog object loads");
        assert_catalog_sane(&cat, &problems);
        let index = ItemIndex::new(&cat);
        let _ = index.search("sfz");
    }

    #[test]
    fn damaged_outlet_files_never_panic(d in prop::collection::vec(damage(), 1..4)) {
        let text = apply(outlets_sample(), &d);
        if let Ok((set, problems)) = OutletSet::parse(&text) {
            assert_outlets_sane(&set, &problems, None);
        }
    }

    #[test]
    fn damaged_pack_regions_never_panic(d in prop::collection::vec(damage(), 1..4)) {
        let text = apply(&region_sample().1, &d);
        if let Ok((list, problems)) = emap_core::pack::parse_region("r.json", &text, 0) {
            // Every row kept is a real place; every row lost is reported.
            assert!(list.iter().all(|o| o.pos.is_valid() && !o.id.is_empty()));
            let rows = region_sample().0;
            assert!(list.len() + problems.iter().filter(|p| p.level == emap_core::Level::Error).count() >= list.len().min(rows));
        }
    }

    #[test]
    fn pack_manifests_and_regions_never_panic_on_arbitrary_text(text in any::<String>()) {
        let _ = emap_core::pack::Manifest::parse(&text);
        let _ = emap_core::pack::parse_region("r.json", &text, 0);
    }

    #[test]
    fn damaged_catalogs_never_panic(d in prop::collection::vec(damage(), 1..4)) {
        let text = apply(CATALOG, &d);
        if let Ok((cat, problems)) = Catalog::parse(&text) {
            assert_catalog_sane(&cat, &problems);
        }
    }

    #[test]
    fn damaged_gazetteers_never_panic(d in prop::collection::vec(damage(), 1..4)) {
        if let Ok((g, problems)) = emap_core::Gazetteer::parse(&apply(GAZETTEER, &d)) {
            assert_gazetteer_sane(&g, &problems, None);
        }
    }

    /// A place with a value of the wrong type anywhere in it is kept or reported, and
    /// every other place is kept.
    #[test]
    fn a_bad_value_in_one_place_costs_only_that_place(place in any::<Index>(), node in any::<Index>(),
                                                      new in json_value()) {
        let mut doc: Value = serde_json::from_str(GAZETTEER).unwrap();
        let names: Vec<String> = doc["places"].as_array().unwrap().iter()
            .map(|p| p["name"].as_str().unwrap().to_owned()).collect();
        let k = place.index(names.len());
        let at = swap_value(&mut doc, &format!("/places/{k}"), node, new);
        let (g, problems) = emap_core::Gazetteer::parse(&doc.to_string())
            .unwrap_or_else(|e| panic!("{at}: whole gazetteer refused: {e}"));
        assert_gazetteer_sane(&g, &problems, Some(names.len()));
        let kept = g.places.len();
        let dropped = problems.iter().filter(|p| p.level == emap_core::Level::Error).count();
        prop_assert!(kept + dropped == names.len(), "{at}: {kept} kept, {dropped} reported of {}", names.len());
        prop_assert!(kept + 1 >= names.len(), "{at}: more than one place lost");
    }

    #[test]
    fn gazetteer_search_never_panics(query in any::<String>(), limit in 0usize..20) {
        let (g, _) = emap_core::Gazetteer::parse(GAZETTEER).unwrap();
        let found = g.find(&query, limit);
        prop_assert!(found.len() <= limit);
    }

    #[test]
    fn damaged_configs_never_panic(d in prop::collection::vec(damage(), 1..4)) {
        if let Ok(c) = Config::parse(&apply(CONFIG, &d)) {
            assert!(c.center().is_valid());
            let _ = resolve("config.json", &c.outlets);
        }
    }

    /// One feature with a value of the wrong type anywhere in it: that feature is kept
    /// or reported, and every other feature is kept.
    #[test]
    fn a_bad_value_in_one_feature_costs_only_that_feature(feature in any::<Index>(), node in any::<Index>(),
                                                          new in json_value()) {
        let mut doc: Value = serde_json::from_str(outlets_sample()).unwrap();
        let n = doc["features"].as_array().unwrap().len();
        let k = feature.index(n);
        let at = swap_value(&mut doc, &format!("/features/{k}"), node, new);
        let (set, problems) = OutletSet::parse(&doc.to_string())
            .unwrap_or_else(|e| panic!("{at}: whole file refused: {e}"));
        assert_outlets_sane(&set, &problems, Some(n));
        let kept: HashSet<usize> = set.outlets.iter().map(|o| o.feature_index).collect();
        for i in (0..n).filter(|&i| i != k) {
            prop_assert!(kept.contains(&i), "{at}: feature {i} lost");
        }
        if !kept.contains(&k) {
            prop_assert!(problems.iter().any(|p| p.index == Some(k)), "{at}: feature {k} dropped silently");
        }
    }

    /// Anything in the file's top level (datum, type, sample, extra keys): never a panic.
    #[test]
    fn a_bad_value_anywhere_in_the_outlets_never_panics(node in any::<Index>(), new in json_value()) {
        let mut doc: Value = serde_json::from_str(outlets_sample()).unwrap();
        let at = swap_value(&mut doc, "", node, new);
        if let Ok((set, problems)) = OutletSet::parse(&doc.to_string()) {
            assert_outlets_sane(&set, &problems, None);
        } else {
            let _ = at;
        }
    }

    #[test]
    fn a_bad_value_in_one_item_costs_only_that_item(item in any::<Index>(), node in any::<Index>(),
                                                    new in json_value()) {
        let mut doc: Value = serde_json::from_str(CATALOG).unwrap();
        let ids: Vec<String> = doc["items"].as_array().unwrap().iter()
            .map(|i| i["id"].as_str().unwrap().to_owned()).collect();
        let k = item.index(ids.len());
        let at = swap_value(&mut doc, &format!("/items/{k}"), node, new);
        let (cat, problems) = Catalog::parse(&doc.to_string())
            .unwrap_or_else(|e| panic!("{at}: whole catalog refused: {e}"));
        assert_catalog_sane(&cat, &problems);
        for (i, id) in ids.iter().enumerate().filter(|&(i, _)| i != k) {
            prop_assert!(cat.item(id).is_some(), "{at}: item {i} ({id}) lost");
        }
    }

    #[test]
    fn a_bad_value_anywhere_in_the_config_never_panics(node in any::<Index>(), new in json_value()) {
        let mut doc: Value = serde_json::from_str(CONFIG).unwrap();
        swap_value(&mut doc, "", node, new);
        if let Ok(c) = Config::parse(&doc.to_string()) {
            assert!(c.center().is_valid());
        }
    }

    /// Positions anywhere on Earth, in any datum: what is kept is on Earth in WGS-84.
    #[test]
    fn every_kept_position_is_valid_in_any_datum(datum in prop::sample::select(vec!["wgs84", "gcj02", "bd09"]),
                                                 points in prop::collection::vec(
                                                     (prop_oneof![-180.0f64..=180.0, Just(-180.0), Just(180.0)],
                                                      prop_oneof![-90.0f64..=90.0, Just(-90.0), Just(90.0)]), 1..20)) {
        let features: Vec<Value> = points.iter().enumerate().map(|(i, (lon, lat))| json!({
            "type": "Feature", "id": i, "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"name": "x"}})).collect();
        let doc = json!({"type": "FeatureCollection", "datum": datum, "features": features});
        let (set, problems) = OutletSet::parse(&doc.to_string()).unwrap();
        assert_outlets_sane(&set, &problems, Some(points.len()));
    }

    #[test]
    fn hours_check_never_panics(text in any::<String>()) {
        let _ = emap_core::hours::check(&text);
    }

    #[test]
    fn hours_check_never_panics_on_damaged_hours(base in prop::sample::select(vec![
            "Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00; PH off", "24/7",
            "Mo-Su 08:00-17:00; PH off", "Mo-Fr 09:00-17:00; Sa,Su 09:00-12:00; PH off",
            "Jan-Mar Mo 10:00-12:00 \"comment\"; week 01-53/2 Fr off", "sunrise-sunset",
        ]), d in prop::collection::vec(damage(), 1..3)) {
        let _ = emap_core::hours::check(&apply(base, &d));
    }

    #[test]
    fn normalize_never_panics_and_is_stable(text in any::<String>()) {
        let once = normalize(&text);
        prop_assert_eq!(normalize(&once), once.clone());
        prop_assert_eq!(once.trim(), once.as_str());
    }

    #[test]
    fn search_never_panics(query in any::<String>(), hay in any::<String>()) {
        static INDEX: OnceLock<ItemIndex> = OnceLock::new();
        let index = INDEX.get_or_init(|| ItemIndex::new(&Catalog::parse(CATALOG).unwrap().0));
        let _ = index.search(&query);
        let _ = substring_distance(&query, &hay);
    }

    #[test]
    fn url_state_never_panics(query in any::<String>()) {
        let s = UrlState::parse(&query);
        prop_assert_eq!(UrlState::parse(&s.to_query()).to_query(), s.to_query());
        let _ = decode(&query);
    }

    #[test]
    fn url_state_round_trips(item in any::<String>(), q in any::<String>(), config in any::<String>(),
                             lon in -180.0f64..=180.0, lat in -90.0f64..=90.0) {
        let keep = |s: String| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let s = UrlState {
            item: keep(item),
            outlet: None,
            q: keep(q),
            at: Some(LonLat::new((lon * 1e6).round() / 1e6, (lat * 1e6).round() / 1e6)),
            config: keep(config),
            ..UrlState::default()
        };
        let back = UrlState::parse(&s.to_query());
        prop_assert_eq!(&back.item, &s.item);
        prop_assert_eq!(&back.q, &s.q);
        prop_assert_eq!(&back.config, &s.config);
        let (a, b) = (back.at.unwrap(), s.at.unwrap());
        prop_assert!((a.lon - b.lon).abs() < 1e-9 && (a.lat - b.lat).abs() < 1e-9);
        prop_assert_eq!(decode(&encode(s.q.as_deref().unwrap_or(""))), s.q.unwrap_or_default());
    }
}
