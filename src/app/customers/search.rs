//! Search in the Customers tab: the keys of the search line, the texts it looks
//! through (read once, when a search first needs them, then kept up to date), and
//! scoring many customers a step at a time between keys.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nucleo_matcher::Utf32String;

use super::CustomersScreen;
use crate::app::Context;
use crate::app::Pane;
use crate::app::roster;
use crate::app::screen::Screen;
use crate::domain::model::ListRow;
use crate::store::Result;

impl CustomersScreen {
    /// `/`: the search line takes the keys, over the table.
    pub fn start_search(&mut self, cx: &mut Context) -> Result<()> {
        self.searching = true;
        self.pane = Pane::Table;
        self.keep_visible(cx);
        Self::ensure_search_texts(cx)
    }

    pub fn search_key(&mut self, key: KeyEvent, cx: &mut Context) -> Result<()> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let page = self.page(cx) as isize;
        match key.code {
            KeyCode::Esc => self.end_search(cx)?,
            KeyCode::Char('c') if ctrl => self.end_search(cx)?,
            KeyCode::Enter => {
                self.searching = false;
                self.keep_visible(cx);
            }
            KeyCode::Down => self.move_by(1, cx)?,
            KeyCode::Up => self.move_by(-1, cx)?,
            KeyCode::PageDown => self.move_by(page, cx)?,
            KeyCode::PageUp => self.move_by(-page, cx)?,
            KeyCode::Backspace => {
                self.search.backspace();
                self.apply_search(cx)?;
            }
            KeyCode::Char('u') if ctrl => {
                self.search.clear();
                self.apply_search(cx)?;
            }
            KeyCode::Char('w') if ctrl => {
                self.search.delete_word();
                self.apply_search(cx)?;
            }
            KeyCode::Left => self.search.left(),
            KeyCode::Right => self.search.right(),
            KeyCode::Char(c) if !ctrl => {
                self.search.insert_char(c);
                self.apply_search(cx)?;
            }
            _ => {}
        }
        Ok(())
    }

    pub fn paste(&mut self, text: &str, cx: &mut Context) -> Result<()> {
        self.search.insert_str(text);
        self.apply_search(cx)
    }

    /// Clears the search and shows everyone of the group again.
    pub fn clear_search(&mut self, cx: &mut Context) -> Result<()> {
        self.search.clear();
        self.apply_search(cx)
    }

    fn end_search(&mut self, cx: &mut Context) -> Result<()> {
        self.searching = false;
        self.clear_search(cx)
    }

    /// Filters by the search text; while typing, the best match is selected.
    fn apply_search(&mut self, cx: &mut Context) -> Result<()> {
        let query = self.search.text().to_string();
        let texts = if query.trim().is_empty() { Ok(()) } else { Self::ensure_search_texts(cx) };
        cx.roster.set_query(&query);
        self.rebuild_view(cx)?;
        if !query.trim().is_empty() {
            self.select(0, cx)?;
        }
        texts
    }

    /// Reads what search looks through, once, when a search first needs it.
    fn ensure_search_texts(cx: &mut Context) -> Result<()> {
        if cx.roster.needs_search_texts() {
            let texts = cx.store.search_texts()?.into_iter().map(|(id, text)| (id, roster::haystack(text))).collect();
            cx.roster.set_search_texts(texts);
        }
        Ok(())
    }

    /// Takes fresh rows into the roster, with their search text once search has read it.
    pub fn update_rows(rows: Vec<ListRow>, cx: &mut Context) -> Result<()> {
        let wanted = !cx.roster.needs_search_texts();
        let rows = rows
            .into_iter()
            .map(|row| {
                let text: Option<Utf32String> =
                    if wanted { cx.store.search_text(row.id)?.map(roster::haystack) } else { None };
                Ok((row, text))
            })
            .collect::<Result<Vec<_>>>()?;
        cx.roster.update(rows);
        Ok(())
    }

    /// Every row read again, as when customers came or went elsewhere.
    pub fn replace_rows(rows: Vec<ListRow>, cx: &mut Context) -> Result<()> {
        cx.roster.replace_all(rows);
        if !cx.roster.query().trim().is_empty() {
            Self::ensure_search_texts(cx)?;
        }
        Ok(())
    }

    /// Scores the next part of a search under way; returns whether the screen changed.
    pub fn continue_search(&mut self, cx: &mut Context) -> Result<bool> {
        if !cx.roster.searching() {
            return Ok(false);
        }
        if cx.roster.continue_search() {
            // Still on the best match unless the selection was moved while it ran.
            let on_best = self.selected == 0;
            self.rebuild_view(cx)?;
            if on_best {
                self.select(0, cx)?;
            }
        }
        Ok(true)
    }
}
