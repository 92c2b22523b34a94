//! The Yantai sample city: outlets of every kind PRODUCT.md names, placed on land in
//! the right district, with hours, phones, items and booking details. Deterministic:
//! the same build writes the same files, which are committed.
//!
//! Figures follow the seeds (Yantai's 173 comprehensive windows at 96 % of stations,
//! 186 driver-check hospitals; Tai'an's self-service areas, inspection stations,
//! used-car market stations and enterprise green channels), scaled to one city.

use crate::{enrich, read, Result};
use emap_core::geo::round6;
use serde_json::{json, Value};
use std::process::ExitCode;

struct District {
    name: &'static str,
    /// Seat of the district's own bureau (WGS-84).
    seat: (f64, f64),
    /// A box that lies on land around the seat, for the other outlets.
    land: ((f64, f64), (f64, f64)),
    /// 公安分局 (urban district) or 公安局 (county-level city).
    bureau: &'static str,
    /// Towns and streets, one police station each.
    stations: &'static [&'static str],
    roads: &'static [&'static str],
}

const DISTRICTS: &[District] = &[
    District {
        name: "芝罘区",
        seat: (121.3975, 37.5395),
        land: ((121.330, 37.490), (121.440, 37.535)),
        bureau: "烟台市公安局芝罘分局",
        stations: &[
            "向阳",
            "东山",
            "毓璜顶",
            "通伸",
            "只楚",
            "世回尧",
            "黄务",
            "幸福",
            "白石",
            "奇山",
            "凤凰台",
            "珠玑",
            "芝罘岛",
            "西郊",
        ],
        roads: &[
            "南大街",
            "北马路",
            "胜利路",
            "环山路",
            "西南河路",
            "只楚路",
            "幸福中路",
            "青年南路",
        ],
    },
    District {
        name: "莱山区",
        seat: (121.4470, 37.5115),
        land: ((121.420, 37.410), (121.560, 37.485)),
        bureau: "烟台市公安局莱山分局",
        stations: &[
            "初家",
            "黄海路",
            "滨海路",
            "院格庄",
            "解甲庄",
            "莱山",
            "马山寨",
            "观海路",
            "盛泉",
        ],
        roads: &[
            "港城东大街",
            "观海路",
            "迎春大街",
            "山海路",
            "银海路",
            "滨海中路",
        ],
    },
    District {
        name: "福山区",
        seat: (121.2670, 37.4980),
        land: ((121.180, 37.420), (121.320, 37.510)),
        bureau: "烟台市公安局福山分局",
        stations: &[
            "清洋",
            "福新",
            "门楼",
            "高疃",
            "张格庄",
            "回里",
            "东厅",
            "古现",
            "八角",
        ],
        roads: &["福海路", "河滨路", "永达街", "汇福街", "松山路"],
    },
    District {
        name: "牟平区",
        seat: (121.6000, 37.3880),
        land: ((121.520, 37.300), (121.720, 37.400)),
        bureau: "烟台市公安局牟平分局",
        stations: &[
            "宁海",
            "文化",
            "武宁",
            "大窑",
            "姜格庄",
            "观水",
            "龙泉",
            "玉林店",
            "水道",
            "王格庄",
            "高陵",
            "莒格庄",
        ],
        roads: &["正阳路", "通海路", "北关大街", "金埠大街", "新城大街"],
    },
    District {
        name: "蓬莱区",
        seat: (120.7580, 37.8110),
        land: ((120.650, 37.650), (120.900, 37.790)),
        bureau: "烟台市公安局蓬莱分局",
        stations: &[
            "登州",
            "紫荆山",
            "新港",
            "南王",
            "蓬莱阁",
            "北沟",
            "大辛店",
            "村里集",
            "刘家沟",
            "大柳行",
            "小门家",
        ],
        roads: &["钟楼北路", "登州路", "南关路", "海港路", "北关路"],
    },
    District {
        name: "龙口市",
        seat: (120.4780, 37.6460),
        land: ((120.400, 37.520), (120.620, 37.640)),
        bureau: "龙口市公安局",
        stations: &[
            "东莱",
            "龙港",
            "新嘉",
            "徐福",
            "东江",
            "黄山馆",
            "北马",
            "芦头",
            "下丁家",
            "七甲",
            "石良",
            "兰高",
            "诸由观",
        ],
        roads: &["港城大道", "东城区振华路", "南山路", "环海中路", "府前路"],
    },
    District {
        name: "莱阳市",
        seat: (120.7110, 36.9780),
        land: ((120.600, 36.860), (120.840, 37.060)),
        bureau: "莱阳市公安局",
        stations: &[
            "城厢",
            "古柳",
            "龙旺庄",
            "冯格庄",
            "柏林庄",
            "沐浴店",
            "团旺",
            "穴坊",
            "羊郡",
            "姜疃",
            "万第",
            "照旺庄",
            "谭格庄",
            "高格庄",
            "河洛",
            "吕格庄",
        ],
        roads: &["旌旗路", "鹤山路", "昌山路", "富山路", "五龙路"],
    },
    District {
        name: "莱州市",
        seat: (119.9420, 37.1770),
        land: ((119.930, 37.020), (120.120, 37.260)),
        bureau: "莱州市公安局",
        stations: &[
            "文昌路",
            "永安路",
            "三山岛",
            "城港路",
            "文峰路",
            "沙河",
            "朱桥",
            "郭家店",
            "金城",
            "平里店",
            "驿道",
            "程郭",
            "虎头崖",
            "土山",
            "夏邱",
            "柞村",
            "金仓",
        ],
        roads: &["文化东街", "府前东街", "光州街", "北苑路", "莱州北路"],
    },
    District {
        name: "招远市",
        seat: (120.4340, 37.3550),
        land: ((120.330, 37.270), (120.520, 37.430)),
        bureau: "招远市公安局",
        stations: &[
            "泉山",
            "罗峰",
            "梦芝",
            "温泉",
            "大秦家",
            "辛庄",
            "蚕庄",
            "金岭",
            "毕郭",
            "玲珑",
            "张星",
            "夏甸",
            "阜山",
            "齐山",
        ],
        roads: &["温泉路", "金晖路", "府前路", "魁星路", "初山路"],
    },
    District {
        name: "栖霞市",
        seat: (120.8500, 37.3350),
        land: ((120.740, 37.230), (120.960, 37.400)),
        bureau: "栖霞市公安局",
        stations: &[
            "翠屏",
            "庄园",
            "松山",
            "观里",
            "蛇窝泊",
            "唐家泊",
            "桃村",
            "亭口",
            "臧家庄",
            "寺口",
            "苏家店",
            "杨础",
            "西城",
            "官道",
        ],
        roads: &["迎宾路", "霞光路", "跃进路", "庄园路", "长春湖路"],
    },
    District {
        name: "海阳市",
        seat: (121.1590, 36.7760),
        land: ((121.040, 36.740), (121.220, 36.880)),
        bureau: "海阳市公安局",
        stations: &[
            "方圆",
            "东村",
            "凤城",
            "留格庄",
            "盘石店",
            "郭城",
            "徐家店",
            "发城",
            "小纪",
            "行村",
            "辛安",
            "二十里店",
            "朱吴",
        ],
        roads: &["海政路", "黄海大街", "龙山街", "虎山街", "北京路"],
    },
];

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

pub(crate) const HOUSEHOLD_AT_STATION: &[&str] = &[
    "id-renew",
    "id-lost",
    "id-first",
    "id-temp",
    "id-cert",
    "hukou-birth",
    "hukou-move-in",
    "hukou-move-out",
    "hukou-death",
    "hukou-change",
    "hukou-cert",
    "hukou-book",
    "kinship-cert",
    "residence-permit",
    "residence-reg",
    "hukou-divorce",
    "hukou-soldier",
];
pub(crate) const ORDER_AT_STATION: &[&str] = &[
    "no-crime",
    "lost-found",
    "report-case",
    "anti-fraud",
    "case-progress",
    "dog-register",
    "consult",
];
pub(crate) const TRAFFIC_AT_STATION: &[&str] = &[
    "dl-renew",
    "dl-lost",
    "violation",
    "veh-plate-lost",
    "veh-inspect-mark",
    "ebike-register",
];
const EXIT_AT_STATION: &[&str] = &[
    "passport",
    "passport-renew",
    "hk-macau-permit",
    "hk-macau-endorse",
    "taiwan-permit",
    "taiwan-endorse",
];
pub(crate) const EXIT_ALL: &[&str] = &[
    "passport",
    "passport-renew",
    "hk-macau-permit",
    "hk-macau-endorse",
    "taiwan-permit",
    "taiwan-endorse",
    "exit-record",
    "foreigner-residence",
    "foreigner-lodging",
    "port-visa",
    "consult",
];
pub(crate) const VEHICLE_ADMIN: &[&str] = &[
    "dl-renew",
    "dl-lost",
    "dl-exam",
    "dl-foreign",
    "dl-score",
    "dl-age",
    "veh-register",
    "veh-transfer",
    "veh-plate-lost",
    "veh-inspect-mark",
    "veh-deregister",
    "veh-mortgage",
    "veh-temp-plate",
    "violation",
    "accident",
    "green-plate",
    "consult",
];
pub(crate) const TRAFFIC_POINT: &[&str] = &[
    "violation",
    "accident",
    "dl-renew",
    "dl-lost",
    "veh-inspect-mark",
    "ebike-register",
];
pub(crate) const SELF_SERVICE: &[&str] = &[
    "cert-print",
    "hk-macau-endorse",
    "taiwan-endorse",
    "violation",
    "dl-renew",
    "hukou-cert",
    "no-crime",
];
pub(crate) const HALL_EXTRA: &[&str] = &[
    "seal",
    "hotel-licence",
    "event-permit",
    "security-guard",
    "fireworks",
    "pawn-permit",
    "cyber-filing",
    "mlps",
    "cyber-report",
    "netbar",
    "gun-licence",
    "veh-register",
    "veh-transfer",
    "veh-mortgage",
    "dl-foreign",
    "exit-record",
    "foreigner-lodging",
];

pub(crate) const STATION_HOURS: &[&str] = &[
    "Mo-Fr 08:30-12:00,13:30-17:00; PH off",
    "Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:00; PH off",
    "Mo-Fr 08:00-11:30,13:30-17:30; Sa 08:30-11:30; PH off",
    "Mo-Fr 09:00-12:00,13:00-17:00; PH off",
];

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
    let n = outlets["features"].as_array().map_or(0, Vec::len);
    std::fs::write(
        format!("{dir}/outlets.geojson"),
        serde_json::to_string(&outlets)? + "\n",
    )?;
    let mut catalog: Value = serde_json::from_str(&read(catalog_src)?)?;
    enrich::enrich(&mut catalog);
    std::fs::write(
        format!("{dir}/catalog.json"),
        serde_json::to_string_pretty(&catalog)? + "\n",
    )?;
    eprintln!("wrote {n} outlets and the enriched catalog to {dir}");
    Ok(ExitCode::SUCCESS)
}

pub fn outlets() -> Value {
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
        let road = d.roads[rng.below(d.roads.len())];
        let phone = format!("0535-{}", 6_000_000 + rng.below(3_999_999));
        let mut props = json!({
            "name": name,
            "kind": kind,
            "addr:full": format!("烟台市{}{}{}号", d.name, road, 1 + rng.below(299)),
            "addr:district": d.name,
            "phone": phone,
            "opening_hours": hours,
            "wheelchair": if rng.chance(0.7) { "yes" } else { "limited" },
            "items": items,
        });
        if let (Some(p), Some(e)) = (props.as_object_mut(), extra.as_object()) {
            p.extend(e.clone());
        }
        features.push(json!({
            "type": "Feature",
            "id": id,
            "geometry": {"type": "Point", "coordinates": [round6(pos.0), round6(pos.1)]},
            "properties": props,
        }));
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
        let mut hall: Vec<&str> = HOUSEHOLD_AT_STATION.to_vec();
        hall.extend(ORDER_AT_STATION);
        hall.extend(EXIT_AT_STATION);
        hall.extend(TRAFFIC_AT_STATION);
        hall.extend(HALL_EXTRA);
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
            EXIT_ALL.to_vec(),
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
            VEHICLE_ADMIN.to_vec(),
            "Mo-Fr 08:30-11:30,13:30-17:00; PH off",
            json!({"appointment": {"url": "https://gab.122.gov.cn", "phone": "0535-12122", "note": "注册登记、转移登记可在交管12123 App预约办理时段。"}}),
        );
        for (si, town) in d.stations.iter().enumerate() {
            let mut items: Vec<&str> = HOUSEHOLD_AT_STATION
                .iter()
                .copied()
                .filter(|_| rng.chance(0.93))
                .collect();
            items.extend(ORDER_AT_STATION);
            // About 60 % of stations take traffic business ("1+X"); about one in ten
            // accepts passport and permit applications, as in Tianjin's figures.
            if rng.chance(0.6) {
                items.extend(TRAFFIC_AT_STATION);
            }
            if rng.chance(0.12) || si == 0 {
                items.extend(EXIT_AT_STATION);
            }
            let pos = if si == 0 {
                near(&mut rng, 0.015)
            } else {
                anywhere(&mut rng)
            };
            let hours = STATION_HOURS[rng.below(STATION_HOURS.len())];
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
                TRAFFIC_POINT.to_vec(),
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
                SELF_SERVICE.to_vec(),
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
                SELF_SERVICE.to_vec(),
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
    json!({
        "type": "FeatureCollection",
        "datum": "wgs84",
        "sample": true,
        "name": "烟台市公安政务服务网点（示例数据）",
        "note": "示例数据，非官方网点信息，仅供演示。Sample data generated by `emap sample`, not official.",
        "features": features,
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
        let text = serde_json::to_string(&outlets()).unwrap();
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
}
