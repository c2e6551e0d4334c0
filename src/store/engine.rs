//! The store's interface: every call the app, the command line, the transfers and the
//! sample data make of a database. An engine (SQLite in `sqlite/`) implements it; the
//! [`Store`](super::Store) handle holds one and adds typed conveniences on top. The
//! conformance tests (tests/store/conformance) run against this interface, so a new
//! engine passes them by implementing it.

use std::any::Any;
use std::path::Path;
use std::time::Duration;

use super::activity::{ActivityEntry, ActivityFilter};

use super::apply::Write;
use super::change::Change;
use super::context::Context;
use super::error::{Result, StoreError};
use super::loader::{ImportLookups, Loader};
use super::reports::{BackupReport, CheckReport};
use crate::domain::model::{
    Detail, Evaluation, ListRow, PendingSuggestion, RosterRow, StoredSuggestion, TimelineEntry,
};
use crate::domain::{Contract, Customer, Feedback, HistoryEntry, Interaction, SuggestionStatus};

/// What a visitor answers for each record: go on, or stop here.
pub type Visit<'a, T> = &'a mut dyn FnMut(&T) -> bool;

/// A body run with a [`Loader`] inside one write transaction.
pub type LoadBody<'a> = Box<dyn FnOnce(&mut dyn Loader) -> Result<()> + 'a>;

/// Runs `body` between `engine.begin_read()` and `end_read()`, ending the read whether
/// or not `body` succeeded.
pub(crate) fn in_one_read<T, E: From<StoreError>>(
    engine: &(impl Engine + ?Sized),
    body: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    engine.begin_read()?;
    let value = body();
    let ended = engine.end_read();
    let value = value?;
    ended?;
    Ok(value)
}

/// What one batch of a refresh did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefreshStep {
    pub refreshed: usize,
    /// Whether every summary is current now.
    pub done: bool,
    /// How long the batch held the write lock.
    pub held: Duration,
}

pub trait Engine: ImportLookups + Any + Send {
    // -- The database as a whole.
    /// Where the data lives, for messages.
    fn path(&self) -> &Path;
    /// Whether writes are refused (the file or the connection is read-only).
    fn is_read_only(&self) -> bool;
    /// Today, the rules in force and the person writing.
    fn context(&self) -> &Context;
    /// Brings the context up to the database's settings and the clock: another process
    /// may have changed the rules or the time zone, and midnight may have passed. Whether
    /// the summaries' basis (the day or the rules) moved.
    fn catch_up(&mut self) -> Result<bool>;
    /// Whether every stored summary is known to be for today and the rules in force.
    /// Reads answer correctly either way: an out-of-date summary is read as a refresh
    /// would write it, and nothing is written.
    fn summaries_current(&self) -> Result<bool>;
    /// Rewrites the next batch of out-of-date summaries in one short write transaction
    /// that aims to last about `budget`.
    fn refresh_step(&mut self, budget: Duration) -> Result<RefreshStep>;
    /// A database-wide setting (`settings::KEYS`) as stored now.
    fn setting(&self, key: &str) -> Result<Option<String>>;
    /// The activity record, newest first.
    fn activity(&self, filter: &ActivityFilter) -> Result<Vec<ActivityEntry>>;
    fn activity_entry(&self, id: i64) -> Result<Option<ActivityEntry>>;
    /// The write revision: it moves on with every committed write, by anyone.
    fn revision(&self) -> Result<i64>;
    /// A counter that moves when another connection commits; cheap to ask often.
    fn commits_elsewhere(&self) -> Result<i64>;

    // -- Writing: every change is a [`Write`] applied in one transaction.
    /// Applies `write` in one transaction that also refreshes the summaries and
    /// suggestions of every customer it touched and moves [`Self::revision`] on. The
    /// [`Change`] names those customers and holds each record written, before and after,
    /// so that `Write::Undo` can apply its inverse; an undo is refused with
    /// `StoreError::Conflict` when one of those records changed since. A refused write
    /// (`Invalid`, `NotFound`, `Conflict`) writes nothing.
    fn apply(&mut self, write: &Write) -> Result<Change>;
    /// Runs `body` with a loader in one transaction, then recomputes every summary. If
    /// anything fails, nothing at all is written.
    fn load_in_bulk(&mut self, body: LoadBody<'_>) -> Result<()>;

    // -- One customer.
    fn customer(&self, id: i64) -> Result<Option<Customer>>;
    /// A customer named the way the command line names one: id, email, name or prefix.
    fn find_customer(&self, reference: &str) -> Result<Customer>;
    /// Everything the detail pane shows, with the first `page` timeline entries, in one read.
    fn customer_detail(&self, customer_id: i64, page: usize) -> Result<Option<Detail>>;
    /// The next `page` timeline entries after those `detail` holds.
    fn more_timeline(&self, detail: &Detail, page: usize) -> Result<Vec<TimelineEntry>>;
    /// Interactions and feedback, newest first, one page at a time.
    fn timeline(&self, customer_id: i64, limit: usize, offset: usize) -> Result<Vec<TimelineEntry>>;
    fn timeline_len(&self, customer_id: i64) -> Result<usize>;
    /// Contracts, latest start first.
    fn contracts(&self, customer_id: i64) -> Result<Vec<Contract>>;
    /// Classification history, newest first.
    fn history(&self, customer_id: i64) -> Result<Vec<HistoryEntry>>;
    /// Open complaints, oldest first.
    fn open_complaints(&self, customer_id: i64) -> Result<Vec<Feedback>>;
    /// (id, name) of the customers this one referred.
    fn referrals_of(&self, customer_id: i64) -> Result<Vec<(i64, String)>>;
    /// Fresh signals and classification from the records; nothing is written.
    fn evaluate(&self, customer: &Customer) -> Result<Evaluation>;
    /// A customer's stored suggestion, pending or rejected.
    fn suggestion(&self, customer_id: i64) -> Result<Option<StoredSuggestion>>;
    fn suggestion_status(&self, customer_id: i64) -> Result<Option<SuggestionStatus>>;

    // -- Lists.
    /// Every customer not archived, as the lists show it, in id order.
    fn list_rows(&self) -> Result<Vec<ListRow>>;
    /// Customers (archived too) whose summary was rewritten after revision `since`.
    fn list_changes(&self, since: i64) -> Result<Vec<ListRow>>;
    /// One customer's list row, archived or not.
    fn list_row(&self, id: i64) -> Result<Option<ListRow>>;
    /// One customer's list card as stored, if it is there and readable.
    fn list_card(&self, id: i64) -> Result<Option<ListRow>>;
    /// One customer's list row computed from the records rather than the card.
    fn list_row_from_tables(&self, id: i64) -> Result<Option<ListRow>>;
    fn active_customer_count(&self) -> Result<usize>;
    /// Customers, archived ones included.
    fn customer_count(&self) -> Result<i64>;
    /// Every customer not archived, with contact details, in id order.
    fn roster(&self) -> Result<Vec<RosterRow>>;
    fn roster_row(&self, id: i64) -> Result<Option<RosterRow>>;
    /// The text search looks through for every customer not archived, in id order.
    fn search_texts(&self) -> Result<Vec<(i64, String)>>;
    /// One customer's search text, archived or not.
    fn search_text(&self, id: i64) -> Result<Option<String>>;
    /// Suggestions waiting for a decision, pinned customers' included.
    fn pending_suggestions(&self) -> Result<Vec<PendingSuggestion>>;
    /// Evaluates every customer from the records in one pass; nothing is written.
    fn evaluate_each(&self, each: &mut dyn FnMut(Evaluation) -> Result<()>) -> Result<()>;

    // -- Whole tables, for exports and checks.
    /// Starts a read that sees the database as it is at this moment, until [`Engine::end_read`].
    fn begin_read(&self) -> Result<()>;
    fn end_read(&self) -> Result<()>;
    /// Every record of a table in id order, archived customers included; how many were visited.
    fn visit_customers(&self, each: Visit<'_, Customer>) -> Result<u64>;
    fn visit_interactions(&self, each: Visit<'_, Interaction>) -> Result<u64>;
    fn visit_feedback(&self, each: Visit<'_, Feedback>) -> Result<u64>;
    fn visit_contracts(&self, each: Visit<'_, Contract>) -> Result<u64>;
    fn visit_history(&self, each: Visit<'_, HistoryEntry>) -> Result<u64>;
    /// The engine's own integrity checks, then the program's consistency. Reads only.
    fn check(&self) -> Result<CheckReport>;
    /// A consistent copy of the whole database at `target`, checked after writing.
    fn backup_to(&self, target: &Path) -> Result<BackupReport>;
}
