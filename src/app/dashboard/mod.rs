//! The Dashboard tab: the portfolio at a glance and the customers that need attention,
//! one of which is selected; Enter opens it in the Customers tab.

mod data;

pub use data::{ATTENTION_SHOWN, Attention, AttentionItem, AttentionList, DashboardData, TypeStat};

use super::Context;
use super::layout::{self, Frame, row_at};
use super::screen::Screen;
use crate::domain::Date;
use crate::domain::model::ListRow;
use crate::store::Result;

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

    fn select(&mut self, index: usize, frame: &Frame) {
        self.selected = index.min(self.data.attention_len().saturating_sub(1));
        self.keep_visible(frame);
    }

    /// Scrolls the attention box so the selected customer is on screen.
    fn keep_visible(&mut self, frame: &Frame) {
        let rows = self.rows();
        let row = rows.iter().position(|r| *r == AttentionRow::Item(self.selected)).unwrap_or(0);
        let height = usize::from(layout::inner(layout::dashboard(frame.body).attention).height);
        self.offset = layout::scroll_to(self.offset, row, height, rows.len());
    }
}

impl Screen for DashboardScreen {
    fn build(cx: &Context) -> DashboardScreen {
        DashboardScreen::new(cx.roster.rows(), cx.store.today())
    }

    /// Computes everything again from the roster's rows.
    fn refresh(&mut self, cx: &Context, _shown: bool) -> Result<()> {
        self.data = DashboardData::compute(cx.roster.rows(), cx.store.today());
        self.select(self.selected, &cx.frame);
        Ok(())
    }

    fn relayout(&mut self, cx: &Context) {
        self.keep_visible(&cx.frame);
    }

    fn move_by(&mut self, delta: isize, cx: &Context) -> Result<()> {
        self.select(super::step(self.selected, delta, self.data.attention_len()), &cx.frame);
        Ok(())
    }

    /// The selected customer that needs attention.
    fn open(&mut self) -> Option<i64> {
        self.data.attention_items().nth(self.selected).map(|(_, item)| item.customer_id)
    }

    /// Selects the customer on a row of the attention box; a heading selects nothing.
    fn click(&mut self, x: u16, y: u16, cx: &Context) -> Result<()> {
        if let Some(row) = row_at(layout::dashboard(cx.frame.body).attention, 0, x, y)
            && let Some(AttentionRow::Item(i)) = self.rows().get(self.offset + row)
        {
            self.select(*i, &cx.frame);
        }
        Ok(())
    }
}
