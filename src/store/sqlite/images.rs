//! Records as plain values, read and put back by key: what a [`Change`] holds of each
//! record it wrote, and how this engine carries out its inverse.
//!
//! [`Change`]: crate::store::Change

use rusqlite::{Connection, OptionalExtension, params};

use super::{customer_row, inserts, rows, summary};
use crate::store::change::{Record, Restore, Table};
use crate::store::error::{Result, StoreError};

/// The record `key` of `table` as it is stored now.
pub fn read_record(conn: &Connection, table: Table, key: i64) -> Result<Option<Record>> {
    fn one<T>(
        conn: &Connection,
        columns: &str,
        table: &str,
        key: i64,
        read: fn(&rusqlite::Row) -> rusqlite::Result<T>,
    ) -> Result<Option<T>> {
        let sql = format!("SELECT {columns} FROM {table} WHERE id = ?1");
        Ok(conn.prepare_cached(&sql)?.query_row([key], read).optional()?)
    }
    Ok(match table {
        Table::Customers => customer_row::customer_by_id(conn, key)?.map(Record::Customer),
        Table::Interactions => {
            one(conn, rows::INTERACTION_COLUMNS, "interactions", key, rows::interaction)?.map(Record::Interaction)
        }
        Table::Feedback => one(conn, rows::FEEDBACK_COLUMNS, "feedback", key, rows::feedback)?.map(Record::Feedback),
        Table::Contracts => one(conn, rows::CONTRACT_COLUMNS, "contracts", key, rows::contract)?.map(Record::Contract),
        Table::History => one(conn, rows::HISTORY_COLUMNS, "history", key, rows::history)?.map(Record::History),
        Table::Suggestions => {
            summary::load_suggestion(conn, key)?.map(|suggestion| Record::Suggestion { customer_id: key, suggestion })
        }
    })
}

/// Carries out one step of an undo, refusing if the record changed since.
pub fn restore(conn: &Connection, step: &Restore<'_>) -> Result<()> {
    let current = read_record(conn, step.table, step.key)?;
    if !step.still_as_left(current.as_ref()) {
        return Err(step.changed_since());
    }
    match (current, step.wanted) {
        (_, None) => {
            if step.table == Table::Customers && has_records(conn, step.key)? {
                return Err(StoreError::Conflict(
                    "cannot undo: records were added to this customer since (perhaps by someone else); nothing was undone"
                        .into(),
                ));
            }
            delete(conn, step.table, step.key)
        }
        // UPDATE, not delete and insert: deleting a customer would cascade to its history.
        (Some(_), Some(Record::Customer(c))) => inserts::replace_customer(conn, c),
        (Some(_), Some(wanted)) => {
            delete(conn, step.table, step.key)?;
            put(conn, wanted)
        }
        (None, Some(wanted)) => put(conn, wanted),
    }
}

/// Writes a record with its own id (or key).
fn put(conn: &Connection, record: &Record) -> Result<()> {
    match record {
        Record::Customer(c) => inserts::customer(conn, c).map(drop),
        Record::Interaction(i) => inserts::interaction(conn, i).map(drop),
        Record::Feedback(f) => inserts::feedback(conn, f).map(drop),
        Record::Contract(c) => inserts::contract(conn, c).map(drop),
        Record::History(h) => inserts::history(conn, h).map(drop),
        Record::Suggestion { customer_id, suggestion: s } => {
            conn.prepare_cached(
                "INSERT INTO suggestions (customer_id, from_type, to_type, reasons, since, status) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                customer_id,
                s.from.key(),
                s.to.key(),
                s.reasons,
                s.since.to_string(),
                summary::status_key(s.status)
            ])?;
            Ok(())
        }
    }
}

fn delete(conn: &Connection, table: Table, key: i64) -> Result<()> {
    let sql = match table {
        Table::Customers => "DELETE FROM customers WHERE id = ?1",
        Table::Interactions => "DELETE FROM interactions WHERE id = ?1",
        Table::Feedback => "DELETE FROM feedback WHERE id = ?1",
        Table::Contracts => "DELETE FROM contracts WHERE id = ?1",
        Table::History => "DELETE FROM history WHERE id = ?1",
        Table::Suggestions => "DELETE FROM suggestions WHERE customer_id = ?1",
    };
    conn.prepare_cached(sql)?.execute([key])?;
    Ok(())
}

/// Whether anything a person entered still refers to a customer. Deleting the customer
/// would silently take those records with it (or drop their referrer).
fn has_records(conn: &Connection, customer_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM interactions WHERE customer_id = ?1) \
             OR EXISTS (SELECT 1 FROM feedback WHERE customer_id = ?1) \
             OR EXISTS (SELECT 1 FROM contracts WHERE customer_id = ?1) \
             OR EXISTS (SELECT 1 FROM history WHERE customer_id = ?1) \
             OR EXISTS (SELECT 1 FROM customers WHERE referred_by = ?1)",
        [customer_id],
        |r| r.get(0),
    )?)
}
