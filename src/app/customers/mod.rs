//! The Customers tab: the type groups with counts, the table of the chosen group (sorted,
//! filtered by search) and the detail of the selected customer, with Tab moving between
//! the three panes.

mod detail_text;
mod detail_view;
mod search;

pub use detail_text::DetailText;

use unicode_width::UnicodeWidthStr;

use ratatui::layout::Position;

use super::input::TextInput;
use super::layout::{self, CustomersAreas, row_at};
use super::roster::{self, Group, Roster};
use super::screen::Screen;
use super::{Context, Pane, step};
use crate::domain::model::Detail;
use crate::domain::model::ListRow;
use crate::store::Result;
use detail_view::DetailView;

/// The Customers tab's own state; the rows it shows are the shared roster (`Context::roster`).
#[derive(Default)]
pub struct CustomersScreen {
    pane: Pane,
    group: usize,
    /// Positions in the roster of the table's rows, in order.
    view: Vec<u32>,
    selected: usize,
    selected_id: Option<i64>,
    /// First table row on screen.
    offset: usize,
    searching: bool,
    search: TextInput,
    detail: DetailView,
}

impl CustomersScreen {
    // ----- what the drawing code reads -----

    pub fn pane(&self) -> Pane {
        self.pane
    }

    pub fn group(&self) -> Group {
        Group::all()[self.group]
    }

    pub fn group_index(&self) -> usize {
        self.group
    }

    /// Rows of the customer table, in order.
    pub fn view(&self) -> &[u32] {
        &self.view
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn selected_id(&self) -> Option<i64> {
        self.selected_id
    }

    pub fn selected_row<'r>(&self, roster: &'r Roster) -> Option<&'r ListRow> {
        self.view.get(self.selected).and_then(|p| roster.get(*p))
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn searching(&self) -> bool {
        self.searching
    }

    pub fn search(&self) -> &TextInput {
        &self.search
    }

    pub fn detail(&self) -> Option<&Detail> {
        self.detail.detail()
    }

    pub fn detail_text(&self) -> Option<&DetailText> {
        self.detail.text()
    }

    pub fn detail_scroll(&self) -> usize {
        self.detail.scroll()
    }

    /// Where the tab's boxes sit in `body`.
    pub fn areas(&self, roster: &Roster, body: ratatui::layout::Rect) -> CustomersAreas {
        let counts = roster.group_counts();
        let widest_label = counts.iter().map(|(g, _)| g.label().width()).max().unwrap_or(0);
        let widest_count = counts.iter().map(|(_, n)| crate::text::columns::thousands(*n).len()).max().unwrap_or(1);
        layout::customers(body, (widest_label + widest_count + 5) as u16)
    }

    /// Whether the table shows a search line above its header.
    pub fn shows_search_line(&self, roster: &Roster) -> bool {
        self.searching || !roster.query().is_empty()
    }

    /// Rows of customers on screen: what a page moves by.
    pub fn page(&self, cx: &Context) -> usize {
        layout::table_rows(self.areas(&cx.roster, cx.frame.body).table, self.shows_search_line(&cx.roster)).max(1)
    }

    // ----- moving around -----

    pub fn next_pane(&mut self, forward: bool) {
        let panes = [Pane::Groups, Pane::Table, Pane::Detail];
        let i = panes.iter().position(|p| *p == self.pane).unwrap_or(1);
        self.pane = panes[(i + if forward { 1 } else { 2 }) % 3];
    }

    /// Esc when no search is set: out of the detail into the table. False when there
    /// was nothing to leave.
    pub fn leave_detail(&mut self) -> bool {
        let was = self.pane == Pane::Detail;
        if was {
            self.pane = Pane::Table;
        }
        was
    }

    pub fn set_group(&mut self, index: usize, cx: &Context) -> Result<()> {
        if index != self.group {
            self.group = index;
            self.rebuild_view(cx)?;
        }
        Ok(())
    }

    /// Selects a row of the table and loads its detail.
    pub fn select(&mut self, index: usize, cx: &Context) -> Result<()> {
        self.selected = index.min(self.view.len().saturating_sub(1));
        self.keep_visible(cx);
        let id = self.selected_row(&cx.roster).map(|r| r.id);
        if id != self.selected_id {
            self.selected_id = id;
            self.load_detail(cx)?;
        }
        Ok(())
    }

    /// Shows a customer: All, no search, selected.
    pub fn jump_to(&mut self, customer_id: i64, cx: &mut Context) -> Result<()> {
        self.pane = Pane::Table;
        self.search.clear();
        cx.roster.set_query("");
        self.group = 0;
        self.selected_id = Some(customer_id);
        self.detail.clear();
        self.rebuild_view(cx)
    }

    pub fn sort_next(&mut self, cx: &mut Context) -> Result<&'static str> {
        let next = cx.roster.sort().next();
        cx.roster.set_sort(next);
        self.rebuild_view(cx)?;
        Ok(next.label())
    }

    /// Recomputes the table's rows, keeping the selection on the same customer.
    pub fn rebuild_view(&mut self, cx: &Context) -> Result<()> {
        self.view = cx.roster.view(self.group());
        let keep = self.selected_id;
        let index = keep
            .and_then(|id| self.view.iter().position(|p| cx.roster.get(*p).is_some_and(|r| r.id == id)))
            .unwrap_or_else(|| self.selected.min(self.view.len().saturating_sub(1)));
        self.selected = index;
        self.keep_visible(cx);
        let id = self.selected_row(&cx.roster).map(|r| r.id);
        if id != self.selected_id || self.detail.detail().is_none() {
            self.selected_id = id;
            self.load_detail(cx)?;
        }
        Ok(())
    }

    /// Selects a customer just added, when the roster shows them.
    pub fn prefer(&mut self, customer_id: i64, roster: &Roster) {
        if roster.by_id(customer_id).is_some() {
            self.selected_id = Some(customer_id);
        }
    }

    /// Drops the detail so the next rebuild reads it fresh.
    pub fn forget_detail(&mut self) {
        self.detail.clear();
    }

    fn load_detail(&mut self, cx: &Context) -> Result<()> {
        let areas = self.areas(&cx.roster, cx.frame.body);
        match self.selected_id {
            Some(id) => self.detail.load(id, cx, &areas),
            None => {
                self.detail.clear();
                Ok(())
            }
        }
    }

    fn keep_visible(&mut self, cx: &Context) {
        let height = self.page(cx);
        self.offset = layout::scroll_to(self.offset, self.selected, height, self.view.len());
    }
}

impl Screen for CustomersScreen {
    fn build(_cx: &Context) -> CustomersScreen {
        CustomersScreen::default()
    }

    /// The detail is read again, and the table's rows follow the roster.
    fn refresh(&mut self, cx: &Context, _shown: bool) -> Result<()> {
        self.forget_detail();
        self.rebuild_view(cx)
    }

    /// The table's window and the detail's text follow the new size.
    fn relayout(&mut self, cx: &Context) {
        self.keep_visible(cx);
        self.detail.relayout(cx, &self.areas(&cx.roster, cx.frame.body));
    }

    /// Moves within the focused pane: the groups, the table's rows, or the detail's lines.
    fn move_by(&mut self, delta: isize, cx: &Context) -> Result<()> {
        match self.pane {
            Pane::Groups => self.set_group(step(self.group, delta, roster::GROUPS), cx),
            Pane::Table => self.select(step(self.selected, delta, self.view.len()), cx),
            Pane::Detail => self.detail.scroll_by(delta, self.page(cx), cx),
        }
    }

    /// Enter: from the groups into the table, from the table into the detail.
    fn open(&mut self) -> Option<i64> {
        self.pane = match self.pane {
            Pane::Groups => Pane::Table,
            _ => Pane::Detail,
        };
        None
    }

    /// A click picks a group, a row of the table (counted below its header and the search
    /// line), or the detail pane.
    fn click(&mut self, x: u16, y: u16, cx: &Context) -> Result<()> {
        let areas = self.areas(&cx.roster, cx.frame.body);
        if let Some(i) = row_at(areas.groups, 0, x, y) {
            self.pane = Pane::Groups;
            self.set_group(i.min(roster::GROUPS - 1), cx)?;
        } else if let Some(i) = row_at(areas.table, 1 + u16::from(self.shows_search_line(&cx.roster)), x, y) {
            self.pane = Pane::Table;
            self.select(self.offset + i, cx)?;
        } else if areas.detail.contains(Position::new(x, y)) {
            self.pane = Pane::Detail;
        }
        Ok(())
    }
}
