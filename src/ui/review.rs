//! The Review tab: pending suggestions with from → to, and the reasons of the selected
//! one. a accepts, x rejects, p pins, A accepts all (keys as configured).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::{panel, put};
use crate::app::layout::{self, scroll_to};
use crate::app::review::ReviewScreen;
use crate::app::{Action, App, Draw};
use crate::text::columns::{pad, thousands};
use crate::text::wrap::wrap;
use crate::theme::Theme;

impl Draw for ReviewScreen {
    fn render(&self, app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
        render(app, area, buf, theme);
    }

    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        let k = |a: Action| app.config().keymap.hint(a);
        vec![
            (k(Action::Accept), "accept"),
            (k(Action::Reject), "reject"),
            (k(Action::Pin), "pin"),
            (k(Action::AcceptAll), "accept all"),
            (k(Action::Open), "show"),
        ]
    }
}

fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let areas = layout::review(area);
    list(app, areas.list, buf, theme);
    reasons(app, areas.reasons, buf, theme);
}

fn list(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let items = app.review();
    let block = panel(format!(" Suggestions · {} waiting ", thousands(items.len())), true, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    if items.is_empty() {
        Paragraph::new(vec![
            Line::styled("No suggestion is waiting.", theme.base),
            Line::styled(
                "When logged interactions or feedback point to another relationship type, the suggestion appears here.",
                theme.dim,
            ),
        ])
        .wrap(ratatui::widgets::Wrap { trim: true })
        .render(inner, buf);
        return;
    }
    let width = usize::from(inner.width);
    let (from_w, to_w, since_w, pin_w) = (14, 14, 11, 7);
    let name_w = width.saturating_sub(from_w + to_w + since_w + pin_w + 7).max(8);
    let header = format!(
        "{} {} → {} {} {}",
        pad("Customer", name_w),
        pad("From", from_w),
        pad("To", to_w),
        pad("Since", since_w),
        pad("", pin_w)
    );
    put(buf, inner.x, inner.y, &header, inner.width, theme.header);
    let height = usize::from(inner.height.saturating_sub(1));
    let first = scroll_to(app.review_screen().offset(), app.review_selected(), height, items.len());
    for (i, s) in items.iter().enumerate().skip(first).take(height) {
        let y = inner.y + 1 + (i - first) as u16;
        let name = if s.company.trim().is_empty() {
            s.name.trim().to_string()
        } else {
            format!("{} · {}", s.name.trim(), s.company.trim())
        };
        let line = format!(
            "{} {} → {} {} {}",
            pad(&name, name_w),
            pad(s.from.label(), from_w),
            pad(s.to.label(), to_w),
            pad(&app.config().format_date(s.since), since_w),
            pad(if s.pinned { "pinned" } else { "" }, pin_w)
        );
        let style = if i == app.review_selected() { theme.selected } else { theme.base };
        if i == app.review_selected() {
            buf.set_style(Rect { x: inner.x, y, width: inner.width, height: 1 }, style);
        }
        put(buf, inner.x, y, &line, inner.width, style);
    }
}

fn reasons(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let block = panel(" Why ", false, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(s) = app.review().get(app.review_selected()) else { return };
    let width = usize::from(inner.width);
    let mut lines = vec![Line::styled(
        format!("{}: {} → {}", crate::text::inert(s.name.trim()), s.from.label(), s.to.label()),
        theme.title,
    )];
    for reason in s.reasons.split("; ") {
        lines.extend(wrap(&format!("• {reason}"), width).into_iter().map(|l| Line::styled(l, theme.base)));
    }
    if s.pinned {
        lines.push(Line::styled(
            "This customer's type is pinned: the engine will not move it. Accepting moves it anyway.",
            theme.watch,
        ));
    }
    let k = |a| app.config().keymap.hint(a);
    // Pinning is offered only where there is something to pin.
    let pin = if s.pinned { String::new() } else { format!(" · {} pin at {}", k(Action::Pin), s.from.label()) };
    lines.push(Line::styled(
        format!(
            "{} accept · {} reject{pin} · {} accept all · {} show customer",
            k(Action::Accept),
            k(Action::Reject),
            k(Action::AcceptAll),
            k(Action::Open)
        ),
        theme.dim,
    ));
    Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }).render(inner, buf);
}
