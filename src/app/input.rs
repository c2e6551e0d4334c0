//! A one-line text editor that moves by grapheme clusters, so CJK, emoji and combining
//! marks behave as one character each, and measures display width for drawing.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// Cursor position as a byte offset, always on a grapheme boundary.
    cursor: usize,
}

impl TextInput {
    pub fn new(text: impl Into<String>) -> TextInput {
        let text = text.into();
        let cursor = text.len();
        TextInput { text, cursor }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn set(&mut self, text: impl Into<String>) {
        self.text = text.into();
        self.cursor = self.text.len();
    }

    pub fn insert_char(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        // A combining mark joins the previous cluster; keep the cursor on a boundary.
        self.cursor = self.boundary_at_or_after(self.cursor);
    }

    /// Inserts pasted text, as one line, in one go: a character at a time would look for
    /// the next grapheme boundary from the start for each one, and a long paste would
    /// take minutes.
    pub fn insert_str(&mut self, s: &str) {
        let clean: String = s
            .chars()
            .filter_map(|c| match c {
                '\n' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor = self.boundary_at_or_after(self.cursor + clean.len());
    }

    fn boundary_at_or_after(&self, at: usize) -> usize {
        self.text.grapheme_indices(true).map(|(i, _)| i).find(|i| *i >= at).unwrap_or(self.text.len())
    }

    fn previous_boundary(&self) -> usize {
        self.text[..self.cursor].grapheme_indices(true).next_back().map(|(i, _)| i).unwrap_or(0)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..].graphemes(true).next().map(|g| self.cursor + g.len()).unwrap_or(self.cursor)
    }

    pub fn backspace(&mut self) {
        let start = self.previous_boundary();
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    pub fn delete(&mut self) {
        let end = self.next_boundary();
        self.text.replace_range(self.cursor..end, "");
    }

    pub fn left(&mut self) {
        self.cursor = self.previous_boundary();
    }

    pub fn right(&mut self) {
        self.cursor = self.next_boundary();
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Deletes the word before the cursor (Ctrl-W).
    pub fn delete_word(&mut self) {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end();
        let start = trimmed.unicode_word_indices().next_back().map(|(i, _)| i).unwrap_or(0);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Deletes everything (Ctrl-U).
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Display columns before the cursor, as the text is drawn (made inert).
    pub fn cursor_column(&self) -> usize {
        crate::text::inert(&self.text[..self.cursor]).width()
    }

    /// The part of the text to draw in `width` columns so that the cursor stays visible,
    /// and the cursor's column within it. Control characters come back inert.
    pub fn visible(&self, width: usize) -> (String, usize) {
        let cursor_col = self.cursor_column();
        // Keep one column after the cursor free so it is visible at the end of the text.
        let start_col = (cursor_col + 1).saturating_sub(width);
        let mut out = String::new();
        let mut first_col = None;
        let mut col = 0;
        // Text that came from the database may hold control characters: draw them inert.
        for g in self.text.graphemes(true) {
            let shown = crate::text::inert(g);
            let w = shown.width();
            if col >= start_col {
                let first = *first_col.get_or_insert(col);
                if col + w - first > width {
                    break;
                }
                out.push_str(&shown);
            }
            col += w;
        }
        (out, cursor_col.saturating_sub(first_col.unwrap_or(cursor_col)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_over_whole_graphemes() {
        let mut t = TextInput::new("a張👩‍🔬e\u{301}");
        t.left();
        // a(1) 張(2) 👩🔬(4: drawn without the joiner, as two emoji, so every terminal agrees)
        assert_eq!(t.cursor_column(), 7);
        t.left();
        t.backspace();
        assert_eq!(t.text(), "a👩‍🔬e\u{301}");
        t.right();
        t.right();
        t.backspace();
        assert_eq!(t.text(), "a👩‍🔬");
    }

    #[test]
    fn combining_mark_typed_after_a_letter_joins_it() {
        let mut t = TextInput::new("e");
        t.insert_char('\u{301}');
        assert_eq!(t.text(), "e\u{301}");
        t.left();
        assert_eq!(t.cursor_column(), 0);
    }

    #[test]
    fn visible_window_keeps_the_cursor_in_view() {
        let t = TextInput::new("abcdefghij");
        let (shown, col) = t.visible(5);
        assert_eq!(shown, "ghij");
        assert_eq!(col, 4);
        let mut t = TextInput::new("張張張張");
        t.home();
        let (shown, col) = t.visible(5);
        assert_eq!(shown, "張張");
        assert_eq!(col, 0);
    }

    #[test]
    fn control_characters_are_not_inserted_and_words_delete() {
        let mut t = TextInput::new("");
        t.insert_char('\u{1b}');
        assert!(t.is_empty());
        t.insert_str("hello big\nworld");
        t.delete_word();
        assert_eq!(t.text(), "hello big ");
    }
}
