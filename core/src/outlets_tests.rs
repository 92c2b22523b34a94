use super::*;
use crate::problem::Level;

fn parse(text: &str) -> (OutletSet, Vec<Problem>) {
    OutletSet::parse(text).expect("file should load")
}

#[test]
fn loads_a_good_feature_with_every_field() {
    let (set, problems) = parse(
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"zf-1",
        "geometry":{"type":"Point","coordinates":[121.39,37.53]},
        "properties":{"name":"芝罘区政务服务大厅","name:en":"Zhifu Hall","kind":"service_hall",
        "addr:full":"烟台市芝罘区南大街1号","phone":"0535-6600000","opening_hours":"Mo-Fr 09:00-17:00",
        "items":["a","b"],"appointment":{"url":"https://example.gov.cn/book","phone":"12345","note":"提前一天"}}}]}"#,
    );
    assert!(problems.is_empty(), "{problems:#?}");
    let o = set.get("zf-1").unwrap();
    assert_eq!(o.kind, OutletKind::ServiceHall);
    assert_eq!(o.pos, LonLat::new(121.39, 37.53));
    assert_eq!(o.items[..], ["a", "b"]);
    assert_eq!(o.address.as_deref(), Some("烟台市芝罘区南大街1号"));
    assert_eq!(
        o.appointment.as_ref().unwrap().url.as_deref(),
        Some("https://example.gov.cn/book")
    );
}

#[test]
fn each_kind_of_broken_feature_is_reported_and_the_rest_kept() {
    let (set, problems) = parse(
        r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","id":1,"geometry":{"type":"Point","coordinates":[121.4,37.5]},"properties":{"name":"ok"}},
        {"type":"Feature","id":2,"geometry":null,"properties":{"name":"no geometry"}},
        {"type":"Feature","id":3,"geometry":{"type":"Point","coordinates":[321.4,37.5]},"properties":{"name":"out of range"}},
        {"type":"Feature","id":4,"geometry":{"type":"Point","coordinates":["东经121.4","37.5"]},"properties":{"name":"text, not a number"}},
        {"type":"Feature","id":5,"geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},"properties":{"name":"line"}},
        {"type":"Feature","id":6,"geometry":{"type":"Point","coordinates":[121.4,37.5]},"properties":"oops"},
        {"type":"Feature","id":7,"geometry":{"type":"Point","coordinates":[121.41,37.51]},"properties":{"name":"也好","kind":"castle","opening_hours":"看心情"}}
        ]}"#,
    );
    let ids: Vec<_> = set.outlets.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["1", "7"]);
    let errors: Vec<_> = problems
        .iter()
        .filter(|p| p.level == Level::Error)
        .collect();
    assert_eq!(
        errors.iter().map(|p| p.index.unwrap()).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    assert!(errors[0].message.contains("no geometry"));
    assert_eq!(errors[1].path, "features[2].geometry.coordinates");
    assert!(
        errors[1].message.contains("out of range"),
        "{}",
        errors[1].message
    );
    assert!(
        errors[2].message.contains("not two numbers"),
        "{}",
        errors[2].message
    );
    assert_eq!(errors[3].path, "features[4].geometry.type");
    assert_eq!(errors[4].id.as_deref(), Some("6"));
    let warnings: Vec<_> = problems
        .iter()
        .filter(|p| p.level == Level::Warning)
        .collect();
    assert!(warnings[0].message.contains("castle"));
    assert_eq!(warnings[1].path, "features[6].properties.opening_hours");
    assert!(warnings[1].message.contains("看心情"));
    assert_eq!(
        set.get("7").unwrap().opening_hours.as_deref(),
        Some("看心情"),
        "shown as written"
    );
    assert_eq!(set.get("7").unwrap().kind, OutletKind::Other);
}

#[test]
fn lenient_with_osm_style_exports() {
    let (set, problems) = parse(
        r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"amenity":"police","phone":5356612345,"@id":"node/42"},"geometry":{"type":"Point","coordinates":[121.4,37.5]}},
        {"type":"Feature","properties":{"name":"楼"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[121.5,37.5]}}
        ]}"#,
    );
    assert_eq!(set.outlets.len(), 3);
    let first = &set.outlets[0];
    assert_eq!(first.id, "node/42");
    assert_eq!(first.phone.as_deref(), Some("5356612345"));
    assert_eq!(first.kind, OutletKind::PoliceStation);
    assert_eq!(set.outlets[1].pos, LonLat::new(1.0, 1.0));
    assert_eq!(set.outlets[2].id, "n2");
    assert!(problems.iter().all(|p| p.level == Level::Warning));
    assert!(problems.iter().any(|p| p.message.contains("centroid")));
    assert!(problems.iter().any(|p| p.message.contains("no name")));
}

#[test]
fn duplicate_ids_are_kept_apart_and_reported() {
    let (set, problems) = parse(
        r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","id":"a","properties":{"name":"x"},"geometry":{"type":"Point","coordinates":[1,1]}},
        {"type":"Feature","id":"a","properties":{"name":"y"},"geometry":{"type":"Point","coordinates":[1,1]}}]}"#,
    );
    assert_eq!(set.get("a").unwrap().name, "x");
    assert_eq!(set.get("a~2").unwrap().name, "y");
    assert!(problems[0].message.contains("duplicate id"));
}

#[test]
fn script_links_from_data_are_dropped() {
    let (set, problems) = parse(
        r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","id":"a","properties":{"name":"x","website":"javascript:alert(1)","appointment":{"url":"data:text/html,hi","phone":"110"}},"geometry":{"type":"Point","coordinates":[1.5,1.5]}}]}"#,
    );
    let o = set.get("a").unwrap();
    assert_eq!(o.website, None);
    assert_eq!(o.appointment.as_ref().unwrap().url, None);
    assert_eq!(
        o.appointment.as_ref().unwrap().phone.as_deref(),
        Some("110")
    );
    assert_eq!(problems.len(), 2);
}

#[test]
fn gcj02_dataset_is_converted_to_wgs84() {
    let (set, _) = parse(
        r#"{"type":"FeatureCollection","datum":"gcj02","features":[
        {"type":"Feature","id":"a","properties":{"name":"x"},"geometry":{"type":"Point","coordinates":[116.38404722455657,39.91334545536069]}}]}"#,
    );
    let p = set.get("a").unwrap().pos;
    assert!(
        (p.lon - 116.377817).abs() < 1e-6 && (p.lat - 39.911954).abs() < 1e-6,
        "{p:?}"
    );
}

#[test]
fn whole_file_errors_are_fatal_and_clear() {
    assert!(OutletSet::parse("not json")
        .unwrap_err()
        .message
        .contains("FeatureCollection"));
    assert!(OutletSet::parse(r#"{"type":"Topology","features":[]}"#)
        .unwrap_err()
        .message
        .contains("Topology"));
    assert!(OutletSet::parse(r#"{"features":[],"datum":"utm"}"#)
        .unwrap_err()
        .message
        .contains("utm"));
}

/// The 12,440 police boxes of Japan exported from OpenStreetMap, as they are.
#[test]
fn loads_the_real_osm_export_of_japanese_police_boxes() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/realdata/japan_police_koban_osm_2014.geojson"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        panic!("{path} is missing: the shared/ folder must sit beside the repository");
    };
    let (set, problems) = OutletSet::parse(&text).unwrap();
    assert_eq!(set.outlets.len(), 12_440);
    assert!(problems.iter().all(|p| p.level == Level::Warning));
    // 167 features have empty properties and so no name.
    assert!(
        problems
            .iter()
            .filter(|p| p.message.contains("no name"))
            .count()
            >= 167
    );
    assert!(set.outlets.iter().any(|o| o.name == "千葉駅前交番"));
}

/// Regression (third review): a failed address lookup at [0, 0], a station geocoded to
/// Paris and a [lat, lon] pair were kept without a word or reported without the cause.
#[test]
fn misplaced_outlets_are_reported_with_the_likely_cause() {
    let feature = |id: &str, at: &str| {
        format!(
            r#"{{"type":"Feature","id":"{id}","properties":{{"name":"派出所{id}","items":[]}},"geometry":{{"type":"Point","coordinates":{at}}}}}"#
        )
    };
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{},{},{},{}]}}"#,
        feature("ok", "[121.4,37.5]"),
        feature("null", "[0,0]"),
        feature("paris", "[2.35,48.85]"),
        feature("swapped", "[37.47,121.44]"),
    );
    let (mut set, problems) = parse(&text);
    let ids: Vec<&str> = set.outlets.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["ok", "paris"]);
    let said = |id: &str| {
        problems
            .iter()
            .find(|p| p.id.as_deref() == Some(id))
            .map(|p| p.message.clone())
            .unwrap_or_default()
    };
    assert!(said("null").contains("[0, 0]"), "{}", said("null"));
    assert!(
        said("swapped").contains("疑似经纬度写反，应为 [121.44, 37.47]"),
        "{}",
        said("swapped")
    );
    // Paris is kept, but reported against a Yantai deployment's centre ...
    let far = set.check_placement(LonLat::new(121.45, 37.46), 0);
    assert_eq!(far.len(), 1);
    assert_eq!(far[0].id.as_deref(), Some("paris"));
    assert!(far[0].message.contains("不在中国境内"));
    // ... and not against a deployment centred on it (Japan's koban, say).
    assert!(set.check_placement(LonLat::new(2.3, 48.8), 0).is_empty());
}

/// Regression (issue 21): a POI export with single-position MultiPoints lost every
/// feature, and the page still said the rest showed as usual.
#[test]
fn single_position_multipoints_load_with_one_warning_for_all() {
    let f = |id: u32, lon: f64| {
        format!(
            r#"{{"type":"Feature","id":{id},"geometry":{{"type":"MultiPoint","coordinates":[[{lon},37.5]]}},"properties":{{"name":"站{id}"}}}}"#
        )
    };
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{},{},{},{{"type":"Feature","id":9,"geometry":{{"type":"MultiPoint","coordinates":[[121.1,37.5],[121.2,37.6]]}},"properties":{{"name":"两处"}}}}]}}"#,
        f(1, 121.41),
        f(2, 121.42),
        f(3, 121.43)
    );
    let (set, problems) = parse(&text);
    assert_eq!(set.outlets.len(), 3);
    assert_eq!(set.get("2").unwrap().pos, LonLat::new(121.42, 37.5));
    let warnings: Vec<_> = problems
        .iter()
        .filter(|p| p.level == Level::Warning)
        .collect();
    assert_eq!(
        warnings.len(),
        1,
        "one warning for the cause, not one per feature: {warnings:#?}"
    );
    assert!(
        warnings[0].message.starts_with("3 个网点") && warnings[0].message.contains("MultiPoint")
    );
    assert_eq!(warnings[0].path, "features[0].geometry");
    let errors: Vec<_> = problems
        .iter()
        .filter(|p| p.level == Level::Error)
        .collect();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.contains("MultiPoint of 2 positions"),
        "{}",
        errors[0].message
    );
}

/// Regression (issue 21): latitude and longitude as strings rejected all 252
/// features "not within range" though they were in range.
#[test]
fn coordinates_written_as_text_load_with_one_warning_for_all() {
    let (set, problems) = parse(
        r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":["121.55","25.00"]},"properties":{"name":"一号点"}},
        {"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[" 121.56 ",25.01]},"properties":{"name":"二号点"}},
        {"type":"Feature","id":"c","geometry":{"type":"Point","coordinates":[121.57,25.02]},"properties":{"name":"三号点"}}]}"#,
    );
    assert_eq!(set.outlets.len(), 3);
    assert_eq!(set.get("a").unwrap().pos, LonLat::new(121.55, 25.0));
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].message.starts_with("2 个网点") && problems[0].message.contains("strings"));
}

/// Regression (issue 21): an empty FeatureCollection loaded without a word.
#[test]
fn an_empty_outlets_file_is_said() {
    let (set, problems) = parse(r#"{"type":"FeatureCollection","features":[]}"#);
    assert!(set.outlets.is_empty());
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("no features"));
}

/// Regression (issue 21): 85 offices at the integer points [116, 36] and [117, 36]
/// loaded without a word and were listed at "0 米" from `?at=116,36`.
#[test]
fn whole_degree_coordinates_are_placeholders_with_no_distance() {
    let (set, problems) = parse(
        r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[116,36]},"properties":{"name":"社保一"}},
        {"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[117,36]},"properties":{"name":"社保二"}},
        {"type":"Feature","id":"c","geometry":{"type":"Point","coordinates":[116.98,36.67]},"properties":{"name":"社保三"}}]}"#,
    );
    assert_eq!(set.outlets.len(), 3, "nothing is lost");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].message.starts_with("2 个网点") && problems[0].message.contains("位置待核实")
    );
    let at = LonLat::new(116.0, 36.0);
    let hits = crate::results::nearest(&set, None, at);
    assert_eq!(
        set.outlets[hits[0].index].id, "c",
        "a sure position comes first"
    );
    assert!(hits[1..].iter().all(|h| h.distance_m.is_infinite()));
    assert_eq!(
        crate::geo::format_distance_zh(hits[1].distance_m),
        "位置待核实"
    );
}

/// Regression (issue 21): one spot given for every station of a district.
#[test]
fn many_outlets_at_one_spot_with_different_addresses_are_unsure() {
    let feature = |id: &str, address: &str, lon: f64| {
        format!(
            r#"{{"type":"Feature","id":"{id}","geometry":{{"type":"Point","coordinates":[{lon},37.46]}},"properties":{{"name":"{id}","address":"{address}"}}}}"#
        )
    };
    let mut features: Vec<String> = (0..5)
        .map(|i| feature(&format!("p{i}"), &format!("路{i}号"), 121.45))
        .collect();
    // One hall housing five outlets at one address is not a placeholder.
    features.extend((0..5).map(|i| feature(&format!("h{i}"), "市民之家", 121.39)));
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    );
    let (mut set, _) = parse(&text);
    let problems = set.check_placement(LonLat::new(121.45, 37.46), 0);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].message.starts_with("5 个地址不同的网点"));
    let unsure: Vec<&str> = set
        .outlets
        .iter()
        .filter(|o| o.position_unsure)
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(unsure, ["p0", "p1", "p2", "p3", "p4"]);
}

/// Issue 21: without `kind`, a name or an OSM tag that says what the outlet is
/// gives its kind, reported once per cause.
#[test]
fn a_kind_is_read_from_the_name_or_osm_tags_once_per_cause() {
    let (set, problems) = parse(
        r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[121.41,37.51]},"properties":{"name":"芝罘分局向阳派出所"}},
        {"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[121.42,37.52]},"properties":{"name":"莱山派出所"}},
        {"type":"Feature","id":"c","geometry":{"type":"Point","coordinates":[121.43,37.53]},"properties":{"name":"交警支队车管所"}},
        {"type":"Feature","id":"d","geometry":{"type":"Point","coordinates":[121.44,37.54]},"properties":{"name":"出入境24小时自助办证点"}},
        {"type":"Feature","id":"e","geometry":{"type":"Point","coordinates":[121.45,37.55]},"properties":{"name":"Koban","amenity":"police"}},
        {"type":"Feature","id":"f","geometry":{"type":"Point","coordinates":[121.46,37.56]},"properties":{"name":"某某中心"}}]}"#,
    );
    let kind = |id: &str| set.get(id).unwrap().kind;
    assert_eq!(kind("a"), OutletKind::PoliceStation);
    assert_eq!(kind("c"), OutletKind::VehicleAdmin);
    assert_eq!(kind("d"), OutletKind::SelfService);
    assert_eq!(kind("e"), OutletKind::PoliceStation);
    assert_eq!(kind("f"), OutletKind::Other);
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(problems[0]
        .message
        .starts_with("2 个网点没有 kind，名称含“派出所”"));
    assert!(problems
        .iter()
        .any(|p| p.message.contains("amenity=police")));
}

/// Issue 21: a file in a shape staff have (a JSON list, an Overpass export, CSV, a JS
/// module) is named as that shape, with the command that converts it.
#[test]
fn a_file_in_another_shape_is_named_with_the_command_that_converts_it() {
    for (text, shape) in [
        (
            r#"[{"name":"派出所","lat":37.5,"lng":121.4}]"#,
            "JSON array",
        ),
        (r#"{"version":0.6,"elements":[]}"#, "Overpass"),
        ("名称,经度,纬度\n派出所,121.4,37.5\n", "CSV"),
        (
            "export default {\"type\":\"FeatureCollection\"}",
            "JavaScript",
        ),
        ("var outlets = [];", "JavaScript"),
        ("module.exports = [];", "JavaScript"),
    ] {
        let message = OutletSet::parse(text).unwrap_err().message;
        assert!(message.contains(shape), "{text}: {message}");
        assert!(
            message.contains("emap import FILE --datum"),
            "{text}: {message}"
        );
    }
    // Plain broken JSON keeps the parser's line and column.
    let message = OutletSet::parse("{\"type\":\"FeatureCollection\",\"features\":[")
        .unwrap_err()
        .message;
    assert!(!message.contains("emap import"), "{message}");
}

/// Issue 19: a bad access value, busy profile or check date is reported with the
/// outlet and the key, and left out; the outlet and its good facts load.
#[test]
fn a_bad_access_fact_is_reported_and_the_outlet_kept() {
    let (set, problems) = parse(
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"ps1",
        "geometry":{"type":"Point","coordinates":[121.39,37.53]},
        "properties":{"name":"东山派出所","kind":"police_station","wheelchair":"limited",
        "toilets:wheelchair":"有","capacity:disabled":"many","priority_window":"yes",
        "busy":{"mo":[1,2,3]},"check_date":"3.11.2026","supervision_phone":"0535-6220110"}}]}"#,
    );
    let o = set.get("ps1").expect("the outlet loads");
    assert_eq!(
        o.access.wheelchair,
        Some(crate::access::Wheelchair::Limited)
    );
    assert!(o.access.step_free() && o.access.priority());
    assert_eq!(
        (o.access.toilets_wheelchair, o.access.disabled_parking),
        (None, None)
    );
    assert_eq!((&o.busy, o.check_date), (&None, None));
    assert_eq!(o.supervision_phone.as_deref(), Some("0535-6220110"));
    let said: Vec<(&str, &str, Level)> = problems
        .iter()
        .map(|p| (p.path.as_str(), p.message.as_str(), p.level))
        .collect();
    assert!(problems
        .iter()
        .all(|p| p.id.as_deref() == Some("ps1") && p.index == Some(0)));
    assert_eq!(
        said,
        [
            (
                "features[0].properties.capacity:disabled",
                "capacity:disabled \"many\" is not a number of spaces (0 to 1000), yes or no; left out",
                Level::Warning
            ),
            (
                "features[0].properties.toilets:wheelchair",
                "toilets:wheelchair \"有\" is not yes or no; left out",
                Level::Warning
            ),
            (
                "features[0].properties.busy.mo",
                "busy profile left out: mo has 3 numbers; it needs 20, one per half-hour from 08:00 to 18:00",
                Level::Warning
            ),
            (
                "features[0].properties.check_date",
                "check_date \"3.11.2026\" is not a date YYYY-MM-DD; left out",
                Level::Warning
            ),
        ]
    );
}
