//! The activity table: one row per committed change, written in the change's own
//! transaction, so a change and its record are never apart.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::Sqlite;
use crate::store::activity::{ActivityEntry, ActivityFilter, StoredChange, shown_time};
use crate::store::change::{Record, Table};
use crate::store::error::{Result, StoreError};

const COLUMNS: &str = "id, at, who, customer_id, description, change, undoes, undone_by";

/// The moment now as the record keeps it: UTC, to the second.
pub(super) fn now() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Records a change; returns its number.
pub(super) fn record(
    conn: &Connection,
    who: &str,
    description: &str,
    stored: &StoredChange,
    undoes: Option<i64>,
) -> Result<i64> {
    let change =
        serde_json::to_string(stored).map_err(|e| StoreError::Database(format!("cannot record the change: {e}")))?;
    conn.prepare_cached(
        "INSERT INTO activity (at, who, customer_id, description, change, undoes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![now(), who, stored.customer_ids.first(), description, change, undoes])?;
    Ok(conn.last_insert_rowid())
}

pub(super) fn mark_undone(conn: &Connection, id: i64, by: i64) -> Result<()> {
    conn.prepare_cached("UPDATE activity SET undone_by = ?2 WHERE id = ?1")?.execute([id, by])?;
    Ok(())
}

fn entry(row: &Row) -> rusqlite::Result<ActivityEntry> {
    let text: String = row.get(5)?;
    let stored = serde_json::from_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e)))?;
    Ok(ActivityEntry {
        id: row.get(0)?,
        at: row.get(1)?,
        who: row.get(2)?,
        customer_id: row.get(3)?,
        description: row.get(4)?,
        stored,
        undoes: row.get(6)?,
        undone_by: row.get(7)?,
    })
}

pub(super) fn load(conn: &Connection, id: i64) -> Result<Option<ActivityEntry>> {
    let sql = format!("SELECT {COLUMNS} FROM activity WHERE id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([id], entry).optional()?)
}

/// "by bob at 2026-12-03 14:02 UTC" for the latest recorded change to that field of the
/// customer, or nothing when the record does not tell.
pub(super) fn last_touch(conn: &Connection, customer_id: i64, field: &str) -> Result<Option<String>> {
    let sql = format!("SELECT {COLUMNS} FROM activity WHERE customer_id = ?1 ORDER BY id DESC LIMIT 200");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut q = stmt.query([customer_id])?;
    while let Some(row) = q.next()? {
        let Ok(e) = entry(row) else { continue };
        let touched = e.stored.records.iter().any(|image| match (&image.before, &image.after) {
            (Some(Record::Customer(b)), Some(Record::Customer(a))) if image.table == Table::Customers => {
                crate::domain::fields::customer_field(field).is_some_and(|f| (f.get)(b) != (f.get)(a))
            }
            _ => false,
        });
        if touched {
            return Ok(Some(format!("by {} at {}", crate::text::capped(&e.who, 40), shown_time(&e.at))));
        }
    }
    Ok(None)
}

impl Sqlite {
    pub(super) fn activity(&self, filter: &ActivityFilter) -> Result<Vec<ActivityEntry>> {
        let since = filter.since.map(|day| {
            let zone = jiff::tz::TimeZone::get(&self.ctx.timezone).unwrap_or(jiff::tz::TimeZone::UTC);
            day.to_zoned_datetime(zone)
                .map(|z| z.timestamp().strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
                .unwrap_or_else(|_| format!("{day}T00:00:00Z"))
        });
        let limit = if filter.limit == 0 { -1 } else { filter.limit as i64 };
        let sql = format!(
            "SELECT {COLUMNS} FROM activity WHERE (?1 IS NULL OR customer_id = ?1) AND (?2 IS NULL OR who = ?2) \
             AND (?3 IS NULL OR at >= ?3) ORDER BY id DESC LIMIT ?4"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![filter.customer_id, filter.who, since, limit], entry)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(super) fn activity_entry(&self, id: i64) -> Result<Option<ActivityEntry>> {
        load(&self.conn, id)
    }
}
