//! The SQLite engine: the only code that touches SQLite. Opens and migrates the file,
//! keeps summaries and suggestions current with every write, answers the screens'
//! queries. It implements the store's [`Engine`] interface in `engine.rs`.
//!
//! Every write runs in one `BEGIN IMMEDIATE` transaction that also refreshes the
//! summaries of the customers it concerns, and returns a [`Change`] that can be undone.
//!
//! [`Engine`]: crate::store::Engine
//! [`Change`]: crate::store::Change

mod backup;
mod bulk;
mod card;
mod check;
mod customer_row;
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
mod rows;
pub mod schema;
mod spend;
mod summary;
mod writes;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

pub use backup::remove_database;
pub use open::BUSY_TIMEOUT;
use rows::parse_stored_date;

use super::context::Context;
use super::error::{Result, StoreError};
use crate::domain::Date;

/// An open rapport database file.
pub struct Sqlite {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    ctx: Context,
}

/// The write revision as the meta table holds it, if it holds a number.
fn stored_rev(conn: &Connection) -> Result<Option<i64>> {
    let value: Option<String> =
        conn.prepare_cached("SELECT value FROM meta WHERE key = 'rev'")?.query_row([], |r| r.get(0)).optional()?;
    Ok(value.and_then(|v| v.parse().ok()))
}

impl Sqlite {
    /// Opens `path`, creating it (and its folder, privately) when `create` is set and it
    /// does not exist.
    pub fn open(path: &Path, ctx: Context, create: bool) -> Result<Sqlite> {
        let opened = open::open_connection(path, create).map_err(|e| with_path(e, path))?;
        let mut store = Sqlite { conn: opened.conn, path: path.to_path_buf(), read_only: opened.read_only, ctx };
        // A file from before the current schema gets its summaries written now (list
        // cards, history before rapport), whichever command opened it.
        if (1..schema::LATEST_VERSION).contains(&opened.found_version) {
            store.ensure_current()?;
        }
        Ok(store)
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

    fn summary_date(&self) -> Result<Option<Date>> {
        Ok(self.meta("summary_date")?.and_then(|t| parse_stored_date(&t)))
    }

    fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    fn summaries_current(&self) -> Result<bool> {
        Ok(self.summary_date()? == Some(self.ctx.today)
            && self.meta("rules_fingerprint")?.as_deref() == Some(self.ctx.rules_fingerprint.as_str()))
    }

    /// Recomputes every summary when the date has moved on or the rules changed.
    /// Returns whether it did. A read-only file keeps its summaries as they are.
    fn ensure_current(&mut self) -> Result<bool> {
        if self.read_only || self.summaries_current()? {
            return Ok(false);
        }
        let ctx = self.ctx.clone();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = {
            let date: Option<String> =
                tx.query_row("SELECT value FROM meta WHERE key = 'summary_date'", [], |r| r.get(0)).optional()?;
            let rules: Option<String> =
                tx.query_row("SELECT value FROM meta WHERE key = 'rules_fingerprint'", [], |r| r.get(0)).optional()?;
            date.as_deref() == Some(ctx.today.to_string().as_str()) && rules.as_deref() == Some(&ctx.rules_fingerprint)
        };
        if !current {
            let rev = writes::next_rev(&tx)?;
            summary::refresh_all(&tx, rev, ctx.today, &ctx.rules)?;
            set_meta(&tx, "summary_date", &ctx.today.to_string())?;
            set_meta(&tx, "rules_fingerprint", &ctx.rules_fingerprint)?;
        }
        tx.commit()?;
        Ok(!current)
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
