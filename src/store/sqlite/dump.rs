//! Reading every record of every table in id order, for exports: one row at a time, so
//! memory stays flat however large the history. A caller wanting the tables to agree
//! with each other while someone else writes reads them between `begin_read` and
//! `end_read`, in one read transaction.

use rusqlite::{Connection, Row};

use super::{Sqlite, customer_row, rows};
use crate::domain::{Contract, Customer, Feedback, HistoryEntry, Interaction};
use crate::store::engine::Visit;
use crate::store::error::Result;

fn each<T>(conn: &Connection, sql: &str, read: fn(&Row) -> rusqlite::Result<T>, each: Visit<'_, T>) -> Result<u64> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    let mut count = 0;
    while let Some(row) = rows.next()? {
        if !each(&read(row)?) {
            break;
        }
        count += 1;
    }
    Ok(count)
}

impl Sqlite {
    pub(super) fn begin_read(&self) -> Result<()> {
        self.conn.execute_batch("BEGIN DEFERRED")?;
        Ok(())
    }

    pub(super) fn end_read(&self) -> Result<()> {
        self.conn.execute_batch("COMMIT")?;
        Ok(())
    }

    pub(super) fn visit_customers(&self, f: Visit<'_, Customer>) -> Result<u64> {
        let sql = format!("SELECT {} FROM customers ORDER BY id", *customer_row::CUSTOMER_COLUMNS);
        each(&self.conn, &sql, customer_row::customer, f)
    }

    pub(super) fn visit_interactions(&self, f: Visit<'_, Interaction>) -> Result<u64> {
        let sql = format!("SELECT {} FROM interactions ORDER BY id", rows::INTERACTION_COLUMNS);
        each(&self.conn, &sql, rows::interaction, f)
    }

    pub(super) fn visit_feedback(&self, f: Visit<'_, Feedback>) -> Result<u64> {
        let sql = format!("SELECT {} FROM feedback ORDER BY id", rows::FEEDBACK_COLUMNS);
        each(&self.conn, &sql, rows::feedback, f)
    }

    pub(super) fn visit_contracts(&self, f: Visit<'_, Contract>) -> Result<u64> {
        let sql = format!("SELECT {} FROM contracts ORDER BY id", rows::CONTRACT_COLUMNS);
        each(&self.conn, &sql, rows::contract, f)
    }

    pub(super) fn visit_history(&self, f: Visit<'_, HistoryEntry>) -> Result<u64> {
        let sql = format!("SELECT {} FROM history ORDER BY id", rows::HISTORY_COLUMNS);
        each(&self.conn, &sql, rows::history, f)
    }
}
