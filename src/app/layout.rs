//! Where everything sits on the screen, as pure functions of the terminal's size (and,
//! for the Customers tab, of how wide its group counts are). The app keeps the frame for
//! the size it was last told; input reads page heights and mouse targets from it, and the
//! drawing code places the same boxes with the same functions, so neither depends on the
//! other having run.

use ratatui::layout::{Constraint, Layout, Rect};

use super::Tab;

/// The smallest terminal rapport lays out; below it a message asks for more room.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Below this width the detail shows one column; at or above it, two.
const TWO_COLUMN_DETAIL: u16 = 90;

/// The whole screen: the tab bar, the active tab's body and the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    pub size: Rect,
    pub top: Rect,
    pub body: Rect,
    pub bottom: Rect,
}

impl Frame {
    pub fn new(size: Rect) -> Frame {
        let [top, body, bottom] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]).areas(size);
        Frame { size, top, body, bottom }
    }

    /// Below the smallest size nothing is laid out: keys other than quitting wait.
    pub fn too_small(&self) -> bool {
        self.size.width < MIN_WIDTH || self.size.height < MIN_HEIGHT
    }
}

/// Inside a box's border.
pub fn inner(area: Rect) -> Rect {
    ratatui::widgets::Block::bordered().inner(area)
}

/// The row of a bordered list that `y` falls on, below `header` rows of headings.
pub fn row_at(area: Rect, header: u16, x: u16, y: u16) -> Option<usize> {
    let first = area.y + 1 + header;
    let inside = area.contains(ratatui::layout::Position::new(x, y));
    (inside && y >= first && y < area.bottom().saturating_sub(1)).then(|| usize::from(y - first))
}

/// Where the tab labels sit on the top line, after the program's name.
pub fn tab_rects(top: Rect, label_widths: [u16; Tab::COUNT]) -> [Rect; Tab::COUNT] {
    let mut rects = [Rect::default(); Tab::COUNT];
    let mut x = top.x + 9;
    for (rect, width) in rects.iter_mut().zip(label_widths) {
        *rect = Rect { x, y: top.y, width, height: 1 };
        x += width + 1;
    }
    rects
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CustomersAreas {
    pub groups: Rect,
    pub legend: Rect,
    pub table: Rect,
    pub detail: Rect,
}

/// The Customers tab: groups and flags on the left, the table above the detail.
/// `roomy_groups` is the width the longest group label beside the largest count needs.
pub fn customers(body: Rect, roomy_groups: u16) -> CustomersAreas {
    // Wide enough for the longest type name beside the largest count when there is room;
    // at 80 columns the names shorten instead.
    let groups_width = if body.width >= 100 { roomy_groups.max(22) } else { 22 };
    let [left, right] = Layout::horizontal([Constraint::Length(groups_width), Constraint::Fill(1)]).areas(body);
    let [groups, legend] = Layout::vertical([Constraint::Length(10), Constraint::Fill(1)]).areas(left);
    let table_share = if body.height >= 34 { 55 } else { 50 };
    let [table, detail] = Layout::vertical([Constraint::Percentage(table_share), Constraint::Fill(1)]).areas(right);
    CustomersAreas { groups, legend, table, detail }
}

/// Rows of customers the table shows: inside the border, below the header and the
/// search line when there is one.
pub fn table_rows(table: Rect, search_line: bool) -> usize {
    usize::from(inner(table).height.saturating_sub(1 + u16::from(search_line)))
}

/// The columns of the detail pane's text: one, or on a wide pane two side by side.
pub fn detail_columns(detail: Rect) -> Vec<Rect> {
    let inner = inner(detail);
    if inner.width >= TWO_COLUMN_DETAIL {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).spacing(2).areas(inner);
        vec![left, right]
    } else {
        vec![inner]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DashboardAreas {
    pub types: Rect,
    pub satisfaction: Rect,
    pub attention: Rect,
    pub trend: Rect,
}

pub fn dashboard(body: Rect) -> DashboardAreas {
    let top_height = if body.height >= 40 { 12 } else { 11 };
    let [top, bottom] = Layout::vertical([Constraint::Length(top_height), Constraint::Fill(1)]).areas(body);
    let [types, satisfaction] = Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(top);
    let [attention, trend] = Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(bottom);
    DashboardAreas { types, satisfaction, attention, trend }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewAreas {
    pub list: Rect,
    pub reasons: Rect,
}

pub fn review(body: Rect) -> ReviewAreas {
    let [list, reasons] = Layout::vertical([Constraint::Fill(3), Constraint::Fill(2)]).areas(body);
    ReviewAreas { list, reasons }
}

/// Rows of suggestions the Review list shows, below its header.
pub fn review_rows(list: Rect) -> usize {
    usize::from(inner(list).height.saturating_sub(1))
}

/// Keeps `selected` within a window of `height` rows starting at `offset`, scrolling as
/// little as possible; returns the new first row.
pub fn scroll_to(offset: usize, selected: usize, height: usize, len: usize) -> usize {
    let height = height.max(1);
    let mut first = offset.min(len.saturating_sub(height));
    if selected < first {
        first = selected;
    } else if selected >= first + height {
        first = selected + 1 - height;
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_moves_as_little_as_it_can() {
        assert_eq!(scroll_to(0, 3, 5, 10), 0);
        assert_eq!(scroll_to(0, 7, 5, 10), 3);
        assert_eq!(scroll_to(6, 2, 5, 10), 2);
        // A shorter list pulls the window back so it stays full.
        assert_eq!(scroll_to(8, 9, 5, 10), 5);
    }

    #[test]
    fn the_table_loses_a_row_to_the_search_line() {
        let areas = customers(Frame::new(Rect::new(0, 0, 80, 24)).body, 0);
        assert_eq!(table_rows(areas.table, false), 8);
        assert_eq!(table_rows(areas.table, true), 7);
        assert_eq!(detail_columns(areas.detail).len(), 1);
        let wide = customers(Frame::new(Rect::new(0, 0, 160, 40)).body, 0);
        assert_eq!(detail_columns(wide.detail).len(), 2);
    }
}
