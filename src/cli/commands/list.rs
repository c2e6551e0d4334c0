//! `rapport list` (placeholder until its issue lands).

use std::path::PathBuf;

use crate::cli::{CliError, CliResult, ListArgs};

pub fn run(_db: Option<PathBuf>, _args: &ListArgs) -> CliResult {
    Err(CliError::failed("this command is not built yet"))
}
