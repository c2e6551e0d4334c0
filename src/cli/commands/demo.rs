//! `rapport demo` (placeholder until its issue lands).

use std::path::PathBuf;

use crate::cli::{CliError, CliResult, DemoArgs};

pub fn run(_db: Option<PathBuf>, _args: &DemoArgs) -> CliResult {
    Err(CliError::failed("this command is not built yet"))
}
