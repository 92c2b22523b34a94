//! Where a link or a path leads, decided the way the browser will read it.
//!
//! The browser's URL parser (the WHATWG URL standard) drops leading and trailing
//! control characters and spaces and every tab, line feed and carriage return before
//! it reads anything, and treats `\` as `/` in web URLs. So `/\t/elsewhere/c.json` is
//! `//elsewhere/c.json`, another site. A rule that looks at the raw text (for `//`,
//! `:` or `\`) can therefore be walked round; every rule here either reads the text as
//! the parser does or compares origins the parser produced.
//!
//! Where a relative path has to be resolved, the browser does it (`new URL(path,
//! base)`): `public/boot.js` and the app (`src/load.rs`) pass what it gives to
//! [`on_this_site`] and [`Config::data_origin_allowed`](crate::Config). The `url` crate
//! implements the same standard natively; the property tests hold these functions to
//! it. It is not a dependency of the core because it would put IDNA tables into every
//! resident's download (see README, "Dependencies").

/// The text as the URL parser reads it: leading and trailing C0 controls and spaces
/// removed, and tabs and newlines removed anywhere.
pub fn as_parsed(input: &str) -> String {
    input
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The scheme the parser finds, lowercased (`https`, `javascript`), or `None` for a
/// path (relative or scheme-relative).
pub fn scheme(input: &str) -> Option<String> {
    let text = as_parsed(input);
    let (scheme, _) = text.split_once(':')?;
    let mut chars = scheme.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_is_letter && rest_ok).then(|| scheme.to_ascii_lowercase())
}

/// The schemes a link from data may have: a resident is sent to web pages only.
pub const WEB: &[&str] = &["http", "https"];

/// Whether a link from data may be offered to a resident: it has one of `schemes`
/// as the browser reads it (`java\tscript:` is `javascript:`). A path without a
/// scheme is refused too: it would lead somewhere on the page's own site.
pub fn link_allowed(url: &str, schemes: &[&str]) -> bool {
    scheme(url).is_some_and(|s| {
        schemes
            .iter()
            .any(|allowed| allowed.eq_ignore_ascii_case(&s))
    })
}

/// Whether a URL the browser resolved to `protocol` (`https:`, as `URL.protocol`
/// gives it) and `origin` is a web URL on the page's own origin (`page_origin`): where
/// the config may come from, and which links a kiosk keeps inside the app. `blob:` and
/// `data:` URLs are not, even where the browser gives them an origin.
pub fn on_this_site(protocol: &str, origin: &str, page_origin: &str) -> bool {
    matches!(protocol, "http:" | "https:") && origin != "null" && origin == page_origin
}

/// A config entry naming an origin (`data_origins`, `embed.allowed_origins`),
/// serialized as the browser serializes origins: `https://data.example.gov.cn`,
/// scheme and host lowercased, a default port dropped. `None` for anything else: a
/// path, userinfo, a query, spaces or controls, a host that is not plain ASCII
/// (write an internationalized name in its `xn--` form), or a number-like host
/// that is not a dotted IPv4 address.
pub fn origin_entry(text: &str) -> Option<String> {
    let text = text.strip_suffix('/').unwrap_or(text);
    let (scheme, rest) = text.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => "80",
        "https" => "443",
        _ => return None,
    };
    let (host, port) = match rest.strip_prefix('[') {
        Some(v6) => {
            let (addr, after) = v6.split_once(']')?;
            let addr: std::net::Ipv6Addr = addr.parse().ok()?;
            let shown = addr.to_string();
            // Rust writes IPv4-mapped addresses with dots; the browser does not.
            if shown.contains('.') {
                return None;
            }
            let port = match after {
                "" => None,
                p => Some(p.strip_prefix(':')?),
            };
            (format!("[{shown}]"), port)
        }
        None => {
            let (host, port) = match rest.split_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (rest, None),
            };
            (domain_or_ipv4(host)?, port)
        }
    };
    let port = match port {
        None => None,
        Some(p) if !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => {
            let n: u16 = p.parse().ok()?;
            Some(n.to_string())
        }
        Some(_) => return None,
    };
    Some(match port {
        Some(p) if p != default_port => format!("{scheme}://{host}:{p}"),
        _ => format!("{scheme}://{host}"),
    })
}

/// A host as the parser leaves it when it is plain: ASCII letters, digits, `-` and
/// `.`, lowercased. A host whose last label is a number is an IPv4 address to the
/// parser (`2130706433` is `127.0.0.1`): only the dotted form it prints is kept.
fn domain_or_ipv4(host: &str) -> Option<String> {
    if host.is_empty()
        || !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    {
        return None;
    }
    let host = host.to_ascii_lowercase();
    let last = host.strip_suffix('.').unwrap_or(&host).rsplit('.').next()?;
    let numeric = !last.is_empty()
        && (last.bytes().all(|b| b.is_ascii_digit())
            || last
                .strip_prefix("0x")
                .is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit())));
    if !numeric {
        // `xn--` labels are checked by the parser; an entry it cannot read simply
        // never matches the origin of anything the page loads.
        return Some(host);
    }
    let v4: std::net::Ipv4Addr = host.parse().ok()?;
    (v4.to_string() == host).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tab_or_newline_in_a_scheme_does_not_hide_it() {
        assert_eq!(
            scheme("java\tscript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme("\n JavaScript:x").as_deref(), Some("javascript"));
        assert!(!link_allowed("java\nscript:alert(1)", WEB));
        assert!(!link_allowed(" \u{1}javascript:alert(1)", WEB));
        assert!(link_allowed(" HTTPS://gab.122.gov.cn/ ", WEB));
        assert!(link_allowed("ht\ttps://gab.122.gov.cn/", WEB));
    }

    #[test]
    fn paths_have_no_scheme() {
        for path in [
            "/a/b",
            "//elsewhere/x",
            "a/b:c",
            "1http:x",
            "",
            ":x",
            "\\\\x",
        ] {
            assert_eq!(scheme(path), None, "{path:?}");
            assert!(!link_allowed(path, WEB), "{path:?}");
        }
        assert_eq!(scheme("data:application/json,{}").as_deref(), Some("data"));
    }

    #[test]
    fn a_config_loads_from_the_pages_own_web_origin_only() {
        let page = "http://127.0.0.1:8091";
        assert!(on_this_site("http:", page, page));
        assert!(!on_this_site("http:", "http://localhost:8091", page));
        assert!(!on_this_site("blob:", page, page));
        assert!(!on_this_site("data:", "null", "null"));
        assert!(!on_this_site("javascript:", "null", page));
    }

    #[test]
    fn origin_entries_are_written_as_the_browser_writes_origins() {
        let cases = [
            (
                "https://data.example.gov.cn",
                Some("https://data.example.gov.cn"),
            ),
            (
                "HTTPS://Data.Example.gov.cn/",
                Some("https://data.example.gov.cn"),
            ),
            ("https://a.example:443", Some("https://a.example")),
            ("http://a.example:80/", Some("http://a.example")),
            ("http://127.0.0.1:8080", Some("http://127.0.0.1:8080")),
            ("http://[0:0:0:0:0:0:0:1]:9000", Some("http://[::1]:9000")),
            ("https://a.example/path", None),
            ("https://user@a.example", None),
            ("https://a.example?x", None),
            ("https://a.example:99999", None),
            ("https://a.example:", None),
            ("https:// a.example", None),
            ("https://a\t.example", None),
            ("https://数据.example", None),
            ("https://a。example", None),
            ("http://2130706433", None),
            ("http://0x7f.1", None),
            ("http://127.1", None),
            ("http://[::ffff:1.2.3.4]", None),
            ("ftp://a.example", None),
            ("//a.example", None),
            ("a.example", None),
        ];
        for (text, want) in cases {
            assert_eq!(origin_entry(text).as_deref(), want, "{text:?}");
        }
    }
}
