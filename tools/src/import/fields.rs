//! Which column or tag is which outlet field, and each field's value as the outlets file
//! wants it.

use emap_core::OutletKind;
use serde_json::{json, Map, Value};

/// A field of the outlets file that `--map FIELD=COLUMN` may name, the property it is
/// written as, and the column names and OSM tags it is guessed from (compared without
/// case, spaces, `_`, `-` or `:`), best first.
pub struct Field {
    pub name: &'static str,
    pub property: &'static str,
    guesses: &'static [&'static str],
}

#[rustfmt::skip]
pub const FIELDS: &[Field] = &[
    Field {
        name: "id",
        property: "id",
        guesses: &["id", "编号", "网点编号", "网点id", "code", "@id"],
    },
    Field {
        name: "name",
        property: "name",
        guesses: &[
            "name",
            "名称",
            "网点名称",
            "单位名称",
            "机构名称",
            "网点",
            "title",
            "name:zh",
            "official_name",
        ],
    },
    Field {
        name: "name:en",
        property: "name:en",
        guesses: &["name:en", "英文名称", "englishname", "name_en"],
    },
    Field {
        name: "kind",
        property: "kind",
        guesses: &["kind", "类型", "网点类型", "类别"],
    },
    Field {
        name: "address",
        property: "addr:full",
        guesses: &[
            "address",
            "addr:full",
            "地址",
            "详细地址",
            "办公地址",
            "addr",
        ],
    },
    Field {
        name: "district",
        property: "addr:district",
        guesses: &[
            "district",
            "addr:district",
            "区县",
            "所属区县",
            "辖区",
            "区域",
            "行政区",
        ],
    },
    Field {
        name: "addr:province",
        property: "addr:province",
        guesses: &["addr:province", "省", "省份"],
    },
    Field {
        name: "addr:city",
        property: "addr:city",
        guesses: &["addr:city", "city", "市", "城市"],
    },
    Field {
        name: "addr:street",
        property: "addr:street",
        guesses: &["addr:street", "街道", "street"],
    },
    Field {
        name: "addr:housenumber",
        property: "addr:housenumber",
        guesses: &["addr:housenumber", "门牌号", "housenumber"],
    },
    Field {
        name: "phone",
        property: "phone",
        guesses: &[
            "phone",
            "电话",
            "联系电话",
            "咨询电话",
            "办公电话",
            "tel",
            "telephone",
            "contact:phone",
        ],
    },
    Field {
        name: "website",
        property: "website",
        guesses: &["website", "网址", "url", "contact:website"],
    },
    Field {
        name: "opening_hours",
        property: "opening_hours",
        guesses: &[
            "opening_hours",
            "办公时间",
            "营业时间",
            "工作时间",
            "开放时间",
            "hours",
        ],
    },
    Field {
        name: "wheelchair",
        property: "wheelchair",
        guesses: &["wheelchair", "无障碍"],
    },
    Field {
        name: "items",
        property: "items",
        guesses: &["items", "事项", "事项编号"],
    },
    Field {
        name: "notice",
        property: "notice",
        guesses: &["notice", "公告", "提示"],
    },
    Field {
        name: "appointment",
        property: "appointment",
        guesses: &["appointment"],
    },
    Field {
        name: "appointment:url",
        property: "appointment:url",
        guesses: &["appointment:url", "预约网址", "预约链接"],
    },
    Field {
        name: "appointment:phone",
        property: "appointment:phone",
        guesses: &["appointment:phone", "预约电话"],
    },
    Field {
        name: "appointment:mini_program",
        property: "appointment:mini_program",
        guesses: &["appointment:mini_program", "预约小程序"],
    },
    Field {
        name: "appointment:note",
        property: "appointment:note",
        guesses: &["appointment:note", "预约说明"],
    },
    Field {
        name: "lng",
        property: "",
        guesses: &["lng", "lon", "longitude", "经度", "东经", "x", "long"],
    },
    Field {
        name: "lat",
        property: "",
        guesses: &["lat", "latitude", "纬度", "北纬", "y"],
    },
    Field {
        name: "location",
        property: "",
        guesses: &["location", "坐标", "lnglat", "经纬度", "coordinates"],
    },
];

/// OSM tags read only to guess a kind.
pub const KIND_TAGS: &[&str] = &["amenity", "office", "police", "government"];

fn squash(name: &str) -> String {
    name.trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | ':' | '：'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a column is guessed to be, with its rank among that field's names.
pub fn guess(column: &str) -> Option<(usize, usize)> {
    let column = squash(column);
    FIELDS.iter().enumerate().find_map(|(f, field)| {
        field
            .guesses
            .iter()
            .position(|g| squash(g) == column)
            .map(|rank| (f, rank))
    })
}

pub fn field(name: &str) -> Option<usize> {
    FIELDS.iter().position(|f| f.name == name)
}

/// A cell or member as text: trimmed, empty as nothing; numbers as written.
pub fn text(v: &Value) -> Option<String> {
    let t = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => number_text(n),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    (!t.is_empty()).then_some(t)
}

/// `13800138000`, not `13800138000.0` or `1.3800138e10`.
fn number_text(n: &serde_json::Number) -> String {
    match n.as_f64() {
        Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        _ => n.to_string(),
    }
}

pub fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// What a value became, when it was written differently, for the report's counts.
pub enum Fixed {
    No,
    NumberAsText,
    ListFromText,
    Wheelchair,
}

/// A value in the type the outlets file wants for `property`.
pub fn value(property: &str, v: &Value) -> (Value, Fixed) {
    match property {
        "items" => match v {
            Value::String(s) => (
                Value::Array(
                    s.split([';', '；', ',', '，', '、', '|'])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(|s| json!(s))
                        .collect(),
                ),
                Fixed::ListFromText,
            ),
            other => (other.clone(), Fixed::No),
        },
        "wheelchair" => {
            let t = text(v).unwrap_or_default();
            let w = match t.to_lowercase().as_str() {
                "是" | "有" | "yes" | "true" | "y" => "yes",
                "否" | "无" | "没有" | "no" | "false" | "n" => "no",
                "部分" | "limited" => "limited",
                _ => return (v.clone(), Fixed::No),
            };
            let fixed = if t == w { Fixed::No } else { Fixed::Wheelchair };
            (json!(w), fixed)
        }
        "appointment" => (v.clone(), Fixed::No),
        _ => match v {
            Value::Number(_) => (json!(text(v)), Fixed::NumberAsText),
            Value::String(s) => (json!(s.trim()), Fixed::No),
            other => (other.clone(), Fixed::No),
        },
    }
}

/// A coordinate written as a number or as text (`"37.46"`, `"37.46°"`).
pub fn coordinate(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().trim_end_matches('°').trim().parse().ok(),
        _ => None,
    }
    .filter(|f| f.is_finite())
}

/// `[lng, lat]`, `"lng,lat"` (Amap, Tencent), or `{"lat": …, "lng"|"lon": …}`.
pub fn location(v: &Value) -> Result<(f64, f64), String> {
    let pair = match v {
        Value::String(s) => {
            let parts: Vec<&str> = s
                .split([',', '，', ' ', ';'])
                .filter(|p| !p.is_empty())
                .collect();
            match parts[..] {
                [a, b] => (coordinate(&json!(a)), coordinate(&json!(b))),
                _ => (None, None),
            }
        }
        Value::Array(a) if a.len() == 2 => (coordinate(&a[0]), coordinate(&a[1])),
        Value::Object(o) => {
            let get = |keys: &[&str]| keys.iter().find_map(|k| o.get(*k)).and_then(coordinate);
            (get(&["lng", "lon", "longitude"]), get(&["lat", "latitude"]))
        }
        _ => (None, None),
    };
    match pair {
        (Some(lng), Some(lat)) => checked(lng, lat),
        _ => Err(format!(
            "location {} is not \"longitude,latitude\", [longitude, latitude] or {{\"lat\", \"lng\"}}",
            short(v)
        )),
    }
}

/// A position that is on the Earth and not an empty cell read as 0.
pub fn checked(lng: f64, lat: f64) -> Result<(f64, f64), String> {
    if lng == 0.0 && lat == 0.0 {
        return Err("longitude and latitude are both 0 (empty cells exported as 0?)".into());
    }
    if !(-90.0..=90.0).contains(&lat) {
        let swapped = (-90.0..=90.0).contains(&lng) && (-180.0..=180.0).contains(&lat);
        return Err(format!(
            "latitude {lat} is out of range (-90 to 90){}",
            if swapped {
                "; are longitude and latitude swapped?"
            } else {
                ""
            }
        ));
    }
    if !(-180.0..=180.0).contains(&lng) {
        return Err(format!("longitude {lng} is out of range (-180 to 180)"));
    }
    Ok((lng, lat))
}

/// A value for a report, at most 60 characters.
pub fn short(v: &Value) -> String {
    let t = match v {
        Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    };
    if t.chars().count() > 60 {
        t.chars().take(59).collect::<String>() + "…"
    } else {
        t
    }
}

/// The kind a name or a written kind suggests, with the word that says so: the
/// app's loader's own rule.
pub fn kind_from_words(text: &str) -> Option<(OutletKind, &'static str)> {
    OutletKind::in_name(text)
}

/// A kind written as text (`派出所`, `Police`): the kind, or `None` when it is already a
/// key or means nothing known.
pub fn kind_from_text(written: &str) -> Option<OutletKind> {
    if OutletKind::parse(written).is_some() {
        return None;
    }
    let lower = written.trim().to_lowercase();
    OutletKind::ALL
        .into_iter()
        .find(|k| k.label_zh() == written.trim() || k.key().replace('_', " ") == lower)
        .or_else(|| kind_from_words(written).map(|(k, _)| k))
        .or_else(|| {
            lower
                .contains("police")
                .then_some(OutletKind::PoliceStation)
        })
}

/// The kind OSM tags say: `amenity=police`, `office=government`.
pub fn kind_from_tags(tags: &Map<String, Value>) -> Option<(OutletKind, &'static str)> {
    let tag = |k: &str| tags.get(k).and_then(Value::as_str);
    if tag("amenity") == Some("police") {
        return Some((OutletKind::PoliceStation, "amenity=police"));
    }
    if tag("office") == Some("government") {
        return Some((OutletKind::ServiceHall, "office=government"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_guessed_in_chinese_and_english() {
        for (column, name) in [
            ("网点名称", "name"),
            ("Name", "name"),
            ("联系电话", "phone"),
            ("经度", "lng"),
            ("LATITUDE", "lat"),
            ("营业时间", "opening_hours"),
            ("name_en", "name:en"),
        ] {
            assert_eq!(FIELDS[guess(column).unwrap().0].name, name, "{column}");
        }
        assert!(guess("备注").is_none());
    }

    #[test]
    fn kinds_from_names_take_the_last_word() {
        assert_eq!(
            kind_from_words("芝罘派出所自助服务区").unwrap().0,
            OutletKind::SelfService
        );
        assert_eq!(
            kind_from_words("烟台市公安局交警支队车管所").unwrap().0,
            OutletKind::VehicleAdmin
        );
        assert_eq!(kind_from_text("派出所"), Some(OutletKind::PoliceStation));
        assert_eq!(kind_from_text("police_station"), None);
    }

    #[test]
    fn locations_in_every_shape() {
        assert_eq!(location(&json!("121.4,37.5")), Ok((121.4, 37.5)));
        assert_eq!(location(&json!([121.4, 37.5])), Ok((121.4, 37.5)));
        assert_eq!(
            location(&json!({"lat": "37.5", "lng": 121.4})),
            Ok((121.4, 37.5))
        );
        assert!(location(&json!([37.5, 121.4]))
            .unwrap_err()
            .contains("swapped"));
    }
}
