//! The Review tab: the suggestions waiting for a decision, one selected, with the reasons
//! below. The list is read from the store when the tab is shown and after changes while
//! it is; a change while another tab is shown forgets it, and showing the tab reads it
//! again. Drawing only reads what is held here.

use super::Context;
use super::layout::{self, row_at};
use super::screen::Screen;
use crate::domain::model::PendingSuggestion;
use crate::store::Result;

#[derive(Default)]
pub struct ReviewScreen {
    /// `None` until the tab is shown, and again after a change while it is not.
    list: Option<Vec<PendingSuggestion>>,
    /// How many wait as the roster counts them, for the tab's title while the list is not read.
    waiting: usize,
    selected: usize,
    offset: usize,
}

impl ReviewScreen {
    /// The suggestions waiting as last read; none when the list is not read.
    pub fn list(&self) -> &[PendingSuggestion] {
        self.list.as_deref().unwrap_or_default()
    }

    /// Whether the list is read (the tab was shown with no change since while hidden).
    pub fn is_read(&self) -> bool {
        self.list.is_some()
    }

    /// How many wait: the list's length when it is read, else as the roster counts them.
    pub fn count(&self) -> usize {
        self.list.as_ref().map_or(self.waiting, Vec::len)
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The suggestion the keys act on.
    pub fn selected_suggestion(&self) -> Option<&PendingSuggestion> {
        self.list().get(self.selected)
    }

    /// Reads the list again now.
    pub fn reload(&mut self, cx: &Context) -> Result<()> {
        let list = cx.store.pending_suggestions()?;
        self.selected = self.selected.min(list.len().saturating_sub(1));
        self.list = Some(list);
        self.keep_visible(cx);
        Ok(())
    }

    fn keep_visible(&mut self, cx: &Context) {
        let height = layout::review_rows(layout::review(cx.frame.body).list);
        self.offset = layout::scroll_to(self.offset, self.selected, height, self.list().len());
    }
}

impl Screen for ReviewScreen {
    fn build(cx: &Context) -> ReviewScreen {
        ReviewScreen { waiting: cx.roster.suggestions_waiting(), ..ReviewScreen::default() }
    }

    fn show(&mut self, cx: &Context) -> Result<()> {
        self.reload(cx)
    }

    /// Shown, the list is read again; hidden, it is forgotten until the tab is shown, and
    /// the selection kept within how many the roster counts.
    fn refresh(&mut self, cx: &Context, shown: bool) -> Result<()> {
        self.waiting = cx.roster.suggestions_waiting();
        if shown {
            return self.reload(cx);
        }
        self.list = None;
        self.selected = self.selected.min(self.waiting.saturating_sub(1));
        Ok(())
    }

    fn move_by(&mut self, delta: isize, cx: &Context) -> Result<()> {
        self.selected = super::step(self.selected, delta, self.list().len());
        self.keep_visible(cx);
        Ok(())
    }

    /// The customer of the selected suggestion.
    fn open(&mut self) -> Option<i64> {
        self.selected_suggestion().map(|s| s.customer_id)
    }

    /// Selects the suggestion on a row of the list.
    fn click(&mut self, x: u16, y: u16, cx: &Context) -> Result<()> {
        if let Some(row) = row_at(layout::review(cx.frame.body).list, 1, x, y) {
            self.selected = (self.offset + row).min(self.list().len().saturating_sub(1));
            self.keep_visible(cx);
        }
        Ok(())
    }

    fn badge(&self) -> Option<usize> {
        Some(self.count())
    }
}
