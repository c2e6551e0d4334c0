//! Noticing what other processes wrote. A [`Watch`] is taken when a screen reads its
//! rows; [`Store::changes_since`] then answers, cheaply when nothing happened, which
//! customers' rows changed since, and moves the watch on. How the engine tells is its
//! own business: it reports a counter of other connections' commits, which says whether
//! to look at all, and the write revision, which says what changed.

use super::Store;
use super::error::Result;
use crate::domain::model::ListRow;

/// Where a reader stands in the database's history of writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Watch {
    commits_seen: i64,
    rev: i64,
}

/// What changed since a watch was taken.
#[derive(Debug, Clone, PartialEq)]
pub struct Changes {
    /// The rows written since, archived customers included.
    pub rows: Vec<ListRow>,
    /// How many customers are in the lists now, to tell whether some came or went.
    pub active_customers: usize,
}

impl Store {
    /// A watch from now. Taken before the rows are read, so that a write landing in
    /// between is reported by the next [`Store::changes_since`] rather than missed.
    pub fn watch(&self) -> Result<Watch> {
        Ok(Watch { commits_seen: self.commits_elsewhere()?, rev: self.revision()? })
    }

    /// `None` when no other process has committed since `watch`; otherwise what changed,
    /// and `watch` moves on to now.
    pub fn changes_since(&self, watch: &mut Watch) -> Result<Option<Changes>> {
        let commits = self.commits_elsewhere()?;
        if commits == watch.commits_seen {
            return Ok(None);
        }
        watch.commits_seen = commits;
        // The revision first: a write committing while the rows are read is then read
        // again next time instead of being skipped.
        let rev = self.revision()?;
        let rows = self.list_changes(watch.rev)?;
        watch.rev = rev;
        Ok(Some(Changes { rows, active_customers: self.active_customer_count()? }))
    }
}
