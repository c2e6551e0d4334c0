//! The store: the only code that touches SQLite. Opens and migrates the file, keeps
//! summaries and suggestions current with every write, answers the screens' queries.
//!
//! Every write runs in one `BEGIN IMMEDIATE` transaction that also refreshes the
//! summaries of the customers it concerns, and returns a [`Change`] that can be undone.

mod backup;
pub use backup::remove_database;
mod apply;
mod bulk;
mod card;
pub mod check;
mod detail;
mod dump;
mod error;
mod images;
mod import;
mod inserts;
mod listing;
mod open;
pub mod queries;
mod rows;
pub mod schema;
pub mod summary;
mod watch;
mod writes;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

pub use apply::Write;
pub use bulk::Loader;
pub use error::{Result, StoreError};
pub use images::{RowImage, Table};
pub use import::ImportLookups;
pub use open::BUSY_TIMEOUT;
pub use rows::{parse_stored_date, split_tags};
pub use summary::{NewSuggestion, Summary};
pub use watch::{Changes, Watch};
pub use writes::{Change, Decision};

use crate::domain::{Date, Rules};

/// What the store needs to know about "now" and the rules in force.
#[derive(Debug, Clone)]
pub struct Context {
    pub today: Date,
    pub rules: Rules,
    /// Identifies the rule text, so summaries are recomputed when the rules change.
    pub rules_fingerprint: String,
}

impl Context {
    pub fn new(today: Date, rules: Rules, rules_text: &str) -> Context {
        Context { today, rules, rules_fingerprint: fingerprint(rules_text) }
    }

    /// Today with the built-in rules.
    pub fn with_default_rules(today: Date) -> Context {
        Context::new(today, Rules::default_rules(), crate::domain::rules::DEFAULT_RULES_TOML)
    }
}

/// FNV-1a over the text: stable across builds, enough to notice an edit.
fn fingerprint(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}

/// An open rapport database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    ctx: Context,
}

/// The write revision as the meta table holds it, if it holds a number.
pub(super) fn stored_rev(conn: &Connection) -> Result<Option<i64>> {
    let value: Option<String> =
        conn.prepare_cached("SELECT value FROM meta WHERE key = 'rev'")?.query_row([], |r| r.get(0)).optional()?;
    Ok(value.and_then(|v| v.parse().ok()))
}

impl Store {
    /// Opens `path`, creating it (and its folder, privately) if it does not exist.
    pub fn open(path: &Path, ctx: Context) -> Result<Store> {
        Store::open_with(path, ctx, true)
    }

    /// Opens an existing file only.
    pub fn open_existing(path: &Path, ctx: Context) -> Result<Store> {
        Store::open_with(path, ctx, false)
    }

    fn open_with(path: &Path, ctx: Context, create: bool) -> Result<Store> {
        let opened = open::open_connection(path, create).map_err(|e| with_path(e, path))?;
        let mut store = Store { conn: opened.conn, path: path.to_path_buf(), read_only: opened.read_only, ctx };
        // A file from before the current schema gets its summaries written now (list
        // cards, history before rapport), whichever command opened it.
        if (1..schema::LATEST_VERSION).contains(&opened.found_version) {
            store.ensure_current()?;
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn today(&self) -> Date {
        self.ctx.today
    }

    pub fn rules(&self) -> &Rules {
        &self.ctx.rules
    }

    pub fn context(&self) -> &Context {
        &self.ctx
    }

    /// Read access for queries and exports.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The date the stored summaries were computed for, if any.
    pub fn summary_date(&self) -> Result<Option<Date>> {
        Ok(self.meta("summary_date")?.and_then(|t| parse_stored_date(&t)))
    }

    fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// Whether the summaries are for today and the rules in force.
    pub fn summaries_current(&self) -> Result<bool> {
        Ok(self.summary_date()? == Some(self.ctx.today)
            && self.meta("rules_fingerprint")?.as_deref() == Some(self.ctx.rules_fingerprint.as_str()))
    }

    /// Recomputes every summary when the date has moved on or the rules changed.
    /// Returns whether it did. A read-only file keeps its summaries as they are.
    pub fn ensure_current(&mut self) -> Result<bool> {
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
    pub fn rev(&self) -> Result<i64> {
        stored_rev(&self.conn).map(|rev| rev.unwrap_or(0))
    }

    /// SQLite's counter of commits by other connections; changes when someone else wrote.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}

pub(crate) fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
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
