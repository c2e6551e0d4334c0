//! Reading every record of every table in id order, for exports: one row at a time, so
//! memory stays flat however large the history, and all inside one read transaction so
//! that the tables agree with each other even while someone else writes.

use rusqlite::{Connection, Row};

use super::error::StoreError;
use super::{Store, rows};
use crate::domain::{Contract, Customer, Feedback, HistoryEntry, Interaction};

fn each<T, E: From<StoreError>>(
    conn: &Connection,
    sql: &str,
    read: fn(&Row) -> rusqlite::Result<T>,
    mut each: impl FnMut(&T) -> Result<(), E>,
) -> Result<u64, E> {
    let mut stmt = conn.prepare(sql).map_err(StoreError::from)?;
    let mut rows = stmt.query([]).map_err(StoreError::from)?;
    let mut count = 0;
    while let Some(row) = rows.next().map_err(StoreError::from)? {
        each(&read(row).map_err(StoreError::from)?)?;
        count += 1;
    }
    Ok(count)
}

impl Store {
    /// Runs `body` inside one read transaction: everything it reads is the database as
    /// it was at one moment. Nothing is written.
    pub fn read_snapshot<T, E: From<StoreError>>(&self, body: impl FnOnce(&Store) -> Result<T, E>) -> Result<T, E> {
        let tx = self.conn.unchecked_transaction().map_err(StoreError::from)?;
        let value = body(self)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// Every customer, archived ones included, in id order. Returns how many.
    pub fn each_customer<E: From<StoreError>>(&self, f: impl FnMut(&Customer) -> Result<(), E>) -> Result<u64, E> {
        let sql = format!("SELECT {} FROM customers ORDER BY id", rows::CUSTOMER_COLUMNS);
        each(&self.conn, &sql, rows::customer, f)
    }

    pub fn each_interaction<E: From<StoreError>>(
        &self,
        f: impl FnMut(&Interaction) -> Result<(), E>,
    ) -> Result<u64, E> {
        let sql = format!("SELECT {} FROM interactions ORDER BY id", rows::INTERACTION_COLUMNS);
        each(&self.conn, &sql, rows::interaction, f)
    }

    pub fn each_feedback<E: From<StoreError>>(&self, f: impl FnMut(&Feedback) -> Result<(), E>) -> Result<u64, E> {
        let sql = format!("SELECT {} FROM feedback ORDER BY id", rows::FEEDBACK_COLUMNS);
        each(&self.conn, &sql, rows::feedback, f)
    }

    pub fn each_contract<E: From<StoreError>>(&self, f: impl FnMut(&Contract) -> Result<(), E>) -> Result<u64, E> {
        let sql = format!("SELECT {} FROM contracts ORDER BY id", rows::CONTRACT_COLUMNS);
        each(&self.conn, &sql, rows::contract, f)
    }

    pub fn each_history<E: From<StoreError>>(&self, f: impl FnMut(&HistoryEntry) -> Result<(), E>) -> Result<u64, E> {
        let sql = format!("SELECT {} FROM history ORDER BY id", rows::HISTORY_COLUMNS);
        each(&self.conn, &sql, rows::history, f)
    }
}
