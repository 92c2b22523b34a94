//! The Yantai sample city: outlets of every kind PRODUCT.md names, placed on land in
//! the right district, with hours, phones, items and booking details. Deterministic:
//! the same build writes the same files, which are committed.
//!
//! Figures follow the seeds (Yantai's 173 comprehensive windows at 96 % of stations,
//! 186 driver-check hospitals; Tai'an's self-service areas, inspection stations,
//! used-car market stations and enterprise green channels), scaled to one city.
//!
//! The districts, with their stations and roads, and the item lists and hours are data:
//! `tools/data/sample/{districts,services}.json`.

use crate::{enrich, geojson_text, members, read, Result};
use emap_core::geo::round6;
use geojson::{feature::Id, Feature, FeatureCollection, Geometry};
use serde::Deserialize;
use serde_json::{json, Value};
use std::process::ExitCode;
use std::sync::LazyLock;

#[derive(Deserialize)]
struct District {
    name: &'static str,
    /// The name in English addresses ("Zhifu District").
    name_en: &'static str,
    /// Seat of the district's own bureau (WGS-84).
    seat: (f64, f64),
    /// A box that lies on land around the seat, for the other outlets.
    land: ((f64, f64), (f64, f64)),
    /// 公安分局 (urban district) or 公安局 (county-level city).
    bureau: &'static str,
    /// Towns and streets, one police station each.
    stations: Vec<&'static str>,
    roads: Vec<&'static str>,
    /// Each of `roads` in pinyin, as street signs spell it ("Xingfu Middle Road").
    roads_en: Vec<&'static str>,
}

/// Item ids by where they are handled, and the hours a police station may keep;
/// `emap national` draws on them too.
#[derive(Deserialize)]
// District's `&'static str` fields make serde borrow; with only `Vec`s, this does.
#[serde(bound(deserialize = "'de: 'static"))]
pub(crate) struct Services {
    pub household_at_station: Vec<&'static str>,
    pub order_at_station: Vec<&'static str>,
    pub traffic_at_station: Vec<&'static str>,
    exit_at_station: Vec<&'static str>,
    pub exit_all: Vec<&'static str>,
    pub vehicle_admin: Vec<&'static str>,
    pub traffic_point: Vec<&'static str>,
    pub self_service: Vec<&'static str>,
    pub hall_extra: Vec<&'static str>,
    pub station_hours: Vec<&'static str>,
}

// Built into the binary, so `emap` runs from any folder and a data file cannot go
// missing; parsed once, on first use. Strings borrow from the embedded text, so one
// with a backslash escape fails here (the tests load both).
static DISTRICTS: LazyLock<Vec<District>> = LazyLock::new(|| {
    table(
        "districts.json",
        include_str!("../data/sample/districts.json"),
    )
});
pub(crate) static SERVICES: LazyLock<Services> = LazyLock::new(|| {
    table(
        "services.json",
        include_str!("../data/sample/services.json"),
    )
});

fn table<T: Deserialize<'static>>(file: &str, text: &'static str) -> T {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("tools/data/sample/{file}: {e}"))
}

/// xorshift64*: tiny and deterministic across platforms.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

pub fn run(args: &[String]) -> Result<ExitCode> {
    let dir = args
        .first()
        .map(String::as_str)
        .unwrap_or("public/data/yantai");
    let catalog_src = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("data/yantai/catalog.src.json");
    std::fs::create_dir_all(dir)?;
    let outlets = outlets();
    let n = outlets.features.len();
    std::fs::write(format!("{dir}/outlets.geojson"), geojson_text(&outlets)?)?;
    std::fs::write(
        format!("{dir}/notices.json"),
        serde_json::to_string_pretty(&notices())? + "\n",
    )?;
    let mut catalog: Value = serde_json::from_str(&read(catalog_src)?)?;
    enrich::enrich(&mut catalog);
    std::fs::write(
        format!("{dir}/catalog.json"),
        serde_json::to_string_pretty(&catalog)? + "\n",
    )?;
    eprintln!("wrote {n} outlets, the bureau-wide notices and the enriched catalog to {dir}");
    Ok(ExitCode::SUCCESS)
}

pub fn outlets() -> FeatureCollection {
    let s = &*SERVICES;
    let mut rng = Rng(0x5EED_0535_2026);
    let mut features = Vec::new();
    // Addresses and phones draw from their own stream, so placing outlets and
    // describing them do not borrow one generator twice.
    let mut details = Rng(0x0535_6600_0000);
    let mut add = |d: &District,
                   id: String,
                   name: String,
                   kind: &str,
                   pos: (f64, f64),
                   items: Vec<&str>,
                   hours: &str,
                   extra: Value| {
        let rng = &mut details;
        let road = rng.below(d.roads.len());
        let phone = format!("0535-{}", 6_000_000 + rng.below(3_999_999));
        let number = 1 + rng.below(299);
        let mut props = members(json!({
            "name": name,
            "kind": kind,
            "addr:full": format!("烟台市{}{}{}号", d.name, d.roads[road], number),
            "addr:full:en": format!("{number} {}, {}, Yantai", d.roads_en[road], d.name_en),
            "addr:district": d.name,
            "phone": phone,
            "opening_hours": hours,
            "wheelchair": if rng.chance(0.7) { "yes" } else { "limited" },
            "items": items,
        }));
        props.extend(members(extra));
        features.push(Feature {
            id: Some(Id::String(id)),
            geometry: Some(Geometry::new_point([round6(pos.0), round6(pos.1)])),
            properties: Some(props),
            ..Feature::default()
        });
    };
    let booking = |what: &str| json!({"appointment": {"phone": "0535-12345", "note": format!("{what}可通过“爱山东”App·烟台公安或“烟台公安”微信公众号预约；现场取号同样受理。")}});

    for (di, d) in DISTRICTS.iter().enumerate() {
        let code = format!("d{:02}", di + 1);
        let near = |rng: &mut Rng, spread: f64| {
            let p = (
                d.seat.0 + (rng.unit() - 0.5) * spread,
                d.seat.1 + (rng.unit() - 0.5) * spread * 0.8,
            );
            clamp(p, d.land)
        };
        let anywhere = |rng: &mut Rng| {
            let ((w, s), (e, n)) = d.land;
            (w + rng.unit() * (e - w), s + rng.unit() * (n - s))
        };
        // County-level service hall: every household, exit-entry, traffic and permit window.
        let mut hall = s.household_at_station.clone();
        hall.extend(&s.order_at_station);
        hall.extend(&s.exit_at_station);
        hall.extend(&s.traffic_at_station);
        hall.extend(&s.hall_extra);
        let hall_name = if di == 0 {
            "烟台市民之家公安服务窗口".to_string()
        } else {
            format!("{}公安政务服务大厅", d.bureau)
        };
        add(
            d,
            format!("{code}-hall"),
            hall_name,
            "service_hall",
            near(&mut rng, 0.01),
            hall,
            "Mo-Fr 09:00-17:00; Sa,Su 09:00-12:00; PH off",
            booking("户籍、出入境、车驾管业务"),
        );
        add(
            d,
            format!("{code}-exit"),
            format!("{}出入境接待大厅", d.bureau),
            "exit_entry",
            near(&mut rng, 0.02),
            s.exit_all.clone(),
            "Mo-Fr 08:30-12:00,13:00-17:00; Sa 09:00-16:00; PH off",
            json!({"appointment": {"phone": "0535-12367", "note": "办理护照、港澳台通行证建议通过移民局App预约；“一老一小”及急事急办可现场优先。"}}),
        );
        let va_name = if di == 1 {
            "烟台市公安局交通警察支队车辆管理所".to_string()
        } else {
            format!(
                "{}车辆管理所（车驾管服务站）",
                d.bureau
                    .trim_end_matches("公安局")
                    .trim_end_matches("公安分局")
                    .replace("烟台市公安局", "烟台")
            )
        };
        add(
            d,
            format!("{code}-vehicle"),
            va_name,
            "vehicle_admin",
            near(&mut rng, 0.04),
            s.vehicle_admin.clone(),
            "Mo-Fr 08:30-11:30,13:30-17:00; PH off",
            json!({"appointment": {"url": "https://gab.122.gov.cn", "phone": "0535-12122", "note": "注册登记、转移登记可在交管12123 App预约办理时段。"}}),
        );
        for (si, town) in d.stations.iter().enumerate() {
            let mut items: Vec<&str> = s
                .household_at_station
                .iter()
                .copied()
                .filter(|_| rng.chance(0.93))
                .collect();
            items.extend(&s.order_at_station);
            // About 60 % of stations take traffic business ("1+X"); about one in ten
            // accepts passport and permit applications, as in Tianjin's figures.
            if rng.chance(0.6) {
                items.extend(&s.traffic_at_station);
            }
            if rng.chance(0.12) || si == 0 {
                items.extend(&s.exit_at_station);
            }
            let pos = if si == 0 {
                near(&mut rng, 0.015)
            } else {
                anywhere(&mut rng)
            };
            let hours = s.station_hours[rng.below(s.station_hours.len())];
            add(
                d,
                format!("{code}-ps{:02}", si + 1),
                format!("{}{}派出所", d.bureau, town),
                "police_station",
                pos,
                items,
                hours,
                if rng.chance(0.5) {
                    booking("身份证、户口业务")
                } else {
                    json!({})
                },
            );
        }
        for k in 0..5 {
            let pos = if k == 0 {
                near(&mut rng, 0.03)
            } else {
                anywhere(&mut rng)
            };
            let town = d.stations[rng.below(d.stations.len())];
            add(
                d,
                format!("{code}-tp{:02}", k + 1),
                format!(
                    "{}交警大队{}中队服务站",
                    d.bureau.replace("烟台市公安局", ""),
                    town
                ),
                "traffic_point",
                pos,
                s.traffic_point.clone(),
                "Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00; PH off",
                json!({}),
            );
        }
        for k in 0..3 {
            let pos = near(&mut rng, 0.05);
            let place = ["政务中心", "银行网点", "社区服务中心"][k];
            add(
                d,
                format!("{code}-ss{:02}", k + 1),
                format!("{}{}24小时自助服务区", d.name, place),
                "self_service",
                pos,
                s.self_service.clone(),
                "24/7",
                json!({"notice": "自助设备需刷居民身份证；签注自助办理需已有有效通行证。"}),
            );
        }
        for k in 0..3 {
            let pos = anywhere(&mut rng);
            add(
                d,
                format!("{code}-is{:02}", k + 1),
                format!("{}{}机动车检测站", d.name, ["安达", "通达", "顺安"][k]),
                "inspection_station",
                pos,
                vec!["veh-inspect", "veh-inspect-mark"],
                "Mo-Su 08:00-17:00; PH off",
                json!({"appointment": {"url": "https://gab.122.gov.cn", "note": "可在交管12123 App预约检验时段，减少排队。"}}),
            );
        }
        for k in 0..3 {
            let pos = near(&mut rng, 0.06);
            let hospital = [
                format!("{}人民医院", d.name.trim_end_matches(['区', '市'])),
                format!("{}中医医院", d.name.trim_end_matches(['区', '市'])),
                format!("{}体检中心", d.name),
            ][k]
                .clone();
            add(
                d,
                format!("{code}-mc{:02}", k + 1),
                format!("{hospital}（驾驶人体检）"),
                "medical_check",
                pos,
                vec!["dl-medical"],
                "Mo-Fr 07:30-11:30,13:30-16:30; Sa 07:30-11:30",
                json!({"notice": "体检结果可电子上传交管系统，换证无需再交纸质证明。"}),
            );
        }
        let pos = anywhere(&mut rng);
        add(
            d,
            format!("{code}-uc"),
            format!("{}二手车交易市场登记服务站", d.name),
            "vehicle_admin",
            pos,
            vec!["veh-transfer", "veh-mortgage", "veh-temp-plate", "consult"],
            "Mo-Fr 08:30-11:30,13:30-17:00; Sa 08:30-11:30; PH off",
            json!({"appointment": {"url": "https://gab.122.gov.cn", "note": "二手车过户可在市场内“一站式”办理查验、交易、登记。"}}),
        );
        if di < 6 {
            add(
                d,
                format!("{code}-sm"),
                format!("{}智慧警局（无人值守）", d.name),
                "self_service",
                near(&mut rng, 0.03),
                s.self_service.clone(),
                "24/7",
                json!({"notice": "无人值守，可视频连线民警远程指导。"}),
            );
        }
        if di < 4 {
            add(
                d,
                format!("{code}-gc"),
                format!("{}企业办证绿色通道", d.bureau),
                "service_hall",
                near(&mut rng, 0.01),
                vec![
                    "seal",
                    "hotel-licence",
                    "pawn-permit",
                    "cyber-filing",
                    "mlps",
                    "netbar",
                    "veh-register",
                    "foreigner-residence",
                ],
                "Mo-Fr 09:00-17:00; PH off",
                json!({"appointment": {"phone": "0535-12345", "note": "企业专窗，可预约上门或延时服务。"}}),
            );
        }
    }
    add_outlet_notices(&mut features);
    add_access_and_trust(&mut features);
    FeatureCollection {
        bbox: None,
        features,
        foreign_members: Some(members(json!({
            "datum": "wgs84",
            "sample": true,
            "name": "烟台市公安政务服务网点（示例数据）",
            "note": "示例数据，非官方网点信息，仅供演示。Sample data generated by `emap sample`, not official.",
        }))),
    }
}

/// Notices on a few outlets, as a bureau would post them in December 2026: a closure
/// over New Year's Day, a station moving, a Saturday 专场. Added after the outlets
/// are made, so nothing else in the file changes.
fn add_outlet_notices(features: &mut [Feature]) {
    let notices = [
        (
            "d01-ss02",
            json!([{
                "id": "d01-ss02-newyear",
                "kind": "closure",
                "from": "2026-12-31T18:00",
                "to": "2027-01-01",
                "text": "元旦假期设备检修：12月31日18:00至1月1日暂停开放，可前往就近的24小时自助服务区办理。",
                "text:en": "Closed for maintenance from 18:00 on 31 Dec to the end of New Year's Day; use another 24-hour self-service area nearby."
            }]),
        ),
        (
            "d01-ps02",
            json!([{
                "id": "d01-ps02-moved",
                "kind": "moved",
                "from": "2026-12-07",
                "moved_to": "d01-ps04",
                "text": "东山派出所办公楼改造，12月7日起迁至通伸派出所办公，报警求助请拨打110。",
                "text:en": "While its building is renovated, Dongshan station works from Tongshen station from 7 Dec; call 110 in an emergency."
            }]),
        ),
        (
            "d01-hall",
            json!([{
                "id": "d01-hall-saturdays",
                "kind": "extra_hours",
                "from": "2026-12-05",
                "to": "2026-12-26",
                "hours": "Sa 13:00-17:00",
                "items": ["id-renew", "id-lost", "id-first"],
                "text": "身份证办理周末专场：12月每周六下午13:00-17:00延时服务。",
                "text:en": "ID card Saturdays: open 13:00-17:00 every Saturday afternoon in December."
            }]),
        ),
    ];
    for (id, list) in notices {
        let feature = features
            .iter_mut()
            .find(|f| f.id == Some(Id::String(id.into())))
            .unwrap_or_else(|| panic!("the sample city has no outlet {id}"));
        if let Some(props) = feature.properties.as_mut() {
            props.insert("notices".into(), list);
        }
    }
}

/// Access facts, busy profiles, check dates and supervision phones, as issue 19 asks:
/// exit-entry and county service halls fully accessible with a priority window; most
/// police stations step-free, some partly, a few not, most with home visits for
/// residents who cannot come; busy profiles for the big halls. Added after the
/// outlets are made, from a stream of their own, so nothing else in the file changes.
fn add_access_and_trust(features: &mut [Feature]) {
    let mut rng = Rng(0xACCE_5519_2026);
    for f in features.iter_mut() {
        let Some(Id::String(id)) = f.id.clone() else {
            continue;
        };
        let Some(props) = f.properties.as_mut() else {
            continue;
        };
        let kind = props["kind"].as_str().unwrap_or("").to_owned();
        let big_hall = id.ends_with("-hall") || id.ends_with("-exit") || id.ends_with("-vehicle");
        let mut facts = json!({});
        let mut set = |key: &str, v: Value| {
            facts[key] = v;
        };
        match kind.as_str() {
            "service_hall" | "exit_entry" if big_hall => {
                set("wheelchair", json!("yes"));
                set("toilets:wheelchair", json!("yes"));
                set("capacity:disabled", json!(2 + rng.below(3)));
                set("hearing_loop", json!("yes"));
                set(
                    "sign_language",
                    json!(if rng.chance(0.6) { "yes" } else { "no" }),
                );
                set("priority_window", json!("yes"));
                set("assisted_service", json!("yes"));
            }
            "vehicle_admin" if big_hall => {
                set("wheelchair", json!("yes"));
                set("toilets:wheelchair", json!("yes"));
                set("capacity:disabled", json!(2));
                set("priority_window", json!("yes"));
                set("assisted_service", json!("yes"));
            }
            "police_station" => {
                // `add` drew yes (70 %) or limited; a quarter of the limited have steps
                // and no ramp at all.
                if props["wheelchair"] == "limited" && rng.chance(0.25) {
                    set("wheelchair", json!("no"));
                }
                if props["wheelchair"] == "yes" && rng.chance(0.5) {
                    set("toilets:wheelchair", json!("yes"));
                }
                set(
                    "priority_window",
                    json!(if rng.chance(0.6) { "yes" } else { "no" }),
                );
                if rng.chance(0.5) {
                    set("assisted_service", json!("yes"));
                }
                // 户籍民警上门办证 for the bedridden and the very old.
                set(
                    "home_service",
                    json!(if rng.chance(0.8) { "yes" } else { "no" }),
                );
                if rng.chance(0.1) {
                    set("sign_language", json!("yes"));
                }
            }
            "medical_check" => {
                set("wheelchair", json!("yes"));
                set("toilets:wheelchair", json!("yes"));
                set("capacity:disabled", json!(4 + rng.below(7)));
            }
            "traffic_point" | "inspection_station" if rng.chance(0.3) => {
                set("priority_window", json!("yes"));
            }
            _ => {}
        }
        if big_hall {
            set("busy", busy_profile(&id, &mut rng));
            set(
                "supervision_phone",
                json!(format!("0535-{}", 6_600_000 + rng.below(99_999))),
            );
        }
        // Most checked this autumn; about one in twenty not for over a year.
        let checked = if rng.chance(0.05) {
            chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()
                + chrono::Duration::days(rng.below(200) as i64)
        } else {
            chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()
                + chrono::Duration::days(rng.below(90) as i64)
        };
        set("check_date", json!(emap_core::hours::ymd(checked)));
        props.extend(members(facts));
    }
}

/// A typical week at a big hall, from its opening hours (`-hall` 09:00–17:00 and
/// weekend mornings, `-exit` with a 12:00–13:00 break and Saturdays, `-vehicle` with a
/// 11:30–13:30 break): crowds on Monday mornings and as the doors open after lunch,
/// quiet on Tuesday and Wednesday afternoons. 100 is the week's busiest half-hour.
fn busy_profile(id: &str, rng: &mut Rng) -> Value {
    use emap_core::busy::{DAY_KEYS, SLOTS};
    // Minutes after midnight each kind of hall is open, per day (Monday first).
    let weekday: &[(u32, u32)] = if id.ends_with("-hall") {
        &[(540, 1020)]
    } else if id.ends_with("-exit") {
        &[(510, 720), (780, 1020)]
    } else {
        &[(510, 690), (810, 1020)]
    };
    let weekend: [&[(u32, u32)]; 2] = if id.ends_with("-hall") {
        [&[(540, 720)], &[(540, 720)]]
    } else if id.ends_with("-exit") {
        [&[(540, 960)], &[]]
    } else {
        [&[], &[]]
    };
    // How busy each half-hour from 08:00 is on an ordinary day.
    const SHAPE: [f64; SLOTS] = [
        35.0, 60.0, 80.0, 85.0, 80.0, 70.0, 60.0, 50.0, 35.0, 35.0, 70.0, 75.0, 65.0, 55.0, 50.0,
        45.0, 40.0, 35.0, 25.0, 20.0,
    ];
    // Morning and afternoon, Monday first.
    const DAY: [(f64, f64); 7] = [
        (1.3, 1.0),
        (0.95, 0.5),
        (0.9, 0.45),
        (1.0, 0.9),
        (1.05, 0.9),
        (1.1, 0.9),
        (1.0, 0.8),
    ];
    let mut raw = [[0.0f64; SLOTS]; 7];
    for (d, day) in raw.iter_mut().enumerate() {
        let hours = if d < 5 { weekday } else { weekend[d - 5] };
        for (i, v) in day.iter_mut().enumerate() {
            let start = 480 + 30 * i as u32;
            let open = hours.iter().any(|&(a, b)| a <= start && start + 30 <= b);
            if !open {
                continue;
            }
            // A queue waits at the door when it opens, in the morning and after lunch.
            let opening = hours.iter().any(|&(a, _)| a == start);
            let factor = if i < 8 { DAY[d].0 } else { DAY[d].1 };
            let noise = rng.unit() * 8.0 - 4.0;
            *v = ((SHAPE[i] + if opening { 20.0 } else { 0.0 }) * factor + noise).max(1.0);
        }
    }
    let max = raw.iter().flatten().fold(0.0f64, |a, &b| a.max(b));
    let mut week = serde_json::Map::new();
    for (d, day) in raw.iter().enumerate() {
        if day.iter().all(|&v| v == 0.0) {
            continue;
        }
        let values: Vec<u8> = day
            .iter()
            .map(|&v| match v > 0.0 {
                false => 0,
                true => ((v / max * 100.0).round() as u8).max(1),
            })
            .collect();
        week.insert(DAY_KEYS[d].into(), json!(values));
    }
    Value::Object(week)
}

/// The bureau-wide notices file of the sample city: the exit-entry system upgrade.
pub fn notices() -> Value {
    json!({
        "note": "示例数据，非官方公告，仅供演示。Sample notices generated by `emap sample`, not official.",
        "notices": [{
            "id": "2026-12-12-exit-entry-upgrade",
            "kind": "suspended",
            "from": "2026-12-12",
            "to": "2026-12-12",
            "items": SERVICES.exit_at_station,
            "text": "出入境管理信息系统升级，12月12日（周六）全市暂停受理护照、港澳台通行证及签注申请，12月14日起恢复。",
            "text:en": "Exit-entry system upgrade: no passport, Hong Kong/Macao/Taiwan permit or endorsement applications anywhere in the city on Sat 12 Dec; back from 14 Dec."
        }]
    })
}

fn clamp(p: (f64, f64), ((w, s), (e, n)): ((f64, f64), (f64, f64))) -> (f64, f64) {
    (p.0.clamp(w, e), p.1.clamp(s, n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use emap_core::{Catalog, OutletKind, OutletSet};

    #[test]
    fn sample_city_is_large_varied_and_clean() {
        let text = geojson_text(&outlets()).unwrap();
        let (mut set, problems) = OutletSet::parse(&text).unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(set.outlets.len() >= 300, "{}", set.outlets.len());
        for kind in OutletKind::ALL.iter().filter(|k| **k != OutletKind::Other) {
            assert!(set.outlets.iter().any(|o| o.kind == *kind), "no {kind:?}");
        }
        let src = read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../data/yantai/catalog.src.json"
        ))
        .unwrap();
        let (catalog, problems) = Catalog::parse(&src).unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(catalog.items.len() >= 60 && catalog.bundles.len() >= 5);
        assert!(
            set.check_against(&catalog).is_empty(),
            "every item id in the outlets is in the catalog"
        );
        // Every catalog item can be done somewhere in the city.
        for item in &catalog.items {
            assert!(
                set.outlets.iter().any(|o| o.items.contains(&item.id)),
                "nobody handles {}",
                item.id
            );
        }
    }

    /// The sample notices load without a problem and say what the issue asks for.
    #[test]
    fn sample_notices_are_clean() {
        let text = geojson_text(&outlets()).unwrap();
        let (mut set, problems) = OutletSet::parse(&text).unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
        let src = read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../data/yantai/catalog.src.json"
        ))
        .unwrap();
        let (catalog, _) = Catalog::parse(&src).unwrap();
        assert!(set.check_against(&catalog).is_empty());
        let (mut board, problems) = emap_core::NoticeBoard::parse(&notices().to_string()).unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(board.check(&set, Some(&catalog)).is_empty());
        let own: usize = set.outlets.iter().map(|o| o.notices.len()).sum();
        assert_eq!((own, board.notices.len()), (3, 1));
    }

    /// Issue 19: access facts on most outlets (the big halls fully accessible with a
    /// priority window, some stations partly, a few not), busy profiles for the big
    /// halls, a check date on every outlet and a few over a year old.
    #[test]
    fn sample_city_has_access_busy_hours_and_check_dates() {
        use chrono::{NaiveTime, Weekday};
        use emap_core::access::Wheelchair;
        use emap_core::i18n::Lang;
        let text = geojson_text(&outlets()).unwrap();
        let (set, problems) = OutletSet::parse(&text).unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
        let n = set.outlets.len();
        let with_facts = set
            .outlets
            .iter()
            .filter(|o| !o.access.facts(Lang::Zh).is_empty())
            .count();
        assert_eq!(with_facts, n, "every outlet says something");
        let halls: Vec<_> = set
            .outlets
            .iter()
            .filter(|o| o.id.ends_with("-hall") || o.id.ends_with("-exit"))
            .collect();
        assert!(halls.len() >= 20);
        for o in &halls {
            assert!(o.access.priority(), "{}", o.id);
            assert_eq!(o.access.wheelchair, Some(Wheelchair::Yes), "{}", o.id);
            assert_eq!(o.access.toilets_wheelchair, Some(true));
            assert!(o.access.facts(Lang::En).len() >= 5);
        }
        let stations: Vec<_> = set
            .outlets
            .iter()
            .filter(|o| o.kind == OutletKind::PoliceStation)
            .collect();
        let count = |w: Wheelchair| {
            stations
                .iter()
                .filter(|o| o.access.wheelchair == Some(w))
                .count()
        };
        let (yes, limited, no) = (
            count(Wheelchair::Yes),
            count(Wheelchair::Limited),
            count(Wheelchair::No),
        );
        assert!(yes > stations.len() / 2, "{yes} of {}", stations.len());
        assert!(
            limited >= 10 && no >= 3 && no < limited,
            "{limited} limited, {no} no"
        );
        assert!(
            stations
                .iter()
                .filter(|o| o.access.home_service == Some(true))
                .count()
                > stations.len() / 2
        );
        // Busy profiles for the big halls, busy Monday mornings, quiet Tue/Wed afternoons.
        let busy: Vec<_> = set.outlets.iter().filter(|o| o.busy.is_some()).collect();
        assert_eq!(
            busy.len(),
            3 * DISTRICTS.len(),
            "hall, exit-entry and vehicle office in each district"
        );
        let nine_thirty = NaiveTime::from_hms_opt(9, 30, 0).unwrap();
        for o in &busy {
            let b = o.busy.as_ref().unwrap();
            assert_eq!(b.is_busy(Weekday::Mon, nine_thirty), Some(true), "{}", o.id);
            assert_eq!(
                b.quiet_times(Lang::Zh).as_deref(),
                Some("周二、周三下午人少"),
                "{}",
                o.id
            );
            assert_eq!(
                b.quiet_times(Lang::En).as_deref(),
                Some("Usually quiet: Tue and Wed afternoons")
            );
            assert!(o.supervision_phone.is_some());
        }
        // The after-lunch crowd at an exit-entry hall (reopens 13:00).
        let exit = set.get("d01-exit").unwrap().busy.clone().unwrap();
        let one = NaiveTime::from_hms_opt(13, 0, 0).unwrap();
        assert_eq!(exit.is_busy(Weekday::Mon, one), Some(true));
        assert_eq!(exit.is_busy(Weekday::Wed, one), Some(false));
        // A check date on every outlet, none ahead of the sample's December 2026, a
        // few over a year old.
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        assert!(set
            .outlets
            .iter()
            .all(|o| o.check_date.is_some_and(|d| d <= today)));
        let old = set
            .outlets
            .iter()
            .filter(|o| emap_core::trust::check_too_old(o.check_date.unwrap(), today))
            .count();
        assert!((5..=n / 10).contains(&old), "{old} over a year old");
    }

    /// The committed sample files are what `emap sample` writes: regenerate them
    /// (`cargo run -p emap-tools -- sample`) after changing the generator.
    #[test]
    fn the_committed_sample_is_what_the_generator_writes() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/data/yantai");
        assert!(
            read(&format!("{dir}/outlets.geojson")).unwrap() == geojson_text(&outlets()).unwrap(),
            "public/data/yantai/outlets.geojson is stale: run `cargo run -p emap-tools -- sample`"
        );
        assert_eq!(
            read(&format!("{dir}/notices.json")).unwrap(),
            serde_json::to_string_pretty(&notices()).unwrap() + "\n"
        );
    }

    #[test]
    fn sample_city_is_deterministic() {
        assert_eq!(outlets(), outlets());
    }

    /// Regression: "身分证", the common miswriting of 身份证, found nothing.
    #[test]
    fn the_miswritten_id_card_finds_every_id_card_item() {
        let src = read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../data/yantai/catalog.src.json"
        ))
        .unwrap();
        let (catalog, _) = Catalog::parse(&src).unwrap();
        let found: Vec<&str> = emap_core::search::ItemIndex::new(&catalog)
            .search("身分证")
            .iter()
            .map(|m| catalog.items[m.index].id.as_str())
            .collect();
        for id in ["id-renew", "id-lost", "id-first", "id-temp", "id-cert"] {
            assert!(found.contains(&id), "{id} not in {found:?}");
        }
    }

    /// An English page has the sample city in English: every outlet's address, and
    /// every item's fee, time limit, materials, booking note and online channel.
    #[test]
    fn the_sample_city_reads_in_english() {
        use emap_core::i18n::Lang;
        let text = geojson_text(&outlets()).unwrap();
        let (set, _) = OutletSet::parse(&text).unwrap();
        for o in &set.outlets {
            let a = o.address(Lang::En).unwrap();
            assert_eq!(a.lang, Lang::En, "{} has no English address", o.id);
            assert!(
                a.text.ends_with(", Yantai") && a.text.is_ascii(),
                "{}",
                a.text
            );
        }
        assert_eq!(
            DISTRICTS
                .iter()
                .filter(|d| d.roads.len() != d.roads_en.len())
                .count(),
            0
        );
        let src = read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../data/yantai/catalog.src.json"
        ))
        .unwrap();
        let (catalog, problems) = Catalog::parse(&src).unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
        let en = Lang::En;
        for item in &catalog.items {
            let mut shown: Vec<Option<Lang>> = vec![
                Some(item.name(en).lang),
                item.fee(en).map(|s| s.lang),
                item.time_limit(en).map(|s| s.lang),
                item.online
                    .as_ref()
                    .and_then(|o| o.channel(en))
                    .map(|s| s.lang),
                item.booking
                    .as_ref()
                    .and_then(|b| b.note(en))
                    .map(|s| s.lang),
            ];
            if !item.materials.is_empty() {
                shown.push(Some(item.materials(en).lang));
            }
            assert!(
                shown.iter().flatten().all(|l| *l == en),
                "{} shows Chinese on an English page",
                item.id
            );
            assert!(
                !item.aliases_en.is_empty(),
                "{} has no English words",
                item.id
            );
        }
    }

    /// What residents type in English finds the item they mean.
    #[test]
    fn english_words_find_the_sample_items() {
        let src = read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../data/yantai/catalog.src.json"
        ))
        .unwrap();
        let (catalog, _) = Catalog::parse(&src).unwrap();
        let index = emap_core::search::ItemIndex::new(&catalog);
        let found = |q: &str| -> Vec<&str> {
            index
                .search(q)
                .iter()
                .map(|m| catalog.items[m.index].id.as_str())
                .collect()
        };
        for (q, first) in [
            ("driver license", "dl-renew"),
            ("driving licence", "dl-renew"),
            ("register stay", "residence-reg"),
            ("lost ID", "id-lost"),
            ("no criminal record", "no-crime"),
            ("car transfer", "veh-transfer"),
            ("used car", "veh-transfer"),
            ("passport", "passport"),
            ("driver lisence", "dl-renew"),
            ("drivers license", "dl-renew"),
        ] {
            assert_eq!(found(q).first(), Some(&first), "{q}: {:?}", found(q));
        }
        assert!(found("driver license").contains(&"dl-lost"));
        let hukou = found("hukou");
        for id in ["hukou-birth", "hukou-move-in", "hukou-cert", "hukou-book"] {
            assert!(hukou.contains(&id), "hukou: {hukou:?}");
        }
        assert!(found("register stay").contains(&"foreigner-lodging"));
        let visa = found("visa");
        for id in ["foreigner-residence", "port-visa", "hk-macau-endorse"] {
            assert!(visa.contains(&id), "visa: {visa:?}");
        }
        let bundles = index.search_bundles("second hand car");
        assert_eq!(catalog.bundles[bundles[0]].id, "used-car");
    }
}
