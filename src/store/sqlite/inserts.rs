//! The one place each kind of record is inserted, for single writes and bulk loads
//! alike. A record whose `id` is 0 gets a fresh id; any other id is kept.

use rusqlite::{Connection, params};

use super::customer_row::{CUSTOMER_COLUMNS, CUSTOMER_PLACES, ID_PLACE, bind_customer, update_fields};
use crate::domain::fields::CUSTOMER_FIELDS;
use crate::domain::{Contract, Customer, Feedback, HistoryEntry, Interaction};
use crate::store::error::Result;

pub(super) fn id_or_null(id: i64) -> Option<i64> {
    (id != 0).then_some(id)
}

pub(super) fn customer(conn: &Connection, c: &Customer) -> Result<i64> {
    let sql = format!("INSERT INTO customers ({}) VALUES ({})", *CUSTOMER_COLUMNS, *CUSTOMER_PLACES);
    let mut stmt = conn.prepare_cached(&sql)?;
    bind_customer(&mut stmt, c)?;
    stmt.raw_bind_parameter(ID_PLACE, id_or_null(c.id))?;
    stmt.raw_execute()?;
    Ok(conn.last_insert_rowid())
}

/// Writes every field of the stored customer `c.id` as `c` has it.
pub(super) fn replace_customer(conn: &Connection, c: &Customer) -> Result<()> {
    Ok(update_fields(conn, c, CUSTOMER_FIELDS.iter().skip(ID_PLACE))?)
}

pub(super) fn interaction(conn: &Connection, i: &Interaction) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO interactions (id, customer_id, date, kind, summary, amount_cents, sentiment) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id_or_null(i.id),
        i.customer_id,
        i.date.to_string(),
        i.kind.key(),
        i.summary,
        i.amount,
        i.sentiment
    ])?;
    Ok(conn.last_insert_rowid())
}

pub(super) fn feedback(conn: &Connection, f: &Feedback) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO feedback (id, customer_id, date, nps, csat, kind, comment, resolved) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id_or_null(f.id),
        f.customer_id,
        f.date.to_string(),
        f.nps,
        f.csat,
        f.kind.key(),
        f.comment,
        f.resolved
    ])?;
    Ok(conn.last_insert_rowid())
}

pub(super) fn contract(conn: &Connection, c: &Contract) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO contracts (id, customer_id, kind, start, end, value_cents, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id_or_null(c.id),
        c.customer_id,
        c.kind.key(),
        c.start.to_string(),
        c.end.map(|d| d.to_string()),
        c.value,
        c.note
    ])?;
    Ok(conn.last_insert_rowid())
}

pub(super) fn history(conn: &Connection, h: &HistoryEntry) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO history (id, customer_id, date, from_type, to_type, by, reason, who) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id_or_null(h.id),
        h.customer_id,
        h.date.to_string(),
        h.from.map(|f| f.key()),
        h.to.key(),
        h.by.key(),
        h.reason,
        h.who
    ])?;
    Ok(conn.last_insert_rowid())
}
