//! The command line: parses, opens the database, dispatches. Each command lives in its
//! own file under `commands/`.

mod args;
pub mod commands;
mod error;
mod notices;
pub mod output;

use std::path::PathBuf;

pub use args::*;
pub use error::{CliError, CliResult, EXIT_FAILED, EXIT_USAGE};

use crate::store::{Clock, Session, Store};
use crate::{clock, identity, paths};

/// Who this run writes as, and how it learns today's date: `RAPPORT_TODAY` when set,
/// else the calendar in the database's time zone.
pub fn session() -> CliResult<Session> {
    let clock = match clock::fixed_today().map_err(CliError::usage)? {
        Some(date) => Clock::Fixed(date),
        None => Clock::System,
    };
    let config_user = load_config()?.user;
    Ok(Session::new(identity::current(&config_user), clock))
}

/// The configuration: config.toml (or `RAPPORT_CONFIG`), and NO_COLOR from the
/// environment. A bad file is a usage error naming its line.
pub fn load_config() -> CliResult<crate::config::Config> {
    let path = paths::config_file().map_err(CliError::failed)?;
    let mut config = crate::config::load(&path).map_err(|e| CliError::usage(e.to_string()))?;
    config.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Ok(config)
}

/// Opens (creating if needed) the database for a command that writes.
pub fn open_store(db: Option<PathBuf>) -> CliResult<Store> {
    let path = paths::database(db).map_err(CliError::failed)?;
    let store = Store::open(&path, session()?)?;
    notices::former_rules_file();
    Ok(store)
}

/// Opens an existing database: for commands that read customers or name one, so that a
/// mistyped `--db` is reported rather than answered from a new empty file. Nothing is
/// written by opening it; summaries for another day or other rules read as if current.
pub fn open_existing_store(db: Option<PathBuf>) -> CliResult<Store> {
    let path = paths::database(db).map_err(CliError::failed)?;
    let store = Store::open_existing(&path, session()?)?;
    notices::former_rules_file();
    Ok(store)
}

/// How long a command that writes goes on with a refresh left to do (after midnight, a
/// rules change elsewhere) once its own work is done: a share of it, not all.
const REFRESH_SHARE: std::time::Duration = std::time::Duration::from_millis(150);

/// After a command's own write: summaries still on another day or other rules are
/// rewritten for a short while, a batch at a time, so that the refresh gets done over the
/// day's first commands (or by an open dashboard) and readers need not compute them.
pub fn finish_refresh(store: &mut Store) -> CliResult {
    if !store.is_read_only() && !store.summaries_current()? {
        store.refresh_for(Some(REFRESH_SHARE))?;
    }
    Ok(())
}

/// Runs one invocation; returns the process exit status.
pub fn run(cli: Cli) -> u8 {
    match dispatch(cli) {
        Ok(()) => 0,
        Err(e) => {
            // Messages may quote a file or the database: never let them steer the terminal
            // (line breaks stay, for messages that list one problem per line).
            eprintln!("rapport: {}", crate::text::inert_multiline(&e.message));
            e.code
        }
    }
}

fn dispatch(cli: Cli) -> CliResult {
    use commands::*;
    let db = cli.db;
    match cli.command {
        None if cli.demo => dashboard::run_demo(),
        None => dashboard::run(db),
        Some(Command::Demo(args)) => demo::run(db, &args),
        Some(Command::Add(args)) => add::run(db, &args),
        Some(Command::Log(args)) => log::run(db, &args),
        Some(Command::Feedback(args)) => feedback::run(db, &args),
        Some(Command::Contract(args)) => contract::run(db, &args),
        Some(Command::List(args)) => list::run(db, &args),
        Some(Command::Show(args)) => show::run(db, &args),
        Some(Command::Reclassify(args)) => reclassify::run(db, &args),
        Some(Command::Import(args)) => import::run(db, &args),
        Some(Command::Export(args)) => export::run(db, &args),
        Some(Command::Backup(args)) => backup::run(db, &args),
        Some(Command::Check) => check::run(db),
        Some(Command::Config(args)) => config::run(db, &args),
        Some(Command::Share(args)) => share::run(db, &args),
        Some(Command::Rules(args)) => rules::run(db, &args),
        Some(Command::Settings(args)) => settings::run(db, &args),
        Some(Command::Activity(args)) => activity::run(db, &args),
        Some(Command::Undo(args)) => undo::run(db, &args),
    }
}
