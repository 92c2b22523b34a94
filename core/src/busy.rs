//! How busy an outlet usually is (繁忙时段): a typical week drawn from past ticket
//! counts, so a resident can pick a quiet time and the visit planner can mark the
//! busy half-hours.
//!
//! The `busy` property is an object with a key per day (`mo`, `tu`, `we`, `th`, `fr`,
//! `sa`, `su`; each optional), each an array of exactly [`SLOTS`] numbers from 0 to
//! 100, one per half-hour from 08:00 to 18:00 (the first is 08:00–08:30, the last
//! 17:30–18:00), Beijing time:
//!
//! ```json
//! "busy": { "mo": [40, 85, 100, 95, 90, 80, 70, 55, 0, 0, 90, 75, 60, 55, 50, 45, 40, 30, 20, 0] }
//! ```
//!
//! A number is how busy that half-hour usually is: 0 for none (the outlet is closed
//! or no ticket is drawn), 100 for the busiest half-hour of the week. Scale a hall's
//! average tickets per half-hour so its busiest is 100. A profile that cannot be read
//! (a day with another number of values, a value out of range, an unknown day) is
//! reported and left out as a whole; the outlet stays.

use crate::i18n::Lang;
use crate::text::quote;
use chrono::{Duration, NaiveTime, Timelike, Weekday};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// Half-hours a day's profile holds: 08:00 to 18:00.
pub const SLOTS: usize = 20;
/// The first half-hour starts at 08:00 (minutes after midnight).
pub const FIRST_MINUTE: u32 = 8 * 60;
/// A half-hour at or above this is busy.
///
/// Why a fixed level rather than one relative to each day: the scale is already
/// relative to the whole week (100 is the busiest half-hour), so 70 means "within a
/// third of the worst crowd of the week" on every day alike. A rule relative to each
/// day would call a quiet Sunday's small peak busy, and send residents from it to a
/// Monday that is twice as crowded.
pub const BUSY_AT: u8 = 70;
/// A profile whose quietest half-day is less than this far below its busiest (in
/// points of the 0–100 scale) is flat: [`BusyWeek::quiet_times`] says nothing.
pub const FLAT_SPREAD: f64 = 25.0;
/// Half-days within this many points of the quietest are quiet too.
pub const QUIET_MARGIN: f64 = 10.0;
/// Most half-days [`BusyWeek::quiet_times`] names; beyond that a phrase stops
/// helping.
pub const MAX_QUIET: usize = 3;
/// The day keys, Monday first (as [`Weekday::num_days_from_monday`] counts).
pub const DAY_KEYS: [&str; 7] = ["mo", "tu", "we", "th", "fr", "sa", "su"];
/// Slots of the morning (08:00–12:00); the rest (12:00–18:00) is the afternoon.
const MORNING: usize = 8;

/// A typical week: per day (Monday first), the busyness of each half-hour, or
/// `None` where the profile does not give that day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct BusyWeek {
    pub days: [Option<[u8; SLOTS]>; 7],
}

/// Where in the profile a problem is (`.mo`, `.mo[3]`, or empty for the whole) and
/// why.
pub type Refusal = (String, String);

fn time_of(slot: usize) -> NaiveTime {
    NaiveTime::MIN + Duration::minutes((FIRST_MINUTE + 30 * slot as u32) as i64)
}

/// The half-hour `time` falls in, if between 08:00 and 18:00.
pub fn slot_of(time: NaiveTime) -> Option<usize> {
    let minute = time.hour() * 60 + time.minute();
    let slot = minute.checked_sub(FIRST_MINUTE)? / 30;
    (slot < SLOTS as u32).then_some(slot as usize)
}

impl BusyWeek {
    /// Reads a `busy` value. Any problem refuses the whole profile, with where and why.
    pub fn read(value: &Value) -> Result<BusyWeek, Refusal> {
        const SHAPE: &str = "an object of days (mo, tu, we, th, fr, sa, su), each 20 numbers 0 to 100 for the half-hours 08:00–18:00";
        let Some(object) = value.as_object() else {
            return Err((
                String::new(),
                format!("busy should be {SHAPE}, found {}", quote(value)),
            ));
        };
        let mut week = BusyWeek::default();
        for (key, day) in object {
            let Some(d) = DAY_KEYS
                .iter()
                .position(|k| k.eq_ignore_ascii_case(key.trim()))
            else {
                return Err((
                    format!(".{key}"),
                    format!("unknown day {}: use mo, tu, we, th, fr, sa, su", quote(key)),
                ));
            };
            let list = match day {
                Value::Null => continue,
                Value::Array(list) => list,
                other => {
                    return Err((
                        format!(".{key}"),
                        format!(
                            "{key} should be an array of 20 numbers 0 to 100 (the half-hours 08:00–18:00), found {}",
                            quote(other)
                        ),
                    ))
                }
            };
            if list.len() != SLOTS {
                return Err((
                    format!(".{key}"),
                    format!(
                        "{key} has {} numbers; it needs 20, one per half-hour from 08:00 to 18:00",
                        list.len()
                    ),
                ));
            }
            if week.days[d].is_some() {
                return Err((format!(".{key}"), format!("{key} is given twice")));
            }
            let mut values = [0u8; SLOTS];
            for (i, v) in list.iter().enumerate() {
                match v.as_f64() {
                    Some(x) if (0.0..=100.0).contains(&x) => values[i] = x.round() as u8,
                    _ => {
                        return Err((
                            format!(".{key}[{i}]"),
                            format!("{key}[{i}] {} is not a number from 0 to 100", quote(v)),
                        ))
                    }
                }
            }
            week.days[d] = Some(values);
        }
        if week.days.iter().all(Option::is_none) {
            return Err((
                String::new(),
                "busy gives no day: write mo … su, each 20 numbers".into(),
            ));
        }
        Ok(week)
    }

    /// The profile as an outlets file writes it.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        for (key, day) in DAY_KEYS.iter().zip(&self.days) {
            if let Some(values) = day {
                m.insert((*key).into(), json!(values));
            }
        }
        Value::Object(m)
    }

    /// The day's profile, if given.
    pub fn day(&self, weekday: Weekday) -> Option<&[u8; SLOTS]> {
        self.days[weekday.num_days_from_monday() as usize].as_ref()
    }

    /// Whether the half-hour containing `time` is usually busy ([`BUSY_AT`] or more).
    /// `None` when the profile does not give the day, or the time is outside
    /// 08:00–18:00.
    pub fn is_busy(&self, weekday: Weekday, time: NaiveTime) -> Option<bool> {
        Some(self.day(weekday)?[slot_of(time)?] >= BUSY_AT)
    }

    /// The day's busy half-hours, each as (start, end): for marking slots in the
    /// detail and the visit planner. Empty when none is busy or the day is not given.
    pub fn busy_halfhours(&self, weekday: Weekday) -> Vec<(NaiveTime, NaiveTime)> {
        let Some(day) = self.day(weekday) else {
            return Vec::new();
        };
        (0..SLOTS)
            .filter(|&i| day[i] >= BUSY_AT)
            .map(|i| (time_of(i), time_of(i + 1)))
            .collect()
    }

    /// The day's busy half-hours joined into spans (08:30–10:30, 13:00–13:30), to say
    /// in words.
    pub fn busy_spans(&self, weekday: Weekday) -> Vec<(NaiveTime, NaiveTime)> {
        let mut spans: Vec<(NaiveTime, NaiveTime)> = Vec::new();
        for (start, end) in self.busy_halfhours(weekday) {
            match spans.last_mut() {
                Some(last) if last.1 == start => last.1 = end,
                _ => spans.push((start, end)),
            }
        }
        spans
    }

    /// One short phrase naming the quietest half-days of the week: "周二、周四上午人少"
    /// / "Usually quiet: Tue and Thu mornings". `None` when the profile is flat or
    /// gives too little to compare.
    ///
    /// The rule: a half-day (morning 08:00–12:00, afternoon 12:00–18:00) is as busy as
    /// the mean of its half-hours that are not 0 (a 0 is a closed half-hour, such as
    /// lunch, and would make a half-day that is open only briefly look quiet); a
    /// half-day with every value 0 is closed and not counted. With at least three
    /// half-days counted, and the quietest at least [`FLAT_SPREAD`] points below the
    /// busiest, the quiet ones are those within [`QUIET_MARGIN`] points of the
    /// quietest: at most [`MAX_QUIET`] of them, the quietest first, named in week
    /// order.
    pub fn quiet_times(&self, lang: Lang) -> Option<String> {
        let mut halves: Vec<(usize, Half, f64)> = Vec::new();
        for (d, day) in self.days.iter().enumerate() {
            let Some(day) = day else { continue };
            for (half, range) in [
                (Half::Morning, 0..MORNING),
                (Half::Afternoon, MORNING..SLOTS),
            ] {
                let open: Vec<f64> = day[range]
                    .iter()
                    .filter(|&&v| v > 0)
                    .map(|&v| v as f64)
                    .collect();
                if !open.is_empty() {
                    halves.push((d, half, open.iter().sum::<f64>() / open.len() as f64));
                }
            }
        }
        if halves.len() < 3 {
            return None;
        }
        let max = halves.iter().map(|h| h.2).fold(f64::MIN, f64::max);
        let min = halves.iter().map(|h| h.2).fold(f64::MAX, f64::min);
        if max - min < FLAT_SPREAD {
            return None;
        }
        let mut quiet: Vec<(usize, Half, f64)> = halves
            .into_iter()
            .filter(|h| h.2 <= min + QUIET_MARGIN)
            .collect();
        // Through `order`, the app's one sort: quietest first, then by day and half.
        let day_half = |h: &(usize, Half, f64)| (h.0 as u64) << 8 | h.1 as u64;
        crate::order::sort_by_key(&mut quiet, |h| (crate::order::f64_key(h.2), day_half(h)));
        quiet.truncate(MAX_QUIET);
        crate::order::sort_by_key(&mut quiet, |h| (day_half(h), 0));
        // A day quiet all day is said once.
        let mut named: Vec<(usize, Half)> = Vec::new();
        for (d, half, _) in quiet {
            match named.last_mut() {
                Some(last) if last.0 == d => last.1 = Half::AllDay,
                _ => named.push((d, half)),
            }
        }
        Some(phrase(&named, lang))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Half {
    Morning,
    Afternoon,
    AllDay,
}

const DAYS_ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
const DAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// "a", "a and b", "a, b and c".
fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn phrase(named: &[(usize, Half)], lang: Lang) -> String {
    let same = named.iter().all(|n| n.1 == named[0].1);
    match lang {
        Lang::Zh => {
            let label = |h: Half| match h {
                Half::Morning => "上午",
                Half::Afternoon => "下午",
                Half::AllDay => "全天",
            };
            if same {
                let days: Vec<&str> = named.iter().map(|n| DAYS_ZH[n.0]).collect();
                format!("{}{}人少", days.join("、"), label(named[0].1))
            } else {
                let parts: Vec<String> = named
                    .iter()
                    .map(|n| format!("{}{}", DAYS_ZH[n.0], label(n.1)))
                    .collect();
                format!("{}人少", parts.join("、"))
            }
        }
        Lang::En => {
            let label = |h: Half, plural: bool| match (h, plural) {
                (Half::Morning, false) => "morning",
                (Half::Morning, true) => "mornings",
                (Half::Afternoon, false) => "afternoon",
                (Half::Afternoon, true) => "afternoons",
                (Half::AllDay, _) => "all day",
            };
            let text = if same {
                let days: Vec<String> = named.iter().map(|n| DAYS_EN[n.0].to_owned()).collect();
                format!("{} {}", and_list(&days), label(named[0].1, named.len() > 1))
            } else {
                let parts: Vec<String> = named
                    .iter()
                    .map(|n| format!("{} {}", DAYS_EN[n.0], label(n.1, false)))
                    .collect();
                and_list(&parts)
            };
            format!("Usually quiet: {text}")
        }
    }
}

/// Reads an outlet's `busy` property; a profile that cannot be read is told to
/// `warn` with its path below the property (`.busy.mo`) and why, and left out.
pub fn read_prop(
    value: Option<&Value>,
    mut warn: impl FnMut(&str, String),
) -> Option<std::sync::Arc<BusyWeek>> {
    match value {
        None | Some(Value::Null) => None,
        Some(v) => match BusyWeek::read(v) {
            Ok(week) => Some(week.into()),
            Err((at, why)) => {
                warn(
                    &format!(".busy{at}"),
                    format!("busy profile left out: {why}"),
                );
                None
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Weekday::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    /// A hall open 08:30–12:00 and 13:00–17:00 on weekdays: crowded on Monday
    /// morning and when it reopens after lunch, quiet on Tuesday and Wednesday
    /// afternoons.
    fn hall() -> BusyWeek {
        let morning = [0, 60, 75, 80, 75, 65, 55, 45];
        let afternoon = [0, 0, 75, 60, 50, 45, 40, 35, 30, 25, 20, 0];
        let day = |m: f64, a: f64| {
            let mut v = [0u8; SLOTS];
            for (i, x) in morning.iter().enumerate() {
                v[i] = (*x as f64 * m).round().min(100.0) as u8;
            }
            for (i, x) in afternoon.iter().enumerate() {
                v[MORNING + i] = (*x as f64 * a).round().min(100.0) as u8;
            }
            Some(v)
        };
        BusyWeek {
            days: [
                day(1.25, 1.1),
                day(0.95, 0.55),
                day(0.95, 0.5),
                day(1.0, 0.9),
                day(1.05, 0.95),
                None,
                None,
            ],
        }
    }

    #[test]
    fn reads_a_profile_and_writes_it_back() {
        let v: Value = serde_json::from_str(
            r#"{"mo":[0,60,75,80,75,65,55,45,0,0,75,60,50,45,40,35,30,25,20,0],"Sa":null,"tu":[10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,10,99.6]}"#,
        )
        .unwrap();
        let week = BusyWeek::read(&v).unwrap();
        assert_eq!(week.days[0].unwrap()[2], 75);
        assert_eq!(week.days[1].unwrap()[19], 100, "rounded");
        assert_eq!(week.days[5], None);
        assert_eq!(BusyWeek::read(&week.to_json()).unwrap(), week);
    }

    #[test]
    fn a_bad_profile_is_refused_with_where_and_why() {
        let refused =
            |json: &str| BusyWeek::read(&serde_json::from_str(json).unwrap()).unwrap_err();
        let twenty = "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]";
        let (at, why) = refused(r#"{"mo":[1,2,3]}"#);
        assert_eq!(at, ".mo");
        assert_eq!(
            why,
            "mo has 3 numbers; it needs 20, one per half-hour from 08:00 to 18:00"
        );
        let (at, why) = refused(r#"{"tu":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,120]}"#);
        assert_eq!(at, ".tu[19]");
        assert_eq!(why, "tu[19] 120 is not a number from 0 to 100");
        let (at, why) = refused(r#"{"we":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,-1]}"#);
        assert_eq!((at.as_str(), why.contains("-1")), (".we[19]", true));
        let (at, _) = refused(r#"{"we":[1,2,3,4,5,6,7,8,"9",10,11,12,13,14,15,16,17,18,19,20]}"#);
        assert_eq!(at, ".we[8]");
        let (at, why) = refused(&format!(r#"{{"mo":{twenty},"monday":{twenty}}}"#));
        assert_eq!(at, ".monday");
        assert_eq!(
            why,
            "unknown day \"monday\": use mo, tu, we, th, fr, sa, su"
        );
        let (at, why) = refused(&format!(r#"{{"mo":{twenty},"Mo":{twenty}}}"#));
        // Keys are read in sorted order: "Mo" first, then "mo" repeats it.
        assert_eq!((at.as_str(), why.as_str()), (".mo", "mo is given twice"));
        let (at, why) = refused(r#"[1,2,3]"#);
        assert_eq!(at, "");
        assert!(why.starts_with("busy should be an object of days"), "{why}");
        let (_, why) = refused(r#"{"mo":"busy"}"#);
        assert!(
            why.starts_with("mo should be an array of 20 numbers"),
            "{why}"
        );
        let (_, why) = refused(r#"{}"#);
        assert!(why.starts_with("busy gives no day"), "{why}");
    }

    #[test]
    fn busy_half_hours() {
        let week = hall();
        // Monday 09:00–09:30: 75 × 1.25 = 94.
        assert_eq!(week.is_busy(Mon, t(9, 10)), Some(true));
        assert_eq!(week.is_busy(Mon, t(8, 0)), Some(false), "closed, 0");
        assert_eq!(week.is_busy(Tue, t(13, 5)), Some(false), "75 × 0.55 = 41");
        assert_eq!(week.is_busy(Thu, t(13, 0)), Some(false), "75 × 0.9 = 68");
        assert_eq!(week.is_busy(Fri, t(13, 0)), Some(true), "75 × 0.95 = 71");
        assert_eq!(week.is_busy(Sat, t(10, 0)), None, "no profile that day");
        assert_eq!(week.is_busy(Mon, t(7, 59)), None);
        assert_eq!(week.is_busy(Mon, t(18, 0)), None);
        assert_eq!(week.is_busy(Mon, t(17, 59)), Some(false));
        let spans = week.busy_spans(Mon);
        assert_eq!(spans, [(t(8, 30), t(11, 0)), (t(13, 0), t(13, 30))]);
        let halves = week.busy_halfhours(Mon);
        assert_eq!(halves.len(), 6);
        assert_eq!(halves[0], (t(8, 30), t(9, 0)));
        assert!(week.busy_halfhours(Sun).is_empty());
        assert_eq!(slot_of(t(8, 0)), Some(0));
        assert_eq!(slot_of(t(17, 30)), Some(19));
    }

    #[test]
    fn quiet_times_on_a_realistic_profile() {
        let week = hall();
        assert_eq!(
            week.quiet_times(Lang::Zh).as_deref(),
            Some("周二、周三下午人少")
        );
        assert_eq!(
            week.quiet_times(Lang::En).as_deref(),
            Some("Usually quiet: Tue and Wed afternoons")
        );
        // Quiet on a Tuesday morning and a Thursday afternoon: each said with its day.
        let mut mixed = BusyWeek::default();
        let level = |m: u8, a: u8| {
            let mut v = [0u8; SLOTS];
            v[..MORNING].fill(m);
            v[MORNING..].fill(a);
            Some(v)
        };
        mixed.days = [
            level(90, 80),
            level(20, 80),
            level(85, 75),
            level(80, 25),
            level(90, 70),
            None,
            None,
        ];
        assert_eq!(
            mixed.quiet_times(Lang::Zh).as_deref(),
            Some("周二上午、周四下午人少")
        );
        assert_eq!(
            mixed.quiet_times(Lang::En).as_deref(),
            Some("Usually quiet: Tue morning and Thu afternoon")
        );
        // One quiet half-day; a quiet whole day is said once.
        mixed.days[3] = level(80, 75);
        assert_eq!(mixed.quiet_times(Lang::Zh).as_deref(), Some("周二上午人少"));
        assert_eq!(
            mixed.quiet_times(Lang::En).as_deref(),
            Some("Usually quiet: Tue morning")
        );
        mixed.days[1] = level(20, 22);
        assert_eq!(mixed.quiet_times(Lang::Zh).as_deref(), Some("周二全天人少"));
        assert_eq!(
            mixed.quiet_times(Lang::En).as_deref(),
            Some("Usually quiet: Tue all day")
        );
    }

    #[test]
    fn nothing_is_said_of_a_flat_or_missing_profile() {
        let flat = BusyWeek {
            days: [Some([50; SLOTS]); 7],
        };
        assert_eq!(flat.quiet_times(Lang::Zh), None);
        assert_eq!(flat.quiet_times(Lang::En), None);
        let mut nearly = flat.clone();
        nearly.days[2] = Some([35; SLOTS]);
        assert_eq!(
            nearly.quiet_times(Lang::Zh),
            None,
            "15 points is not a difference"
        );
        assert_eq!(BusyWeek::default().quiet_times(Lang::Zh), None);
        // One day alone gives too little to compare.
        let mut one = BusyWeek::default();
        one.days[0] = hall().days[0];
        assert_eq!(one.quiet_times(Lang::Zh), None);
        // A half-day with every value 0 is closed, not quiet.
        let mut closed = flat.clone();
        closed.days[6] = Some([0; SLOTS]);
        assert_eq!(closed.quiet_times(Lang::Zh), None);
        assert!(flat.busy_halfhours(Mon).is_empty());
    }

    #[test]
    fn read_prop_reports_and_drops_only_the_profile() {
        let mut said = Vec::new();
        let bad: Value = serde_json::from_str(r#"{"mo":[1]}"#).unwrap();
        assert_eq!(
            read_prop(Some(&bad), |at, why| said.push((at.to_owned(), why))),
            None
        );
        assert_eq!(said[0].0, ".busy.mo");
        assert!(said[0]
            .1
            .starts_with("busy profile left out: mo has 1 numbers"));
        assert_eq!(read_prop(Some(&Value::Null), |_, _| panic!()), None);
    }
}
