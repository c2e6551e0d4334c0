//! `rapport check` (placeholder until its issue lands).

use std::path::PathBuf;

use crate::cli::{CliError, CliResult};

pub fn run(_db: Option<PathBuf>) -> CliResult {
    Err(CliError::failed("this command is not built yet"))
}
