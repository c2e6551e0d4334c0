//! Hidden names for what is being written before it takes its final name
//! (`.NAME.partial-PID`, beside the target), and cleaning up after runs that were
//! interrupted: a partial whose process is gone is removed by the next backup or export
//! into the same folder. Partials of live processes, or of other users, are left alone.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// What SQLite may keep beside a database being written.
const SIDE_FILES: [&str; 4] = ["", "-journal", "-wal", "-shm"];

/// The hidden name in `folder` for `name` while this process writes it.
pub fn partial_path(folder: &Path, name: &OsStr) -> PathBuf {
    folder.join(format!(".{}.partial-{}", name.to_string_lossy(), std::process::id()))
}

/// Writes `bytes` to `path` whole or not at all: into a partial beside it, synced, then
/// renamed over it.
pub fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| std::io::Error::other("it names a folder, not a file"))?;
    let partial = partial_path(folder, name);
    let written = (|| {
        let mut file = fs::File::create(&partial)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&partial, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&partial);
    }
    written
}

/// The process id in a partial's name (`.x.db.partial-123`, `.x.db.partial-123-wal`).
fn writer_of(file_name: &str) -> Option<i32> {
    let rest = file_name.strip_prefix('.')?;
    let (_, tail) = rest.rsplit_once(".partial-")?;
    let digits = tail.find(|c: char| !c.is_ascii_digit()).unwrap_or(tail.len());
    let (pid, suffix) = tail.split_at(digits);
    SIDE_FILES.contains(&suffix).then(|| pid.parse().ok()).flatten()
}

fn is_running(pid: i32) -> bool {
    // SAFETY: signal 0 only asks whether the process exists; it sends nothing.
    let answer = unsafe { libc::kill(pid, 0) };
    answer == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Removes the partials in `folder` that an interrupted run of this user left: their
/// process is gone. Returns how many were removed.
pub fn remove_stale(folder: &Path) -> usize {
    let Ok(entries) = fs::read_dir(folder) else { return 0 };
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(writer_of) else { continue };
        let Ok(meta) = entry.path().symlink_metadata() else { continue };
        if pid == std::process::id() as i32 || meta.uid() != me || is_running(pid) {
            continue;
        }
        let path = entry.path();
        let gone = if meta.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
        removed += usize::from(gone.is_ok());
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_names_give_their_writer() {
        assert_eq!(writer_of(".backup.db.partial-123"), Some(123));
        assert_eq!(writer_of(".backup.db.partial-123-journal"), Some(123));
        assert_eq!(writer_of(".export.partial-77-wal"), Some(77));
        assert_eq!(writer_of(".a.partial-1.partial-9"), Some(9));
        for not_ours in ["backup.db.partial-123", ".backup.db.partial-", ".backup.db.partial-12x", ".notes.txt"] {
            assert_eq!(writer_of(not_ours), None, "{not_ours}");
        }
    }

    #[test]
    fn only_the_partials_of_finished_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        // A process id that is not running: the largest possible is never in use here.
        let gone = i32::MAX;
        assert!(!is_running(gone));
        let stale = dir.path().join(format!(".backup.db.partial-{gone}"));
        let stale_journal = dir.path().join(format!(".backup.db.partial-{gone}-journal"));
        let stale_folder = dir.path().join(format!(".export.partial-{gone}"));
        let mine = partial_path(dir.path(), OsStr::new("now.db"));
        let alive = dir.path().join(".other.db.partial-1"); // pid 1 always runs
        let unrelated = dir.path().join("customers.csv");
        for file in [&stale, &stale_journal, &mine, &alive, &unrelated] {
            fs::write(file, b"x").unwrap();
        }
        fs::create_dir(&stale_folder).unwrap();
        fs::write(stale_folder.join("customers.csv"), b"x").unwrap();
        assert_eq!(remove_stale(dir.path()), 3);
        assert!(!stale.exists() && !stale_journal.exists() && !stale_folder.exists());
        assert!(mine.exists() && alive.exists() && unrelated.exists());
    }
}
