//! Everything that can go wrong with the database, each with one plain sentence for the
//! person at the keyboard and whether it was their input or the system that failed.

use std::path::PathBuf;

use crate::domain::edits::{FieldConflict, describe_conflicts};
use crate::domain::validate::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{} is not a SQLite database; rapport left it untouched. Check the path, or pass --db with another file.", .0.display())]
    NotSqlite(PathBuf),
    #[error("{} is a SQLite database from another program; rapport left it untouched. Pass --db with a new or rapport file.", .0.display())]
    NotRapport(PathBuf),
    #[error("{} was written by a newer rapport (schema version {found}; this one knows up to {supported}); it was left untouched. Upgrade rapport to open it.", path.display())]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    #[error("{} is damaged ({detail}). Restore it from a backup; `rapport check` shows what is wrong.", path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error("{} is read-only: nothing can be changed. Ask for write access or work on a copy.", .0.display())]
    ReadOnly(PathBuf),
    #[error("the database is busy with another rapport for too long; nothing was changed. Try again in a moment.")]
    Busy,
    #[error("the disk is full; nothing was changed. Free some space and try again.")]
    DiskFull,
    #[error(
        "could not write to the disk (it may be full, failing, or over a file-size limit); nothing was changed. Free some space and try again."
    )]
    WriteFailed,
    #[error("cannot use {}: {reason}", path.display())]
    Access { path: PathBuf, reason: String },
    #[error("{}", first_message(.0))]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    /// A save whose fields changed elsewhere since the person saw them; nothing was written.
    #[error("{}", describe_conflicts(.0))]
    EditConflict(Vec<FieldConflict>),
    /// Anything else the engine reported, in its own words.
    #[error("database error: {0}")]
    Database(String),
}

fn first_message(errors: &[FieldError]) -> String {
    match errors {
        [] => "the input is not valid".into(),
        [one] => one.message.clone(),
        [first, rest @ ..] => {
            format!("{} (and {} more problem{})", first.message, rest.len(), if rest.len() == 1 { "" } else { "s" })
        }
    }
}

impl StoreError {
    /// Whether the person's input was at fault (exit status 2) rather than the system (1).
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            StoreError::Invalid(_) | StoreError::NotFound(_) | StoreError::Conflict(_) | StoreError::EditConflict(_)
        )
    }

    pub fn invalid(field: &'static str, message: impl Into<String>) -> StoreError {
        StoreError::Invalid(vec![FieldError::new(field, message)])
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
