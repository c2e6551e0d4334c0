//! File plumbing shared by export and import: private files, temporary names that are
//! renamed into place only when complete, and readers that count what they read.

use std::cell::Cell;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::error::TransferError;

/// The folder `path` lives in ("." for a bare name).
pub fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A hidden name beside `target` for writing before the final rename, unique to this
/// process so two exports never share one.
pub fn partial_name(target: &Path) -> Result<PathBuf, TransferError> {
    let name = target.file_name().ok_or_else(|| {
        TransferError::Invalid(format!(
            "{} does not name a file or a folder; give a name to write to",
            target.display()
        ))
    })?;
    let parent = parent_of(target);
    if !parent.is_dir() {
        return Err(TransferError::Invalid(format!(
            "the folder {} does not exist; create it first or choose another place",
            parent.display()
        )));
    }
    // What an interrupted export or backup left here is gone before a new one starts.
    crate::partial::remove_stale(&parent);
    Ok(crate::partial::partial_path(&parent, name))
}

/// A file or folder being written under a temporary name; removed on drop unless kept.
pub struct Partial {
    path: PathBuf,
    keep: bool,
}

impl Partial {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Creates a private folder (0700) at `path`, which must not exist.
    pub fn folder(path: PathBuf) -> Result<Partial, TransferError> {
        fs::DirBuilder::new().mode(0o700).create(&path).map_err(|e| TransferError::writing(&path, &e))?;
        Ok(Partial { path, keep: false })
    }

    /// Registers a private file that `create_private_file` made at `path`.
    pub fn file(path: PathBuf) -> Partial {
        Partial { path, keep: false }
    }

    /// Renames the finished file or folder to `target`, then makes the rename durable.
    pub fn finish(mut self, target: &Path) -> Result<(), TransferError> {
        fs::rename(&self.path, target)
            .map_err(|e| TransferError::Io(format!("cannot move the finished export to {}: {e}", target.display())))?;
        self.keep = true;
        sync_folder(&parent_of(target));
        Ok(())
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if self.keep {
            return;
        }
        // Best effort: a leftover hidden partial is harmless, an error here has no one to tell.
        let _ = if self.path.is_dir() { fs::remove_dir_all(&self.path) } else { fs::remove_file(&self.path) };
    }
}

/// Creates a new file readable by its owner only (it holds personal data).
pub fn create_private_file(path: &Path) -> Result<File, TransferError> {
    OpenOptions::new().write(true).create_new(true).mode(0o600).open(path).map_err(|e| TransferError::writing(path, &e))
}

/// Flushes a folder's entries to disk so a rename survives a crash. Not every file
/// system allows it; the data itself is already synced, so a refusal is not an error.
pub fn sync_folder(path: &Path) {
    if let Ok(dir) = File::open(path) {
        let _ = dir.sync_all();
    }
}

/// Bytes read so far, shared between readers and whoever reports progress.
#[derive(Debug, Clone, Default)]
pub struct ReadStats {
    bytes: Rc<Cell<u64>>,
}

impl ReadStats {
    pub fn bytes(&self) -> u64 {
        self.bytes.get()
    }
}

/// Line breaks one reader has passed, to tell which line it has reached.
#[derive(Debug, Clone, Default)]
pub struct LineCount(Rc<Cell<u64>>);

impl LineCount {
    /// The line the reader has reached (1-based).
    pub fn line(&self) -> u64 {
        self.0.get() + 1
    }
}

/// A reader that adds what passes through it to [`ReadStats`] (and to a [`LineCount`]).
pub struct Counting<R> {
    inner: R,
    stats: ReadStats,
    lines: Option<LineCount>,
}

impl<R: Read> Counting<R> {
    pub fn new(inner: R, stats: &ReadStats, lines: Option<LineCount>) -> Self {
        Counting { inner, stats: stats.clone(), lines }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.stats.bytes.set(self.stats.bytes.get() + n as u64);
        if let Some(lines) = &self.lines {
            let breaks = buf[..n].iter().filter(|b| **b == b'\n').count() as u64;
            lines.0.set(lines.0.get() + breaks);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_reader_tracks_bytes_and_lines() {
        let stats = ReadStats::default();
        let lines = LineCount::default();
        let mut reader = Counting::new(&b"one\ntwo\nthree"[..], &stats, Some(lines.clone()));
        let mut text = String::new();
        reader.read_to_string(&mut text).unwrap();
        assert_eq!(stats.bytes(), 13);
        assert_eq!(lines.line(), 3);
    }

    #[test]
    fn an_unfinished_partial_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        let partial = Partial::folder(partial_name(&target).unwrap()).unwrap();
        let path = partial.path().to_path_buf();
        assert!(path.is_dir());
        drop(partial);
        assert!(!path.exists());
        assert!(!target.exists());
    }
}
