//! `rapport share --group GROUP`: the database, its side files and its folder given to a
//! Unix group, so that its members can all work on it.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::output::emit;
use crate::cli::{CliError, CliResult, ShareArgs, open_existing_store};

pub fn run(db: Option<PathBuf>, args: &ShareArgs) -> CliResult {
    // Opened first, so that only a rapport database is ever shared.
    let store = open_existing_store(db)?;
    let path = store.path().to_path_buf();
    drop(store);
    let shared = crate::share::share(&path, &args.group).map_err(CliError::failed)?;
    emit(|out| {
        writeln!(
            out,
            "Shared {} with the group {}: the folder {} is 2770 and {} file{} 0660; its members can open it now.",
            crate::text::inert(&path.display().to_string()),
            crate::text::inert(&args.group),
            crate::text::inert(&shared.folder.display().to_string()),
            shared.files.len(),
            if shared.files.len() == 1 { " is" } else { "s are" }
        )
    })
}
