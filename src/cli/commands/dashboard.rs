//! `rapport` with no command: the dashboard, on the chosen database or the sample one.
//! The environment (settings, database, a terminal) is set up here; the terminal session
//! itself is `tui`'s.

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::app::App;
use crate::cli::{self, CliError, CliResult};
use crate::config::Config;
use crate::paths;
use crate::store::Store;

/// Opens the dashboard on the database chosen by `--db`, `RAPPORT_DB` or the default.
pub fn run(db: Option<PathBuf>) -> CliResult {
    let config = cli::load_config()?;
    let store = cli::open_store(db)?;
    open(store, config)
}

/// Opens the dashboard on the sample database, creating it the first time.
pub fn run_demo() -> CliResult {
    let config = cli::load_config()?;
    let path = paths::demo_database().map_err(CliError::failed)?;
    let store = crate::demo::ensure_demo_database(&path, cli::session()?)?;
    open(store, config)
}

fn open(store: Store, config: Config) -> CliResult {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CliError::usage(
            "the dashboard needs a terminal; in scripts use the commands instead (see rapport --help)",
        ));
    }
    let app = App::new(store, config)?;
    crate::tui::session(app).map_err(CliError::failed)
}
