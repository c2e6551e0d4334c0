//! What the command line reports: one plain sentence and an exit status.

use std::fmt;

use crate::store::StoreError;

/// Exit statuses (see docs/architecture.md, section src/cli).
pub const EXIT_FAILED: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// A failure the user sees: the message goes to stderr, the code is the exit status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError {
    pub message: String,
    pub code: u8,
}

impl CliError {
    /// Bad usage or invalid input: exit status 2.
    pub fn usage(message: impl Into<String>) -> CliError {
        CliError { message: message.into(), code: EXIT_USAGE }
    }

    /// The command could not be carried out: exit status 1.
    pub fn failed(message: impl Into<String>) -> CliError {
        CliError { message: message.into(), code: EXIT_FAILED }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        let code = if e.is_user_error() { EXIT_USAGE } else { EXIT_FAILED };
        CliError { message: crate::text::inert(&e.to_string()).into_owned(), code }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::failed(e.to_string())
    }
}

pub type CliResult<T = ()> = Result<T, CliError>;

impl From<crate::transfer::TransferError> for CliError {
    fn from(e: crate::transfer::TransferError) -> Self {
        let code = if e.is_user_error() { EXIT_USAGE } else { EXIT_FAILED };
        let message = match e {
            crate::transfer::TransferError::Store(inner) => return CliError::from(inner),
            other => other.to_string(),
        };
        CliError { message: crate::text::inert(&message).into_owned(), code }
    }
}
