//! The store: one interface ([`Engine`]) to the database, whatever keeps it. A [`Store`]
//! holds an open engine (SQLite, in `sqlite/`); every call of the interface is made on
//! it, and it adds the typed conveniences that an object-safe interface cannot carry.
//!
//! Every change is a [`Write`] applied in one transaction, which also refreshes the
//! summaries of the customers it concerns, and returns a [`Change`] that can be undone.

mod activity;
mod apply;
mod change;
mod context;
mod engine;
mod error;
mod loader;
mod reports;
pub mod settings;
pub mod sqlite;
mod watch;

use std::any::Any;
use std::ops::{Deref, DerefMut};
use std::path::Path;

pub use activity::{ActivityEntry, ActivityFilter, FieldChange, StoredChange, shown_time};
pub use apply::Write;
pub use change::{Change, Decision, NewSuggestion, Record, RecordImage, Restore, ShownMove, Table};
pub use context::{Clock, Context, Session, known_timezone, system_timezone, today_in};
pub use engine::{Engine, LoadBody, RefreshStep, Visit};
pub use error::{Result, StoreError};
pub use loader::{ImportLookups, Loader};
pub use reports::{BackupReport, CheckReport};
pub use watch::{Changes, Watch};

use crate::domain::model::Evaluation;
use crate::domain::{
    Contract, Customer, Date, DecidedBy, Feedback, HistoryEntry, Interaction, RelationshipType, Rules,
};

/// How long one batch of a refresh aims to hold the write lock: well under the 100 ms
/// another person's write should ever wait for it.
pub const BATCH_BUDGET: std::time::Duration = std::time::Duration::from_millis(25);

/// What a whole refresh took.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RefreshReport {
    pub refreshed: usize,
    pub batches: usize,
    /// The longest any one batch held the write lock.
    pub longest_hold: std::time::Duration,
}

impl RefreshReport {
    pub fn add(&mut self, step: &RefreshStep) {
        self.refreshed += step.refreshed;
        self.batches += 1;
        self.longest_hold = self.longest_hold.max(step.held);
    }
}

/// An open database.
pub struct Store {
    engine: Box<dyn Engine>,
}

impl Store {
    /// Opens the SQLite file `path`, creating it (and its folder, privately) if it does
    /// not exist.
    pub fn open(path: &Path, session: Session) -> Result<Store> {
        Ok(Store::new(sqlite::Sqlite::open(path, session, true)?))
    }

    /// Opens an existing SQLite file only.
    pub fn open_existing(path: &Path, session: Session) -> Result<Store> {
        Ok(Store::new(sqlite::Sqlite::open(path, session, false)?))
    }

    /// A store over any engine.
    pub fn new(engine: impl Engine) -> Store {
        Store { engine: Box::new(engine) }
    }

    /// The engine itself, when it is an `E`: for an engine's own tests and tools.
    pub fn engine<E: Engine>(&self) -> Option<&E> {
        (self.engine.as_ref() as &dyn Any).downcast_ref()
    }

    pub fn today(&self) -> Date {
        self.context().today
    }

    pub fn rules(&self) -> &Rules {
        &self.context().rules
    }

    /// The latest write revision.
    pub fn rev(&self) -> Result<i64> {
        self.revision()
    }

    /// Runs `body` inside one read: everything it reads is the database as it was at
    /// one moment. Nothing is written.
    pub fn read_snapshot<T, E: From<StoreError>>(&self, body: impl FnOnce(&Store) -> Result<T, E>) -> Result<T, E> {
        engine::in_one_read(self.engine.as_ref(), || body(self))
    }

    /// Every customer, archived ones included, in id order; how many.
    pub fn each_customer<E: From<StoreError>>(&self, f: impl FnMut(&Customer) -> Result<(), E>) -> Result<u64, E> {
        visit(f, |each| self.visit_customers(each))
    }

    pub fn each_interaction<E: From<StoreError>>(
        &self,
        f: impl FnMut(&Interaction) -> Result<(), E>,
    ) -> Result<u64, E> {
        visit(f, |each| self.visit_interactions(each))
    }

    pub fn each_feedback<E: From<StoreError>>(&self, f: impl FnMut(&Feedback) -> Result<(), E>) -> Result<u64, E> {
        visit(f, |each| self.visit_feedback(each))
    }

    pub fn each_contract<E: From<StoreError>>(&self, f: impl FnMut(&Contract) -> Result<(), E>) -> Result<u64, E> {
        visit(f, |each| self.visit_contracts(each))
    }

    pub fn each_history<E: From<StoreError>>(&self, f: impl FnMut(&HistoryEntry) -> Result<(), E>) -> Result<u64, E> {
        visit(f, |each| self.visit_history(each))
    }

    /// Evaluates every customer from the records, in one pass; nothing is written.
    pub fn evaluate_all(&self, mut each: impl FnMut(Evaluation) -> Result<()>) -> Result<()> {
        self.evaluate_each(&mut each)
    }

    /// Runs `body` with a [`Loader`] in one transaction, then recomputes every summary,
    /// stage and suggestion. If `body` or anything after it fails, nothing is written.
    pub fn bulk_load<T>(&mut self, body: impl FnOnce(&mut dyn Loader) -> Result<T>) -> Result<T> {
        let mut value = None;
        self.load_in_bulk(Box::new(|loader| {
            value = Some(body(loader)?);
            Ok(())
        }))?;
        value.ok_or_else(|| StoreError::Database("the engine finished a load without running it".into()))
    }

    // One call per kind of write, each a [`Write`] applied like any other.

    pub fn add_customer(&mut self, customer: &Customer) -> Result<Change> {
        self.apply(&Write::AddCustomer(customer.clone()))
    }

    /// Saves the customer form's fields of `customer` as a person who saw the stored
    /// record now: the ones that differ from it.
    pub fn update_customer(&mut self, customer: &Customer) -> Result<Change> {
        // With no stored record there is nothing to differ from; the engine says it is not found.
        let seen = self.customer(customer.id)?.unwrap_or_else(|| customer.clone());
        self.apply(&Write::edit_customer(&seen, customer))
    }

    pub fn log_interaction(&mut self, interaction: &Interaction) -> Result<Change> {
        self.apply(&Write::LogInteraction(interaction.clone()))
    }

    pub fn add_feedback(&mut self, feedback: &Feedback) -> Result<Change> {
        self.apply(&Write::AddFeedback(feedback.clone()))
    }

    pub fn add_contract(&mut self, contract: &Contract) -> Result<Change> {
        self.apply(&Write::AddContract(contract.clone()))
    }

    pub fn resolve_feedback(&mut self, feedback_id: i64) -> Result<Change> {
        self.apply(&Write::ResolveFeedback { feedback_id })
    }

    pub fn set_type(&mut self, customer_id: i64, to: RelationshipType) -> Result<Change> {
        self.apply(&Write::SetType { customer_id, to })
    }

    pub fn unpin(&mut self, customer_id: i64) -> Result<Change> {
        self.apply(&Write::Unpin { customer_id })
    }

    pub fn set_follow_up(&mut self, customer_id: i64, date: Option<Date>) -> Result<Change> {
        self.apply(&Write::SetFollowUp { customer_id, date })
    }

    pub fn archive(&mut self, customer_id: i64) -> Result<Change> {
        self.apply(&Write::Archive { customer_id })
    }

    /// Decides on the customer's pending suggestion as it is stored now.
    pub fn decide(&mut self, customer_id: i64, decision: Decision) -> Result<Change> {
        let write = self.decision_now(customer_id, decision)?;
        self.apply(&write)
    }

    /// The decision on the customer's pending suggestion as it is stored now, as a
    /// person shown it now would make it.
    pub fn decision_now(&self, customer_id: i64, decision: Decision) -> Result<Write> {
        let shown = match self.suggestion(customer_id)? {
            Some(s) if s.status == crate::domain::SuggestionStatus::Pending => {
                ShownMove { customer_id, from: s.from, to: s.to }
            }
            // Nothing pending: the engine refuses it in its own words.
            _ => ShownMove { customer_id, from: RelationshipType::Transactional, to: RelationshipType::Transactional },
        };
        Ok(Write::Decide { shown, decision })
    }

    /// Accepts every pending suggestion of a customer not pinned, as stored now.
    pub fn accept_all(&mut self, by: DecidedBy) -> Result<Change> {
        let write = self.accept_all_now(by)?;
        self.apply(&write)
    }

    /// Accepting every pending suggestion of a customer not pinned, as listed now.
    pub fn accept_all_now(&self, by: DecidedBy) -> Result<Write> {
        let moves = self.pending_suggestions()?.iter().filter(|s| !s.pinned).map(ShownMove::from).collect();
        Ok(Write::AcceptAll { by, moves })
    }

    /// Takes back a change made earlier, by anyone, through the activity record.
    pub fn undo(&mut self, change: &Change) -> Result<Change> {
        self.apply(&Write::Undo { activity: change.activity_id })
    }

    /// Brings every stored summary to today and the rules in force, in batches that
    /// each hold the write lock for about `BATCH_BUDGET`; whether anything was rewritten.
    pub fn ensure_current(&mut self) -> Result<bool> {
        Ok(self.finish_refresh()?.refreshed > 0)
    }

    /// The same, with what it took.
    pub fn finish_refresh(&mut self) -> Result<RefreshReport> {
        self.refresh_for(None)
    }

    /// Refreshes batch after batch until every summary is current or, when `limit` is
    /// given, until that much time has gone: a command that writes carries a share of
    /// the work without making its person wait for all of it.
    pub fn refresh_for(&mut self, limit: Option<std::time::Duration>) -> Result<RefreshReport> {
        let started = std::time::Instant::now();
        let mut report = RefreshReport::default();
        loop {
            let step = self.refresh_step(BATCH_BUDGET)?;
            report.add(&step);
            if step.done || limit.is_some_and(|l| started.elapsed() >= l) {
                return Ok(report);
            }
        }
    }
}

/// Visits records with a callback that may fail in the caller's own error type: the
/// first failure stops the visit and is returned as it was.
fn visit<T, E: From<StoreError>>(
    mut f: impl FnMut(&T) -> Result<(), E>,
    run: impl FnOnce(Visit<'_, T>) -> Result<u64>,
) -> Result<u64, E> {
    let mut failure = None;
    let visited = run(&mut |record| match f(record) {
        Ok(()) => true,
        Err(e) => {
            failure = Some(e);
            false
        }
    });
    match failure {
        Some(e) => Err(e),
        None => Ok(visited?),
    }
}

impl Deref for Store {
    type Target = dyn Engine;

    fn deref(&self) -> &(dyn Engine + 'static) {
        self.engine.as_ref()
    }
}

impl DerefMut for Store {
    fn deref_mut(&mut self) -> &mut (dyn Engine + 'static) {
        self.engine.as_mut()
    }
}
