//! Notices as residents meet them: what an outlet's notices make of "open" on fixed
//! dates, what is announced ahead, where to go instead, and how the loaders report a
//! bad notice while keeping the rest. Today is Friday 2026-12-04 in these cases.

use emap_core::hours::{parse_ymd, parse_ymd_hm, ClosedWhy, Holidays, OpeningState, Timetable};
use emap_core::i18n::Lang;
use emap_core::notices::{alternative, closed_on, shown};
use emap_core::problem::Level;
use emap_core::{Catalog, Item, NoticeBoard, NoticeKind, NoticeTiming, OutletSet};

const STATION: &str = "Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00; PH off";
const HALL: &str = "Mo-Fr 09:00-17:00; Sa,Su 09:00-12:00; PH off";

fn at(s: &str) -> emap_core::hours::DateTime {
    parse_ymd_hm(s).unwrap()
}

fn day(s: &str) -> emap_core::hours::Date {
    parse_ymd(s).unwrap()
}

fn table() -> Timetable {
    let mut h = Holidays::default();
    let path = format!(
        "{}/../public/holidays/2026.json",
        env!("CARGO_MANIFEST_DIR")
    );
    h.add_file(&std::fs::read_to_string(path).unwrap()).unwrap();
    Timetable::new(h, [STATION, HALL, "24/7"])
}

/// (id, kind, [lon, lat], items, hours, notices JSON).
type Row<'a> = (&'a str, &'a str, [f64; 2], &'a [&'a str], &'a str, &'a str);

/// One outlet per entry.
fn outlets(list: &[Row]) -> OutletSet {
    let features: Vec<String> = list
        .iter()
        .map(|(id, kind, pos, items, hours, notices)| {
            format!(
                r#"{{"type":"Feature","id":"{id}","geometry":{{"type":"Point","coordinates":[{},{}]}},
                "properties":{{"name":"{id}","kind":"{kind}","items":{},"opening_hours":"{hours}","notices":{notices}}}}}"#,
                pos[0],
                pos[1],
                serde_json::to_string(items).unwrap()
            )
        })
        .collect();
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    );
    let (set, problems) = OutletSet::parse(&text).unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
    set
}

fn one(hours: &str, notices: &str) -> OutletSet {
    outlets(&[(
        "a",
        "police_station",
        [121.40, 37.53],
        &["passport", "id-renew"],
        hours,
        notices,
    )])
}

fn why_kind(state: &OpeningState) -> Option<NoticeKind> {
    match state {
        OpeningState::Closed {
            why: ClosedWhy::Notice { kind, .. },
            ..
        } => Some(*kind),
        _ => None,
    }
}

#[test]
fn a_closure_shuts_the_outlet_on_its_dates_only_and_says_why() {
    let set = one(
        "24/7",
        r#"[{"kind":"closure","from":"2027-01-01","to":"2027-01-01","text":"元旦设备检修，暂停开放","text:en":"Closed for maintenance on New Year's Day"}]"#,
    );
    let (t, o) = (table(), &set.outlets[0]);
    let hours = o.opening_hours.as_deref();
    let state = t.state_with(hours, &o.notices, None, at("2027-01-01T10:00"));
    assert_eq!(
        state,
        OpeningState::Closed {
            why: ClosedWhy::Notice {
                kind: NoticeKind::Closure,
                text: "元旦设备检修，暂停开放".into(),
                text_en: Some("Closed for maintenance on New Year's Day".into()),
            },
            opens: Some(at("2027-01-02T00:00")),
        }
    );
    assert_eq!(
        state.label(Lang::Zh, at("2027-01-01T10:00")),
        "临时闭馆 · 明天 00:00 开门"
    );
    assert_eq!(state.key(), "closed");
    // The day before, it is open, and closes when the closure starts.
    assert_eq!(
        t.state_with(hours, &o.notices, None, at("2026-12-31T10:00")),
        OpeningState::Open {
            closes: Some(at("2027-01-01T00:00"))
        }
    );
    let plan = t
        .day_with(hours, &o.notices, None, day("2027-01-01"))
        .unwrap();
    assert_eq!(plan.windows_text(Lang::Zh), "休息");
    assert_eq!(
        t.open_on_with(hours, &o.notices, None, day("2027-01-01")),
        Some(false)
    );
    assert_eq!(
        t.open_on_with(hours, &o.notices, None, day("2027-01-02")),
        Some(true)
    );
    // Callers that pass no notices get what they always got.
    assert_eq!(
        t.state(hours, at("2027-01-01T10:00")),
        OpeningState::Open { closes: None }
    );
}

#[test]
fn a_closure_for_an_afternoon_cuts_only_that_afternoon() {
    let set = one(
        STATION,
        r#"[{"kind":"closure","from":"2026-12-10T14:00","to":"2026-12-10T17:00","text":"下午全员培训"}]"#,
    );
    let (t, o) = (table(), &set.outlets[0]);
    let plan = t
        .day_with(
            o.opening_hours.as_deref(),
            &o.notices,
            None,
            day("2026-12-10"),
        )
        .unwrap();
    assert_eq!(plan.windows_text(Lang::Zh), "08:30–12:00、13:30–14:00");
    let plan = t
        .day_with(
            o.opening_hours.as_deref(),
            &o.notices,
            None,
            day("2026-12-11"),
        )
        .unwrap();
    assert_eq!(plan.windows_text(Lang::Zh), "08:30–12:00、13:30–17:00");
}

#[test]
fn a_suspension_closes_the_outlet_for_its_items_only() {
    let set = one(
        STATION,
        r#"[{"kind":"suspended","from":"2026-12-12","to":"2026-12-12","items":["passport"],"text":"出入境系统升级，12月12日暂停受理"}]"#,
    );
    let (t, o) = (table(), &set.outlets[0]);
    let hours = o.opening_hours.as_deref();
    // Saturday 12 December, 10:00: the station keeps Saturday-morning hours.
    let now = at("2026-12-12T10:00");
    let passport = t.state_with(hours, &o.notices, Some("passport"), now);
    assert_eq!(why_kind(&passport), Some(NoticeKind::Suspended));
    assert!(passport
        .label(Lang::En, now)
        .starts_with("Suspended · opens Mon 14 Dec"));
    assert_eq!(
        t.state_with(hours, &o.notices, Some("id-renew"), now),
        OpeningState::Open {
            closes: Some(at("2026-12-12T12:00"))
        }
    );
    assert_eq!(
        t.state_with(hours, &o.notices, None, now),
        t.state(hours, now),
        "browsing without an item, the station is open"
    );
    let d = day("2026-12-12");
    assert_eq!(
        t.open_on_with(hours, &o.notices, Some("passport"), d),
        Some(false)
    );
    assert_eq!(
        t.open_on_with(hours, &o.notices, Some("id-renew"), d),
        Some(true)
    );
    assert!(closed_on(&o.notices, Some("passport"), d).is_some());
    assert!(closed_on(&o.notices, Some("id-renew"), d).is_none());
}

#[test]
fn extra_hours_add_a_saturday_afternoon() {
    let set = one(
        HALL,
        r#"[{"kind":"extra_hours","from":"2026-12-05","to":"2026-12-26","hours":"Sa 13:00-17:00","text":"身份证办理周末专场：12月每周六下午延时服务"}]"#,
    );
    let (t, o) = (table(), &set.outlets[0]);
    let hours = o.opening_hours.as_deref();
    let sat = t
        .day_with(hours, &o.notices, None, day("2026-12-12"))
        .unwrap();
    assert_eq!(sat.windows_text(Lang::Zh), "09:00–12:00、13:00–17:00");
    let fri = t
        .day_with(hours, &o.notices, None, day("2026-12-11"))
        .unwrap();
    assert_eq!(
        fri.windows_text(Lang::Zh),
        "09:00–17:00",
        "a Friday is not changed"
    );
    assert_eq!(
        t.state_with(hours, &o.notices, None, at("2026-12-12T14:00")),
        OpeningState::Open {
            closes: Some(at("2026-12-12T17:00"))
        }
    );
    assert_eq!(t.state(hours, at("2026-12-12T14:00")).key(), "closed");
    // The week table shows the extra afternoons on each Saturday of the notice.
    let week = t
        .week_with(hours, &o.notices, None, day("2026-12-04"), 7)
        .unwrap();
    assert_eq!(week[1].windows_text(Lang::En), "09:00–12:00, 13:00–17:00");
    assert_eq!(week[2].windows_text(Lang::En), "09:00–12:00", "Sunday");
}

#[test]
fn reduced_hours_replace_the_day_and_explain_the_early_close() {
    let set = one(
        HALL,
        r#"[{"kind":"reduced","from":"2026-12-24","to":"2026-12-24","hours":"09:00-12:00","text":"系统维护，当天仅上午办公"}]"#,
    );
    let (t, o) = (table(), &set.outlets[0]);
    let hours = o.opening_hours.as_deref();
    let plan = t
        .day_with(hours, &o.notices, None, day("2026-12-24"))
        .unwrap();
    assert_eq!(plan.windows_text(Lang::Zh), "09:00–12:00");
    let state = t.state_with(hours, &o.notices, None, at("2026-12-24T15:00"));
    assert_eq!(why_kind(&state), Some(NoticeKind::Reduced));
    assert_eq!(
        state,
        OpeningState::Closed {
            why: ClosedWhy::Notice {
                kind: NoticeKind::Reduced,
                text: "系统维护，当天仅上午办公".into(),
                text_en: None
            },
            opens: Some(at("2026-12-25T09:00")),
        }
    );
    // At night the reason is the ordinary one.
    let night = t.state_with(hours, &o.notices, None, at("2026-12-24T20:00"));
    assert!(matches!(
        night,
        OpeningState::Closed {
            why: ClosedWhy::Hours,
            ..
        }
    ));
}

#[test]
fn notices_ahead_are_announced_and_expired_ones_disappear() {
    let set = one(
        STATION,
        r#"[{"kind":"suspended","from":"2026-12-12","items":["passport"],"text":"出入境系统升级，暂停受理","text:en":"Exit-entry system upgrade"},
            {"kind":"suspended","id":"one-day","from":"2026-12-12","to":"2026-12-12","text":"系统升级"},
            {"kind":"closure","from":"2026-11-20","to":"2026-11-30","text":"装修"}]"#,
    );
    let o = &set.outlets[0];
    let (open_ended, one_day, past) = (&o.notices[0], &o.notices[1], &o.notices[2]);
    // Eight days before: not yet announced; seven days before and the day before: ahead.
    assert_eq!(
        open_ended.timing(at("2026-12-04T09:00")),
        NoticeTiming::Later
    );
    assert_eq!(
        open_ended.timing(at("2026-12-05T09:00")),
        NoticeTiming::Ahead
    );
    let eve = at("2026-12-11T18:00");
    assert_eq!(open_ended.timing(eve), NoticeTiming::Ahead);
    assert_eq!(open_ended.line(Lang::Zh, eve), "12月12日起暂停受理");
    assert_eq!(open_ended.line(Lang::En, eve), "From 12 Dec: suspended");
    assert_eq!(one_day.line(Lang::Zh, eve), "12月12日暂停受理");
    assert_eq!(one_day.line(Lang::En, eve), "On 12 Dec: suspended");
    assert_eq!(open_ended.text(Lang::En), "Exit-entry system upgrade");
    assert_eq!(
        one_day.text(Lang::En),
        "系统升级",
        "no English: the Chinese"
    );
    assert_eq!(one_day.id, "one-day");
    assert_eq!(open_ended.id, "a#1", "derived from the outlet's id");
    // In force: the line says until when.
    let during = at("2026-12-12T10:00");
    assert_eq!(one_day.timing(during), NoticeTiming::Current);
    assert_eq!(one_day.line(Lang::Zh, during), "暂停受理，至12月12日");
    assert_eq!(one_day.line(Lang::En, during), "Suspended until 12 Dec");
    // After it ends: gone from what is shown, and changes nothing.
    let after = at("2026-12-13T09:00");
    assert_eq!(one_day.timing(after), NoticeTiming::Expired);
    assert_eq!(past.timing(at("2026-12-04T09:00")), NoticeTiming::Expired);
    let ids: Vec<&str> = shown(&o.notices, eve)
        .iter()
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(ids, ["a#1", "one-day"]);
    assert!(shown(&o.notices, at("2026-12-04T09:00")).is_empty());
    let t = table();
    let hours = o.opening_hours.as_deref();
    let today = at("2026-12-04T10:00");
    assert_eq!(
        t.state_with(hours, &o.notices, Some("id-renew"), today),
        t.state(hours, today),
        "an expired closure and notices a week away change nothing today"
    );
}

#[test]
fn a_moved_station_points_to_the_outlet_that_took_over() {
    let set = outlets(&[
        (
            "old",
            "police_station",
            [121.40, 37.53],
            &["id-renew"],
            STATION,
            r#"[{"kind":"moved","from":"2026-12-07","moved_to":"new","text":"办公楼改造，即日起迁至新址办公"}]"#,
        ),
        (
            "near",
            "police_station",
            [121.401, 37.53],
            &["id-renew"],
            STATION,
            "[]",
        ),
        (
            "new",
            "police_station",
            [121.50, 37.60],
            &["id-renew"],
            STATION,
            "[]",
        ),
    ]);
    let (t, old) = (table(), set.get("old").unwrap());
    let hours = old.opening_hours.as_deref();
    let moved = t.state_with(hours, &old.notices, None, at("2026-12-08T10:00"));
    assert_eq!(why_kind(&moved), Some(NoticeKind::Moved));
    assert!(
        matches!(moved, OpeningState::Closed { opens: None, .. }),
        "moved for good: it does not reopen"
    );
    assert_eq!(
        alternative(&set, old, Some("id-renew"), day("2026-12-08")).map(|o| o.id.as_str()),
        Some("new"),
        "the outlet named, though another is nearer"
    );
    // Before the move, the nearest other station is the alternative.
    assert_eq!(
        alternative(&set, old, Some("id-renew"), day("2026-12-04")).map(|o| o.id.as_str()),
        Some("near")
    );
    assert_eq!(
        t.state_with(hours, &old.notices, None, at("2026-12-04T10:00")),
        t.state(hours, at("2026-12-04T10:00"))
    );
}

#[test]
fn a_closed_outlet_points_to_the_nearest_one_open_for_the_same_need() {
    let closure = r#"[{"kind":"closure","from":"2027-01-01","to":"2027-01-01","text":"暂停开放"}]"#;
    let set = outlets(&[
        (
            "a",
            "self_service",
            [121.40, 37.53],
            &["cert-print"],
            "24/7",
            closure,
        ),
        (
            "closed-too",
            "self_service",
            [121.401, 37.53],
            &["cert-print"],
            "24/7",
            closure,
        ),
        (
            "other-need",
            "self_service",
            [121.402, 37.53],
            &["violation"],
            "24/7",
            "[]",
        ),
        (
            "open",
            "self_service",
            [121.41, 37.53],
            &["cert-print"],
            "24/7",
            "[]",
        ),
        (
            "farther",
            "self_service",
            [121.45, 37.53],
            &["cert-print"],
            "24/7",
            "[]",
        ),
    ]);
    let a = set.get("a").unwrap();
    let ny = day("2027-01-01");
    assert_eq!(
        alternative(&set, a, Some("cert-print"), ny).map(|o| o.id.as_str()),
        Some("open")
    );
    // Without an item: the nearest of the same kind not closed that day.
    assert_eq!(
        alternative(&set, a, None, ny).map(|o| o.id.as_str()),
        Some("other-need")
    );
    // On another day the nearest is simply the nearest.
    assert_eq!(
        alternative(&set, a, Some("cert-print"), day("2027-01-02")).map(|o| o.id.as_str()),
        Some("closed-too")
    );
    assert_eq!(alternative(&set, a, Some("nothing-here"), ny), None);
}

const FEATURE_WITH_NOTICES: &str = r#"{"type":"FeatureCollection","features":[
{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[121.4,37.5]},"properties":{"name":"甲派出所","items":["id-renew"],"opening_hours":"Mo-Fr 09:00-17:00","notice":"节假日请提前电话确认","notices":[
  {"kind":"closure","from":"2027-01-01","to":"2027-01-01","text":"元旦闭馆"},
  {"kind":"holiday","from":"2027-01-01","text":"x"},
  {"kind":"closure","from":"2027-01-05","to":"2027-01-03","text":"倒过来了"},
  {"kind":"closure","from":"2027-01-01"},
  {"kind":"moved","from":"2027-01-01","text":"搬走了"},
  {"kind":"moved","from":"2027-01-01","moved_to":"ghost","text":"搬到不存在的地方"},
  {"kind":"suspended","from":"2027-01-01","items":["no-such-item"],"text":"暂停"},
  {"kind":"extra_hours","from":"2027-01-02","text":"延时"},
  {"kind":"reduced","from":"2027-01-02","hours":"9 to 5","text":"缩短"},
  {"kind":"closure","from":"12/12/2026","text":"日期写法不对"},
  {"kind":"moved","from":"2027-01-01","moved_to":"b","text":"迁至乙所"}
]}},
{"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[121.41,37.5]},"properties":{"name":"乙派出所","items":["id-renew"],"notices":"not a list"}}]}"#;

#[test]
fn each_bad_notice_is_reported_and_dropped_and_the_rest_kept() {
    let (mut set, mut problems) = OutletSet::parse(FEATURE_WITH_NOTICES).unwrap();
    let catalog = Catalog::new(
        vec![Item {
            id: "id-renew".into(),
            name: "身份证换领".into(),
            ..Default::default()
        }],
        vec![],
    );
    problems.extend(set.check_against(&catalog));
    assert_eq!(set.outlets.len(), 2, "both outlets kept");
    let a = set.get("a").unwrap();
    assert_eq!(a.notice.as_deref(), Some("节假日请提前电话确认"));
    let kept: Vec<&str> = a.notices.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(kept, ["元旦闭馆", "迁至乙所"]);
    let expect = [
        ("notices[1].kind", "unknown kind \"holiday\""),
        ("notices[2].to", "ends (to \"2027-01-03\") before it starts"),
        ("notices[3].text", "no text"),
        ("notices[4].moved_to", "needs moved_to"),
        ("notices[5].moved_to", "unknown moved_to outlet \"ghost\""),
        ("notices[6].items", "unknown item \"no-such-item\""),
        ("notices[7].hours", "needs hours"),
        ("notices[8].hours", "unreadable hours"),
        ("notices[9].from", "is not a date YYYY-MM-DD"),
    ];
    for (path, why) in expect {
        let p = problems
            .iter()
            .find(|p| p.path == format!("features[0].properties.{path}"))
            .unwrap_or_else(|| panic!("no report at {path}: {problems:#?}"));
        assert_eq!(p.level, Level::Error);
        assert_eq!(p.id.as_deref(), Some("a"), "names the outlet");
        assert!(
            p.message.contains("notice dropped") && p.message.contains(why),
            "{path}: {}",
            p.message
        );
    }
    let b = problems
        .iter()
        .find(|p| p.path == "features[1].properties.notices")
        .expect("the outlet whose notices are not a list");
    assert_eq!(b.id.as_deref(), Some("b"));
    let about_notices = problems.iter().filter(|p| p.path.contains("notices"));
    assert_eq!(about_notices.count(), expect.len() + 1, "{problems:#?}");
}

#[test]
fn notice_text_is_made_fit_to_show() {
    let long = "长".repeat(3000);
    let set_text = FEATURE_WITH_NOTICES.replace("元旦闭馆", &format!("\u{202e}{long}"));
    let (set, problems) = OutletSet::parse(&set_text).unwrap();
    let n = &set.get("a").unwrap().notices[0];
    assert!(!n.text.contains('\u{202e}'));
    assert_eq!(n.text.chars().count(), 2001, "2,000 characters and …");
    assert!(problems
        .iter()
        .any(|p| p.path == "features[0].properties.notices[0].text" && p.level == Level::Warning));
}

const BOARD: &str = r#"{"notices":[
  {"id":"exit-upgrade","kind":"suspended","from":"2026-12-12","to":"2026-12-12","items":["passport"],"text":"出入境系统升级，12月12日暂停受理","text:en":"Exit-entry system upgrade: no applications on 12 Dec"},
  {"id":"halls","kind":"closure","from":"2027-01-01","to":"2027-01-01","kinds":["service_hall"],"text":"元旦闭馆"},
  {"id":"one","kind":"reduced","from":"2026-12-24","to":"2026-12-24","outlets":["b"],"hours":"09:00-12:00","text":"仅上午办公"},
  {"id":"nobody","kind":"closure","from":"2026-12-24","outlets":["ghost"],"text":"x"},
  {"id":"bad-kind","kind":"closure","from":"2026-12-24","kinds":["castle"],"text":"x"},
  {"id":"bad-item","kind":"suspended","from":"2026-12-24","items":["nope"],"text":"x"},
  {"id":"bad-move","kind":"moved","from":"2026-12-24","outlets":["a"],"moved_to":"ghost","text":"x"}
]}"#;

#[test]
fn bureau_wide_notices_reach_the_outlets_they_name_and_bad_ones_are_reported() {
    let set_text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[121.4,37.5]},"properties":{"name":"甲","kind":"exit_entry","items":["passport"]}},
      {"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[121.41,37.5]},"properties":{"name":"乙","kind":"service_hall","items":["passport"],"notices":[{"kind":"closure","from":"2026-12-31","to":"2026-12-31","text":"自有公告"}]}},
      {"type":"Feature","id":"c","geometry":{"type":"Point","coordinates":[121.42,37.5]},"properties":{"name":"丙","kind":"service_hall","items":["passport"]}}]}"#;
    let (mut set, _) = OutletSet::parse(set_text).unwrap();
    let (mut board, mut problems) = NoticeBoard::parse(BOARD).unwrap();
    let catalog = Catalog::new(
        vec![Item {
            id: "passport".into(),
            name: "护照".into(),
            ..Default::default()
        }],
        vec![],
    );
    problems.extend(board.check(&set, Some(&catalog)));
    let kept: Vec<&str> = board.notices.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(kept, ["exit-upgrade", "halls", "one"]);
    for (path, id, why) in [
        ("notices[3].outlets", "nobody", "unknown outlet \"ghost\""),
        (
            "notices[4].kinds",
            "bad-kind",
            "unknown outlet kind \"castle\"",
        ),
        ("notices[5].items", "bad-item", "unknown item \"nope\""),
        (
            "notices[6].moved_to",
            "bad-move",
            "unknown moved_to outlet \"ghost\"",
        ),
    ] {
        let p = problems
            .iter()
            .find(|p| p.path == path)
            .unwrap_or_else(|| panic!("{path}: {problems:#?}"));
        assert_eq!((p.file, p.id.as_deref()), ("notices", Some(id)));
        assert!(p.message.contains(why), "{}", p.message);
    }
    assert_eq!(problems.len(), 4);
    set.add_notices(&board, 0);
    let ids = |id: &str| -> Vec<String> {
        set.get(id)
            .unwrap()
            .notices
            .iter()
            .map(|n| n.id.clone())
            .collect()
    };
    assert_eq!(ids("a"), ["exit-upgrade"], "for all: every outlet");
    assert_eq!(ids("b"), ["b#1", "exit-upgrade", "halls", "one"]);
    assert_eq!(ids("c"), ["exit-upgrade", "halls"], "by kind");
    // The bureau-wide suspension shuts the exit-entry hall for passports that day.
    let t = table();
    let a = set.get("a").unwrap();
    assert_eq!(
        t.open_on_with(Some(HALL), &a.notices, Some("passport"), day("2026-12-12")),
        Some(false)
    );
}

#[test]
fn a_notices_file_that_is_not_one_is_one_clear_error() {
    let e = NoticeBoard::parse(r#"{"type":"FeatureCollection","features":[]}"#).unwrap_err();
    assert_eq!(e.file, "notices");
    assert!(e.message.contains("\"notices\""), "{}", e.message);
    assert!(NoticeBoard::parse("not json").is_err());
    let (board, problems) = NoticeBoard::parse("\u{feff}{\"notices\":[]}").unwrap();
    assert!(board.notices.is_empty() && problems.is_empty());
}

#[test]
fn notices_survive_packing() {
    let (set, _) = OutletSet::parse(FEATURE_WITH_NOTICES).unwrap();
    let (_, files) = emap_core::pack::write(&set.outlets, false, 100, "outlets");
    let (name, text) = &files[0];
    let (list, problems) = emap_core::pack::parse_region(name, text, 0).unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
    let a = list.iter().find(|o| o.id == "a").unwrap();
    let json = |n: &[emap_core::Notice]| n.iter().map(|n| n.to_json()).collect::<Vec<_>>();
    assert_eq!(json(&a.notices), json(&set.get("a").unwrap().notices));
    assert_eq!(a.notices.len(), 3);
}
