//! Records as plain values, read and put back by key: what a [`Change`] holds of each
//! record it wrote, and how this engine carries out its inverse.
//!
//! [`Change`]: crate::store::Change

use rusqlite::{Connection, OptionalExtension, params};

use super::{customer_row, inserts, rows, summary};
use crate::domain::Customer;
use crate::domain::edits::{FieldEdit, apply_edits, conflicts, edits_between};
use crate::domain::fields::{CUSTOMER_FIELDS, CustomerField};
use crate::store::change::{Record, Restore, Table};
use crate::store::error::{Result, StoreError};
use crate::store::settings;

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
        Table::Settings => match settings::key_of(key) {
            Some(name) => {
                super::settings::read(conn, name)?.map(|value| Record::Setting { key: name.to_string(), value })
            }
            None => None,
        },
    })
}

/// The fields a change made to a customer, as edits that take them back: each with the
/// value the change left (what must still be there) and the value before it.
fn reverting_edits(before: &Customer, after: &Customer) -> Vec<FieldEdit> {
    // The stage is the program's own: it follows the records, whoever changed them.
    let fields: Vec<&'static CustomerField> = CUSTOMER_FIELDS.iter().filter(|f| f.key != "stage").collect();
    edits_between(after, before, &fields)
}

/// Carries out one step of an undo, refusing if the record changed since.
pub fn restore(conn: &Connection, step: &Restore<'_>) -> Result<()> {
    let current = read_record(conn, step.table, step.key)?;
    // A customer is put back field by field: a later change to other fields stays.
    if let (Some(Record::Customer(now)), Some(Record::Customer(left)), Some(Record::Customer(wanted))) =
        (&current, step.expected, step.wanted)
    {
        let edits = reverting_edits(wanted, left);
        let clashes = conflicts(now, &edits);
        if let Some(clash) = clashes.first() {
            return Err(StoreError::Conflict(format!(
                "cannot undo: the {} of {} was changed since{}; nothing was undone",
                clash.label.to_lowercase(),
                crate::text::inert(now.name.trim()),
                super::activity::last_touch(conn, now.id, clash.key)?.map(|by| format!(" ({by})")).unwrap_or_default()
            )));
        }
        let mut put_back = now.clone();
        apply_edits(&mut put_back, &edits);
        return inserts::replace_customer(conn, &put_back);
    }
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
        Record::Setting { key, value } => super::settings::write(conn, key, value),
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
        Table::Settings => {
            let name = settings::key_of(key).unwrap_or_default();
            conn.prepare_cached("DELETE FROM settings WHERE key = ?1")?.execute([name])?;
            return Ok(());
        }
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
