//! Where to book (预约): shared by the catalog's items and the outlets, so neither
//! loader depends on the other.

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
}

impl Booking {
    /// The outlet's channels where it has them, the item's otherwise. The notes are
    /// both kept, the item's first: an outlet's note is about the outlet (often about
    /// other items), and alone it hid what the item's said.
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
                    note: match (
                        i.and_then(|b| b.note.clone()),
                        o.and_then(|b| b.note.clone()),
                    ) {
                        (Some(a), Some(b)) if a != b => Some(format!("{a} {b}")),
                        (a, b) => a.or(b),
                    },
                })
            }
        }
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
}
