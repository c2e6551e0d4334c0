//! Drawing: turns the application state into cells. Nothing here changes any state: the
//! boxes are placed by the app's layout functions and the scroll offsets are the screens' own.

mod chrome;
mod customers;
mod dashboard;
mod detail;
mod overlays;
mod review;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::app::App;
use crate::app::layout::Frame;
use crate::theme::Theme;

pub use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme();
        buf.set_style(area, theme.base);
        let frame = Frame::new(area);
        if frame.too_small() {
            let quit = self.can_quit_blind().then(|| self.config().keymap.hint(crate::app::Action::Quit));
            too_small(area, buf, theme, quit);
            return;
        }
        chrome::tabs(self, frame.top, buf, theme);
        self.screen(self.tab).render(self, frame.body, buf, theme);
        chrome::footer(self, frame.bottom, buf, theme);
        if let Some(open) = &self.form {
            overlays::form(open, area, buf, theme);
        }
        if let Some(confirm) = &self.confirm {
            overlays::confirm(confirm, area, buf, theme);
        }
        if let Some(scroll) = self.help {
            overlays::help(self, scroll, area, buf, theme);
        }
    }
}

fn too_small(area: Rect, buf: &mut Buffer, theme: &Theme, quit_key: Option<String>) {
    let mut lines = vec![
        Line::styled("Terminal too small", theme.title),
        Line::raw(format!("This window is {}×{}.", area.width, area.height)),
        Line::raw(format!("rapport needs at least {MIN_WIDTH}×{MIN_HEIGHT}: enlarge the window.")),
    ];
    // Keys wait until the window is large enough; only quitting works, and only when
    // nothing unsaved is open.
    lines.push(if let Some(key) = quit_key {
        Line::styled(format!("{key} quits"), theme.dim)
    } else {
        Line::styled("Keys wait until the window is larger.", theme.dim)
    });
    let height = (lines.len() as u16).min(area.height);
    let y = area.y + area.height.saturating_sub(height) / 2;
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .centered()
        .render(Rect { x: area.x, y, width: area.width, height }, buf);
}

/// A bordered box with a title; focused boxes get the accent border.
pub(crate) fn panel<'a>(title: impl Into<Line<'a>>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(if focused { theme.border_focused } else { theme.border })
        .title(title.into().style(if focused { theme.title } else { theme.header }))
}

/// Writes `text` (already safe) at a position, cut to `width` columns.
pub(crate) fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, width: u16, style: Style) {
    buf.set_stringn(x, y, text, usize::from(width), style);
}
