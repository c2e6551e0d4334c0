//! Opening a database file safely: refuse what is not ours before SQLite writes a byte,
//! create new files and folders private to their owner, then set the pragmas and migrate.

use std::fs;
use std::io::{ErrorKind, Read};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::schema::{self, APPLICATION_ID, LATEST_VERSION};
use crate::store::error::{Result, StoreError};

/// How long a writer waits for another process before giving up with a clear message.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// An open, checked connection and whether it may write.
pub struct Opened {
    pub conn: Connection,
    pub read_only: bool,
    /// Whether this open made the schema of an empty file.
    pub new: bool,
}

/// Opens (creating when `create` is set and the file is missing) and migrates.
pub fn open_connection(path: &Path, create: bool) -> Result<Opened> {
    let access = |reason: String| StoreError::Access { path: path.to_path_buf(), reason };
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => return Err(access("it is a folder, not a file".into())),
        // Opening a pipe would wait for a writer forever, and a device is no database.
        Ok(meta) if !meta.is_file() => {
            return Err(access(format!(
                "it is {}, not a database file; pass --db with a regular file",
                kind_of(&meta.file_type())
            )));
        }
        Ok(meta) => check_header(path, meta.len())?,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            if !create {
                return Err(access(
                    "there is no such file; check the path, or start one with rapport add, rapport import or rapport demo"
                        .into(),
                ));
            }
            create_private_file(path)?;
        }
        Err(e) => return Err(access(e.to_string())),
    }

    // Non-blocking, in case the path became a pipe since it was looked at.
    let writable = fs::OpenOptions::new().write(true).custom_flags(libc::O_NONBLOCK).open(path).is_ok();
    let flags = if writable {
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
    } else {
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
    };
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| map_open_error(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Names compared in any script's case ("zoë" finds "Zoë"); only queries use it, never
    // the schema, so the sqlite3 shell still reads the file.
    conn.create_collation("FOLD", crate::text::fold_cmp)?;

    // Look before writing anything: whose file is this, and which version?
    let (app_id, version, tables) = inspect(&conn).map_err(|e| map_open_error(path, e))?;
    if version > LATEST_VERSION {
        return Err(StoreError::NewerSchema { path: path.to_path_buf(), found: version, supported: LATEST_VERSION });
    }
    let foreign = (app_id != 0 && app_id != APPLICATION_ID) || (app_id == 0 && tables > 0);
    if foreign {
        return Err(StoreError::NotRapport(path.to_path_buf()));
    }

    conn.pragma_update(None, "foreign_keys", "ON")?;
    if writable {
        conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| map_open_error(path, e))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        schema::migrate(&mut conn, version).map_err(|e| map_open_error(path, e))?;
    } else if version < LATEST_VERSION {
        return Err(access(format!(
            "it needs an upgrade to schema version {LATEST_VERSION} but is read-only; open it once with write access"
        )));
    }
    conn.set_prepared_statement_cache_capacity(64);
    Ok(Opened { conn, read_only: !writable, new: writable && version == 0 })
}

/// What a path that is neither a file nor a folder is, in a few words.
fn kind_of(kind: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

fn inspect(conn: &Connection) -> rusqlite::Result<(i64, i64, i64)> {
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    Ok((app_id, version, tables))
}

/// A non-empty file must start with SQLite's magic header; anything else is refused
/// before SQLite sees it.
fn check_header(path: &Path, len: u64) -> Result<()> {
    if len == 0 {
        return Ok(());
    }
    let mut header = [0u8; 16];
    let mut file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| StoreError::Access { path: path.to_path_buf(), reason: e.to_string() })?;
    let read = file.read(&mut header).unwrap_or(0);
    if len < 100 || read < 16 || &header != SQLITE_HEADER {
        return Err(StoreError::NotSqlite(path.to_path_buf()));
    }
    Ok(())
}

/// Creates missing parent folders with mode 0700 and the file itself with mode 0600.
fn create_private_file(path: &Path) -> Result<()> {
    let access = |reason: String| StoreError::Access { path: path.to_path_buf(), reason };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.exists()
    {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(parent)
            .map_err(|e| access(format!("cannot create the folder {}: {e}", parent.display())))?;
    }
    fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path).map(drop).map_err(|e| match e.kind() {
        ErrorKind::PermissionDenied => access("the folder is not writable".into()),
        _ => access(e.to_string()),
    })
}

fn map_open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    let code = e.sqlite_error_code();
    // A write-ahead-log database needs its -wal and -shm files beside it; SQLite's own
    // word for a folder that refuses them ("read-only", "unable to open") points at the
    // file instead of the folder.
    if matches!(code, Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen)) && !folder_writable(path) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        return StoreError::Access {
            path: path.to_path_buf(),
            reason: format!(
                "its folder is not writable, and SQLite must create {name}-wal and {name}-shm beside it. \
                 Ask for write access to the folder, or work on a copy"
            ),
        };
    }
    match code {
        Some(ErrorCode::NotADatabase) => StoreError::NotSqlite(path.to_path_buf()),
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt { path: path.to_path_buf(), detail: e.to_string() },
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            StoreError::Access { path: path.to_path_buf(), reason: e.to_string() }
        }
        _ => StoreError::from(e),
    }
}

/// Whether files may be created in the folder holding `path`.
fn folder_writable(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Ok(c_path) = std::ffi::CString::new(folder.as_os_str().as_bytes()) else { return false };
    // SAFETY: `c_path` is a valid NUL-terminated string for the duration of the call.
    unsafe { libc::access(c_path.as_ptr(), libc::W_OK | libc::X_OK) == 0 }
}
