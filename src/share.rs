//! Sharing a database file between Unix accounts: the members of one group get to read
//! and write it. `rapport share --group GROUP` gives the folder to the group with the
//! setgid bit (mode 2770), so every file created in it later belongs to the group too,
//! and the database with its WAL and shared-memory files mode 0660. SQLite creates a
//! WAL or shared-memory file with the database file's own mode, and rapport's backups
//! of a shared file are made 0660 as well, so the modes hold from then on.

use std::ffi::CString;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// What `share` changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    pub folder: PathBuf,
    pub files: Vec<PathBuf>,
}

/// The mode of a shared database file, and of files created beside it.
pub const SHARED_FILE_MODE: u32 = 0o660;
/// The mode of a shared folder: the group may enter and create, new files get its group.
pub const SHARED_FOLDER_MODE: u32 = 0o2770;

/// The id of the group `name`, or why there is none.
fn group_id(name: &str) -> Result<libc::gid_t, String> {
    let quoted = crate::text::capped(name, 40);
    let c_name = CString::new(name).map_err(|_| format!("'{quoted}' is not a group name"))?;
    // SAFETY: getgrnam reads the NUL-terminated name and returns a pointer into static
    // storage (or null), read at once before any other call.
    let group = unsafe { libc::getgrnam(c_name.as_ptr()) };
    if group.is_null() {
        return Err(format!(
            "there is no group called '{quoted}' on this machine; create it first (groupadd) and add the people to it"
        ));
    }
    // SAFETY: not null, so it points at a valid group entry.
    Ok(unsafe { (*group).gr_gid })
}

fn give_to_group(path: &Path, gid: libc::gid_t, mode: u32) -> Result<(), String> {
    let c_path = CString::new(path.as_os_str().as_bytes()).map_err(|e| e.to_string())?;
    // SAFETY: chown reads the NUL-terminated path; -1 keeps the owner as it is.
    if unsafe { libc::chown(c_path.as_ptr(), u32::MAX, gid) } != 0 {
        let e = std::io::Error::last_os_error();
        return Err(format!(
            "cannot give {} to the group ({e}); only its owner (who must be in the group) or root can share it",
            path.display()
        ));
    }
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
        .map_err(|e| format!("cannot set the mode of {}: {e}", path.display()))
}

/// Gives the database at `db` (which must exist), its side files and its folder to the
/// group `group`.
pub fn share(db: &Path, group: &str) -> Result<Shared, String> {
    let gid = group_id(group)?;
    let meta = fs::metadata(db).map_err(|e| format!("cannot share {}: {e}", db.display()))?;
    if !meta.is_file() {
        return Err(format!("{} is not a database file", db.display()));
    }
    let folder = match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    give_to_group(&folder, gid, SHARED_FOLDER_MODE)?;
    let mut files = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        let path = PathBuf::from(name);
        if path.exists() {
            give_to_group(&path, gid, SHARED_FILE_MODE)?;
            files.push(path);
        }
    }
    Ok(Shared { folder, files })
}

/// The mode for a new file made from the database at `db` (a backup): 0660 when the
/// database is shared with its group, else private.
pub fn mode_for_copies_of(db: &Path) -> u32 {
    match fs::metadata(db) {
        Ok(meta) if meta.mode() & 0o060 == 0o060 => SHARED_FILE_MODE,
        _ => 0o600,
    }
}
