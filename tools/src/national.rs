//! `emap national --count N [OUT_DIR]`: a synthetic national dataset for measuring
//! the app at scale. Outlets are spread like population over China's cities: each
//! picks a city with a chance in proportion to its people, then lies around its
//! centre (most close in, some out in the county towns). Kinds, items and hours are
//! drawn from the same tables as the Yantai sample, so the sample catalog fits.
//! Deterministic for a given count. Marked `"sample": true`. Written as GeoJSON and
//! as a pack (`emap pack`), so the same outlets can be loaded either way.

use crate::sample::{Rng, SERVICES};
use crate::{geojson_text, members, Result};
use geojson::{feature::Id, Feature, FeatureCollection, Geometry};
use serde_json::json;
use std::process::ExitCode;

/// City, `[lon, lat]` of its centre, people (millions, city proper and counties;
/// rounded figures of the 7th census, 2020).
const CITIES: &[(&str, [f64; 2], f64)] = &[
    ("北京", [116.40, 39.90], 21.9),
    ("上海", [121.47, 31.23], 24.9),
    ("广州", [113.26, 23.13], 18.7),
    ("深圳", [114.06, 22.54], 17.6),
    ("重庆", [106.55, 29.56], 32.1),
    ("成都", [104.07, 30.57], 20.9),
    ("天津", [117.20, 39.13], 13.9),
    ("武汉", [114.31, 30.59], 12.3),
    ("西安", [108.94, 34.34], 13.0),
    ("杭州", [120.16, 30.27], 11.9),
    ("郑州", [113.63, 34.75], 12.6),
    ("南京", [118.80, 32.06], 9.3),
    ("苏州", [120.59, 31.30], 12.7),
    ("长沙", [112.94, 28.23], 10.0),
    ("青岛", [120.38, 36.07], 10.1),
    ("沈阳", [123.43, 41.81], 9.1),
    ("哈尔滨", [126.53, 45.80], 10.0),
    ("济南", [117.00, 36.65], 9.2),
    ("合肥", [117.23, 31.82], 9.4),
    ("昆明", [102.83, 24.88], 8.5),
    ("福州", [119.30, 26.08], 8.3),
    ("石家庄", [114.51, 38.04], 11.2),
    ("南宁", [108.37, 22.82], 8.7),
    ("长春", [125.32, 43.82], 9.1),
    ("南昌", [115.86, 28.68], 6.3),
    ("贵阳", [106.63, 26.65], 6.0),
    ("太原", [112.55, 37.87], 5.3),
    ("兰州", [103.83, 36.06], 4.4),
    ("乌鲁木齐", [87.62, 43.83], 4.1),
    ("呼和浩特", [111.75, 40.84], 3.4),
    ("银川", [106.23, 38.49], 2.9),
    ("西宁", [101.78, 36.62], 2.5),
    ("拉萨", [91.13, 29.65], 0.9),
    ("海口", [110.35, 20.02], 2.9),
    ("大连", [121.61, 38.91], 7.5),
    ("厦门", [118.09, 24.48], 5.2),
    ("宁波", [121.55, 29.87], 9.4),
    ("烟台", [121.45, 37.46], 7.1),
    ("徐州", [117.28, 34.21], 9.1),
    ("温州", [120.70, 28.00], 9.6),
    ("洛阳", [112.45, 34.62], 7.1),
    ("潍坊", [119.16, 36.71], 9.4),
    ("临沂", [118.36, 35.10], 11.0),
    ("赣州", [114.93, 25.83], 9.0),
    ("南阳", [112.53, 33.00], 9.7),
    ("保定", [115.46, 38.87], 9.2),
    ("东莞", [113.75, 23.02], 10.5),
    ("佛山", [113.12, 23.02], 9.5),
    ("汕头", [116.68, 23.35], 5.5),
    ("桂林", [110.29, 25.27], 4.9),
];

/// Kinds with their share of outlets: police stations are most of them.
const KINDS: &[(&str, f64)] = &[
    ("police_station", 0.68),
    ("self_service", 0.10),
    ("service_hall", 0.07),
    ("traffic_point", 0.07),
    ("exit_entry", 0.03),
    ("vehicle_admin", 0.02),
    ("inspection_station", 0.02),
    ("medical_check", 0.01),
];

fn normal(rng: &mut Rng) -> f64 {
    // Box–Muller; 1 - unit() keeps the logarithm away from zero.
    let (u, v) = (1.0 - rng.unit(), rng.unit());
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

fn pick<'a>(rng: &mut Rng, list: &[&'a str], share: f64) -> Vec<&'a str> {
    list.iter().copied().filter(|_| rng.chance(share)).collect()
}

/// One outlet: kind, name, items and hours that fit together.
fn outlet(rng: &mut Rng, i: usize, total_pop: f64) -> Feature {
    let s = &*SERVICES;
    let mut at = rng.unit() * total_pop;
    let &(city, [lon, lat], pop) = CITIES
        .iter()
        .find(|c| {
            at -= c.2;
            at <= 0.0
        })
        .unwrap_or(&CITIES[0]);
    // Most outlets within the city, a third out in its counties.
    let spread = 0.05 * pop.sqrt() * if rng.chance(0.33) { 4.0 } else { 1.0 };
    let pos = [
        ((lon + normal(rng) * spread) * 1e6).round() / 1e6,
        ((lat + normal(rng) * spread * 0.8).clamp(18.0, 53.0) * 1e6).round() / 1e6,
    ];
    let mut r = rng.unit();
    let kind = KINDS
        .iter()
        .find(|k| {
            r -= k.1;
            r <= 0.0
        })
        .map_or("police_station", |k| k.0);
    let n = i + 1;
    let (name, items, hours): (String, Vec<&str>, &str) = match kind {
        "police_station" => {
            let mut items = s.household_at_station.clone();
            items.extend(&s.order_at_station);
            items.extend(pick(rng, &s.traffic_at_station, 0.6));
            (
                format!("{city}市公安局第{n}派出所"),
                items,
                s.station_hours[rng.below(s.station_hours.len())],
            )
        }
        "self_service" => (
            format!("{city}24小时自助服务区{n}"),
            s.self_service.clone(),
            "24/7",
        ),
        "service_hall" => {
            let mut items = s.household_at_station.clone();
            items.extend(&s.exit_all);
            items.extend(&s.hall_extra);
            (
                format!("{city}市公安政务服务大厅{n}"),
                items,
                "Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00; PH off",
            )
        }
        "traffic_point" => (
            format!("{city}交警服务站{n}"),
            s.traffic_point.clone(),
            "Mo-Su 08:00-17:00; PH off",
        ),
        "exit_entry" => (
            format!("{city}出入境接待大厅{n}"),
            s.exit_all.clone(),
            "Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00; PH off",
        ),
        "vehicle_admin" => (
            format!("{city}车辆管理所{n}"),
            s.vehicle_admin.clone(),
            "Mo-Fr 08:30-11:30,13:30-17:00; Sa 08:30-11:30",
        ),
        "inspection_station" => (
            format!("{city}机动车检测站{n}"),
            vec!["veh-inspect"],
            "Mo-Su 08:00-17:00",
        ),
        _ => (
            format!("{city}驾驶人体检医院{n}"),
            vec!["dl-medical"],
            "Mo-Fr 08:00-11:30; PH off",
        ),
    };
    Feature {
        id: Some(Id::String(format!("cn{n}"))),
        geometry: Some(Geometry::new_point(pos)),
        properties: Some(members(json!({
            "name": name,
            "kind": kind,
            "addr:city": format!("{city}市"),
            "items": items,
            "opening_hours": hours,
            "phone": format!("{}", 10_000_000 + rng.below(89_999_999)),
        }))),
        ..Feature::default()
    }
}

pub fn outlets(count: usize) -> FeatureCollection {
    let mut rng = Rng(0x00C0_FFEE_0086 ^ count as u64);
    let total_pop: f64 = CITIES.iter().map(|c| c.2).sum();
    FeatureCollection {
        bbox: None,
        features: (0..count).map(|i| outlet(&mut rng, i, total_pop)).collect(),
        foreign_members: Some(members(json!({"sample": true}))),
    }
}

pub fn run(args: &[String]) -> Result<ExitCode> {
    let mut count = 10_000;
    let mut dir = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--count" => {
                count = it
                    .next()
                    .and_then(|n| n.replace('_', "").parse().ok())
                    .ok_or("--count needs a number")?
            }
            other => dir = Some(other.to_owned()),
        }
    }
    let dir = dir.unwrap_or_else(|| format!("bench/data/national-{count}"));
    std::fs::create_dir_all(&dir)?;
    let text = geojson_text(&outlets(count))?;
    std::fs::write(format!("{dir}/outlets.geojson"), &text)?;
    let (set, _) = emap_core::OutletSet::parse(&text)?;
    let regions = crate::pack::write(
        &set,
        emap_core::pack::DEFAULT_REGION_SIZE,
        &format!("{dir}/pack"),
    )?;
    eprintln!(
        "wrote {count} outlets ({} MB) to {dir}/outlets.geojson, and as a pack of {regions} regions to {dir}/pack/",
        text.len() / 1_000_000
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use emap_core::{Catalog, OutletSet};

    #[test]
    fn national_outlets_load_cleanly_and_spread_like_people() {
        let text = geojson_text(&outlets(2000)).unwrap();
        let (mut set, problems) = OutletSet::parse(&text).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(set.outlets.len(), 2000);
        let catalog = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../public/data/yantai/catalog.json"
        ))
        .unwrap();
        let (catalog, _) = Catalog::parse(&catalog).unwrap();
        assert!(
            set.check_against(&catalog).is_empty(),
            "every item id is in the sample catalog"
        );
        // Chongqing (32 M people) has far more outlets than Lhasa (0.9 M).
        let near = |lon: f64, lat: f64| {
            set.outlets
                .iter()
                .filter(|o| (o.pos.lon - lon).abs() < 1.0 && (o.pos.lat - lat).abs() < 1.0)
                .count()
        };
        assert!(near(106.55, 29.56) > 5 * near(91.13, 29.65).max(1));
        assert_eq!(outlets(50), outlets(50), "deterministic");
    }
}
