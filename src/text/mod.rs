//! Making untrusted text safe to show in a terminal.
//!
//! Text from the database or a file may hold escape sequences, C1 controls, bidi
//! overrides or zero-width characters. Drawn raw, they could move the cursor, recolour or
//! retitle the terminal, reorder a line or break the table borders. [`inert`] turns every
//! such character into a visible, harmless form; ordinary text comes back borrowed.

pub mod columns;
pub mod wrap;

use std::borrow::Cow;

/// How a character is shown when it is not safe to draw as is.
enum Shown {
    Keep,
    Drop,
    Replace(char),
    Escape,
}

fn classify(c: char) -> Shown {
    match c {
        // A tab or line break in a one-line cell is shown as a space.
        '\t' | '\n' | '\r' => Shown::Replace(' '),
        // C0 controls as the matching "control picture" (␛ for ESC), DEL as ␡.
        '\u{0}'..='\u{1f}' => Shown::Replace(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
        '\u{7f}' => Shown::Replace('␡'),
        // C1 controls (CSI, OSC, ST, …) have no picture: write them as \u{9b}.
        '\u{80}'..='\u{9f}' => Shown::Escape,
        // Bidi embeddings, overrides, isolates and marks would reorder the line.
        '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}' => Shown::Escape,
        // Zero-width and joining characters make the drawn width disagree between
        // terminals; dropping them keeps every border where it belongs.
        '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{fe00}'..='\u{fe0f}' | '\u{ad}' => {
            Shown::Drop
        }
        // Line and paragraph separators, interlinear annotations, private-use leftovers.
        '\u{2028}' | '\u{2029}' | '\u{fff9}'..='\u{fffb}' => Shown::Replace(' '),
        _ => Shown::Keep,
    }
}

/// `text` with every control, bidi-override and zero-width character made harmless.
pub fn inert(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| matches!(classify(c), Shown::Keep)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match classify(c) {
            Shown::Keep => out.push(c),
            Shown::Drop => {}
            Shown::Replace(r) => out.push(r),
            Shown::Escape => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// Like [`inert`], but keeps line breaks, for multi-line text such as notes.
pub fn inert_multiline(text: &str) -> String {
    text.split('\n').map(|line| inert(line.trim_end_matches('\r')).into_owned()).collect::<Vec<_>>().join("\n")
}

/// Appends `text` to `buf`, made inert and cut with `…` to at most `max` terminal columns
/// (CJK and most emoji take two); returns the width appended.
pub fn push_fitted(buf: &mut String, text: &str, max: usize) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    let safe = inert(text);
    let width = safe.width();
    if width <= max {
        buf.push_str(&safe);
        return width;
    }
    if max == 0 {
        return 0;
    }
    let mut used = 0;
    for g in safe.graphemes(true) {
        let w = g.width();
        if used + w > max - 1 {
            break;
        }
        used += w;
        buf.push_str(g);
    }
    buf.push('…');
    used + 1
}

/// `text` cut to at most `max` characters (the last one `…`), for messages that quote
/// what a person or a file gave: a 5,000-character cell must not make a 5,000-character
/// message.
pub fn capped(text: &str, max: usize) -> Cow<'_, str> {
    if text.chars().count() <= max {
        return Cow::Borrowed(text);
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    Cow::Owned(out)
}

/// `text` made inert and cut to `max` terminal columns, as a new string.
pub fn fitted(text: &str, max: usize) -> String {
    let mut buf = String::new();
    push_fitted(&mut buf, text, max);
    buf
}

/// Text in one case for comparing names: every letter lower-cased, not only A–Z.
pub fn fold(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).collect()
}

/// Appends `c` lower-cased and, for a Latin letter, without its accent ("É" → "e", "ß" →
/// "ss", "Ł" → "l"): for matching words people write with or without accents.
pub fn push_plain_lower(out: &mut String, c: char) {
    const PLAIN: [(&str, &str); 14] = [
        ("àáâãäåāăą", "a"),
        ("çćĉċč", "c"),
        ("ďđ", "d"),
        ("èéêëēĕėęě", "e"),
        ("ĝğġģ", "g"),
        ("ìíîïĩīĭįı", "i"),
        ("ĺļľŀł", "l"),
        ("ñńņňŉ", "n"),
        ("òóôõöøōŏő", "o"),
        ("ŕŗř", "r"),
        ("śŝşšș", "s"),
        ("ţťŧț", "t"),
        ("ùúûüũūŭůűų", "u"),
        ("ýÿŷźżž", "yyyzzz"),
    ];
    let lower: char = c.to_lowercase().next().unwrap_or(c);
    let special = match lower {
        'ß' => Some("ss"),
        'æ' => Some("ae"),
        'œ' => Some("oe"),
        'þ' => Some("th"),
        _ => None,
    };
    if let Some(text) = special {
        out.push_str(text);
        return;
    }
    for (accented, plain) in PLAIN {
        if let Some(i) = accented.chars().position(|a| a == lower) {
            let base = if plain.len() == 1 { plain.chars().next() } else { plain.chars().nth(i) };
            out.push(base.unwrap_or(lower));
            return;
        }
    }
    out.push(lower);
}

/// Orders two texts as their [`fold`]s, without building them.
pub fn fold_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.chars().flat_map(char::to_lowercase).cmp(b.chars().flat_map(char::to_lowercase))
}

/// Block characters from lowest to highest.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One bar per value on a 0–100 scale; `gap` stands for a month without answers.
pub fn sparkline(series: &[Option<f64>], gap: char) -> String {
    series
        .iter()
        .map(|v| match v {
            Some(v) => BARS[((v.clamp(0.0, 100.0) / 100.0) * 7.0).round() as usize],
            None => gap,
        })
        .collect()
}

/// Puts a comma between each group of three digits: `1234567` → `1,234,567`.
pub fn group_thousands(digits: &str) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(inert("Zoë Ünal 張偉 👩‍🔬"), Cow::Owned(_)));
        assert!(matches!(inert("Zoë Ünal 張偉"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_and_controls_become_visible() {
        assert_eq!(inert("a\u{1b}[31mred"), "a␛[31mred");
        assert_eq!(inert("bell\u{7}"), "bell␇");
        assert_eq!(inert("csi\u{9b}2J"), "csi\\u{9b}2J");
        assert_eq!(inert("x\u{7f}"), "x␡");
        assert_eq!(inert("tab\there"), "tab here");
    }

    #[test]
    fn bidi_and_zero_width_are_neutralised() {
        assert_eq!(inert("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(inert("a\u{2067}b"), "a\\u{2067}b");
        assert_eq!(inert("zero\u{200b}width"), "zerowidth");
        assert_eq!(inert("👩\u{200d}🔬"), "👩🔬");
        assert_eq!(inert("\u{feff}bom"), "bom");
    }

    #[test]
    fn fitted_cuts_by_display_width() {
        assert_eq!(fitted("abcdef", 4), "abc…");
        assert_eq!(fitted("張偉張偉", 5), "張偉…");
        assert_eq!(fitted("a\u{1b}[2J", 10), "a␛[2J");
        assert_eq!(fitted("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
    }

    #[test]
    fn sparkline_has_a_bar_per_value_and_gaps() {
        assert_eq!(sparkline(&[Some(0.0), None, Some(50.0), Some(100.0)], ' '), "▁ ▅█");
        assert_eq!(sparkline(&[None, Some(100.0)], '·'), "·█");
    }

    #[test]
    fn no_control_survives() {
        let hostile: String = (0u32..0x250).filter_map(char::from_u32).collect();
        let shown = inert(&hostile);
        assert!(!shown.chars().any(|c| c.is_control()));
        assert_eq!(inert_multiline("one\r\ntwo\u{1b}"), "one\ntwo␛");
    }
}
