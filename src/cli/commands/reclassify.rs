//! `rapport reclassify` (placeholder until its issue lands).

use std::path::PathBuf;

use crate::cli::{CliError, CliResult, ReclassifyArgs};

pub fn run(_db: Option<PathBuf>, _args: &ReclassifyArgs) -> CliResult {
    Err(CliError::failed("this command is not built yet"))
}
