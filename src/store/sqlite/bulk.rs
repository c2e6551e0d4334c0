//! Loading many records at once (sample data, imports): one transaction, cached
//! statements, and a single pass to bring every summary up to date at the end.

use std::collections::HashMap;

use rusqlite::{Connection, Transaction, TransactionBehavior, params};

use super::inserts::{self, id_or_null};
use super::writes::next_rev;
use super::{Sqlite, summary};
use crate::domain::{
    Contract, Customer, Date, Feedback, HistoryEntry, Interaction, InteractionKind, RelationshipType, Rules,
};
use crate::store::engine::LoadBody;
use crate::store::error::{Result, StoreError};
use crate::store::loader::{ImportLookups, Loader};

/// SQLite's [`Loader`]: inserts inside one open immediate transaction, with cached and
/// batched statements.
pub struct SqliteLoader<'a> {
    tx: Transaction<'a>,
    spend: LoadedSpend,
}

/// What a load adds to customers' lifetime spend, so that only those customers are
/// checked at its end, and the new ones without a query.
#[derive(Default)]
struct LoadedSpend {
    /// Customers inserted by this load, with their spend before rapport.
    new: HashMap<i64, i64>,
    /// Customers whose spend this load changed: purchase amounts added, by customer.
    added: HashMap<i64, i128>,
}

impl LoadedSpend {
    fn purchase(&mut self, i: &Interaction) {
        if let (InteractionKind::Purchase, Some(amount)) = (i.kind, i.amount) {
            *self.added.entry(i.customer_id).or_default() += i128::from(amount);
        }
    }

    /// The first customer the load took past the countable range, if any.
    fn first_past_range(&self, conn: &Connection) -> Result<Option<i64>> {
        let mut ids: Vec<i64> = self.added.keys().chain(self.new.keys()).copied().collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            let past = match self.new.get(&id) {
                // All of a new customer's purchases came with this load.
                Some(prior) => i128::from(*prior) + self.added.get(&id).copied().unwrap_or(0) > i128::from(i64::MAX),
                None => super::spend::customer_past_range(conn, id)?,
            };
            if past {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }
}

/// SQLite's page cache during a bulk load, in the pragma's units (negative: KiB), 256 MiB.
const BULK_CACHE_SIZE: i64 = -262_144;

/// Rows per statement in batched inserts.
const BATCH_ROWS: usize = 32;

/// `head VALUES (?, …), (?, …), …` for [`BATCH_ROWS`] rows of `columns` values.
fn batch_sql(head: &str, columns: usize) -> String {
    let row = format!("({})", vec!["?"; columns].join(", "));
    format!("{head} VALUES {}", vec![row; BATCH_ROWS].join(", "))
}

impl SqliteLoader<'_> {
    /// For lookups while loading (names, emails, ids already present).
    pub(super) fn connection(&self) -> &Connection {
        &self.tx
    }
}

impl Loader for SqliteLoader<'_> {
    fn customer_count(&self) -> Result<i64> {
        Ok(self.tx.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?)
    }

    /// Deletes every record, for a load that replaces the whole database. Children go
    /// first and referrals are cut before the customers, so no row waits on a cascade.
    fn delete_everything(&mut self) -> Result<()> {
        self.tx.execute_batch(
            "DELETE FROM suggestions; DELETE FROM summaries; DELETE FROM history; DELETE FROM contracts; \
             DELETE FROM feedback; DELETE FROM interactions; \
             UPDATE customers SET referred_by = NULL WHERE referred_by IS NOT NULL; DELETE FROM customers;",
        )?;
        self.spend = LoadedSpend::default();
        Ok(())
    }

    fn insert_customer(&mut self, c: &Customer) -> Result<i64> {
        let id = inserts::customer(&self.tx, c)?;
        self.spend.new.insert(id, c.prior.spend);
        Ok(id)
    }

    fn set_referred_by(&mut self, customer_id: i64, referred_by: Option<i64>) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE customers SET referred_by = ?2 WHERE id = ?1")?
            .execute(params![customer_id, referred_by])?;
        Ok(())
    }

    fn set_relationship(&mut self, customer_id: i64, to: RelationshipType) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE customers SET relationship = ?2 WHERE id = ?1")?
            .execute(params![customer_id, to.key()])?;
        Ok(())
    }

    fn insert_interaction(&mut self, i: &Interaction) -> Result<i64> {
        self.spend.purchase(i);
        inserts::interaction(&self.tx, i)
    }

    /// Inserts many interactions, several rows per statement: for the largest loads,
    /// where the cost of each statement would otherwise dominate.
    fn insert_interactions(&mut self, rows: &[Interaction]) -> Result<()> {
        let mut chunks = rows.chunks_exact(BATCH_ROWS);
        if chunks.len() > 0 {
            let sql = batch_sql(
                "INSERT INTO interactions (id, customer_id, date, kind, summary, amount_cents, sentiment)",
                7,
            );
            let mut stmt = self.tx.prepare_cached(&sql)?;
            for chunk in &mut chunks {
                for (row, i) in chunk.iter().enumerate() {
                    self.spend.purchase(i);
                    let at = row * 7;
                    stmt.raw_bind_parameter(at + 1, id_or_null(i.id))?;
                    stmt.raw_bind_parameter(at + 2, i.customer_id)?;
                    stmt.raw_bind_parameter(at + 3, i.date.to_string())?;
                    stmt.raw_bind_parameter(at + 4, i.kind.key())?;
                    stmt.raw_bind_parameter(at + 5, &i.summary)?;
                    stmt.raw_bind_parameter(at + 6, i.amount)?;
                    stmt.raw_bind_parameter(at + 7, i.sentiment)?;
                }
                stmt.raw_execute()?;
            }
        }
        for i in chunks.remainder() {
            self.insert_interaction(i)?;
        }
        Ok(())
    }

    /// Inserts many feedback records, several rows per statement.
    fn insert_feedback_rows(&mut self, rows: &[Feedback]) -> Result<()> {
        let mut chunks = rows.chunks_exact(BATCH_ROWS);
        if chunks.len() > 0 {
            let sql = batch_sql("INSERT INTO feedback (id, customer_id, date, nps, csat, kind, comment, resolved)", 8);
            let mut stmt = self.tx.prepare_cached(&sql)?;
            for chunk in &mut chunks {
                for (row, f) in chunk.iter().enumerate() {
                    let at = row * 8;
                    stmt.raw_bind_parameter(at + 1, id_or_null(f.id))?;
                    stmt.raw_bind_parameter(at + 2, f.customer_id)?;
                    stmt.raw_bind_parameter(at + 3, f.date.to_string())?;
                    stmt.raw_bind_parameter(at + 4, f.nps)?;
                    stmt.raw_bind_parameter(at + 5, f.csat)?;
                    stmt.raw_bind_parameter(at + 6, f.kind.key())?;
                    stmt.raw_bind_parameter(at + 7, &f.comment)?;
                    stmt.raw_bind_parameter(at + 8, f.resolved)?;
                }
                stmt.raw_execute()?;
            }
        }
        for f in chunks.remainder() {
            self.insert_feedback(f)?;
        }
        Ok(())
    }

    fn insert_feedback(&mut self, f: &Feedback) -> Result<i64> {
        inserts::feedback(&self.tx, f)
    }

    fn insert_contract(&mut self, c: &Contract) -> Result<i64> {
        inserts::contract(&self.tx, c)
    }

    fn insert_history(&mut self, h: &HistoryEntry) -> Result<i64> {
        inserts::history(&self.tx, h)
    }

    fn update_customer(&mut self, c: &Customer) -> Result<()> {
        match self.spend.new.get_mut(&c.id) {
            Some(prior) => *prior = c.prior.spend,
            // Its spend before rapport may have changed: checked against what is stored.
            None => {
                self.spend.added.entry(c.id).or_default();
            }
        }
        inserts::replace_customer(&self.tx, c)
    }

    fn let_engine_decide(&mut self, ids: &[i64], today: Date, rules: &Rules) -> Result<()> {
        let mut moves = Vec::new();
        for id in ids {
            let Some(customer) = self.customer_by_id(*id)? else { continue };
            let eval = summary::evaluate_one(&self.tx, &customer, today, rules)?;
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

/// How the activity record names a bulk load.
pub(super) const BULK_DESCRIPTION: &str = "Loaded records in bulk (an import, or the sample data)";

impl Sqlite {
    /// Runs `body` with a loader in one immediate transaction, then recomputes every
    /// summary, stage and suggestion and commits. If `body` or anything after it fails,
    /// nothing at all is written.
    pub(super) fn load_in_bulk(&mut self, body: LoadBody<'_>) -> Result<()> {
        if self.read_only {
            return Err(StoreError::ReadOnly(self.path.clone()));
        }
        // A large load touches far more pages than the usual cache holds; a roomier cache
        // while it runs keeps them from being spilled to the WAL and read back.
        let usual_cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn.pragma_update(None, "cache_size", BULK_CACHE_SIZE)?;
        let result = self.load_in_one_transaction(body);
        let restored = self.conn.pragma_update(None, "cache_size", usual_cache);
        result?;
        restored?;
        Ok(())
    }

    fn load_in_one_transaction(&mut self, body: LoadBody<'_>) -> Result<()> {
        let ctx = self.ctx.clone();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut loader = SqliteLoader { tx, spend: LoadedSpend::default() };
        body(&mut loader)?;
        // What was loaded must leave every total countable, like a single purchase.
        let past = loader.spend.first_past_range(&loader.tx)?;
        let tx = loader.tx;
        if let Some(id) = past {
            let name: String = tx.query_row("SELECT name FROM customers WHERE id = ?1", [id], |r| r.get(0))?;
            return Err(StoreError::invalid(
                "amount",
                format!(
                    "the import would take the total spend of {} past the most rapport can count; nothing was imported. Check the amounts",
                    crate::text::capped(&name, 60)
                ),
            ));
        }
        let rev = next_rev(&tx)?;
        summary::refresh_all(&tx, rev, &ctx)?;
        super::refresh::note_all_current(&tx, &ctx)?;
        // Recorded as one entry, without the records: a bulk load is not undone row by row.
        let whole = crate::store::StoredChange { customer_ids: Vec::new(), records: Vec::new(), bulk: true };
        super::activity::record(&tx, &ctx.user, BULK_DESCRIPTION, &whole, None)?;
        tx.commit()?;
        Ok(())
    }
}
