//! The mouse: a click picks a tab, a group, a table row, a suggestion or a customer that
//! needs attention; the wheel moves the selection. Targets come from the layout for the
//! terminal's size, the same one the screen is drawn with.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;
use unicode_width::UnicodeWidthStr;

use super::layout::{self, row_at};
use super::{Action, App, Pane, Tab, roster};

impl App {
    pub(super) fn handle_mouse(&mut self, mouse: MouseEvent) {
        if self.form.is_some() || self.confirm.is_some() || self.help.is_some() {
            return;
        }
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                let clicked = self.click(mouse.column, mouse.row);
                self.report(clicked);
            }
            MouseEventKind::ScrollDown => self.update(Action::Down),
            MouseEventKind::ScrollUp => self.update(Action::Up),
            _ => {}
        }
    }

    fn click(&mut self, x: u16, y: u16) -> crate::store::Result<()> {
        let frame = self.cx.frame;
        let widths = self.tab_labels().map(|l| l.width() as u16);
        let tabs = layout::tab_rects(frame.top, widths);
        if let Some(i) = tabs.iter().position(|r| r.contains(Position::new(x, y))) {
            self.switch_tab(Tab::ALL[i]);
            return Ok(());
        }
        match self.tab {
            Tab::Customers => {
                let areas = self.customers.areas(&self.cx.roster, frame.body);
                if let Some(i) = row_at(areas.groups, 0, x, y) {
                    self.customers.focus(Pane::Groups);
                    self.customers.set_group(i.min(roster::GROUPS - 1), &self.cx)?;
                } else if let Some(i) =
                    row_at(areas.table, 1 + u16::from(self.customers.shows_search_line(&self.cx.roster)), x, y)
                {
                    self.customers.click_row(i, &self.cx)?;
                } else if areas.detail.contains(Position::new(x, y)) {
                    self.customers.focus(Pane::Detail);
                }
            }
            Tab::Review => {
                if let Some(i) = row_at(layout::review(frame.body).list, 1, x, y) {
                    self.review.click_row(i, &self.cx);
                }
            }
            Tab::Dashboard => {
                if let Some(i) = row_at(layout::dashboard(frame.body).attention, 0, x, y) {
                    self.dashboard.click_row(i, &frame);
                }
            }
        }
        Ok(())
    }
}
