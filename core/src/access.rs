//! Access facts (无障碍与适老服务): what a resident who uses a wheelchair, cannot
//! hear well, is old or cannot come at all needs to know before setting out.
//!
//! Each fact is an outlet property, with OpenStreetMap's key where OSM has one
//! (`wheelchair`, `toilets:wheelchair`, `capacity:disabled`, `hearing_loop`) and a key
//! of this project's where it does not (`sign_language`, `priority_window`,
//! `assisted_service`, `home_service`). A value that cannot be read is reported with
//! the outlet and the key, and left out: the outlet and its other facts stay.

use crate::i18n::Lang;
use crate::text::quote;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// `wheelchair`: whether the outlet can be reached and used without steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Wheelchair {
    /// Step-free throughout (OSM's `designated` is read as this).
    Yes,
    /// Step-free to the main service area only, or with help.
    Limited,
    No,
}

impl Wheelchair {
    /// `yes`, `limited`, `no`: as files write it.
    pub fn key(self) -> &'static str {
        match self {
            Wheelchair::Yes => "yes",
            Wheelchair::Limited => "limited",
            Wheelchair::No => "no",
        }
    }

    /// Reads a value as files write it (any case; `designated` is `yes`).
    pub fn parse(text: &str) -> Option<Wheelchair> {
        match text.trim().to_ascii_lowercase().as_str() {
            "yes" | "designated" => Some(Wheelchair::Yes),
            "limited" => Some(Wheelchair::Limited),
            "no" => Some(Wheelchair::No),
            _ => None,
        }
    }
}

/// `capacity:disabled`: parking spaces for disabled drivers, counted or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DisabledParking {
    /// This many (at least 1; `0` is read as [`DisabledParking::No`]).
    Spaces(u32),
    /// Some, number not given.
    Yes,
    No,
}

/// Most disabled parking spaces believed: more is a typing slip (a phone number).
pub const MAX_DISABLED_SPACES: u64 = 1000;

/// The facts known about an outlet; each `None` when the data does not say.
/// `Default` is nothing known.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Access {
    /// `wheelchair`: step-free access.
    pub wheelchair: Option<Wheelchair>,
    /// `toilets:wheelchair`: a wheelchair-accessible toilet (无障碍卫生间).
    pub toilets_wheelchair: Option<bool>,
    /// `capacity:disabled`: disabled parking spaces (残疾人车位).
    pub disabled_parking: Option<DisabledParking>,
    /// `hearing_loop`: an induction loop at the counter (助听环路).
    pub hearing_loop: Option<bool>,
    /// `sign_language`: staff who sign, or a video sign interpreter (手语服务).
    pub sign_language: Option<bool>,
    /// `priority_window`: a window for older and disabled people who need not queue
    /// (爱心窗口、绿色通道).
    pub priority_window: Option<bool>,
    /// `assisted_service`: staff fill in and submit the application with or for the
    /// resident (帮办代办).
    pub assisted_service: Option<bool>,
    /// `home_service`: staff come to those who cannot come (上门服务: the bedridden,
    /// the very old).
    pub home_service: Option<bool>,
}

/// The property keys read, in the order [`Access::facts`] lists them.
pub const KEYS: [&str; 8] = [
    "wheelchair",
    "toilets:wheelchair",
    "capacity:disabled",
    "hearing_loop",
    "sign_language",
    "priority_window",
    "assisted_service",
    "home_service",
];

/// `yes`/`no` (any case, `true`/`false` and JSON booleans too).
fn yes_no(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "yes" | "true" => Some(true),
            "no" | "false" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

fn parking(v: &Value) -> Result<DisabledParking, String> {
    let bad = || {
        format!(
            "capacity:disabled {} is not a number of spaces (0 to {MAX_DISABLED_SPACES}), yes or no; left out",
            quote(v)
        )
    };
    let count = match v {
        Value::Number(n) => n.as_u64().ok_or_else(bad)?,
        Value::String(s)
            if s.trim().bytes().all(|b| b.is_ascii_digit()) && !s.trim().is_empty() =>
        {
            s.trim().parse().map_err(|_| bad())?
        }
        other => {
            return match yes_no(other) {
                Some(true) => Ok(DisabledParking::Yes),
                Some(false) => Ok(DisabledParking::No),
                None => Err(bad()),
            }
        }
    };
    match count {
        0 => Ok(DisabledParking::No),
        n if n <= MAX_DISABLED_SPACES => Ok(DisabledParking::Spaces(n as u32)),
        _ => Err(bad()),
    }
}

impl Access {
    /// Reads the facts from an outlet's properties (`get` gives the value of a key).
    /// A value that cannot be read is left out and told to `warn` with the key's path
    /// (`.toilets:wheelchair`) and why; `null` is the same as no value.
    pub fn read<'a>(
        get: impl Fn(&str) -> Option<&'a Value>,
        mut warn: impl FnMut(&str, String),
    ) -> Access {
        let mut a = Access::default();
        let value = |key: &str| get(key).filter(|v| !v.is_null());
        if let Some(v) = value("wheelchair") {
            a.wheelchair = v.as_str().and_then(Wheelchair::parse);
            if a.wheelchair.is_none() {
                warn(
                    ".wheelchair",
                    format!(
                        "wheelchair {} is not yes, limited or no; left out",
                        quote(v)
                    ),
                );
            }
        }
        if let Some(v) = value("capacity:disabled") {
            match parking(v) {
                Ok(p) => a.disabled_parking = Some(p),
                Err(why) => warn(".capacity:disabled", why),
            }
        }
        for (key, slot) in [
            ("toilets:wheelchair", &mut a.toilets_wheelchair),
            ("hearing_loop", &mut a.hearing_loop),
            ("sign_language", &mut a.sign_language),
            ("priority_window", &mut a.priority_window),
            ("assisted_service", &mut a.assisted_service),
            ("home_service", &mut a.home_service),
        ] {
            let Some(v) = value(key) else { continue };
            *slot = yes_no(v);
            if slot.is_none() {
                warn(
                    &format!(".{key}"),
                    format!("{key} {} is not yes or no; left out", quote(v)),
                );
            }
        }
        a
    }

    /// Reads the facts from a properties object (GeoJSON's `properties`).
    pub fn from_props(props: &Map<String, Value>, warn: impl FnMut(&str, String)) -> Access {
        Access::read(|k| props.get(k), warn)
    }

    /// Whether nothing is known.
    pub fn is_empty(&self) -> bool {
        *self == Access::default()
    }

    /// The facts as an outlets file writes them: each known one under its key
    /// (`"wheelchair": "yes"`, `"capacity:disabled": 2`, `"hearing_loop": "no"`).
    pub fn to_props(&self) -> Map<String, Value> {
        let yn = |b: bool| json!(if b { "yes" } else { "no" });
        let mut m = Map::new();
        if let Some(w) = self.wheelchair {
            m.insert("wheelchair".into(), json!(w.key()));
        }
        if let Some(t) = self.toilets_wheelchair {
            m.insert("toilets:wheelchair".into(), yn(t));
        }
        if let Some(p) = self.disabled_parking {
            let v = match p {
                DisabledParking::Spaces(n) => json!(n),
                DisabledParking::Yes => yn(true),
                DisabledParking::No => yn(false),
            };
            m.insert("capacity:disabled".into(), v);
        }
        for (key, b) in [
            ("hearing_loop", self.hearing_loop),
            ("sign_language", self.sign_language),
            ("priority_window", self.priority_window),
            ("assisted_service", self.assisted_service),
            ("home_service", self.home_service),
        ] {
            if let Some(b) = b {
                m.insert(key.into(), yn(b));
            }
        }
        m
    }

    /// Step-free: `wheelchair` is `yes` or `limited`. What a 无障碍 filter keeps.
    pub fn step_free(&self) -> bool {
        matches!(self.wheelchair, Some(Wheelchair::Yes | Wheelchair::Limited))
    }

    /// Has a priority window (爱心窗口): 长辈版 lists these outlets first.
    pub fn priority(&self) -> bool {
        self.priority_window == Some(true)
    }

    /// Short phrases for the outlet's detail, in `lang`, in the order of [`KEYS`]:
    /// what the outlet has, and the lack of step-free access (the one absence a
    /// resident must know before setting out). Other `no`s are not listed. Empty
    /// when nothing is known.
    pub fn facts(&self, lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut say = |zh: &str, en: &str| out.push(lang.pick(zh, en).to_owned());
        match self.wheelchair {
            Some(Wheelchair::Yes) => say("无障碍通道", "Step-free access"),
            Some(Wheelchair::Limited) => say("部分无障碍", "Partly step-free"),
            Some(Wheelchair::No) => say("无无障碍通道", "No step-free access"),
            None => {}
        }
        if self.toilets_wheelchair == Some(true) {
            say("无障碍卫生间", "Accessible toilet");
        }
        match self.disabled_parking {
            Some(DisabledParking::Spaces(n)) => out.push(match (lang, n) {
                (Lang::Zh, n) => format!("残疾人车位 {n} 个"),
                (Lang::En, 1) => "1 disabled parking space".to_owned(),
                (Lang::En, n) => format!("{n} disabled parking spaces"),
            }),
            Some(DisabledParking::Yes) => {
                out.push(lang.pick("残疾人车位", "Disabled parking").into())
            }
            Some(DisabledParking::No) | None => {}
        }
        let mut say = |b: Option<bool>, zh: &str, en: &str| {
            if b == Some(true) {
                out.push(lang.pick(zh, en).to_owned());
            }
        };
        say(self.hearing_loop, "助听环路", "Hearing loop");
        say(self.sign_language, "手语服务", "Sign language");
        say(
            self.priority_window,
            "爱心窗口（绿色通道）",
            "Priority window for older people",
        );
        say(self.assisted_service, "帮办代办", "Staff help you apply");
        say(
            self.home_service,
            "上门服务",
            "Home visits for those who cannot come",
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> (Access, Vec<(String, String)>) {
        let props: Map<String, Value> = serde_json::from_str(json).unwrap();
        let mut said = Vec::new();
        let a = Access::from_props(&props, |at, why| said.push((at.to_owned(), why)));
        (a, said)
    }

    #[test]
    fn reads_every_fact() {
        let (a, said) = read(
            r#"{"wheelchair":"yes","toilets:wheelchair":"yes","capacity:disabled":2,
               "hearing_loop":"no","sign_language":"yes","priority_window":"YES",
               "assisted_service":true,"home_service":"no"}"#,
        );
        assert!(said.is_empty(), "{said:?}");
        assert_eq!(
            a,
            Access {
                wheelchair: Some(Wheelchair::Yes),
                toilets_wheelchair: Some(true),
                disabled_parking: Some(DisabledParking::Spaces(2)),
                hearing_loop: Some(false),
                sign_language: Some(true),
                priority_window: Some(true),
                assisted_service: Some(true),
                home_service: Some(false),
            }
        );
    }

    #[test]
    fn lenient_forms_of_good_values() {
        let (a, said) = read(
            r#"{"wheelchair":" Designated ","capacity:disabled":"3","toilets:wheelchair":null}"#,
        );
        assert!(said.is_empty(), "{said:?}");
        assert_eq!(a.wheelchair, Some(Wheelchair::Yes));
        assert_eq!(a.disabled_parking, Some(DisabledParking::Spaces(3)));
        assert_eq!(a.toilets_wheelchair, None);
        for (v, p) in [
            ("0", DisabledParking::No),
            ("\"yes\"", DisabledParking::Yes),
            ("\"no\"", DisabledParking::No),
        ] {
            let (a, said) = read(&format!(r#"{{"capacity:disabled":{v}}}"#));
            assert!(said.is_empty());
            assert_eq!(a.disabled_parking, Some(p), "{v}");
        }
        assert!(read("{}").0.is_empty());
    }

    #[test]
    fn bad_values_are_named_with_their_key_and_left_out() {
        let (a, said) = read(
            r#"{"wheelchair":"有","toilets:wheelchair":"limited","capacity:disabled":-1,
               "hearing_loop":1,"sign_language":"yes","priority_window":["yes"]}"#,
        );
        assert_eq!(a.wheelchair, None);
        assert_eq!(a.toilets_wheelchair, None);
        assert_eq!(a.disabled_parking, None);
        assert_eq!(a.sign_language, Some(true), "the good fact stays");
        let at: Vec<&str> = said.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(
            at,
            [
                ".wheelchair",
                ".capacity:disabled",
                ".toilets:wheelchair",
                ".hearing_loop",
                ".priority_window"
            ]
        );
        assert_eq!(
            said[0].1,
            "wheelchair \"有\" is not yes, limited or no; left out"
        );
        assert!(said[1]
            .1
            .starts_with("capacity:disabled -1 is not a number of spaces"));
        assert_eq!(
            said[2].1,
            "toilets:wheelchair \"limited\" is not yes or no; left out"
        );
        let (a, said) = read(r#"{"capacity:disabled":"88888888"}"#);
        assert_eq!((a.disabled_parking, said.len()), (None, 1));
        let (_, said) = read(r#"{"capacity:disabled":2.5}"#);
        assert_eq!(said.len(), 1);
    }

    #[test]
    fn facts_in_both_languages() {
        let a = Access {
            wheelchair: Some(Wheelchair::Yes),
            toilets_wheelchair: Some(true),
            disabled_parking: Some(DisabledParking::Spaces(2)),
            hearing_loop: Some(true),
            sign_language: Some(true),
            priority_window: Some(true),
            assisted_service: Some(true),
            home_service: Some(true),
        };
        assert_eq!(
            a.facts(Lang::Zh),
            [
                "无障碍通道",
                "无障碍卫生间",
                "残疾人车位 2 个",
                "助听环路",
                "手语服务",
                "爱心窗口（绿色通道）",
                "帮办代办",
                "上门服务"
            ]
        );
        assert_eq!(
            a.facts(Lang::En),
            [
                "Step-free access",
                "Accessible toilet",
                "2 disabled parking spaces",
                "Hearing loop",
                "Sign language",
                "Priority window for older people",
                "Staff help you apply",
                "Home visits for those who cannot come"
            ]
        );
        let limited = Access {
            wheelchair: Some(Wheelchair::Limited),
            disabled_parking: Some(DisabledParking::Spaces(1)),
            hearing_loop: Some(false),
            ..Access::default()
        };
        assert_eq!(limited.facts(Lang::Zh), ["部分无障碍", "残疾人车位 1 个"]);
        assert_eq!(
            limited.facts(Lang::En),
            ["Partly step-free", "1 disabled parking space"]
        );
        let none = Access {
            wheelchair: Some(Wheelchair::No),
            toilets_wheelchair: Some(false),
            disabled_parking: Some(DisabledParking::No),
            ..Access::default()
        };
        assert_eq!(none.facts(Lang::Zh), ["无无障碍通道"]);
        assert_eq!(none.facts(Lang::En), ["No step-free access"]);
        let parking = Access {
            disabled_parking: Some(DisabledParking::Yes),
            ..Access::default()
        };
        assert_eq!(parking.facts(Lang::Zh), ["残疾人车位"]);
        assert_eq!(parking.facts(Lang::En), ["Disabled parking"]);
        assert!(Access::default().facts(Lang::Zh).is_empty());
    }

    #[test]
    fn step_free_and_priority() {
        let with = |w: Option<Wheelchair>| Access {
            wheelchair: w,
            ..Access::default()
        };
        assert!(with(Some(Wheelchair::Yes)).step_free());
        assert!(with(Some(Wheelchair::Limited)).step_free());
        assert!(!with(Some(Wheelchair::No)).step_free());
        assert!(!with(None).step_free());
        let mut a = Access::default();
        assert!(!a.priority());
        a.priority_window = Some(false);
        assert!(!a.priority());
        a.priority_window = Some(true);
        assert!(a.priority());
    }

    #[test]
    fn written_back_as_read() {
        let (a, _) = read(
            r#"{"wheelchair":"limited","toilets:wheelchair":"no","capacity:disabled":"yes",
               "hearing_loop":"yes","home_service":"yes"}"#,
        );
        let props = a.to_props();
        assert_eq!(props["wheelchair"], "limited");
        assert_eq!(props["capacity:disabled"], "yes");
        let (b, said) = read(&Value::Object(props).to_string());
        assert!(said.is_empty());
        assert_eq!(a, b);
        let counted = Access {
            disabled_parking: Some(DisabledParking::Spaces(4)),
            ..Access::default()
        };
        assert_eq!(counted.to_props()["capacity:disabled"], 4);
    }
}
