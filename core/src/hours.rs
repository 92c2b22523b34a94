//! Opening hours in OpenStreetMap's `opening_hours` syntax, evaluated with the
//! maintained `opening-hours` crate against China's real public holidays.
//!
//! Times here are always local to Asia/Shanghai (UTC+8 all year; China has had no
//! daylight saving since 1991), whatever the device's own time zone: a resident in
//! another zone planning a visit needs the outlet's clock, not theirs.
//!
//! Holidays come from files in the holiday-cn shape, one per year, so a new year's
//! arrangement is a file to drop in, not a rebuild. `PH` rules follow those files.
//! On a make-up working day (调休, a weekend day worked in exchange for a longer
//! holiday) an outlet keeps its weekday hours: those of the next ordinary Monday.

use crate::i18n::{holiday_name, Lang};
use crate::notices::{Notice, NoticeKind};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};
use compact_calendar::CompactCalendar;
use opening_hours::{Context, ContextHolidays, OpeningHours, RuleKind};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

pub use chrono::{Datelike, Duration, NaiveDate as Date, NaiveDateTime as DateTime};

/// `Ok` when the value parses; otherwise the parser's reason, on one line.
pub fn check(value: &str) -> Result<(), String> {
    read(value).map(|_| ())
}

/// The value parsed, or the parser's reason on one line. The loader's check and the
/// [`Timetable`] share this one parse: a national file repeats a handful of values
/// 100,000 times and the grammar costs tens of microseconds a call, so each distinct
/// value is read once, whoever asks first.
fn read(value: &str) -> Result<OpeningHours, String> {
    thread_local! {
        static SEEN: std::cell::RefCell<HashMap<String, Result<OpeningHours, String>>> = Default::default();
    }
    if let Some(known) = SEEN.with(|s| s.borrow().get(value).cloned()) {
        return known;
    }
    let result = value.parse::<OpeningHours>().map_err(|e| {
        // The grammar's own message lists every rule it expected; a maintainer needs
        // where reading stopped.
        let text = e.to_string();
        let column = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("-->"))
            .and_then(|pos| pos.trim().split(':').nth(1).map(str::to_owned));
        match column {
            Some(c) => format!("cannot be read from character {c} on"),
            None => "cannot be read".to_owned(),
        }
    });
    SEEN.with(|s| {
        let mut seen = s.borrow_mut();
        if seen.len() > 10_000 {
            seen.clear();
        }
        seen.insert(value.to_owned(), result.clone());
    });
    result
}

// Dates and times are written by hand rather than with chrono's strftime, whose
// format machinery would add tens of kilobytes to the app for a handful of patterns.

/// "2026-11-23".
pub fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// "09:00".
pub fn hm(t: NaiveDateTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// "2026-11-23T09:00", as in `<option value>`.
pub fn ymd_hm(t: NaiveDateTime) -> String {
    format!("{}T{}", ymd(t.date()), hm(t))
}

/// "20261123T090000", iCalendar's basic format.
pub fn compact(t: NaiveDateTime) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Reads "2026-11-23".
pub fn parse_ymd(text: &str) -> Option<NaiveDate> {
    let mut parts = text.trim().splitn(3, '-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?;
    (d.len() <= 2).then_some(())?;
    NaiveDate::from_ymd_opt(y, m, d.parse().ok()?)
}

/// Reads "2026-11-23T09:00".
pub fn parse_ymd_hm(text: &str) -> Option<NaiveDateTime> {
    let (d, t) = text.split_once('T')?;
    let (h, m) = t.split_once(':')?;
    parse_ymd(d)?.and_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

/// Local time in Asia/Shanghai for a Unix time in milliseconds (as `Date.now()`).
pub fn shanghai_time(unix_ms: f64) -> NaiveDateTime {
    let ms = if unix_ms.is_finite() {
        unix_ms as i64
    } else {
        0
    };
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .naive_utc()
        + Duration::hours(8)
}

/// One day of the holiday calendar: a day off (`off`) or a make-up working day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holiday {
    pub name: String,
    pub off: bool,
}

/// China's public holidays and make-up working days, as published each year.
#[derive(Clone, Debug, Default)]
pub struct Holidays {
    days: BTreeMap<NaiveDate, Holiday>,
    years: BTreeSet<i32>,
}

#[derive(Deserialize)]
struct RawYear {
    #[serde(default)]
    year: Option<i32>,
    days: Vec<RawDay>,
}

#[derive(Deserialize)]
struct RawDay {
    name: String,
    date: String,
    #[serde(rename = "isOffDay")]
    is_off_day: bool,
}

impl Holidays {
    /// Adds one year's file (`{"year", "days": [{"name", "date", "isOffDay"}]}`).
    /// Returns the year it covers; a file with a bad day is refused whole, since a
    /// calendar with a hole in it would say an outlet is open on a holiday.
    pub fn add_file(&mut self, text: &str) -> Result<i32, String> {
        let raw: RawYear =
            serde_json::from_str(text).map_err(|e| format!("not a holiday file: {e}"))?;
        let mut parsed = Vec::with_capacity(raw.days.len());
        for (i, d) in raw.days.iter().enumerate() {
            let date = parse_ymd(&d.date)
                .ok_or_else(|| format!("days[{i}].date {:?} is not YYYY-MM-DD", d.date))?;
            parsed.push((date, d));
        }
        let year = raw
            .year
            .or_else(|| parsed.first().map(|(d, _)| d.year()))
            .ok_or("the file lists no day")?;
        for (date, d) in parsed {
            self.days.insert(
                date,
                Holiday {
                    name: d.name.clone(),
                    off: d.is_off_day,
                },
            );
        }
        self.years.insert(year);
        Ok(year)
    }

    pub fn get(&self, date: NaiveDate) -> Option<&Holiday> {
        self.days.get(&date)
    }

    /// Whether a year's arrangement is loaded; without it `PH` rules cannot be known.
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    fn is_makeup_workday(&self, date: NaiveDate) -> bool {
        self.get(date).is_some_and(|h| !h.off)
    }

    /// The ordinary weekday whose hours a make-up working day keeps.
    fn weekday_standing_in_for(&self, date: NaiveDate) -> NaiveDate {
        let mut d = date + Duration::days(1);
        for _ in 0..60 {
            if d.weekday() == Weekday::Mon && self.get(d).is_none() {
                return d;
            }
            d += Duration::days(1);
        }
        date
    }

    fn context(&self) -> Context {
        let public: CompactCalendar = self
            .days
            .iter()
            .filter(|(_, h)| h.off)
            .map(|(d, _)| *d)
            .collect();
        Context::default().with_holidays(ContextHolidays::new(
            Arc::new(public),
            Arc::new(CompactCalendar::default()),
        ))
    }
}

/// A stretch of time when an outlet is open (or, with `unknown`, may be).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub unknown: bool,
}

/// Why an outlet is closed now; residents plan differently for each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClosedWhy {
    /// A break between two open spells of the same day.
    Lunch,
    /// A public holiday, by name (国庆节).
    Holiday(String),
    /// Outside its hours: night, weekend, a day it does not open.
    Hours,
    /// A notice shuts it (a closure, a move, the sought item suspended) or shortened
    /// today's hours: its kind and text, to show as the reason.
    Notice {
        kind: NoticeKind,
        text: String,
        text_en: Option<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpeningState {
    /// Open; `closes` is when, or `None` when open for the next week and beyond (24 h).
    Open { closes: Option<NaiveDateTime> },
    /// Closed; `opens` is when next, if within the next week.
    Closed {
        why: ClosedWhy,
        opens: Option<NaiveDateTime>,
    },
    /// No hours, unreadable hours, or hours that say "unknown" or "by appointment".
    Unknown,
}

impl OpeningState {
    /// The `data-open-state` value: `open`, `closed` (lunch breaks included) or `unknown`.
    pub fn key(&self) -> &'static str {
        match self {
            OpeningState::Open { .. } => "open",
            OpeningState::Closed { .. } => "closed",
            OpeningState::Unknown => "unknown",
        }
    }

    /// One short line for a result row, relative to `now`.
    pub fn label_zh(&self, now: NaiveDateTime) -> String {
        self.label(Lang::Zh, now)
    }

    pub fn label(&self, lang: Lang, now: NaiveDateTime) -> String {
        match (self, lang) {
            (OpeningState::Open { closes: None }, _) => {
                lang.pick("24小时营业", "Open 24 hours").into()
            }
            (OpeningState::Open { closes: Some(t) }, Lang::Zh) => {
                format!("营业中 · {}关门", when(lang, now, *t))
            }
            (OpeningState::Open { closes: Some(t) }, Lang::En) => {
                format!("Open · closes {}", when(lang, now, *t))
            }
            (OpeningState::Closed { why, opens }, _) => {
                let head = match (why, lang) {
                    (ClosedWhy::Lunch, _) => lang.pick("午休中", "Lunch break").to_owned(),
                    (ClosedWhy::Holiday(name), Lang::Zh) => format!("{name}放假"),
                    (ClosedWhy::Holiday(name), Lang::En) => {
                        format!("Closed for {}", holiday_name(lang, name))
                    }
                    (ClosedWhy::Hours, _) => lang.pick("已关门", "Closed").to_owned(),
                    (ClosedWhy::Notice { kind, .. }, _) => kind.label(lang).to_owned(),
                };
                match (opens, lang) {
                    (Some(t), Lang::Zh) => format!("{head} · {}开门", when(lang, now, *t)),
                    (Some(t), Lang::En) => format!("{head} · opens {}", when(lang, now, *t)),
                    (None, _) => format!(
                        "{head} · {}",
                        lang.pick("7天内不开放", "not open in the next 7 days")
                    ),
                }
            }
            (OpeningState::Unknown, _) => lang
                .pick(
                    "营业时间未知，请先电话确认",
                    "Hours unknown: call before you go",
                )
                .into(),
        }
    }
}

const WEEKDAYS_ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];

pub fn weekday_zh(date: NaiveDate) -> &'static str {
    WEEKDAYS_ZH[date.weekday().num_days_from_monday() as usize]
}

/// "11月24日（周二）", as Chinese notices write dates.
pub fn date_zh(date: NaiveDate) -> String {
    date_label(Lang::Zh, date)
}

/// "11月24日（周二）" or "Tue 24 Nov".
pub fn date_label(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("{}月{}日（{}）", date.month(), date.day(), weekday_zh(date)),
        Lang::En => {
            const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            format!(
                "{} {} {}",
                DAYS[date.weekday().num_days_from_monday() as usize],
                date.day(),
                MONTHS[date.month0() as usize]
            )
        }
    }
}

/// A time relative to now: "13:30", "明天 08:30", "11月24日（周二）08:30".
pub fn when_zh(now: NaiveDateTime, t: NaiveDateTime) -> String {
    when(Lang::Zh, now, t)
}

pub fn when(lang: Lang, now: NaiveDateTime, t: NaiveDateTime) -> String {
    let hm = hm(t);
    match ((t.date() - now.date()).num_days(), lang) {
        (0, Lang::Zh) => format!("{hm} "),
        (1, Lang::Zh) => format!("明天 {hm} "),
        (2, Lang::Zh) => format!("后天 {hm} "),
        (_, Lang::Zh) => format!("{} {hm} ", date_zh(t.date())),
        (0, Lang::En) => hm.to_string(),
        (1, Lang::En) => format!("tomorrow {hm}"),
        (_, Lang::En) => format!("{} {hm}", date_label(lang, t.date())),
    }
}

/// One day at one outlet: its open windows (clipped to the day), and the holiday
/// that shapes it, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayPlan {
    pub date: NaiveDate,
    pub holiday: Option<Holiday>,
    pub windows: Vec<Interval>,
}

impl DayPlan {
    /// "08:30–12:00、13:30–17:00", "全天", or "休息".
    pub fn windows_zh(&self) -> String {
        self.windows_text(Lang::Zh)
    }

    pub fn windows_text(&self, lang: Lang) -> String {
        if self.windows.is_empty() {
            return lang.pick("休息", "Closed").into();
        }
        let day = self.date.and_time(NaiveTime::MIN);
        if self.windows.len() == 1
            && self.windows[0].start <= day
            && self.windows[0].end >= day + Duration::days(1)
        {
            return lang.pick("全天", "All day").into();
        }
        self.windows
            .iter()
            .map(|w| {
                let end = if w.end.date() > self.date {
                    "24:00".to_owned()
                } else {
                    hm(w.end)
                };
                let mark = if w.unknown {
                    lang.pick("（待确认）", " (to confirm)")
                } else {
                    ""
                };
                format!("{}–{end}{mark}", hm(w.start))
            })
            .collect::<Vec<_>>()
            .join(lang.pick("、", ", "))
    }
}

/// Every distinct `opening_hours` value of a data set, read once, with the holiday
/// calendar they are evaluated against.
#[derive(Debug)]
pub struct Timetable {
    holidays: Holidays,
    parsed: HashMap<String, OpeningHours>,
    /// The last [`Timetable::state`] of each value and the minute it is for: every
    /// row drawn and every outlet an "open now" filter keeps asks it again, and
    /// outlets share a handful of timetables (a week's evaluation each time was
    /// 0.2 ms, a third of a filter's frame).
    answers: Mutex<HashMap<String, (NaiveDateTime, OpeningState)>>,
}

impl Clone for Timetable {
    fn clone(&self) -> Timetable {
        Timetable {
            holidays: self.holidays.clone(),
            parsed: self.parsed.clone(),
            answers: Mutex::default(),
        }
    }
}

/// How far ahead the app looks: a week, and one day for the overnight spell.
const HORIZON_DAYS: i64 = 8;

impl Timetable {
    pub fn new<'a>(holidays: Holidays, values: impl IntoIterator<Item = &'a str>) -> Timetable {
        let ctx = holidays.context();
        let mut parsed = HashMap::new();
        for v in values {
            if parsed.contains_key(v) {
                continue;
            }
            if let Ok(oh) = read(v) {
                parsed.insert(v.to_owned(), oh.with_context(ctx.clone()));
            }
        }
        Timetable {
            holidays,
            parsed,
            answers: Mutex::default(),
        }
    }

    pub fn holidays(&self) -> &Holidays {
        &self.holidays
    }

    /// Open (and maybe-open) intervals over whole days `from..from+days`, merged.
    /// `None` when the value is missing or unreadable.
    pub fn intervals(
        &self,
        hours: Option<&str>,
        from: NaiveDate,
        days: i64,
    ) -> Option<Vec<Interval>> {
        let oh = self.parsed.get(hours?)?;
        let mut out: Vec<Interval> = Vec::new();
        for n in 0..days {
            let date = from + Duration::days(n);
            // A make-up working day borrows its weekday's schedule, moved onto it.
            let source = if self.holidays.is_makeup_workday(date) {
                self.holidays.weekday_standing_in_for(date)
            } else {
                date
            };
            let shift = date - source;
            let start = source.and_time(NaiveTime::MIN);
            for r in oh.iter_range(start, start + Duration::days(1)) {
                if r.kind == RuleKind::Closed {
                    continue;
                }
                let next = Interval {
                    start: r.range.start + shift,
                    end: r.range.end + shift,
                    unknown: r.kind == RuleKind::Unknown,
                };
                match out.last_mut() {
                    Some(last) if last.end == next.start && last.unknown == next.unknown => {
                        last.end = next.end
                    }
                    _ => out.push(next),
                }
            }
        }
        Some(out)
    }

    /// Open, closed (and why), or unknown at `now` (Asia/Shanghai local time).
    pub fn state(&self, hours: Option<&str>, now: NaiveDateTime) -> OpeningState {
        let Some(value) = hours else {
            return OpeningState::Unknown;
        };
        if let Some((_, known)) = self
            .answers
            .lock()
            .ok()
            .and_then(|a| a.get(value).filter(|(at, _)| *at == now).cloned())
        {
            return known;
        }
        let state = self.evaluate(value, now);
        if let Ok(mut answers) = self.answers.lock() {
            answers.insert(value.to_owned(), (now, state.clone()));
        }
        state
    }

    fn evaluate(&self, value: &str, now: NaiveDateTime) -> OpeningState {
        let hours = Some(value);
        let from = now.date() - Duration::days(1);
        let Some(spans) = self.intervals(hours, from, HORIZON_DAYS + 1) else {
            return OpeningState::Unknown;
        };
        self.judge(&spans, now)
    }

    /// The state at `now` given the intervals from the day before `now` on.
    fn judge(&self, spans: &[Interval], now: NaiveDateTime) -> OpeningState {
        let from = now.date() - Duration::days(1);
        let horizon = from.and_time(NaiveTime::MIN) + Duration::days(HORIZON_DAYS + 1);
        if let Some(s) = spans.iter().find(|s| s.start <= now && now < s.end) {
            if s.unknown {
                return OpeningState::Unknown;
            }
            return OpeningState::Open {
                closes: (s.end < horizon).then_some(s.end),
            };
        }
        let next = spans.iter().find(|s| s.start > now && !s.unknown);
        let opens = next.map(|s| s.start);
        let why = match self.holidays.get(now.date()) {
            Some(h) if h.off => ClosedWhy::Holiday(h.name.clone()),
            _ => {
                let earlier_today = spans.iter().any(|s| {
                    !s.unknown
                        && s.end <= now
                        && s.end.date() == now.date()
                        && s.start.date() == now.date()
                });
                let later_today = opens.is_some_and(|t| t.date() == now.date());
                if earlier_today && later_today {
                    ClosedWhy::Lunch
                } else {
                    ClosedWhy::Hours
                }
            }
        };
        OpeningState::Closed { why, opens }
    }

    /// One day's windows (what a row, a trip or a calendar entry says for the day
    /// chosen); `None` when the hours cannot be evaluated.
    pub fn day(&self, hours: Option<&str>, date: NaiveDate) -> Option<DayPlan> {
        self.week(hours, date, 1)?.into_iter().next()
    }

    /// The next `days` days from `from`, each with its windows; `None` when the
    /// hours cannot be evaluated.
    pub fn week(&self, hours: Option<&str>, from: NaiveDate, days: i64) -> Option<Vec<DayPlan>> {
        let spans = self.intervals(hours, from, days)?;
        Some(self.plans(&spans, from, days))
    }

    fn plans(&self, spans: &[Interval], from: NaiveDate, days: i64) -> Vec<DayPlan> {
        {
            (0..days)
                .map(|n| {
                    let date = from + Duration::days(n);
                    let day_start = date.and_time(NaiveTime::MIN);
                    let day_end = day_start + Duration::days(1);
                    let windows = spans
                        .iter()
                        .filter(|s| s.start < day_end && s.end > day_start)
                        .map(|s| Interval {
                            start: s.start.max(day_start),
                            end: s.end.min(day_end),
                            unknown: s.unknown,
                        })
                        .collect();
                    DayPlan {
                        date,
                        holiday: self.holidays.get(date).cloned(),
                        windows,
                    }
                })
                .collect()
        }
    }

    /// Whether the outlet opens at all on `date`; `None` when unknown.
    pub fn open_on(&self, hours: Option<&str>, date: NaiveDate) -> Option<bool> {
        let spans = self.intervals(hours, date, 1)?;
        Some(spans.iter().any(|s| !s.unknown))
    }

    // Notice-aware answers. Each takes the outlet's notices (`Outlet::notices`) and
    // the item sought (`None`: none in particular). When no notice concerns the days
    // asked about, each answers exactly as its plain counterpart, caches included.

    /// [`intervals`](Self::intervals) as the notices make them: a `closure`, a
    /// `moved` (from its start) and a `suspended` concerning `item` remove their
    /// time; `reduced` replaces the hours of its dates with its own; `extra_hours`
    /// adds its hours to its dates. `None` when the regular hours cannot be evaluated.
    pub fn intervals_with(
        &self,
        hours: Option<&str>,
        notices: &[Notice],
        item: Option<&str>,
        from: NaiveDate,
        days: i64,
    ) -> Option<Vec<Interval>> {
        let base = self.intervals(hours, from, days)?;
        let origin = from.and_time(NaiveTime::MIN);
        let end = origin + Duration::days(days);
        let mut applied: Vec<&Notice> = notices
            .iter()
            .filter(|n| n.concerns(item) && n.overlaps(origin, end))
            .collect();
        if applied.is_empty() {
            return Some(base);
        }
        // Replace first, then add, then take away: a closure wins over extra hours.
        crate::order::sort_by_key(&mut applied, |n| {
            let rank = match n.kind {
                NoticeKind::Reduced => 0,
                NoticeKind::ExtraHours => 1,
                _ => 2,
            };
            (rank, 0)
        });
        let mut grid = Grid::new(origin, days);
        for s in &base {
            grid.paint(s.start, s.end, if s.unknown { MAYBE } else { OPEN });
        }
        for n in applied {
            let a = n.start.max(origin);
            let b = n.end.map_or(end, |e| e.min(end));
            match n.kind {
                NoticeKind::Closure | NoticeKind::Moved | NoticeKind::Suspended => {
                    grid.paint(a, b, SHUT)
                }
                NoticeKind::Reduced => {
                    grid.paint(a, b, SHUT);
                    self.paint_notice_hours(&mut grid, n, a, b);
                }
                NoticeKind::ExtraHours => self.paint_notice_hours(&mut grid, n, a, b),
            }
        }
        Some(grid.intervals())
    }

    /// Paints a notice's own `hours` within `[a, b)`: open where they open, "maybe"
    /// where they say unknown and nothing else opens.
    fn paint_notice_hours(&self, grid: &mut Grid, n: &Notice, a: NaiveDateTime, b: NaiveDateTime) {
        let Some(oh) = n.hours.as_deref().and_then(|h| read(h).ok()) else {
            return;
        };
        let oh = oh.with_context(self.holidays.context());
        for r in oh.iter_range(a, b) {
            let (s, e) = (r.range.start.max(a), r.range.end.min(b));
            match r.kind {
                RuleKind::Open => grid.paint(s, e, OPEN),
                RuleKind::Unknown => grid.raise(s, e, MAYBE),
                RuleKind::Closed => {}
            }
        }
    }

    /// [`state`](Self::state) as the notices make it. Closed by a notice (or after a
    /// `reduced` notice's shorter hours) says so: [`ClosedWhy::Notice`], with when it
    /// next opens as the notices allow. A closure in force at `now` is told even when
    /// the regular hours are unknown.
    pub fn state_with(
        &self,
        hours: Option<&str>,
        notices: &[Notice],
        item: Option<&str>,
        now: NaiveDateTime,
    ) -> OpeningState {
        let from = now.date() - Duration::days(1);
        let days = HORIZON_DAYS + 1;
        let origin = from.and_time(NaiveTime::MIN);
        if !notices
            .iter()
            .any(|n| n.concerns(item) && n.overlaps(origin, origin + Duration::days(days)))
        {
            return self.state(hours, now);
        }
        let why = |n: &Notice| ClosedWhy::Notice {
            kind: n.kind,
            text: n.text.clone(),
            text_en: n.text_en.clone(),
        };
        let shut = notices
            .iter()
            .find(|n| n.kind.closes() && n.concerns(item) && n.covers(now));
        let Some(spans) = self.intervals_with(hours, notices, item, from, days) else {
            return match shut {
                Some(n) => OpeningState::Closed {
                    why: why(n),
                    opens: None,
                },
                None => OpeningState::Unknown,
            };
        };
        let mut state = self.judge(&spans, now);
        if let OpeningState::Closed { why: w, .. } = &mut state {
            // A shorter day: closed now though the regular hours say open.
            let shortened = || {
                notices
                    .iter()
                    .find(|n| n.kind == NoticeKind::Reduced && n.concerns(item) && n.covers(now))
                    .filter(|_| {
                        self.intervals(hours, now.date(), 1).is_some_and(|regular| {
                            regular
                                .iter()
                                .any(|s| !s.unknown && s.start <= now && now < s.end)
                        })
                    })
            };
            if let Some(n) = shut.or_else(shortened) {
                *w = why(n);
            }
        }
        state
    }

    /// [`day`](Self::day) as the notices make it.
    pub fn day_with(
        &self,
        hours: Option<&str>,
        notices: &[Notice],
        item: Option<&str>,
        date: NaiveDate,
    ) -> Option<DayPlan> {
        self.week_with(hours, notices, item, date, 1)?
            .into_iter()
            .next()
    }

    /// [`week`](Self::week) as the notices make it. Which notices shape a day:
    /// [`Notice::on_day`] and [`Notice::concerns`].
    pub fn week_with(
        &self,
        hours: Option<&str>,
        notices: &[Notice],
        item: Option<&str>,
        from: NaiveDate,
        days: i64,
    ) -> Option<Vec<DayPlan>> {
        let spans = self.intervals_with(hours, notices, item, from, days)?;
        Some(self.plans(&spans, from, days))
    }

    /// [`open_on`](Self::open_on) as the notices make it: `Some(false)` on a day a
    /// notice closes all of.
    pub fn open_on_with(
        &self,
        hours: Option<&str>,
        notices: &[Notice],
        item: Option<&str>,
        date: NaiveDate,
    ) -> Option<bool> {
        let spans = self.intervals_with(hours, notices, item, date, 1)?;
        Some(spans.iter().any(|s| !s.unknown))
    }
}

const SHUT: u8 = 0;
const MAYBE: u8 = 1;
const OPEN: u8 = 2;

/// Whole days minute by minute: where notices cut and add time, plain to get right,
/// and only for the few outlets with a notice in the days asked about.
struct Grid {
    origin: NaiveDateTime,
    minutes: Vec<u8>,
}

impl Grid {
    fn new(origin: NaiveDateTime, days: i64) -> Grid {
        Grid {
            origin,
            minutes: vec![SHUT; (days.max(0) * 24 * 60) as usize],
        }
    }

    /// `[a, b)` as cell indices, clipped to the grid (a partial minute counts).
    fn cells(&self, a: NaiveDateTime, b: NaiveDateTime) -> std::ops::Range<usize> {
        let len = self.minutes.len() as i64;
        let i = (a - self.origin).num_minutes().clamp(0, len);
        let j = ((b - self.origin).num_seconds() + 59)
            .div_euclid(60)
            .clamp(i, len);
        i as usize..j as usize
    }

    fn paint(&mut self, a: NaiveDateTime, b: NaiveDateTime, v: u8) {
        let r = self.cells(a, b);
        self.minutes[r].fill(v);
    }

    /// Sets `v` only where less is set.
    fn raise(&mut self, a: NaiveDateTime, b: NaiveDateTime, v: u8) {
        let r = self.cells(a, b);
        for c in &mut self.minutes[r] {
            *c = (*c).max(v);
        }
    }

    fn intervals(&self) -> Vec<Interval> {
        let at = |i: usize| self.origin + Duration::minutes(i as i64);
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.minutes.len() {
            let v = self.minutes[i];
            let j = (i..self.minutes.len())
                .find(|&j| self.minutes[j] != v)
                .unwrap_or(self.minutes.len());
            if v != SHUT {
                out.push(Interval {
                    start: at(i),
                    end: at(j),
                    unknown: v == MAYBE,
                });
            }
            i = j;
        }
        out
    }
}

/// Which outlets a resident wants by their hours: any, open now, or open on a day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OpenFilter {
    #[default]
    Any,
    Now,
    On(NaiveDate),
}

impl OpenFilter {
    /// `now` or `YYYY-MM-DD`, as in `?open=`.
    pub fn parse(text: &str) -> Option<OpenFilter> {
        match text {
            "now" => Some(OpenFilter::Now),
            "" | "any" => Some(OpenFilter::Any),
            d => parse_ymd(d).map(OpenFilter::On),
        }
    }

    pub fn key(&self) -> Option<String> {
        match self {
            OpenFilter::Any => None,
            OpenFilter::Now => Some("now".into()),
            OpenFilter::On(d) => Some(ymd(*d)),
        }
    }

    /// Outlets whose hours are unknown are left out: "open now" must be a promise.
    pub fn keeps(&self, t: &Timetable, hours: Option<&str>, now: NaiveDateTime) -> bool {
        match self {
            OpenFilter::Any => true,
            OpenFilter::Now => matches!(t.state(hours, now), OpeningState::Open { .. }),
            OpenFilter::On(d) => t.open_on(hours, *d) == Some(true),
        }
    }

    /// [`keeps`](Self::keeps) with the outlet's dated notices, for a resident
    /// seeking `item`: a closure or a suspension of that item leaves it out.
    pub fn keeps_with(
        &self,
        t: &Timetable,
        hours: Option<&str>,
        notices: &[crate::notices::Notice],
        item: Option<&str>,
        now: NaiveDateTime,
    ) -> bool {
        if notices.is_empty() {
            return self.keeps(t, hours, now);
        }
        match self {
            OpenFilter::Any => true,
            OpenFilter::Now => matches!(
                t.state_with(hours, notices, item, now),
                OpeningState::Open { .. }
            ),
            OpenFilter::On(d) => t.open_on_with(hours, notices, item, *d) == Some(true),
        }
    }
}

#[cfg(test)]
#[path = "hours_tests.rs"]
mod tests;
