//! Golden cases for opening hours, against the holiday files the app ships.

use super::*;

const HALL: &str = "Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00; PH off";
const OFFICE: &str = "Mo-Fr 08:30-17:00; PH off";

fn holidays() -> Holidays {
    let mut h = Holidays::default();
    for year in [2025, 2026] {
        let path = format!(
            "{}/../public/holidays/{year}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).expect(&path);
        assert_eq!(h.add_file(&text), Ok(year));
    }
    h
}

fn table(values: &[&str]) -> Timetable {
    Timetable::new(holidays(), values.iter().copied())
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn closed(why: ClosedWhy, opens: &str) -> OpeningState {
    OpeningState::Closed {
        why,
        opens: Some(at(opens)),
    }
}

fn open_until(t: &str) -> OpeningState {
    OpeningState::Open {
        closes: Some(at(t)),
    }
}

#[test]
fn lunch_break_says_when_it_reopens() {
    let t = table(&[HALL]);
    // 2026-11-23 is a Monday.
    let s = t.state(Some(HALL), at("2026-11-23 12:30"));
    assert_eq!(s, closed(ClosedWhy::Lunch, "2026-11-23 13:30"));
    assert_eq!(s.key(), "closed");
    assert_eq!(s.label_zh(at("2026-11-23 12:30")), "午休中 · 13:30 开门");
    assert_eq!(
        t.state(Some(HALL), at("2026-11-23 10:00")),
        open_until("2026-11-23 12:00")
    );
    assert_eq!(
        t.state(Some(HALL), at("2026-11-23 07:00")),
        closed(ClosedWhy::Hours, "2026-11-23 08:30")
    );
}

#[test]
fn saturday_service_then_closed_until_monday() {
    let t = table(&[HALL]);
    assert_eq!(
        t.state(Some(HALL), at("2026-11-21 10:00")),
        open_until("2026-11-21 12:00")
    );
    let s = t.state(Some(HALL), at("2026-11-21 13:00"));
    assert_eq!(s, closed(ClosedWhy::Hours, "2026-11-23 08:30"));
    assert_eq!(
        s.label_zh(at("2026-11-21 13:00")),
        "已关门 · 后天 08:30 开门"
    );
}

#[test]
fn always_open_has_no_closing_time() {
    let t = table(&["24/7"]);
    let s = t.state(Some("24/7"), at("2026-10-01 03:00"));
    assert_eq!(s, OpeningState::Open { closes: None });
    assert_eq!(s.label_zh(at("2026-10-01 03:00")), "24小时营业");
    let week = t
        .week(Some("24/7"), at("2026-10-01 00:00").date(), 7)
        .unwrap();
    assert!(week.iter().all(|d| d.windows_zh() == "全天"), "{week:?}");
}

#[test]
fn overnight_hours_run_past_midnight() {
    let v = "Mo-Fr 20:00-02:00";
    let t = table(&[v]);
    // Friday night into Saturday.
    assert_eq!(
        t.state(Some(v), at("2026-11-20 23:00")),
        open_until("2026-11-21 02:00")
    );
    assert_eq!(
        t.state(Some(v), at("2026-11-21 01:00")),
        open_until("2026-11-21 02:00")
    );
    assert_eq!(
        t.state(Some(v), at("2026-11-21 03:00")),
        closed(ClosedWhy::Hours, "2026-11-23 20:00")
    );
}

#[test]
fn spring_festival_2026_is_closed_whole() {
    let t = table(&[OFFICE]);
    // Wednesday in the middle of 春节 (Feb 15–23), then open on Tuesday the 24th.
    let s = t.state(Some(OFFICE), at("2026-02-18 10:00"));
    assert_eq!(
        s,
        closed(ClosedWhy::Holiday("春节".into()), "2026-02-24 08:30")
    );
    assert_eq!(
        s.label_zh(at("2026-02-18 10:00")),
        "春节放假 · 2月24日（周二） 08:30 开门"
    );
    // Monday the 23rd is still a holiday.
    assert_eq!(
        t.open_on(Some(OFFICE), at("2026-02-23 00:00").date()),
        Some(false)
    );
}

#[test]
fn national_day_2026_spans_seven_days() {
    let t = table(&[HALL]);
    let week = t
        .week(Some(HALL), at("2026-09-30 00:00").date(), 9)
        .unwrap();
    let shown: Vec<String> = week.iter().map(|d| d.windows_zh()).collect();
    assert_eq!(shown[0], "08:30–12:00、13:30–17:00");
    assert!(shown[1..8].iter().all(|s| s == "休息"), "{shown:?}");
    assert_eq!(week[1].holiday.as_ref().unwrap().name, "国庆节");
    // 10月8日 is a Thursday, an ordinary day again.
    assert_eq!(shown[8], "08:30–12:00、13:30–17:00");
}

#[test]
fn make_up_saturday_keeps_weekday_hours() {
    let t = table(&[HALL, OFFICE]);
    // 2026-10-10 is a Saturday worked for National Day: weekday hours, not Sa 09–12.
    assert_eq!(
        t.state(Some(HALL), at("2026-10-10 15:00")),
        open_until("2026-10-10 17:00")
    );
    assert_eq!(
        t.state(Some(HALL), at("2026-10-10 12:30")),
        closed(ClosedWhy::Lunch, "2026-10-10 13:30")
    );
    // An office closed on ordinary Saturdays opens on the make-up one (春节, 2月14日).
    assert_eq!(
        t.state(Some(OFFICE), at("2026-02-14 10:00")),
        open_until("2026-02-14 17:00")
    );
    // And on a make-up Sunday (2026-09-20).
    assert_eq!(
        t.open_on(Some(OFFICE), at("2026-09-20 00:00").date()),
        Some(true)
    );
    assert_eq!(
        t.open_on(Some(OFFICE), at("2026-09-27 00:00").date()),
        Some(false)
    );
}

#[test]
fn hours_without_ph_rule_stay_as_written_on_holidays() {
    let v = "Mo-Su 08:00-18:00";
    let t = table(&[v]);
    assert_eq!(
        t.state(Some(v), at("2026-10-02 09:00")),
        open_until("2026-10-02 18:00")
    );
}

#[test]
fn device_in_another_time_zone_uses_shanghai_time() {
    // The same instant a device in New York calls 2026-10-09 12:30 (EDT, UTC-4):
    // already Saturday the 10th, 00:30, in Yantai.
    let unix_ms = 1_791_563_400_000.0; // 2026-10-09T16:30:00Z
    assert_eq!(shanghai_time(unix_ms), at("2026-10-10 00:30"));
    let t = table(&[HALL]);
    let s = t.state(Some(HALL), shanghai_time(unix_ms));
    assert_eq!(s, closed(ClosedWhy::Hours, "2026-10-10 08:30"));
    assert_eq!(shanghai_time(f64::NAN), at("1970-01-01 08:00"));
}

#[test]
fn missing_or_unreadable_hours_are_unknown() {
    let t = table(&["看心情", "Mo-Fr 09:00-17:00 unknown"]);
    let now = at("2026-11-23 10:00");
    assert_eq!(t.state(None, now), OpeningState::Unknown);
    assert_eq!(t.state(Some("看心情"), now), OpeningState::Unknown);
    assert_eq!(t.state(Some("not loaded"), now), OpeningState::Unknown);
    assert_eq!(
        t.state(Some("Mo-Fr 09:00-17:00 unknown"), now).key(),
        "unknown"
    );
    assert_eq!(t.week(Some("看心情"), now.date(), 7), None);
}

#[test]
fn holiday_file_with_a_bad_day_is_refused() {
    let mut h = Holidays::default();
    let e = h
        .add_file(r#"{"year":2027,"days":[{"name":"元旦","date":"2027-13-01","isOffDay":true}]}"#)
        .unwrap_err();
    assert!(e.contains("days[0].date"), "{e}");
    assert!(!h.covers(2027));
    assert!(h.add_file("[]").is_err());
}

#[test]
fn reads_the_hours_of_the_sample_city() {
    for v in [HALL, "24/7", "Mo-Su 08:00-17:00; PH off"] {
        assert_eq!(check(v), Ok(()), "{v}");
    }
    assert!(check("工作日 9点到5点").is_err());
    assert!(check("Mo-Fr 25:00-26:99").is_err());
}

/// Every real-world value from the shared data sets is either read or reported,
/// and every value that is read can be evaluated, never a panic.
#[test]
fn never_panics_on_real_world_values() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/realdata/");
    let mut values = Vec::new();
    for (file, column) in [
        ("opening_hours_values_from_test_log.tsv", 1),
        ("real_hours_strings_from_datasets.tsv", 2),
    ] {
        let text = std::fs::read_to_string(format!("{dir}{file}"))
            .expect("shared/realdata beside the repository");
        for line in text.lines().skip(1) {
            if let Some(v) = line.split('\t').nth(column) {
                values.push(v.to_owned());
            }
        }
    }
    assert!(values.len() > 1000, "{}", values.len());
    let t = Timetable::new(holidays(), values.iter().map(String::as_str));
    let mut read = 0;
    for v in &values {
        let ok = check(v).is_ok();
        read += ok as usize;
        for now in ["2026-02-18 10:00", "2026-10-10 12:30", "2026-11-22 23:59"] {
            let s = t.state(Some(v), at(now));
            let _ = s.label_zh(at(now));
        }
        if let Some(week) = t.week(Some(v), at("2026-09-28 00:00").date(), 7) {
            week.iter().for_each(|d| drop(d.windows_zh()));
        }
    }
    assert!(read > values.len() / 2, "read {read} of {}", values.len());
}

#[test]
fn open_filter_keeps_what_it_promises() {
    let t = table(&[HALL, "24/7"]);
    let now = at("2026-11-23 12:30");
    assert!(!OpenFilter::Now.keeps(&t, Some(HALL), now));
    assert!(OpenFilter::Now.keeps(&t, Some("24/7"), now));
    assert!(!OpenFilter::Now.keeps(&t, None, now));
    let national_day = OpenFilter::parse("2026-10-02").unwrap();
    assert!(!national_day.keeps(&t, Some(HALL), now));
    assert!(OpenFilter::parse("2026-10-10")
        .unwrap()
        .keeps(&t, Some(HALL), now));
    assert_eq!(national_day.key().as_deref(), Some("2026-10-02"));
    assert_eq!(OpenFilter::parse("now"), Some(OpenFilter::Now));
    assert_eq!(OpenFilter::parse("tomorrow"), None);
}

#[test]
fn labels_in_english() {
    let t = table(&[HALL, "24/7"]);
    let now = at("2026-10-02 10:00");
    assert_eq!(
        t.state(Some(HALL), now).label(Lang::En, now),
        "Closed for National Day · opens Thu 8 Oct 08:30"
    );
    let lunch = at("2026-11-23 12:30");
    assert_eq!(
        t.state(Some(HALL), lunch).label(Lang::En, lunch),
        "Lunch break · opens 13:30"
    );
    assert_eq!(
        t.state(Some("24/7"), lunch).label(Lang::En, lunch),
        "Open 24 hours"
    );
    let week = t.week(Some(HALL), lunch.date(), 7).unwrap();
    assert_eq!(week[0].windows_text(Lang::En), "08:30–12:00, 13:30–17:00");
    assert_eq!(week[6].windows_text(Lang::En), "Closed");
}

#[test]
fn hand_written_dates_round_trip() {
    let t = at("2026-02-03 09:05");
    assert_eq!(ymd(t.date()), "2026-02-03");
    assert_eq!(hm(t), "09:05");
    assert_eq!(ymd_hm(t), "2026-02-03T09:05");
    assert_eq!(compact(t), "20260203T090500");
    assert_eq!(parse_ymd_hm("2026-02-03T09:05"), Some(t));
    assert_eq!(parse_ymd("2026-2-3"), Some(t.date()));
    assert_eq!(parse_ymd("2026-02-30"), None);
    assert_eq!(parse_ymd("2026-02-031"), None);
    assert_eq!(date_label(Lang::En, t.date()), "Tue 3 Feb");
}

/// `state` keeps its last answer per value: asked again for another minute, it must
/// answer for that minute, and two values must never share an answer.
#[test]
fn a_kept_answer_is_only_for_its_own_minute_and_value() {
    let t = table(&[HALL, OFFICE]);
    let fresh = |v: &str, when: &str| table(&[v]).state(Some(v), at(when));
    for when in [
        "2026-11-23 11:59",
        "2026-11-23 12:00",
        "2026-11-23 11:59",
        "2026-11-23 12:30",
        "2026-10-01 10:00",
    ] {
        for v in [HALL, OFFICE, HALL] {
            assert_eq!(t.state(Some(v), at(when)), fresh(v, when), "{v} at {when}");
        }
    }
    assert_eq!(t.state(None, at("2026-11-23 10:00")), OpeningState::Unknown);
    // A clone starts with no answers of its own but gives the same ones.
    assert_eq!(
        t.clone().state(Some(HALL), at("2026-11-23 12:30")),
        closed(ClosedWhy::Lunch, "2026-11-23 13:30")
    );
}
