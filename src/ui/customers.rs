//! The Customers tab: the type groups with counts, the customer table and the detail of
//! the selected customer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{detail, panel, put};
use crate::app::customers::CustomersScreen;
use crate::app::layout::scroll_to;
use crate::app::roster::Group;
use crate::app::{Action, App, Draw, Pane};
use crate::domain::dates::days_between;
use crate::domain::model::ListRow;
use crate::domain::{Band, Stage};
use crate::text::columns::{compact_age, pad, pad_left, thousands};
use crate::text::wrap::wrap;
use crate::theme::Theme;
use unicode_width::UnicodeWidthStr;

impl Draw for CustomersScreen {
    fn render(&self, app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
        render(app, area, buf, theme);
    }

    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        let k = |a: Action| app.config().keymap.hint(a);
        let mut list = Vec::new();
        if self.pane() == Pane::Detail {
            list.push(("j/k".into(), "scroll"));
        }
        list.extend([
            (k(Action::Search), "search"),
            (k(Action::NewCustomer), "new"),
            (k(Action::LogInteraction), "log"),
            (k(Action::LogFeedback), "feedback"),
            (k(Action::Edit), "edit"),
            (k(Action::SetType), "type"),
            (k(Action::Sort), "sort"),
            (k(Action::Undo), "undo"),
        ]);
        list
    }
}

fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let areas = app.customers().areas(app.roster(), area);
    groups(app, areas.groups, buf, theme);
    legend(app, areas.legend, buf, theme);
    table(app, areas.table, buf, theme);
    detail::render(app.customers(), areas.detail, buf, theme);
}

fn groups(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let focused = app.pane() == Pane::Groups;
    let title = if app.roster().query().is_empty() { " Groups " } else { " Groups (matches) " };
    let block = panel(title, focused, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let counts = app.roster().group_counts();
    for (i, (group, count)) in counts.iter().enumerate().take(usize::from(inner.height)) {
        let y = inner.y + i as u16;
        let selected = i == app.group_index();
        let style = match (selected, focused) {
            (true, true) => theme.selected,
            (true, false) => theme.selected_unfocused,
            _ => theme.base,
        };
        let count = thousands(*count);
        // One space before the label, one between it and the count, one after.
        let label_width = usize::from(inner.width).saturating_sub(count.len() + 3);
        let line = format!(" {} {count} ", pad(group.label(), label_width));
        put(buf, inner.x, y, &line, inner.width, style);
        if let Group::Type(t) = group
            && !selected
        {
            put(buf, inner.x, y, "▌", 1, theme.relationship(*t));
        }
    }
}

fn legend(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    if area.height < 3 {
        return;
    }
    let block = panel(" Flags ", false, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let label = app.roster().sort().label();
    let sort = format!("sort: {label}");
    let mut rows: Vec<Line> = vec![
        Line::from(vec![Span::styled("R", theme.at_risk), Span::raw(" at risk")]),
        Line::from(vec![Span::styled("F", theme.watch), Span::raw(" follow-up due")]),
        Line::from(vec![Span::styled("C", theme.error), Span::raw(" open complaint")]),
        Line::from(vec![Span::styled("S", theme.accent), Span::raw(" suggestion")]),
        Line::from(vec![Span::styled("P", theme.dim), Span::raw(" type pinned")]),
    ];
    // A long sort name goes on lines of its own rather than being cut.
    if sort.width() <= usize::from(inner.width) {
        rows.push(Line::styled(sort, theme.dim));
    } else {
        rows.push(Line::styled("sort:", theme.dim));
        rows.extend(wrap(label, usize::from(inner.width)).into_iter().map(|l| Line::styled(l, theme.dim)));
    }
    Paragraph::new(rows).render(inner, buf);
}

/// One column of the table: header, width, alignment and how to show a row.
struct Column {
    header: &'static str,
    width: usize,
    right: bool,
    cell: fn(&App, &ListRow, &Theme) -> (String, Style),
}

/// Stage names short enough for a narrow column.
fn stage_label(stage: Stage) -> &'static str {
    match stage {
        Stage::Prospect => "prosp.",
        Stage::OneTime => "1-time",
        Stage::Repeat => "repeat",
        Stage::Advocate => "advoc.",
    }
}

fn columns(app: &App, width: usize) -> Vec<Column> {
    // The type column only when showing everyone and there is room for it.
    let show_type = app.group() == Group::All && width >= 80;
    let mut fixed = vec![
        Column { header: "Stage", width: 6, right: false, cell: |_, r, t| (stage_label(r.stage).into(), t.base) },
        Column {
            header: "Hlth",
            width: 4,
            right: true,
            cell: |_, r, t| (r.summary.health.to_string(), t.band(r.summary.band)),
        },
        Column {
            header: "NPS",
            width: 3,
            right: true,
            cell: |_, r, t| (r.summary.latest_nps.map(|n| n.to_string()).unwrap_or_else(|| "–".into()), t.base),
        },
        Column {
            header: "Last",
            width: 5,
            right: true,
            cell: |app, r, t| match r.summary.last_interaction {
                Some(d) => (compact_age(days_between(d, app.store().today())), t.base),
                None => ("never".into(), t.dim),
            },
        },
        Column {
            header: "T",
            width: 1,
            right: false,
            cell: |_, r, t| (r.summary.trend.map_or(" ", |t| t.arrow()).into(), t.trend(r.summary.trend)),
        },
        Column { header: "Flags", width: 5, right: false, cell: |app, r, t| (flags(app, r), t.watch) },
    ];
    let fixed_width: usize = fixed.iter().map(|c| c.width + 1).sum();
    let type_width = 13;
    let wide_extra = width >= 100;
    let mut flexible = width.saturating_sub(fixed_width + if show_type { type_width + 1 } else { 0 });
    if wide_extra {
        flexible = flexible.saturating_sub(6);
    }
    let name_width = (flexible * 55 / 100).max(10);
    let company_width = flexible.saturating_sub(name_width + 1).max(6);
    let mut cols = vec![
        Column { header: "Name", width: name_width, right: false, cell: |_, r, t| (r.name.trim().into(), t.base) },
        Column {
            header: "Company",
            width: company_width,
            right: false,
            cell: |_, r, t| (r.company.trim().into(), t.dim),
        },
    ];
    if show_type {
        cols.push(Column {
            header: "Type",
            width: type_width,
            right: false,
            cell: |_, r, t| (r.relationship.label().into(), t.relationship(r.relationship)),
        });
    }
    cols.append(&mut fixed);
    if wide_extra {
        cols.push(Column {
            header: "Intr",
            width: 5,
            right: true,
            cell: |_, r, t| (thousands(r.summary.interactions_total as usize), t.dim),
        });
    }
    cols
}

/// R at risk, F follow-up due, C open complaint, S suggestion pending, P pinned; each in
/// its own column so the eye can scan down.
fn flags(app: &App, r: &ListRow) -> String {
    let s = &r.summary;
    [
        (s.band == Band::AtRisk, 'R'),
        (s.follow_up_due(app.store().today()), 'F'),
        (s.open_complaints > 0, 'C'),
        (r.suggestion_pending(), 'S'),
        (r.pinned, 'P'),
    ]
    .iter()
    .map(|(on, c)| if *on { *c } else { ' ' })
    .collect()
}

fn table(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let focused = app.pane() == Pane::Table;
    let view = app.view();
    let mut title = format!(" {} · {} ", app.group().label(), thousands(view.len()));
    if app.roster().searching() {
        title = format!(" {} · searching… ", app.group().label());
    } else if !app.roster().query().is_empty() || app.searching() {
        title = format!(" {} · {} matching ", app.group().label(), thousands(view.len()));
    }
    let block = panel(title, focused, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height < 2 {
        return;
    }
    let mut y = inner.y;
    if app.searching() || !app.roster().query().is_empty() {
        search_line(app, Rect { y, height: 1, ..inner }, buf, theme);
        y += 1;
    }
    let cols = columns(app, usize::from(inner.width));
    let mut x = inner.x;
    for c in &cols {
        let text = if c.right { pad_left(c.header, c.width) } else { pad(c.header, c.width) };
        put(buf, x, y, &text, (inner.right() - x.min(inner.right())).min(c.width as u16), theme.header);
        x = x.saturating_add(c.width as u16 + 1);
    }
    y += 1;
    let height = usize::from(inner.bottom().saturating_sub(y));
    if view.is_empty() {
        let message = if app.roster().is_empty() {
            format!("No customers yet. Press {} to add one.", app.config().keymap.hint(crate::app::Action::NewCustomer))
        } else {
            "No customer matches.".to_string()
        };
        put(buf, inner.x + 1, y, &message, inner.width.saturating_sub(1), theme.dim);
        return;
    }
    let first = scroll_to(app.customers().offset(), app.selected(), height, view.len());
    for (line, pos) in view.iter().enumerate().skip(first).take(height) {
        let Some(row) = app.roster().get(*pos) else { continue };
        let selected = line == app.selected();
        let row_style = match (selected, focused) {
            (true, true) => Some(theme.selected),
            (true, false) => Some(theme.selected_unfocused),
            _ => None,
        };
        let mut x = inner.x;
        if let Some(style) = row_style {
            buf.set_style(Rect { x: inner.x, y, width: inner.width, height: 1 }, style);
        }
        for c in &cols {
            if x >= inner.right() {
                break;
            }
            let (text, style) = (c.cell)(app, row, theme);
            let text = if c.right { pad_left(&text, c.width) } else { pad(&text, c.width) };
            let style = row_style.map(|s| style.patch(s)).unwrap_or(style);
            put(buf, x, y, &text, inner.right() - x, style);
            x = x.saturating_add(c.width as u16 + 1);
        }
        y += 1;
    }
}

fn search_line(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let label = "Search: ";
    put(buf, area.x, area.y, label, area.width, theme.key);
    let x = area.x + label.len() as u16;
    let width = usize::from(area.width.saturating_sub(label.len() as u16 + 1));
    let (shown, cursor) = app.customers().search().visible(width);
    put(buf, x, area.y, &crate::text::inert(&shown), width as u16, theme.input);
    if app.searching() {
        if let Some(cell) = buf.cell_mut((x + cursor as u16, area.y)) {
            cell.set_style(theme.cursor);
        }
    } else {
        let hint = "  (Esc clears)";
        let used = unicode_width::UnicodeWidthStr::width(shown.as_str()) as u16;
        put(buf, x + used, area.y, hint, area.right().saturating_sub(x + used), theme.dim);
    }
}
