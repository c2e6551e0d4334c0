//! The lists: every customer with its summary, read fast enough for 100,000 customers.
//!
//! A list is read from the list cards kept beside the summaries (see `card.rs`): one
//! BLOB per customer instead of two dozen columns over three tables. A whole list is
//! read in two halves of the id range at once, the second on a short-lived read-only
//! connection in another thread. Each half reads in its own read transaction together
//! with the write revision; when the two revisions differ (someone wrote in between)
//! the list is read again in one piece, so a list is always one moment's.

use std::path::Path;
use std::thread;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row};

use super::open::BUSY_TIMEOUT;
use super::rows;
use super::standing::{self, StoredRow};
use super::summary::{SUMMARY_COLUMNS, summary_from_row};
use super::{Sqlite, card, refresh};
use crate::domain::model::{Contacts, ListRow, RosterRow, SearchFields, Suggested};
use crate::domain::{RelationshipType, Stage, SuggestionStatus};
use crate::store::context::Context;
use crate::store::error::Result;

/// The same columns straight from the tables, for one row: the check of a card, and the
/// way round a card that cannot be read.
const LIST_CUSTOMER_COLUMNS: &str = "c.id, c.name, c.company, c.relationship, c.pinned, c.stage, c.created, c.archived";
const CONTACT_COLUMNS: &str = ", coalesce(c.email, ''), c.tags, c.notes, c.owner";
const CONTACT_AT: usize = 8;

fn joined_sql(contacts: bool) -> String {
    let contacts = if contacts { CONTACT_COLUMNS } else { "" };
    format!(
        "SELECT {LIST_CUSTOMER_COLUMNS}{contacts}, sg.to_type, sg.status, {SUMMARY_COLUMNS} FROM customers c \
         JOIN summaries s ON s.customer_id = c.id LEFT JOIN suggestions sg ON sg.customer_id = c.id WHERE c.id = ?1"
    )
}

const SEARCH_SQL: &str = "SELECT id, name, company, coalesce(email, ''), tags, notes FROM customers ";

/// Below this many ids a list is read in one piece: a second connection costs more than
/// it saves.
const SPLIT_FROM: i64 = 8192;

fn suggestion_at(row: &Row, at: usize) -> rusqlite::Result<Suggested> {
    let (to, status) = (rows::opt_text_at(row, at)?, rows::opt_text_at(row, at + 1)?);
    Ok(match (to, status) {
        (Some(to), Some(status)) => RelationshipType::parse(to)
            .ok()
            .map(|t| (t, if status == "rejected" { SuggestionStatus::Rejected } else { SuggestionStatus::Pending })),
        _ => None,
    })
}

/// A row of [`joined_sql`] without the contact details.
fn joined_list_row(row: &Row) -> rusqlite::Result<ListRow> {
    let at = if row.as_ref().column_count() > CONTACT_AT + 16 { CONTACT_AT + 4 } else { CONTACT_AT };
    Ok(ListRow {
        id: row.get(0)?,
        name: rows::text_at(row, 1)?.to_owned(),
        company: rows::text_at(row, 2)?.to_owned(),
        relationship: rows::relationship_at(row, 3)?,
        pinned: row.get(4)?,
        stage: Stage::parse(rows::text_at(row, 5)?).unwrap_or(Stage::Prospect),
        created: rows::date_at(row, 6)?,
        archived: row.get(7)?,
        suggestion: suggestion_at(row, at)?,
        summary: summary_from_row(row, at + 2)?,
    })
}

/// The contact details of a row whose columns start at `at`: email, tags, notes, owner.
fn contacts_at(row: &Row, at: usize) -> rusqlite::Result<Contacts> {
    Ok(Contacts {
        email: rows::text_at(row, at)?.to_owned(),
        tags: rows::text_at(row, at + 1)?.to_owned(),
        notes: rows::text_at(row, at + 2)?.to_owned(),
        owner: rows::text_at(row, at + 3)?.to_owned(),
    })
}

/// One customer's list row from its tables, archived or not.
fn read_joined(conn: &Connection, id: i64) -> rusqlite::Result<Option<ListRow>> {
    conn.prepare_cached(&joined_sql(false))?.query_row([id], joined_list_row).optional()
}

/// The list row a stored card holds, if the column holds a readable card.
pub(super) fn stored_card(id: i64, card: ValueRef<'_>) -> Option<ListRow> {
    if let ValueRef::Blob(bytes) = card { card::decode(id, bytes) } else { None }
}

/// A list row from a card, or from the tables when the card is missing or unreadable.
fn from_card(conn: &Connection, id: i64, card: ValueRef<'_>) -> rusqlite::Result<Option<ListRow>> {
    match card {
        ValueRef::Blob(bytes) => match card::decode(id, bytes) {
            Some(row) => Ok(Some(row)),
            None => read_joined(conn, id),
        },
        _ => read_joined(conn, id),
    }
}

/// The rows of a query of `customer_id, card, basis`, each as stored, then (when `ctx`
/// is given) those on another basis as a refresh would store them.
fn rows_as_refreshed(
    conn: &Connection,
    ctx: Option<&Context>,
    stmt: &mut rusqlite::Statement<'_>,
    params: impl rusqlite::Params,
) -> Result<Vec<ListRow>> {
    let mut q = stmt.query(params)?;
    let Some(ctx) = ctx else {
        // Every summary is current: the cards as they are, the usual (and fast) case.
        let mut rows = Vec::new();
        while let Some(row) = q.next()? {
            rows.extend(from_card(conn, row.get(0)?, row.get_ref(1)?)?);
        }
        return Ok(rows);
    };
    let basis = ctx.basis();
    let mut stored = Vec::new();
    while let Some(row) = q.next()? {
        if let Some(listed) = from_card(conn, row.get(0)?, row.get_ref(1)?)? {
            stored.push(StoredRow { row: listed, current: rows::text_at(row, 2)? == basis });
        }
    }
    standing::as_refreshed(conn, ctx, stored)
}

/// The list rows of ids `first..=last` that are not archived, from their cards.
fn list_range(conn: &Connection, first: i64, last: i64, ctx: Option<&Context>) -> Result<Vec<ListRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT customer_id, card, basis FROM summaries WHERE customer_id BETWEEN ?1 AND ?2 ORDER BY customer_id",
    )?;
    let mut rows = rows_as_refreshed(conn, ctx, &mut stmt, [first, last])?;
    rows.retain(|r| !r.archived);
    Ok(rows)
}

/// The same with contact details, merged in from the customers table in id order.
fn roster_range(conn: &Connection, first: i64, last: i64, ctx: Option<&Context>) -> Result<Vec<RosterRow>> {
    let listed = list_range(conn, first, last, ctx)?;
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, coalesce(c.email, ''), c.tags, c.notes, c.owner FROM customers c \
         WHERE c.id BETWEEN ?1 AND ?2 AND c.archived = 0 ORDER BY c.id",
    )?;
    let mut out = Vec::with_capacity(listed.len());
    let mut q = stmt.query([first, last])?;
    let mut listed = listed.into_iter().peekable();
    while let Some(row) = q.next()? {
        let id: i64 = row.get(0)?;
        while listed.next_if(|l| l.id < id).is_some() {}
        if let Some(list) = listed.next_if(|l| l.id == id) {
            out.push(RosterRow { list, contacts: contacts_at(row, 1)? });
        }
    }
    Ok(out)
}

fn search_fields<'r>(row: &'r Row<'_>) -> rusqlite::Result<SearchFields<'r>> {
    Ok(SearchFields {
        name: rows::text_at(row, 1)?,
        company: rows::text_at(row, 2)?,
        email: rows::text_at(row, 3)?,
        tags: rows::text_at(row, 4)?,
        notes: rows::text_at(row, 5)?,
    })
}

impl Sqlite {
    /// The context to recompute out-of-date rows with, or `None` when every summary is
    /// known to be on today's basis.
    fn stale_basis(&self) -> Result<Option<&Context>> {
        Ok(if refresh::all_current(&self.conn, &self.ctx)? { None } else { Some(&self.ctx) })
    }

    /// Every customer not archived, as the lists show it, in id order.
    pub(super) fn list_rows(&self) -> Result<Vec<ListRow>> {
        let ctx = self.stale_basis()?;
        self.read_by_id(SPLIT_FROM, |conn, first, last| list_range(conn, first, last, ctx))
    }

    /// Customers (archived ones too) whose summary was rewritten after revision `since`.
    pub(super) fn list_changes(&self, since: i64) -> Result<Vec<ListRow>> {
        let mut stmt =
            self.conn.prepare("SELECT customer_id, card, basis FROM summaries WHERE rev > ?1 ORDER BY customer_id")?;
        rows_as_refreshed(&self.conn, self.stale_basis()?, &mut stmt, [since])
    }

    /// One customer's list row, archived or not.
    pub(super) fn list_row(&self, id: i64) -> Result<Option<ListRow>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT customer_id, card, basis FROM summaries WHERE customer_id = ?1")?;
        Ok(rows_as_refreshed(&self.conn, self.stale_basis()?, &mut stmt, [id])?.pop())
    }

    /// One customer's list card as stored, if it is there and readable.
    pub(super) fn list_card(&self, id: i64) -> Result<Option<ListRow>> {
        let mut stmt = self.conn.prepare_cached("SELECT card FROM summaries WHERE customer_id = ?1")?;
        let card = stmt.query_row([id], |r| Ok(stored_card(id, r.get_ref(0)?))).optional()?;
        Ok(card.flatten())
    }

    /// One customer's list row read from its tables rather than its card, archived or
    /// not: what the card must say.
    pub(super) fn list_row_from_tables(&self, id: i64) -> Result<Option<ListRow>> {
        Ok(read_joined(&self.conn, id)?)
    }

    /// How many customers are not archived.
    pub(super) fn active_customer_count(&self) -> Result<usize> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM customers WHERE archived = 0", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Every customer not archived, with contact details and summary, in id order.
    pub(super) fn roster(&self) -> Result<Vec<RosterRow>> {
        let ctx = self.stale_basis()?;
        self.read_by_id(SPLIT_FROM, |conn, first, last| roster_range(conn, first, last, ctx))
    }

    /// One customer's row as the command line lists it, archived or not.
    pub(super) fn roster_row(&self, id: i64) -> Result<Option<RosterRow>> {
        let mut stmt = self.conn.prepare_cached(&joined_sql(true))?;
        let found = stmt
            .query_row([id], |r| Ok(RosterRow { list: joined_list_row(r)?, contacts: contacts_at(r, CONTACT_AT)? }))
            .optional()?;
        let Some(mut found) = found else { return Ok(None) };
        if self.stale_basis()?.is_some() {
            // The joined row carries no basis: take the list part as the lists would.
            if let Some(list) = self.list_row(id)? {
                found.list = list;
            }
        }
        Ok(Some(found))
    }

    /// What `make` builds from the searchable text of every customer not archived, with
    /// the customer's id, in id order.
    pub(super) fn search_texts(&self) -> Result<Vec<(i64, String)>> {
        let sql = format!("{SEARCH_SQL}WHERE id BETWEEN ?1 AND ?2 AND archived = 0 ORDER BY id");
        self.read_by_id(SPLIT_FROM, |conn, first, last| {
            let mut stmt = conn.prepare_cached(&sql)?;
            let rows = stmt.query_map([first, last], |row| Ok((row.get(0)?, search_fields(row)?.joined())))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// What `make` builds from one customer's searchable text, archived or not.
    pub(super) fn search_text(&self, id: i64) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached(&format!("{SEARCH_SQL}WHERE id = ?1"))?;
        Ok(stmt.query_row([id], |row| Ok(search_fields(row)?.joined())).optional()?)
    }

    /// Runs `read` over every customer id, in id order: in two halves at once when there
    /// are at least `split_from` ids, else in one piece.
    fn read_by_id<T: Send>(
        &self,
        split_from: i64,
        read: impl Fn(&Connection, i64, i64) -> Result<Vec<T>> + Sync,
    ) -> Result<Vec<T>> {
        let (first, last): (Option<i64>, Option<i64>) = self.conn.query_row(
            "SELECT (SELECT min(id) FROM customers), (SELECT max(id) FROM customers)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let (Some(first), Some(last)) = (first, last) else { return Ok(Vec::new()) };
        // Inside a caller's transaction, or for a small table, one read is right.
        if !self.conn.is_autocommit() || last - first < split_from {
            return Ok(read_range(&self.conn, first, last, &read)?.1);
        }
        let middle = first + (last - first) / 2;
        let (path, read) = (self.path.as_path(), &read);
        let (mine, theirs) = thread::scope(|scope| {
            let other = scope.spawn(move || read_on_own_connection(path, middle + 1, last, read));
            let mine = read_range(&self.conn, first, middle, read);
            (mine, other.join())
        });
        let (rev, mut rows) = mine?;
        match theirs {
            Ok(Ok((their_rev, more))) if their_rev == rev => {
                rows.extend(more);
                Ok(rows)
            }
            // The other half saw another moment, or could not be read: read it all here.
            _ => Ok(read_range(&self.conn, first, last, read)?.1),
        }
    }
}

fn read_on_own_connection<T>(
    path: &Path,
    first: i64,
    last: i64,
    read: &impl Fn(&Connection, i64, i64) -> Result<Vec<T>>,
) -> Result<(i64, Vec<T>)> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    read_range(&conn, first, last, read)
}

/// Runs `read` over ids `first..=last` and returns the write revision it saw, in one read
/// transaction unless the connection is already inside one.
fn read_range<T>(
    conn: &Connection,
    first: i64,
    last: i64,
    read: &impl Fn(&Connection, i64, i64) -> Result<Vec<T>>,
) -> Result<(i64, Vec<T>)> {
    let tx = if conn.is_autocommit() { Some(conn.unchecked_transaction()?) } else { None };
    let rev = super::stored_rev(conn)?.unwrap_or(0);
    let rows = read(conn, first, last)?;
    if let Some(tx) = tx {
        tx.commit()?;
    }
    Ok((rev, rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{DemoOptions, generate};
    use crate::store::{Session, Store};

    #[test]
    fn a_list_read_in_two_halves_equals_one_read_in_one_piece() {
        let dir = tempfile::tempdir().unwrap();
        let today = "2026-06-15".parse().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), Session::on(today)).unwrap();
        let options = DemoOptions { customers: 300, seed: 7, replace: false };
        generate(&mut store, &options, |_, _| {}).unwrap();
        let store = store.engine::<Sqlite>().unwrap();

        let list = |c: &Connection, a, b| list_range(c, a, b, None);
        let roster_of = |c: &Connection, a, b| roster_range(c, a, b, None);
        let whole = store.read_by_id(i64::MAX, list).unwrap();
        let halves = store.read_by_id(16, list).unwrap();
        assert!(whole.len() > 250, "{} customers listed", whole.len());
        assert!(whole.windows(2).all(|w| w[0].id < w[1].id), "in id order");
        assert_eq!(halves, whole);
        assert_eq!(store.list_rows().unwrap(), whole);

        let roster = store.read_by_id(16, roster_of).unwrap();
        assert_eq!(roster, store.read_by_id(i64::MAX, roster_of).unwrap());
        assert_eq!(
            roster.iter().map(|r| r.list.id).collect::<Vec<_>>(),
            whole.iter().map(|r| r.id).collect::<Vec<_>>()
        );
        for r in roster.iter().step_by(37) {
            assert_eq!(Some(r), store.roster_row(r.list.id).unwrap().as_ref());
        }

        // Inside a transaction the list is read in one piece, on the one connection.
        let inside = store.in_read(|s| s.read_by_id(16, list)).unwrap();
        assert_eq!(inside, whole);
    }
}
