//! The detail of one customer, read in one call and one read transaction, so the record,
//! its signals, its timeline and its suggestion are all of one moment.

use super::Sqlite;
use crate::domain::model::{Detail, TimelineEntry};
use crate::store::error::Result;

impl Sqlite {
    /// Everything the detail pane shows about a customer, with the first `page` entries
    /// of the timeline; `None` when there is no such customer.
    pub(super) fn customer_detail(&self, customer_id: i64, page: usize) -> Result<Option<Detail>> {
        // Dropped at the end without a commit: nothing here writes.
        let _snapshot = self.conn.unchecked_transaction()?;
        let Some(customer) = self.customer(customer_id)? else { return Ok(None) };
        let referrer = match customer.referred_by {
            Some(id) => self.customer(id)?.map(|c| (c.id, c.name)),
            None => None,
        };
        Ok(Some(Detail {
            evaluation: self.evaluate(&customer)?,
            timeline: self.timeline(customer_id, page, 0)?,
            timeline_total: self.timeline_len(customer_id)?,
            contracts: self.contracts(customer_id)?,
            history: self.history(customer_id)?,
            referrals: self.referrals_of(customer_id)?,
            suggestion: self.suggestion(customer_id)?,
            referrer,
            customer,
        }))
    }

    /// The next `page` entries of a detail's timeline, after those it has.
    pub(super) fn more_timeline(&self, detail: &Detail, page: usize) -> Result<Vec<TimelineEntry>> {
        if !detail.has_more() {
            return Ok(Vec::new());
        }
        self.timeline(detail.customer.id, page, detail.timeline.len())
    }
}
