//! Where to book (预约): shared by the catalog's items and the outlets, so neither
//! loader depends on the other.

use crate::i18n::{Lang, Shown};
use serde::{Deserialize, Serialize};

/// How to book: an item's general channels, or an outlet's own, which override them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Booking {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// A WeChat/Alipay mini-program or app by the name residents search for.
    #[serde(default)]
    pub mini_program: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// The note in English (`note:en`), shown on English pages.
    #[serde(rename = "note:en", default, skip_serializing_if = "Option::is_none")]
    pub note_en: Option<String>,
}

impl Booking {
    /// The note in `lang`, or in Chinese where it has no English twin (`Shown::lang`
    /// says which); `None` without a note.
    pub fn note(&self, lang: Lang) -> Option<Shown<'_, str>> {
        lang.shown(self.note.as_deref(), self.note_en.as_deref())
    }

    /// The outlet's channels where it has them, the item's otherwise. The notes are
    /// both kept, the item's first: an outlet's note is about the outlet (often about
    /// other items), and alone it hid what the item's said. The English note is
    /// joined the same way, but only when every note given has its English twin: half
    /// of the advice in English would read as all of it, so otherwise an English page
    /// shows the Chinese notes, marked as Chinese.
    pub fn overriding(outlet: Option<&Booking>, item: Option<&Booking>) -> Option<Booking> {
        match (outlet, item) {
            (None, None) => None,
            (o, i) => {
                let pick = |f: fn(&Booking) -> &Option<String>| {
                    o.and_then(|b| f(b).clone())
                        .or_else(|| i.and_then(|b| f(b).clone()))
                };
                Some(Booking {
                    url: pick(|b| &b.url),
                    phone: pick(|b| &b.phone),
                    mini_program: pick(|b| &b.mini_program),
                    note: join(
                        i.and_then(|b| b.note.clone()),
                        o.and_then(|b| b.note.clone()),
                    ),
                    note_en: {
                        let english = |b: Option<&Booking>| match b {
                            Some(b) if b.note.is_some() => b.note_en.clone().map(Some),
                            _ => Some(None),
                        };
                        match (english(i), english(o)) {
                            (Some(a), Some(b)) => join(a, b),
                            _ => None,
                        }
                    },
                })
            }
        }
    }
}

/// Two notes as one, the first first; one said twice is said once.
fn join(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) if a != b => Some(format!("{a} {b}")),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (third review): at the vehicle office the guide for the points-reset
    /// exam showed only the office's note about registrations, not the item's own.
    #[test]
    fn booking_keeps_the_items_note_beside_the_outlets() {
        let note = |n: &str| Booking {
            note: Some(n.into()),
            ..Default::default()
        };
        let b = Booking::overriding(
            Some(&note("注册登记可在12123预约。")),
            Some(&note("满分学习须先预约考试。")),
        )
        .unwrap();
        assert_eq!(
            b.note.as_deref(),
            Some("满分学习须先预约考试。 注册登记可在12123预约。")
        );
        let same = Booking::overriding(Some(&note("x")), Some(&note("x"))).unwrap();
        assert_eq!(same.note.as_deref(), Some("x"));
    }

    /// An English page shows the notes in English only when each has its twin.
    #[test]
    fn english_notes_are_joined_only_when_every_note_has_one() {
        let note = |zh: &str, en: Option<&str>| Booking {
            note: Some(zh.into()),
            note_en: en.map(Into::into),
            ..Default::default()
        };
        let item = note("须先预约考试。", Some("Book the exam first."));
        let both = Booking::overriding(
            Some(&note("周六不受理。", Some("Closed on Saturdays."))),
            Some(&item),
        )
        .unwrap();
        let shown = both.note(Lang::En).unwrap();
        assert_eq!(
            (shown.text, shown.lang_attr(Lang::En)),
            ("Book the exam first. Closed on Saturdays.", None)
        );
        let mixed = Booking::overriding(Some(&note("周六不受理。", None)), Some(&item)).unwrap();
        let shown = mixed.note(Lang::En).unwrap();
        assert_eq!(
            (shown.text, shown.lang_attr(Lang::En)),
            ("须先预约考试。 周六不受理。", Some("zh-CN"))
        );
        // An outlet's booking without a note keeps the item's English one.
        let phone_only = Booking {
            phone: Some("0535-1".into()),
            ..Default::default()
        };
        let kept = Booking::overriding(Some(&phone_only), Some(&item)).unwrap();
        assert_eq!(kept.note(Lang::En).unwrap().text, "Book the exam first.");
        assert_eq!(kept.note(Lang::Zh).unwrap().text, "须先预约考试。");
        assert_eq!(Booking::default().note(Lang::En), None);
    }
}
