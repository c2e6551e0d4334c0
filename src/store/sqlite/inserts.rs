//! The one place each kind of record is inserted, for single writes and bulk loads
//! alike. A record whose `id` is 0 gets a fresh id; any other id is kept.

use rusqlite::{Connection, Statement, params};

use crate::domain::{Contract, Customer, Feedback, HistoryEntry, Interaction};
use crate::store::error::Result;

pub(super) fn id_or_null(id: i64) -> Option<i64> {
    (id != 0).then_some(id)
}

/// Every column of a customer in the order [`bind_customer`] binds them (`?1` … `?20`).
const CUSTOMER_WRITE_COLUMNS: &str = "id, name, company, email, phone, tags, notes, relationship, pinned, stage, \
     referred_by, owner, next_follow_up, created, archived, source_ref, prior_orders, prior_spend_cents, \
     prior_last_order, prior_since";

const CUSTOMER_PLACES: &str =
    "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20";

/// Binds every field of `c` to `stmt`, in [`CUSTOMER_WRITE_COLUMNS`] order.
fn bind_customer(stmt: &mut Statement<'_>, c: &Customer, id: Option<i64>) -> rusqlite::Result<()> {
    stmt.raw_bind_parameter(1, id)?;
    stmt.raw_bind_parameter(2, &c.name)?;
    stmt.raw_bind_parameter(3, &c.company)?;
    stmt.raw_bind_parameter(4, &c.email)?;
    stmt.raw_bind_parameter(5, &c.phone)?;
    stmt.raw_bind_parameter(6, c.tags_text())?;
    stmt.raw_bind_parameter(7, &c.notes)?;
    stmt.raw_bind_parameter(8, c.relationship.key())?;
    stmt.raw_bind_parameter(9, c.pinned)?;
    stmt.raw_bind_parameter(10, c.stage.key())?;
    stmt.raw_bind_parameter(11, c.referred_by)?;
    stmt.raw_bind_parameter(12, &c.owner)?;
    stmt.raw_bind_parameter(13, c.next_follow_up.map(|d| d.to_string()))?;
    stmt.raw_bind_parameter(14, c.created.to_string())?;
    stmt.raw_bind_parameter(15, c.archived)?;
    stmt.raw_bind_parameter(16, &c.source_ref)?;
    stmt.raw_bind_parameter(17, c.prior.orders)?;
    stmt.raw_bind_parameter(18, c.prior.spend)?;
    stmt.raw_bind_parameter(19, c.prior.last_order.map(|d| d.to_string()))?;
    stmt.raw_bind_parameter(20, c.prior.since.map(|d| d.to_string()))?;
    Ok(())
}

pub(super) fn customer(conn: &Connection, c: &Customer) -> Result<i64> {
    let sql = format!("INSERT INTO customers ({CUSTOMER_WRITE_COLUMNS}) VALUES ({CUSTOMER_PLACES})");
    let mut stmt = conn.prepare_cached(&sql)?;
    bind_customer(&mut stmt, c, id_or_null(c.id))?;
    stmt.raw_execute()?;
    Ok(conn.last_insert_rowid())
}

/// Writes every field of the stored customer `c.id` as `c` has it.
pub(super) fn replace_customer(conn: &Connection, c: &Customer) -> Result<()> {
    let sql = format!("UPDATE customers SET ({CUSTOMER_WRITE_COLUMNS}) = ({CUSTOMER_PLACES}) WHERE id = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    bind_customer(&mut stmt, c, Some(c.id))?;
    stmt.raw_execute()?;
    Ok(())
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
        "INSERT INTO history (id, customer_id, date, from_type, to_type, by, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id_or_null(h.id),
        h.customer_id,
        h.date.to_string(),
        h.from.map(|f| f.key()),
        h.to.key(),
        h.by.key(),
        h.reason
    ])?;
    Ok(conn.last_insert_rowid())
}
