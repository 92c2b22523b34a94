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

    #[test]
    fn quotes_values_as_json() {
        assert_eq!(quote("javascript:x"), "\"javascript:x\"");
        let long = quote(&"a".repeat(100));
        assert_eq!(long.chars().count(), MAX_QUOTE_CHARS + 1);
        assert!(long.starts_with("\"aaa") && long.ends_with('…'));
    }
}
