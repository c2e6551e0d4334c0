//! `rapport backup PATH`: a consistent copy, safe while rapport is open elsewhere.

use std::path::PathBuf;

use indicatif::HumanBytes;

use std::io::Write;

use crate::cli::output::emit;
use crate::cli::{BackupArgs, CliResult, open_existing_store};

pub fn run(db: Option<PathBuf>, args: &BackupArgs) -> CliResult {
    let store = open_existing_store(db)?;
    let report = store.backup_to(&args.path)?;
    let plural = if report.customers == 1 { "" } else { "s" };
    emit(|out| {
        writeln!(
            out,
            "Backed up {} customer{plural} ({}) to {}; the copy opens and checks out.",
            report.customers,
            HumanBytes(report.bytes),
            crate::text::inert(&args.path.display().to_string())
        )
    })
}
