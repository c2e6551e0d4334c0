//! The command line: parses, opens the database, dispatches. Each command lives in its
//! own file under `commands/`.

mod args;
pub mod commands;
mod error;
pub mod output;

use std::path::{Path, PathBuf};

pub use args::*;
pub use error::{CliError, CliResult, EXIT_FAILED, EXIT_USAGE};

use crate::domain::{Date, Rules};
use crate::store::{Context, Store};
use crate::{clock, paths};

/// Today's date, or a usage error when `RAPPORT_TODAY` is malformed.
pub fn today() -> CliResult<Date> {
    clock::today().map_err(CliError::usage)
}

/// The rules in force: the user's rules.toml when it exists, else the built-in ones.
/// A broken file is an error naming the file and line; there is no silent fallback.
pub fn load_rules() -> CliResult<(Rules, String)> {
    let path = paths::rules_file().map_err(CliError::failed)?;
    load_rules_from(&path)
}

pub fn load_rules_from(path: &Path) -> CliResult<(Rules, String)> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let rules = Rules::parse(&text)
                .map_err(|e| CliError::usage(format!("{}:{}: {}", path.display(), e.line, e.message)))?;
            Ok((rules, text))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Ok((Rules::default_rules(), crate::domain::rules::DEFAULT_RULES_TOML.to_string()))
        }
        Err(e) => Err(CliError::usage(format!("{}: cannot read the rules file: {e}", path.display()))),
    }
}

/// The store context for this run: today and the rules.
pub fn context() -> CliResult<Context> {
    let today = today()?;
    let (rules, text) = load_rules()?;
    Ok(Context::new(today, rules, &text))
}

/// Opens (creating if needed) the database for a command and brings its summaries up to
/// date when the day or the rules changed.
/// The configuration: config.toml (or `RAPPORT_CONFIG`), and NO_COLOR from the
/// environment. A bad file is a usage error naming its line.
pub fn load_config() -> CliResult<crate::config::Config> {
    let path = paths::config_file().map_err(CliError::failed)?;
    let mut config = crate::config::load(&path).map_err(|e| CliError::usage(e.to_string()))?;
    config.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Ok(config)
}

pub fn open_store(db: Option<PathBuf>) -> CliResult<Store> {
    let path = paths::database(db).map_err(CliError::failed)?;
    let mut store = Store::open(&path, context()?)?;
    store.ensure_current()?;
    Ok(store)
}

/// Opens an existing database, with its summaries brought up to today: for commands
/// that read customers or name one, so that a mistyped `--db` is reported rather than
/// answered from a new empty file.
pub fn open_existing_current(db: Option<PathBuf>) -> CliResult<Store> {
    let mut store = open_existing_store(db)?;
    store.ensure_current()?;
    Ok(store)
}

/// Opens an existing database without recomputing anything (backup, check, export).
pub fn open_existing_store(db: Option<PathBuf>) -> CliResult<Store> {
    let path = paths::database(db).map_err(CliError::failed)?;
    Ok(Store::open_existing(&path, context()?)?)
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
    }
}
