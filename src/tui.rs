//! The terminal session (placeholder until the TUI lands).

use std::path::PathBuf;

use crate::cli::{CliError, CliResult};

pub fn install_panic_message() {}

pub fn run(_db: Option<PathBuf>) -> CliResult {
    Err(CliError::failed("the dashboard is not built yet"))
}

pub fn run_demo() -> CliResult {
    Err(CliError::failed("the dashboard is not built yet"))
}
