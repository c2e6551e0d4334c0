//! Row images: what a change did to each row, so that it can be undone exactly and so
//! that undo can tell when someone else has changed the row since.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};

use super::error::{Result, StoreError};

/// The tables a change can touch, with their key column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Customers,
    Interactions,
    Feedback,
    Contracts,
    History,
    Suggestions,
}

impl Table {
    pub fn name(self) -> &'static str {
        match self {
            Table::Customers => "customers",
            Table::Interactions => "interactions",
            Table::Feedback => "feedback",
            Table::Contracts => "contracts",
            Table::History => "history",
            Table::Suggestions => "suggestions",
        }
    }

    fn key_column(self) -> &'static str {
        match self {
            Table::Suggestions => "customer_id",
            _ => "id",
        }
    }

    /// Columns the program derives on its own; they may differ without anyone having
    /// edited the row.
    fn derived_columns(self) -> &'static [&'static str] {
        match self {
            Table::Customers => &["stage"],
            Table::Suggestions => &["since", "reasons"],
            _ => &[],
        }
    }
}

/// A row as (column name, value) pairs.
pub type RowValues = Vec<(String, Value)>;

/// One row before and after a change; `None` where the row did not exist.
#[derive(Debug, Clone, PartialEq)]
pub struct RowImage {
    pub table: Table,
    pub key: i64,
    pub before: Option<RowValues>,
    pub after: Option<RowValues>,
}

pub fn read_row(conn: &Connection, table: Table, key: i64) -> Result<Option<RowValues>> {
    let sql = format!("SELECT * FROM {} WHERE {} = ?1", table.name(), table.key_column());
    let mut stmt = conn.prepare_cached(&sql)?;
    let names: Vec<String> = stmt.column_names().map(String::from).collect();
    let row = stmt
        .query_row([key], |row| {
            (0..names.len())
                .map(|i| row.get::<_, Value>(i).map(|v| (names[i].clone(), v)))
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .optional()?;
    Ok(row)
}

fn same_ignoring_derived(table: Table, a: &Option<RowValues>, b: &Option<RowValues>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            a.len() == b.len()
                && a.iter().zip(b).all(|((name, x), (_, y))| x == y || table.derived_columns().contains(&name.as_str()))
        }
        _ => false,
    }
}

/// Puts a row back as it was before the change, refusing if it changed since.
pub fn restore(conn: &Connection, image: &RowImage) -> Result<()> {
    let current = read_row(conn, image.table, image.key)?;
    if !same_ignoring_derived(image.table, &current, &image.after) {
        return Err(StoreError::Conflict(format!(
            "cannot undo: a {} record was changed since (perhaps by someone else); nothing was undone",
            image.table.name().trim_end_matches('s')
        )));
    }
    let (table, key_column) = (image.table.name(), image.table.key_column());
    match (&current, &image.before) {
        (_, None) => {
            if image.table == Table::Customers && has_records(conn, image.key)? {
                return Err(StoreError::Conflict(
                    "cannot undo: records were added to this customer since (perhaps by someone else); nothing was undone"
                        .into(),
                ));
            }
            conn.execute(&format!("DELETE FROM {table} WHERE {key_column} = ?1"), [image.key])?;
        }
        (None, Some(before)) => {
            let columns: Vec<&str> = before.iter().map(|(n, _)| n.as_str()).collect();
            let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
            let sql = format!("INSERT INTO {table} ({}) VALUES ({})", columns.join(", "), marks.join(", "));
            conn.execute(&sql, rusqlite::params_from_iter(before.iter().map(|(_, v)| v)))?;
        }
        (Some(_), Some(before)) => {
            // UPDATE, not REPLACE: replacing a customer would cascade to its history.
            let sets: Vec<String> = before.iter().enumerate().map(|(i, (n, _))| format!("{n} = ?{}", i + 1)).collect();
            let sql = format!("UPDATE {table} SET {} WHERE {key_column} = ?{}", sets.join(", "), before.len() + 1);
            let mut values: Vec<Value> = before.iter().map(|(_, v)| v.clone()).collect();
            values.push(Value::Integer(image.key));
            conn.execute(&sql, rusqlite::params_from_iter(values))?;
        }
    }
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
