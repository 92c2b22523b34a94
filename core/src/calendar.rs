//! A planned visit as an iCalendar file (RFC 5545), for the resident's own calendar:
//! when (in Asia/Shanghai), where, what to bring and how to get there.

use crate::geo::LonLat;
use crate::hours::compact;
use chrono::{Duration, NaiveDateTime};

#[derive(Clone, Debug, PartialEq)]
pub struct Visit {
    /// Unique and stable for the same item, outlet and time, so re-adding updates.
    pub uid: String,
    /// Local time in Asia/Shanghai.
    pub start: NaiveDateTime,
    pub minutes: i64,
    pub title: String,
    pub address: String,
    pub pos: LonLat,
    /// Free text: materials, booking, notes; lines separated by `\n`.
    pub description: String,
    pub route_url: Option<String>,
    /// When the file was made, in UTC.
    pub stamp_utc: NaiveDateTime,
    /// The language of the words the file adds (the route line, the reminder).
    pub lang: crate::i18n::Lang,
}

/// The `.ics` text, CRLF line ends, long lines folded.
pub fn visit_ics(v: &Visit) -> String {
    let local = compact;
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".into(),
        "PRODID:-//emap//police service e-map//ZH".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        // China keeps UTC+8 all year; one STANDARD block says so to every client.
        "BEGIN:VTIMEZONE".into(),
        "TZID:Asia/Shanghai".into(),
        "BEGIN:STANDARD".into(),
        "DTSTART:19700101T000000".into(),
        "TZOFFSETFROM:+0800".into(),
        "TZOFFSETTO:+0800".into(),
        "TZNAME:CST".into(),
        "END:STANDARD".into(),
        "END:VTIMEZONE".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{}", text(&v.uid)),
        format!("DTSTAMP:{}Z", compact(v.stamp_utc)),
        format!("DTSTART;TZID=Asia/Shanghai:{}", local(v.start)),
        format!(
            "DTEND;TZID=Asia/Shanghai:{}",
            local(v.start + Duration::minutes(v.minutes.max(1)))
        ),
        format!("SUMMARY:{}", text(&v.title)),
        format!("LOCATION:{}", text(&v.address)),
        format!("GEO:{:.6};{:.6}", v.pos.lat, v.pos.lon),
    ];
    let mut description = v.description.clone();
    if let Some(url) = &v.route_url {
        description.push_str(&format!("\n{}{url}", v.lang.pick("导航：", "Route: ")));
        // URL is a URI value: no escaping, but it must not break the line.
        if !url.contains(['\r', '\n']) {
            lines.push(format!("URL:{url}"));
        }
    }
    lines.push(format!("DESCRIPTION:{}", text(&description)));
    let reminder = v.lang.pick(
        "DESCRIPTION:一小时后办事，别忘了带齐材料",
        "DESCRIPTION:In an hour: bring everything on the list",
    );
    lines.extend(
        [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "TRIGGER:-PT1H",
            reminder,
            "END:VALARM",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        .map(str::to_owned),
    );
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Lines of at most 75 octets, continued with a leading space, never splitting a
/// UTF-8 character (RFC 5545 §3.1).
fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit() -> Visit {
        Visit {
            uid: "passport@d01-ee1@20261123T0900".into(),
            start: NaiveDateTime::parse_from_str("2026-11-23 09:00", "%Y-%m-%d %H:%M").unwrap(),
            minutes: 60,
            title: "办理：普通护照签发（芝罘区出入境接待大厅）".into(),
            address: "烟台市芝罘区南大街1号, 3楼".into(),
            pos: LonLat::new(121.4, 37.5),
            description: "需带材料：\n☐ 居民身份证；原件\n☐ 近期彩色照片".into(),
            route_url: Some("https://uri.amap.com/marker?position=121.4,37.5&name=x".into()),
            stamp_utc: NaiveDateTime::parse_from_str("2026-11-22 06:00", "%Y-%m-%d %H:%M").unwrap(),
            lang: crate::i18n::Lang::Zh,
        }
    }

    #[test]
    fn event_in_shanghai_time_with_escaped_text() {
        let ics = visit_ics(&visit());
        assert!(ics.contains("DTSTART;TZID=Asia/Shanghai:20261123T090000\r\n"));
        assert!(ics.contains("DTEND;TZID=Asia/Shanghai:20261123T100000\r\n"));
        assert!(ics.contains("DTSTAMP:20261122T060000Z\r\n"));
        assert!(ics.contains("GEO:37.500000;121.400000\r\n"));
        let unfolded = ics.replace("\r\n ", "");
        assert!(
            unfolded.contains("LOCATION:烟台市芝罘区南大街1号\\, 3楼\r\n"),
            "{unfolded}"
        );
        assert!(
            unfolded.contains("☐ 居民身份证\\；原件") || unfolded.contains("☐ 居民身份证；原件")
        );
        assert!(unfolded.contains("\\n导航：https://uri.amap.com/marker?position=121.4\\,37.5"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn lines_fold_at_75_octets_on_character_boundaries() {
        let mut v = visit();
        v.description = "材".repeat(200);
        let ics = visit_ics(&v);
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert!(ics.replace("\r\n ", "").contains(&"材".repeat(200)));
    }
}
