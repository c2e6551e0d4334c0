//! The Dashboard tab: the portfolio at a glance and the customers that need attention,
//! one of which is selected; Enter opens it in the Customers tab.

mod data;

pub use data::{ATTENTION_SHOWN, Attention, AttentionItem, AttentionList, DashboardData, TypeStat};

use super::layout::{self, Frame};
use crate::domain::Date;
use crate::domain::model::ListRow;

/// One row of the "needs attention" box: a list's heading, a "none" under an empty list,
/// or one of its customers (by position among all the lists' customers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttentionRow {
    Heading(usize),
    Empty,
    Item(usize),
}

pub struct DashboardScreen {
    data: DashboardData,
    selected: usize,
    /// First row of the attention box on screen.
    offset: usize,
}

impl DashboardScreen {
    pub fn new<'a>(rows: impl Iterator<Item = &'a ListRow>, today: Date) -> DashboardScreen {
        DashboardScreen { data: DashboardData::compute(rows, today), selected: 0, offset: 0 }
    }

    pub fn data(&self) -> &DashboardData {
        &self.data
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The attention box's rows in order: each list's heading, then its customers.
    pub fn rows(&self) -> Vec<AttentionRow> {
        let mut rows = Vec::new();
        let mut index = 0;
        for (n, list) in self.data.attention.iter().enumerate() {
            rows.push(AttentionRow::Heading(n));
            if list.items.is_empty() {
                rows.push(AttentionRow::Empty);
            }
            for _ in &list.items {
                rows.push(AttentionRow::Item(index));
                index += 1;
            }
        }
        rows
    }

    /// Computes everything again from the roster's rows.
    pub fn refresh<'a>(&mut self, rows: impl Iterator<Item = &'a ListRow>, today: Date, frame: &Frame) {
        self.data = DashboardData::compute(rows, today);
        self.select(self.selected, frame);
    }

    pub fn move_by(&mut self, delta: isize, frame: &Frame) {
        self.select(super::step(self.selected, delta, self.data.attention_len()), frame);
    }

    /// Selects the customer on a row of the attention box; a heading selects nothing.
    pub fn click_row(&mut self, row: usize, frame: &Frame) {
        if let Some(AttentionRow::Item(i)) = self.rows().get(self.offset + row) {
            self.select(*i, frame);
        }
    }

    /// The customer Enter opens.
    pub fn selected_customer(&self) -> Option<i64> {
        self.data.attention_items().nth(self.selected).map(|(_, item)| item.customer_id)
    }

    /// How many suggestions wait, as the roster counts them.
    pub fn suggestions_waiting(&self) -> usize {
        self.data.attention.iter().find(|l| l.kind == Attention::Suggestion).map_or(0, |l| l.total)
    }

    fn select(&mut self, index: usize, frame: &Frame) {
        self.selected = index.min(self.data.attention_len().saturating_sub(1));
        self.keep_visible(frame);
    }

    /// Scrolls the attention box so the selected customer is on screen.
    pub fn keep_visible(&mut self, frame: &Frame) {
        let rows = self.rows();
        let row = rows.iter().position(|r| *r == AttentionRow::Item(self.selected)).unwrap_or(0);
        let height = usize::from(layout::inner(layout::dashboard(frame.body).attention).height);
        self.offset = layout::scroll_to(self.offset, row, height, rows.len());
    }
}
