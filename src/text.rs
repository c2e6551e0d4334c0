//! Making untrusted text safe to show in a terminal.
//!
//! Text from the database or a file may hold escape sequences, C1 controls, bidi
//! overrides or zero-width characters. Drawn raw, they could move the cursor, recolour or
//! retitle the terminal, reorder a line or break the table borders. [`inert`] turns every
//! such character into a visible, harmless form; ordinary text comes back borrowed.

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
    fn no_control_survives() {
        let hostile: String = (0u32..0x250).filter_map(char::from_u32).collect();
        let shown = inert(&hostile);
        assert!(!shown.chars().any(|c| c.is_control()));
        assert_eq!(inert_multiline("one\r\ntwo\u{1b}"), "one\ntwo␛");
    }
}
