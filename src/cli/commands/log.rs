//! `rapport log` (placeholder until its issue lands).

use std::path::PathBuf;

use crate::cli::{CliError, CliResult, LogArgs};

pub fn run(_db: Option<PathBuf>, _args: &LogArgs) -> CliResult {
    Err(CliError::failed("this command is not built yet"))
}
