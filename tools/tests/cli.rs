//! The `emap` command as staff run it: its exit codes are what the README says
//! (0 clean, 1 errors, 2 no or unknown command).

use std::process::Command;

fn emap(args: &[&str]) -> i32 {
    Command::new(env!("CARGO_BIN_EXE_emap"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("emap runs")
        .status
        .code()
        .expect("an exit code")
}

/// Regression (issue 21): a fatal file problem exited 2 though the README says 1.
#[test]
fn errors_exit_1_and_a_missing_command_2() {
    assert_eq!(emap(&["validate", "--config", "public/config.json"]), 0);
    let dir = std::env::temp_dir().join(format!("emap-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("o.geojson");
    std::fs::write(&broken, "{\"type\":\"FeatureCollection\",\"features\":[").unwrap();
    assert_eq!(
        emap(&["validate", "--outlets", broken.to_str().unwrap()]),
        1
    );
    assert_eq!(emap(&["validate", "--outlets", "/no/such/file.geojson"]), 1);
    assert_eq!(emap(&[]), 2);
    assert_eq!(emap(&["frobnicate"]), 2);
    std::fs::remove_dir_all(dir).unwrap();
}

/// `emap` in the repository's root, with its exit code, stdout and stderr.
fn emap_out(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_emap"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("emap runs");
    (
        out.status.code().expect("an exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A small deployment in a folder of its own: two stations, an exit-entry hall, a
/// catalog; `notices` names the notices file (not written yet) when given.
fn deployment(name: &str, notices: Option<&str>) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("emap-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("o.geojson"),
        r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","id":"ps1","properties":{"name":"东山派出所","kind":"police_station","items":["id-renew"],"opening_hours":"Mo-Fr 09:00-17:00",
          "notices":[{"id":"ps1-moved","kind":"moved","from":"2026-12-07","moved_to":"ps2","text":"迁至通伸派出所办公"}]},"geometry":{"type":"Point","coordinates":[121.4,37.5]}},
        {"type":"Feature","id":"ps2","properties":{"name":"通伸派出所","kind":"police_station","items":["id-renew"],"opening_hours":"Mo-Fr 09:00-17:00"},"geometry":{"type":"Point","coordinates":[121.41,37.5]}},
        {"type":"Feature","id":"exit","properties":{"name":"出入境接待大厅","kind":"exit_entry","items":["passport"],"opening_hours":"Mo-Sa 09:00-17:00"},"geometry":{"type":"Point","coordinates":[121.42,37.5]}}]}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("c.json"),
        r#"{"items":[{"id":"id-renew","name":"身份证换领","category":"household"},{"id":"passport","name":"护照","category":"exit_entry"}]}"#,
    )
    .unwrap();
    let notices = notices
        .map(|n| format!(r#","notices":"{n}""#))
        .unwrap_or_default();
    std::fs::write(
        dir.join("config.json"),
        format!(r#"{{"title":"t","outlets":"o.geojson","catalog":"c.json","center":[121.4,37.5]{notices}}}"#),
    )
    .unwrap();
    dir
}

#[test]
fn notice_add_list_and_end_keep_the_bureau_notices_file() {
    let dir = deployment("notice", Some("data/notices.json"));
    let config = dir.join("config.json");
    let config = config.to_str().unwrap();
    let today = ["--today", "2026-12-04"];
    // Added: the file is created where the config says.
    let (code, out, err) = emap_out(
        &[
            &["notice", "add", "--config", config, "--kind", "suspended"][..],
            &[
                "--from",
                "2026-12-12",
                "--to",
                "2026-12-12",
                "--item",
                "passport",
            ],
            &[
                "--outlet-kind",
                "exit_entry",
                "--text",
                "出入境系统升级，12月12日暂停受理",
            ],
            &["--text-en", "Exit-entry system upgrade", "--id", "upgrade"],
            &today,
        ]
        .concat(),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("added upgrade"), "{out}");
    let written = std::fs::read_to_string(dir.join("data/notices.json")).unwrap();
    let (board, problems) = emap_core::NoticeBoard::parse(&written).unwrap();
    assert!(problems.is_empty());
    assert_eq!(board.notices[0].items, ["passport"]);
    // A second one gets an id of its own.
    let (code, out, _) = emap_out(
        &[
            &["notice", "add", "--config", config, "--kind", "closure"][..],
            &[
                "--from",
                "2027-01-01",
                "--text",
                "元旦闭馆",
                "--outlet",
                "ps2",
            ],
            &today,
        ]
        .concat(),
    );
    assert_eq!(code, 0);
    assert!(out.contains("added 2027-01-01-closure"), "{out}");
    // Listed with their state today, the outlet's own notice included.
    let (code, out, _) = emap_out(&[&["notice", "list", "--config", config][..], &today].concat());
    assert_eq!(code, 0);
    let line = |id: &str| {
        out.lines()
            .find(|l| l.contains(id))
            .unwrap_or_else(|| panic!("{id} not listed: {out}"))
            .to_owned()
    };
    assert!(line("ps1-moved").starts_with("ahead"), "{out}");
    assert!(line("ps1-moved").contains("→ ps2"));
    assert!(line("upgrade").starts_with("later"));
    assert!(line("upgrade").contains("kind exit_entry"));
    assert!(line("2027-01-01-closure").contains("outlet ps2"));
    assert!(out.contains("3 notices"));
    // Ended: `to` set; listed as expired once the day has passed.
    let (code, out, err) = emap_out(
        &[
            &["notice", "end", "--config", config, "2027-01-01-closure"][..],
            &["--on", "2027-01-02"],
        ]
        .concat(),
    );
    assert_eq!(code, 0, "{out}{err}");
    let (_, out, _) = emap_out(&[
        "notice",
        "list",
        "--config",
        config,
        "--today",
        "2027-01-03",
    ]);
    assert!(
        out.lines()
            .any(|l| l.starts_with("expired") && l.contains("2027-01-01-closure")),
        "{out}"
    );
    // Refused: an end before its start, an unknown notice, an outlet's own notice.
    let (code, _, err) = emap_out(&[
        "notice",
        "end",
        "--config",
        config,
        "upgrade",
        "--on",
        "2026-12-01",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("before it starts"), "{err}");
    let (code, _, err) = emap_out(&["notice", "end", "--config", config, "nothing"]);
    assert_eq!(code, 1);
    assert!(err.contains("no notice \"nothing\""), "{err}");
    let (code, _, err) = emap_out(&["notice", "end", "--config", config, "ps1-moved"]);
    assert_eq!(code, 1);
    assert!(err.contains("outlets file"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn notice_add_refuses_a_bad_notice_with_the_reason_and_writes_nothing() {
    let dir = deployment("notice-refused", Some("notices.json"));
    let config = dir.join("config.json");
    let config = config.to_str().unwrap();
    let base = ["notice", "add", "--config", config];
    for (args, why) in [
        (
            vec![
                "--kind",
                "closure",
                "--from",
                "2026-12-12",
                "--text",
                "x",
                "--outlet",
                "ghost",
            ],
            "unknown outlet \"ghost\"",
        ),
        (
            vec![
                "--kind",
                "closure",
                "--from",
                "2026-12-12",
                "--to",
                "2026-12-10",
                "--text",
                "x",
            ],
            "before it starts",
        ),
        (vec!["--kind", "closure", "--from", "2026-12-12"], "no text"),
        (
            vec![
                "--kind",
                "moved",
                "--from",
                "2026-12-12",
                "--text",
                "x",
                "--outlet",
                "ps1",
            ],
            "needs moved_to",
        ),
        (
            vec![
                "--kind",
                "moved",
                "--from",
                "2026-12-12",
                "--text",
                "x",
                "--moved-to",
                "ghost",
            ],
            "unknown moved_to outlet \"ghost\"",
        ),
        (
            vec![
                "--kind",
                "suspended",
                "--from",
                "2026-12-12",
                "--text",
                "x",
                "--item",
                "visa",
            ],
            "unknown item \"visa\"",
        ),
        (
            vec!["--kind", "holiday", "--from", "2026-12-12", "--text", "x"],
            "unknown kind \"holiday\"",
        ),
        (
            vec![
                "--kind",
                "extra_hours",
                "--from",
                "2026-12-12",
                "--text",
                "x",
            ],
            "needs hours",
        ),
    ] {
        let (code, _, err) = emap_out(&[&base[..], &args].concat());
        assert_eq!(code, 1, "{args:?}");
        assert!(
            err.contains("notice refused") && err.contains(why),
            "{args:?}: {err}"
        );
    }
    assert!(!dir.join("notices.json").exists(), "nothing written");
    // A config that names no notices file says how to name one.
    let plain = deployment("notice-plain", None);
    let config = plain.join("config.json");
    let (code, _, err) = emap_out(&[
        "notice",
        "add",
        "--config",
        config.to_str().unwrap(),
        "--kind",
        "closure",
        "--from",
        "2026-12-12",
        "--text",
        "x",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("names no notices file"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
    std::fs::remove_dir_all(plain).unwrap();
}

#[test]
fn validate_reports_bad_notices_in_both_places() {
    let dir = deployment("notice-validate", Some("notices.json"));
    std::fs::write(
        dir.join("notices.json"),
        r#"{"notices":[
        {"id":"ok","kind":"closure","from":"2027-01-01","to":"2027-01-01","text":"元旦闭馆"},
        {"id":"reversed","kind":"closure","from":"2027-01-05","to":"2027-01-01","text":"x"},
        {"id":"nobody","kind":"closure","from":"2027-01-05","outlets":["ghost"],"text":"x"}]}"#,
    )
    .unwrap();
    let outlets = std::fs::read_to_string(dir.join("o.geojson"))
        .unwrap()
        .replace(r#""moved_to":"ps2""#, r#""moved_to":"ps9""#);
    std::fs::write(dir.join("o.geojson"), outlets).unwrap();
    let config = dir.join("config.json");
    let (code, out, _) = emap_out(&["validate", "--config", config.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error: notices notices[1].to (id reversed): notice dropped: ends"),
        "{out}"
    );
    assert!(
        out.contains("notices[2].outlets (id nobody): notice dropped: unknown outlet \"ghost\""),
        "{out}"
    );
    assert!(
        out.contains("features[0].properties.notices[0].moved_to (id ps1): notice dropped: unknown moved_to outlet \"ps9\""),
        "{out}"
    );
    assert!(out.contains("1 notices kept"), "{out}");
    assert!(out.contains("3 errors"), "{out}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// Beijing time now, minus `minutes`, as a queue system writes it.
fn beijing_minus(minutes: i64) -> String {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as f64;
    let t = emap_core::hours::shanghai_time(ms) - chrono::Duration::minutes(minutes);
    emap_core::hours::ymd_hm(t)
}

/// A maintainer checking the feed a hall's queue system writes sees each bad entry
/// with its outlet and why, the outlets the feed names that do not exist, and a
/// feed too old to be shown; the good entries still count.
#[test]
fn validate_reports_a_bad_status_entry_with_its_outlet() {
    let dir = deployment("status", None);
    let config = dir.join("config.json");
    let text = std::fs::read_to_string(&config)
        .unwrap()
        .replace(r#""center""#, r#""status":"status.json","center""#);
    std::fs::write(&config, text).unwrap();
    let now = beijing_minus(1);
    std::fs::write(
        dir.join("status.json"),
        format!(
            r#"{{"as_of":"{now}","outlets":{{
            "exit":{{"waiting":12,"windows_open":3,"wait_minutes":25,"next_slot":{{"passport":"2027-01-04T09:30"}}}},
            "ps1":{{"waiting":-4}},
            "ghost":{{"waiting":1}}}}}}"#
        ),
    )
    .unwrap();
    let (code, out, _) = emap_out(&["validate", "--config", config.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            r#"error: status outlets["ps1"] (id ps1): entry dropped: waiting -4 is negative"#
        ),
        "{out}"
    );
    assert!(
        out.contains("1 entries for outlets not in the outlets file, ignored: \"ghost\""),
        "{out}"
    );
    assert!(out.contains("status.json: 1 entries kept"), "{out}");
    // The same file given on its own, an hour old: stale, said as a warning.
    let old = std::fs::read_to_string(dir.join("status.json"))
        .unwrap()
        .replace(&now, &beijing_minus(60))
        .replace(r#""waiting":-4"#, r#""waiting":4"#);
    std::fs::write(dir.join("old.json"), old).unwrap();
    let (code, out, _) = emap_out(&[
        "validate",
        "--status",
        dir.join("old.json").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("is 60 minutes old"), "{out}");
    assert!(
        out.contains("stale, so the app shows none of it as live"),
        "{out}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// The deployment's outlets file with `props` added to the exit-entry hall's
/// properties, validated; exit code and stdout.
fn validate_with_exit_props(name: &str, props: &str, config_extra: &str) -> (i32, String) {
    let dir = deployment(name, None);
    let outlets = std::fs::read_to_string(dir.join("o.geojson"))
        .unwrap()
        .replace(
            r#""opening_hours":"Mo-Sa 09:00-17:00""#,
            &format!(
                r#""opening_hours":"Mo-Sa 09:00-17:00"{}{props}"#,
                if props.is_empty() { "" } else { "," }
            ),
        );
    std::fs::write(dir.join("o.geojson"), outlets).unwrap();
    if !config_extra.is_empty() {
        let config = std::fs::read_to_string(dir.join("config.json"))
            .unwrap()
            .replace(r#","center""#, &format!(r#"{config_extra},"center""#));
        std::fs::write(dir.join("config.json"), config).unwrap();
    }
    let config = dir.join("config.json");
    let (code, out, err) = emap_out(&["validate", "--config", config.to_str().unwrap()]);
    std::fs::remove_dir_all(dir).unwrap();
    (code, out + &err)
}

/// Issue 19: each access fact that cannot be read is named with its outlet and key;
/// the outlet is kept, so these are warnings and validate passes.
#[test]
fn validate_reports_bad_access_facts() {
    let (code, out) = validate_with_exit_props(
        "access",
        r#""wheelchair":"有","toilets:wheelchair":"limited","capacity:disabled":-2,"hearing_loop":"maybe","priority_window":"yes""#,
        "",
    );
    assert_eq!(code, 0, "{out}");
    for line in [
        r#"warning: outlets features[2].properties.wheelchair (id exit): wheelchair "有" is not yes, limited or no; left out"#,
        r#"warning: outlets features[2].properties.toilets:wheelchair (id exit): toilets:wheelchair "limited" is not yes or no; left out"#,
        "warning: outlets features[2].properties.capacity:disabled (id exit): capacity:disabled -2 is not a number of spaces (0 to 1000), yes or no; left out",
        r#"warning: outlets features[2].properties.hearing_loop (id exit): hearing_loop "maybe" is not yes or no; left out"#,
        "3 outlets kept",
        "0 errors, 4 warnings",
    ] {
        assert!(out.contains(line), "{line}\nnot in\n{out}");
    }
}

/// A busy profile that cannot be read is named with where in it and why.
#[test]
fn validate_reports_a_bad_busy_profile() {
    let twenty = "[0,60,75,80,75,65,55,45,0,0,75,60,50,45,40,35,30,25,20,0]";
    for (busy, line) in [
        (
            r#"{"mo":[1,2,3]}"#.to_owned(),
            "features[2].properties.busy.mo (id exit): busy profile left out: mo has 3 numbers; it needs 20, one per half-hour from 08:00 to 18:00",
        ),
        (
            r#"{"tu":[0,60,75,80,75,65,55,45,0,0,75,60,50,45,40,35,30,25,20,101]}"#.to_owned(),
            "features[2].properties.busy.tu[19] (id exit): busy profile left out: tu[19] 101 is not a number from 0 to 100",
        ),
        (
            format!(r#"{{"mo":{twenty},"weekend":{twenty}}}"#),
            r#"features[2].properties.busy.weekend (id exit): busy profile left out: unknown day "weekend": use mo, tu, we, th, fr, sa, su"#,
        ),
        (
            r#""busy""#.to_owned(),
            r#"features[2].properties.busy (id exit): busy profile left out: busy should be an object of days (mo, tu, we, th, fr, sa, su), each 20 numbers 0 to 100 for the half-hours 08:00–18:00, found "busy""#,
        ),
        (
            r#"{"mo":"x"}"#.to_owned(),
            r#"features[2].properties.busy.mo (id exit): busy profile left out: mo should be an array of 20 numbers 0 to 100 (the half-hours 08:00–18:00), found "x""#,
        ),
        (
            format!(r#"{{"mo":{twenty},"Mo":{twenty}}}"#),
            "features[2].properties.busy.mo (id exit): busy profile left out: mo is given twice",
        ),
        (
            "{}".to_owned(),
            "features[2].properties.busy (id exit): busy profile left out: busy gives no day: write mo … su, each 20 numbers",
        ),
    ] {
        let (code, out) = validate_with_exit_props("busy", &format!(r#""busy":{busy}"#), "");
        assert_eq!(code, 0, "{out}");
        assert!(out.contains(&format!("warning: outlets {line}")), "{line}\nnot in\n{out}");
        assert!(out.contains("3 outlets kept"), "{out}");
    }
}

/// A check date that is not a date, or is after today, is named and left out.
#[test]
fn validate_reports_bad_check_dates() {
    let (code, out) = validate_with_exit_props("check-date", r#""check_date":"2026/11/03""#, "");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(r#"warning: outlets features[2].properties.check_date (id exit): check_date "2026/11/03" is not a date YYYY-MM-DD; left out"#),
        "{out}"
    );
    let (code, out) = validate_with_exit_props("check-future", r#""check_date":"2999-01-01""#, "");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("warning: outlets features[2].properties.check_date (id exit): check_date 2999-01-01 is in the future (today "),
        "{out}"
    );
    let (_, out) = validate_with_exit_props(
        "check-ok",
        r#""check_date":"2024-11-03","supervision_phone":"0535-6220110""#,
        "",
    );
    assert!(
        out.contains("0 errors, 0 warnings"),
        "an old date is not a problem: {out}"
    );
}

/// The config's `report`: a link the app would not offer, or nothing to offer.
#[test]
fn validate_reports_a_report_entry_it_cannot_offer() {
    let (code, out) = validate_with_exit_props(
        "report-js",
        "",
        r#","report":{"url":"javascript:alert('{outlet}')","phone":"12345"}"#,
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(r#"warning: config report.url: "javascript:alert('{outlet}')" is not an http/https link; the app does not offer it"#),
        "{out}"
    );
    let (_, out) = validate_with_exit_props("report-empty", "", r#","report":{}"#);
    assert!(
        out.contains("warning: config report: names neither url nor phone: residents are offered no way to report wrong information"),
        "{out}"
    );
    let (_, out) = validate_with_exit_props(
        "report-ok",
        "",
        r#","supervision_phone":"12389","report":{"url":"https://12345.example/r?outlet={outlet}&field={field}"}"#,
    );
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
}
