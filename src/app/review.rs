//! The Review tab: the suggestions waiting for a decision, one selected, with the reasons
//! below. The list is read from the store when the tab is shown and after changes while
//! it is; a change while another tab is shown forgets it, and showing the tab reads it
//! again. Drawing only reads what is held here.

use super::Context;
use super::layout;
use crate::domain::model::PendingSuggestion;
use crate::store::Result;

#[derive(Default)]
pub struct ReviewScreen {
    /// `None` until the tab is shown, and again after a change while it is not.
    list: Option<Vec<PendingSuggestion>>,
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

    /// How many wait: the list's length when it is read, else `fallback`.
    pub fn count(&self, fallback: usize) -> usize {
        self.list.as_ref().map_or(fallback, Vec::len)
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

    pub fn move_by(&mut self, delta: isize, cx: &Context) {
        let len = self.list().len();
        self.selected = super::step(self.selected, delta, len);
        self.keep_visible(cx);
    }

    /// Selects the suggestion on a row of the list (counted below its header).
    pub fn click_row(&mut self, row: usize, cx: &Context) {
        self.selected = (self.offset + row).min(self.list().len().saturating_sub(1));
        self.keep_visible(cx);
    }

    /// Reads the list again now.
    pub fn reload(&mut self, cx: &Context) -> Result<()> {
        let list = cx.store.pending_suggestions()?;
        self.selected = self.selected.min(list.len().saturating_sub(1));
        self.list = Some(list);
        self.keep_visible(cx);
        Ok(())
    }

    /// Forgets the list; showing the tab reads it again. `waiting` is how many the
    /// roster counts, to keep the selection within them.
    pub fn forget(&mut self, waiting: usize) {
        self.list = None;
        self.selected = self.selected.min(waiting.saturating_sub(1));
    }

    fn keep_visible(&mut self, cx: &Context) {
        let height = layout::review_rows(layout::review(cx.frame.body).list);
        self.offset = layout::scroll_to(self.offset, self.selected, height, self.list().len());
    }
}
