//! `emap status-sample [OUT] [--at YYYY-MM-DDTHH:MM]`: a live status feed for the
//! sample city (queue figures for its halls and exit-entry halls, next appointment
//! slots), as a hall's queue system would write it; `as_of` is now (Beijing time)
//! unless `--at` says. The same `--at` writes the same figures.
//!
//! Also what `emap validate` does with a feed: [`check`].

use crate::sample::Rng;
use crate::Result;
use chrono::{Datelike, Duration, NaiveDateTime, Timelike, Weekday};
use emap_core::hours::{shanghai_time, ymd_hm};
use emap_core::problem::Problem;
use emap_core::status::{parse_time, Status, MAX_STATUS_BYTES};
use serde_json::{json, Map, Value};
use std::process::ExitCode;

/// Now, Beijing time.
pub fn now() -> NaiveDateTime {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_millis() as f64);
    shanghai_time(ms)
}

pub fn run(args: &[String]) -> Result<ExitCode> {
    let mut out = "public/data/yantai/status.json".to_owned();
    let mut at = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--at" => {
                let v = it.next().ok_or("--at needs a time")?;
                at = Some(
                    parse_time(v)
                        .ok_or(format!("--at {v}: not a time such as 2026-12-04T14:05"))?,
                );
            }
            other if !other.starts_with('-') => out = other.to_owned(),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let at = at.unwrap_or_else(now);
    let feed = sample(at);
    if let Some(dir) = std::path::Path::new(&out).parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&out, serde_json::to_string_pretty(&feed)? + "\n")?;
    eprintln!(
        "wrote live status for {} outlets as of {} to {out}",
        feed["outlets"].as_object().map_or(0, Map::len),
        ymd_hm(at)
    );
    Ok(ExitCode::SUCCESS)
}

/// How busy halls are at this time of day: a morning and an afternoon peak, quiet
/// at lunch and outside hours (0 when closed).
fn rush(t: NaiveDateTime) -> f64 {
    let h = t.hour() as f64 + t.minute() as f64 / 60.0;
    let weekend = matches!(t.weekday(), Weekday::Sat | Weekday::Sun);
    let base = match h {
        h if !(8.5..17.5).contains(&h) => 0.0,
        h if (12.0..13.5).contains(&h) => 0.3,
        h if h < 12.0 => 1.0 - (h - 10.0).abs() / 3.0,
        h => 0.9 - (h - 15.0).abs() / 3.0,
    };
    if weekend {
        base * 0.4
    } else {
        base
    }
}

/// The next working day's slot after `t`: 1 to 3 working days on, 09:00 to 16:30.
fn next_slot(t: NaiveDateTime, rng: &mut Rng) -> String {
    let mut day = t.date();
    let mut left = 1 + rng.below(3);
    while left > 0 {
        day += Duration::days(1);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    let minute = 9 * 60 + 30 * rng.below(16) as u32;
    ymd_hm(
        day.and_hms_opt(minute / 60, minute % 60, 0)
            .expect("a time of day"),
    )
}

/// The sample feed at `at`: every service hall and exit-entry hall of the sample city.
pub fn sample(at: NaiveDateTime) -> Value {
    let minute = at.and_utc().timestamp() / 60;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (minute as u64).wrapping_mul(0x2545_F491));
    let mut outlets = Map::new();
    for f in crate::sample::outlets().features {
        let kind = f.property("kind").and_then(Value::as_str).unwrap_or("");
        if !matches!(kind, "service_hall" | "exit_entry") {
            continue;
        }
        let Some(geojson::feature::Id::String(id)) = &f.id else {
            continue;
        };
        let green = id.ends_with("-gc");
        let windows = if rush(at) == 0.0 {
            0
        } else if green {
            1
        } else {
            2 + rng.below(4) as u32
        };
        let peak = if green { 6.0 } else { 30.0 } * rush(at);
        let waiting = (peak * (0.5 + rng.unit())).round() as u32;
        let wait = if windows == 0 {
            0
        } else {
            (waiting as f64 * (3.0 + 3.0 * rng.unit()) / windows as f64).round() as u32
        };
        // A figure a minute or two older than the file, as a queue system's export is.
        let own = at - Duration::minutes(rng.below(3) as i64);
        let mut entry = json!({
            "waiting": waiting, "windows_open": windows, "wait_minutes": wait,
            "as_of": ymd_hm(own),
        });
        let items: &[&str] = match kind {
            "exit_entry" => &["passport", "hk-macau-permit"],
            _ if green => &[],
            _ => &["id-renew"],
        };
        if !items.is_empty() {
            let slots: Map<String, Value> = items
                .iter()
                .map(|i| (i.to_string(), Value::from(next_slot(at, &mut rng))))
                .collect();
            entry["next_slot"] = Value::Object(slots);
        }
        outlets.insert(id.clone(), entry);
    }
    json!({
        "note": "示例数据，非真实排队情况。Sample figures written by `emap status-sample`, not real queues.",
        "as_of": ymd_hm(at),
        "outlets": outlets,
    })
}

/// Checks a feed file as the app reads it at `now`: its problems, the unknown
/// outlets (when the outlets are known), and whether it is too old to be shown.
pub fn check(
    path: &str,
    now: NaiveDateTime,
    fresh_minutes: u32,
    known: Option<&dyn Fn(&str) -> bool>,
    problems: &mut Vec<Problem>,
) -> Result<()> {
    let text = match crate::read_limited("status", path, MAX_STATUS_BYTES) {
        Ok(t) => t,
        Err(e) if !std::path::Path::new(path).exists() => {
            problems.push(Problem::warning(
                "status",
                path,
                format!("{e}: the app shows no live figures until the queue system writes it"),
            ));
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    let (mut status, p) = Status::parse(&text, now)?;
    problems.extend(p);
    if let Some(known) = known {
        problems.extend(status.keep_known(known));
    }
    if let Some(as_of) = status.as_of {
        let age = (now - as_of).num_minutes();
        if age > fresh_minutes as i64 {
            problems.push(Problem::warning(
                "status",
                format!("{path} as_of"),
                format!(
                    "{} is {age} minutes old (status_fresh_minutes {fresh_minutes}): stale, so the app shows none of it as live",
                    ymd_hm(as_of)
                ),
            ));
        }
    }
    println!("status {path}: {} entries kept", status.len());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use emap_core::OutletSet;

    /// The sample feed loads without a problem, names only sample outlets, and its
    /// figures are live at the time it was written.
    #[test]
    fn the_sample_feed_is_clean_and_live_when_written() {
        let at = parse_time("2026-12-04T10:05").unwrap();
        let text = sample(at).to_string();
        let (mut status, problems) = Status::parse(&text, at).unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
        let outlets = crate::geojson_text(&crate::sample::outlets()).unwrap();
        let (set, _) = OutletSet::parse(&outlets).unwrap();
        assert_eq!(status.keep_known(|id| set.get(id).is_some()), None);
        assert!(status.len() >= 20, "{}", status.len());
        let hall = status.entry("d01-hall", at).unwrap();
        assert!(hall.waiting.unwrap() > 0 && hall.windows_open.unwrap() > 0);
        assert!(status
            .entry("d01-exit", at)
            .unwrap()
            .next_slot("passport")
            .is_some());
        assert_eq!(sample(at), sample(at), "the same time, the same figures");
        // At night every window is shut.
        let night = parse_time("2026-12-04T22:00").unwrap();
        let (status, _) = Status::parse(&sample(night).to_string(), night).unwrap();
        assert_eq!(
            status.entry("d01-hall", night).unwrap().windows_open,
            Some(0)
        );
    }
}
