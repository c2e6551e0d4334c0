//! `rapport check`: is the database whole, and do its summaries agree with its records?

use std::path::PathBuf;

use std::io::Write;

use crate::cli::output::emit;
use crate::cli::{CliError, CliResult, open_existing_store};
use crate::transfer::TableKind;

/// How many problems are listed before the rest are only counted.
const SHOWN: usize = 50;

pub fn run(db: Option<PathBuf>) -> CliResult {
    let mut store = open_existing_store(db)?;
    // No summary date with customers on file: a schema upgrade asked for every summary
    // to be recomputed and was stopped before that. That is unfinished work, not damage:
    // finish it as any other command would, say so, then check.
    let unfinished = store.summary_date()?.is_none() && store.customer_count()? > 0 && !store.is_read_only();
    if unfinished {
        store.ensure_current()?;
    }
    let mut report = store.check()?;
    if unfinished {
        report.notes.insert(
            0,
            "the summaries had not been recomputed since the last schema upgrade (it was interrupted); check \
             finished that first"
                .into(),
        );
    }
    let count = |kind: TableKind, n: i64| kind.count_words(n.max(0) as u64);
    let n = report.problems.len();
    emit(|out| {
        for note in &report.notes {
            writeln!(out, "Note: {}", crate::text::inert(note))?;
        }
        if report.is_ok() {
            return writeln!(
                out,
                "OK: {} ({} archived), {}, {}, {}, {}; integrity, references, summaries, stages and suggestions all \
             consistent.",
                count(TableKind::Customers, report.customers),
                report.archived,
                count(TableKind::Interactions, report.interactions),
                count(TableKind::Feedback, report.feedback),
                count(TableKind::Contracts, report.contracts),
                count(TableKind::History, report.history)
            );
        }
        for problem in report.problems.iter().take(SHOWN) {
            writeln!(out, "Problem: {}", crate::text::inert(problem))?;
        }
        if n > SHOWN {
            writeln!(out, "and {} more problems", n - SHOWN)?;
        }
        Ok(())
    })?;
    if report.is_ok() {
        return Ok(());
    }
    Err(CliError::failed(format!(
        "found {n} problem{} in {}; keep a copy (rapport backup) before changing anything, and restore a good backup \
         if records are damaged",
        if n == 1 { "" } else { "s" },
        store.path().display()
    )))
}
