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
    // Summaries for another day or other rules (a refresh cut short by a kill, an
    // interrupted upgrade, midnight) are unfinished work, not damage: finish it, a short
    // batch at a time, say so, then check.
    let unfinished = !store.is_read_only() && !store.summaries_current()? && store.customer_count()? > 0;
    let refreshed = if unfinished { store.finish_refresh()?.refreshed } else { 0 };
    let mut report = store.check()?;
    if refreshed > 0 {
        report.notes.insert(
            0,
            format!(
                "{refreshed} summar{} had not been brought to today and the rules in force (a refresh or a schema \
                 upgrade was cut short, or the day changed); check finished that first",
                if refreshed == 1 { "y" } else { "ies" }
            ),
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
