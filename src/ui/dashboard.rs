//! The Dashboard tab: the portfolio in four panels — customers per type with mean health,
//! satisfaction (NPS, CSAT, health bands), the 12-month satisfaction trend, and the
//! customers needing attention (selectable; Enter opens one).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{panel, put};
use crate::app::dashboard::{DashboardData, DashboardScreen};
use crate::app::layout::{self, scroll_to};
use crate::app::{Action, App, Draw};
use crate::domain::dates::month_start_back;
use crate::domain::{Band, Rules};
use crate::text::columns::{pad, pad_left, thousands};
use crate::theme::Theme;

impl Draw for DashboardScreen {
    fn render(&self, app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
        render(app, area, buf, theme);
    }

    fn hints(&self, app: &App) -> Vec<(String, &'static str)> {
        let k = |a: Action| app.config().keymap.hint(a);
        vec![(k(Action::Open), "open customer"), (k(Action::Customers), "customers")]
    }
}

fn render(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let data = app.dashboard();
    let areas = layout::dashboard(area);
    types(data, app.store().rules(), areas.types, buf, theme);
    satisfaction(data, areas.satisfaction, buf, theme);
    attention(app, areas.attention, buf, theme);
    trend(app, areas.trend, buf, theme);
}

fn bar(fraction: f64, width: usize) -> String {
    let eighths = (fraction.clamp(0.0, 1.0) * width as f64 * 8.0).round() as usize;
    let partial = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let mut s = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        s.push(partial[eighths % 8 - 1]);
    }
    s
}

fn types(data: &DashboardData, rules: &Rules, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let block = panel(format!(" Customers by type · {} ", thousands(data.customers)), false, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    let max = data.types.iter().map(|t| t.count).max().unwrap_or(0).max(1);
    // label, bar, count, mean health
    let count_width = thousands(max).len().max(3);
    let bar_width = width.saturating_sub(14 + count_width + 2 + 8);
    let spare_rows = usize::from(inner.height).saturating_sub(data.types.len() + 1);
    let mut y = inner.y;
    if spare_rows > 0 {
        let header = format!("{}{}{}", pad("", 15 + bar_width), pad_left("n", count_width), "  health");
        put(buf, inner.x, y, &header, inner.width, theme.header);
        y += 1;
    }
    for stat in &data.types {
        if y >= inner.bottom() {
            break;
        }
        let mut x = inner.x;
        put(buf, x, y, &pad(stat.relationship.label(), 14), 14, theme.relationship(stat.relationship));
        x += 14;
        let b = bar(stat.count as f64 / max as f64, bar_width);
        put(buf, x, y, &b, bar_width as u16, theme.relationship(stat.relationship));
        x += bar_width as u16 + 1;
        put(buf, x, y, &pad_left(&thousands(stat.count), count_width), count_width as u16, theme.base);
        x += count_width as u16;
        let (text, style) = match stat.mean_health {
            Some(h) => {
                let band = band_of(rules, h);
                (format!("  {:>3.0}", h), theme.band(band))
            }
            None => ("    –".into(), theme.dim),
        };
        put(buf, x, y, &text, inner.right().saturating_sub(x), style);
        y += 1;
    }
}

fn band_of(rules: &Rules, health: f64) -> Band {
    rules.health.band(health.round().clamp(0.0, 100.0) as u8)
}

fn percent(part: u64, total: u64) -> String {
    if total == 0 { "–".into() } else { format!("{:.0}%", part as f64 * 100.0 / total as f64) }
}

/// Each figure and its label are joined by no-break spaces, so wrapping never splits them.
fn satisfaction(data: &DashboardData, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let block = panel(" Satisfaction ", false, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    let answered = data.promoters + data.passives + data.detractors;
    let nps = data.nps.map(|n| format!("{n:+}")).unwrap_or_else(|| "–".into());
    let nps_style = match data.nps {
        Some(n) if n >= 30 => theme.healthy,
        Some(n) if n >= 0 => theme.watch,
        Some(_) => theme.at_risk,
        None => theme.dim,
    };
    let [healthy, watch, at_risk] = data.bands;
    let lines = vec![
        Line::from(vec![
            Span::styled("NPS ", theme.dim),
            Span::styled(nps, nps_style),
            Span::styled(format!(" ({} answered)", thousands(answered as usize)), theme.dim),
        ]),
        stacked(
            &[(data.promoters, theme.healthy), (data.passives, theme.watch), (data.detractors, theme.at_risk)],
            width,
        ),
        Line::from(vec![
            Span::styled(format!("{}\u{a0}promoters", percent(data.promoters, answered)), theme.healthy),
            Span::styled(" · ", theme.dim),
            Span::styled(format!("{}\u{a0}passive", percent(data.passives, answered)), theme.watch),
            Span::styled(" · ", theme.dim),
            Span::styled(format!("{}\u{a0}detractors", percent(data.detractors, answered)), theme.at_risk),
        ]),
        Line::from(vec![
            Span::styled("CSAT ", theme.dim),
            Span::styled(data.csat_percent.map(|p| format!("{p:.0}%")).unwrap_or_else(|| "–".into()), theme.base),
            Span::styled(format!(" (4-5 of {}, 90 days)", thousands(data.csat_answers as usize)), theme.dim),
        ]),
        stacked(
            &[(healthy as u64, theme.healthy), (watch as u64, theme.watch), (at_risk as u64, theme.at_risk)],
            width,
        ),
        Line::from(vec![
            Span::styled(format!("{}\u{a0}healthy", thousands(healthy)), theme.healthy),
            Span::styled(" · ", theme.dim),
            Span::styled(format!("{}\u{a0}watch", thousands(watch)), theme.watch),
            Span::styled(" · ", theme.dim),
            Span::styled(format!("{}\u{a0}at\u{a0}risk", thousands(at_risk)), theme.at_risk),
        ]),
    ];
    let lines: Vec<Line> = lines.into_iter().flat_map(|l| crate::text::wrap::wrap_line(l, width)).collect();
    Paragraph::new(lines).render(inner, buf);
}

/// A bar split into coloured parts in proportion.
fn stacked(parts: &[(u64, Style)], width: usize) -> Line<'static> {
    let total: u64 = parts.iter().map(|(n, _)| n).sum();
    if total == 0 {
        return Line::raw("");
    }
    let mut spans = Vec::new();
    let mut used = 0;
    for (i, (n, style)) in parts.iter().enumerate() {
        let cells = if i + 1 == parts.len() {
            width - used
        } else {
            ((*n as f64 / total as f64) * width as f64).round() as usize
        };
        let cells = cells.min(width - used);
        used += cells;
        spans.push(Span::styled("█".repeat(cells), *style));
    }
    Line::from(spans)
}

fn attention(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let data = app.dashboard();
    let block = panel(" Needs attention · Enter opens ", true, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    // Rows: a heading per list, then its customers.
    let mut rows: Vec<(Option<usize>, Line)> = Vec::new();
    let mut index = 0;
    let width = usize::from(inner.width);
    for list in &data.attention {
        let shown = if list.total > list.items.len() {
            format!(" (worst {} of {})", list.items.len(), thousands(list.total))
        } else {
            String::new()
        };
        rows.push((
            None,
            Line::styled(format!("{} · {}{shown}", list.kind.title(), thousands(list.total)), theme.header),
        ));
        if list.items.is_empty() {
            rows.push((None, Line::styled("  none", theme.dim)));
        }
        for item in &list.items {
            let detail_width = item.detail.chars().count().min(width / 2);
            let name = pad(&format!("  {}", item.name.trim()), width.saturating_sub(detail_width + 1));
            rows.push((
                Some(index),
                Line::from(vec![
                    Span::raw(name),
                    Span::raw(" "),
                    Span::styled(pad_left(&item.detail, detail_width), theme.dim),
                ]),
            ));
            index += 1;
        }
    }
    let selected_row = rows.iter().position(|(i, _)| *i == Some(app.attention_selected())).unwrap_or(0);
    let height = usize::from(inner.height);
    let first = scroll_to(app.dashboard_screen().offset(), selected_row, height, rows.len());
    for (n, (item, line)) in rows.into_iter().skip(first).take(height).enumerate() {
        let y = inner.y + n as u16;
        let line = if item == Some(app.attention_selected()) { line.style(theme.selected) } else { line };
        if item == Some(app.attention_selected()) {
            buf.set_style(Rect { x: inner.x, y, width: inner.width, height: 1 }, theme.selected);
        }
        line.render(Rect { x: inner.x, y, width: inner.width, height: 1 }, buf);
    }
}

fn trend(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let data = app.dashboard();
    let block = panel(" Satisfaction, 12 months ", false, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height < 3 || inner.width < 24 {
        return;
    }
    let months = data.trend.len() as u16;
    let column = (inner.width / months).max(2);
    let bar_width = (column - 1).max(1);
    let chart_height = inner.height.saturating_sub(2);
    let today = app.store().today();
    for (i, value) in data.trend.iter().enumerate() {
        let x = inner.x + i as u16 * column;
        let month = month_start_back(today, (data.trend.len() - 1 - i) as i64);
        let label = ["J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"][(month.month() - 1) as usize];
        put(buf, x, inner.bottom() - 1, label, bar_width, theme.dim);
        let Some(v) = value else {
            put(buf, x, inner.bottom() - 2, "·", 1, theme.dim);
            continue;
        };
        let eighths = ((v / 100.0) * f64::from(chart_height) * 8.0).round() as u16;
        let style = theme.band(band_of(app.store().rules(), *v));
        for row in 0..chart_height {
            let level = eighths.saturating_sub(row * 8).min(8);
            if level == 0 {
                break;
            }
            let glyph = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'][usize::from(level - 1)];
            let y = inner.bottom() - 2 - row;
            for dx in 0..bar_width {
                put(buf, x + dx, y, &glyph.to_string(), 1, style);
            }
        }
        if chart_height > 1 && v.round() as i64 >= 0 {
            let text = format!("{:.0}", v);
            let top = inner.bottom() - 2 - (eighths / 8).min(chart_height - 1);
            if bar_width as usize >= text.len() && top > inner.y {
                put(buf, x, top - 1, &text, bar_width, theme.dim);
            }
        }
    }
}
