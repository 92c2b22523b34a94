//! One-tap navigation links (一键导航) to an outlet, one builder per provider.
//!
//! Each provider gets the destination in the datum it expects, or with the flag that
//! declares it, and the outlet's name percent-encoded (UTF-8). Which providers a
//! resident is offered depends on the platform: app schemes are blocked inside
//! WeChat and QQ, so there only web URIs are offered.

use crate::geo::{Datum, LonLat};
use crate::i18n::Lang;
use crate::url_state::encode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Provider {
    Amap,
    Baidu,
    Tencent,
    Apple,
    /// RFC 5870 `geo:` URI, handled by whatever map app an Android phone has.
    Geo,
    OpenStreetMap,
}

impl Provider {
    pub const ALL: [Provider; 6] = [
        Provider::Amap,
        Provider::Baidu,
        Provider::Tencent,
        Provider::Apple,
        Provider::Geo,
        Provider::OpenStreetMap,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Provider::Amap => "amap",
            Provider::Baidu => "baidu",
            Provider::Tencent => "tencent",
            Provider::Apple => "apple",
            Provider::Geo => "geo",
            Provider::OpenStreetMap => "osm",
        }
    }

    pub fn parse(key: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.key() == key)
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        if lang == crate::i18n::Lang::Zh {
            return self.label_zh();
        }
        match self {
            Provider::Amap => "Amap",
            Provider::Baidu => "Baidu Maps",
            Provider::Tencent => "Tencent Maps",
            Provider::Apple => "Apple Maps",
            Provider::Geo => "Map app",
            Provider::OpenStreetMap => "OpenStreetMap",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Provider::Amap => "高德地图",
            Provider::Baidu => "百度地图",
            Provider::Tencent => "腾讯地图",
            Provider::Apple => "苹果地图",
            Provider::Geo => "手机地图应用",
            Provider::OpenStreetMap => "OpenStreetMap",
        }
    }

    /// The datum the provider's coordinates are in.
    pub fn datum(self) -> Datum {
        match self {
            Provider::Amap | Provider::Tencent => Datum::Gcj02,
            Provider::Baidu => Datum::Bd09,
            // Apple Maps takes WGS-84 in its URLs and shifts for display in China
            // itself; geo: URIs and OSM are WGS-84 by definition.
            Provider::Apple | Provider::Geo | Provider::OpenStreetMap => Datum::Wgs84,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TravelMode {
    #[default]
    Walk,
    Transit,
    Drive,
}

impl TravelMode {
    pub const ALL: [TravelMode; 3] = [TravelMode::Walk, TravelMode::Transit, TravelMode::Drive];

    pub fn key(self) -> &'static str {
        match self {
            TravelMode::Walk => "walk",
            TravelMode::Transit => "transit",
            TravelMode::Drive => "drive",
        }
    }

    pub fn parse(key: &str) -> Option<TravelMode> {
        TravelMode::ALL.into_iter().find(|m| m.key() == key)
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match (lang, self) {
            (crate::i18n::Lang::Zh, m) => m.label_zh(),
            (_, TravelMode::Walk) => "Walk",
            (_, TravelMode::Transit) => "Transit",
            (_, TravelMode::Drive) => "Drive",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            TravelMode::Walk => "步行",
            TravelMode::Transit => "公交",
            TravelMode::Drive => "驾车",
        }
    }

    /// Rough minutes for a straight-line distance. Assumed: streets are 1.3 times
    /// the straight line; walking 4.5 km/h; transit 15 km/h plus 10 minutes of
    /// walking and waiting; driving 25 km/h in town plus 5 minutes to park.
    pub fn minutes(self, straight_m: f64) -> u32 {
        let km = straight_m * 1.3 / 1000.0;
        let m = match self {
            TravelMode::Walk => km / 4.5 * 60.0,
            TravelMode::Transit => km / 15.0 * 60.0 + 10.0,
            TravelMode::Drive => km / 25.0 * 60.0 + 5.0,
        };
        m.round().max(1.0) as u32
    }

    /// The rough time as a resident reads it: "约 25 分钟", "约 3.5 小时"; a walk or a
    /// bus ride beyond a city (over 50 km straight) is not estimated at all.
    pub fn time_text(self, lang: Lang, straight_m: f64) -> String {
        if self != TravelMode::Drive && straight_m > 50_000.0 {
            return lang.pick("太远，不作估算", "too far to estimate").into();
        }
        let m = self.minutes(straight_m);
        match (m, lang) {
            (0..=119, Lang::Zh) => format!("约 {m} 分钟"),
            (0..=119, Lang::En) => format!("about {m} min"),
            (_, Lang::Zh) => format!("约 {} 小时", half_hours(m)),
            (_, Lang::En) => format!("about {} h", half_hours(m)),
        }
    }
}

/// Minutes as hours to the nearest half: 150 → "2.5", 180 → "3".
fn half_hours(minutes: u32) -> String {
    let halves = (minutes + 15) / 30;
    if halves.is_multiple_of(2) {
        (halves / 2).to_string()
    } else {
        format!("{}.5", halves / 2)
    }
}

/// The help text's statement of the assumptions behind `minutes`.
pub const SPEED_ASSUMPTIONS_EN: &str =
    "Times are rough: the way is taken as 1.3 times the straight line; walking 4.5 km/h; transit 15 km/h plus 10 minutes of walking and waiting; driving 25 km/h plus 5 minutes to park.";

pub const SPEED_ASSUMPTIONS_ZH: &str =
    "时间为粗略估算：按直线距离的 1.3 倍计路程，步行 4.5 公里/小时；公交 15 公里/小时另加 10 分钟步行和候车；驾车 25 公里/小时另加 5 分钟停车。";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    Ios,
    Android,
    /// WeChat, QQ, DingTalk or Alipay's in-app browser: app schemes are blocked.
    InApp,
    Desktop,
}

impl Platform {
    pub fn from_user_agent(ua: &str) -> Platform {
        let in_app = ["MicroMessenger", " QQ/", "DingTalk", "AlipayClient"]
            .iter()
            .any(|m| ua.contains(m));
        if in_app {
            Platform::InApp
        } else if ua.contains("iPhone") || ua.contains("iPad") || ua.contains("iPod") {
            Platform::Ios
        } else if ua.contains("Android") {
            Platform::Android
        } else {
            Platform::Desktop
        }
    }

    /// Providers offered here, most used first.
    pub fn providers(self) -> &'static [Provider] {
        use Provider::*;
        match self {
            Platform::Ios => &[Amap, Baidu, Tencent, Apple, OpenStreetMap],
            Platform::Android => &[Amap, Baidu, Tencent, Geo, OpenStreetMap],
            Platform::InApp | Platform::Desktop => &[Amap, Baidu, Tencent, OpenStreetMap],
        }
    }

    /// Whether links may use app schemes (`iosamap://`, `baidumap://`, …).
    pub fn app_schemes(self) -> bool {
        matches!(self, Platform::Ios | Platform::Android)
    }
}

/// Where to go.
#[derive(Clone, Debug, PartialEq)]
pub struct Destination<'a> {
    /// WGS-84.
    pub pos: LonLat,
    pub name: &'a str,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RouteLink {
    pub provider: Provider,
    pub url: String,
    /// For an app's own scheme (`amapuri://`, …): the same route on the provider's web
    /// page, for a phone without the app, where the scheme does nothing.
    pub web: Option<String>,
}

/// Who is asking, as the providers' `src`/`referer` parameters require.
pub const APP_NAME: &str = "police-service-emap";

fn coord(v: f64) -> String {
    format!("{v:.6}")
}

/// Builds the link for one provider. `from` is the resident's own position (WGS-84)
/// when they have one; without it, apps start from their current location.
pub fn route_link(
    provider: Provider,
    platform: Platform,
    to: &Destination,
    from: Option<LonLat>,
    mode: TravelMode,
) -> RouteLink {
    let d = provider.datum().from_wgs84(to.pos);
    let f = from.map(|p| provider.datum().from_wgs84(p));
    let (lat, lon) = (coord(d.lat), coord(d.lon));
    let name = encode(to.name);
    let app = platform.app_schemes();
    let url = match provider {
        // Amap URI API: https://lbs.amap.com/api/uri-api/guide/travel/route (web)
        // and the iOS/Android `path`/`route/plan` schemes; `dev=0` says the
        // coordinates are already GCJ-02, `t` is 0 drive, 1 transit, 2 walk.
        Provider::Amap if app => {
            let t = match mode {
                TravelMode::Drive => 0,
                TravelMode::Transit => 1,
                TravelMode::Walk => 2,
            };
            let base = if platform == Platform::Ios {
                "iosamap://path?"
            } else {
                "amapuri://route/plan/?"
            };
            format!(
                "{base}sourceApplication={APP_NAME}&dlat={lat}&dlon={lon}&dname={name}&dev=0&t={t}"
            )
        }
        Provider::Amap => {
            let m = match mode {
                TravelMode::Drive => "car",
                TravelMode::Transit => "bus",
                TravelMode::Walk => "walk",
            };
            let from = f
                .map(|f| {
                    format!(
                        "from={},{},{}&",
                        coord(f.lon),
                        coord(f.lat),
                        encode("我的位置")
                    )
                })
                .unwrap_or_default();
            format!("https://uri.amap.com/navigation?{from}to={lon},{lat},{name}&mode={m}&coordinate=gaode&callnative=0&src={APP_NAME}")
        }
        // Baidu URI API: `coord_type=bd09ll` declares Baidu's own datum.
        Provider::Baidu => {
            let m = match mode {
                TravelMode::Drive => "driving",
                TravelMode::Transit => "transit",
                TravelMode::Walk => "walking",
            };
            let dest = encode(&format!("latlng:{lat},{lon}|name:{}", to.name));
            if app {
                format!("baidumap://map/direction?destination={dest}&coord_type=bd09ll&mode={m}&src={APP_NAME}")
            } else if let Some(f) = f {
                let origin = encode(&format!(
                    "latlng:{},{}|name:我的位置",
                    coord(f.lat),
                    coord(f.lon)
                ));
                format!("https://api.map.baidu.com/direction?origin={origin}&destination={dest}&coord_type=bd09ll&mode={m}&output=html&src={APP_NAME}")
            } else {
                // The web direction page needs an origin; without one, the place page
                // offers "到这去" itself.
                format!("https://api.map.baidu.com/marker?location={lat},{lon}&title={name}&content={name}&coord_type=bd09ll&output=html&src={APP_NAME}")
            }
        }
        // Tencent URI API: coordinates are GCJ-02 (`coord_type` 2, the default);
        // `referer` is required.
        Provider::Tencent => {
            let t = match mode {
                TravelMode::Drive => "drive",
                TravelMode::Transit => "bus",
                TravelMode::Walk => "walk",
            };
            let from = match f {
                Some(f) => format!(
                    "from={}&fromcoord={},{}&",
                    encode("我的位置"),
                    coord(f.lat),
                    coord(f.lon)
                ),
                None => format!("from={}&fromcoord=CurrentLocation&", encode("我的位置")),
            };
            let base = if app {
                "qqmap://map/routeplan?"
            } else {
                "https://apis.map.qq.com/uri/v1/routeplan?"
            };
            format!("{base}type={t}&{from}to={name}&tocoord={lat},{lon}&coord_type=2&referer={APP_NAME}")
        }
        // Apple Maps links: `daddr`, `dirflg` d/r/w; opens the Maps app on iOS.
        Provider::Apple => {
            let flag = match mode {
                TravelMode::Drive => "d",
                TravelMode::Transit => "r",
                TravelMode::Walk => "w",
            };
            format!("https://maps.apple.com/?daddr={lat},{lon}&dirflg={flag}&q={name}")
        }
        // RFC 5870, with the label convention Android map apps understand.
        Provider::Geo => format!("geo:{lat},{lon}?q={lat},{lon}({name})"),
        Provider::OpenStreetMap => match (f, mode) {
            (Some(f), TravelMode::Walk | TravelMode::Drive) => {
                let engine = if mode == TravelMode::Drive {
                    "fossgis_osrm_car"
                } else {
                    "fossgis_osrm_foot"
                };
                format!("https://www.openstreetmap.org/directions?engine={engine}&route={},{};{lat},{lon}", coord(f.lat), coord(f.lon))
            }
            _ => format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"),
        },
    };
    let web = (app && !url.starts_with("https://") && provider != Provider::Geo)
        .then(|| route_link(provider, Platform::Desktop, to, from, mode).url);
    RouteLink { provider, url, web }
}

#[cfg(test)]
#[path = "route_tests.rs"]
mod tests;
