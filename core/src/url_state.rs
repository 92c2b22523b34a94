//! The app's state as it stands in the URL query, so portals can deep-link and
//! residents can share: `?item=ID&bundle=ID&outlet=ID&open=now|DATE&access=step-free&sort=time&q=TEXT&at=LON,LAT&config=PATH`.

use crate::geo::LonLat;
use crate::hours::OpenFilter;
use crate::i18n::Lang;

/// Which screen the app is made for: a resident's own device (no `mode`), a hall's
/// touch screen, or a portal's iframe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Kiosk,
    Embed,
}

impl Mode {
    pub fn parse(text: &str) -> Option<Mode> {
        match text {
            "kiosk" => Some(Mode::Kiosk),
            "embed" => Some(Mode::Embed),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Mode::Kiosk => "kiosk",
            Mode::Embed => "embed",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct UrlState {
    pub mode: Option<Mode>,
    pub item: Option<String>,
    /// A life event (一件事); the app shows one or the other of item and bundle.
    pub bundle: Option<String>,
    pub open: OpenFilter,
    /// The UI language, when chosen (`?lang=en`).
    pub lang: Option<Lang>,
    pub outlet: Option<String>,
    pub q: Option<String>,
    /// The resident's position in WGS-84, overriding geolocation.
    pub at: Option<LonLat>,
    /// A same-origin path of another config file, as the link has it: whether it may
    /// load is decided on the browser's parse of it (`crate::origin`).
    pub config: Option<String>,
    /// The map rather than the list, on a phone (`?view=map`): Back returns to the list.
    pub map: bool,
    /// Only step-free outlets (`?access=step-free`): the 无障碍 filter.
    pub step_free: bool,
    /// Order by the time to get there and be served, not by distance (`?sort=time`).
    pub by_time: bool,
    /// Staff looking at the data's problems on a public screen (`?debug=1`): the kiosk
    /// and the portal embed show the problems panel only then.
    pub debug: bool,
}

impl UrlState {
    /// Parses a query string, with or without its leading `?`. Unknown keys and
    /// malformed values are ignored: a shared link with a typo still opens the app.
    pub fn parse(query: &str) -> UrlState {
        let mut s = UrlState::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let (k, raw) = (decode(k), decode(v));
            // The config path as `URLSearchParams.get` gives it to boot.js (the first,
            // untrimmed), so that the two judge one and the same text.
            if k == "config" {
                if s.config.is_none() && !raw.is_empty() {
                    s.config = Some(raw);
                }
                continue;
            }
            let v = raw.trim();
            if v.is_empty() {
                continue;
            }
            match k.as_str() {
                "item" => s.item = Some(v.to_owned()),
                "bundle" => s.bundle = Some(v.to_owned()),
                "open" => s.open = OpenFilter::parse(v).unwrap_or_default(),
                "lang" => s.lang = Lang::parse(v),
                "mode" => s.mode = Mode::parse(v),
                "outlet" => s.outlet = Some(v.to_owned()),
                "q" => s.q = Some(v.to_owned()),
                "at" => s.at = LonLat::parse(v),
                "view" => s.map = v == "map",
                "access" => s.step_free = v == "step-free",
                "sort" => s.by_time = v == "time",
                "debug" => s.debug = v == "1",
                _ => {}
            }
        }
        s
    }

    /// The query string (with `?`, or empty), in a fixed key order.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        let at = self.at.map(|p| format!("{:.6},{:.6}", p.lon, p.lat));
        let open = self.open.key();
        let lang = self.lang.map(|l| l.key().to_owned());
        let mode = self.mode.map(|m| m.key().to_owned());
        let view = self.map.then(|| "map".to_owned());
        let debug = self.debug.then(|| "1".to_owned());
        let access = self.step_free.then(|| "step-free".to_owned());
        let sort = self.by_time.then(|| "time".to_owned());
        // Only what search reads: a pasted page must not go into the address (a
        // reload of a 100k-character address gets "414 URI Too Long").
        let q = self.q.as_ref().map(|q| {
            q.chars()
                .take(crate::search::MAX_QUERY_CHARS)
                .collect::<String>()
        });
        for (k, v) in [
            ("mode", &mode),
            ("config", &self.config),
            ("item", &self.item),
            ("bundle", &self.bundle),
            ("outlet", &self.outlet),
            ("view", &view),
            ("open", &open),
            ("access", &access),
            ("sort", &sort),
            ("q", &q),
            ("at", &at),
            ("lang", &lang),
            ("debug", &debug),
        ] {
            if let Some(v) = v {
                parts.push(format!("{k}={}", encode(v)));
            }
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// Percent-encodes everything but unreserved characters and `,` (kept readable in `at`).
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `%XX` and `+`; invalid escapes are kept as written.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            // Two hex digits exactly: `from_str_radix` also takes a sign, so "%+1"
            // used to decode as byte 1.
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (issue 21): a 100k-character query went into the address bar,
    /// and a reload got "414 URI Too Long".
    #[test]
    fn the_address_keeps_only_what_search_reads() {
        let u = UrlState {
            q: Some("身".repeat(100_000)),
            ..UrlState::default()
        };
        let q = u.to_query();
        assert_eq!(
            decode(q.trim_start_matches("?q=")).chars().count(),
            crate::search::MAX_QUERY_CHARS
        );
    }

    #[test]
    fn the_config_path_is_read_as_boot_js_reads_it() {
        // The first, untrimmed (a no-break space is a path to the URL parser, while
        // `str::trim` would drop it), with its key decoded.
        let u = UrlState::parse("?config=%C2%A0%2F%2Fx%2Fc.json&config=/config.json");
        assert_eq!(u.config.as_deref(), Some("\u{a0}//x/c.json"));
        assert_eq!(
            UrlState::parse("?con%66ig=/a.json").config.as_deref(),
            Some("/a.json")
        );
        assert_eq!(UrlState::parse("?config=&item=x").config, None);
        assert_eq!(
            UrlState::parse("?config=%09/x").config.as_deref(),
            Some("\t/x")
        );
    }

    #[test]
    fn round_trips_every_key() {
        let s = UrlState {
            item: Some("id-renew".into()),
            bundle: Some("used-car".into()),
            open: OpenFilter::Now,
            lang: Some(Lang::En),
            mode: Some(Mode::Kiosk),
            outlet: Some("d01-ps03".into()),
            q: Some("身份证 到期&x=1".into()),
            at: Some(LonLat::new(121.4, 37.5)),
            config: Some("fixtures/broken/config.json".into()),
            map: true,
            debug: true,
            step_free: true,
            by_time: true,
        };
        let q = s.to_query();
        assert!(
            q.starts_with("?mode=kiosk&config=fixtures/broken/config.json&item=id-renew"),
            "{q}"
        );
        assert_eq!(UrlState::parse(&q), s);
    }

    #[test]
    fn ignores_junk() {
        let s = UrlState::parse("?item=&at=999,1&zz=1&q=%E8%BA%AB+%E4%BB%BD&bad=%ZZ&outlet=%");
        assert_eq!(s.item, None);
        assert_eq!(s.at, None);
        assert_eq!(s.q.as_deref(), Some("身 份"));
        assert_eq!(s.outlet.as_deref(), Some("%"));
        assert_eq!(UrlState::parse("").to_query(), "");
    }
}
