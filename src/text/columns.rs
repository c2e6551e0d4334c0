//! Text in columns: safe, width-aware truncation and padding, and compact numbers.

use unicode_width::UnicodeWidthStr;

/// Untrusted text made inert and cut to `width` display columns, ending in `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    super::fitted(text, width)
}

/// `text` padded with spaces (or cut) to exactly `width` columns.
pub fn pad(text: &str, width: usize) -> String {
    let mut s = fit(text, width);
    let w = s.width();
    s.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    s
}

/// Right-aligned to `width` columns.
pub fn pad_left(text: &str, width: usize) -> String {
    let s = fit(text, width);
    let w = s.width();
    format!("{}{s}", " ".repeat(width.saturating_sub(w)))
}

/// How long ago, compactly: "today", "3d", "5w", "4mo", "2y".
pub fn compact_age(days: i64) -> String {
    match days {
        i64::MIN..=0 => "today".into(),
        1..=13 => format!("{days}d"),
        14..=59 => format!("{}w", days / 7),
        60..=729 => format!("{}mo", days * 12 / 365),
        _ => format!("{}y", days / 365),
    }
}

/// A count with thousands separators: 12,345.
pub fn thousands(n: usize) -> String {
    super::group_thousands(&n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_by_display_width_and_neutralises() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("張偉張偉", 5), "張偉…");
        assert_eq!(fit("a\u{1b}[2J", 10), "a␛[2J");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad_left("7", 3), "  7");
    }

    #[test]
    fn compact_numbers() {
        assert_eq!(compact_age(0), "today");
        assert_eq!(compact_age(3), "3d");
        assert_eq!(compact_age(20), "2w");
        assert_eq!(compact_age(400), "13mo");
        assert_eq!(compact_age(800), "2y");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
