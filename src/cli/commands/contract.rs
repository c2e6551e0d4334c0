//! `rapport contract` (placeholder until its issue lands).

use std::path::PathBuf;

use crate::cli::{CliError, CliResult, ContractArgs};

pub fn run(_db: Option<PathBuf>, _args: &ContractArgs) -> CliResult {
    Err(CliError::failed("this command is not built yet"))
}
