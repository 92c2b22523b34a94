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

/// A text from the data as shown on a page: the twin in the page's language where
/// the data has one, otherwise the other (almost always the Chinese source). `lang`
/// says which one it is, so the UI can mark a fallback `lang="zh-CN"` (screen readers
/// then read it as Chinese, and browsers pick a Chinese font): see [`Shown::lang_attr`].
///
/// A struct rather than `(text, is_english)`: the call sites read `shown.text`, and
/// the rare Chinese page showing an English-only value is told apart too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown<'a, T: ?Sized> {
    pub text: &'a T,
    /// The language `text` is written in.
    pub lang: Lang,
}

impl<'a, T: ?Sized> Shown<'a, T> {
    /// The `lang` attribute its element needs on a page in `page`: `None` when it is in
    /// the page's language, `Some("zh-CN")` for the Chinese shown on an English page.
    pub fn lang_attr(&self, page: Lang) -> Option<&'static str> {
        (self.lang != page).then(|| self.lang.tag())
    }

    /// The Chinese source shown in place of a missing English twin.
    pub fn is_fallback(&self, page: Lang) -> bool {
        self.lang != page
    }
}

impl Lang {
    /// A text with an optional English twin, in this language where the data has it,
    /// else in the other; `None` when neither is given (or both are blank).
    pub fn shown<'a>(self, zh: Option<&'a str>, en: Option<&'a str>) -> Option<Shown<'a, str>> {
        let zh = zh.filter(|t| !t.trim().is_empty()).map(|text| Shown {
            text,
            lang: Lang::Zh,
        });
        let en = en.filter(|t| !t.trim().is_empty()).map(|text| Shown {
            text,
            lang: Lang::En,
        });
        match self {
            Lang::Zh => zh.or(en),
            Lang::En => en.or(zh),
        }
    }

    /// A list with an optional English twin of the same length (the loaders drop one
    /// of another length), chosen as [`Lang::shown`] chooses a text; an empty list is
    /// a missing one.
    pub fn shown_list<'a>(self, zh: &'a [String], en: &'a [String]) -> Shown<'a, [String]> {
        let (zh, en) = (
            Shown {
                text: zh,
                lang: Lang::Zh,
            },
            Shown {
                text: en,
                lang: Lang::En,
            },
        );
        match self {
            Lang::Zh if !zh.text.is_empty() || en.text.is_empty() => zh,
            Lang::En if en.text.is_empty() => zh,
            _ => en,
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

    /// What an English page shows of a text with or without its twin, and how it
    /// marks the Chinese it falls back to.
    #[test]
    fn shown_texts_fall_back_to_chinese_and_say_so() {
        let fee = Lang::En.shown(Some("免费"), Some("Free")).unwrap();
        assert_eq!((fee.text, fee.lang_attr(Lang::En)), ("Free", None));
        let fee = Lang::En.shown(Some("20元"), None).unwrap();
        assert_eq!((fee.text, fee.lang_attr(Lang::En)), ("20元", Some("zh-CN")));
        assert!(fee.is_fallback(Lang::En));
        let blank = Lang::En.shown(Some("20元"), Some("  ")).unwrap();
        assert_eq!(blank.text, "20元");
        let zh = Lang::Zh.shown(Some("免费"), Some("Free")).unwrap();
        assert_eq!((zh.text, zh.lang_attr(Lang::Zh)), ("免费", None));
        assert_eq!(Lang::En.shown(None, None), None);
        let list = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let (zh, en) = (list(&["居民户口簿"]), list(&["Household register"]));
        assert_eq!(Lang::En.shown_list(&zh, &en).text, en);
        assert_eq!(Lang::Zh.shown_list(&zh, &en).text, zh);
        let only_zh = Lang::En.shown_list(&zh, &[]);
        assert_eq!(
            (only_zh.text, only_zh.lang_attr(Lang::En)),
            (&zh[..], Some("zh-CN"))
        );
    }
}
