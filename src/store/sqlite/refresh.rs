//! Bringing every summary to today and the rules in force, a batch at a time: after a
//! rules change, a time zone change or midnight. Each batch is its own short write
//! transaction, sized to hold the write lock for well under 100 ms, so that other people
//! keep writing while it runs. A batch rewrites only summaries on another basis, so two
//! processes refreshing at once share the work rather than repeat it, and a refresh cut
//! short (a kill, a crash) is taken up where it stopped.

use std::time::{Duration, Instant};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use super::writes::next_rev;
use super::{Sqlite, set_meta, summary};
use crate::store::context::Context;
use crate::store::engine::RefreshStep;
use crate::store::error::Result;

/// Where the summaries' basis is recorded once all of them have it.
pub(super) const BASIS_KEY: &str = "summaries_basis";

/// The first batch's size per millisecond of budget, in customers (a guess on the safe
/// side of a slow machine); later batches follow the time the last one took.
const FIRST_BATCH_PER_MS: usize = 15;
const MIN_BATCH: usize = 100;
const MAX_BATCH: usize = 20_000;

/// Whether every summary is on `ctx`'s basis, as far as the record of the last finished
/// refresh tells.
pub(super) fn all_current(conn: &Connection, ctx: &Context) -> Result<bool> {
    Ok(recorded_basis(conn)?.as_deref() == Some(ctx.basis().as_str()))
}

/// The basis the last finished refresh recorded, if it still stands.
fn recorded_basis(conn: &Connection) -> Result<Option<String>> {
    Ok(conn.prepare_cached("SELECT value FROM meta WHERE key = ?1")?.query_row([BASIS_KEY], |r| r.get(0)).optional()?)
}

/// Whether one customer's summary is on `ctx`'s basis (true when it has none to be out
/// of date).
pub(super) fn is_current(conn: &Connection, ctx: &Context, customer_id: i64) -> Result<bool> {
    let basis: Option<String> = conn
        .prepare_cached("SELECT basis FROM summaries WHERE customer_id = ?1")?
        .query_row([customer_id], |r| r.get(0))
        .optional()?;
    Ok(basis.is_none_or(|b| b == ctx.basis()))
}

/// After a write computed on `ctx`'s basis: when the summaries as a whole were said to be
/// on another one, they are a mixture now and no longer said to be on any.
pub(super) fn note_written(conn: &Connection, ctx: &Context) -> Result<()> {
    if recorded_basis(conn)?.is_some_and(|s| s != ctx.basis()) {
        conn.prepare_cached("DELETE FROM meta WHERE key = ?1")?.execute([BASIS_KEY])?;
    }
    Ok(())
}

/// Records that every summary is on `ctx`'s basis (after a full refresh).
pub(super) fn note_all_current(conn: &Connection, ctx: &Context) -> Result<()> {
    set_meta(conn, BASIS_KEY, &ctx.basis())
}

/// How far a refresh has come on one connection.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Progress {
    /// The last customer id looked at.
    after: i64,
    batch: usize,
}

impl Sqlite {
    /// One batch: rewrites the next summaries on another basis, in one transaction that
    /// aims to last about `budget`.
    pub(super) fn refresh_step(&mut self, budget: Duration) -> Result<RefreshStep> {
        if self.read_only {
            return Ok(RefreshStep { refreshed: 0, done: true, held: Duration::ZERO });
        }
        if self.catch_up()? {
            self.progress = Progress::default();
        }
        let ctx = self.ctx.clone();
        let mut progress = self.progress;
        if progress.batch == 0 {
            let first = FIRST_BATCH_PER_MS.saturating_mul(budget.as_millis() as usize);
            progress = Progress { after: i64::MIN, batch: first.clamp(MIN_BATCH, MAX_BATCH) };
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // The lock is held from here: waiting for it is not holding it.
        let started = Instant::now();
        let stale: Vec<i64> = {
            let mut stmt = tx.prepare_cached(
                "SELECT customer_id FROM summaries WHERE customer_id > ?1 AND basis != ?2 \
                 ORDER BY customer_id LIMIT ?3",
            )?;
            let rows =
                stmt.query_map(rusqlite::params![progress.after, ctx.basis(), progress.batch as i64], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let done = stale.len() < progress.batch;
        if let (Some(&first), Some(&last)) = (stale.first(), stale.last()) {
            let rev = next_rev(&tx)?;
            summary::evaluate_range(&tx, first, last, ctx.today, &ctx.rules, |eval| {
                if stale.binary_search(&eval.customer_id).is_ok() {
                    let existing = summary::load_suggestion(&tx, eval.customer_id)?;
                    summary::apply_evaluation(&tx, &eval, existing.as_ref(), rev, &ctx)?;
                }
                Ok(())
            })?;
            progress.after = last;
        }
        if done {
            note_all_current(&tx, &ctx)?;
        }
        tx.commit()?;
        let held = started.elapsed();
        // The next batch as large as this one's pace allows within the budget.
        let pace = held.as_secs_f64().max(1e-4) / stale.len().max(1) as f64;
        let next = (budget.as_secs_f64() / pace) as usize;
        // Growing at most twofold keeps one unusually quick batch from making the next too long.
        progress.batch = next.min(progress.batch.saturating_mul(2)).clamp(MIN_BATCH, MAX_BATCH);
        self.progress = if done { Progress::default() } else { progress };
        Ok(RefreshStep { refreshed: stale.len(), done, held })
    }
}
