//! Notices (公告) that change what "open" means for a while: a closure, a move, extra
//! or shorter hours, an item suspended. They come from two places: an outlet's own
//! `notices` in the outlets file, and the bureau-wide notices file the config names
//! (each naming the outlets or outlet kinds it is for, or all of them).
//!
//! Every time-dependent answer goes through [`Timetable`](crate::hours::Timetable):
//! its `*_with` methods take an outlet's notices (and the item being sought) and
//! answer as the notices say; without notices they answer exactly as before.
//! A notice whose end has passed changes nothing and is not shown; one starting
//! within [`AHEAD_DAYS`] days is announced ([`Notice::line`]).
//!
//! Dates are Beijing time, as written by the bureau: `from` and `to` are inclusive
//! dates (`2026-12-12`) or minutes (`2026-12-12T14:00`).

use crate::catalog::Catalog;
use crate::geo::distance_m;
use crate::hours::{self, parse_ymd, parse_ymd_hm, ymd, ymd_hm};
use crate::i18n::Lang;
use crate::outlets::{Outlet, OutletKind, OutletSet};
use crate::problem::{FatalError, Problem};
use crate::text::{fit, quote, MAX_ID_CHARS, MAX_TEXT_CHARS};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde_json::{json, Map, Value};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// A notice starting within this many days is "ahead": announced, not yet in force.
pub const AHEAD_DAYS: i64 = 7;

/// The file name bureau-wide notices are reported under.
pub const FILE: &str = "notices";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoticeKind {
    /// Closed on those dates (for the `items` named, or entirely).
    Closure,
    /// Moved: closed here from its start; `moved_to` takes over.
    Moved,
    /// Extra opening (延时服务, a 周末专场): `hours` are added to those dates.
    ExtraHours,
    /// Reduced service: `hours` replace the regular hours on those dates.
    Reduced,
    /// Items suspended (a system upgrade): not offered here on those dates.
    Suspended,
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 5] = [
        NoticeKind::Closure,
        NoticeKind::Moved,
        NoticeKind::ExtraHours,
        NoticeKind::Reduced,
        NoticeKind::Suspended,
    ];

    /// The key written in files: `closure`, `moved`, `extra_hours`, `reduced`, `suspended`.
    pub fn key(self) -> &'static str {
        match self {
            NoticeKind::Closure => "closure",
            NoticeKind::Moved => "moved",
            NoticeKind::ExtraHours => "extra_hours",
            NoticeKind::Reduced => "reduced",
            NoticeKind::Suspended => "suspended",
        }
    }

    pub fn parse(key: &str) -> Option<NoticeKind> {
        NoticeKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Whether it shuts the outlet (for the items it concerns) while in force.
    pub fn closes(self) -> bool {
        matches!(
            self,
            NoticeKind::Closure | NoticeKind::Moved | NoticeKind::Suspended
        )
    }

    /// A short label: 临时闭馆 / Temporarily closed.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            NoticeKind::Closure => lang.pick("临时闭馆", "Temporarily closed"),
            NoticeKind::Moved => lang.pick("迁址办公", "Moved"),
            NoticeKind::ExtraHours => lang.pick("延时服务", "Extra opening hours"),
            NoticeKind::Reduced => lang.pick("缩短服务时间", "Shorter hours"),
            NoticeKind::Suspended => lang.pick("暂停受理", "Suspended"),
        }
    }
}

/// One notice, checked: its dates read, its text made fit to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// As written, or derived (`<outlet id>#1`, `#1` in the notices file).
    pub id: String,
    /// Its position in the list it was read from, for reports.
    pub index: usize,
    pub kind: NoticeKind,
    /// The first minute it is in force (Beijing time).
    pub start: NaiveDateTime,
    /// The first minute it no longer is; `None`: until further notice. A `to` date is
    /// inclusive, so `"to": "2026-12-12"` ends at 2026-12-13 00:00.
    pub end: Option<NaiveDateTime>,
    pub text: String,
    pub text_en: Option<String>,
    /// The item ids it concerns; empty: every item.
    pub items: Vec<String>,
    /// For `moved`: the outlet that takes over.
    pub moved_to: Option<String>,
    /// For `extra_hours` and `reduced`: OSM `opening_hours` for those dates.
    pub hours: Option<String>,
    /// Bureau-wide notices only: the outlets (ids) and outlet kinds it is for; both
    /// empty means every outlet.
    pub outlets: Vec<String>,
    pub kinds: Vec<OutletKind>,
}

/// Where a notice stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeTiming {
    /// In force now.
    Current,
    /// Starts within [`AHEAD_DAYS`] days: to be announced.
    Ahead,
    /// Starts later than that: not shown yet.
    Later,
    /// Ended: changes nothing and is not shown.
    Expired,
}

impl NoticeTiming {
    /// `current`, `ahead`, `later`, `expired`.
    pub fn key(self) -> &'static str {
        match self {
            NoticeTiming::Current => "current",
            NoticeTiming::Ahead => "ahead",
            NoticeTiming::Later => "later",
            NoticeTiming::Expired => "expired",
        }
    }
}

impl Notice {
    /// The notice's text in `lang` (the Chinese one where there is no English).
    pub fn text(&self, lang: Lang) -> &str {
        lang.name(&self.text, self.text_en.as_deref())
    }

    /// Whether it concerns a resident seeking `item` (`None`: no particular item).
    /// A notice naming items concerns only those; a `suspended` one only someone
    /// seeking an item (the outlet itself stays open).
    pub fn concerns(&self, item: Option<&str>) -> bool {
        match item {
            Some(i) => self.items.is_empty() || self.items.iter().any(|x| x == i),
            None => self.items.is_empty() && self.kind != NoticeKind::Suspended,
        }
    }

    /// Whether it is in force at `t`.
    pub fn covers(&self, t: NaiveDateTime) -> bool {
        self.start <= t && self.end.is_none_or(|e| t < e)
    }

    /// Whether it is in force at some time in `[from, to)`.
    pub fn overlaps(&self, from: NaiveDateTime, to: NaiveDateTime) -> bool {
        self.start < to && self.end.is_none_or(|e| e > from)
    }

    /// Whether it is in force at some time on `date`.
    pub fn on_day(&self, date: NaiveDate) -> bool {
        let day = date.and_time(NaiveTime::MIN);
        self.overlaps(day, day + Duration::days(1))
    }

    /// Whether a bureau-wide notice is for `outlet` (by its id or its kind, or all).
    pub fn is_for(&self, outlet: &Outlet) -> bool {
        (self.outlets.is_empty() && self.kinds.is_empty())
            || self.outlets.contains(&outlet.id)
            || self.kinds.contains(&outlet.kind)
    }

    /// Current, ahead (starts within [`AHEAD_DAYS`] days), later, or expired at `now`.
    pub fn timing(&self, now: NaiveDateTime) -> NoticeTiming {
        if self.end.is_some_and(|e| e <= now) {
            NoticeTiming::Expired
        } else if self.start <= now {
            NoticeTiming::Current
        } else if self.start.date() <= now.date() + Duration::days(AHEAD_DAYS) {
            NoticeTiming::Ahead
        } else {
            NoticeTiming::Later
        }
    }

    /// The last day it is in force (the inclusive `to` date).
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.end.map(|e| {
            if e.time() == NaiveTime::MIN {
                e.date() - Duration::days(1)
            } else {
                e.date()
            }
        })
    }

    /// One short line saying when and what: "12月12日起暂停受理" / "From 12 Dec:
    /// suspended" for a notice ahead, "暂停受理，至12月13日" / "Suspended until 13
    /// Dec" for one in force. The notice's own [`text`](Self::text) goes beside it.
    pub fn line(&self, lang: Lang, now: NaiveDateTime) -> String {
        let label = self.kind.label(lang);
        let start = moment(lang, self.start);
        let until = self.end.map(|e| match e.time() == NaiveTime::MIN {
            true => short_date(lang, e.date() - Duration::days(1)),
            false => moment(lang, e),
        });
        let one_day = self.start.time() == NaiveTime::MIN
            && self.last_day() == Some(self.start.date())
            && self.end.is_some_and(|e| e.time() == NaiveTime::MIN);
        match (self.timing(now), lang) {
            (NoticeTiming::Expired, Lang::Zh) => format!("{label}（已结束）"),
            (NoticeTiming::Expired, Lang::En) => format!("{label} (ended)"),
            (NoticeTiming::Current, Lang::Zh) => match until {
                Some(u) => format!("{label}，至{u}"),
                None => label.to_owned(),
            },
            (NoticeTiming::Current, Lang::En) => match until {
                Some(u) => format!("{label} until {u}"),
                None => label.to_owned(),
            },
            (_, Lang::Zh) if one_day => format!("{start}{label}"),
            (_, Lang::En) if one_day => format!("On {start}: {}", lower(label)),
            (_, Lang::Zh) => match until {
                Some(u) => format!("{start}至{u}{label}"),
                None => format!("{start}起{label}"),
            },
            (_, Lang::En) => match until {
                Some(u) => format!("{start} to {u}: {}", lower(label)),
                None => format!("From {start}: {}", lower(label)),
            },
        }
    }

    /// The notice as a file writes it (`from`/`to` as dates where they are whole days).
    pub fn to_json(&self) -> Value {
        let mut o = Map::new();
        o.insert("id".into(), json!(self.id));
        o.insert("kind".into(), json!(self.kind.key()));
        o.insert("from".into(), json!(written(self.start)));
        if let Some(e) = self.end {
            let to = match e.time() == NaiveTime::MIN {
                true => ymd(e.date() - Duration::days(1)),
                false => ymd_hm(e),
            };
            o.insert("to".into(), json!(to));
        }
        o.insert("text".into(), json!(self.text));
        if let Some(t) = &self.text_en {
            o.insert("text:en".into(), json!(t));
        }
        if !self.items.is_empty() {
            o.insert("items".into(), json!(self.items));
        }
        if let Some(m) = &self.moved_to {
            o.insert("moved_to".into(), json!(m));
        }
        if let Some(h) = &self.hours {
            o.insert("hours".into(), json!(h));
        }
        if !self.outlets.is_empty() {
            o.insert("outlets".into(), json!(self.outlets));
        }
        if !self.kinds.is_empty() {
            let kinds: Vec<&str> = self.kinds.iter().map(|k| k.key()).collect();
            o.insert("kinds".into(), json!(kinds));
        }
        Value::Object(o)
    }
}

fn lower(label: &str) -> String {
    let mut c = label.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// "12月12日" / "12 Dec".
fn short_date(lang: Lang, d: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match lang {
        Lang::Zh => format!("{}月{}日", d.month(), d.day()),
        Lang::En => format!("{} {}", d.day(), MONTHS[d.month0() as usize]),
    }
}

/// A date, with its time when it is not midnight.
fn moment(lang: Lang, t: NaiveDateTime) -> String {
    match t.time() == NaiveTime::MIN {
        true => short_date(lang, t.date()),
        false => format!("{} {}", short_date(lang, t.date()), hours::hm(t)),
    }
}

fn written(t: NaiveDateTime) -> String {
    match t.time() == NaiveTime::MIN {
        true => ymd(t.date()),
        false => ymd_hm(t),
    }
}

/// A `from` or `to`: a date (its first minute, or for `to` the next day's) or a minute.
fn read_moment(text: &str, is_end: bool) -> Option<NaiveDateTime> {
    let text = text.trim();
    if text.contains('T') {
        return parse_ymd_hm(text).filter(|t| t.second() == 0);
    }
    let d = parse_ymd(text)?;
    Some(d.and_time(NaiveTime::MIN) + Duration::days(is_end as i64))
}

/// The notices a resident sees at `now`: those in force and those ahead, in order
/// of start.
pub fn shown(notices: &[Notice], now: NaiveDateTime) -> Vec<&Notice> {
    let mut list: Vec<&Notice> = notices
        .iter()
        .filter(|n| matches!(n.timing(now), NoticeTiming::Current | NoticeTiming::Ahead))
        .collect();
    crate::order::sort_by_key(&mut list, |n| {
        let t = n.start.and_utc();
        (
            crate::order::i64_key(t.timestamp()),
            u64::from(t.timestamp_subsec_nanos()),
        )
    });
    list
}

/// The notice that shuts the outlet on `date` for someone seeking `item`, if any
/// (a closure, a move, or a suspension of that item, in force at some time that day).
pub fn closed_on<'a>(
    notices: &'a [Notice],
    item: Option<&str>,
    date: NaiveDate,
) -> Option<&'a Notice> {
    notices
        .iter()
        .find(|n| n.kind.closes() && n.concerns(item) && n.on_day(date))
}

/// Where to go instead of `outlet` on `date` for `item` (`None`: any need the outlet
/// serves): the outlet a `moved` notice names, else the nearest other outlet that
/// handles the item (without an item: of the same kind) and is not shut by a notice
/// that day. `None` when there is none.
pub fn alternative<'a>(
    outlets: &'a OutletSet,
    outlet: &Outlet,
    item: Option<&str>,
    date: NaiveDate,
) -> Option<&'a Outlet> {
    let moved = outlet
        .notices
        .iter()
        .filter(|n| n.kind == NoticeKind::Moved && n.concerns(item) && n.on_day(date))
        .find_map(|n| outlets.get(n.moved_to.as_deref()?))
        .filter(|o| o.id != outlet.id);
    if moved.is_some() {
        return moved;
    }
    outlets
        .outlets
        .iter()
        .filter(|o| o.id != outlet.id)
        .filter(|o| match item {
            Some(i) => o.items.iter().any(|x| x == i),
            None => o.kind == outlet.kind,
        })
        .filter(|o| closed_on(&o.notices, item, date).is_none())
        .map(|o| (distance_m(outlet.pos, o.pos), o))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, o)| o)
}

/// A reason a notice was dropped: the path below the notice and why.
type Refusal = (String, String);

/// Reads one notice. `default_id` names one without an `id`; `bureau` allows (and
/// reads) `outlets` and `kinds`. On success, the warnings about what was repaired.
pub fn read_notice(
    value: &Value,
    index: usize,
    default_id: String,
    bureau: bool,
) -> Result<(Notice, Vec<Refusal>), Refusal> {
    let refuse = |at: &str, why: String| Err((at.to_owned(), why));
    let Some(o) = value.as_object() else {
        return refuse(
            "",
            format!(
                "a notice is an object with kind, from, text…, found {}",
                quote(value)
            ),
        );
    };
    let text_of = |key: &str| match o.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    };
    let id = match o.get("id") {
        None | Some(Value::Null) => default_id,
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => return refuse(".id", format!("id {} is not text", quote(other))),
    };
    if id.chars().count() > MAX_ID_CHARS {
        return refuse(".id", format!("id longer than {MAX_ID_CHARS} characters"));
    }
    let kind = match o.get("kind") {
        Some(Value::String(k)) => match NoticeKind::parse(k.trim()) {
            Some(kind) => kind,
            None => {
                return refuse(
                    ".kind",
                    format!(
                        "unknown kind {}: use closure, moved, extra_hours, reduced or suspended",
                        quote(k)
                    ),
                )
            }
        },
        None => {
            return refuse(
                ".kind",
                "no kind: use closure, moved, extra_hours, reduced or suspended".into(),
            )
        }
        Some(other) => return refuse(".kind", format!("unknown kind {}", quote(other))),
    };
    let bad_moment = |key: &str, v: &Value| {
        format!(
            "{key} {} is not a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM (Beijing time)",
            quote(v)
        )
    };
    let start = match o.get("from") {
        Some(v @ Value::String(s)) => match read_moment(s, false) {
            Some(t) => t,
            None => return refuse(".from", bad_moment("from", v)),
        },
        None => return refuse(".from", "no from: the date it starts".into()),
        Some(v) => return refuse(".from", bad_moment("from", v)),
    };
    let end = match o.get("to") {
        None | Some(Value::Null) => None,
        Some(v @ Value::String(s)) => match read_moment(s, true) {
            Some(t) => Some(t),
            None => return refuse(".to", bad_moment("to", v)),
        },
        Some(v) => return refuse(".to", bad_moment("to", v)),
    };
    if end.is_some_and(|e| e <= start) {
        return refuse(
            ".to",
            format!(
                "ends (to {}) before it starts (from {})",
                quote(&o["to"]),
                quote(&o["from"])
            ),
        );
    }
    let Some(mut text) = text_of("text") else {
        return refuse(".text", "no text: say what changes for residents".into());
    };
    let mut text_en = text_of("text:en");
    let ids = |key: &str| -> Result<Vec<String>, Refusal> {
        match o.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| match v {
                    Value::String(s) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
                    Value::Number(n) => Ok(n.to_string()),
                    other => Err((
                        format!(".{key}"),
                        format!("{key} lists {} , not an id", quote(other)),
                    )),
                })
                .collect(),
            Some(other) => Err((
                format!(".{key}"),
                format!("{key} should be an array of ids, found {}", quote(other)),
            )),
        }
    };
    let items = ids("items")?;
    let moved_to = text_of("moved_to");
    if kind == NoticeKind::Moved && moved_to.is_none() {
        return refuse(
            ".moved_to",
            "a moved notice needs moved_to: the id of the outlet that takes over".into(),
        );
    }
    let hours = text_of("hours");
    match (&hours, kind) {
        (None, NoticeKind::ExtraHours | NoticeKind::Reduced) => {
            return refuse(
                ".hours",
                format!(
                    "a {} notice needs hours (opening_hours syntax, e.g. \"09:00-12:00\")",
                    kind.key()
                ),
            )
        }
        (Some(h), _) => {
            if let Err(e) = hours::check(h) {
                return refuse(".hours", format!("unreadable hours {} ({e})", quote(h)));
            }
        }
        _ => {}
    }
    let (outlets, kinds) = if bureau {
        let kinds = ids("kinds")?
            .iter()
            .map(|k| {
                OutletKind::parse(k).ok_or((
                    ".kinds".to_owned(),
                    format!("unknown outlet kind {}", quote(k)),
                ))
            })
            .collect::<Result<Vec<_>, _>>()?;
        (ids("outlets")?, kinds)
    } else {
        (Vec::new(), Vec::new())
    };
    let mut warnings = Vec::new();
    for (at, field) in [(".text", Some(&mut text)), (".text:en", text_en.as_mut())] {
        let Some(field) = field else { continue };
        let (tamed, clipped) = fit(field);
        if tamed {
            warnings.push((
                at.to_owned(),
                "text-reordering controls or piled-up combining marks removed".to_owned(),
            ));
        }
        if let Some(n) = clipped {
            warnings.push((
                at.to_owned(),
                format!("{n} characters long; only the first {MAX_TEXT_CHARS} are shown"),
            ));
        }
    }
    Ok((
        Notice {
            id,
            index,
            kind,
            start,
            end,
            text,
            text_en,
            items,
            moved_to,
            hours,
            outlets,
            kinds,
        },
        warnings,
    ))
}

/// Reads an outlet's `notices` value; each bad one is reported under `path`
/// (`features[3].properties.notices`) and dropped.
pub(crate) fn read_outlet_notices(
    value: Option<&Value>,
    outlet_id: &str,
    mut report: impl FnMut(Problem),
    file: &'static str,
    path: &str,
) -> Vec<Notice> {
    let list = match value {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(list)) => list,
        Some(other) => {
            report(Problem::error(
                file,
                path,
                format!(
                    "notices should be an array of notices, found {}; none kept",
                    quote(other)
                ),
            ));
            return Vec::new();
        }
    };
    let mut kept = Vec::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        match read_notice(v, i, format!("{outlet_id}#{}", i + 1), false) {
            Ok((n, warnings)) => {
                for (at, why) in warnings {
                    report(Problem::warning(file, format!("{path}[{i}]{at}"), why));
                }
                kept.push(n);
            }
            Err((at, why)) => report(Problem::error(
                file,
                format!("{path}[{i}]{at}"),
                format!("notice dropped: {why}"),
            )),
        }
    }
    kept
}

/// The bureau-wide notices file: `{"notices": [notice, …]}`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NoticeBoard {
    pub notices: Vec<Notice>,
}

impl NoticeBoard {
    /// Reads the file; fails only when it is not a notices file at all, and keeps
    /// every valid notice, reporting the others.
    pub fn parse(text: &str) -> Result<(NoticeBoard, Vec<Problem>), FatalError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: Value = serde_json::from_str(text).map_err(|e| {
            FatalError::new(FILE, format!("公告文件不是有效的 JSON（not JSON）: {e}"))
        })?;
        let Some(list) = value.get("notices").and_then(Value::as_array) else {
            return Err(FatalError::new(
                FILE,
                "公告文件应为 {\"notices\": [...]}（not a notices file: no \"notices\" list）",
            ));
        };
        let mut board = NoticeBoard::default();
        let mut problems = Vec::new();
        for (i, v) in list.iter().enumerate() {
            let id = v.get("id").and_then(Value::as_str);
            match read_notice(v, i, format!("#{}", i + 1), true) {
                Ok((n, warnings)) => {
                    for (at, why) in warnings {
                        problems.push(
                            Problem::warning(FILE, format!("notices[{i}]{at}"), why)
                                .at(i, Some(&n.id)),
                        );
                    }
                    board.notices.push(n);
                }
                Err((at, why)) => problems.push(
                    Problem::error(
                        FILE,
                        format!("notices[{i}]{at}"),
                        format!("notice dropped: {why}"),
                    )
                    .at(i, id),
                ),
            }
        }
        Ok((board, problems))
    }

    /// Drops, and reports, each notice naming an outlet (in `outlets` or `moved_to`)
    /// that `outlets` does not have, or an item the catalog (when given) does not.
    pub fn check(&mut self, outlets: &OutletSet, catalog: Option<&Catalog>) -> Vec<Problem> {
        let mut problems = Vec::new();
        self.notices.retain(|n| {
            let why = refusal(n, outlets, catalog);
            if let Some((at, why)) = &why {
                problems.push(
                    Problem::error(
                        FILE,
                        format!("notices[{}]{at}", n.index),
                        format!("notice dropped: {why}"),
                    )
                    .at(n.index, Some(&n.id)),
                );
            }
            why.is_none()
        });
        problems
    }
}

/// Why a notice names something that is not there.
fn refusal(n: &Notice, outlets: &OutletSet, catalog: Option<&Catalog>) -> Option<Refusal> {
    if let Some(id) = n.outlets.iter().find(|id| outlets.get(id).is_none()) {
        return Some((".outlets".into(), format!("unknown outlet {}", quote(id))));
    }
    if let Some(m) = n.moved_to.as_deref().filter(|m| outlets.get(m).is_none()) {
        return Some((
            ".moved_to".into(),
            format!("unknown moved_to outlet {}", quote(m)),
        ));
    }
    let catalog = catalog?;
    n.items
        .iter()
        .find(|i| catalog.item(i).is_none())
        .map(|i| (".items".into(), format!("unknown item {}", quote(i))))
}

impl OutletSet {
    /// Adds the bureau-wide notices to the outlets each is for, from the outlet at
    /// `first` on (those loaded since the last call). Outlets given the same notices
    /// share one list.
    pub fn add_notices(&mut self, board: &NoticeBoard, first: usize) {
        if board.notices.is_empty() {
            return;
        }
        let mut shared: HashMap<Vec<usize>, Arc<[Notice]>> = HashMap::new();
        for o in self.outlets.iter_mut().skip(first) {
            let which: Vec<usize> = (0..board.notices.len())
                .filter(|&i| board.notices[i].is_for(o))
                .collect();
            if which.is_empty() {
                continue;
            }
            if o.notices.is_empty() {
                o.notices = shared
                    .entry(which.clone())
                    .or_insert_with(|| which.iter().map(|&i| board.notices[i].clone()).collect())
                    .clone();
            } else {
                let mut all = o.notices.to_vec();
                all.extend(which.iter().map(|&i| board.notices[i].clone()));
                o.notices = all.into();
            }
        }
    }

    /// Drops, and reports, outlets' own notices whose `moved_to` names no outlet of
    /// the set (or the outlet itself).
    pub(crate) fn check_moved_to(&mut self, problems: &mut Vec<Problem>) {
        let known: HashSet<String> = self.outlets.iter().map(|o| o.id.clone()).collect();
        for o in &mut self.outlets {
            if !o.notices.iter().any(|n| n.moved_to.is_some()) {
                continue;
            }
            let mut kept = Vec::new();
            for n in o.notices.iter() {
                let i = n.index;
                match n.moved_to.as_deref() {
                    Some(m) if !known.contains(m) || m == o.id => problems.push(
                        Problem::error(
                            crate::outlets::FILE,
                            format!(
                                "features[{}].properties.notices[{i}].moved_to",
                                o.feature_index
                            ),
                            format!("notice dropped: unknown moved_to outlet {}", quote(m)),
                        )
                        .at(o.feature_index, Some(&o.id)),
                    ),
                    _ => kept.push(n.clone()),
                }
            }
            if kept.len() < o.notices.len() {
                o.notices = kept.into();
            }
        }
    }

    /// Drops, and reports, outlets' own notices naming items the catalog lacks.
    pub(crate) fn check_notice_items(
        &mut self,
        catalog: &Catalog,
        first: usize,
        problems: &mut Vec<Problem>,
    ) {
        for o in self.outlets.iter_mut().skip(first) {
            if o.notices.iter().all(|n| n.items.is_empty()) {
                continue;
            }
            let mut kept = Vec::new();
            for n in o.notices.iter() {
                let i = n.index;
                match n.items.iter().find(|id| catalog.item(id).is_none()) {
                    Some(id) => problems.push(
                        Problem::error(
                            crate::outlets::FILE,
                            format!(
                                "features[{}].properties.notices[{i}].items",
                                o.feature_index
                            ),
                            format!("notice dropped: unknown item {}", quote(id)),
                        )
                        .at(o.feature_index, Some(&o.id)),
                    ),
                    None => kept.push(n.clone()),
                }
            }
            if kept.len() < o.notices.len() {
                o.notices = kept.into();
            }
        }
    }
}
