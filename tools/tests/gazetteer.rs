//! `emap gazetteer` as data staff run it on an OSM export (a hand-made fixture in
//! osmtogeojson's shapes), and `emap validate` on what it writes: the file the app
//! then reads, checked with the app's own loader.

use emap_core::geo::LonLat;
use emap_core::places::{Gazetteer, PlaceKind};
use std::process::Command;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/gazetteer/yantai-osm.geojson"
);

/// `emap` with `args`: exit code, stdout, stderr.
fn emap(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_emap"))
        .args(args)
        .output()
        .expect("emap runs");
    (
        out.status.code().expect("an exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("emap-gazetteer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn an_osm_export_becomes_the_places_file() {
    let out = temp("g.json");
    let (code, stdout, stderr) = emap(&["gazetteer", FIXTURE, "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty(), "the file goes to -o: {stdout}");
    let text = std::fs::read_to_string(&out).unwrap();
    let (g, problems) = Gazetteer::parse(&text).unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
    // Sorted by kind, then pinyin: the same export gives the same file.
    let names: Vec<(&str, PlaceKind)> =
        g.places.iter().map(|p| (p.name.as_str(), p.kind)).collect();
    assert_eq!(
        names,
        [
            ("芝罘区", PlaceKind::District),
            ("只楚街道", PlaceKind::Town),
            ("南大街", PlaceKind::Street),
            ("南大街", PlaceKind::Street),
            ("只楚路", PlaceKind::Street),
            ("东方海天", PlaceKind::Estate),
            ("世茂海湾1号", PlaceKind::Estate),
            ("烟台南站", PlaceKind::Station),
            ("烟台站", PlaceKind::Station),
            ("滨海广场", PlaceKind::Landmark),
            ("万达广场", PlaceKind::Landmark),
            ("烟台大学", PlaceKind::Landmark),
            ("烟台山", PlaceKind::Landmark),
        ]
    );
    let place = |name: &str, i: usize| g.places.iter().filter(|p| p.name == name).nth(i).unwrap();
    // A district's node and its boundary are one place, at the node; the boundary's
    // English name is kept.
    let zhifu = place("芝罘区", 0);
    assert_eq!(zhifu.pos, LonLat::new(121.3975, 37.5395));
    assert_eq!(zhifu.name_en.as_deref(), Some("Zhifu District"));
    // Three segments of 南大街 in 芝罘 are one street at its middle, on it, with the
    // English name one segment has; 南大街 in 福山, 11 km away, is another.
    let nandajie = place("南大街", 1);
    assert_eq!(nandajie.pos, LonLat::new(121.392, 37.5362));
    assert_eq!(nandajie.name_en.as_deref(), Some("Nandajie Street"));
    assert!((place("南大街", 0).pos.lon - 121.265).abs() < 0.005);
    // osmtogeojson's older shape, tags in a `tags` member.
    assert_eq!(place("只楚路", 0).name_en.as_deref(), Some("Zhichu Road"));
    // The station's node and building are one station, with the node's aliases
    // and their pinyin.
    let station = place("烟台站", 0);
    assert_eq!(station.pos, LonLat::new(121.38842, 37.54611));
    assert_eq!(station.aliases, ["烟台火车站", "火车站"]);
    assert!(station.pinyin.contains(&"huochezhan".to_owned()));
    assert_eq!(station.initials[0], "ytz");
    // An area at its centroid, to 5 decimals.
    assert_eq!(place("烟台大学", 0).pos, LonLat::new(121.4505, 37.4765));
    // Residents find them as the app will.
    assert_eq!(g.find("火车站", 3)[0].name, "烟台站");
    assert_eq!(g.find("ndj", 3)[0].name, "南大街");
    // What was left out, each with its reason and its OSM id.
    for line in [
        "read 25 features",
        "5 street segments merged into 3 streets",
        "烟台站: node/30, way/31",
        "芝罘区: node/10, relation/1",
        "skipped, 8 features:",
        "a bus stop, too many to list as places: 1 (node/50)",
        "no name: 1 (node/51)",
        "a shop (only shop=mall and shop=department_store are landmarks): 1 (node/52)",
        "amenity=parking: not a place residents start from: 1 (node/53)",
        "whole-degree position, most often a placeholder: 1 (node/54)",
        "highway=construction: not a street: 1 (way/55)",
        "no geometry: 1 (relation/57)",
        "read back as the app reads it: 0 errors, 0 warnings",
    ] {
        assert!(stderr.contains(line), "no {line:?} in:\n{stderr}");
    }
    // Deterministic: the same bytes again, and on standard output without -o.
    let (code, again, _) = emap(&["gazetteer", FIXTURE]);
    assert_eq!(code, 0);
    assert_eq!(again, text);
    // And validate reads it as the app does.
    let (code, stdout, _) = emap(&["validate", "--gazetteer", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("13 places kept"), "{stdout}");
}

#[test]
fn what_is_not_an_export_is_refused() {
    let bad = temp("not.json");
    std::fs::write(&bad, "{\"places\": []}").unwrap();
    let (code, _, stderr) = emap(&["gazetteer", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("not GeoJSON"), "{stderr}");
    let (code, _, stderr) = emap(&["gazetteer"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("usage: emap gazetteer"), "{stderr}");
}

/// `emap validate` reports each bad place with where and why, exits 1 on one
/// dropped, and finds the gazetteer the config names.
#[test]
fn validate_checks_a_gazetteer() {
    let bad = temp("bad.json");
    std::fs::write(
        &bad,
        r#"{"places":[
        {"name":"南大街","kind":"street","lonlat":[121.3895,37.536]},
        {"kind":"street","lonlat":[121.39,37.53]},
        {"name":"公园","kind":"park","lonlat":[121.4,37.5],"pinyin":["gongyuan"]},
        {"name":"远方","kind":"landmark","lonlat":[2.35,48.85]}]}"#,
    )
    .unwrap();
    let (code, stdout, _) = emap(&["validate", "--gazetteer", bad.to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("error: gazetteer places[1].name: place dropped: no name"),
        "{stdout}"
    );
    assert!(
        stdout.contains("warning: gazetteer places[2].kind (id 公园): unknown kind \"park\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("2 places have no pinyin or initials") && stdout.contains("南大街、远方"),
        "{stdout}"
    );
    assert!(stdout.contains("3 places kept"), "{stdout}");
    // Named in a config: found beside it, and checked against its centre.
    let config = bad.with_file_name("config.json");
    std::fs::write(
        bad.with_file_name("o.geojson"),
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","properties":{"name":"派出所"},"geometry":{"type":"Point","coordinates":[121.4,37.5]}}]}"#,
    )
    .unwrap();
    std::fs::write(
        &config,
        r#"{"title":"t","outlets":"o.geojson","gazetteer":"bad.json","center":[121.4,37.5]}"#,
    )
    .unwrap();
    let (code, stdout, _) = emap(&["validate", "--config", config.to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("gazetteer "), "{stdout}");
    assert!(
        stdout.contains("warning: gazetteer places (远方): [2.35, 48.85] is outside China"),
        "{stdout}"
    );
    // A gazetteer on another site is refused as the app refuses it.
    std::fs::write(
        &config,
        r#"{"title":"t","outlets":"o.geojson","gazetteer":"//elsewhere.example/g.json","center":[121.4,37.5]}"#,
    )
    .unwrap();
    let (code, _, stderr) = emap(&["validate", "--config", config.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("gazetteer: 出于安全考虑"), "{stderr}");
}
