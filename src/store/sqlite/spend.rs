//! Lifetime spend kept within what rapport counts: a customer's purchases and the spend
//! before rapport, in cents, must fit an `i64`. A purchase that would take it past is
//! refused as bad input; `check` names the customers of a file edited by hand that are
//! past it already.

use rusqlite::Connection;

use crate::store::error::Result;

/// Whether SQLite refused a sum because it passed the range of its integers.
fn overflowed(e: &rusqlite::Error) -> bool {
    e.to_string().contains("integer overflow")
}

/// The customer's purchases added to `prior` (the spend before rapport), or `None` when
/// the total is past the range.
pub fn lifetime_spend(conn: &Connection, customer_id: i64, prior: i64) -> Result<Option<i64>> {
    let spent = conn
        .prepare_cached(
            "SELECT coalesce(sum(amount_cents), 0) FROM interactions WHERE customer_id = ?1 AND kind = 'purchase'",
        )?
        .query_row([customer_id], |r| r.get::<_, i64>(0));
    match spent {
        Ok(spent) => Ok(spent.checked_add(prior)),
        Err(e) if overflowed(&e) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Whether the stored customer `customer_id`'s lifetime spend is past the range.
pub fn customer_past_range(conn: &Connection, customer_id: i64) -> Result<bool> {
    let prior: i64 = conn
        .prepare_cached("SELECT prior_spend_cents FROM customers WHERE id = ?1")?
        .query_row([customer_id], |r| r.get(0))?;
    Ok(lifetime_spend(conn, customer_id, prior)?.is_none())
}

/// The customers whose lifetime spend is past the range, in id order.
pub fn customers_past_range(conn: &Connection) -> Result<Vec<i64>> {
    // SQL's sum() does it in one pass, and fails only when one customer's purchases alone
    // pass the range; then each customer is added up with checked arithmetic.
    let fast = conn
        .prepare(
            "SELECT c.id FROM customers c JOIN (SELECT customer_id, sum(amount_cents) AS spent FROM interactions \
             WHERE kind = 'purchase' GROUP BY customer_id) s ON s.customer_id = c.id \
             WHERE s.spent > 9223372036854775807 - c.prior_spend_cents ORDER BY c.id",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>();
    match fast {
        Ok(ids) => Ok(ids),
        Err(e) if overflowed(&e) => {
            let customers: Vec<(i64, i64)> = conn
                .prepare("SELECT id, prior_spend_cents FROM customers ORDER BY id")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut past = Vec::new();
            for (id, prior) in customers {
                if lifetime_spend(conn, id, prior)?.is_none() {
                    past.push(id);
                }
            }
            Ok(past)
        }
        Err(e) => Err(e.into()),
    }
}
