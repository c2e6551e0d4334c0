//! `rapport show`: one customer in full — contact data, every signal in plain words, the
//! satisfaction sparkline, what the engine concludes, contracts, classification history
//! and the latest entries of the timeline.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

use crate::cli::output::{self, Column, Out, Table};
use crate::cli::{CliResult, ShowArgs, ShowFormat, open_existing_store};
use crate::domain::conditions::{describe_days_ago, describe_duration};
use crate::domain::dates::{self, month_start_back};
use crate::domain::fields::shown_lines;
use crate::domain::model::TimelineEntry;
use crate::domain::money::display_cents;
use crate::domain::signals::SERIES_MONTHS;
use crate::domain::{
    Classification, Contract, Customer, Date, FeedbackKind, HistoryEntry, RelationshipType, Signals, SuggestionStatus,
};
use crate::text::{inert, inert_multiline};

/// How many timeline entries `show` prints, newest first.
const TIMELINE_ENTRIES: usize = 20;

/// Another customer, by id and name.
#[derive(Serialize)]
struct Named {
    id: i64,
    name: String,
}

/// The engine's stored proposal for this customer.
#[derive(Serialize)]
struct SuggestionView {
    from: RelationshipType,
    to: RelationshipType,
    reasons: String,
    since: Date,
    status: SuggestionStatus,
    pinned: bool,
}

/// Everything `show` reports; the JSON form is this, serialised.
#[derive(Serialize)]
struct Detail {
    customer: Customer,
    referred_by: Option<Named>,
    referrals: Vec<Named>,
    signals: Signals,
    sparkline: String,
    classification: Classification,
    suggestion: Option<SuggestionView>,
    contracts: Vec<Contract>,
    history: Vec<HistoryEntry>,
    timeline: Vec<TimelineEntry>,
    timeline_total: usize,
}

pub fn run(db: Option<PathBuf>, args: &ShowArgs) -> CliResult {
    let store = open_existing_store(db)?;
    let customer = store.find_customer(&args.customer)?;
    let evaluation = store.evaluate(&customer)?;
    let referred_by = match customer.referred_by {
        Some(id) => store.customer(id)?.map(|c| Named { id: c.id, name: c.name }),
        None => None,
    };
    let referrals = store.referrals_of(customer.id)?.into_iter().map(|(id, name)| Named { id, name }).collect();
    let detail = Detail {
        suggestion: store.suggestion(customer.id)?.map(|s| SuggestionView {
            from: s.from,
            to: s.to,
            reasons: s.reasons,
            since: s.since,
            status: s.status,
            pinned: customer.pinned,
        }),
        contracts: store.contracts(customer.id)?,
        history: store.history(customer.id)?,
        timeline: store.timeline(customer.id, TIMELINE_ENTRIES, 0)?,
        timeline_total: store.timeline_len(customer.id)?,
        sparkline: crate::text::sparkline(&evaluation.signals.series(), ' '),
        signals: evaluation.signals,
        classification: evaluation.classification,
        customer,
        referred_by,
        referrals,
    };
    output::emit(|out| match args.format {
        ShowFormat::Json => output::write_json(out, &detail),
        ShowFormat::Text => write_text(out, &detail),
    })
}

/// Width of the label column in the text form.
const LABEL: usize = 20;

fn field(out: &mut Out, label: &str, value: &str) -> io::Result<()> {
    writeln!(out, "  {label:<LABEL$}{value}")
}

/// A field whose value came from the database: made inert first.
fn stored(out: &mut Out, label: &str, value: &str) -> io::Result<()> {
    if value.trim().is_empty() { Ok(()) } else { field(out, label, &inert(value)) }
}

fn heading(out: &mut Out, title: &str) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{title}")
}

fn named(n: &Named) -> String {
    format!("{} (id {})", inert(n.name.trim()), n.id)
}

fn write_text(out: &mut Out, d: &Detail) -> io::Result<()> {
    let c = &d.customer;
    let archived = if c.archived { " — archived" } else { "" };
    writeln!(out, "{} (id {}){archived}", inert(&c.name), c.id)?;
    let mut written = None;
    for f in shown_lines() {
        // Fields sharing a line are written with the first of them.
        if written.replace(f.show) == Some(f.show) {
            continue;
        }
        match f.key {
            "relationship" => {
                let pinned = if c.pinned { " (pinned: set by a person, the engine does not move it)" } else { "" };
                field(out, f.label, &format!("{}{pinned}", f.display(c)))?;
            }
            "referred_by" => {
                if let Some(r) = &d.referred_by {
                    field(out, f.label, &named(r))?;
                }
                if !d.referrals.is_empty() {
                    field(out, "Has referred", &d.referrals.iter().map(named).collect::<Vec<_>>().join(", "))?;
                }
            }
            // The history before rapport, all four fields in one sentence.
            "prior_orders" => {
                if let Some(before) = c.prior.describe(|d| d.to_string()) {
                    field(out, "Elsewhere", &before)?;
                }
            }
            "notes" => {
                if !c.notes.trim().is_empty() {
                    let indent = format!("\n  {:LABEL$}", "");
                    field(out, f.label, &inert_multiline(c.notes.trim()).replace('\n', &indent))?;
                }
            }
            _ => stored(out, f.label, &f.display(c))?,
        }
    }
    write_signals(out, &d.signals, &d.sparkline)?;
    write_classification(out, d)?;
    write_contracts(out, d)?;
    write_history(out, &d.history)?;
    write_timeline(out, d)
}

fn write_signals(out: &mut Out, s: &Signals, sparkline: &str) -> io::Result<()> {
    heading(out, &format!("Signals as of {}", s.today))?;
    field(
        out,
        "Health",
        &if s.never_contacted {
            format!(
                "{}/100 from what is known (engagement unknown: never contacted, loyalty {:.0}); {}, not at risk, \
                 until a first contact",
                s.health,
                s.loyalty,
                s.band.label()
            )
        } else {
            format!(
                "{}/100, {} (engagement {}, loyalty {:.0})",
                s.health,
                s.band.label(),
                s.engagement.map_or_else(|| "unknown: no interaction yet".to_string(), |e| format!("{e:.0}")),
                s.loyalty
            )
        },
    )?;
    let satisfaction =
        s.satisfaction.map_or("unknown: no NPS answer, and no CSAT in 90 days".into(), |v| format!("{v:.0}/100"));
    field(out, "Satisfaction", &satisfaction)?;
    let nps = match (s.latest_nps, s.nps_category) {
        (Some(n), Some(cat)) => format!("{n} ({}), the latest answer", cat.label()),
        _ => "no answer yet".into(),
    };
    field(out, "NPS", &nps)?;
    let csat = match s.csat_90 {
        Some(mean) => format!(
            "{mean:.1} from {} answer{} ({} rated 4 or 5)",
            s.csat_answers_90,
            plural(s.csat_answers_90),
            s.csat_good_90
        ),
        None => "no answers".into(),
    };
    field(out, "CSAT, 90 days", &csat)?;
    let ago = |days: Option<i64>, date: Option<Date>, none: &str| match (days, date) {
        (Some(days), Some(date)) => format!("{} ({date})", describe_days_ago(days)),
        _ => none.to_string(),
    };
    field(out, "Last interaction", &ago(s.recency_days, s.last_interaction, "none yet"))?;
    let no_contact = if s.recency_days.is_some() { "none besides purchases" } else { "none yet" };
    field(out, "Last contact", &ago(s.contact_gap_days, s.last_contact, no_contact))?;
    field(
        out,
        "Purchases",
        &format!(
            "{} in 90 days, {} in 365 days, {} in all; bought in {} of the last 12 months",
            s.purchases_90, s.purchases_365, s.purchases_total, s.purchase_months_365
        ),
    )?;
    field(
        out,
        "Spend",
        &format!("{} in 365 days, {} in all", display_cents(s.spend_365), display_cents(s.spend_total)),
    )?;
    field(out, "Tenure", &format!("{} (since {})", describe_duration(s.tenure_days), s.first_seen))?;
    field(out, "Referrals made", &s.referrals_made.to_string())?;
    field(out, "Co-creation", &format!("{} in 180 days (sessions and ideas)", s.co_creation_180))?;
    field(out, "Community", &format!("{} in 180 days", s.community_180))?;
    let mood = s.support_sentiment_90.map_or(String::new(), |m| format!(", mood {m:+.1} on average"));
    field(out, "Support", &format!("{} request{} in 90 days{mood}", s.support_90, plural(s.support_90)))?;
    let complaints = if s.open_complaints == 0 { "none".to_string() } else { s.open_complaints.to_string() };
    field(out, "Open complaints", &complaints)?;
    if let Some(contract) = &s.active_contract {
        field(out, "Active contract", &format!("{} since {}", contract.kind.label(), contract.start))?;
    }
    let until = dates::days_between(s.today, s.follow_up_on);
    let follow_up = match until {
        ..0 => format!("due since {} ({} days overdue)", s.follow_up_on, -until),
        0 => format!("due today ({})", s.follow_up_on),
        _ => format!("{} (in {until} days)", s.follow_up_on),
    };
    field(out, "Follow-up", &format!("{follow_up}; this type expects contact every {} days", s.cadence_days))?;
    let first = month_start_back(s.today, SERIES_MONTHS as i64 - 1);
    let trend = s.trend.map_or("no trend yet".to_string(), |t| format!("{} {}", t.arrow(), t.key()));
    field(
        out,
        "Satisfaction trend",
        &format!("[{sparkline}] {trend} ({} to {})", first.strftime("%b %Y"), s.today.strftime("%b %Y")),
    )
}

fn write_classification(out: &mut Out, d: &Detail) -> io::Result<()> {
    heading(out, "Classification")?;
    let cl = &d.classification;
    field(out, "Evidence says", &format!("{}, stage {}", cl.relationship.label(), cl.stage.label()))?;
    field(out, "Because", &inert(&cl.reasons_text()))?;
    let current = d.customer.relationship;
    let line = match &d.suggestion {
        None if cl.relationship == current => "none: the type fits the evidence".to_string(),
        None => format!("none stored yet for a move to {}", cl.relationship.label()),
        Some(s) => {
            let status = match s.status {
                SuggestionStatus::Pending => format!("waiting for a decision since {}", s.since),
                SuggestionStatus::Rejected => "rejected earlier; it is not asked again while it points there".into(),
            };
            let pinned = if d.customer.pinned { "; the type is pinned, so it stays" } else { "" };
            format!("{} → {}, {status}{pinned}", s.from.label(), s.to.label())
        }
    };
    field(out, "Suggestion", &line)
}

fn write_contracts(out: &mut Out, d: &Detail) -> io::Result<()> {
    if d.contracts.is_empty() {
        return Ok(());
    }
    heading(out, "Contracts")?;
    const COLUMNS: [Column; 6] = [
        Column::left("  KIND", 14),
        Column::left("START", 10),
        Column::left("END", 10),
        Column::right("VALUE", 20),
        Column::left("STATE", 8),
        Column::left("NOTE", 200),
    ];
    let today = d.signals.today;
    let rows: Vec<Vec<String>> = d
        .contracts
        .iter()
        .map(|k| {
            vec![
                format!("  {}", k.kind.label()),
                k.start.to_string(),
                k.end.map_or("open-ended".into(), |e| e.to_string()),
                k.value.map(display_cents).unwrap_or_default(),
                if k.is_active_on(today) {
                    "active"
                } else if k.start > today {
                    "upcoming"
                } else {
                    "ended"
                }
                .into(),
                k.note.clone(),
            ]
        })
        .collect();
    Table::new(&COLUMNS).write_all(out, &rows)
}

fn write_history(out: &mut Out, history: &[HistoryEntry]) -> io::Result<()> {
    if history.is_empty() {
        return Ok(());
    }
    heading(out, "Classification history, newest first")?;
    const COLUMNS: [Column; 5] = [
        Column::left("  DATE", 12),
        Column::left("FROM", 13),
        Column::left("TO", 13),
        Column::left("BY", 16),
        Column::left("REASON", 400),
    ];
    let rows: Vec<Vec<String>> = history
        .iter()
        .map(|h| {
            vec![
                format!("  {}", h.date),
                h.from.map_or("—".into(), |f| f.key().into()),
                h.to.key().into(),
                crate::text::inert(&crate::text::capped(h.decided_by(), 16)).into_owned(),
                h.reason.clone(),
            ]
        })
        .collect();
    Table::new(&COLUMNS).write_all(out, &rows)
}

fn write_timeline(out: &mut Out, d: &Detail) -> io::Result<()> {
    if d.timeline.is_empty() {
        heading(out, "Timeline")?;
        return writeln!(out, "  nothing logged yet");
    }
    heading(out, &format!("Timeline, the latest {} of {}", d.timeline.len(), d.timeline_total))?;
    const COLUMNS: [Column; 3] = [Column::left("  DATE", 12), Column::left("WHAT", 28), Column::left("DETAILS", 400)];
    let rows: Vec<Vec<String>> = d.timeline.iter().map(timeline_row).collect();
    Table::new(&COLUMNS).write_all(out, &rows)
}

fn timeline_row(entry: &TimelineEntry) -> Vec<String> {
    let mut details = Vec::new();
    let what = match entry {
        TimelineEntry::Interaction(i) => {
            if let Some(amount) = i.amount {
                details.push(display_cents(amount));
            }
            if let Some(s) = i.sentiment {
                details.push(format!("mood {s:+}"));
            }
            if !i.summary.trim().is_empty() {
                details.push(i.summary.clone());
            }
            i.kind.label().to_string()
        }
        TimelineEntry::Feedback(f) => {
            if let Some(n) = f.nps {
                details.push(format!("NPS {n}"));
            }
            if let Some(c) = f.csat {
                details.push(format!("CSAT {c}"));
            }
            if !f.comment.trim().is_empty() {
                details.push(format!("“{}”", f.comment.trim()));
            }
            let open = f.kind == FeedbackKind::Complaint && !f.resolved;
            format!("Feedback: {}{}", f.kind.label().to_lowercase(), if open { " (open)" } else { "" })
        }
    };
    vec![format!("  {}", entry.date()), what, details.join(", ")]
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}
