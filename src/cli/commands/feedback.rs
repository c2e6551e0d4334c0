//! `rapport feedback` (placeholder until its issue lands).

use std::path::PathBuf;

use crate::cli::{CliError, CliResult, FeedbackArgs};

pub fn run(_db: Option<PathBuf>, _args: &FeedbackArgs) -> CliResult {
    Err(CliError::failed("this command is not built yet"))
}
