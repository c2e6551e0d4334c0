//! `rapport check`: is the database whole, and do its summaries agree with its records?

use std::path::PathBuf;

use crate::cli::{CliError, CliResult, open_existing_store};
use crate::transfer::TableKind;

/// How many problems are listed before the rest are only counted.
const SHOWN: usize = 50;

pub fn run(db: Option<PathBuf>) -> CliResult {
    let store = open_existing_store(db)?;
    let report = store.check()?;
    for note in &report.notes {
        println!("Note: {note}");
    }
    if report.is_ok() {
        let count = |kind: TableKind, n: i64| kind.count_words(n.max(0) as u64);
        println!(
            "OK: {} ({} archived), {}, {}, {}, {}; integrity, references, summaries, stages and suggestions all \
             consistent.",
            count(TableKind::Customers, report.customers),
            report.archived,
            count(TableKind::Interactions, report.interactions),
            count(TableKind::Feedback, report.feedback),
            count(TableKind::Contracts, report.contracts),
            count(TableKind::History, report.history)
        );
        return Ok(());
    }
    for problem in report.problems.iter().take(SHOWN) {
        println!("Problem: {problem}");
    }
    let n = report.problems.len();
    if n > SHOWN {
        println!("and {} more problems", n - SHOWN);
    }
    Err(CliError::failed(format!(
        "found {n} problem{} in {}; keep a copy (rapport backup) before changing anything, and restore a good backup \
         if records are damaged",
        if n == 1 { "" } else { "s" },
        store.path().display()
    )))
}
