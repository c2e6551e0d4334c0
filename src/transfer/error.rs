//! Why an export or an import could not be done, and whose fault it was.

use std::fmt;
use std::path::Path;

use super::problems::Problems;
use crate::store::StoreError;

#[derive(Debug)]
pub enum TransferError {
    /// The files or the request cannot be used as they are; nothing was written (exit 2).
    Invalid(String),
    /// Rows break the rules; every problem is listed and nothing was written (exit 2).
    Rows(Problems),
    /// A file could not be read or written (exit 1).
    Io(String),
    /// The database refused or failed.
    Store(StoreError),
}

impl TransferError {
    /// Whether the person's input was at fault (exit 2) rather than the system (exit 1).
    pub fn is_user_error(&self) -> bool {
        match self {
            TransferError::Invalid(_) | TransferError::Rows(_) => true,
            TransferError::Io(_) => false,
            TransferError::Store(e) => e.is_user_error(),
        }
    }

    pub fn reading(path: &Path, e: &std::io::Error) -> TransferError {
        TransferError::Io(format!("cannot read {}: {e}", path.display()))
    }

    pub fn writing(path: &Path, e: &std::io::Error) -> TransferError {
        TransferError::Io(format!("cannot write {}: {e}", path.display()))
    }
}

impl From<StoreError> for TransferError {
    fn from(e: StoreError) -> Self {
        TransferError::Store(e)
    }
}

impl fmt::Display for TransferError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransferError::Invalid(message) | TransferError::Io(message) => f.write_str(message),
            TransferError::Rows(problems) => {
                let n = problems.total();
                write!(f, "{n} problem{} found; nothing was imported", if n == 1 { "" } else { "s" })
            }
            TransferError::Store(e) => write!(f, "{e}"),
        }
    }
}
