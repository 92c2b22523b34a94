//! When a time filter leaves no outlet: why (a holiday by name, the hour) and when
//! the first of the outlets that handle the need opens, so an empty list is never a
//! dead end ("暂无10月1日开放的网点" and nothing else sent residents elsewhere).

use crate::hours::{Date, DateTime, Duration, OpenFilter, Timetable};
use crate::outlets::OutletSet;
use crate::results::Hit;
use std::collections::HashMap;

/// The first opening among the outlets of a list.
#[derive(Clone, Debug, PartialEq)]
pub struct FirstOpening {
    /// Index into `OutletSet::outlets`.
    pub index: usize,
    pub at: DateTime,
}

/// Why a time filter left nothing, and what comes next.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NoneOpen {
    /// The public holiday on the day asked about (国庆节), if it is one.
    pub holiday: Option<String>,
    /// The earliest any of the outlets opens from then on, within the week ahead;
    /// the nearest outlet wins a tie.
    pub first: Option<FirstOpening>,
}

/// How far ahead the first opening is looked for.
const DAYS: i64 = 8;

/// For `hits` (the outlets that handle `item`, nearest first, before the time
/// filter) and a `filter` that kept none of them. Dated notices count: a closure or
/// a suspension of the item pushes the first opening back.
pub fn none_open(
    t: &Timetable,
    set: &OutletSet,
    hits: &[Hit],
    item: Option<&str>,
    filter: OpenFilter,
    now: DateTime,
) -> NoneOpen {
    let from = match filter {
        OpenFilter::Any => return NoneOpen::default(),
        OpenFilter::Now => now,
        OpenFilter::On(day) => day.and_hms_opt(0, 0, 0).unwrap_or(now).max(now),
    };
    let day: Date = match filter {
        OpenFilter::On(day) => day,
        _ => now.date(),
    };
    let holiday = t
        .holidays()
        .get(day)
        .filter(|h| h.off)
        .map(|h| h.name.clone());
    let first_in = |intervals: Option<Vec<crate::hours::Interval>>| {
        intervals?
            .into_iter()
            .filter(|i| !i.unknown && i.end > from && i.start < from + Duration::days(DAYS))
            .map(|i| i.start.max(from))
            .min()
    };
    // Outlets share a handful of timetables: each is worked out once (an outlet
    // with notices of its own, on its own).
    let mut first_of: HashMap<Option<&str>, Option<DateTime>> = HashMap::new();
    let mut first: Option<FirstOpening> = None;
    for hit in hits {
        let o = &set.outlets[hit.index];
        let hours = o.opening_hours.as_deref();
        let at = match o.notices.is_empty() {
            true => *first_of
                .entry(hours)
                .or_insert_with(|| first_in(t.intervals(hours, from.date(), DAYS))),
            false => first_in(t.intervals_with(hours, &o.notices, item, from.date(), DAYS)),
        };
        if let Some(at) = at {
            if first.as_ref().is_none_or(|f| at < f.at) {
                first = Some(FirstOpening {
                    index: hit.index,
                    at,
                });
            }
        }
    }
    NoneOpen { holiday, first }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hours::{parse_ymd, parse_ymd_hm, Holidays};
    use crate::results::nearest;
    use crate::LonLat;

    const HALL: &str = "Mo-Fr 08:30-12:00,13:30-17:00; PH off";

    fn city() -> (OutletSet, Timetable) {
        let set = OutletSet::parse(&format!(
            r#"{{"type":"FeatureCollection","features":[
            {{"type":"Feature","id":"near","geometry":{{"type":"Point","coordinates":[121.40,37.50]}},"properties":{{"name":"近","opening_hours":"{HALL}"}}}},
            {{"type":"Feature","id":"far","geometry":{{"type":"Point","coordinates":[121.60,37.50]}},"properties":{{"name":"远","opening_hours":"Mo-Sa 09:00-12:00; PH off"}}}}]}}"#
        ))
        .unwrap()
        .0;
        let mut holidays = Holidays::default();
        holidays
            .add_file(include_str!("../../public/holidays/2026.json"))
            .unwrap();
        let hours: Vec<&str> = set
            .outlets
            .iter()
            .filter_map(|o| o.opening_hours.as_deref())
            .collect();
        let t = Timetable::new(holidays, hours);
        (set, t)
    }

    /// Regression (issue 20): `?open=2026-10-01` said "none open" without naming
    /// National Day or when offices reopen.
    #[test]
    fn a_holiday_is_named_with_the_first_opening_after_it() {
        let (set, t) = city();
        let hits = nearest(&set, None, LonLat::new(121.4, 37.5));
        let day = parse_ymd("2026-10-01").unwrap();
        let now = parse_ymd_hm("2026-09-28T10:00").unwrap();
        let why = none_open(&t, &set, &hits, None, OpenFilter::On(day), now);
        assert_eq!(why.holiday.as_deref(), Some("国庆节"));
        let first = why.first.unwrap();
        // 10月8日 (a Thursday, back at work) at 08:30, the nearer hall.
        assert_eq!(first.at, parse_ymd_hm("2026-10-08T08:30").unwrap());
        assert_eq!(set.outlets[first.index].id, "near");
    }

    /// Regression (issue 20): 现在营业 at 3 a.m. gave an empty list and nothing else.
    #[test]
    fn at_night_the_first_opening_is_this_morning() {
        let (set, t) = city();
        let hits = nearest(&set, None, LonLat::new(121.6, 37.5));
        let now = parse_ymd_hm("2026-12-04T03:00").unwrap(); // a Friday
        let why = none_open(&t, &set, &hits, None, OpenFilter::Now, now);
        assert_eq!(why.holiday, None);
        let first = why.first.unwrap();
        assert_eq!(first.at, parse_ymd_hm("2026-12-04T08:30").unwrap());
        assert_eq!(
            set.outlets[first.index].id, "near",
            "the earliest, not the nearest"
        );
    }
}
