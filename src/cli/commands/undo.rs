//! `rapport undo [CHANGE]`: takes back a recorded change, by anyone.

use std::io::Write as _;
use std::path::PathBuf;

use crate::cli::output::emit;
use crate::cli::{CliError, CliResult, UndoArgs, finish_refresh, open_existing_store};
use crate::store::{ActivityFilter, Write};
use crate::text::inert;

/// How far back `rapport undo` looks for your latest change.
const LOOK_BACK: usize = 1000;

pub fn run(db: Option<PathBuf>, args: &UndoArgs) -> CliResult {
    let mut store = open_existing_store(db)?;
    let activity = match args.change {
        Some(id) => id,
        None => {
            let me = store.context().user.clone();
            let filter = ActivityFilter { who: Some(me.clone()), limit: LOOK_BACK, ..ActivityFilter::default() };
            let mine = store.activity(&filter)?;
            mine.iter().find(|e| e.undone_by.is_none() && e.undoes.is_none() && !e.stored.bulk).map(|e| e.id).ok_or_else(|| {
                CliError::usage(format!(
                    "{} has no change left to undo; rapport activity lists everyone's, and rapport undo CHANGE takes back one",
                    inert(&me)
                ))
            })?
        }
    };
    let change = store.apply(&Write::Undo { activity })?;
    emit(|out| writeln!(out, "{} (change {}).", inert(&change.description), change.activity_id))?;
    finish_refresh(&mut store)
}
