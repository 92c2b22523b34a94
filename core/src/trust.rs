//! Whether a resident can trust what the page says about an outlet, and whom to tell
//! when it is wrong: the date the outlet's facts were last checked (`check_date`, as
//! OpenStreetMap writes it), the supervision phone (监督电话) for complaints about the
//! service, and the channel for reporting wrong information (报告信息有误) that the
//! config's `report` names.

use crate::config::Config;
pub use crate::config::Report;
use crate::hours::{parse_ymd, ymd};
use crate::i18n::Lang;
use crate::origin::{link_allowed, WEB};
use crate::outlets::{Outlet, OutletSet, FILE};
use crate::problem::Problem;
use crate::text::quote;
use chrono::NaiveDate;
use serde_json::Value;

/// Facts checked longer ago than this many days may be out of date: a year, so every
/// outlet is looked at once a year (hours change with the seasons' staffing, windows
/// move) and a bureau that checks yearly never sees the warning.
pub const STALE_AFTER_DAYS: i64 = 365;

/// Whether facts checked on `check_date` are too old to be relied on `today` (more
/// than [`STALE_AFTER_DAYS`] days before): the page then says 信息可能已过时.
pub fn check_too_old(check_date: NaiveDate, today: NaiveDate) -> bool {
    (today - check_date).num_days() > STALE_AFTER_DAYS
}

/// "信息核实于 2026-11-03" / "Checked 2026-11-03".
pub fn checked_line(check_date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("信息核实于 {}", ymd(check_date)),
        Lang::En => format!("Checked {}", ymd(check_date)),
    }
}

/// What the page says beside a check date that [`check_too_old`]: "信息可能已过时" /
/// "This information may be out of date".
pub fn stale_line(lang: Lang) -> &'static str {
    lang.pick("信息可能已过时", "This information may be out of date")
}

/// `Outlet::check_date` as `"2026-11-03"` (chrono's own serde support is not built).
pub(crate) fn serialize_date<S: serde::Serializer>(
    date: &Option<NaiveDate>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => s.serialize_some(&ymd(*d)),
        None => s.serialize_none(),
    }
}

/// Reads an outlet's `check_date` (`YYYY-MM-DD`); anything else is told to `warn`
/// (path `.check_date`) and left out. Whether it lies in the future is checked
/// against a day: [`OutletSet::check_dates`].
pub fn read_check_date(
    value: Option<&Value>,
    mut warn: impl FnMut(&str, String),
) -> Option<NaiveDate> {
    let v = value.filter(|v| !v.is_null())?;
    let date = v
        .as_str()
        .map(str::trim)
        .filter(|s| s.len() == 10)
        .and_then(parse_ymd);
    if date.is_none() {
        warn(
            ".check_date",
            format!("check_date {} is not a date YYYY-MM-DD; left out", quote(v)),
        );
    }
    date
}

impl OutletSet {
    /// Drops, and reports, the check dates after `today` among the outlets from
    /// `first` on: a date to come was typed wrong, and "checked" on it would claim a
    /// check that has not happened. Warnings: the outlets stay.
    pub fn check_dates(&mut self, today: NaiveDate, first: usize) -> Vec<Problem> {
        let mut problems = Vec::new();
        for o in self.outlets.iter_mut().skip(first) {
            let Some(d) = o.check_date.filter(|d| *d > today) else {
                continue;
            };
            o.check_date = None;
            problems.push(
                Problem::warning(
                    FILE,
                    format!("features[{}].properties.check_date", o.feature_index),
                    format!(
                        "check_date {} is in the future (today {}); left out",
                        ymd(d),
                        ymd(today)
                    ),
                )
                .at(o.feature_index, Some(&o.id)),
            );
        }
        problems
    }
}

/// `text` with every byte but RFC 3986's unreserved characters (`A–Z a–z 0–9 - . _ ~`)
/// percent-encoded, as UTF-8: safe anywhere in a URL's query or path.
pub fn url_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn filled(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

impl Config {
    /// The supervision phone (监督电话) for `outlet`: its own, else the config's.
    pub fn supervision_phone<'a>(&'a self, outlet: &'a Outlet) -> Option<&'a str> {
        filled(outlet.supervision_phone.as_deref())
            .or_else(|| filled(self.supervision_phone.as_deref()))
    }

    /// The link for reporting that `field` of outlet `outlet_id` is wrong: the
    /// config's `report.url` with `{outlet}` and `{field}` replaced by the URL-encoded
    /// values. `None` without a `report.url`, or when the link is not `http`/`https`
    /// as the browser reads it (the rule every link from data follows).
    pub fn report_link(&self, outlet_id: &str, field: &str) -> Option<String> {
        let template = filled(self.report.as_ref()?.url.as_deref())?;
        let link = template
            .replace("{outlet}", &url_encode(outlet_id))
            .replace("{field}", &url_encode(field));
        link_allowed(&link, WEB).then_some(link)
    }

    /// The phone for reporting wrong information, if the config's `report` gives one.
    pub fn report_phone(&self) -> Option<&str> {
        filled(self.report.as_ref()?.phone.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        parse_ymd(text).unwrap()
    }

    const MIN: &str = r#""title":"x","outlets":"o","center":[121.4,37.5]"#;

    fn config(extra: &str) -> Config {
        Config::parse(&format!("{{{MIN}{extra}}}")).unwrap()
    }

    #[test]
    fn a_check_older_than_a_year_is_too_old() {
        let today = day("2026-12-05");
        assert!(!check_too_old(day("2026-11-03"), today));
        assert!(
            !check_too_old(day("2025-12-05"), today),
            "365 days: not yet"
        );
        assert!(check_too_old(day("2025-12-04"), today));
        assert!(check_too_old(day("2019-01-01"), today));
        assert!(!check_too_old(day("2027-01-01"), today));
        assert_eq!(
            checked_line(day("2026-11-03"), Lang::Zh),
            "信息核实于 2026-11-03"
        );
        assert_eq!(
            checked_line(day("2026-11-03"), Lang::En),
            "Checked 2026-11-03"
        );
        assert_eq!(stale_line(Lang::Zh), "信息可能已过时");
        assert_eq!(stale_line(Lang::En), "This information may be out of date");
    }

    #[test]
    fn check_dates_are_read_strictly() {
        let mut said = Vec::new();
        let mut read = |json: &str| {
            let v: Value = serde_json::from_str(json).unwrap();
            read_check_date(Some(&v), |at, why| said.push((at.to_owned(), why)))
        };
        assert_eq!(read(r#""2026-11-03""#), Some(day("2026-11-03")));
        assert_eq!(read(r#"" 2026-11-03 ""#), Some(day("2026-11-03")));
        assert_eq!(read("null"), None);
        for bad in [
            r#""2026-11""#,
            r#""2026-1-3""#,
            r#""2026-02-30""#,
            r#""03/11/2026""#,
            "20261103",
        ] {
            assert_eq!(read(bad), None, "{bad}");
        }
        assert_eq!(said.len(), 5);
        assert_eq!(said[0].0, ".check_date");
        assert_eq!(
            said[0].1,
            "check_date \"2026-11\" is not a date YYYY-MM-DD; left out"
        );
    }

    #[test]
    fn a_check_date_in_the_future_is_reported_and_dropped() {
        let (mut set, problems) = OutletSet::parse(
            r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[121.4,37.5]},"properties":{"name":"甲","check_date":"2026-11-03"}},
            {"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[121.4,37.5]},"properties":{"name":"乙","check_date":"2027-03-01"}}]}"#,
        )
        .unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let p = set.check_dates(day("2026-12-05"), 0);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].path, "features[1].properties.check_date");
        assert_eq!(p[0].id.as_deref(), Some("b"));
        assert_eq!(
            p[0].message,
            "check_date 2027-03-01 is in the future (today 2026-12-05); left out"
        );
        assert_eq!(set.get("a").unwrap().check_date, Some(day("2026-11-03")));
        assert_eq!(set.get("b").unwrap().check_date, None);
    }

    #[test]
    fn the_outlets_supervision_phone_comes_first() {
        let (set, _) = OutletSet::parse(
            r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[121.4,37.5]},"properties":{"name":"甲","supervision_phone":"0535-6220110"}},
            {"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[121.4,37.5]},"properties":{"name":"乙"}}]}"#,
        )
        .unwrap();
        let (a, b) = (set.get("a").unwrap(), set.get("b").unwrap());
        let with = config(r#","supervision_phone":"0535-12389""#);
        assert_eq!(with.supervision_phone(a), Some("0535-6220110"));
        assert_eq!(with.supervision_phone(b), Some("0535-12389"));
        let without = config("");
        assert_eq!(without.supervision_phone(a), Some("0535-6220110"));
        assert_eq!(without.supervision_phone(b), None);
        assert_eq!(
            config(r#","supervision_phone":"  ""#).supervision_phone(b),
            None
        );
    }

    #[test]
    fn report_links_replace_and_encode() {
        let c = config(
            r#","report":{"url":"https://12345.yantai.gov.cn/report?outlet={outlet}&field={field}","phone":"12345"}"#,
        );
        assert_eq!(
            c.report_link("d01-ps02", "opening_hours").as_deref(),
            Some("https://12345.yantai.gov.cn/report?outlet=d01-ps02&field=opening_hours")
        );
        assert_eq!(
            c.report_link("芝罘 1&x=2#y", "addr:full").as_deref(),
            Some("https://12345.yantai.gov.cn/report?outlet=%E8%8A%9D%E7%BD%98%201%26x%3D2%23y&field=addr%3Afull")
        );
        assert_eq!(c.report_phone(), Some("12345"));
        let phone_only = config(r#","report":{"phone":"12345"}"#);
        assert_eq!(phone_only.report_link("a", "phone"), None);
        assert_eq!(phone_only.report_phone(), Some("12345"));
        let none = config("");
        assert_eq!(
            (none.report_link("a", "b"), none.report_phone()),
            (None, None)
        );
        // Without placeholders the form is the same for every outlet.
        let plain = config(r#","report":{"url":"https://example.gov.cn/form"}"#);
        assert_eq!(
            plain.report_link("a", "b").as_deref(),
            Some("https://example.gov.cn/form")
        );
    }

    #[test]
    fn a_hostile_report_url_is_refused_by_the_link_rule() {
        for url in [
            "javascript:alert(1)//{outlet}",
            "java\tscript:alert('{outlet}')",
            " JAVASCRIPT:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "/report?outlet={outlet}",
            "//evil.example/{outlet}",
            "{outlet}",
        ] {
            let c = config(&format!(
                r#","report":{{"url":{}}}"#,
                serde_json::json!(url)
            ));
            assert_eq!(c.report_link("javascript:alert(1)", "x"), None, "{url}");
        }
        // An id cannot make a scheme: it is encoded.
        let c = config(r#","report":{"url":"{outlet}"}"#);
        assert_eq!(c.report_link("https://evil.example", "x"), None);
    }

    #[test]
    fn url_encoding() {
        assert_eq!(url_encode("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(url_encode("a b/c?d"), "a%20b%2Fc%3Fd");
        assert_eq!(url_encode("派"), "%E6%B4%BE");
    }
}
