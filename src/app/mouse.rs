//! The mouse: a click picks a tab, a group, a table row, a suggestion or a customer that
//! needs attention; the wheel moves the selection. Targets come from the layout for the
//! terminal's size, the same one the screen is drawn with.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;
use unicode_width::UnicodeWidthStr;

use super::layout;
use super::{Action, App, Tab};

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
        self.screens.get_mut(self.tab).click(x, y, &self.cx)?;
        Ok(())
    }
}
