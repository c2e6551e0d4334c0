//! Reading every record of every table in id order, for exports: one row at a time, so
//! memory stays flat however large the history, and all inside one read transaction so
//! that the tables agree with each other even while someone else writes.

use rusqlite::types::{FromSqlError, Type};
use rusqlite::{Connection, Row};

use super::error::StoreError;
use super::{Store, parse_stored_date, rows};
use crate::domain::kinds::UnknownKey;
use crate::domain::{Contract, Customer, Date, Feedback, FeedbackKind, HistoryEntry, Interaction, InteractionKind};

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

fn conversion(index: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, Type::Text, Box::new(e))
}

/// Stored keys are exact: find them without the allocations of the lenient parse, which
/// remains the answer for anything else.
fn stored_key<T: Copy>(
    all: &[T],
    key: fn(T) -> &'static str,
    parse: fn(&str) -> Result<T, UnknownKey>,
    row: &Row,
    index: usize,
) -> rusqlite::Result<T> {
    let text = row.get_ref(index)?.as_str()?;
    all.iter().copied().find(|v| key(*v) == text).map_or_else(|| parse(text), Ok).map_err(|e| conversion(index, e))
}

fn stored_date(row: &Row, index: usize) -> rusqlite::Result<Date> {
    let text = row.get_ref(index)?.as_str()?;
    parse_stored_date(text)
        .ok_or_else(|| conversion(index, FromSqlError::Other(format!("'{text}' is not a date").into())))
}

/// The two big tables are read millions of rows at a time: no allocation but the text.
fn interaction(row: &Row) -> rusqlite::Result<Interaction> {
    Ok(Interaction {
        id: row.get(0)?,
        customer_id: row.get(1)?,
        date: stored_date(row, 2)?,
        kind: stored_key(InteractionKind::ALL, InteractionKind::key, InteractionKind::parse, row, 3)?,
        summary: row.get(4)?,
        amount: row.get(5)?,
        sentiment: row.get(6)?,
    })
}

fn feedback(row: &Row) -> rusqlite::Result<Feedback> {
    Ok(Feedback {
        id: row.get(0)?,
        customer_id: row.get(1)?,
        date: stored_date(row, 2)?,
        nps: row.get(3)?,
        csat: row.get(4)?,
        kind: stored_key(FeedbackKind::ALL, FeedbackKind::key, FeedbackKind::parse, row, 5)?,
        comment: row.get(6)?,
        resolved: row.get(7)?,
    })
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
        each(&self.conn, &sql, interaction, f)
    }

    pub fn each_feedback<E: From<StoreError>>(&self, f: impl FnMut(&Feedback) -> Result<(), E>) -> Result<u64, E> {
        let sql = format!("SELECT {} FROM feedback ORDER BY id", rows::FEEDBACK_COLUMNS);
        each(&self.conn, &sql, feedback, f)
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
