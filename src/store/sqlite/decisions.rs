//! Decisions on suggestions, each applied only to the move the person was shown: one
//! customer's accept, reject or pin, and "accept all" over exactly the moves counted.

use rusqlite::{OptionalExtension, params};

use super::{Sqlite, summary};
use crate::domain::{DecidedBy, RelationshipType, SuggestionStatus};
use crate::store::change::{Change, Decision, ShownMove, Table};
use crate::store::error::{Result, StoreError};

impl Sqlite {
    /// Answers one customer's suggestion.
    pub(super) fn decide(&mut self, shown: &ShownMove, decision: Decision) -> Result<Change> {
        let today = self.ctx.today;
        let customer_id = shown.customer_id;
        self.write(|w| {
            let c = w.active_customer(customer_id)?;
            w.bring_current(customer_id)?;
            let Some(s) = summary::load_suggestion(&w.tx, customer_id)?.filter(|s| s.status == SuggestionStatus::Pending)
            else {
                return Err(StoreError::NotFound(format!("{} has no suggestion waiting", c.name)));
            };
            if (s.from, s.to) != (shown.from, shown.to) {
                return Err(StoreError::Conflict(format!(
                    "the suggestion for {} changed since it was shown: it is now {} → {}; nothing was decided. Look at it again.",
                    c.name,
                    s.from.label(),
                    s.to.label()
                )));
            }
            w.capture(Table::Customers, customer_id)?;
            w.capture(Table::Suggestions, customer_id)?;
            let description = match decision {
                Decision::Accept => {
                    w.tx.prepare_cached("UPDATE customers SET relationship = ?2 WHERE id = ?1")?
                        .execute(params![customer_id, s.to.key()])?;
                    w.tx.prepare_cached("DELETE FROM suggestions WHERE customer_id = ?1")?.execute([customer_id])?;
                    w.add_history(
                        customer_id,
                        Some(c.relationship),
                        s.to,
                        DecidedBy::User,
                        &format!("accepted: {}", s.reasons),
                        today,
                    )?;
                    format!("{} moved from {} to {}", c.name, c.relationship.label(), s.to.label())
                }
                Decision::Reject => {
                    w.tx.prepare_cached("UPDATE suggestions SET status = 'rejected' WHERE customer_id = ?1")?
                        .execute([customer_id])?;
                    let reason = format!("rejected a move to {}: {}", s.to.key(), s.reasons);
                    w.add_history(customer_id, Some(c.relationship), c.relationship, DecidedBy::User, &reason, today)?;
                    format!("{} stays {}", c.name, c.relationship.label())
                }
                Decision::Pin => {
                    w.tx.prepare_cached("UPDATE customers SET pinned = 1 WHERE id = ?1")?.execute([customer_id])?;
                    let reason = format!("pinned instead of a move to {}: {}", s.to.key(), s.reasons);
                    w.add_history(customer_id, Some(c.relationship), c.relationship, DecidedBy::User, &reason, today)?;
                    format!("{} pinned as {}", c.name, c.relationship.label())
                }
            };
            w.touch(Some(customer_id));
            Ok((description, None))
        })
    }

    /// Accepts the moves counted when the person said yes, in one transaction: each one
    /// still pending as shown, for a customer still neither pinned nor archived. `by` is
    /// `User` for the Review tab and `Engine` for `rapport reclassify --apply`.
    pub(super) fn accept_all(&mut self, by: DecidedBy, moves: &[ShownMove]) -> Result<Change> {
        let today = self.ctx.today;
        self.write(|w| {
            let mut pending: Vec<(i64, RelationshipType, RelationshipType, String)> = Vec::new();
            for shown in moves {
                w.bring_current(shown.customer_id)?;
                let still: Option<String> =
                    w.tx.prepare_cached(
                        "SELECT s.reasons FROM suggestions s JOIN customers c ON c.id = s.customer_id \
                         WHERE s.customer_id = ?1 AND s.status = 'pending' AND s.from_type = ?2 AND s.to_type = ?3 \
                         AND c.relationship = ?2 AND c.pinned = 0 AND c.archived = 0",
                    )?
                    .query_row(params![shown.customer_id, shown.from.key(), shown.to.key()], |r| r.get(0))
                    .optional()?;
                if let Some(reasons) = still {
                    pending.push((shown.customer_id, shown.from, shown.to, reasons));
                }
            }
            let prefix = match by {
                DecidedBy::User => "accepted with all others",
                DecidedBy::Engine => "applied by reclassify --apply",
            };
            for (id, from, to, reasons) in &pending {
                w.capture(Table::Customers, *id)?;
                w.capture(Table::Suggestions, *id)?;
                w.tx.prepare_cached("UPDATE customers SET relationship = ?2 WHERE id = ?1")?
                    .execute(params![id, to.key()])?;
                w.tx.prepare_cached("DELETE FROM suggestions WHERE customer_id = ?1")?.execute([id])?;
                w.add_history(*id, Some(*from), *to, by, &format!("{prefix}: {reasons}"), today)?;
                w.touch(Some(*id));
            }
            let n = pending.len();
            let left = moves.len() - n;
            let mut description = format!("Accepted {n} suggestion{}", if n == 1 { "" } else { "s" });
            if left > 0 {
                description.push_str(&format!(
                    "; {left} changed since {} counted and wait{} in Review",
                    if left == 1 { "it was" } else { "they were" },
                    if left == 1 { "s" } else { "" }
                ));
            }
            Ok((description, None))
        })
    }
}
