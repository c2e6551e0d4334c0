//! SQLite's answers to an import's lookups, for the engine while checking and for the
//! loader inside its transaction, and what the loader needs beyond plain inserts.

use rusqlite::{Connection, OptionalExtension, params};

use super::bulk::SqliteLoader;
use super::{Sqlite, customer_row};
use crate::domain::{Contract, Customer, Feedback, HistoryEntry, Interaction};
use crate::store::error::Result;
use crate::store::loader::ImportLookups;

/// The connection lookups are answered on; every [`ImportLookups`] call follows from it.
pub(super) trait LookupConnection {
    fn lookup_connection(&self) -> &Connection;
}

impl<T: LookupConnection> ImportLookups for T {
    fn customer_exists(&self, id: i64) -> Result<bool> {
        let conn = self.lookup_connection();
        Ok(conn
            .prepare_cached("SELECT 1 FROM customers WHERE id = ?1")?
            .query_row([id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    fn customer_by_id(&self, id: i64) -> Result<Option<Customer>> {
        customer_row::customer_by_id(self.lookup_connection(), id)
    }

    /// The customer (id, name) using `email`, compared ignoring case.
    fn email_holder(&self, email: &str) -> Result<Option<(i64, String)>> {
        Ok(self
            .lookup_connection()
            .prepare_cached("SELECT id, name FROM customers WHERE email = ?1 COLLATE NOCASE")?
            .query_row([email.trim()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// The customer another system knows by `source` (its source reference).
    fn source_holder(&self, source: &str) -> Result<Option<(i64, String)>> {
        Ok(self
            .lookup_connection()
            .prepare_cached("SELECT id, name FROM customers WHERE source_ref = ?1")?
            .query_row([source.trim()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// (id, company) of the customers named exactly `name` (ignoring case).
    fn customers_named(&self, name: &str) -> Result<Vec<(i64, String)>> {
        super::queries::by_name(name, |collation| {
            let sql = format!("SELECT id, company FROM customers WHERE name = ?1 COLLATE {collation} ORDER BY id");
            let mut stmt = self.lookup_connection().prepare_cached(&sql)?;
            let found =
                stmt.query_map([name.trim()], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
            Ok(found)
        })
    }

    /// Whether the customer already has this very interaction (date, kind, summary,
    /// amount and sentiment), as a second import of the same file would bring.
    fn has_interaction(&self, i: &Interaction) -> Result<bool> {
        exists(
            self.lookup_connection(),
            "SELECT 1 FROM interactions WHERE customer_id = ?1 AND date = ?2 AND kind = ?3 AND summary = ?4 \
             AND amount_cents IS ?5 AND sentiment IS ?6",
            params![i.customer_id, i.date.to_string(), i.kind.key(), i.summary, i.amount, i.sentiment],
        )
    }

    fn has_feedback(&self, f: &Feedback) -> Result<bool> {
        exists(
            self.lookup_connection(),
            "SELECT 1 FROM feedback WHERE customer_id = ?1 AND date = ?2 AND nps IS ?3 AND csat IS ?4 AND kind = ?5 \
             AND comment = ?6",
            params![f.customer_id, f.date.to_string(), f.nps, f.csat, f.kind.key(), f.comment],
        )
    }

    fn has_contract(&self, c: &Contract) -> Result<bool> {
        exists(
            self.lookup_connection(),
            "SELECT 1 FROM contracts WHERE customer_id = ?1 AND kind = ?2 AND start = ?3 AND end IS ?4 \
             AND value_cents IS ?5 AND note = ?6",
            params![c.customer_id, c.kind.key(), c.start.to_string(), c.end.map(|d| d.to_string()), c.value, c.note],
        )
    }

    fn has_history(&self, h: &HistoryEntry) -> Result<bool> {
        exists(
            self.lookup_connection(),
            "SELECT 1 FROM history WHERE customer_id = ?1 AND date = ?2 AND from_type IS ?3 AND to_type = ?4 \
             AND by = ?5 AND reason = ?6",
            params![h.customer_id, h.date.to_string(), h.from.map(|f| f.key()), h.to.key(), h.by.key(), h.reason],
        )
    }
}

fn exists(conn: &Connection, sql: &str, params: &[&dyn rusqlite::ToSql]) -> Result<bool> {
    Ok(conn.prepare_cached(sql)?.query_row(params, |_| Ok(())).optional()?.is_some())
}

impl LookupConnection for Sqlite {
    fn lookup_connection(&self) -> &Connection {
        &self.conn
    }
}

impl LookupConnection for SqliteLoader<'_> {
    fn lookup_connection(&self) -> &Connection {
        self.connection()
    }
}
