//! Live status: how many are waiting at a hall, how long the wait is, the next free
//! appointment slot, from a static JSON feed a hall's queue system writes (issue 19).
//!
//! The feed is `{"as_of": "2026-12-04T14:05", "outlets": {"<outlet id>": entry, …}}`,
//! times in Beijing time (docs/data-format.md, *Live status*). The app polls it;
//! each poll is read with [`Status::parse`] and folded into what it had with
//! [`Status::merge`], so a failed poll (or an entry dropped as bad) keeps the last
//! good figures, with their own time. [`Status::entry`] gives only figures younger
//! than the freshness limit: nothing stale is ever shown as live.
//!
//! For a pack (a province, the country), the config's `status` is a template with
//! `{region}` and there is one feed per region file; [`feed_names`] says which to
//! poll for the regions a phone shows.

use crate::config::{format_bytes, resolve};
use crate::i18n::Lang;
use crate::problem::{in_file, FatalError, Problem};
use crate::text::{fit, quote, MAX_ID_CHARS};
use chrono::{Duration, NaiveDateTime};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashMap};

/// The file name in reports.
pub const FILE: &str = "status";
/// Largest feed file read, in bytes; a bigger one is refused before it is parsed.
/// A feed of 100,000 outlets in one file is about 10 MB; a region's is ~0.4 MB.
pub const MAX_STATUS_BYTES: u64 = 16 * 1024 * 1024;
/// Minutes a figure counts as live unless the config's `status_fresh_minutes` says.
pub const DEFAULT_FRESH_MINUTES: u32 = 15;
/// How far in the future an `as_of` may be (the hall's clock running fast) before
/// it is refused: a time from the future is a broken clock, not news.
pub const MAX_SKEW_MINUTES: i64 = 5;
/// More people waiting than this is not a queue but a bad figure.
pub const MAX_WAITING: u32 = 10_000;
/// A wait longer than a day is not a wait but a bad figure.
pub const MAX_WAIT_MINUTES: u32 = 24 * 60;
/// More windows than this is not a hall.
pub const MAX_WINDOWS: u32 = 1000;
/// Items with a next slot kept per entry.
pub const MAX_SLOTS: usize = 200;
/// Problems reported one by one; beyond this, one line counts the rest.
pub const MAX_REPORTED: usize = 100;
/// A nearby hall is called quicker only if it saves at least this many minutes,
/// route included: a few minutes are not worth crossing town for.
pub const QUICKER_BY_MINUTES: u32 = 10;

/// One outlet's live figures, as of `as_of`.
#[derive(Clone, Debug, PartialEq)]
pub struct Live {
    /// People waiting (tickets drawn, not yet called).
    pub waiting: Option<u32>,
    /// Windows serving now; `Some(0)` means none is.
    pub windows_open: Option<u32>,
    /// The hall's own estimate of the wait for a ticket drawn now, in minutes.
    pub wait_minutes: Option<u32>,
    /// The next free appointment slot, by item id.
    pub next_slot: BTreeMap<String, NaiveDateTime>,
    /// A short note from the hall ("叫号系统维护"), tamed and cut like any text from data.
    pub note: Option<String>,
    /// When the figures were taken, Beijing time.
    pub as_of: NaiveDateTime,
}

impl Live {
    /// The next free slot for `item`, if the feed gave one.
    pub fn next_slot(&self, item: &str) -> Option<NaiveDateTime> {
        self.next_slot.get(item).copied()
    }

    /// Whether the figures are at most `fresh_minutes` old at `now` (and not from the
    /// future beyond [`MAX_SKEW_MINUTES`]).
    pub fn is_fresh(&self, now: NaiveDateTime, fresh_minutes: u32) -> bool {
        let age = now - self.as_of;
        age <= Duration::minutes(fresh_minutes.into())
            && age >= -Duration::minutes(MAX_SKEW_MINUTES)
    }

    /// "排队 12 人 · 约 25 分钟" / "12 waiting · about 25 min"; "暂无窗口办理" /
    /// "No window open" when none is; "" when the feed gave no queue figure.
    pub fn line(&self, lang: Lang) -> String {
        if self.windows_open == Some(0) {
            return lang.pick("暂无窗口办理", "No window open").to_owned();
        }
        let mut parts = Vec::new();
        match self.waiting {
            Some(0) => parts.push(lang.pick("无人排队", "No queue").to_owned()),
            Some(n) => parts.push(match lang {
                Lang::Zh => format!("排队 {n} 人"),
                Lang::En => format!("{n} waiting"),
            }),
            None => {}
        }
        match self.wait_minutes {
            Some(0) if self.waiting != Some(0) => {
                parts.push(lang.pick("无需等待", "no wait").to_owned())
            }
            Some(0) => {}
            Some(m) => parts.push(match lang {
                Lang::Zh => format!("约 {m} 分钟"),
                Lang::En if parts.is_empty() => format!("About {m} min wait"),
                Lang::En => format!("about {m} min"),
            }),
            None => {}
        }
        parts.join(" · ")
    }

    /// "数据更新于 14:05" / "Updated 14:05".
    pub fn updated_line(&self, lang: Lang) -> String {
        let t = crate::hours::hm(self.as_of);
        match lang {
            Lang::Zh => format!("数据更新于 {t}"),
            Lang::En => format!("Updated {t}"),
        }
    }
}

/// Minutes to get there and be served: the route's estimate plus the live wait.
/// Without live figures (or without a wait figure) the wait counts as 0, so an
/// outlet without a queue system is ordered by its route alone, as before.
pub fn total_minutes(route_minutes: u32, live: Option<&Live>) -> u32 {
    route_minutes.saturating_add(live.and_then(|l| l.wait_minutes).unwrap_or(0))
}

/// Orders `hits` by [`total_minutes`]: the route's estimate by `mode` for each
/// outlet's straight-line distance, plus its live wait where the figures are fresh.
/// The sort is stable, so outlets that take as long stay nearest first.
pub fn order_by_total_time(
    hits: &mut [crate::results::Hit],
    outlets: &crate::OutletSet,
    mode: crate::route::TravelMode,
    status: &Status,
    now: NaiveDateTime,
) {
    // `order` computes each key once, as `sort_by_cached_key` did.
    crate::order::sort_by_key(hits, |h| {
        let id = &outlets.outlets[h.index].id;
        (
            u64::from(total_minutes(
                mode.minutes(h.distance_m),
                status.entry(id, now),
            )),
            0,
        )
    });
}

/// How busy a hall is, from its wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Busy {
    /// Under 15 minutes' wait.
    Quiet,
    /// 15 to 44 minutes.
    Moderate,
    /// 45 minutes or more, or no window open.
    Busy,
    /// Live figures without a wait figure.
    Unknown,
}

impl Busy {
    pub fn of(live: &Live) -> Busy {
        if live.windows_open == Some(0) {
            return Busy::Busy;
        }
        match live.wait_minutes {
            Some(m) if m < 15 => Busy::Quiet,
            Some(m) if m < 45 => Busy::Moderate,
            Some(_) => Busy::Busy,
            None => Busy::Unknown,
        }
    }

    /// `quiet`, `moderate`, `busy`, `unknown`: for a `data-` attribute or a class.
    pub fn key(self) -> &'static str {
        match self {
            Busy::Quiet => "quiet",
            Busy::Moderate => "moderate",
            Busy::Busy => "busy",
            Busy::Unknown => "unknown",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Busy::Quiet => lang.pick("人少", "Quiet"),
            Busy::Moderate => lang.pick("人较多", "Moderate"),
            Busy::Busy => lang.pick("人多", "Busy"),
            Busy::Unknown => lang.pick("排队情况未知", "Queue unknown"),
        }
    }
}

/// What a kiosk in a hall says about its own queue and a quicker hall nearby.
#[derive(Clone, Debug, PartialEq)]
pub struct KioskAdvice<'a> {
    /// The hall's own live figures and how busy that is; `None` when it has no fresh ones.
    pub here: Option<(&'a Live, Busy)>,
    /// The nearby hall that saves the most time, if one saves at least
    /// [`QUICKER_BY_MINUTES`] (travel included) over waiting here.
    pub quicker: Option<Quicker<'a>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quicker<'a> {
    pub outlet_id: &'a str,
    pub live: &'a Live,
    /// Minutes to get there, as the caller gave them.
    pub route_minutes: u32,
    /// Minutes saved against waiting here: own wait − (route + its wait); `None`
    /// when no window is open here.
    pub saves_minutes: Option<u32>,
}

/// For a kiosk standing in hall `here`: how busy it is, and which of `nearby`
/// (outlet id, minutes to get there) is quicker. `nearby` should hold only outlets
/// that handle what the resident needs and are open; only fresh figures count, and
/// a hall is never called quicker on a guess (no wait figure, or none here).
pub fn kiosk_advice<'a>(
    status: &'a Status,
    here: &str,
    nearby: &[(&'a str, u32)],
    now: NaiveDateTime,
) -> KioskAdvice<'a> {
    let own = status.entry(here, now);
    // No window open here: any open hall nearby is quicker.
    let own_wait = own.and_then(|l| match l.windows_open {
        Some(0) => Some(u32::MAX),
        _ => l.wait_minutes,
    });
    let quicker = own_wait.and_then(|own_wait| {
        nearby
            .iter()
            .filter(|(id, _)| *id != here)
            .filter_map(|&(id, route)| {
                let live = status.entry(id, now)?;
                if live.windows_open == Some(0) || live.wait_minutes.is_none() {
                    return None;
                }
                let saves = own_wait.checked_sub(total_minutes(route, Some(live)))?;
                (saves >= QUICKER_BY_MINUTES).then_some(Quicker {
                    outlet_id: id,
                    live,
                    route_minutes: route,
                    saves_minutes: (own_wait != u32::MAX).then_some(saves),
                })
            })
            .min_by_key(|q| total_minutes(q.route_minutes, Some(q.live)))
    });
    KioskAdvice {
        here: own.map(|l| (l, Busy::of(l))),
        quicker,
    }
}

/// Live figures by outlet id: one feed, or several merged (regions, polls).
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    entries: HashMap<String, Live>,
    /// The newest `as_of` of the files read.
    pub as_of: Option<NaiveDateTime>,
    /// Minutes a figure stays live: the config's `status_fresh_minutes`.
    pub fresh_minutes: u32,
}

impl Default for Status {
    fn default() -> Status {
        Status {
            entries: HashMap::new(),
            as_of: None,
            fresh_minutes: DEFAULT_FRESH_MINUTES,
        }
    }
}

#[derive(Deserialize)]
struct RawFeed<'a> {
    as_of: Option<String>,
    #[serde(borrow)]
    outlets: Option<BTreeMap<String, &'a RawValue>>,
}

#[derive(Deserialize)]
struct RawEntry {
    waiting: Option<f64>,
    windows_open: Option<f64>,
    wait_minutes: Option<f64>,
    as_of: Option<String>,
    next_slot: Option<BTreeMap<String, String>>,
    note: Option<String>,
}

/// Reads a time as a queue system writes it, as Beijing time: `2026-12-04T14:05`,
/// with seconds or not; with an offset (`+08:00`, `Z`) it is converted.
/// Read by hand: chrono's format parser cost the app about 25 kB of wasm (gzip).
pub fn parse_time(text: &str) -> Option<NaiveDateTime> {
    let t = text.trim();
    // The offset, if any: `Z`, `+08:00`, `-05:00` (or without the colon).
    let (local, offset_minutes) = if let Some(rest) = t.strip_suffix(['Z', 'z']) {
        (rest, Some(0i64))
    } else if t.len() > 16 && matches!(t.as_bytes()[t.len() - 6], b'+' | b'-') {
        let (rest, off) = t.split_at(t.len() - 6);
        (rest, offset(off))
    } else if t.len() > 16 && matches!(t.as_bytes()[t.len() - 5], b'+' | b'-') {
        let (rest, off) = t.split_at(t.len() - 5);
        (rest, offset(off))
    } else {
        (t, None)
    };
    if local.len() != 16 && local.len() != 19 {
        return None;
    }
    let (date, time) = local.split_once(['T', ' '])?;
    let mut parts = time.split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let sec: u32 = match parts.next() {
        Some(s) => s.parse().ok()?,
        None => 0,
    };
    let local = crate::hours::parse_ymd(date)?.and_hms_opt(h, m, sec)?;
    match offset_minutes {
        // Beijing is UTC+8 all year.
        Some(off) => Some(local - Duration::minutes(off) + Duration::hours(8)),
        None => Some(local),
    }
}

/// Minutes east of UTC in `+08:00` or `+0800`.
fn offset(text: &str) -> Option<i64> {
    let sign = if text.starts_with('-') { -1 } else { 1 };
    let digits: String = text[1..].chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i64 = digits[..2].parse().ok()?;
    let m: i64 = digits[2..].parse().ok()?;
    Some(sign * (h * 60 + m))
}

/// A count from the feed: a whole number from 0 to `max` (a fraction is rounded).
fn count(field: &str, v: Option<f64>, max: u32) -> Result<Option<u32>, String> {
    let Some(v) = v else { return Ok(None) };
    if v < 0.0 {
        return Err(format!("{field} {v} is negative"));
    }
    if v > max as f64 {
        return Err(format!("{field} {v} is more than {max}: not a real figure"));
    }
    Ok(Some(v.round() as u32))
}

fn future(t: NaiveDateTime, now: NaiveDateTime) -> bool {
    t - now > Duration::minutes(MAX_SKEW_MINUTES)
}

impl Status {
    /// Reads one feed file at `now` (Beijing time). A file that is too big, not JSON,
    /// without `as_of` or `outlets`, or dated in the future is refused whole; a bad
    /// entry is reported (its outlet id, why) and dropped, the rest kept.
    pub fn parse(text: &str, now: NaiveDateTime) -> Result<(Status, Vec<Problem>), FatalError> {
        if text.len() as u64 > MAX_STATUS_BYTES {
            return Err(FatalError::new(
                FILE,
                format!(
                    "实时状态文件有 {}，超过上限 {}；未加载（status feed too large: {} bytes, limit {MAX_STATUS_BYTES}）",
                    format_bytes(text.len() as u64),
                    format_bytes(MAX_STATUS_BYTES),
                    text.len()
                ),
            ));
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let raw: RawFeed = serde_json::from_str(text).map_err(|e| {
            FatalError::new(
                FILE,
                format!(
                    "实时状态文件不是有效的 JSON（invalid status feed）: {}",
                    in_file(text, text, &e)
                ),
            )
        })?;
        let as_of_text = raw.as_of.ok_or_else(|| {
            FatalError::new(
                FILE,
                "实时状态文件缺少 as_of（status feed has no \"as_of\" time）",
            )
        })?;
        let as_of = parse_time(&as_of_text).ok_or_else(|| {
            FatalError::new(
                FILE,
                format!(
                    "as_of {} is not a time such as \"2026-12-04T14:05\" (Beijing time)",
                    quote(&as_of_text)
                ),
            )
        })?;
        if future(as_of, now) {
            return Err(FatalError::new(
                FILE,
                format!(
                    "as_of {} is in the future (now {}): the queue system's clock is wrong; feed not used",
                    crate::hours::ymd_hm(as_of),
                    crate::hours::ymd_hm(now)
                ),
            ));
        }
        let outlets = raw.outlets.ok_or_else(|| {
            FatalError::new(
                FILE,
                "实时状态文件缺少 outlets（status feed has no \"outlets\" object）",
            )
        })?;
        let mut status = Status {
            as_of: Some(as_of),
            ..Status::default()
        };
        let mut problems = Vec::new();
        let mut unreported = 0usize;
        let mut report = |p: Problem, problems: &mut Vec<Problem>| {
            if problems.len() < MAX_REPORTED {
                problems.push(p);
            } else {
                unreported += 1;
            }
        };
        for (i, (id, value)) in outlets.into_iter().enumerate() {
            let path = format!("outlets[{}]", quote(&id));
            let at = |p: Problem| p.at(i, Some(&id));
            if id.trim().is_empty() || id.chars().count() > MAX_ID_CHARS {
                report(
                    at(Problem::error(
                        FILE,
                        path,
                        "entry dropped: an outlet id must be 1 to 200 characters",
                    )),
                    &mut problems,
                );
                continue;
            }
            match read_entry(text, value.get(), as_of, now, &path) {
                Ok((live, warnings)) => {
                    for w in warnings {
                        report(at(w), &mut problems);
                    }
                    status.entries.insert(id, live);
                }
                Err(why) => report(
                    at(Problem::error(FILE, path, format!("entry dropped: {why}"))),
                    &mut problems,
                ),
            }
        }
        if unreported > 0 {
            problems.push(Problem::error(
                FILE,
                "outlets",
                format!("{unreported} more problems not listed"),
            ));
        }
        Ok((status, problems))
    }

    /// Drops the entries for outlets `known` does not know, with one warning giving
    /// their count and a few ids. Call it once the outlets (or the feed's region) are
    /// loaded; a feed naming outlets that are not there is usually a wrong id mapping
    /// in the queue system.
    pub fn keep_known(&mut self, known: impl Fn(&str) -> bool) -> Option<Problem> {
        let mut unknown: Vec<String> = self
            .entries
            .keys()
            .filter(|id| !known(id))
            .cloned()
            .collect();
        if unknown.is_empty() {
            return None;
        }
        crate::order::sort_by_key_then(&mut unknown, |_| (0, 0), |a, b| a.cmp(b));
        for id in &unknown {
            self.entries.remove(id);
        }
        let some: Vec<String> = unknown.iter().take(5).map(quote).collect();
        Some(Problem::warning(
            FILE,
            "outlets",
            format!(
                "{} entries for outlets not in the outlets file, ignored: {}{}",
                unknown.len(),
                some.join(", "),
                if unknown.len() > 5 { ", …" } else { "" }
            ),
        ))
    }

    /// Folds a newer poll (or another region's feed) into this state: each outlet's
    /// entry is replaced by a newer one; an outlet absent from `newer`, or whose new
    /// entry is older (a stale CDN copy), keeps what it had, and its figures expire by
    /// freshness. A failed poll is simply not merged: the last good figures stay,
    /// with their own time, and [`Status::entry`] stops showing them once stale.
    pub fn merge(&mut self, newer: Status) {
        self.as_of = self.as_of.max(newer.as_of);
        for (id, live) in newer.entries {
            match self.entries.get(&id) {
                Some(old) if old.as_of > live.as_of => {}
                _ => {
                    self.entries.insert(id, live);
                }
            }
        }
    }

    /// The outlet's live figures if they are fresh at `now`; `None` when there are
    /// none or they are older than `fresh_minutes` (nothing stale shows as live).
    pub fn entry(&self, outlet_id: &str, now: NaiveDateTime) -> Option<&Live> {
        self.entries
            .get(outlet_id)
            .filter(|l| l.is_fresh(now, self.fresh_minutes))
    }

    /// Entries held, fresh or not.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

fn read_entry(
    file: &str,
    text: &str,
    file_as_of: NaiveDateTime,
    now: NaiveDateTime,
    path: &str,
) -> Result<(Live, Vec<Problem>), String> {
    if !text.starts_with('{') {
        return Err(format!(
            "{} is not an object such as {{\"waiting\": 12, \"wait_minutes\": 25}}",
            quote(&serde_json::from_str::<serde_json::Value>(text).unwrap_or_default())
        ));
    }
    let raw: RawEntry = serde_json::from_str(text).map_err(|e| in_file(file, text, &e))?;
    let as_of = match &raw.as_of {
        Some(t) => parse_time(t).ok_or_else(|| {
            format!(
                "as_of {} is not a time such as \"2026-12-04T14:05\"",
                quote(t)
            )
        })?,
        None => file_as_of,
    };
    if future(as_of, now) {
        return Err(format!(
            "as_of {} is in the future (now {})",
            crate::hours::ymd_hm(as_of),
            crate::hours::ymd_hm(now)
        ));
    }
    let waiting = count("waiting", raw.waiting, MAX_WAITING)?;
    let windows_open = count("windows_open", raw.windows_open, MAX_WINDOWS)?;
    let wait_minutes = count("wait_minutes", raw.wait_minutes, MAX_WAIT_MINUTES)?;
    let mut warnings = Vec::new();
    let mut next_slot = BTreeMap::new();
    for (item, t) in raw.next_slot.unwrap_or_default() {
        if next_slot.len() >= MAX_SLOTS {
            warnings.push(Problem::warning(
                FILE,
                format!("{path}.next_slot"),
                format!("more than {MAX_SLOTS} items; the rest ignored"),
            ));
            break;
        }
        match parse_time(&t) {
            Some(when) if !item.is_empty() && item.chars().count() <= MAX_ID_CHARS => {
                next_slot.insert(item, when);
            }
            _ => warnings.push(Problem::warning(
                FILE,
                format!("{path}.next_slot[{}]", quote(&item)),
                format!(
                    "{} is not a time such as \"2026-12-07T09:30\" for an item id; slot ignored",
                    quote(&t)
                ),
            )),
        }
    }
    let note = raw.note.and_then(|mut n| {
        let (tamed, cut) = fit(&mut n);
        if tamed || cut.is_some() {
            warnings.push(Problem::warning(
                FILE,
                format!("{path}.note"),
                "note cleaned of reordering controls or cut to 2,000 characters",
            ));
        }
        (!n.trim().is_empty()).then_some(n)
    });
    if waiting.is_none() && windows_open.is_none() && wait_minutes.is_none() && next_slot.is_empty()
    {
        return Err("no figure: none of waiting, windows_open, wait_minutes, next_slot".into());
    }
    Ok((
        Live {
            waiting,
            windows_open,
            wait_minutes,
            next_slot,
            note,
            as_of,
        },
        warnings,
    ))
}

/// The feed files to poll for a config's `status` and the pack's region files
/// shown, resolved against the config's URL or path like its other files.
///
/// - `status` without `{region}` names one feed for the whole deployment: one name,
///   whatever the regions (an outlets GeoJSON file passes no region).
/// - `status` with `{region}` (e.g. `status/{region}.json`) names one feed per
///   region file of the pack: `{region}` is the region file's name without its folder
///   and its `.json` (`outlets-003.json` → `status/outlets-003.json`), in the order given.
pub fn feed_names(config: &str, status: &str, region_files: &[&str]) -> Vec<String> {
    if !status.contains("{region}") {
        return vec![resolve(config, status)];
    }
    region_files
        .iter()
        .map(|file| resolve(config, &region_feed(status, file)))
        .collect()
}

/// A `{region}` template filled in for one region file, unresolved:
/// `status/{region}.json` and `regions/outlets-003.json` → `status/outlets-003.json`.
pub fn region_feed(status: &str, region_file: &str) -> String {
    let name = region_file.rsplit('/').next().unwrap_or(region_file);
    let stem = name.strip_suffix(".json").unwrap_or(name);
    status.replace("{region}", stem)
}

/// The regions whose feeds a phone polls: those within `within_m` of where the
/// resident is looking (`bboxes` as `[west, south, east, north]`), else the nearest
/// one, so that a resident between regions still sees figures. Indexes, in order.
pub fn regions_to_poll(bboxes: &[[f64; 4]], at: crate::LonLat, within_m: f64) -> Vec<usize> {
    let distance = |b: &[f64; 4]| {
        let [w, s, e, n] = *b;
        crate::geo::distance_m(
            at,
            crate::LonLat::new(at.lon.clamp(w, e), at.lat.clamp(s, n)),
        )
    };
    let near: Vec<usize> = (0..bboxes.len())
        .filter(|&i| distance(&bboxes[i]) <= within_m)
        .collect();
    if !near.is_empty() {
        return near;
    }
    (0..bboxes.len())
        .min_by(|&a, &b| distance(&bboxes[a]).total_cmp(&distance(&bboxes[b])))
        .into_iter()
        .collect()
}

#[cfg(test)]
#[path = "status_tests.rs"]
mod tests;
