//! The Review tab: the suggestions waiting for a decision, one selected, with the reasons
//! below. The list is read from the store when the tab is shown and after changes while
//! it is; elsewhere it is read the first time something asks for it.

use std::cell::OnceCell;

use super::Context;
use super::layout;
use crate::domain::model::PendingSuggestion;
use crate::store::Result;

#[derive(Default)]
pub struct ReviewScreen {
    /// Filled on first use; emptied when a change may have altered it.
    list: OnceCell<Vec<PendingSuggestion>>,
    selected: usize,
    offset: usize,
}

impl ReviewScreen {
    /// The suggestions waiting, read from the store the first time they are needed.
    pub fn list(&self, cx: &Context) -> &[PendingSuggestion] {
        // An error here leaves the list empty; showing the tab reads it again and says why.
        self.list.get_or_init(|| cx.store.pending_suggestions().unwrap_or_default())
    }

    /// How many wait: the list's length when it is read, else `fallback`.
    pub fn count(&self, fallback: usize) -> usize {
        self.list.get().map_or(fallback, Vec::len)
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The suggestion the keys act on.
    pub fn selected_suggestion(&self, cx: &Context) -> Option<&PendingSuggestion> {
        self.list(cx).get(self.selected)
    }

    pub fn move_by(&mut self, delta: isize, cx: &Context) {
        let len = self.list(cx).len();
        self.selected = super::step(self.selected, delta, len);
        self.keep_visible(cx);
    }

    /// Selects the suggestion on a row of the list (counted below its header).
    pub fn click_row(&mut self, row: usize, cx: &Context) {
        self.selected = (self.offset + row).min(self.list(cx).len().saturating_sub(1));
        self.keep_visible(cx);
    }

    /// Reads the list again now.
    pub fn reload(&mut self, cx: &Context) -> Result<()> {
        let list = cx.store.pending_suggestions()?;
        self.selected = self.selected.min(list.len().saturating_sub(1));
        self.list = OnceCell::from(list);
        self.keep_visible(cx);
        Ok(())
    }

    /// Forgets the list; it is read again when next needed. `waiting` is how many the
    /// roster counts, to keep the selection within them.
    pub fn forget(&mut self, waiting: usize) {
        self.list = OnceCell::new();
        self.selected = self.selected.min(waiting.saturating_sub(1));
    }

    fn keep_visible(&mut self, cx: &Context) {
        let height = layout::review_rows(layout::review(cx.frame.body).list);
        self.offset = layout::scroll_to(self.offset, self.selected, height, self.list(cx).len());
    }
}
