//! Positions, distances and the three datums Chinese map data comes in.
//!
//! Everything inside the app is WGS-84 (what GPS and RFC 7946 use). Data declared in
//! GCJ-02 (Amap, Tencent) or BD-09 (Baidu) is converted on load; positions are converted
//! back out to whatever a tile source or a navigation provider expects.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LonLat {
    pub lon: f64,
    pub lat: f64,
}

impl LonLat {
    pub const fn new(lon: f64, lat: f64) -> Self {
        LonLat { lon, lat }
    }

    pub fn is_valid(&self) -> bool {
        self.lon.is_finite()
            && self.lat.is_finite()
            && (-180.0..=180.0).contains(&self.lon)
            && (-90.0..=90.0).contains(&self.lat)
    }

    /// Inside China's bounding box (roughly: from the Pamirs to the Wusu, from the
    /// Nansha islands to the Heilongjiang): where a police outlet is expected.
    pub fn in_china(&self) -> bool {
        (73.4..=135.1).contains(&self.lon) && (3.8..=53.6).contains(&self.lat)
    }

    /// Parses `lon,lat` as used in `?at=`.
    pub fn parse(text: &str) -> Option<LonLat> {
        let (lon, lat) = text.split_once(',')?;
        let p = LonLat::new(lon.trim().parse().ok()?, lat.trim().parse().ok()?);
        p.is_valid().then_some(p)
    }
}

/// Great-circle distance in metres (haversine on the mean Earth radius; good to
/// about 0.5 %, plenty for "which outlet is nearest").
pub fn distance_m(a: LonLat, b: LonLat) -> f64 {
    const R: f64 = 6_371_008.8;
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * R * h.sqrt().min(1.0).asin()
}

/// "850 米", "3.2 公里", "25 公里"; in English "850 m", "3.2 km".
pub fn format_distance(lang: crate::i18n::Lang, m: f64) -> String {
    let zh = format_distance_zh(m);
    if !m.is_finite() {
        return lang.pick(UNSURE_ZH, "Location unconfirmed").to_owned();
    }
    match lang {
        crate::i18n::Lang::Zh => zh,
        crate::i18n::Lang::En => zh.replace(" 公里", " km").replace(" 米", " m"),
    }
}

/// What a distance from an outlet whose position is unsure reads as.
pub const UNSURE_ZH: &str = "位置待核实";

/// "850 米", "3.2 公里", "25 公里"; 位置待核实 for no distance (infinite).
pub fn format_distance_zh(m: f64) -> String {
    if !m.is_finite() {
        UNSURE_ZH.to_owned()
    } else if m < 1000.0 {
        format!("{} 米", (m / 10.0).round() as i64 * 10)
    } else if m < 10_000.0 {
        format!("{:.1} 公里", m / 1000.0)
    } else {
        format!("{} 公里", (m / 1000.0).round() as i64)
    }
}

/// Web Mercator (EPSG:3857), scaled so the world is the unit square (x east, y
/// south): Leaflet's formula, so marks drawn from it sit on the tiles.
pub fn mercator(p: LonLat) -> (f64, f64) {
    use std::f64::consts::{FRAC_PI_4, PI};
    let lat = p.lat.clamp(-85.051_128_78, 85.051_128_78).to_radians();
    let x = (p.lon + 180.0) / 360.0;
    let y = 0.5 - (FRAC_PI_4 + lat / 2.0).tan().ln() / (2.0 * PI);
    (x.clamp(0.0, 1.0), y.clamp(0.0, 1.0))
}

pub fn unmercator(x: f64, y: f64) -> LonLat {
    let lon = x * 360.0 - 180.0;
    let lat = (std::f64::consts::PI * (1.0 - 2.0 * y))
        .sinh()
        .atan()
        .to_degrees();
    LonLat::new(lon, lat)
}

/// Six decimals of a degree: about 0.1 m, finer than any address.
pub fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Five decimals of a degree: about a metre, enough for a place to start from.
pub fn round5(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Datum {
    /// GPS, OpenStreetMap, Tianditu, RFC 7946.
    #[default]
    Wgs84,
    /// China's obfuscated datum used by Amap (高德) and Tencent.
    Gcj02,
    /// Baidu's further-shifted datum.
    Bd09,
}

impl Datum {
    pub fn parse(text: &str) -> Option<Datum> {
        match text
            .trim()
            .to_ascii_lowercase()
            .replace(['-', '_'], "")
            .as_str()
        {
            "wgs84" | "epsg4326" => Some(Datum::Wgs84),
            "gcj02" => Some(Datum::Gcj02),
            "bd09" | "bd09ll" => Some(Datum::Bd09),
            _ => None,
        }
    }

    /// Converts a WGS-84 position into this datum.
    pub fn from_wgs84(self, p: LonLat) -> LonLat {
        match self {
            Datum::Wgs84 => p,
            Datum::Gcj02 => wgs84_to_gcj02(p),
            Datum::Bd09 => gcj02_to_bd09(wgs84_to_gcj02(p)),
        }
    }

    /// Converts a position in this datum into WGS-84.
    pub fn to_wgs84(self, p: LonLat) -> LonLat {
        match self {
            Datum::Wgs84 => p,
            Datum::Gcj02 => gcj02_to_wgs84(p),
            Datum::Bd09 => gcj02_to_wgs84(bd09_to_gcj02(p)),
        }
    }
}

/// GCJ-02 is only applied inside China's rough bounding box; outside it the
/// providers leave WGS-84 positions as they are.
pub fn outside_china(p: LonLat) -> bool {
    !(72.004..=137.8347).contains(&p.lon) || !(0.8293..=55.8271).contains(&p.lat)
}

// Krasovsky 1940 ellipsoid, as the published GCJ-02 algorithm uses.
const A: f64 = 6_378_245.0;
const EE: f64 = 0.006_693_421_622_965_943;

fn shift_lat(x: f64, y: f64) -> f64 {
    use std::f64::consts::PI;
    let mut r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    r
}

fn shift_lon(x: f64, y: f64) -> f64 {
    use std::f64::consts::PI;
    let mut r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    r
}

pub fn wgs84_to_gcj02(p: LonLat) -> LonLat {
    use std::f64::consts::PI;
    if outside_china(p) {
        return p;
    }
    let d_lat = shift_lat(p.lon - 105.0, p.lat - 35.0);
    let d_lon = shift_lon(p.lon - 105.0, p.lat - 35.0);
    let rad_lat = p.lat / 180.0 * PI;
    let magic = 1.0 - EE * rad_lat.sin().powi(2);
    let sqrt_magic = magic.sqrt();
    let d_lat = (d_lat * 180.0) / ((A * (1.0 - EE)) / (magic * sqrt_magic) * PI);
    let d_lon = (d_lon * 180.0) / (A / sqrt_magic * rad_lat.cos() * PI);
    LonLat::new(p.lon + d_lon, p.lat + d_lat)
}

/// The inverse has no closed form; a fixed-point iteration converges to well under
/// a millimetre in a few steps.
pub fn gcj02_to_wgs84(g: LonLat) -> LonLat {
    if outside_china(g) {
        return g;
    }
    let mut w = g;
    for _ in 0..30 {
        let f = wgs84_to_gcj02(w);
        let (dlon, dlat) = (f.lon - g.lon, f.lat - g.lat);
        w = LonLat::new(w.lon - dlon, w.lat - dlat);
        if dlon.abs() < 1e-11 && dlat.abs() < 1e-11 {
            break;
        }
    }
    w
}

const X_PI: f64 = std::f64::consts::PI * 3000.0 / 180.0;

pub fn gcj02_to_bd09(g: LonLat) -> LonLat {
    let (x, y) = (g.lon, g.lat);
    let z = (x * x + y * y).sqrt() + 0.00002 * (y * X_PI).sin();
    let theta = y.atan2(x) + 0.000003 * (x * X_PI).cos();
    LonLat::new(z * theta.cos() + 0.0065, z * theta.sin() + 0.006)
}

pub fn bd09_to_gcj02(b: LonLat) -> LonLat {
    let (x, y) = (b.lon - 0.0065, b.lat - 0.006);
    let z = (x * x + y * y).sqrt() - 0.00002 * (y * X_PI).sin();
    let theta = y.atan2(x) - 0.000003 * (x * X_PI).cos();
    LonLat::new(z * theta.cos(), z * theta.sin())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wgs84_to_gcj02_matches_published_reference() {
        let g = wgs84_to_gcj02(LonLat::new(116.377817, 39.911954));
        assert!((g.lat - 39.91334545536069).abs() < 1e-6, "{g:?}");
        assert!((g.lon - 116.38404722455657).abs() < 1e-6, "{g:?}");
    }

    #[test]
    fn round_trips_stay_within_a_metre() {
        for p in [
            LonLat::new(121.447, 37.464), // Yantai
            LonLat::new(116.3912, 39.9073),
            LonLat::new(113.2644, 23.1291),
            LonLat::new(87.6168, 43.8256),
        ] {
            for d in [Datum::Gcj02, Datum::Bd09] {
                let back = d.to_wgs84(d.from_wgs84(p));
                assert!(distance_m(p, back) < 1.0, "{d:?} {p:?} -> {back:?}");
                // The shift itself is real: hundreds of metres.
                assert!(distance_m(p, d.from_wgs84(p)) > 100.0);
            }
        }
    }

    #[test]
    fn outside_china_passes_through_gcj02() {
        let tokyo = LonLat::new(139.7671, 35.6812);
        assert_eq!(wgs84_to_gcj02(tokyo), tokyo);
        assert_eq!(gcj02_to_wgs84(tokyo), tokyo);
    }

    #[test]
    fn distance_of_one_degree_of_latitude() {
        let d = distance_m(LonLat::new(121.0, 37.0), LonLat::new(121.0, 38.0));
        assert!((d - 111_195.0).abs() < 100.0, "{d}");
    }

    #[test]
    fn mercator_round_trips() {
        for p in [
            LonLat::new(121.4, 37.5),
            LonLat::new(-70.0, -33.0),
            LonLat::new(0.0, 0.0),
        ] {
            let (x, y) = mercator(p);
            let back = unmercator(x, y);
            assert!((back.lon - p.lon).abs() < 1e-9 && (back.lat - p.lat).abs() < 1e-9);
        }
    }

    #[test]
    fn parses_at_parameter() {
        assert_eq!(LonLat::parse("121.4, 37.5"), Some(LonLat::new(121.4, 37.5)));
        assert_eq!(LonLat::parse("200,37"), None);
        assert_eq!(LonLat::parse("abc"), None);
        assert_eq!(LonLat::parse("NaN,1"), None);
    }

    #[test]
    fn formats_distances_for_residents() {
        assert_eq!(format_distance_zh(843.0), "840 米");
        assert_eq!(format_distance_zh(3240.0), "3.2 公里");
        assert_eq!(format_distance_zh(25_400.0), "25 公里");
    }
}
