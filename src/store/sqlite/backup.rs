//! `rapport backup`: SQLite's online backup API copies the database as it is at one
//! moment — consistent even while other processes write — into a new private file. The
//! copy is opened and checked before it takes its final name, so a failed or interrupted
//! backup never leaves something that looks like a good one.

use std::fs;
use std::io::ErrorKind;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::Sqlite;
use super::open::BUSY_TIMEOUT;
use super::schema::{APPLICATION_ID, LATEST_VERSION};
use crate::store::error::{Result, StoreError};
use crate::store::reports::BackupReport;

fn access(path: &Path, reason: impl Into<String>) -> StoreError {
    StoreError::Access { path: path.to_path_buf(), reason: reason.into() }
}

fn refuse_existing(target: &Path) -> StoreError {
    StoreError::invalid(
        "path",
        format!("{} already exists; a backup never overwrites, so give a new file name", target.display()),
    )
}

/// Copies every page in one step: the source stays in one read transaction throughout,
/// so the copy is a single moment of the database. A busy source is waited for.
fn copy_pages(source: &Connection, to: &Path) -> Result<()> {
    let mut dest = Connection::open(to)?;
    {
        let backup = Backup::new(source, &mut dest)?;
        let started = Instant::now();
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::Busy | StepResult::Locked if started.elapsed() > BUSY_TIMEOUT => {
                    return Err(StoreError::Busy);
                }
                _ => thread::sleep(Duration::from_millis(50)),
            }
        }
    }
    dest.close().map_err(|(_, e)| StoreError::from(e))
}

/// Opens the copy as rapport would and checks it, returning how many customers it holds.
fn verify(path: &Path) -> Result<i64> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let verdict: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if verdict != "ok" || app_id != APPLICATION_ID || version != LATEST_VERSION {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: format!("the copy does not check out ({verdict})"),
        });
    }
    let customers = conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
    conn.close().map_err(|(_, e)| StoreError::from(e))?;
    Ok(customers)
}

/// Removes a database file and whatever SQLite kept beside it (journal, WAL, shared
/// memory): a partial copy here, scratch databases in the benchmarks.
pub fn remove_database(path: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = fs::remove_file(PathBuf::from(name));
    }
}

/// The copy's name inside its private folder.
const COPY: &str = "copy.db";

/// A folder only this user can enter, held open: every path into it goes through the
/// handle (`/proc/self/fd/N` on Linux), so the folder cannot be swapped under the backup.
struct PrivateFolder {
    path: PathBuf,
    handle: fs::File,
}

impl PrivateFolder {
    /// Creates `path` (which must not exist) with mode 0700 and opens it.
    fn create(path: &Path) -> Result<PrivateFolder> {
        use std::os::unix::fs::DirBuilderExt;
        fs::DirBuilder::new().mode(0o700).create(path).map_err(|e| access(path, e.to_string()))?;
        let handle = fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW)
            .open(path)
            .map_err(|e| access(path, e.to_string()))?;
        Ok(PrivateFolder { path: path.to_path_buf(), handle })
    }

    /// Where `name` inside the folder is, through the open handle where the system has one.
    fn path_of(&self, name: &str) -> PathBuf {
        use std::os::fd::AsRawFd;
        let through_handle = PathBuf::from(format!("/proc/self/fd/{}", self.handle.as_raw_fd()));
        if through_handle.is_dir() { through_handle.join(name) } else { self.path.join(name) }
    }

    /// Gives the file `name` of the folder its final name `target`, never replacing a
    /// file that appeared there: a hard link from the open folder to the very file
    /// that was checked.
    fn link_into_place(&self, name: &str, target: &Path) -> Result<()> {
        use std::os::fd::AsRawFd;
        use std::os::unix::ffi::OsStrExt;
        let from = std::ffi::CString::new(name).map_err(|e| access(target, e.to_string()))?;
        let to = std::ffi::CString::new(target.as_os_str().as_bytes()).map_err(|e| access(target, e.to_string()))?;
        // SAFETY: both paths are NUL-terminated and live across the call; the folder
        // handle is open.
        let linked = unsafe { libc::linkat(self.handle.as_raw_fd(), from.as_ptr(), libc::AT_FDCWD, to.as_ptr(), 0) };
        if linked == 0 {
            return Ok(());
        }
        let e = std::io::Error::last_os_error();
        match e.kind() {
            ErrorKind::AlreadyExists => Err(refuse_existing(target)),
            // Some file systems have no hard links; a rename does, after one last look.
            _ if !target.exists() => fs::rename(self.path_of(name), target).map_err(|e| access(target, e.to_string())),
            _ => Err(refuse_existing(target)),
        }
    }

    /// Removes the folder and what SQLite left in it. Best effort: a leftover is removed
    /// by the next backup into the same folder.
    fn remove(self) {
        remove_database(&self.path_of(COPY));
        let _ = fs::remove_dir(&self.path);
    }
}

impl Sqlite {
    /// Writes a consistent copy of the database to `target`, a new file readable by its
    /// owner only, then checks that the copy opens.
    pub(super) fn backup_to(&self, target: &Path) -> Result<BackupReport> {
        if fs::symlink_metadata(target).is_ok() {
            return Err(refuse_existing(target));
        }
        let name = target.file_name().ok_or_else(|| {
            StoreError::invalid("path", format!("{} does not name a file; give a file name", target.display()))
        })?;
        let folder = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !folder.is_dir() {
            return Err(StoreError::invalid(
                "path",
                format!("the folder {} does not exist; create it first or choose another place", folder.display()),
            ));
        }
        crate::partial::remove_stale(&folder);
        // The copy is written, checked and linked into place inside a private folder of
        // its own, reached through its open handle: someone else who can write to `folder`
        // cannot swap the checked copy for another file before it takes its name.
        let partial = crate::partial::partial_path(&folder, name);
        let private = PrivateFolder::create(&partial)?;
        let copy = private.path_of(COPY);
        // Created with its final mode: its owner's only, or its group's too when the
        // database is shared (`rapport share`), as it keeps once in place.
        let mode = crate::share::mode_for_copies_of(&self.path);
        let created = fs::OpenOptions::new().write(true).create_new(true).mode(mode).open(&copy).and_then(|f| {
            // The mode exactly, whatever the umask.
            f.set_permissions(fs::Permissions::from_mode(mode))
        });
        let copied = created
            .map_err(|e| access(&copy, e.to_string()))
            .and_then(|()| copy_pages(&self.conn, &copy))
            .and_then(|()| {
                let customers = verify(&copy)?;
                let file = fs::File::open(&copy).map_err(|e| access(&copy, e.to_string()))?;
                file.sync_all().map_err(|e| access(&copy, e.to_string()))?;
                Ok(customers)
            });
        let placed = copied.and_then(|customers| private.link_into_place(COPY, target).map(|()| customers));
        private.remove();
        let customers = placed?;
        if let Ok(dir) = fs::File::open(&folder) {
            // Make the new name durable too; the data was synced above.
            let _ = dir.sync_all();
        }
        let bytes = fs::metadata(target).map_or(0, |m| m.len());
        Ok(BackupReport { customers, bytes })
    }
}
