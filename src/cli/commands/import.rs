//! `rapport import` (placeholder until its issue lands).

use std::path::PathBuf;

use crate::cli::{CliError, CliResult, ImportArgs};

pub fn run(_db: Option<PathBuf>, _args: &ImportArgs) -> CliResult {
    Err(CliError::failed("this command is not built yet"))
}
