//! The origin rules (`emap_core::origin`) held to the WHATWG URL standard as the
//! `url` crate implements it, on a table of tricks and under proptest: text that
//! reads as one thing and parses as another is what lets a link load a stranger's
//! config (a tab in `?config=/\t/elsewhere/c.json`).

use emap_core::origin::{link_allowed, on_this_site, origin_entry, scheme, WEB};
use proptest::prelude::*;
use url::Url;

const PAGE: &str = "http://127.0.0.1:8091/map/index.html?item=passport";

/// What the page would load for `path`: the parser's protocol and origin, and
/// whether the core's rule lets it.
fn config_verdict(path: &str) -> bool {
    let page = Url::parse(PAGE).unwrap();
    match page.join(path) {
        Ok(u) => on_this_site(
            &format!("{}:", u.scheme()),
            &u.origin().ascii_serialization(),
            &page.origin().ascii_serialization(),
        ),
        Err(_) => false,
    }
}

/// Paths a link could carry in `?config=`, and whether the config may load.
const CONFIG_PATHS: &[(&str, bool)] = &[
    ("config.json", true),
    ("/config.json", true),
    ("./fixtures/a/config.json", true),
    ("../config.json", true),
    ("/.//config.json", true),
    ("%2F%2Flocalhost/c.json", true),
    ("%5C%5Clocalhost/c.json", true),
    ("/%09/localhost/c.json", true),
    ("/\t/localhost/c.json", false),
    ("/\n/localhost/c.json", false),
    ("/\r/localhost/c.json", false),
    ("\t//localhost/c.json", false),
    ("/\t\n\r/localhost/c.json", false),
    ("//localhost/c.json", false),
    ("/\\localhost/c.json", false),
    ("\\/localhost/c.json", false),
    ("\\\\localhost/c.json", false),
    (" //localhost/c.json", false),
    ("\u{0}//localhost/c.json", false),
    ("\u{1f}//localhost/c.json", false),
    ("http://localhost/c.json", false),
    ("http:\\\\localhost/c.json", false),
    ("http:localhost/c.json", true), // same scheme, no slashes: a path on the page's site
    ("https:localhost/c.json", false),
    ("h\tttp://localhost/c.json", false),
    ("//127.0.0.1:8091@localhost/c.json", false),
    ("//x@localhost/c.json", false),
    ("//[::1]/c.json", false),
    ("//2130706433/c.json", false),
    ("//0x7f.0.0.1:8091/c.json", true), // the parser reads it as 127.0.0.1:8091, this site
    ("//localhost。/c.json", false),
    ("//localhost%2ecom/c.json", false),
    ("blob:http://127.0.0.1:8091/0b1c", false),
    ("data:application/json,{}", false),
    ("javascript:alert(1)", false),
    ("java\tscript:alert(1)", false),
    ("file:///etc/passwd", false),
];

#[test]
fn config_paths_load_only_from_the_pages_own_site() {
    for (path, allowed) in CONFIG_PATHS {
        assert_eq!(config_verdict(path), *allowed, "{path:?}");
    }
    let long = format!("/{}/config.json", "a".repeat(100_000));
    assert!(config_verdict(&long));
    assert!(!config_verdict(&format!(
        "/\t/localhost/{}",
        "a".repeat(100_000)
    )));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512)))]

    /// The scheme the core reads is the one the parser reads.
    #[test]
    fn the_scheme_is_the_parsers(text in "[ \\t\\n\\r\\x00-\\x1fa-zA-Z0-9+.:/\\\\-]{0,24}") {
        if let Ok(u) = Url::parse(&text) {
            prop_assert_eq!(scheme(&text), Some(u.scheme().to_owned()), "{:?}", text);
        }
        if link_allowed(&text, WEB) {
            if let Ok(u) = Url::parse(&text) {
                prop_assert!(matches!(u.scheme(), "http" | "https"), "{:?}", text);
            }
        }
    }

    /// An origin entry the core accepts is the origin the parser gives it.
    #[test]
    fn origin_entries_match_the_parser(text in "(HTTPS?|https?|ftp)://[a-zA-Z0-9.:@\\[\\]%-]{0,20}/?") {
        if let Some(entry) = origin_entry(&text) {
            let u = Url::parse(&text).expect("the parser reads what the core accepts");
            prop_assert_eq!(entry, u.origin().ascii_serialization(), "{:?}", text);
        }
    }

    /// Whatever a link carries, a config loads only from the page's own web origin.
    #[test]
    fn config_paths_never_leave_the_site(path in "[/\\\\ \\t\\n\\r%.:@a-z0-9\\x00-\\x1f]{0,24}") {
        if config_verdict(&path) {
            let u = Url::parse(PAGE).unwrap().join(&path).unwrap();
            prop_assert_eq!(u.host_str(), Some("127.0.0.1"), "{:?}", path);
            prop_assert_eq!(u.port(), Some(8091));
            prop_assert_eq!(u.scheme(), "http");
        }
    }
}
