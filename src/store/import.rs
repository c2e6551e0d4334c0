//! The database side of imports: the lookups an import is checked against (and loaded
//! with, inside its transaction), and what the [`Loader`] needs beyond plain inserts.

use rusqlite::{Connection, OptionalExtension, params};

use super::bulk::Loader;
use super::error::Result;
use super::{Store, rows, summary};
use crate::domain::{Contract, Customer, Date, Feedback, HistoryEntry, Interaction, Rules};

/// What an import asks of the database: who is already there, and which records.
/// The store answers while checking; the loader, inside its transaction, while loading.
pub trait ImportLookups {
    fn lookup_connection(&self) -> &Connection;

    fn customer_exists(&self, id: i64) -> Result<bool> {
        let conn = self.lookup_connection();
        Ok(conn
            .prepare_cached("SELECT 1 FROM customers WHERE id = ?1")?
            .query_row([id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    fn customer_by_id(&self, id: i64) -> Result<Option<Customer>> {
        let sql = format!("SELECT {} FROM customers WHERE id = ?1", rows::CUSTOMER_COLUMNS);
        Ok(self.lookup_connection().prepare_cached(&sql)?.query_row([id], rows::customer).optional()?)
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

    /// Ids of the customers named exactly `name` (ignoring case), archived ones too.
    fn customer_ids_named(&self, name: &str) -> Result<Vec<i64>> {
        Ok(self.customers_named(name)?.into_iter().map(|(id, _)| id).collect())
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

impl ImportLookups for Store {
    fn lookup_connection(&self) -> &Connection {
        &self.conn
    }
}

impl ImportLookups for Loader<'_> {
    fn lookup_connection(&self) -> &Connection {
        self.connection()
    }
}

impl Loader<'_> {
    /// Writes every field of a customer that an import changed (the stage is the
    /// engine's, refreshed at the end of the load).
    pub fn update_customer(&mut self, c: &Customer) -> Result<()> {
        super::inserts::replace_customer(self.connection(), c)
    }

    /// Gives each customer in `ids` the type the engine reads from its records, as adding
    /// a customer without a chosen type does.
    pub fn let_engine_decide(&mut self, ids: &[i64], today: Date, rules: &Rules) -> Result<()> {
        let mut moves = Vec::new();
        for id in ids {
            let Some(customer) = self.customer_by_id(*id)? else { continue };
            let eval = summary::evaluate_one(self.connection(), &customer, today, rules)?;
            if eval.classification.relationship != customer.relationship {
                moves.push((*id, eval.classification.relationship));
            }
        }
        for (id, to) in moves {
            self.set_relationship(id, to)?;
        }
        Ok(())
    }
}
