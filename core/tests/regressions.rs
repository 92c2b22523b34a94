//! Inputs that once broke a loader, found by the properties in `fuzz.rs` or by
//! thinking about hostile files; each test is named after the bug it keeps fixed.
//! Run with `cargo test -p emap-core --test regressions`.

use emap_core::search::ItemIndex;
use emap_core::text::{MAX_MESSAGE_CHARS, MAX_TEXT_CHARS};
use emap_core::url_state::decode;
use emap_core::{Catalog, OutletSet};
use serde_json::json;
use std::time::{Duration, Instant};

fn collection(features: Vec<serde_json::Value>) -> String {
    json!({"type": "FeatureCollection", "features": features}).to_string()
}

fn point(id: &str, lon: f64, lat: f64, props: serde_json::Value) -> serde_json::Value {
    json!({"type": "Feature", "id": id, "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props})
}

/// serde quotes the whole offending value in its error: a 10 MB string where an
/// object belongs made a 10 MB report (found by `outlet_loader_survives_arbitrary_features`).
#[test]
fn reports_do_not_quote_a_whole_ten_megabyte_value() {
    let big = "<script>window.__pwned=1</script>".repeat(300_000);
    let text = json!({"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "a", "geometry": big},
        point("b", 121.4, 37.5, json!({"name": "ok", "appointment": big, "kind": big})),
    ]})
    .to_string();
    let (set, problems) = OutletSet::parse(&text).unwrap();
    assert_eq!(set.outlets.len(), 1);
    assert!(problems.len() >= 2);
    for p in &problems {
        assert!(
            p.message.chars().count() <= MAX_MESSAGE_CHARS,
            "{}",
            p.message.len()
        );
    }
    let (_, problems) =
        Catalog::parse(&json!({"items": [{"id": "x", "name": 1, "materials": big}]}).to_string())
            .unwrap();
    assert!(problems[0].message.chars().count() <= MAX_MESSAGE_CHARS);
    let fatal = OutletSet::parse(&json!({"features": big}).to_string()).unwrap_err();
    assert!(fatal.message.chars().count() <= MAX_MESSAGE_CHARS);
    assert!(
        fatal.message.contains("line 1"),
        "where it is survives the cut: {}",
        fatal.message
    );
}

/// Converting from BD-09 moved a point at a pole off the Earth (latitude -90.006),
/// and it was kept (found by `every_kept_position_is_valid_in_any_datum`).
#[test]
fn bd09_points_at_the_poles_are_not_kept_off_the_earth() {
    let text = json!({"type": "FeatureCollection", "datum": "bd09", "features": [
        point("pole", 0.0, -90.0, json!({})),
        point("ok", 121.4, 37.5, json!({})),
    ]})
    .to_string();
    let (set, problems) = OutletSet::parse(&text).unwrap();
    assert_eq!(set.outlets.len(), 1);
    assert!(set.outlets[0].pos.is_valid());
    assert!(
        problems[0].message.contains("once converted from bd09"),
        "{}",
        problems[0].message
    );
}

/// Renaming each copy of a duplicate id counted up from 2 every time: 20 000 copies
/// took minutes, a hang in the browser.
#[test]
fn twenty_thousand_copies_of_one_id_load_quickly() {
    let features = (0..20_000)
        .map(|_| point("same", 121.4, 37.5, json!({"name": "x"})))
        .collect();
    let text = collection(features);
    let start = Instant::now();
    let (set, problems) = OutletSet::parse(&text).unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(set.outlets.len(), 20_000);
    assert_eq!(set.outlets[19_999].id, "same~20000");
    assert_eq!(problems.len(), 19_999);
}

/// A 10 MB note (a pasted document) was kept whole and made the page crawl.
#[test]
fn a_ten_megabyte_note_is_cut_to_a_page() {
    let note = "很长的通知。".repeat(1_800_000);
    let text = collection(vec![point(
        "a",
        121.4,
        37.5,
        json!({"name": "长通知派出所", "notice": note, "opening_hours": "Mo 10:00-12:00; ".repeat(100_000)}),
    )]);
    let (set, problems) = OutletSet::parse(&text).unwrap();
    let o = &set.outlets[0];
    assert_eq!(
        o.notice.as_ref().unwrap().chars().count(),
        MAX_TEXT_CHARS + 1
    );
    assert!(
        problems
            .iter()
            .any(|p| p.path.ends_with(".notice") && p.message.contains("10800000 characters")),
        "{problems:#?}"
    );
}

/// Search measures typos against every item: a megabyte `?q=` took minutes.
#[test]
fn a_megabyte_query_does_not_stall_search() {
    let catalog = Catalog::parse(include_str!("../../public/data/yantai/catalog.json"))
        .unwrap()
        .0;
    let index = ItemIndex::new(&catalog);
    let start = Instant::now();
    let _ = index.search(&"shenfenzhengx".repeat(80_000));
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
}

/// `u8::from_str_radix` accepts a sign, so `%+1` decoded to byte 1.
#[test]
fn percent_plus_is_not_a_hex_escape() {
    assert_eq!(decode("%+1"), "%+1".replace('+', " "));
    assert_eq!(decode("%41%4"), "A%4");
}

/// The catalog's online channel link was not checked at all, and it sits behind the
/// 去网上办理 button.
#[test]
fn javascript_link_in_a_catalog_online_channel_is_dropped() {
    let text = json!({"items": [
        {"id": "a", "name": "甲", "online": {"url": "javascript:alert(1)", "channel": "x"}},
        {"id": "b", "name": "乙", "online": {"url": "java\tscript:alert(1)"}},
        {"id": "c", "name": "丙", "online": {"url": "data:text/html,<script>alert(1)</script>"}},
        {"id": "d", "name": "丁", "online": {"url": " https://zwfw.mps.gov.cn "}},
    ]})
    .to_string();
    let (cat, problems) = Catalog::parse(&text).unwrap();
    for id in ["a", "b", "c"] {
        assert_eq!(
            cat.item(id).unwrap().online.as_ref().unwrap().url,
            None,
            "{id}"
        );
    }
    assert_eq!(
        cat.item("d")
            .unwrap()
            .online
            .as_ref()
            .unwrap()
            .url
            .as_deref(),
        Some("https://zwfw.mps.gov.cn")
    );
    assert_eq!(problems.len(), 3);
}

/// `"java\tscript:"` is `javascript:` to a browser (a guard, not a past bug).
#[test]
fn a_tab_inside_a_link_scheme_does_not_pass_the_check() {
    let text = collection(vec![point(
        "a",
        121.4,
        37.5,
        json!({"name": "x", "website": "java\tscript:alert(1)", "appointment": {"url": "jav&#x09;ascript:alert(1)"}}),
    )]);
    let (set, problems) = OutletSet::parse(&text).unwrap();
    assert_eq!(set.outlets[0].website, None);
    assert_eq!(set.outlets[0].appointment.as_ref().unwrap().url, None);
    assert_eq!(problems.len(), 2);
}

/// Issue 20: a first step and a bundle's order must name the catalog's own items;
/// anything else is ignored with a warning saying which.
#[test]
fn a_first_step_and_an_order_name_real_items_or_are_ignored() {
    let (catalog, problems) = emap_core::Catalog::parse(
        r#"{"items":[
        {"id":"lost","name":"补领","first_step":"report"},
        {"id":"report","name":"挂失"},
        {"id":"inspect","name":"查验","first_step":"ghost"},
        {"id":"transfer","name":"过户","first_step":"transfer"}],
        "bundles":[{"id":"car","name":"二手车","items":["transfer","inspect"],
          "order":[["inspect","transfer"],["inspect","lost"],["transfer","transfer"]]}]}"#,
    )
    .unwrap();
    assert_eq!(
        catalog.item("lost").unwrap().first_step.as_deref(),
        Some("report")
    );
    assert_eq!(catalog.item("inspect").unwrap().first_step, None);
    assert_eq!(catalog.item("transfer").unwrap().first_step, None);
    let order = &catalog.bundle("car").unwrap().order;
    assert_eq!(order, &[["inspect".to_string(), "transfer".to_string()]]);
    let said: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        said.iter().filter(|p| p.ends_with("first_step")).count(),
        2,
        "{said:?}"
    );
    assert_eq!(
        said.iter().filter(|p| p.ends_with("order")).count(),
        2,
        "{said:?}"
    );
}
