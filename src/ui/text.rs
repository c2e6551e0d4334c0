//! Small text helpers for drawing: safe, width-aware truncation and compact numbers.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::domain::signals::SERIES_MONTHS;

/// Untrusted text made inert and cut to `width` display columns, ending in `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    let safe = crate::text::inert(text);
    if safe.width() <= width {
        return safe.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in safe.graphemes(true) {
        let w = g.width();
        if used + w > width - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
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
    crate::domain::money::group_thousands(&n.to_string())
}

const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Monthly values (0–100) as block characters; a month without answers is `·`.
pub fn sparkline(values: &[Option<f64>; SERIES_MONTHS]) -> String {
    values
        .iter()
        .map(|v| match v {
            Some(v) => BLOCKS[((v.clamp(0.0, 100.0) / 100.0) * 7.0).round() as usize],
            None => '·',
        })
        .collect()
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
        let mut v = [None; SERIES_MONTHS];
        v[0] = Some(0.0);
        v[11] = Some(100.0);
        assert_eq!(sparkline(&v), "▁··········█");
    }
}
