//! The tab bar at the top and the footer with key hints, notices and the database path.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::app::{Action, App, NoticeKind, Tab, layout};
use crate::text::columns::fit;
use crate::theme::Theme;

pub fn tabs(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let mut spans = vec![Span::styled(" rapport ", theme.title)];
    let labels = app.tab_labels();
    let rects = layout::tab_rects(area, labels.each_ref().map(|l| l.width() as u16));
    // Where the tabs end, one column after the last.
    let x = rects[Tab::COUNT - 1].right() + 1;
    for (tab, label) in Tab::ALL.iter().zip(labels) {
        let style = if *tab == app.tab { theme.tab_active } else { theme.dim };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    Line::from(spans).render(area, buf);

    // When the tabs leave too little room, the date goes first: a read-only banner stays.
    let today = format!("today {} ", app.config().format_date(app.store().today()));
    let read_only = app.store().is_read_only();
    let candidates = if read_only { vec![format!("READ-ONLY · {today}"), "READ-ONLY ".into()] } else { vec![today] };
    if let Some(right) = candidates.iter().find(|r| r.width() as u16 + x < area.right()) {
        let style = if read_only { theme.error } else { theme.dim };
        buf.set_string(area.right() - right.width() as u16, area.y, right, style);
    }
}

/// The hints for what can be done right now.
fn hints(app: &App) -> Vec<(String, &'static str)> {
    let k = |a: Action| app.config().keymap.hint(a);
    if app.help.is_some() {
        return vec![("Esc".into(), "close help"), ("j/k".into(), "scroll")];
    }
    if app.confirm.is_some() {
        return vec![("y".into(), "yes"), ("n".into(), "no")];
    }
    if let Some(open) = &app.form {
        let mut list = vec![("Tab".into(), "next field"), ("Enter".into(), "save"), ("Esc".into(), "cancel")];
        if open.form.offers_other() {
            list.insert(2, ("Ctrl-T".into(), "theirs/yours"));
        }
        list.push(("←/→".into(), "choose"));
        return list;
    }
    if app.searching() {
        return vec![("Enter".into(), "keep filter"), ("Esc".into(), "clear"), ("↑/↓".into(), "move")];
    }
    let mut list = vec![(k(Action::Quit), "quit"), (k(Action::Help), "help")];
    list.extend(app.screen(app.tab).hints(app));
    list
}

pub fn footer(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let path = shorten_path(&app.store().path().display().to_string());
    let mut path_width = (path.width() as u16).min(area.width / 3);
    let left_width = area.width.saturating_sub(path_width + 1);
    if let Some(notice) = &app.notice {
        let style = if notice.kind == NoticeKind::Error { theme.error } else { theme.info };
        // A notice that needs the room takes the whole line: it matters more than the path.
        let room = if notice.text.width() > usize::from(left_width) {
            path_width = 0;
            area.width
        } else {
            left_width
        };
        buf.set_string(area.x, area.y, fit(&notice.text, usize::from(room)), style);
    } else {
        let mut spans = Vec::new();
        let mut used = 0usize;
        for (key, what) in hints(app) {
            let piece = key.width() + what.width() + 3;
            if used + piece > usize::from(left_width) {
                break;
            }
            used += piece;
            spans.push(Span::styled(format!(" {key}"), theme.key));
            spans.push(Span::styled(format!(" {what} "), theme.dim));
        }
        Line::from(spans).render(Rect { width: left_width, ..area }, buf);
    }
    if path_width > 0 {
        let shown = fit_left(&path, usize::from(path_width));
        buf.set_string(area.right() - shown.width() as u16, area.y, shown, theme.dim);
    }
}

/// The home folder as `~`.
fn shorten_path(path: &str) -> String {
    match std::env::var("HOME") {
        Ok(home) if !home.is_empty() && path.starts_with(&home) => format!("~{}", &path[home.len()..]),
        _ => path.to_string(),
    }
}

/// Keeps the end of a path, which says the most, cutting from the left with `…`.
fn fit_left(text: &str, width: usize) -> String {
    let safe = crate::text::inert(text);
    if safe.width() <= width {
        return safe.into_owned();
    }
    let chars: Vec<char> = safe.chars().collect();
    let mut out: Vec<char> = Vec::new();
    let mut used = 1;
    for c in chars.iter().rev() {
        let w = unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(*c);
    }
    out.push('…');
    out.iter().rev().collect()
}
