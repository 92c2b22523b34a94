//! The deployment's config: title, data files, initial view, tiles.

use crate::geo::{Datum, LonLat};
use crate::origin::origin_entry;
use crate::problem::FatalError;
use serde::Deserialize;

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Tiles {
    /// An XYZ template such as `https://t{s}.example/{z}/{x}/{y}.png`.
    pub url: String,
    #[serde(default)]
    pub datum: Datum,
    /// Who drew the tiles, shown under the map as plain text (markup shows as typed).
    #[serde(default)]
    pub attribution: String,
    /// Where the attribution links to (`http`/`https` only; anything else is not linked).
    #[serde(default)]
    pub attribution_url: Option<String>,
    #[serde(default = "default_max_zoom")]
    pub max_zoom: u8,
    #[serde(default)]
    pub subdomains: Option<String>,
}

fn default_max_zoom() -> u8 {
    18
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Config {
    pub title: String,
    #[serde(rename = "title:en", default)]
    pub title_en: Option<String>,
    /// Path or URL of the outlets GeoJSON, relative to the config file.
    pub outlets: String,
    /// Path or URL of the catalog, relative to the config file. Without one the app
    /// is a plain map of outlets, found by name, kind and place.
    #[serde(default)]
    pub catalog: Option<String>,
    /// `[lon, lat]` in WGS-84: the initial view and the fallback position.
    pub center: [f64; 2],
    #[serde(default = "default_zoom")]
    pub zoom: u8,
    pub tiles: Option<Tiles>,
    #[serde(default = "default_locale")]
    pub locale: String,
    /// Marks a sample deployment; the UI says so.
    #[serde(default)]
    pub sample: bool,
    /// A touch screen in a service hall (`?mode=kiosk`).
    #[serde(default)]
    pub kiosk: Kiosk,
    /// A portal embedding the app in an iframe (`?mode=embed`).
    #[serde(default)]
    pub embed: Embed,
    /// The bureau-wide notices file (`{"notices": [...]}`), relative to the config
    /// like the other files; none when absent.
    #[serde(default)]
    pub notices: Option<String>,
    /// The gazetteer ([`crate::places`]): streets, estates, stations and landmarks a
    /// resident may start from, relative to the config like the other files; loaded
    /// when the resident first types, not at start-up. None when absent: only the
    /// districts the outlets name are places.
    #[serde(default)]
    pub gazetteer: Option<String>,
    /// The live status feed (queue figures, next slots; [`crate::status`]), relative
    /// to the config like the other files. For a pack, a template with `{region}`:
    /// one feed per region file ([`crate::status::feed_names`]). None when absent.
    #[serde(default)]
    pub status: Option<String>,
    /// Minutes a live figure is shown after its `as_of`; older, it is not shown.
    #[serde(default = "default_fresh_minutes")]
    pub status_fresh_minutes: u32,
    /// Holiday files (holiday-cn shape, one per year), relative to the config:
    /// `PH` in opening hours and make-up working days follow them. Absent, the app's
    /// own files apply ([`app_holidays`]); `[]` means none, on purpose.
    #[serde(default)]
    pub holidays: Option<Vec<String>>,
    /// Largest outlets or catalog file loaded, in bytes; a bigger one is refused
    /// before it is parsed.
    #[serde(default = "default_max_data_bytes")]
    pub max_data_bytes: u64,
    /// Origins other than the app's own that the outlets and catalog may come from,
    /// such as `https://data.example.gov.cn`. Nothing else is loaded.
    #[serde(default)]
    pub data_origins: Vec<String>,
    /// The supervision phone (监督电话) for every outlet without its own
    /// ([`Config::supervision_phone`](crate::trust)).
    #[serde(default)]
    pub supervision_phone: Option<String>,
    /// Where residents report wrong information (报告信息有误): a web form and/or a
    /// phone ([`Config::report_link`](crate::trust)).
    #[serde(default)]
    pub report: Option<Report>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default)]
pub struct Kiosk {
    /// Seconds without a touch before the countdown starts.
    pub idle_seconds: u32,
    /// Seconds of visible countdown before everything is cleared.
    pub countdown_seconds: u32,
    /// `[lon, lat]` of the hall the kiosk stands in (WGS-84); distances start here.
    pub position: Option<[f64; 2]>,
    /// The hall's name, for "distances from …".
    pub place: Option<String>,
}

impl Default for Kiosk {
    fn default() -> Kiosk {
        Kiosk {
            idle_seconds: 90,
            countdown_seconds: 15,
            position: None,
            place: None,
        }
    }
}

/// The config's `report`: where residents report wrong information (报告信息有误).
/// Either or both; read through [`Config::report_link`](crate::trust) and
/// [`Config::report_phone`](crate::trust).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Report {
    /// A web form, `http`/`https` only; `{outlet}` and `{field}` in it are replaced
    /// by the outlet's id and the field in question, URL-encoded.
    pub url: Option<String>,
    /// A phone line (a 12345 hotline).
    pub phone: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Embed {
    /// Origins of host pages allowed to receive the app's messages and to send it
    /// commands, e.g. `https://www.example.gov.cn`. Empty: no messages at all.
    pub allowed_origins: Vec<String>,
    /// The portal's own title, replacing the app's where the host shows one.
    pub title: Option<String>,
    /// The portal's main colour (`#rrggbb`).
    pub color: Option<String>,
}

impl Embed {
    pub fn allows(&self, origin: &str) -> bool {
        // Entries were written as the browser writes origins when the config was read.
        self.allowed_origins.iter().any(|o| o == origin)
    }

    /// The colour when it is a plain `#rgb`/`#rrggbb`; anything else could inject CSS.
    pub fn safe_color(&self) -> Option<&str> {
        self.color.as_deref().filter(|c| {
            let hex = c.strip_prefix('#').unwrap_or("");
            (hex.len() == 3 || hex.len() == 6) && hex.chars().all(|ch| ch.is_ascii_hexdigit())
        })
    }
}

/// 50 MB: ten times the largest city's outlets we know of, and still well within
/// what a phone parses in a second or two.
pub const DEFAULT_MAX_DATA_BYTES: u64 = 50 * 1024 * 1024;

/// Largest config file, in bytes; it is read before `max_data_bytes` is known.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

fn default_max_data_bytes() -> u64 {
    DEFAULT_MAX_DATA_BYTES
}

fn default_fresh_minutes() -> u32 {
    crate::status::DEFAULT_FRESH_MINUTES
}

fn default_zoom() -> u8 {
    11
}

fn default_locale() -> String {
    "zh-CN".into()
}

impl Config {
    pub fn parse(text: &str) -> Result<Config, FatalError> {
        check_size("config", "config", text.len() as u64, MAX_CONFIG_BYTES)?;
        // Spreadsheet and Notepad exports start with a byte-order mark.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut config: Config = serde_json::from_str(text).map_err(|e| {
            FatalError::new("config", format!("配置文件有误（invalid config）: {e}"))
        })?;
        if !config.center().is_valid() {
            return Err(FatalError::new(
                "config",
                format!("center {:?} is not [longitude, latitude]", config.center),
            ));
        }
        if !(1..=1440).contains(&config.status_fresh_minutes) {
            return Err(FatalError::new(
                "config",
                format!(
                    "status_fresh_minutes {} is not 1 to 1440 minutes",
                    config.status_fresh_minutes
                ),
            ));
        }
        for o in config.data_origins.iter_mut() {
            *o = origin_entry(o).ok_or_else(|| {
                FatalError::new(
                    "config",
                    format!("data_origins entry {o:?} is not an origin such as \"https://data.example.gov.cn\" (scheme, host and port only)"),
                )
            })?;
        }
        for o in config.embed.allowed_origins.iter_mut() {
            *o = origin_entry(o).ok_or_else(|| {
                FatalError::new(
                    "config",
                    format!("embed.allowed_origins entry {o:?} is not an origin such as \"https://www.example.gov.cn\" (scheme, host and port only)"),
                )
            })?;
        }
        Ok(config)
    }

    /// Whether data may be loaded from a URL the browser resolved to `protocol`
    /// (`https:`) and `origin` (`https://a.example:8443`) on a page served from
    /// `page_origin`: a web URL on the page's own origin or one in `data_origins`.
    pub fn data_origin_allowed(&self, protocol: &str, origin: &str, page_origin: &str) -> bool {
        matches!(protocol, "http:" | "https:")
            && origin != "null"
            && (origin == page_origin || self.data_origins.iter().any(|o| o == origin))
    }

    /// The message shown when `url` (the outlets or catalog) is on an origin not allowed.
    pub fn refused_origin(&self, file: &'static str, url: &str) -> FatalError {
        let allowed = if self.data_origins.is_empty() {
            "本站".to_owned()
        } else {
            format!("本站和 {}", self.data_origins.join("、"))
        };
        FatalError::new(
            file,
            format!("出于安全考虑，数据只从{allowed}加载；“{url}” 不在其中，未加载（origin not in data_origins）"),
        )
    }

    pub fn center(&self) -> LonLat {
        LonLat::new(self.center[0], self.center[1])
    }
}

/// Refuses a file of `bytes` over `limit`, naming the file and the limit.
pub fn check_size(
    file: &'static str,
    path: &str,
    bytes: u64,
    limit: u64,
) -> Result<(), FatalError> {
    if bytes <= limit {
        return Ok(());
    }
    let key = if file == "config" {
        ""
    } else {
        "，见配置中的 max_data_bytes"
    };
    Err(FatalError::new(
        file,
        format!(
            "文件 “{path}” 有 {}，超过上限 {}{key}；未加载（file too large: {bytes} bytes, limit {limit}）",
            format_bytes(bytes),
            format_bytes(limit)
        ),
    ))
}

/// "50 MB", "1.5 MB", "830 kB", "12 B" (binary units, as file managers show them).
pub fn format_bytes(n: u64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    let f = n as f64;
    if f >= MB {
        let v = f / MB;
        if v.fract() < 0.05 || v >= 100.0 {
            format!("{:.0} MB", v)
        } else {
            format!("{v:.1} MB")
        }
    } else if n >= 1024 {
        format!("{:.0} kB", f / 1024.0)
    } else {
        format!("{n} B")
    }
}

/// Resolves `relative` against the URL or path of the file that named it, as a
/// browser resolves a link: `data/config.json` + `outlets.geojson` → `data/outlets.geojson`.
pub fn resolve(base: &str, relative: &str) -> String {
    // Anything with a scheme (`https:`, `data:`) is left whole, for the origin check
    // to judge rather than being read as a file name.
    let scheme = relative.split_once(':').is_some_and(|(s, _)| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if scheme || relative.contains("://") || relative.starts_with('/') {
        return relative.to_owned();
    }
    let base = base.split(['?', '#']).next().unwrap_or("");
    match base.rfind('/') {
        Some(i) => format!("{}{}", &base[..=i], relative),
        None => relative.to_owned(),
    }
}

/// The app's own holiday files a config without `holidays` gets, relative to the
/// page: this year's and next year's (Beijing time). China's holidays are the rule
/// for a Chinese police service; leaving them out silently made Spring Festival
/// "open". Next year's file is published late in the year, so its absence is
/// not a problem: the hours say "no holiday data" for its dates until it is added.
pub fn app_holidays(today: chrono::NaiveDate) -> [String; 2] {
    use chrono::Datelike;
    let this_year = today.year();
    [
        format!("holidays/{this_year}.json"),
        format!("holidays/{}.json", this_year + 1),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_minimum_config() {
        let c = Config::parse(
            r#"{"title":"烟台","outlets":"o.geojson","catalog":"c.json","center":[121.4,37.5]}"#,
        )
        .unwrap();
        assert_eq!(c.zoom, 11);
        assert_eq!(c.tiles, None);
        assert_eq!(c.gazetteer, None);
        let c = Config::parse(&format!("{{{MIN},\"gazetteer\":\"data/g.json\"}}")).unwrap();
        assert_eq!(c.gazetteer.as_deref(), Some("data/g.json"));
        assert_eq!(c.center(), LonLat::new(121.4, 37.5));
    }

    #[test]
    fn kiosk_and_embed_settings_have_safe_defaults() {
        let c = Config::parse(
            r#"{"title":"x","outlets":"o","catalog":"c","center":[121.4,37.5],
                "embed":{"allowed_origins":["https://portal.example/"],"color":"red;background:url(x)"}}"#,
        )
        .unwrap();
        assert_eq!(c.kiosk.idle_seconds, 90);
        assert!(c.embed.allows("https://portal.example"));
        assert!(!c.embed.allows("https://evil.example"));
        assert_eq!(c.embed.safe_color(), None);
        let ok = Embed {
            color: Some("#0b3d91".into()),
            ..Embed::default()
        };
        assert_eq!(ok.safe_color(), Some("#0b3d91"));
    }

    #[test]
    fn rejects_a_bad_center() {
        let e = Config::parse(r#"{"title":"x","outlets":"o","catalog":"c","center":[500,37.5]}"#)
            .unwrap_err();
        assert!(e.message.contains("center"));
    }

    const MIN: &str = r#""title":"x","outlets":"o","catalog":"c","center":[121.4,37.5]"#;

    #[test]
    fn size_limit_defaults_to_50_mb_and_names_file_and_limit() {
        let c = Config::parse(&format!("{{{MIN}}}")).unwrap();
        assert_eq!(c.max_data_bytes, 50 * 1024 * 1024);
        let c = Config::parse(&format!("{{{MIN},\"max_data_bytes\":1000}}")).unwrap();
        assert_eq!(c.max_data_bytes, 1000);
        assert!(check_size("outlets", "o.geojson", 1000, c.max_data_bytes).is_ok());
        let e = check_size(
            "outlets",
            "data/o.geojson",
            62_000_000,
            DEFAULT_MAX_DATA_BYTES,
        )
        .unwrap_err();
        assert_eq!(e.file, "outlets");
        assert!(e.message.contains("data/o.geojson"), "{}", e.message);
        assert!(
            e.message.contains("59.1 MB") && e.message.contains("超过上限 50 MB"),
            "{}",
            e.message
        );
        assert!(e.message.contains("max_data_bytes"));
        let huge = format!("{{{MIN},\"note\":\"{}\"}}", "x".repeat(2 << 20));
        assert!(Config::parse(&huge)
            .unwrap_err()
            .message
            .contains("超过上限 1 MB"));
    }

    #[test]
    fn data_origins_are_origins_and_only_they_are_allowed() {
        let c = Config::parse(&format!(
            "{{{MIN},\"data_origins\":[\"https://Data.Example.gov.cn/\", \"http://127.0.0.1:9000\"]}}"
        ))
        .unwrap();
        assert_eq!(
            c.data_origins,
            ["https://data.example.gov.cn", "http://127.0.0.1:9000"]
        );
        let page = "https://map.example.gov.cn";
        assert!(c.data_origin_allowed("https:", "https://map.example.gov.cn", page));
        assert!(c.data_origin_allowed("https:", "https://data.example.gov.cn", page));
        assert!(c.data_origin_allowed("http:", "http://127.0.0.1:9000", page));
        assert!(!c.data_origin_allowed("http:", "http://data.example.gov.cn", page));
        assert!(!c.data_origin_allowed("https:", "https://evil.example", page));
        assert!(
            !c.data_origin_allowed("data:", "null", "null"),
            "data: URLs"
        );
        assert!(
            !c.data_origin_allowed("blob:", page, page),
            "blob: URLs, which the browser gives the page's origin"
        );
        for bad in [
            "https://x.example/path",
            "x.example",
            "javascript:alert(1)",
            "https://u@x.example",
        ] {
            let e = Config::parse(&format!("{{{MIN},\"data_origins\":[\"{bad}\"]}}")).unwrap_err();
            assert!(e.message.contains("data_origins"), "{bad}: {}", e.message);
        }
        let e = c.refused_origin("outlets", "https://evil.example/o.geojson");
        assert!(
            e.message.contains("https://evil.example/o.geojson")
                && e.message.contains("data.example.gov.cn")
        );
    }

    #[test]
    fn a_byte_order_mark_is_not_an_error() {
        assert!(Config::parse(&format!("\u{feff}{{{MIN}}}")).is_ok());
    }

    #[test]
    fn resolves_relative_paths_against_the_config() {
        assert_eq!(resolve("config.json", "data/o.geojson"), "data/o.geojson");
        assert_eq!(
            resolve("fixtures/broken/config.json?x=1", "o.geojson"),
            "fixtures/broken/o.geojson"
        );
        assert_eq!(resolve("/a/config.json", "/b/o.geojson"), "/b/o.geojson");
        assert_eq!(resolve("/a/config.json", "data:x,{}"), "data:x,{}");
        assert_eq!(resolve("/a/config.json", "a:b/o.geojson"), "a:b/o.geojson");
    }
}
