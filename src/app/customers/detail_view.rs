//! The detail pane's state: the customer read for it, its text laid out for the pane,
//! and how far it is scrolled. The timeline is read a page at a time as the scroll nears
//! the end of what is loaded.

use super::DetailText;
use crate::app::Context;
use crate::app::layout::{self, CustomersAreas};
use crate::domain::model::Detail;
use crate::store::Result;

/// Timeline entries read per page.
const TIMELINE_PAGE: usize = 60;

#[derive(Default)]
pub struct DetailView {
    detail: Option<Detail>,
    text: Option<DetailText>,
    scroll: usize,
}

impl DetailView {
    pub fn detail(&self) -> Option<&Detail> {
        self.detail.as_ref()
    }

    pub fn text(&self) -> Option<&DetailText> {
        self.text.as_ref()
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Reads a customer's detail, from the top.
    pub fn load(&mut self, customer_id: i64, cx: &Context, areas: &CustomersAreas) -> Result<()> {
        self.clear();
        self.detail = cx.store.customer_detail(customer_id, TIMELINE_PAGE)?;
        self.relayout(cx, areas);
        Ok(())
    }

    pub fn clear(&mut self) {
        self.detail = None;
        self.text = None;
        self.scroll = 0;
    }

    /// Lays the text out again for the pane's size.
    pub fn relayout(&mut self, cx: &Context, areas: &CustomersAreas) {
        self.text = self.detail.as_ref().map(|d| DetailText::build(d, cx, &layout::detail_columns(areas.detail)));
        self.scroll = self.scroll.min(self.last_scroll());
    }

    /// Scrolls by `delta` lines, stopping when the last line is at the bottom. Near the
    /// end of what is loaded, the next page of the timeline is read.
    pub fn scroll_by(&mut self, delta: isize, page: usize, cx: &Context) -> Result<()> {
        self.scroll = (self.scroll as isize).saturating_add(delta).clamp(0, self.last_scroll() as isize) as usize;
        if self.scroll + 2 * page >= self.last_scroll()
            && let Some(detail) = &mut self.detail
            && detail.has_more()
        {
            let more = cx.store.more_timeline(detail, TIMELINE_PAGE)?;
            detail.timeline.extend(more);
            let areas: Vec<_> = self.text.iter().flat_map(|t| t.columns.iter().map(|(area, _)| *area)).collect();
            self.text = self.detail.as_ref().map(|d| DetailText::build(d, cx, &areas));
        }
        Ok(())
    }

    /// The scroll that puts the last line at the bottom of the pane.
    fn last_scroll(&self) -> usize {
        self.text.as_ref().map_or(0, |t| t.line_count().saturating_sub(t.height()))
    }
}
