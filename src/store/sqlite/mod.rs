//! The SQLite engine: the only code that touches SQLite. Opens and migrates the file,
//! keeps summaries and suggestions current with every write, answers the screens'
//! queries. It implements the store's [`Engine`] interface in `engine.rs`.
//!
//! Every write runs in one `BEGIN IMMEDIATE` transaction that also refreshes the
//! summaries of the customers it concerns, and returns a [`Change`] that can be undone.
//!
//! [`Engine`]: crate::store::Engine
//! [`Change`]: crate::store::Change

mod activity;
mod backup;
mod bulk;
mod card;
mod check;
mod customer_row;
mod decisions;
mod detail;
mod dump;
mod engine;
mod error;
mod images;
mod import;
mod inserts;
mod listing;
mod open;
mod queries;
mod refresh;
mod rows;
pub mod schema;
mod settings;
mod spend;
mod standing;
mod summary;
mod undo;
mod writes;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};

pub use backup::remove_database;
pub use open::BUSY_TIMEOUT;

use super::context::{Context, Session};
use super::error::{Result, StoreError};

/// An open rapport database file.
pub struct Sqlite {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    session: Session,
    ctx: Context,
    /// How far this connection's refresh of the summaries has come.
    progress: refresh::Progress,
}

/// The write revision as the meta table holds it, if it holds a number.
fn stored_rev(conn: &Connection) -> Result<Option<i64>> {
    let value: Option<String> =
        conn.prepare_cached("SELECT value FROM meta WHERE key = 'rev'")?.query_row([], |r| r.get(0)).optional()?;
    Ok(value.and_then(|v| v.parse().ok()))
}

impl Sqlite {
    /// Opens `path` for `session`, creating it (and its folder, privately) when `create`
    /// is set and it does not exist. Nothing is recomputed: summaries for another day or
    /// other rules are read as if refreshed until a refresh writes them.
    pub fn open(path: &Path, session: Session, create: bool) -> Result<Sqlite> {
        let opened = open::open_connection(path, create).map_err(|e| with_path(e, path))?;
        let ctx = settings::load_context(&opened.conn, &session).map_err(|e| with_path(e, path))?;
        if opened.new {
            // No customers yet, so every summary there is (none) is on today's basis.
            refresh::note_all_current(&opened.conn, &ctx)?;
        }
        Ok(Sqlite {
            conn: opened.conn,
            path: path.to_path_buf(),
            read_only: opened.read_only,
            session,
            ctx,
            progress: Default::default(),
        })
    }

    /// The connection, for SQLite's own tests and tools (pragmas, raw SQL, the schema).
    /// Nothing in the program reads through it.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Runs `body` inside one read transaction: everything it reads is the database as
    /// it was at one moment.
    fn in_read<T>(&self, body: impl FnOnce(&Sqlite) -> Result<T>) -> Result<T> {
        crate::store::engine::in_one_read(self, || body(self))
    }

    /// The latest write revision; summaries with a higher `rev` changed since.
    fn rev(&self) -> Result<i64> {
        stored_rev(&self.conn).map(|rev| rev.unwrap_or(0))
    }

    /// SQLite's counter of commits by other connections; changes when someone else wrote.
    fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}

fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")?.execute([key, value])?;
    Ok(())
}

/// Errors raised before the path was known get it filled in.
fn with_path(e: StoreError, path: &Path) -> StoreError {
    match e {
        StoreError::Corrupt { detail, .. } => StoreError::Corrupt { path: path.to_path_buf(), detail },
        StoreError::ReadOnly(_) => StoreError::ReadOnly(path.to_path_buf()),
        other => other,
    }
}
