//! Drawing: turns the application state into cells. Nothing here changes the data; the
//! only state written while drawing is scroll offsets and hit areas for the mouse.

mod chrome;
mod customers;
mod dashboard;
mod detail;
mod overlays;
mod review;
pub mod text;
pub mod theme;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::app::{App, Tab};
use theme::Theme;

/// The smallest terminal rapport lays out; below it a message asks for more room.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = Theme::new(self.config.theme, self.config.no_color);
        buf.set_style(area, theme.base);
        let small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
        self.too_small.set(small);
        if small {
            let quit = self.can_quit_blind().then(|| self.config.keymap.hint(crate::app::Action::Quit));
            too_small(area, buf, &theme, quit);
            return;
        }
        let [top, body, bottom] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        chrome::tabs(self, top, buf, &theme);
        match self.tab {
            Tab::Dashboard => dashboard::render(self, body, buf, &theme),
            Tab::Customers => customers::render(self, body, buf, &theme),
            Tab::Review => review::render(self, body, buf, &theme),
        }
        chrome::footer(self, bottom, buf, &theme);
        if let Some(open) = &self.form {
            overlays::form(open, area, buf, &theme);
        }
        if let Some(confirm) = &self.confirm {
            overlays::confirm(confirm, area, buf, &theme);
        }
        if let Some(scroll) = self.help {
            overlays::help(self, scroll, area, buf, &theme);
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

/// Keeps `selected` within a window of `height` rows starting at the stored offset,
/// scrolling as little as possible, and returns the new offset.
pub(crate) fn scroll_to(offset: &std::cell::Cell<usize>, selected: usize, height: usize, len: usize) -> usize {
    let height = height.max(1);
    let mut first = offset.get().min(len.saturating_sub(height));
    if selected < first {
        first = selected;
    } else if selected >= first + height {
        first = selected + 1 - height;
    }
    offset.set(first);
    first
}

/// Writes `text` (already safe) at a position, cut to `width` columns.
pub(crate) fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, width: u16, style: Style) {
    buf.set_stringn(x, y, text, usize::from(width), style);
}
