//! `rapport import PATH [--kind K] [--dry-run]`: a CSV file, an export folder or a JSON
//! export, all or nothing. Every bad row is listed as `FILE:LINE: column: reason`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::output::emit;
use crate::cli::{self, CliError, CliResult, DateOrderArg, ImportArgs, ImportKind};
use crate::paths;
use crate::store::Store;
use crate::text::inert;
use crate::transfer::dates::DateOrder;
use crate::transfer::{
    ImportObserver, ImportSettings, ReadOptions, Source, TableKind, TransferError, check_import, import, notices,
};

/// Imports smaller than this finish too quickly for a progress bar to help.
const LARGE_IMPORT_BYTES: u64 = 4 << 20;

/// Notices on stderr, and a progress bar there when it is a terminal and the import large.
struct Terminal {
    show_bar: bool,
    bar: Option<ProgressBar>,
}

impl Terminal {
    fn new(source: &Source) -> Terminal {
        let show_bar = std::io::stderr().is_terminal() && source.bytes_per_read() >= LARGE_IMPORT_BYTES;
        Terminal { show_bar, bar: None }
    }

    fn clear(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl ImportObserver for Terminal {
    fn notice(&mut self, text: &str) {
        let line = format!("rapport: {}", inert(text));
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    fn phase(&mut self, name: &'static str, total_bytes: u64) {
        if !self.show_bar {
            return;
        }
        self.clear();
        let bar = if total_bytes > 0 {
            let style = ProgressStyle::with_template("{msg:>18} [{bar:30}] {bytes}/{total_bytes} ({eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            ProgressBar::new(total_bytes).with_style(style.progress_chars("=> "))
        } else {
            let bar = ProgressBar::new_spinner();
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        };
        bar.set_message(name);
        self.bar = Some(bar);
    }

    fn progress(&mut self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(bytes);
        }
    }
}

fn table_kind(kind: ImportKind) -> TableKind {
    match kind {
        ImportKind::Customers => TableKind::Customers,
        ImportKind::Interactions => TableKind::Interactions,
        ImportKind::Feedback => TableKind::Feedback,
        ImportKind::Contracts => TableKind::Contracts,
    }
}

/// Lists every problem on stderr and says that nothing was imported.
fn refused(e: TransferError, args: &ImportArgs) -> CliError {
    let TransferError::Rows(problems) = e else { return CliError::from(e) };
    for line in problems.lines() {
        eprintln!("{line}");
    }
    let n = problems.total();
    CliError::usage(format!(
        "nothing was imported: {n} problem{} in {}; fix {} and import again",
        if n == 1 { "" } else { "s" },
        inert(&args.path.display().to_string()),
        if n == 1 { "it" } else { "them" }
    ))
}

pub fn run(db: Option<PathBuf>, args: &ImportArgs) -> CliResult {
    let options = ReadOptions::from_flags(args.encoding.as_deref(), args.delimiter.as_deref())?;
    let source = Source::open(&args.path, args.kind.map(table_kind), options)?;
    let path = paths::database(db).map_err(CliError::failed)?;
    let session = cli::session()?;
    // Checking never creates the database: a refused import leaves no trace.
    let existing = if path.exists() { Some(Store::open_existing(&path, session.clone())?) } else { None };
    // Dates are judged by the database's today; a new one's is the creator's.
    let today = match &existing {
        Some(store) => store.today(),
        None => crate::store::today_in(session.clock, &crate::store::system_timezone()),
    };
    let settings = ImportSettings {
        today,
        date_order: args.date_order.map(|o| match o {
            DateOrderArg::Dmy => DateOrder::DayFirst,
            DateOrderArg::Mdy => DateOrder::MonthFirst,
        }),
        no_update: args.no_update,
    };
    let mut terminal = Terminal::new(&source);
    // A dry run shows all this in its column mapping.
    if !args.dry_run {
        for notice in notices::notices(&source) {
            terminal.notice(&notice);
        }
    }
    let checked = check_import(existing.as_ref(), &source, settings, &mut terminal);
    terminal.clear();
    let checked = checked.map_err(|e| refused(e, args))?;
    let ids = match (checked.file_has_ids(), checked.keeps_ids()) {
        (false, _) => "",
        (true, true) => " (keeping the file's ids)",
        (true, false) => " (with new ids, as the database already holds customers)",
    };
    let shown_path = inert(&args.path.display().to_string()).into_owned();
    if args.dry_run {
        let (added, other) = (checked.counts().added_words(), checked.counts().other_words());
        return emit(|out| {
            for line in notices::mapping(&source) {
                writeln!(out, "{}", inert(&line))?;
            }
            writeln!(out, "Dry run: {shown_path} is valid and would import {added}{ids}{other}. Nothing was written.")
        });
    }
    let mut store = match existing {
        Some(store) => store,
        None => Store::open(&path, session)?,
    };
    let outcome = import(&mut store, &source, &checked, &mut terminal);
    terminal.clear();
    let outcome = outcome.map_err(|e| refused(e, args))?;
    let (added, other) = (outcome.counts.added_words(), outcome.counts.other_words());
    emit(|out| writeln!(out, "Imported {added} from {shown_path}{ids}{other}."))?;
    cli::finish_refresh(&mut store)
}
