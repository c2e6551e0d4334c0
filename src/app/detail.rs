//! Everything the detail pane shows about the selected customer, read once when the
//! selection changes: the record, fresh signals, a page of the timeline at a time,
//! contracts, history and any suggestion.

use crate::domain::{Contract, Customer, HistoryEntry};
use crate::store::queries::TimelineEntry;
use crate::store::summary::Evaluation;
use crate::store::{Result, Store};

/// Timeline entries read per page.
pub const TIMELINE_PAGE: usize = 60;

#[derive(Debug, Clone)]
pub struct Detail {
    pub customer: Customer,
    pub evaluation: Evaluation,
    pub timeline: Vec<TimelineEntry>,
    pub timeline_total: usize,
    pub contracts: Vec<Contract>,
    pub history: Vec<HistoryEntry>,
    pub referrer: Option<(i64, String)>,
    pub referrals: Vec<(i64, String)>,
    pub suggestion: Option<crate::store::summary::StoredSuggestion>,
}

impl Detail {
    pub fn load(store: &Store, customer_id: i64) -> Result<Option<Detail>> {
        let Some(customer) = store.customer(customer_id)? else { return Ok(None) };
        let evaluation = store.evaluate(&customer)?;
        let referrer = match customer.referred_by {
            Some(id) => store.customer(id)?.map(|c| (c.id, c.name)),
            None => None,
        };
        Ok(Some(Detail {
            timeline: store.timeline(customer_id, TIMELINE_PAGE, 0)?,
            timeline_total: store.timeline_len(customer_id)?,
            contracts: store.contracts(customer_id)?,
            history: store.history(customer_id)?,
            referrals: store.referrals_of(customer_id)?,
            suggestion: store.suggestion(customer_id)?,
            referrer,
            evaluation,
            customer,
        }))
    }

    /// Whether the timeline has entries not read yet.
    pub fn has_more(&self) -> bool {
        self.timeline.len() < self.timeline_total
    }

    /// Reads the next page of the timeline, if there is more.
    pub fn load_more(&mut self, store: &Store) -> Result<()> {
        if self.timeline.len() < self.timeline_total {
            let more = store.timeline(self.customer.id, TIMELINE_PAGE, self.timeline.len())?;
            self.timeline.extend(more);
        }
        Ok(())
    }
}
