//! `rapport config` (placeholder until its issue lands).

use crate::cli::{CliError, CliResult, ConfigArgs};

pub fn run(_args: &ConfigArgs) -> CliResult {
    Err(CliError::failed("this command is not built yet"))
}
