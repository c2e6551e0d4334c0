//! `rapport add` (placeholder until its issue lands).

use std::path::PathBuf;

use crate::cli::{AddArgs, CliError, CliResult};

pub fn run(_db: Option<PathBuf>, _args: &AddArgs) -> CliResult {
    Err(CliError::failed("this command is not built yet"))
}
