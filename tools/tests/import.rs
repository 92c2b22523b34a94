//! `emap import` as data staff run it: what they see on stderr, and the outlets file the
//! app then reads (checked with the app's own loader).

use emap_core::problem::count;
use emap_core::{Datum, OutletKind, OutletSet};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

struct Run {
    code: i32,
    stderr: String,
    /// The file written with `-o`, when there is one.
    written: Option<String>,
}

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn out_path(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("emap-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{test}.geojson"))
}

/// `emap import` with `args`, writing to a file named after the test.
fn import(test: &str, args: &[&str]) -> Run {
    let out = out_path(test);
    let _ = std::fs::remove_file(&out);
    let output = Command::new(env!("CARGO_BIN_EXE_emap"))
        .arg("import")
        .args(args)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("emap runs");
    Run {
        code: output.status.code().expect("an exit code"),
        stderr: String::from_utf8(output.stderr).unwrap(),
        written: std::fs::read_to_string(&out).ok(),
    }
}

/// The written file through the app's loader: it must load without errors.
fn load(run: &Run) -> OutletSet {
    let text = run.written.as_deref().expect("a file written");
    let (set, problems) = OutletSet::parse(text).expect("the app loads it");
    assert_eq!(count(&problems).0, 0, "{problems:#?}");
    set
}

fn feature<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no feature {id}"))
}

fn assert_says(run: &Run, line: &str) {
    assert!(
        run.stderr.contains(line),
        "stderr lacks {line:?}:\n{}",
        run.stderr
    );
}

#[test]
fn a_spreadsheet_saved_as_csv_with_chinese_headers() {
    let run = import("csv", &[&fixture("stations.csv"), "--datum", "gcj02"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_says(&run, "as CSV (its name ends in .csv)");
    assert_says(
        &run,
        "编号 → id, 网点名称 → name, 地址 → address, 联系电话 → phone, 经度 → lng, 纬度 → lat, 办公时间 → opening_hours",
    );
    let set = load(&run);
    assert_eq!(set.datum, Datum::Gcj02);
    let ids: Vec<&str> = set.outlets.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["zf-01", "zf-02", "zf-04"]);
    let doc: Value = serde_json::from_str(run.written.as_deref().unwrap()).unwrap();
    assert_eq!(doc["datum"], "gcj02");
    // Written as given: the loader converts.
    assert_eq!(
        feature(&doc, "zf-01")["geometry"]["coordinates"],
        serde_json::json!([121.395, 37.541])
    );
    assert_eq!(
        feature(&doc, "zf-01")["properties"]["addr:full"],
        "烟台市芝罘区向阳街道1号"
    );
    assert_says(
        &run,
        "police_station guessed from a name with 派出所: row 2 (zf-01)",
    );
    assert_says(
        &run,
        "vehicle_admin guessed from a name with 车辆管理所: row 3 (zf-02)",
    );
    assert_says(
        &run,
        "self_service guessed from a name with 自助: row 6 (zf-04)",
    );
    assert_eq!(set.get("zf-02").unwrap().kind, OutletKind::VehicleAdmin);
    assert_says(&run, "wrote 3 outlets of 5 records to");
}

#[test]
fn a_json_list_with_each_way_of_writing_a_place() {
    let run = import("json", &[&fixture("list.json"), "--datum", "bd09"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_says(&run, "as a JSON list of records (it is a JSON list)");
    let set = load(&run);
    assert_eq!(
        set.outlets.len(),
        4,
        "lat/lng, \"lng,lat\", [lng, lat] and {{lat, lng}}"
    );
    let doc: Value = serde_json::from_str(run.written.as_deref().unwrap()).unwrap();
    assert_eq!(doc["datum"], "bd09");
    let first = &feature(&doc, "101");
    assert_eq!(
        first["geometry"]["coordinates"],
        serde_json::json!([121.445, 37.512]),
        "coordinates given as text are written as numbers"
    );
    assert_eq!(first["properties"]["phone"], "5356660101");
    assert_says(&run, "phone: a number, written as text: record 1 (101)");
    assert_eq!(
        feature(&doc, "104")["properties"]["items"],
        serde_json::json!(["passport", "hk_macau_permit"])
    );
    assert_says(
        &run,
        "kind \"交警服务站\" read as traffic_point: record 3 (103)",
    );
    assert_eq!(set.get("103").unwrap().kind, OutletKind::TrafficPoint);
    // `tel` and `营业时间` are guessed too.
    assert_eq!(
        set.get("102").unwrap().phone.as_deref(),
        Some("0535-6660102")
    );
    assert_says(
        &run,
        "\"周一至周五 9:00-17:00，节假日休息\" → \"Mo-Fr 09:00-17:00; PH off\"",
    );
}

#[test]
fn an_overpass_export_keeps_osm_ids_and_reads_tags() {
    let run = import("overpass", &[&fixture("overpass.json"), "--datum", "wgs84"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_says(
        &run,
        "as an Overpass API export (it has an \"elements\" list)",
    );
    assert_says(
        &run,
        "1 element without tags left out (the nodes that draw a way, not outlets)",
    );
    assert_says(
        &run,
        "way/2003: a way without a centre: run the Overpass query with `out center;`",
    );
    let set = load(&run);
    let ids: Vec<&str> = set.outlets.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["node/1001", "way/2002"]);
    let node = set.get("node/1001").unwrap();
    assert_eq!(node.phone.as_deref(), Some("0535-6000001"));
    assert_eq!(node.name_en.as_deref(), Some("Yuhuangding Police Station"));
    assert_eq!(node.opening_hours.as_deref(), Some("24/7"));
    let way = set.get("way/2002").unwrap();
    assert_eq!(way.kind, OutletKind::PoliceStation);
    assert_says(&run, "police_station guessed from amenity=police: way/2002");
    assert_says(&run, "  source: 1 record");
}

#[test]
fn geojson_is_normalised() {
    let run = import(
        "geojson",
        &[&fixture("outlets.geojson"), "--datum", "wgs84"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_says(&run, "as GeoJSON (it is a FeatureCollection)");
    assert_says(&run, "features[2] (g3): no geometry");
    let set = load(&run);
    assert_eq!(set.outlets.len(), 2);
    let doc: Value = serde_json::from_str(run.written.as_deref().unwrap()).unwrap();
    assert_eq!(
        feature(&doc, "g1")["geometry"]["coordinates"],
        serde_json::json!([121.3901, 37.5301])
    );
    assert_eq!(feature(&doc, "g2")["geometry"]["type"], "Point");
    assert_eq!(
        feature(&doc, "g1")["properties"]["opening_hours"],
        "Mo-Su 08:00-18:00"
    );
    assert_eq!(feature(&doc, "g1")["properties"]["phone"], "5356001001");
}

#[test]
fn the_datum_is_required_and_the_message_says_which_service_uses_which() {
    let run = import("no-datum", &[&fixture("stations.csv")]);
    assert_eq!(run.code, 1);
    assert!(run.written.is_none(), "nothing is written");
    for says in [
        "--datum is required",
        "--datum gcj02   Amap (高德地图), Tencent (腾讯地图), WeChat location (微信位置)",
        "--datum bd09    Baidu (百度地图",
        "--datum wgs84   GPS devices",
        "OpenStreetMap",
        "天地图 (CGCS2000",
    ] {
        assert_says(&run, says);
    }
    let run = import("bad-datum", &[&fixture("stations.csv"), "--datum", "gps"]);
    assert_eq!(run.code, 1);
    assert_says(&run, "unknown datum \"gps\"");
}

#[test]
fn duplicates_are_merged_and_what_differs_is_reported() {
    let run = import("dup", &[&fixture("stations.csv"), "--datum", "gcj02"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_says(
        &run,
        "duplicates merged into one outlet (same id):\n  id zf-01: row 2, row 5",
    );
    assert_says(
        &run,
        "id zf-01: phone \"0535-6231001\" (row 2, kept) and \"0535-6239999\" (row 5)",
    );
    let set = load(&run);
    assert_eq!(set.outlets.iter().filter(|o| o.id == "zf-01").count(), 1);
    assert_eq!(
        set.get("zf-01").unwrap().phone.as_deref(),
        Some("0535-6231001")
    );
}

#[test]
fn chinese_opening_hours_are_rewritten_and_each_rewrite_listed() {
    let run = import("hours", &[&fixture("stations.csv"), "--datum", "gcj02"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_says(
        &run,
        "opening hours rewritten in OSM syntax:\n  \"08:15~20:15\" → \"08:15-20:15\": row 2 (zf-01), row 5 (zf-01)\n  \"周一至周五 08:30-17:00\" → \"Mo-Fr 08:30-17:00\": row 3 (zf-02)",
    );
    // Not understood: kept as written, listed, and the loader's warning printed too.
    assert_says(
        &run,
        "opening hours not understood, kept as written (the app shows 营业时间未知):\n  \"看情况\"",
    );
    assert_says(
        &run,
        "warning: outlets features[2].properties.opening_hours (id zf-04)",
    );
    let set = load(&run);
    assert_eq!(
        set.get("zf-01").unwrap().opening_hours.as_deref(),
        Some("08:15-20:15")
    );
    assert_eq!(
        set.get("zf-02").unwrap().opening_hours.as_deref(),
        Some("Mo-Fr 08:30-17:00")
    );
    assert_eq!(
        set.get("zf-04").unwrap().opening_hours.as_deref(),
        Some("看情况")
    );
}

#[test]
fn unknown_columns_are_listed_once_with_a_count_and_can_be_mapped() {
    let run = import("unknown", &[&fixture("stations.csv"), "--datum", "gcj02"]);
    assert_says(
        &run,
        "fields not imported (to import one, add --map FIELD=COLUMN",
    );
    assert_says(&run, "\n  备注: 1 record\n  负责人: 3 records\n");
    assert_eq!(run.stderr.matches("负责人").count(), 1);
    let doc: Value = serde_json::from_str(run.written.as_deref().unwrap()).unwrap();
    assert!(
        !doc.to_string().contains("张三"),
        "unmapped columns are not written"
    );

    let run = import(
        "mapped-notice",
        &[
            &fixture("stations.csv"),
            "--datum",
            "gcj02",
            "--map",
            "notice=备注",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_says(&run, "备注 → notice");
    assert!(!run.stderr.contains("备注: 1 record"), "{}", run.stderr);
    assert_eq!(
        load(&run).get("zf-01").unwrap().notice.as_deref(),
        Some("临街")
    );
}

#[test]
fn columns_with_other_names_are_read_through_map() {
    let run = import("unmapped", &[&fixture("mapped.csv"), "--datum", "bd09"]);
    assert_eq!(run.code, 1, "nothing importable without coordinates");
    assert_says(&run, "add --map lng=COLUMN --map lat=COLUMN");
    assert_says(&run, "emap: nothing to import");
    assert!(run.written.is_none());

    let run = import(
        "mapped",
        &[
            &fixture("mapped.csv"),
            "--datum",
            "bd09",
            "--map",
            "name=网点简称",
            "--map",
            "lng=X坐标",
            "--map",
            "lat=Y坐标",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let set = load(&run);
    assert_eq!(set.outlets[0].name, "开发区派出所");
    assert_says(&run, "1 outlet has no id");

    let run = import(
        "mapped-typo",
        &[
            &fixture("mapped.csv"),
            "--datum",
            "bd09",
            "--map",
            "lat=Y座标",
        ],
    );
    assert_eq!(run.code, 1);
    assert_says(
        &run,
        "no field or column is called \"Y座标\"; the file has 网点简称, X坐标, Y坐标, 联系电话",
    );
}

#[test]
fn a_record_without_coordinates_is_skipped_and_the_others_written() {
    let run = import("skip", &[&fixture("stations.csv"), "--datum", "gcj02"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_says(
        &run,
        "skipped, 1 record without usable coordinates:\n  row 4 (zf-03): no coordinates: 经度 and 纬度 empty",
    );
    let set = load(&run);
    assert!(set.get("zf-03").is_none());
    assert_eq!(set.outlets.len(), 3);
}

#[test]
fn every_output_loads_cleanly_with_the_apps_loader() {
    for (name, datum) in [
        ("stations.csv", "gcj02"),
        ("list.json", "bd09"),
        ("overpass.json", "wgs84"),
        ("outlets.geojson", "wgs84"),
    ] {
        let run = import(&format!("load-{name}"), &[&fixture(name), "--datum", datum]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert_says(&run, "the app's loader (as emap validate):");
        assert_says(&run, ", 0 errors,");
        load(&run);
        // And `emap validate` agrees.
        let out = out_path(&format!("load-{name}"));
        let status = Command::new(env!("CARGO_BIN_EXE_emap"))
            .args(["validate", "--outlets", out.to_str().unwrap()])
            .output()
            .unwrap()
            .status;
        assert_eq!(status.code(), Some(0), "{name}");
    }
}

#[test]
fn unreadable_input_exits_1_with_the_reason() {
    let run = import("missing", &["/no/such/file.csv", "--datum", "wgs84"]);
    assert_eq!(run.code, 1);
    assert_says(&run, "cannot read /no/such/file.csv");

    let gbk = out_path("gbk-input").with_extension("csv");
    // 名称,经度,纬度 in GBK, as Excel on Chinese Windows saves CSV.
    std::fs::write(
        &gbk,
        b"\xc3\xfb\xb3\xc6,\xbe\xad\xb6\xc8,\xce\xb3\xb6\xc8\n",
    )
    .unwrap();
    let run = import("gbk", &[gbk.to_str().unwrap(), "--datum", "wgs84"]);
    assert_eq!(run.code, 1);
    assert_says(&run, "is not UTF-8 text");
    assert_says(&run, "CSV UTF-8");

    let run = import("no-input", &["--datum", "wgs84"]);
    assert_eq!(run.code, 1);
    assert_says(&run, "no input file");

    let run = import(
        "wrong-format",
        &[
            &fixture("stations.csv"),
            "--datum",
            "wgs84",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 1);
    assert_says(&run, "not valid JSON");
}
