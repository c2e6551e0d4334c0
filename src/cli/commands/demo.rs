//! `rapport demo`: fills the database with the deterministic sample.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::cli::{self, CliError, CliResult, DemoArgs};
use crate::demo::{self, DemoOptions};
use crate::paths;
use crate::store::Store;
use crate::transfer::TableKind;

/// Below this many customers the sample is written too quickly to need a progress line.
const PROGRESS_FROM: u32 = 20_000;

pub fn run(db: Option<PathBuf>, args: &DemoArgs) -> CliResult {
    let path = paths::database(db).map_err(CliError::failed)?;
    let mut store = Store::open(&path, cli::session()?)?;
    let options = DemoOptions { customers: args.customers, seed: args.seed, replace: args.force };
    let show_progress = args.customers >= PROGRESS_FROM && std::io::stderr().is_terminal();
    let mut shown = false;
    let written = demo::generate(&mut store, &options, |done, total| {
        if show_progress {
            let line = if done < total {
                format!("\rrapport: writing sample customers… {}%", u64::from(done) * 100 / u64::from(total))
            } else {
                "\rrapport: computing signals and suggestions…".to_string()
            };
            let mut err = std::io::stderr().lock();
            // Progress is a courtesy: a closed stderr must not stop the work.
            let _ = write!(err, "{line}\x1b[K").and_then(|()| err.flush());
            shown = true;
        }
    });
    if shown {
        let _ = write!(std::io::stderr(), "\r\x1b[K");
    }
    let written = written?;
    crate::cli::output::emit(|out| {
        writeln!(
            out,
            "Wrote {}, {}, {} and {} to {}.",
            TableKind::Customers.count_words(written.customers),
            TableKind::Interactions.count_words(written.interactions),
            TableKind::Feedback.count_words(written.feedback),
            TableKind::Contracts.count_words(written.contracts),
            crate::text::inert(&path.display().to_string())
        )
    })
}
