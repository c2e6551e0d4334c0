//! The database side of imports: the lookups an import is checked against, and what the
//! [`Loader`] needs beyond plain inserts.

use rusqlite::OptionalExtension;

use super::bulk::Loader;
use super::error::Result;
use super::{Store, rows, summary};
use crate::domain::{Date, Rules};

impl Store {
    pub fn customer_exists(&self, id: i64) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM customers WHERE id = ?1")?
            .query_row([id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// The customer (id, name) using `email`, compared ignoring case.
    pub fn email_holder(&self, email: &str) -> Result<Option<(i64, String)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, name FROM customers WHERE email = ?1 COLLATE NOCASE")?
            .query_row([email.trim()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// Ids of the customers named exactly `name` (ignoring case), archived ones too.
    pub fn customer_ids_named(&self, name: &str) -> Result<Vec<i64>> {
        super::queries::by_name(name, |collation| {
            let sql = format!("SELECT id FROM customers WHERE name = ?1 COLLATE {collation} ORDER BY id");
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let ids = stmt.query_map([name.trim()], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            Ok(ids)
        })
    }
}

impl Loader<'_> {
    /// Gives each customer in `ids` the type the engine reads from its records, as adding
    /// a customer without a chosen type does.
    pub fn let_engine_decide(&mut self, ids: &[i64], today: Date, rules: &Rules) -> Result<()> {
        let sql = format!("SELECT {} FROM customers WHERE id = ?1", rows::CUSTOMER_COLUMNS);
        let mut moves = Vec::new();
        for id in ids {
            let conn = self.connection();
            let Some(customer) = conn.prepare_cached(&sql)?.query_row([id], rows::customer).optional()? else {
                continue;
            };
            let eval = summary::evaluate_one(conn, &customer, today, rules)?;
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
