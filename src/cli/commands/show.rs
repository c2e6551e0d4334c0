//! `rapport show` (placeholder until its issue lands).

use std::path::PathBuf;

use crate::cli::{CliError, CliResult, ShowArgs};

pub fn run(_db: Option<PathBuf>, _args: &ShowArgs) -> CliResult {
    Err(CliError::failed("this command is not built yet"))
}
