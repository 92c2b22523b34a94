//! The two languages of the UI. Chinese is the source; English covers every UI
//! string, and names where the data has `name:en`.

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// `zh`, `zh-CN`, `en`, `en-US`…; anything else is not a language we have.
    pub fn parse(text: &str) -> Option<Lang> {
        let t = text.trim().to_ascii_lowercase();
        if t == "zh" || t.starts_with("zh-") {
            Some(Lang::Zh)
        } else if t == "en" || t.starts_with("en-") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The short key used in `?lang=` and on the device.
    pub fn key(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Picks the text for this language.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// A name in this language: the English one where the data has it.
    pub fn name<'a>(self, zh: &'a str, en: Option<&'a str>) -> &'a str {
        match (self, en) {
            (Lang::En, Some(en)) if !en.trim().is_empty() => en,
            _ => zh,
        }
    }
}

/// English names of China's public holidays as holiday-cn files name them.
pub fn holiday_name(lang: Lang, zh: &str) -> String {
    if lang == Lang::Zh {
        return zh.to_owned();
    }
    let en = |n: &str| match n {
        "元旦" => Some("New Year's Day"),
        "春节" => Some("Spring Festival"),
        "清明节" => Some("Qingming Festival"),
        "劳动节" => Some("Labour Day"),
        "端午节" => Some("Dragon Boat Festival"),
        "中秋节" => Some("Mid-Autumn Festival"),
        "国庆节" => Some("National Day"),
        _ => None,
    };
    let parts: Vec<Option<&str>> = zh.split('、').map(en).collect();
    if parts.iter().all(Option::is_some) {
        parts
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" and ")
    } else {
        zh.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_and_names() {
        assert_eq!(Lang::parse("en-US"), Some(Lang::En));
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::En.name("护照", Some("Passport")), "Passport");
        assert_eq!(Lang::En.name("派出所", None), "派出所");
        assert_eq!(Lang::Zh.name("护照", Some("Passport")), "护照");
        assert_eq!(
            holiday_name(Lang::En, "国庆节、中秋节"),
            "National Day and Mid-Autumn Festival"
        );
        assert_eq!(holiday_name(Lang::En, "某节"), "某节");
    }
}
