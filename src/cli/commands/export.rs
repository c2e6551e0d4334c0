//! `rapport export` (placeholder until its issue lands).

use std::path::PathBuf;

use crate::cli::{CliError, CliResult, ExportArgs};

pub fn run(_db: Option<PathBuf>, _args: &ExportArgs) -> CliResult {
    Err(CliError::failed("this command is not built yet"))
}
