//! SQLite's errors in the store's terms: a busy or full database, a failing disk, a
//! damaged file, each with its plain sentence.

use std::path::PathBuf;

use crate::store::StoreError;

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::SystemIoFailure) if is_write_failure(&e) => StoreError::WriteFailed,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly(PathBuf::from("the database")),
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                StoreError::Corrupt { path: PathBuf::from("the database"), detail: e.to_string() }
            }
            _ => StoreError::Database(e.to_string()),
        }
    }
}

/// An I/O error while writing, syncing or growing a file: what a full disk or a
/// file-size limit looks like when the operating system does not say "no space".
fn is_write_failure(e: &rusqlite::Error) -> bool {
    use rusqlite::ffi;
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if matches!(
        f.extended_code,
        ffi::SQLITE_IOERR_WRITE | ffi::SQLITE_IOERR_FSYNC | ffi::SQLITE_IOERR_TRUNCATE | ffi::SQLITE_IOERR_SHMSIZE
            | ffi::SQLITE_IOERR_DIR_FSYNC
    ))
}
