//! Cells a spreadsheet would take for a formula. A CSV text cell that begins with `=`,
//! `+`, `-`, `@`, a tab or a carriage return is written with a leading `'`, which
//! spreadsheets show as text; rapport's own import takes the mark off again. A cell that
//! itself begins with `'` before such a character (or before another `'`) gets one more,
//! so every text comes back exactly as it was.

const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `rest`, after a leading `'`, shows that the `'` is a mark.
fn follows_a_mark(rest: &str) -> bool {
    rest.starts_with(FORMULA_STARTS) || rest.starts_with('\'')
}

/// Whether `text` is written with a leading `'`.
pub fn needs_mark(text: &str) -> bool {
    text.starts_with(FORMULA_STARTS) || text.strip_prefix('\'').is_some_and(follows_a_mark)
}

/// `text` as it was before [`needs_mark`] gave it a leading `'`.
pub fn unmark(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if follows_a_mark(rest) => rest,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(text: &str) -> String {
        if needs_mark(text) { format!("'{text}") } else { text.to_string() }
    }

    #[test]
    fn formula_cells_are_marked_and_every_text_comes_back_exactly() {
        for text in ["=1+1", "+44 20", "-", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"] {
            assert!(written(text).starts_with('\''), "{text:?}");
        }
        for text in ["plain", "'Tis the season", "'", "", "a=b", "12.50", "O'Brien"] {
            assert_eq!(written(text), text, "{text:?} is written as it is");
        }
        for text in
            ["=1+1", "'=1+1", "''=1+1", "'", "''", "'''", "'Tis", "-", "'-", "@", "plain", "", "\t", "'\r", "x'="]
        {
            assert_eq!(unmark(&written(text)), text, "{text:?}");
        }
    }
}
