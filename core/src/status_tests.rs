use super::*;
use crate::config::Config;
use crate::problem::Level;

fn t(s: &str) -> NaiveDateTime {
    parse_time(s).unwrap()
}

const NOW: &str = "2026-12-04T14:06";

const FEED: &str = r#"{"as_of": "2026-12-04T14:05", "outlets": {
  "d01-hall": {"waiting": 12, "windows_open": 3, "wait_minutes": 25, "as_of": "2026-12-04T14:04",
               "next_slot": {"passport": "2026-12-07T09:30"}},
  "d01-exit": {"waiting": 0, "windows_open": 2, "wait_minutes": 0}
}}"#;

fn parse(text: &str) -> (Status, Vec<Problem>) {
    Status::parse(text, t(NOW)).unwrap()
}

#[test]
fn a_good_feed_gives_each_hall_its_figures() {
    let (s, problems) = parse(FEED);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(s.as_of, Some(t("2026-12-04T14:05")));
    let hall = s.entry("d01-hall", t(NOW)).unwrap();
    assert_eq!(
        (hall.waiting, hall.windows_open, hall.wait_minutes),
        (Some(12), Some(3), Some(25))
    );
    assert_eq!(hall.as_of, t("2026-12-04T14:04"), "its own time");
    assert_eq!(hall.next_slot("passport"), Some(t("2026-12-07T09:30")));
    assert_eq!(hall.next_slot("id-renew"), None);
    let exit = s.entry("d01-exit", t(NOW)).unwrap();
    assert_eq!(exit.as_of, t("2026-12-04T14:05"), "the file's time");
    assert!(s.entry("d02-hall", t(NOW)).is_none());
}

#[test]
fn times_with_seconds_or_an_offset_are_beijing_time() {
    assert_eq!(
        parse_time("2026-12-04T14:05:30"),
        Some(t("2026-12-04T14:05") + Duration::seconds(30))
    );
    assert_eq!(
        parse_time("2026-12-04T06:05:00Z"),
        Some(t("2026-12-04T14:05"))
    );
    assert_eq!(
        parse_time("2026-12-04T14:05:00+08:00"),
        Some(t("2026-12-04T14:05"))
    );
    assert_eq!(parse_time("14:05"), None);
}

fn dropped(entry: &str) -> Problem {
    let text = format!(
        r#"{{"as_of": "2026-12-04T14:05", "outlets": {{"good": {{"waiting": 1}}, "bad": {entry}}}}}"#
    );
    let (s, problems) = parse(&text);
    assert!(s.entry("good", t(NOW)).is_some(), "the rest is kept");
    assert!(s.entry("bad", t(NOW)).is_none(), "{entry} was kept");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let p = problems[0].clone();
    assert_eq!(p.level, Level::Error);
    assert_eq!(p.id.as_deref(), Some("bad"), "the report names the outlet");
    p
}

#[test]
fn each_bad_entry_is_reported_with_its_outlet_and_dropped() {
    for (entry, why) in [
        (r#"{"waiting": -3}"#, "waiting -3 is negative"),
        (r#"{"waiting": 20000}"#, "waiting 20000 is more than 10000"),
        (
            r#"{"wait_minutes": 1441}"#,
            "wait_minutes 1441 is more than 1440",
        ),
        (r#"{"windows_open": -1}"#, "windows_open -1 is negative"),
        (r#"{"waiting": "12"}"#, "invalid type: string"),
        (
            r#"{"waiting": 1, "as_of": "yesterday"}"#,
            "as_of \"yesterday\" is not a time",
        ),
        (
            r#"{"waiting": 1, "as_of": "2026-12-04T15:00"}"#,
            "in the future",
        ),
        (r#"{}"#, "no figure"),
        (r#"[1, 2]"#, "[1,2] is not an object"),
        (r#"null"#, "null is not an object"),
    ] {
        let p = dropped(entry);
        assert!(p.message.contains(why), "{entry}: {}", p.message);
        assert!(p.message.starts_with("entry dropped"), "{}", p.message);
    }
}

#[test]
fn a_clock_a_little_fast_is_allowed() {
    let (s, problems) = parse(
        r#"{"as_of": "2026-12-04T14:10", "outlets": {"a": {"waiting": 1, "as_of": "2026-12-04T14:11"}}}"#,
    );
    assert!(problems.is_empty());
    assert!(s.entry("a", t(NOW)).is_some());
}

#[test]
fn bad_slots_and_notes_are_repaired_and_the_entry_kept() {
    let note = format!("\u{202e}叫号系统维护{}", "。".repeat(3000));
    let text = format!(
        r#"{{"as_of": "2026-12-04T14:05", "outlets": {{"a": {{"waiting": 4, "note": "{note}",
            "next_slot": {{"passport": "soon", "hk-macau-permit": "2026-12-05T10:00"}}}}}}}}"#
    );
    let (s, problems) = parse(&text);
    let a = s.entry("a", t(NOW)).unwrap();
    assert_eq!(a.next_slot.len(), 1);
    assert_eq!(a.next_slot("hk-macau-permit"), Some(t("2026-12-05T10:00")));
    let note = a.note.as_deref().unwrap();
    assert!(note.starts_with("叫号系统维护") && note.chars().count() <= 2001);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems.iter().all(|p| p.level == Level::Warning));
    assert!(
        problems[0].path.contains("passport"),
        "{}",
        problems[0].path
    );
}

#[test]
fn a_broken_file_is_one_clear_error() {
    for (text, why) in [
        (
            r#"{"as_of": "2026-12-04T14:05", "outlets": {"a": "#,
            "invalid status feed",
        ),
        (r#"{"outlets": {}}"#, "no \"as_of\""),
        (r#"{"as_of": "2026-12-04T14:05"}"#, "no \"outlets\""),
        (r#"{"as_of": "12/04 14:05", "outlets": {}}"#, "not a time"),
        (
            r#"{"as_of": "2026-12-05T09:00", "outlets": {}}"#,
            "in the future",
        ),
    ] {
        let e = Status::parse(text, t(NOW)).unwrap_err();
        assert_eq!(e.file, "status");
        assert!(e.message.contains(why), "{text}: {}", e.message);
    }
    let e =
        Status::parse(r#"{"as_of": "2026-12-04T14:05", "outlets": {"a": "#, t(NOW)).unwrap_err();
    assert!(e.message.contains("line 1"), "{}", e.message);
}

#[test]
fn a_huge_file_is_refused_by_its_size_before_it_is_read() {
    let huge = format!(
        r#"{{"as_of": "2026-12-04T14:05", "outlets": {{}}, "pad": "{}"}}"#,
        " ".repeat(MAX_STATUS_BYTES as usize)
    );
    let e = Status::parse(&huge, t(NOW)).unwrap_err();
    assert!(e.message.contains("too large"), "{}", e.message);
    assert!(e.message.contains("16 MB"), "{}", e.message);
}

#[test]
fn a_flood_of_bad_entries_makes_a_bounded_report() {
    let entries: Vec<String> = (0..5000)
        .map(|i| format!(r#""o{i}": {{"waiting": -1}}"#))
        .collect();
    let text = format!(
        r#"{{"as_of": "2026-12-04T14:05", "outlets": {{{}}}}}"#,
        entries.join(",")
    );
    let (s, problems) = parse(&text);
    assert!(s.is_empty());
    assert_eq!(problems.len(), MAX_REPORTED + 1);
    assert!(problems
        .last()
        .unwrap()
        .message
        .contains("4900 more problems"));
}

#[test]
fn unknown_outlets_are_reported_once_with_their_count_and_dropped() {
    let (mut s, _) = parse(
        r#"{"as_of": "2026-12-04T14:05", "outlets": {"d01-hall": {"waiting": 1}, "x1": {"waiting": 1}, "x2": {"waiting": 2}}}"#,
    );
    let p = s.keep_known(|id| id.starts_with("d01")).unwrap();
    assert_eq!(p.level, Level::Warning);
    assert!(
        p.message
            .starts_with("2 entries for outlets not in the outlets file"),
        "{}",
        p.message
    );
    assert!(p.message.contains("\"x1\", \"x2\""), "{}", p.message);
    assert_eq!(s.len(), 1);
    assert!(s.keep_known(|_| true).is_none());
}

#[test]
fn only_fresh_figures_are_live() {
    let (s, _) = parse(FEED);
    // d01-hall is as of 14:04; the limit is 15 minutes.
    assert!(s.entry("d01-hall", t("2026-12-04T14:19")).is_some());
    assert!(
        s.entry("d01-hall", t("2026-12-04T14:20")).is_none(),
        "16 minutes old: stale"
    );
    assert!(
        s.entry("d01-hall", t("2026-12-04T13:55")).is_none(),
        "9 minutes ahead of the clock"
    );
    let mut longer = s.clone();
    longer.fresh_minutes = 60;
    assert!(longer.entry("d01-hall", t("2026-12-04T15:00")).is_some());
}

#[test]
fn a_failed_poll_keeps_the_last_good_figures_until_they_are_stale() {
    let (mut state, _) = parse(FEED);
    // The next poll fails: nothing is merged.
    assert!(Status::parse("<html>502 Bad Gateway</html>", t("2026-12-04T14:07")).is_err());
    let hall = state.entry("d01-hall", t("2026-12-04T14:10")).unwrap();
    assert_eq!(
        (hall.waiting, hall.updated_line(Lang::Zh).as_str()),
        (Some(12), "数据更新于 14:04")
    );
    // A later poll has new figures for the hall, a bad entry for the exit-entry hall,
    // and nothing from before (an older CDN copy) replaces them.
    let (newer, problems) = Status::parse(
        r#"{"as_of": "2026-12-04T14:12", "outlets": {"d01-hall": {"waiting": 20, "wait_minutes": 40}, "d01-exit": {"waiting": -5}}}"#,
        t("2026-12-04T14:12"),
    )
    .unwrap();
    assert_eq!(problems.len(), 1);
    state.merge(newer);
    let now = t("2026-12-04T14:13");
    assert_eq!(state.entry("d01-hall", now).unwrap().waiting, Some(20));
    let exit = state.entry("d01-exit", now).unwrap();
    assert_eq!(
        (exit.waiting, exit.as_of),
        (Some(0), t("2026-12-04T14:05")),
        "the last good figures, with their time"
    );
    assert_eq!(state.as_of, Some(t("2026-12-04T14:12")));
    let (older, _) = parse(FEED);
    state.merge(older);
    assert_eq!(state.entry("d01-hall", now).unwrap().waiting, Some(20));
    // They expire by freshness.
    assert!(state.entry("d01-exit", t("2026-12-04T14:21")).is_none());
    assert!(state.entry("d01-hall", t("2026-12-04T14:21")).is_some());
}

#[test]
fn lines_in_both_languages() {
    let (s, _) = parse(FEED);
    let hall = s.entry("d01-hall", t(NOW)).unwrap();
    assert_eq!(hall.line(Lang::Zh), "排队 12 人 · 约 25 分钟");
    assert_eq!(hall.line(Lang::En), "12 waiting · about 25 min");
    assert_eq!(hall.updated_line(Lang::En), "Updated 14:04");
    let exit = s.entry("d01-exit", t(NOW)).unwrap();
    assert_eq!(exit.line(Lang::Zh), "无人排队");
    assert_eq!(exit.line(Lang::En), "No queue");
    let live = |waiting, windows_open, wait_minutes| Live {
        waiting,
        windows_open,
        wait_minutes,
        next_slot: BTreeMap::new(),
        note: None,
        as_of: t(NOW),
    };
    assert_eq!(
        live(Some(5), Some(0), Some(10)).line(Lang::Zh),
        "暂无窗口办理"
    );
    assert_eq!(
        live(None, None, Some(30)).line(Lang::En),
        "About 30 min wait"
    );
    assert_eq!(
        live(Some(3), None, Some(0)).line(Lang::Zh),
        "排队 3 人 · 无需等待"
    );
    assert_eq!(live(None, Some(2), None).line(Lang::En), "");
}

#[test]
fn ordering_by_total_time_counts_the_wait() {
    let (s, _) = parse(FEED);
    let now = t(NOW);
    // The hall is 10 minutes away with a 25-minute wait; the exit-entry hall 20
    // minutes away with none; a station with no queue system 30 minutes away.
    let mut rows = [("d01-hall", 10), ("d01-exit", 20), ("d01-ps01", 30)];
    assert_eq!(total_minutes(10, s.entry("d01-hall", now)), 35);
    assert_eq!(total_minutes(30, None), 30);
    rows.sort_by_key(|(id, route)| total_minutes(*route, s.entry(id, now)));
    assert_eq!(rows.map(|r| r.0), ["d01-exit", "d01-ps01", "d01-hall"]);
    // Stale figures do not count.
    assert_eq!(
        total_minutes(10, s.entry("d01-hall", t("2026-12-04T15:00"))),
        10
    );
}

#[test]
fn a_kiosk_says_how_busy_it_is_and_which_hall_is_quicker() {
    let (s, _) = parse(
        r#"{"as_of": "2026-12-04T14:05", "outlets": {
            "here": {"waiting": 40, "wait_minutes": 60, "windows_open": 4},
            "near": {"waiting": 10, "wait_minutes": 20},
            "nearer": {"waiting": 30, "wait_minutes": 45},
            "closed": {"waiting": 0, "wait_minutes": 0, "windows_open": 0},
            "quiet": {"waiting": 1, "wait_minutes": 5}}}"#,
    );
    let now = t(NOW);
    let a = kiosk_advice(
        &s,
        "here",
        &[("nearer", 5), ("near", 15), ("closed", 2), ("gone", 1)],
        now,
    );
    let (live, busy) = a.here.unwrap();
    assert_eq!((live.waiting, busy), (Some(40), Busy::Busy));
    assert_eq!(busy.label(Lang::Zh), "人多");
    let q = a.quicker.unwrap();
    assert_eq!(
        (q.outlet_id, q.saves_minutes),
        ("near", Some(25)),
        "35 minutes in all against 60"
    );
    // Five minutes saved is not worth the trip.
    let a = kiosk_advice(&s, "here", &[("nearer", 10)], now);
    assert!(a.quicker.is_none());
    // A quiet hall sends nobody away.
    let a = kiosk_advice(&s, "quiet", &[("near", 1)], now);
    assert_eq!(a.here.unwrap().1, Busy::Quiet);
    assert!(a.quicker.is_none());
    // With no window open here, any open hall nearby is quicker.
    let a = kiosk_advice(&s, "closed", &[("quiet", 20)], now);
    assert_eq!(a.quicker.unwrap().saves_minutes, None);
    // Without fresh figures here, no advice on a guess.
    let a = kiosk_advice(&s, "here", &[("near", 1)], t("2026-12-04T16:00"));
    assert_eq!(
        a,
        KioskAdvice {
            here: None,
            quicker: None
        }
    );
}

#[test]
fn region_feeds_follow_the_packs_region_files() {
    assert_eq!(
        feed_names("data/config.json", "status.json", &[]),
        ["data/status.json"]
    );
    assert_eq!(
        feed_names(
            "data/config.json",
            "status.json",
            &["outlets-000.json", "outlets-001.json"]
        ),
        ["data/status.json"],
        "one feed for the whole deployment"
    );
    assert_eq!(
        feed_names(
            "/data/national/config.json",
            "status/{region}.json",
            &["outlets-003.json", "r/outlets-017.json"]
        ),
        [
            "/data/national/status/outlets-003.json",
            "/data/national/status/outlets-017.json"
        ]
    );
}

#[test]
fn the_config_names_the_feed_and_its_freshness() {
    let min = r#""title":"x","outlets":"o","center":[121.4,37.5]"#;
    let c = Config::parse(&format!("{{{min}}}")).unwrap();
    assert_eq!((c.status, c.status_fresh_minutes), (None, 15));
    let c = Config::parse(&format!(
        r#"{{{min},"status":"status/{{region}}.json","status_fresh_minutes":5}}"#
    ))
    .unwrap();
    assert_eq!(c.status.as_deref(), Some("status/{region}.json"));
    assert_eq!(c.status_fresh_minutes, 5);
    let e = Config::parse(&format!(r#"{{{min},"status_fresh_minutes":0}}"#)).unwrap_err();
    assert!(e.message.contains("status_fresh_minutes"));
}

/// Read by hand since chrono's format parser cost 25 kB of wasm: every form a queue
/// system writes still reads, and nothing else does.
#[test]
fn times_as_queue_systems_write_them() {
    use crate::hours::parse_ymd_hm;
    let t = parse_ymd_hm("2026-12-04T14:05").unwrap();
    for text in [
        "2026-12-04T14:05",
        "2026-12-04T14:05:00",
        "2026-12-04 14:05",
        "2026-12-04T06:05Z",
        "2026-12-04T06:05:00Z",
        "2026-12-04T14:05+08:00",
        "2026-12-04T14:05:00+0800",
        "2026-12-04T01:05-05:00",
    ] {
        assert_eq!(parse_time(text), Some(t), "{text}");
    }
    for bad in [
        "",
        "14:05",
        "2026-12-04",
        "2026-13-04T14:05",
        "2026-12-04T25:05",
        "2026-12-04T14:05+8",
        "yesterday",
    ] {
        assert_eq!(parse_time(bad), None, "{bad}");
    }
}

/// A hall 1 km away with 25 minutes' queue takes longer than one 1.5 km away with none
/// (walking: 17 + 25 against 26 minutes); without fresh figures the order is the
/// distance.
#[test]
fn ordered_by_total_time_a_queue_outweighs_a_short_walk() {
    use crate::results::Hit;
    use crate::route::TravelMode;
    let outlets = crate::OutletSet::parse(
        r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","id":"d01-hall","geometry":{"type":"Point","coordinates":[121.4,37.5]},"properties":{"name":"市民之家"}},
        {"type":"Feature","id":"d01-exit","geometry":{"type":"Point","coordinates":[121.41,37.5]},"properties":{"name":"出入境"}}]}"#,
    )
    .unwrap()
    .0;
    let hits = || {
        vec![
            Hit {
                index: 0,
                distance_m: 1000.0,
            },
            Hit {
                index: 1,
                distance_m: 1500.0,
            },
        ]
    };
    let (status, _) = parse(FEED);
    let mut by_time = hits();
    order_by_total_time(&mut by_time, &outlets, TravelMode::Walk, &status, t(NOW));
    assert_eq!(by_time.iter().map(|h| h.index).collect::<Vec<_>>(), [1, 0]);
    // Driving, the queue still outweighs 500 m more.
    let mut driving = hits();
    order_by_total_time(&mut driving, &outlets, TravelMode::Drive, &status, t(NOW));
    assert_eq!(driving[0].index, 1);
    // Stale figures (an hour later) count as no wait: nearest first.
    let mut stale = hits();
    order_by_total_time(
        &mut stale,
        &outlets,
        TravelMode::Walk,
        &status,
        t("2026-12-04T15:30"),
    );
    assert_eq!(stale.iter().map(|h| h.index).collect::<Vec<_>>(), [0, 1]);
}

/// A phone in Beijing polls Beijing's feed and its neighbour's, not the country's;
/// one far from every region still polls the nearest.
#[test]
fn a_phone_polls_only_the_regions_near_it() {
    let beijing = [115.4, 39.4, 117.5, 41.1];
    let tianjin = [116.7, 38.5, 118.1, 40.3];
    let urumqi = [86.0, 42.0, 89.0, 45.0];
    let bboxes = [urumqi, beijing, tianjin];
    let at = crate::LonLat::new(116.40, 39.90);
    assert_eq!(regions_to_poll(&bboxes, at, 30_000.0), [1, 2]);
    let sea = crate::LonLat::new(123.0, 37.0);
    assert_eq!(regions_to_poll(&bboxes, sea, 30_000.0), [2]);
    assert!(regions_to_poll(&[], at, 30_000.0).is_empty());
    assert_eq!(
        region_feed("status/{region}.json", "regions/outlets-003.json"),
        "status/outlets-003.json"
    );
}
