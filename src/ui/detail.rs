//! The detail pane: the selected customer's text, laid out by the Customers screen, from
//! the scrolled line down. On a wide pane the profile and signals sit left of the
//! timeline and history.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::panel;
use crate::app::customers::CustomersScreen;
use crate::app::{Pane, layout};
use crate::text::columns::fit;
use crate::theme::Theme;

pub fn render(screen: &CustomersScreen, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let focused = screen.pane() == Pane::Detail;
    let title = match screen.detail() {
        Some(d) => format!(" {} ", fit(d.customer.name.trim(), usize::from(area.width.saturating_sub(12)))),
        None => " Detail ".into(),
    };
    let block = panel(title, focused, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(text) = screen.detail_text() else {
        Paragraph::new(Line::styled("Select a customer to see everything about them here.", theme.dim))
            .render(inner, buf);
        return;
    };
    // The columns as this pane has them, should the app's layout be for another size.
    for (column, (_, lines)) in layout::detail_columns(area).iter().zip(&text.columns) {
        let visible: Vec<Line> =
            lines.iter().skip(screen.detail_scroll()).take(usize::from(column.height)).cloned().collect();
        Paragraph::new(visible).render(*column, buf);
    }
}
