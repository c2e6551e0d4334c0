//! What the detail pane says about a customer, as styled lines wrapped to the pane: the
//! profile and signals, the timeline and the history. Built when the customer, the data
//! or the pane's width changes, so scrolling knows how far the text goes without a draw.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::Context;
use crate::domain::SuggestionStatus;
use crate::domain::conditions::{describe_days_ago, describe_duration};
use crate::domain::fields::shown_lines;
use crate::domain::model::Detail;
use crate::domain::model::TimelineEntry;
use crate::domain::money::display_cents;
use crate::text::columns::fit;
use crate::text::wrap::{NO_BREAK_SPACE, wrap, wrap_all};
use crate::theme::Theme;
use unicode_width::UnicodeWidthStr;

/// The detail's text: one column of lines per area of the pane.
#[derive(Debug, Clone, Default)]
pub struct DetailText {
    pub columns: Vec<(Rect, Vec<Line<'static>>)>,
}

impl DetailText {
    /// Lays `d` out in `areas`: one column holds everything; with two, the profile is on
    /// the left and the timeline and history on the right.
    pub fn build(d: &Detail, cx: &Context, areas: &[Rect]) -> DetailText {
        let columns = match areas {
            [left, right] => {
                let profile = wrap_all(profile_lines(cx, d, usize::from(left.width)), usize::from(left.width));
                let mut story = timeline_lines(cx, d, usize::from(right.width));
                story.extend(history_lines(cx, d, usize::from(right.width)));
                let story = wrap_all(story, usize::from(right.width));
                vec![(*left, profile), (*right, story)]
            }
            _ => {
                let area = areas.first().copied().unwrap_or_default();
                let width = usize::from(area.width);
                let mut lines = profile_lines(cx, d, width);
                lines.extend(timeline_lines(cx, d, width));
                lines.extend(history_lines(cx, d, width));
                vec![(area, wrap_all(lines, width))]
            }
        };
        DetailText { columns }
    }

    /// Lines of the longest column.
    pub fn line_count(&self) -> usize {
        self.columns.iter().map(|(_, lines)| lines.len()).max().unwrap_or(0)
    }

    /// Rows the pane shows at once.
    pub fn height(&self) -> usize {
        self.columns.first().map_or(1, |(area, _)| usize::from(area.height).max(1))
    }
}
/// The customer fields the pane writes in its own words and places (the signals and the
/// timeline cover the follow-up, the date added and the notes); any other field that
/// `rapport show` prints gets a plain line of its label and value.
const PLACED_ABOVE: &[&str] = &[
    "id",
    "name",
    "company",
    "email",
    "phone",
    "relationship",
    "pinned",
    "stage",
    "tags",
    "owner",
    "referred_by",
    "next_follow_up",
    "notes",
    "created",
    "archived",
    "source_ref",
    "prior_orders",
    "prior_spend",
    "prior_last_order",
    "prior_since",
];

fn label_value(label: &str, value: String, theme: &Theme) -> Line<'static> {
    Line::from(vec![Span::styled(format!("{label} "), theme.dim), Span::styled(value, theme.base)])
}

fn heading(text: &str, theme: &Theme) -> Line<'static> {
    Line::styled(text.to_string(), theme.header)
}

fn wrapped(lines: &mut Vec<Line<'static>>, text: &str, width: usize, style: Style) {
    lines.extend(wrap(text, width).into_iter().map(|l| Line::styled(l, style)));
}

fn profile_lines(cx: &Context, d: &Detail, width: usize) -> Vec<Line<'static>> {
    let theme = &cx.theme;
    let c = &d.customer;
    let s = &d.evaluation.signals;
    let today = cx.store.today();
    let date = |x| cx.config.format_date(x);
    let mut lines = Vec::new();
    let pinned = if c.pinned { " (pinned)" } else { "" };
    lines.push(Line::from(vec![
        Span::styled(format!("{}{pinned}", c.relationship.label()), theme.relationship(c.relationship)),
        Span::styled(format!(" · {} · #{}", c.stage.label(), c.id), theme.dim),
    ]));
    let mut contact: Vec<String> = Vec::new();
    // No-break spaces keep a phone number on one line when the contact line wraps.
    let phone = c.phone.trim().chars().map(|ch| if ch == ' ' { NO_BREAK_SPACE } else { ch }).collect::<String>();
    for part in [c.company.trim(), c.email.as_deref().unwrap_or(""), &phone] {
        if !part.is_empty() {
            contact.push(part.to_string());
        }
    }
    if !contact.is_empty() {
        wrapped(&mut lines, &contact.join(" · "), width, theme.base);
    }
    if !c.owner.trim().is_empty() {
        lines.push(label_value("Owner", fit(c.owner.trim(), width), theme));
    }
    if !c.tags.is_empty() {
        wrapped(&mut lines, &format!("Tags: {}", c.tags.join(", ")), width, theme.base);
    }
    if let Some(source) = &c.source_ref {
        lines.push(label_value("Source", fit(source, width.saturating_sub(7)), theme));
    }
    if let Some(before) = c.prior.describe(date) {
        wrapped(&mut lines, &before, width, theme.base);
    }
    if let Some((id, name)) = &d.referrer {
        lines.push(label_value(
            "Referred by",
            format!("{} (#{id})", fit(name.trim(), width.saturating_sub(20))),
            theme,
        ));
    }
    if !d.referrals.is_empty() {
        let names: Vec<String> = d.referrals.iter().take(5).map(|(_, n)| n.trim().to_string()).collect();
        let more = if d.referrals.len() > 5 { format!(" and {} more", d.referrals.len() - 5) } else { String::new() };
        wrapped(&mut lines, &format!("Referred: {}{more}", names.join(", ")), width, theme.base);
    }
    // A field `rapport show` prints that this layout does not place itself (a new one).
    for field in shown_lines().into_iter().filter(|f| !PLACED_ABOVE.contains(&f.key)) {
        let value = field.display(c);
        if !value.trim().is_empty() {
            wrapped(&mut lines, &format!("{}: {}", field.label, value.trim()), width, theme.base);
        }
    }

    lines.push(Line::raw(""));
    lines.push(heading("Signals", theme));
    lines.push(Line::from(vec![
        Span::styled("Health ", theme.dim),
        Span::styled(
            if s.never_contacted {
                format!("{} · not at risk until a first contact", s.health)
            } else {
                format!("{} {}", s.health, s.band.label())
            },
            theme.band(s.band),
        ),
        Span::styled(
            format!(
                " · satisfaction {}",
                s.satisfaction.map(|v| format!("{v:.0}")).unwrap_or_else(|| "unknown".into())
            ),
            theme.base,
        ),
    ]));
    let engagement = match s.engagement {
        Some(e) => format!("{e:.0}"),
        None if s.never_contacted => "unknown (never contacted)".to_string(),
        None => "unknown (no interaction yet)".to_string(),
    };
    lines.push(label_value("Engagement", format!("{engagement} · loyalty {:.0}", s.loyalty), theme));
    let nps = match (s.latest_nps, s.nps_category) {
        (Some(n), Some(cat)) => format!("{n} ({})", cat.label()),
        _ => "none yet".into(),
    };
    let csat = s
        .csat_90
        .map(|v| format!("{v:.1} from {} in 90 days", s.csat_answers_90))
        .unwrap_or_else(|| "none in 90 days".into());
    lines.push(label_value("NPS", format!("{nps} · CSAT {csat}"), theme));
    let contact = match (s.recency_days, s.contact_gap_days) {
        (None, _) => "nothing logged yet".to_string(),
        (Some(r), Some(g)) => format!("{} · last contact {}", describe_days_ago(r), describe_days_ago(g)),
        (Some(r), None) => format!("{} · no contact besides purchases", describe_days_ago(r)),
    };
    lines.push(label_value("Last interaction", contact, theme));
    let due_text = if s.follow_up_due {
        format!("{} (due)", date(s.follow_up_on))
    } else {
        format!("{} (in {} days)", date(s.follow_up_on), crate::domain::dates::days_between(today, s.follow_up_on))
    };
    lines.push(Line::from(vec![
        Span::styled("Follow-up ", theme.dim),
        Span::styled(due_text, if s.follow_up_due { theme.watch } else { theme.base }),
        Span::styled(format!(" · every {} days", s.cadence_days), theme.dim),
    ]));
    lines.push(label_value(
        "Purchases",
        match s.purchase_months_365 {
            0 | 1 => format!("{} in 90 days · {} in 12 months", s.purchases_90, s.purchases_365),
            m => format!("{} in 90 days · {} in 12 months, in {m} different months", s.purchases_90, s.purchases_365),
        },
        theme,
    ));
    lines.push(label_value(
        "Spend",
        format!("{} in 12 months · {} in all", display_cents(s.spend_365), display_cents(s.spend_total)),
        theme,
    ));
    lines.push(label_value(
        "Customer for",
        format!(
            "{} · {} referral{}",
            describe_duration(s.tenure_days),
            s.referrals_made,
            if s.referrals_made == 1 { "" } else { "s" }
        ),
        theme,
    ));
    let mood = s.support_sentiment_90.map(|m| format!(", mood {m:+.1}")).unwrap_or_default();
    lines.push(label_value(
        "Co-creation",
        format!("{} · community {} · in 6 months", s.co_creation_180, s.community_180),
        theme,
    ));
    lines.push(label_value("Support", format!("{} in 90 days{mood}", s.support_90), theme));
    if s.open_complaints > 0 {
        lines.push(Line::styled(
            format!("{} open complaint{}", s.open_complaints, if s.open_complaints == 1 { "" } else { "s" }),
            theme.error,
        ));
    }
    let arrow = s.trend.map(|t| t.arrow()).unwrap_or(" ");
    let trend_style = theme.trend(s.trend);
    lines.push(Line::from(vec![
        Span::styled("12 months ", theme.dim),
        Span::styled(crate::text::sparkline(&s.series(), '·'), theme.accent),
        Span::raw(" "),
        Span::styled(arrow.to_string(), trend_style),
        Span::styled(s.trend.map(|t| format!(" {}", t.key())).unwrap_or_default(), trend_style),
    ]));

    lines.push(Line::raw(""));
    let engine = &d.evaluation.classification;
    lines.push(heading(&format!("Evidence points to {}", engine.relationship.label()), theme));
    wrapped(&mut lines, &engine.reasons_text(), width, theme.base);
    if let Some(sug) = &d.suggestion {
        let status = match (sug.status, c.pinned) {
            (_, true) => "pinned: the engine will not move it",
            (SuggestionStatus::Pending, false) => "waiting in Review",
            (SuggestionStatus::Rejected, false) => "rejected earlier",
        };
        lines.push(Line::styled(
            format!("Suggestion {} → {} ({status})", sug.from.label(), sug.to.label()),
            theme.accent,
        ));
    }

    if !d.contracts.is_empty() {
        lines.push(Line::raw(""));
        lines.push(heading("Contracts", theme));
        for k in &d.contracts {
            let end = k.end.map(date).unwrap_or_else(|| "open".into());
            let active = if k.is_active_on(today) { " active" } else { "" };
            let value = k.value.map(|v| format!(" · {}", display_cents(v))).unwrap_or_default();
            let note = if k.note.trim().is_empty() { String::new() } else { format!(" · {}", k.note.trim()) };
            wrapped(
                &mut lines,
                &format!("{} {} → {end}{active}{value}{note}", k.kind.label(), date(k.start)),
                width,
                theme.base,
            );
        }
    }
    if !c.notes.trim().is_empty() {
        lines.push(Line::raw(""));
        lines.push(heading("Notes", theme));
        wrapped(&mut lines, c.notes.trim(), width, theme.base);
    }
    lines
}

fn timeline_lines(cx: &Context, d: &Detail, width: usize) -> Vec<Line<'static>> {
    let theme = &cx.theme;
    let mut lines = vec![Line::raw(""), heading(&format!("Timeline ({}), newest first", d.timeline_total), theme)];
    if d.timeline.is_empty() {
        lines.push(Line::styled("Nothing logged yet.", theme.dim));
    }
    for entry in &d.timeline {
        let date = cx.config.format_date(entry.date());
        let (what, text, style) = match entry {
            TimelineEntry::Interaction(i) => {
                let mut parts = Vec::new();
                if let Some(a) = i.amount {
                    parts.push(display_cents(a));
                }
                if let Some(s) = i.sentiment {
                    parts.push(format!("mood {s:+}"));
                }
                if !i.summary.trim().is_empty() {
                    parts.push(i.summary.trim().to_string());
                }
                (i.kind.label().to_lowercase(), parts.join(" · "), theme.base)
            }
            TimelineEntry::Feedback(f) => {
                let mut parts = Vec::new();
                if let Some(n) = f.nps {
                    parts.push(format!("NPS {n}"));
                }
                if let Some(c) = f.csat {
                    parts.push(format!("CSAT {c}"));
                }
                if !f.comment.trim().is_empty() {
                    parts.push(format!("“{}”", f.comment.trim()));
                }
                let open = f.kind == crate::domain::FeedbackKind::Complaint && !f.resolved;
                if open {
                    parts.push("open".into());
                }
                (f.kind.label().to_lowercase(), parts.join(" · "), if open { theme.error } else { theme.accent })
            }
        };
        let lead = format!("{date} {:<11} ", what);
        let lead_width = lead.width();
        let body = wrap(&text, width.saturating_sub(lead_width).max(10));
        for (i, part) in body.into_iter().enumerate() {
            let first = if i == 0 { lead.clone() } else { " ".repeat(lead_width) };
            lines.push(Line::from(vec![Span::styled(first, theme.dim), Span::styled(part, style)]));
        }
    }
    if d.timeline.len() < d.timeline_total {
        lines.push(Line::styled(format!("… {} more: keep scrolling", d.timeline_total - d.timeline.len()), theme.dim));
    }
    lines
}

fn history_lines(cx: &Context, d: &Detail, width: usize) -> Vec<Line<'static>> {
    let theme = &cx.theme;
    let mut lines = vec![Line::raw(""), heading("Classification history", theme)];
    if d.history.is_empty() {
        lines.push(Line::styled("No decisions yet.", theme.dim));
    }
    for h in &d.history {
        let from = h.from.map(|f| f.label()).unwrap_or("new");
        let text =
            format!("{} {from} → {} by {}: {}", cx.config.format_date(h.date), h.to.label(), h.decided_by(), h.reason);
        wrapped(&mut lines, &text, width, theme.base);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fields::customer_field;

    #[test]
    fn the_fields_placed_by_the_layout_are_fields_of_the_table() {
        for key in PLACED_ABOVE {
            assert!(customer_field(key).is_some(), "{key} is not a customer field");
        }
    }
}
