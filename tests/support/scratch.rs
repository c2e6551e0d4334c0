//! A scratch folder for tests that create many small databases.

/// A folder in memory when the system has one: these tests write a fresh database per
/// case, and waiting for the disk would take most of their time.
pub fn scratch_dir() -> tempfile::TempDir {
    let in_memory = std::path::Path::new("/dev/shm");
    if in_memory.is_dir()
        && let Ok(dir) = tempfile::tempdir_in(in_memory)
    {
        return dir;
    }
    tempfile::tempdir().expect("a scratch folder")
}
