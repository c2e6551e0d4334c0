//! Boxes drawn over the screen: forms, confirmations and the help.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{panel, put};
use crate::app::form::{FieldKind, Form};
use crate::app::forms::OpenForm;
use crate::app::{Action, App, Confirm, Tab};
use crate::keys::Scope;
use crate::text::columns::{fit, pad};
use crate::text::wrap::wrap;
use crate::theme::Theme;

const LABEL_WIDTH: usize = 12;
/// The most lines a field's error, the form's message or a question may take: a message
/// naming a very long customer name must not push the rest of the box off the screen.
const MAX_ERROR_LINES: usize = 2;
const MAX_MESSAGE_LINES: usize = 3;
const MAX_QUESTION_LINES: usize = 6;

/// `text` wrapped to `width` and cut to `max` lines, the last one ending in `…` if cut.
fn wrap_at_most(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines = wrap(text, width);
    if lines.len() > max {
        lines.truncate(max.max(1));
        if let Some(last) = lines.last_mut() {
            let cut = fit(last, width.saturating_sub(1));
            *last = format!("{}…", cut.trim_end_matches('…'));
        }
    }
    lines
}

/// Lines a field needs: itself, and its error when there is one.
fn field_height(form: &Form, index: usize, input_width: usize) -> usize {
    let field = &form.fields[index];
    // A form of one choice lists every option, a line each.
    let base = match &field.kind {
        FieldKind::Choice { options, .. } if form.single_choice() => options.len().max(1),
        _ => 1,
    };
    base + field.error.as_ref().map(|e| wrap_at_most(e, input_width, MAX_ERROR_LINES).len()).unwrap_or(0)
}

pub fn form(open: &OpenForm, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let form = &open.form;
    let width = area.width.saturating_sub(4).min(90);
    let input_width = usize::from(width).saturating_sub(LABEL_WIDTH + 5);
    let body: usize = (0..form.fields.len()).map(|i| field_height(form, i, input_width)).sum();
    let message =
        form.message.as_ref().map(|m| wrap_at_most(m, usize::from(width) - 4, MAX_MESSAGE_LINES)).unwrap_or_default();
    let height = (body + message.len() + 4).min(usize::from(area.height)) as u16;
    let rect = area.centered(Constraint::Length(width), Constraint::Length(height));
    Clear.render(rect, buf);
    buf.set_style(rect, theme.base);
    let block = panel(format!(" {} ", fit(&form.title, usize::from(width) - 4)), true, theme);
    let inner = block.inner(rect);
    block.render(rect, buf);
    let mut y = inner.y;
    let x_input = inner.x + LABEL_WIDTH as u16 + 2;
    for (i, field) in form.fields.iter().enumerate() {
        if y >= inner.bottom() {
            break;
        }
        let focused = i == form.focus;
        let label_style = if focused { theme.key } else { theme.dim };
        let label = format!("{:>w$}", field.label, w = LABEL_WIDTH);
        put(buf, inner.x, y, &label, LABEL_WIDTH as u16, label_style);
        if focused {
            put(buf, inner.x + LABEL_WIDTH as u16, y, " ›", 2, theme.key);
        }
        match &field.kind {
            FieldKind::Text(input) => {
                let (shown, cursor) = input.visible(input_width);
                let style = theme.input;
                put(buf, x_input, y, &pad(&shown, input_width), input_width as u16, style);
                if shown.is_empty() && !field.hint.is_empty() {
                    put(buf, x_input + 1, y, field.hint, input_width.saturating_sub(1) as u16, theme.dim);
                }
                if focused && let Some(cell) = buf.cell_mut((x_input + cursor as u16, y)) {
                    cell.set_style(theme.cursor);
                }
                y += 1;
            }
            FieldKind::Choice { options, selected } => {
                if form.single_choice() {
                    for (n, option) in options.iter().enumerate() {
                        if y >= inner.bottom() {
                            break;
                        }
                        let style = if n == *selected { theme.selected } else { theme.base };
                        let mark = if n == *selected { "● " } else { "○ " };
                        put(
                            buf,
                            x_input,
                            y,
                            &fit(&format!("{mark}{}", option.label), input_width),
                            input_width as u16,
                            style,
                        );
                        y += 1;
                    }
                } else {
                    let current = options.get(*selected).map(|o| o.label.as_str()).unwrap_or("");
                    let text = format!("◀ {current} ▶");
                    let style = if focused { theme.selected } else { theme.input };
                    put(buf, x_input, y, &fit(&text, input_width), input_width as u16, style);
                    if focused {
                        let hint = format!("  {}/{} · ←/→ or first letter", selected + 1, options.len());
                        let used = text.width() as u16;
                        put(buf, x_input + used, y, &hint, (input_width as u16).saturating_sub(used), theme.dim);
                    }
                    y += 1;
                }
            }
        }
        if let Some(error) = &field.error {
            for line in wrap_at_most(error, input_width, MAX_ERROR_LINES) {
                if y >= inner.bottom() {
                    break;
                }
                put(buf, x_input, y, &line, input_width as u16, theme.error);
                y += 1;
            }
        }
    }
    for line in message {
        if y >= inner.bottom() {
            break;
        }
        put(buf, inner.x + 1, y, &line, inner.width.saturating_sub(1), theme.error);
        y += 1;
    }
    // The hint takes the last line inside the box, unless the fields needed it.
    let hint = "Tab next · Shift-Tab back · Enter save · Esc cancel";
    let hint_y = inner.bottom().saturating_sub(1).max(y);
    if hint_y < inner.bottom() {
        put(buf, inner.x + 1, hint_y, hint, inner.width.saturating_sub(1), theme.dim);
    }
}

pub fn confirm(confirm: &Confirm, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let width = area.width.saturating_sub(8).min(64);
    let room = usize::from(area.height.saturating_sub(6)).clamp(1, MAX_QUESTION_LINES);
    let lines = wrap_at_most(&confirm.question, usize::from(width) - 4, room);
    let height = (lines.len() + 4) as u16;
    let rect = area.centered(Constraint::Length(width), Constraint::Length(height));
    Clear.render(rect, buf);
    buf.set_style(rect, theme.base);
    let block = panel(" Please confirm ", true, theme);
    let inner = block.inner(rect);
    block.render(rect, buf);
    let mut text: Vec<Line> = lines.into_iter().map(Line::raw).collect();
    text.push(Line::raw(""));
    text.push(Line::from(vec![
        Span::styled("y", theme.key),
        Span::styled(" yes   ", theme.dim),
        Span::styled("n", theme.key),
        Span::styled(" no", theme.dim),
    ]));
    Paragraph::new(text).render(inner.inner(ratatui::layout::Margin::new(1, 0)), buf);
}

pub fn help(app: &App, scroll: usize, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let width = area.width.saturating_sub(6).min(86);
    let height = area.height.saturating_sub(2);
    let rect = area.centered(Constraint::Length(width), Constraint::Length(height));
    Clear.render(rect, buf);
    buf.set_style(rect, theme.base);
    let block = panel(" Help · Esc closes · j/k scroll ", true, theme);
    let inner = block.inner(rect);
    block.render(rect, buf);
    let keys = &app.config().keymap;
    let mut lines: Vec<Line> = Vec::new();
    let key_width = 16;
    // Everywhere, then each tab that has keys of its own.
    let tabs = Tab::ALL.iter().map(|t| (format!("{} tab", t.title()), t.scope()));
    let sections = std::iter::once(("Everywhere".to_string(), Scope::Global))
        .chain(tabs)
        .filter(|(_, scope)| Action::ALL.iter().any(|a| a.scope() == *scope));
    for (title, scope) in sections {
        lines.push(Line::styled(title, theme.header));
        for action in Action::ALL.iter().filter(|a| a.scope() == scope) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {}", pad(&keys.all_keys(*action), key_width)), theme.key),
                Span::raw(action.description()),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled("In forms", theme.header));
    for (k, what) in [
        ("Tab  Shift-Tab", "next / previous field"),
        ("←  →  Space", "change a choice (or type its first letter)"),
        ("Enter", "save; nothing is written until every field is valid"),
        ("Esc", "cancel (asks first if you typed something)"),
        ("Ctrl-W  Ctrl-U", "delete a word / the whole field"),
    ] {
        lines.push(Line::from(vec![Span::styled(format!("  {}", pad(k, key_width)), theme.key), Span::raw(what)]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("While searching", theme.header));
    lines.push(Line::raw("  Type to filter by name, company, email, tags and notes; best match first."));
    lines.push(Line::raw("  Enter keeps the filter, Esc clears it, ↑/↓ move."));
    lines.push(Line::raw(""));
    lines.push(Line::styled("Flags in the customer table", theme.header));
    for (flag, what) in [
        ("R", "at risk: health below the watch band"),
        ("F", "follow-up due: the stay-in-touch date has come"),
        ("C", "an open complaint"),
        ("S", "a suggestion waits in Review"),
        ("P", "type pinned by a person; the engine will not move it"),
    ] {
        lines.push(Line::from(vec![Span::styled(format!("  {flag}  "), theme.key), Span::raw(what)]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Relationship types", theme.header));
    for t in crate::domain::RelationshipType::ALL {
        lines.push(Line::from(vec![
            Span::styled(format!("  {}", pad(t.label(), key_width)), theme.relationship(*t)),
            Span::raw(t.description()),
        ]));
    }
    let visible: Vec<Line> = lines.into_iter().skip(scroll).collect();
    Paragraph::new(visible).wrap(Wrap { trim: false }).render(inner, buf);
}
