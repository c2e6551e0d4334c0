//! `rapport backup` (placeholder until its issue lands).

use std::path::PathBuf;

use crate::cli::{BackupArgs, CliError, CliResult};

pub fn run(_db: Option<PathBuf>, _args: &BackupArgs) -> CliResult {
    Err(CliError::failed("this command is not built yet"))
}
