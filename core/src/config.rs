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
}

fn default_zoom() -> u8 {
    11
}

fn default_locale() -> String {
    "zh-CN".into()
}

impl Config {
    pub fn parse(text: &str) -> Result<Config, FatalError> {
        let config: Config = serde_json::from_str(text).map_err(|e| {
            FatalError::new("config", format!("配置文件有误（invalid config）: {e}"))
        })?;
        if !config.center().is_valid() {
            return Err(FatalError::new(
                "config",
                format!("center {:?} is not [longitude, latitude]", config.center),
            ));
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
