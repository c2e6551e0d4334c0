//! The settings table: the rule set and the time zone, and the context they make for
//! this connection's session. Another process may change them at any time; the context
//! is brought up to date before every write and whenever the app looks for others' work.

use rusqlite::{Connection, OptionalExtension};

use super::Sqlite;
use crate::domain::Rules;
use crate::domain::rules::DEFAULT_RULES_TOML;
use crate::store::context::{Context, Session, fingerprint, today_in};
use crate::store::error::{Result, StoreError};
use crate::store::settings::{self, RULES, TIMEZONE};

/// A setting's stored value.
pub(super) fn read(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.prepare_cached("SELECT value FROM settings WHERE key = ?1")?.query_row([key], |r| r.get(0)).optional()?)
}

pub(super) fn write(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)")?.execute([key, value])?;
    Ok(())
}

/// The rule text and time zone stored now. (Every file open has the table: one that
/// needs the upgrade which adds it is refused when it cannot be upgraded.)
fn stored(conn: &Connection) -> Result<(String, String)> {
    let rules = read(conn, RULES)?.unwrap_or_else(|| DEFAULT_RULES_TOML.to_string());
    let zone = read(conn, TIMEZONE)?.unwrap_or_else(|| "UTC".to_string());
    Ok((rules, zone))
}

fn parse_rules(text: &str, conn: &Connection) -> Result<Rules> {
    Rules::parse(text).map_err(|e| StoreError::Corrupt {
        path: conn.path().map(Into::into).unwrap_or_default(),
        detail: format!(
            "its stored rule set is not valid (line {}: {}); replace it with rapport rules import FILE",
            e.line, e.message
        ),
    })
}

/// The context `session` works in on this database now.
pub(super) fn load_context(conn: &Connection, session: &Session) -> Result<Context> {
    let (text, zone) = stored(conn)?;
    Ok(Context::new(session, parse_rules(&text, conn)?, &text, &zone))
}

impl Sqlite {
    /// Brings today and the rules up to what the database and the clock say now: another
    /// process may have imported rules or changed the time zone, and midnight may have
    /// passed. Returns whether the basis of the summaries moved (they need a refresh).
    pub(super) fn catch_up(&mut self) -> Result<bool> {
        let before = self.ctx.basis();
        let (text, zone) = stored(&self.conn)?;
        if fingerprint(&text) != self.ctx.rules_fingerprint {
            self.ctx = Context::new(&self.session, parse_rules(&text, &self.conn)?, &text, &zone);
        } else if zone != self.ctx.timezone {
            self.ctx.timezone = zone;
        }
        self.ctx.today = today_in(self.ctx.clock, &self.ctx.timezone);
        Ok(self.ctx.basis() != before)
    }

    /// A setting as stored now.
    pub(super) fn setting(&self, key: &str) -> Result<Option<String>> {
        if settings::number_of(key).is_none() {
            return Ok(None);
        }
        let (rules, zone) = stored(&self.conn)?;
        Ok(Some(if key == RULES { rules } else { zone }))
    }
}
