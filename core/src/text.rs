//! How long a text from data may be, and the one way it is cut short.
//!
//! Data files and serde's errors can carry megabytes where a line belongs; a page or
//! a report keeps what a person can read and marks the cut with `…`.

use serde::Serialize;

/// Longest text kept in any one field, in characters: a page of text. Beyond it a
/// field is a pasted document or an attack, and would only make the page crawl.
pub const MAX_TEXT_CHARS: usize = 2000;
/// Longest id, in characters: ids go into links.
pub const MAX_ID_CHARS: usize = 200;
/// Longest report, in characters. serde quotes a whole value in its errors, and a
/// 10 MB note where a number belongs must not become a 10 MB report.
pub const MAX_MESSAGE_CHARS: usize = 400;
/// Longest id named in a report: enough to find it in the file.
pub const MAX_REPORT_ID_CHARS: usize = 80;
/// Longest value quoted in a report: enough to recognise it.
pub const MAX_QUOTE_CHARS: usize = 60;

/// Cuts `text` longer than `max` characters to its first `max - tail` and its last
/// `tail` characters, an `…` between; `Some(length before)` when it was cut.
pub fn clip(text: &mut String, max: usize, tail: usize) -> Option<usize> {
    // A character is at least a byte: short text needs no counting.
    if text.len() <= max {
        return None;
    }
    let n = text.chars().count();
    if n <= max {
        return None;
    }
    let byte = |i: usize| text.char_indices().nth(i).map_or(text.len(), |(b, _)| b);
    let (cut, end) = (byte(max - tail.min(max)), byte(n - tail.min(max)));
    text.replace_range(cut..end, "…");
    Some(n)
}

/// Most combining marks kept on one character: enough for any script's accents;
/// beyond it, marks stacked by the thousand draw over the rest of the page.
pub const MAX_MARKS: usize = 3;

/// Makes text from data harmless to show: removes the controls that reorder text
/// (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates: an override
/// reverses a name on screen) and keeps at most [`MAX_MARKS`] combining marks on a
/// character. `true` when anything was removed.
pub fn tame(text: &mut String) -> bool {
    let reorders = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    let mark = |c: char| matches!(c, '\u{0300}'..='\u{036f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}');
    if !text.chars().any(|c| reorders(c) || mark(c)) {
        return false;
    }
    let mut run = 0;
    let tamed: String = text
        .chars()
        .filter(|&c| {
            run = if mark(c) { run + 1 } else { 0 };
            !reorders(c) && run <= MAX_MARKS
        })
        .collect();
    let changed = tamed != *text;
    *text = tamed;
    changed
}

/// A text field from data made fit to show: [`tame`]d, then [`clip`]ped to
/// [`MAX_TEXT_CHARS`]. Whether it was tamed, and its length before a cut.
pub fn fit(text: &mut String) -> (bool, Option<usize>) {
    let tamed = tame(text);
    (tamed, clip(text, MAX_TEXT_CHARS, 0))
}

/// `value` as JSON, cut to [`MAX_QUOTE_CHARS`], to quote in a report.
pub fn quote(value: &(impl Serialize + ?Sized)) -> String {
    let mut text = serde_json::to_string(value).unwrap_or_default();
    clip(&mut text, MAX_QUOTE_CHARS, 0);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_left_alone() {
        let mut t = "身份证".to_owned();
        assert_eq!(clip(&mut t, 3, 0), None);
        assert_eq!(t, "身份证");
    }

    #[test]
    fn cuts_by_characters_and_keeps_the_tail() {
        let mut t = "居民身份证换领".to_owned();
        assert_eq!(clip(&mut t, 2, 0), Some(7));
        assert_eq!(t, "居民…");
        let mut t = "abcdefghij".to_owned();
        assert_eq!(clip(&mut t, 5, 2), Some(10));
        assert_eq!(t, "abc…ij");
    }

    /// Regression (issue 21): a right-to-left override reversed a name, and thousands
    /// of combining marks drew over the page.
    #[test]
    fn reordering_controls_and_piles_of_marks_are_removed() {
        let mut t = "\u{202e}所出派\u{202c}".to_owned();
        assert!(tame(&mut t));
        assert_eq!(t, "所出派");
        let mut t = format!("芝{}罘", "\u{0301}".repeat(5000));
        assert!(tame(&mut t));
        assert_eq!(t, format!("芝{}罘", "\u{0301}".repeat(MAX_MARKS)));
        let mut t = "Café Zhifu, Hà Nội".to_owned();
        assert!(!tame(&mut t), "accents of real names stay");
        assert_eq!(t, "Café Zhifu, Hà Nội");
    }

    #[test]
    fn quotes_values_as_json() {
        assert_eq!(quote("javascript:x"), "\"javascript:x\"");
        let long = quote(&"a".repeat(100));
        assert_eq!(long.chars().count(), MAX_QUOTE_CHARS + 1);
        assert!(long.starts_with("\"aaa") && long.ends_with('…'));
    }
}
