//! The deployment's config: title, data files, initial view, tiles.

use crate::geo::{Datum, LonLat};
use crate::problem::FatalError;
use serde::Deserialize;

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Tiles {
    /// An XYZ template such as `https://t{s}.example/{z}/{x}/{y}.png`.
    pub url: String,
    #[serde(default)]
    pub datum: Datum,
    #[serde(default)]
    pub attribution: String,
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
    /// Path or URL of the catalog, relative to the config file.
    pub catalog: String,
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
    /// Holiday files (holiday-cn shape, one per year), relative to the config:
    /// `PH` in opening hours and make-up working days follow them.
    #[serde(default)]
    pub holidays: Vec<String>,
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
        self.allowed_origins.iter().any(|o| o.trim_end_matches('/') == origin)
    }

    /// The colour when it is a plain `#rgb`/`#rrggbb`; anything else could inject CSS.
    pub fn safe_color(&self) -> Option<&str> {
        self.color.as_deref().filter(|c| {
            let hex = c.strip_prefix('#').unwrap_or("");
            (hex.len() == 3 || hex.len() == 6) && hex.chars().all(|ch| ch.is_ascii_hexdigit())
        })
    }
}

fn default_zoom() -> u8 {
    11
}

fn default_locale() -> String {
    "zh-CN".into()
}

impl Config {
    pub fn parse(text: &str) -> Result<Config, FatalError> {
        let config: Config = serde_json::from_str(text).map_err(|e| FatalError {
            file: "config",
            message: format!("配置文件有误（invalid config）: {e}"),
        })?;
        if !config.center().is_valid() {
            return Err(FatalError {
                file: "config",
                message: format!("center {:?} is not [longitude, latitude]", config.center),
            });
        }
        Ok(config)
    }

    pub fn center(&self) -> LonLat {
        LonLat::new(self.center[0], self.center[1])
    }
}

/// Resolves `relative` against the URL or path of the file that named it, as a
/// browser resolves a link: `data/config.json` + `outlets.geojson` → `data/outlets.geojson`.
pub fn resolve(base: &str, relative: &str) -> String {
    if relative.contains("://") || relative.starts_with('/') {
        return relative.to_owned();
    }
    let base = base.split(['?', '#']).next().unwrap_or("");
    match base.rfind('/') {
        Some(i) => format!("{}{}", &base[..=i], relative),
        None => relative.to_owned(),
    }
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
        let ok = Embed { color: Some("#0b3d91".into()), ..Embed::default() };
        assert_eq!(ok.safe_color(), Some("#0b3d91"));
    }

    #[test]
    fn rejects_a_bad_center() {
        let e = Config::parse(r#"{"title":"x","outlets":"o","catalog":"c","center":[500,37.5]}"#)
            .unwrap_err();
        assert!(e.message.contains("center"));
    }

    #[test]
    fn resolves_relative_paths_against_the_config() {
        assert_eq!(resolve("config.json", "data/o.geojson"), "data/o.geojson");
        assert_eq!(
            resolve("fixtures/broken/config.json?x=1", "o.geojson"),
            "fixtures/broken/o.geojson"
        );
        assert_eq!(resolve("/a/config.json", "/b/o.geojson"), "/b/o.geojson");
    }
}
