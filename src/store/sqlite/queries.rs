//! What the screens and commands read. Lists read summaries; only one customer's detail
//! reads raw history, a page at a time.

use rusqlite::{OptionalExtension, params};

use super::Sqlite;
use super::summary::{self, Evaluation};
use super::{customer_row, rows};
use crate::domain::model::{PendingSuggestion, TimelineEntry};
use crate::domain::{Contract, Customer, Feedback, HistoryEntry};
use crate::store::error::{Result, StoreError};

/// Customers found by a name compared ignoring case: first in SQLite's NOCASE, which
/// the index on names serves but which folds only A–Z, then, when that finds nothing
/// and the name has other letters ("Zoë"), in FOLD, a scan that folds every letter.
/// `query` gets the collation to compare in.
pub(super) fn by_name<T>(name: &str, mut query: impl FnMut(&str) -> Result<Vec<T>>) -> Result<Vec<T>> {
    let found = query("NOCASE")?;
    if found.is_empty() && !name.is_ascii() { query("FOLD") } else { Ok(found) }
}

impl Sqlite {
    pub(super) fn customer(&self, id: i64) -> Result<Option<Customer>> {
        customer_row::customer_by_id(&self.conn, id)
    }

    /// Finds a customer the way the command line names one: id, exact email, exact name
    /// (ignoring case), else a unique name prefix. Unknown or ambiguous names are errors
    /// that list candidates.
    pub(super) fn find_customer(&self, reference: &str) -> Result<Customer> {
        let r = reference.trim();
        if r.is_empty() {
            return Err(StoreError::NotFound("no customer given; name one by id, email or name".into()));
        }
        if let Ok(id) = r.parse::<i64>()
            && let Some(c) = self.customer(id)?
        {
            return Ok(c);
        }
        let sql = format!("SELECT {} FROM customers WHERE email = ?1 COLLATE NOCASE", *customer_row::CUSTOMER_COLUMNS);
        if let Some(c) = self.conn.prepare_cached(&sql)?.query_row([r], customer_row::customer).optional()? {
            return Ok(c);
        }
        let select = |sql_filter: &str, arg: &str| -> Result<Vec<Customer>> {
            let sql = format!(
                "SELECT {} FROM customers WHERE {sql_filter} ORDER BY archived, name COLLATE NOCASE, id LIMIT 11",
                *customer_row::CUSTOMER_COLUMNS
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let found = stmt.query_map([arg], customer_row::customer)?.collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(found)
        };
        let exact = by_name(r, |collation| select(&format!("name = ?1 COLLATE {collation}"), r))?;
        let candidates = match exact.len() {
            1 => return Ok(exact.into_iter().next().unwrap_or_else(|| unreachable!())),
            0 => {
                let escaped = r.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
                // LIKE folds A–Z as NOCASE does; FOLD compares the name's start instead.
                let prefixed = by_name(r, |collation| match collation {
                    "NOCASE" => select("name LIKE ?1 ESCAPE '\\'", &format!("{escaped}%")),
                    _ => select(&format!("substr(name, 1, length(?1)) = ?1 COLLATE {collation}"), r),
                })?;
                if prefixed.len() == 1 {
                    return Ok(prefixed.into_iter().next().unwrap_or_else(|| unreachable!()));
                }
                prefixed
            }
            _ => exact,
        };
        let shown = crate::text::inert(r);
        if candidates.is_empty() {
            let near = select("name LIKE ?1", &format!("%{}%", r.chars().take(3).collect::<String>()))?;
            return Err(StoreError::NotFound(format!(
                "no customer matches '{shown}'{}",
                list_candidates(&near, "; did you mean")
            )));
        }
        Err(StoreError::NotFound(format!(
            "'{shown}' matches more than one customer; use the id or the email{}",
            list_candidates(&candidates, ":")
        )))
    }

    /// Interactions and feedback of one customer, newest first, one page at a time.
    pub(super) fn timeline(&self, customer_id: i64, limit: usize, offset: usize) -> Result<Vec<TimelineEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT 'i' AS src, id, date FROM interactions WHERE customer_id = ?1 \
             UNION ALL SELECT 'f', id, date FROM feedback WHERE customer_id = ?1 \
             ORDER BY date DESC, src DESC, id DESC LIMIT ?2 OFFSET ?3",
        )?;
        let keys: Vec<(String, i64)> = stmt
            .query_map(params![customer_id, limit as i64, offset as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut entries = Vec::with_capacity(keys.len());
        for (src, id) in keys {
            if src == "i" {
                let sql = format!("SELECT {} FROM interactions WHERE id = ?1", rows::INTERACTION_COLUMNS);
                entries.push(TimelineEntry::Interaction(
                    self.conn.prepare_cached(&sql)?.query_row([id], rows::interaction)?,
                ));
            } else {
                let sql = format!("SELECT {} FROM feedback WHERE id = ?1", rows::FEEDBACK_COLUMNS);
                entries.push(TimelineEntry::Feedback(self.conn.prepare_cached(&sql)?.query_row([id], rows::feedback)?));
            }
        }
        Ok(entries)
    }

    /// How many timeline entries a customer has.
    pub(super) fn timeline_len(&self, customer_id: i64) -> Result<usize> {
        let n: i64 = self.conn.prepare_cached(
            "SELECT (SELECT count(*) FROM interactions WHERE customer_id = ?1) + (SELECT count(*) FROM feedback WHERE customer_id = ?1)",
        )?
        .query_row([customer_id], |r| r.get(0))?;
        Ok(n as usize)
    }

    pub(super) fn contracts(&self, customer_id: i64) -> Result<Vec<Contract>> {
        let sql = format!(
            "SELECT {} FROM contracts WHERE customer_id = ?1 ORDER BY start DESC, id DESC",
            rows::CONTRACT_COLUMNS
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Ok(stmt.query_map([customer_id], rows::contract)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Classification history, newest first.
    pub(super) fn history(&self, customer_id: i64) -> Result<Vec<HistoryEntry>> {
        let sql = format!("SELECT {} FROM history WHERE customer_id = ?1 ORDER BY id DESC", rows::HISTORY_COLUMNS);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Ok(stmt.query_map([customer_id], rows::history)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Open complaints of a customer, oldest first.
    pub(super) fn open_complaints(&self, customer_id: i64) -> Result<Vec<Feedback>> {
        let sql = format!(
            "SELECT {} FROM feedback WHERE customer_id = ?1 AND kind = 'complaint' AND resolved = 0 ORDER BY date, id",
            rows::FEEDBACK_COLUMNS
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Ok(stmt.query_map([customer_id], rows::feedback)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Customers this one referred.
    pub(super) fn referrals_of(&self, customer_id: i64) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, name FROM customers WHERE referred_by = ?1 ORDER BY id")?;
        Ok(stmt.query_map([customer_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
    }

    /// Fresh signals and classification of one customer, from its records.
    pub(super) fn evaluate(&self, customer: &Customer) -> Result<Evaluation> {
        summary::evaluate_one(&self.conn, customer, self.ctx.today, &self.ctx.rules)
    }

    /// Evaluates every customer from the records, in one pass; nothing is written.
    pub(super) fn evaluate_all(&self, each: impl FnMut(Evaluation) -> Result<()>) -> Result<()> {
        summary::evaluate_all(&self.conn, self.ctx.today, &self.ctx.rules, each)
    }

    /// Suggestions waiting for a decision, pinned customers' included (marked).
    pub(super) fn pending_suggestions(&self) -> Result<Vec<PendingSuggestion>> {
        let mut stmt = self.conn.prepare(
            "SELECT s.customer_id, c.name, c.company, s.from_type, s.to_type, s.reasons, s.since, c.pinned \
             FROM suggestions s JOIN customers c ON c.id = s.customer_id \
             WHERE s.status = 'pending' AND c.archived = 0 ORDER BY s.since DESC, c.name COLLATE NOCASE, c.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(PendingSuggestion {
                customer_id: r.get(0)?,
                name: r.get(1)?,
                company: r.get(2)?,
                from: rows::relationship_at(r, 3)?,
                to: rows::relationship_at(r, 4)?,
                reasons: r.get(5)?,
                since: rows::date_at(r, 6)?,
                pinned: r.get(7)?,
            })
        })?;
        let stored = rows.collect::<rusqlite::Result<_>>()?;
        if super::refresh::all_current(&self.conn, &self.ctx)? {
            return Ok(stored);
        }
        super::standing::pending_as_refreshed(&self.conn, &self.ctx, stored)
    }

    /// A customer's stored suggestion, pending or rejected.
    /// Read as a refresh would leave it when the customer's summary is out of date.
    pub(super) fn suggestion(&self, customer_id: i64) -> Result<Option<summary::StoredSuggestion>> {
        let stored = summary::load_suggestion(&self.conn, customer_id)?;
        if super::refresh::all_current(&self.conn, &self.ctx)?
            || super::refresh::is_current(&self.conn, &self.ctx, customer_id)?
        {
            return Ok(stored);
        }
        let Some(customer) = self.customer(customer_id)? else { return Ok(stored) };
        let eval = self.evaluate(&customer)?;
        Ok(summary::outcome(&eval, stored.as_ref(), self.ctx.today).stored().cloned())
    }

    /// Number of customers, archived ones included.
    pub(super) fn customer_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?)
    }
}

fn list_candidates(candidates: &[Customer], lead: &str) -> String {
    if candidates.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = candidates
        .iter()
        .take(10)
        .map(|c| {
            let email = c.email.as_deref().map(|e| format!(", {e}")).unwrap_or_default();
            let archived = if c.archived { ", archived" } else { "" };
            crate::text::inert(&format!("{} (id {}{email}{archived})", c.name.trim(), c.id)).into_owned()
        })
        .collect();
    let more = if candidates.len() > 10 { " and more" } else { "" };
    format!("{lead} {}{more}", shown.join("; "))
}
