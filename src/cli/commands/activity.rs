//! `rapport activity [C] [--by USER] [--since DATE]`: who changed what and when, with
//! each field before and after, newest first.

use std::io::Write as _;
use std::path::PathBuf;

use serde::Serialize;

use crate::cli::output::{emit, write_json};
use crate::cli::{ActivityArgs, CliError, CliResult, ReportFormat, open_existing_store};
use crate::domain::dates::parse_date;
use crate::store::{ActivityEntry, ActivityFilter, FieldChange};
use crate::text::{capped, inert};

/// Field lines shown under one change before the rest are counted.
const FIELDS_SHOWN: usize = 8;

#[derive(Serialize)]
struct Shown<'a> {
    id: i64,
    at: &'a str,
    who: &'a str,
    customer_id: Option<i64>,
    description: &'a str,
    undoes: Option<i64>,
    undone_by: Option<i64>,
    fields: Vec<FieldChange>,
}

pub fn run(db: Option<PathBuf>, args: &ActivityArgs) -> CliResult {
    let store = open_existing_store(db)?;
    let since = match &args.since {
        Some(text) => Some(parse_date(text).map_err(|e| CliError::usage(format!("--since: {e}")))?),
        None => None,
    };
    let customer_id = match &args.customer {
        Some(reference) => Some(store.find_customer(reference)?.id),
        None => None,
    };
    let filter = ActivityFilter { customer_id, who: args.by.clone(), since, limit: args.limit };
    let entries = store.activity(&filter)?;
    match args.format {
        ReportFormat::Json => {
            let shown: Vec<Shown<'_>> = entries.iter().map(as_shown).collect();
            emit(|out| write_json(out, &shown))
        }
        ReportFormat::Table => emit(|out| {
            if entries.is_empty() {
                return writeln!(
                    out,
                    "No changes recorded{}.",
                    if filter == ActivityFilter::default() { "" } else { " that match" }
                );
            }
            for e in &entries {
                let undone = match (e.undone_by, e.undoes) {
                    (Some(by), _) => format!("  [undone by {by}]"),
                    _ => String::new(),
                };
                writeln!(
                    out,
                    "{:>6}  {}  {}  {}{undone}",
                    e.id,
                    crate::store::shown_time(&e.at),
                    inert(&capped(&e.who, 24)),
                    inert(&e.description)
                )?;
                let fields = e.field_changes();
                for f in fields.iter().take(FIELDS_SHOWN) {
                    match (f.before.is_empty(), f.after.is_empty(), f.field.as_str()) {
                        (true, _, "added") => {
                            writeln!(out, "        {} added: {}", f.record, inert(&capped(&f.after, 100)))?
                        }
                        (_, true, "removed") => {
                            writeln!(out, "        {} removed: {}", f.record, inert(&capped(&f.before, 100)))?
                        }
                        _ => writeln!(
                            out,
                            "        {} {}: {} → {}",
                            f.record,
                            inert(&f.field),
                            quoted(&f.before),
                            quoted(&f.after)
                        )?,
                    }
                }
                if fields.len() > FIELDS_SHOWN {
                    writeln!(out, "        … and {} more (--format json lists them all)", fields.len() - FIELDS_SHOWN)?;
                }
            }
            Ok(())
        }),
    }
}

fn as_shown(e: &ActivityEntry) -> Shown<'_> {
    Shown {
        id: e.id,
        at: &e.at,
        who: &e.who,
        customer_id: e.customer_id,
        description: &e.description,
        undoes: e.undoes,
        undone_by: e.undone_by,
        fields: e.field_changes(),
    }
}

fn quoted(value: &str) -> String {
    if value.is_empty() { "(empty)".to_string() } else { format!("'{}'", inert(&capped(value, 60))) }
}
