use super::*;
use crate::geo::gcj02_to_bd09;

// The published WGS-84 → GCJ-02 reference point, used by every case.
const TO: Destination = Destination {
    pos: LonLat::new(116.377817, 39.911954),
    name: "天安门派出所",
};
const NAME: &str = "%E5%A4%A9%E5%AE%89%E9%97%A8%E6%B4%BE%E5%87%BA%E6%89%80";

fn url(p: Provider, platform: Platform, from: Option<LonLat>, mode: TravelMode) -> String {
    route_link(p, platform, &TO, from, mode).url
}

#[test]
fn amap_web_link_carries_gcj02_and_declares_it() {
    assert_eq!(
        url(Provider::Amap, Platform::InApp, None, TravelMode::Transit),
        format!("https://uri.amap.com/navigation?to=116.384047,39.913345,{NAME}&mode=bus&coordinate=gaode&callnative=0&src=police-service-emap")
    );
}

#[test]
fn amap_app_links_on_ios_and_android() {
    assert_eq!(
        url(Provider::Amap, Platform::Ios, None, TravelMode::Walk),
        format!("iosamap://path?sourceApplication=police-service-emap&dlat=39.913345&dlon=116.384047&dname={NAME}&dev=0&t=2")
    );
    assert!(url(Provider::Amap, Platform::Android, None, TravelMode::Drive).starts_with("amapuri://route/plan/?sourceApplication=police-service-emap&dlat=39.913345&dlon=116.384047&"));
    assert!(
        url(Provider::Amap, Platform::Android, None, TravelMode::Drive).ends_with("&dev=0&t=0")
    );
}

#[test]
fn baidu_links_carry_bd09_with_coord_type() {
    let b = gcj02_to_bd09(LonLat::new(116.38404722455657, 39.91334545536069));
    let (lat, lon) = (format!("{:.6}", b.lat), format!("{:.6}", b.lon));
    assert_eq!(
        url(Provider::Baidu, Platform::Android, None, TravelMode::Walk),
        format!("baidumap://map/direction?destination=latlng%3A{lat},{lon}%7Cname%3A{NAME}&coord_type=bd09ll&mode=walking&src=police-service-emap")
    );
    assert_eq!(
        url(Provider::Baidu, Platform::Desktop, None, TravelMode::Drive),
        format!("https://api.map.baidu.com/marker?location={lat},{lon}&title={NAME}&content={NAME}&coord_type=bd09ll&output=html&src=police-service-emap")
    );
    let with_origin = url(
        Provider::Baidu,
        Platform::InApp,
        Some(LonLat::new(116.4, 39.9)),
        TravelMode::Transit,
    );
    assert!(
        with_origin.starts_with("https://api.map.baidu.com/direction?origin=latlng%3A"),
        "{with_origin}"
    );
    assert!(
        with_origin.contains("&mode=transit&output=html"),
        "{with_origin}"
    );
}

#[test]
fn tencent_links_carry_gcj02_and_a_referer() {
    assert_eq!(
        url(Provider::Tencent, Platform::InApp, None, TravelMode::Drive),
        format!("https://apis.map.qq.com/uri/v1/routeplan?type=drive&from=%E6%88%91%E7%9A%84%E4%BD%8D%E7%BD%AE&fromcoord=CurrentLocation&to={NAME}&tocoord=39.913345,116.384047&coord_type=2&referer=police-service-emap")
    );
    assert!(
        url(Provider::Tencent, Platform::Ios, None, TravelMode::Transit)
            .starts_with("qqmap://map/routeplan?type=bus&")
    );
}

#[test]
fn apple_geo_and_osm_links_carry_wgs84() {
    assert_eq!(
        url(Provider::Apple, Platform::Ios, None, TravelMode::Transit),
        format!("https://maps.apple.com/?daddr=39.911954,116.377817&dirflg=r&q={NAME}")
    );
    assert_eq!(
        url(Provider::Geo, Platform::Android, None, TravelMode::Walk),
        format!("geo:39.911954,116.377817?q=39.911954,116.377817({NAME})")
    );
    assert_eq!(
        url(Provider::OpenStreetMap, Platform::Desktop, Some(LonLat::new(116.4, 39.9)), TravelMode::Walk),
        "https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&route=39.900000,116.400000;39.911954,116.377817"
    );
    assert_eq!(
        url(
            Provider::OpenStreetMap,
            Platform::Desktop,
            None,
            TravelMode::Drive
        ),
        "https://www.openstreetmap.org/?mlat=39.911954&mlon=116.377817#map=17/39.911954/116.377817"
    );
}

#[test]
fn names_with_reserved_characters_are_encoded() {
    let to = Destination {
        pos: TO.pos,
        name: "A&B #1 ?x=1",
    };
    let u = route_link(
        Provider::Amap,
        Platform::Desktop,
        &to,
        None,
        TravelMode::Walk,
    )
    .url;
    assert!(
        u.contains("to=116.384047,39.913345,A%26B%20%231%20%3Fx%3D1&"),
        "{u}"
    );
}

#[test]
fn platform_from_user_agents() {
    let ios = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36";
    let wechat_ios = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN";
    let wechat_android = "Mozilla/5.0 (Linux; Android 13; V2218A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";
    let desktop = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
    assert_eq!(Platform::from_user_agent(ios), Platform::Ios);
    assert_eq!(Platform::from_user_agent(android), Platform::Android);
    assert_eq!(Platform::from_user_agent(wechat_ios), Platform::InApp);
    assert_eq!(Platform::from_user_agent(wechat_android), Platform::InApp);
    assert_eq!(Platform::from_user_agent(desktop), Platform::Desktop);
    assert!(Platform::Ios.providers().contains(&Provider::Apple));
    assert!(Platform::Android.providers().contains(&Provider::Geo));
    assert!(!Platform::InApp.app_schemes());
    // Inside WeChat no link may use an app scheme.
    for p in Platform::InApp.providers() {
        let u = url(*p, Platform::InApp, None, TravelMode::Walk);
        assert!(u.starts_with("https://"), "{u}");
    }
}

#[test]
fn travel_time_estimates() {
    assert_eq!(TravelMode::Walk.minutes(1000.0), 17);
    assert_eq!(TravelMode::Transit.minutes(5000.0), 36);
    assert_eq!(TravelMode::Drive.minutes(10_000.0), 36);
    assert_eq!(TravelMode::Walk.minutes(0.0), 1);
    // Regression (third review): an outlet geocoded abroad read "步行 约 150712 分钟".
    assert_eq!(TravelMode::Walk.time_text(Lang::Zh, 1000.0), "约 17 分钟");
    assert_eq!(
        TravelMode::Drive.time_text(Lang::Zh, 100_000.0),
        "约 5.5 小时"
    );
    assert_eq!(TravelMode::Drive.time_text(Lang::En, 60_000.0), "about 3 h");
    assert_eq!(
        TravelMode::Walk.time_text(Lang::Zh, 8_695_000.0),
        "太远，不作估算"
    );
}

/// Regression: on a phone without the app, an app-scheme link did nothing at all. Every
/// scheme link carries the same route on the provider's web page.
#[test]
fn app_links_carry_their_web_page() {
    let to = Destination {
        pos: LonLat::new(121.4, 37.5),
        name: "出入境大厅",
    };
    for platform in [Platform::Android, Platform::Ios] {
        for provider in platform.providers() {
            let link = route_link(*provider, platform, &to, None, TravelMode::Walk);
            let scheme = !link.url.starts_with("https://") && *provider != Provider::Geo;
            assert_eq!(
                link.web.is_some(),
                scheme,
                "{provider:?} on {platform:?}: {}",
                link.url
            );
            if let Some(web) = link.web {
                assert_eq!(
                    web,
                    route_link(*provider, Platform::Desktop, &to, None, TravelMode::Walk).url
                );
                assert!(web.starts_with("https://"));
            }
        }
    }
    assert_eq!(
        route_link(
            Provider::Amap,
            Platform::Desktop,
            &to,
            None,
            TravelMode::Walk
        )
        .web,
        None
    );
}
