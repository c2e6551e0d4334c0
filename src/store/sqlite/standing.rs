//! Reading summaries that may be out of date without writing anything. After midnight or
//! a rules change, until a refresh has rewritten them, some stored summaries were computed
//! for another day or other rules. A read-only command must neither answer with them nor
//! rewrite them, so each is computed afresh from the records, in the read it is part of,
//! exactly as the refresh will store it.

use rusqlite::Connection;

use super::{customer_row, summary};
use crate::domain::SuggestionStatus;
use crate::domain::model::{ListRow, PendingSuggestion};
use crate::store::context::Context;
use crate::store::error::Result;

/// Above this many out-of-date rows, one pass over the range beats one read per customer.
const ONE_PASS_FROM: usize = 64;

/// A list row as stored, and whether it was computed on today's basis.
pub(super) struct StoredRow {
    pub row: ListRow,
    pub current: bool,
}

/// The rows with every out-of-date one replaced by what a refresh would store.
pub(super) fn as_refreshed(conn: &Connection, ctx: &Context, rows: Vec<StoredRow>) -> Result<Vec<ListRow>> {
    let stale: Vec<usize> = rows.iter().enumerate().filter(|(_, r)| !r.current).map(|(i, _)| i).collect();
    let mut out: Vec<ListRow> = rows.into_iter().map(|r| r.row).collect();
    if stale.len() >= ONE_PASS_FROM {
        let (first, last) = (out[stale[0]].id, out[stale[stale.len() - 1]].id);
        let mut at = stale.iter().peekable();
        summary::evaluate_range(conn, first, last, ctx.today, &ctx.rules, |eval| {
            while at.next_if(|&&i| out[i].id < eval.customer_id).is_some() {}
            if let Some(&&i) = at.peek()
                && out[i].id == eval.customer_id
            {
                out[i] = refreshed_row(conn, ctx, &eval)?;
                at.next();
            }
            Ok(())
        })?;
    } else {
        for i in stale {
            if let Some(row) = refreshed(conn, ctx, out[i].id)? {
                out[i] = row;
            }
        }
    }
    Ok(out)
}

/// One customer's list row as a refresh now would store it.
pub(super) fn refreshed(conn: &Connection, ctx: &Context, id: i64) -> Result<Option<ListRow>> {
    let Some(customer) = customer_row::customer_by_id(conn, id)? else { return Ok(None) };
    let eval = summary::evaluate_one(conn, &customer, ctx.today, &ctx.rules)?;
    Ok(Some(refreshed_row(conn, ctx, &eval)?))
}

fn refreshed_row(conn: &Connection, ctx: &Context, eval: &summary::Evaluation) -> Result<ListRow> {
    let existing = summary::load_suggestion(conn, eval.customer_id)?;
    let outcome = summary::outcome(eval, existing.as_ref(), ctx.today);
    Ok(eval.list_row(eval.classification.stage, outcome.shown()))
}

/// The suggestions waiting for a decision as a refresh now would leave them: those of
/// customers whose summary is on another basis are worked out afresh.
pub(super) fn pending_as_refreshed(
    conn: &Connection,
    ctx: &Context,
    stored: Vec<PendingSuggestion>,
) -> Result<Vec<PendingSuggestion>> {
    let stale: Vec<i64> = {
        let mut stmt =
            conn.prepare_cached("SELECT customer_id FROM summaries WHERE basis != ?1 ORDER BY customer_id")?;
        let rows = stmt.query_map([ctx.basis()], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut out: Vec<PendingSuggestion> =
        stored.into_iter().filter(|s| stale.binary_search(&s.customer_id).is_err()).collect();
    let mut consider = |eval: summary::Evaluation| -> Result<()> {
        if eval.archived {
            return Ok(());
        }
        let existing = summary::load_suggestion(conn, eval.customer_id)?;
        if let Some(s) = summary::outcome(&eval, existing.as_ref(), ctx.today).stored()
            && s.status == SuggestionStatus::Pending
        {
            out.push(PendingSuggestion {
                customer_id: eval.customer_id,
                name: eval.name.clone(),
                company: eval.company.clone(),
                from: s.from,
                to: s.to,
                reasons: s.reasons.clone(),
                since: s.since,
                pinned: eval.pinned,
            });
        }
        Ok(())
    };
    if let (Some(&first), Some(&last)) = (stale.first(), stale.last()) {
        if stale.len() >= ONE_PASS_FROM {
            summary::evaluate_range(conn, first, last, ctx.today, &ctx.rules, |eval| {
                if stale.binary_search(&eval.customer_id).is_ok() {
                    consider(eval)?;
                }
                Ok(())
            })?;
        } else {
            for &id in &stale {
                if let Some(customer) = customer_row::customer_by_id(conn, id)? {
                    consider(summary::evaluate_one(conn, &customer, ctx.today, &ctx.rules)?)?;
                }
            }
        }
    }
    // As the stored list is ordered: newest first, then by name as SQLite's NOCASE
    // compares (ASCII letters folded), then by id.
    out.sort_by(|a, b| {
        b.since
            .cmp(&a.since)
            .then_with(|| a.name.to_ascii_lowercase().cmp(&b.name.to_ascii_lowercase()))
            .then_with(|| a.customer_id.cmp(&b.customer_id))
    });
    Ok(out)
}
