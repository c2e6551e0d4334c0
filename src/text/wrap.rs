//! Wrapping text to a width: at spaces when it can, between graphemes when a word is
//! longer than the line, keeping each word's style.

use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Breaks untrusted text into lines of at most `width` columns, at spaces when it can.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    super::inert_multiline(text)
        .split('\n')
        .flat_map(|paragraph| wrap_line(Line::raw(paragraph.to_string()), width))
        .map(|line| line.spans.iter().map(|s| s.content.as_ref()).collect::<String>().trim_end().to_string())
        .collect()
}

/// Holds words together when wrapping, and is drawn as a plain space.
pub const NO_BREAK_SPACE: char = '\u{a0}';

/// Wraps a styled line at spaces, keeping each word's style; a word longer than the
/// line is cut between graphemes.
pub fn wrap_line(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut current: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for span in line.spans {
        let style = span.style;
        let text = super::inert(&span.content).into_owned();
        // Break only at spaces, so "(90 days)" or "4-5" never split inside.
        for word in text.split_inclusive(' ') {
            let w = word.width();
            if used + word.trim_end().width() > width && used > 0 {
                out.push(Line::from(std::mem::take(&mut current)));
                used = 0;
                if word.trim().is_empty() {
                    continue;
                }
            }
            if w > width {
                for g in word.graphemes(true) {
                    if used + g.width() > width {
                        out.push(Line::from(std::mem::take(&mut current)));
                        used = 0;
                    }
                    used += g.width();
                    current.push(Span::styled(g.replace(NO_BREAK_SPACE, " "), style));
                }
                continue;
            }
            used += w;
            current.push(Span::styled(word.replace(NO_BREAK_SPACE, " "), style));
        }
    }
    out.push(Line::from(current));
    out
}

/// Every line of `lines` wrapped to `width`.
pub fn wrap_all(lines: Vec<Line<'static>>, width: usize) -> Vec<Line<'static>> {
    lines.into_iter().flat_map(|l| wrap_line(l, width)).collect()
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("mail a.b@c.example now", 14), vec!["mail", "a.b@c.example", "now"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("line\nnext", 20), vec!["line", "next"]);
        assert_eq!(wrap("張偉張偉", 4), vec!["張偉", "張偉"]);
        assert!(wrap("a\u{1b}[31m b", 20)[0].contains('␛'));
    }
}
