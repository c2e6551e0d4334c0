//! Sample data: a deterministic, realistic portfolio to try rapport on.
//!
//! Each customer follows a behaviour profile aimed at one relationship type; its records
//! are generated, the engine classifies them in memory exactly as a full recomputation
//! will, and the customer is written with that type (a few keep an earlier type, so the
//! Review tab has work, and a few are pinned). Customers are generated one at a time and
//! written in small batches inside a single transaction, so memory stays small at any
//! size. The same seed and the same today give the same database, row for row.

mod activity;
mod calendar;
mod history;
mod person;
mod plan;
mod profile;
mod random;
mod vocabulary;

use std::path::Path;

use crate::domain::{Contract, Customer, Feedback, HistoryEntry, Interaction};
use crate::store::{Context, Loader, Session, Store, StoreError};
use activity::{Activity, Records};
use calendar::Calendar;
use history::{Evidence, Outcome};
use person::People;
use plan::{Plan, Planned};
use random::{CUSTOMER_STREAM, Rng};
use vocabulary::Vocabulary;

/// The sample `rapport --demo` creates.
pub const DEFAULT_CUSTOMERS: u32 = 500;
pub const DEFAULT_SEED: u64 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    pub customers: u32,
    pub seed: u64,
    /// Replace whatever the database holds; without it, a database with customers is
    /// refused.
    pub replace: bool,
}

/// How many records a run wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    pub customers: u64,
    pub interactions: u64,
    pub feedback: u64,
    pub contracts: u64,
}

/// Fills `store` with the sample, in one transaction: all of it or, on any failure,
/// nothing. `progress` hears (customers written, customers planned) now and then.
pub fn generate(
    store: &mut Store,
    options: &DemoOptions,
    mut progress: impl FnMut(u32, u32),
) -> Result<Written, StoreError> {
    let vocabulary = Vocabulary::builtin()
        .map_err(|e| StoreError::invalid("demo", format!("the sample vocabulary is broken: {e}")))?;
    let ctx = store.context().clone();
    let path = store.path().to_path_buf();
    store.bulk_load(|loader| {
        let existing = loader.customer_count()?;
        if existing > 0 && !options.replace {
            return Err(StoreError::Conflict(refusal(&path, existing)));
        }
        loader.delete_everything()?;
        let calendar = Calendar::new(ctx.today);
        let plan = Plan::new(options.seed, options.customers as usize);
        let mut writer = Writer {
            ctx: &ctx,
            calendar: &calendar,
            plan: &plan,
            vocabulary: &vocabulary,
            people: People::new(&vocabulary),
            records: Records::default(),
            batch: Batch::default(),
            next: Ids::default(),
            written: Written::default(),
        };
        let step = (options.customers / 100).max(1);
        for index in 0..plan.customers.len() {
            let mut rng = random::rng_for(options.seed, CUSTOMER_STREAM, index as u64);
            writer.customer(loader, &mut rng, index)?;
            let done = index as u32 + 1;
            if done.is_multiple_of(step) || done == options.customers {
                progress(done, options.customers);
            }
        }
        writer.flush(loader)?;
        Ok(writer.written)
    })
}

fn refusal(path: &Path, customers: i64) -> String {
    let plural = if customers == 1 { "" } else { "s" };
    format!(
        "{} already holds {customers} customer{plural}, so no sample was written; pass --force to replace \
         everything in it with sample data, or --db to write the sample to another file",
        path.display()
    )
}

/// Opens the sample database at `path`, filling it with the default sample the first
/// time, and brings its summaries up to today.
pub fn ensure_demo_database(path: &Path, session: Session) -> Result<Store, StoreError> {
    let mut store = Store::open(path, session)?;
    if store.customer_count()? == 0 {
        let options = DemoOptions { customers: DEFAULT_CUSTOMERS, seed: DEFAULT_SEED, replace: false };
        match generate(&mut store, &options, |_, _| {}) {
            Ok(_) => {}
            // Another rapport filled it at the same moment: use what that one wrote.
            Err(StoreError::Conflict(_)) if store.customer_count()? > 0 => {}
            Err(e) => return Err(e),
        }
    }
    store.ensure_current()?;
    Ok(store)
}

/// The next id of each table: the sample numbers its rows itself, so that ids are the
/// same on every run.
struct Ids {
    interaction: i64,
    feedback: i64,
    contract: i64,
    history: i64,
}

impl Default for Ids {
    fn default() -> Ids {
        Ids { interaction: 1, feedback: 1, contract: 1, history: 1 }
    }
}

/// Interactions and feedback waiting to be written many rows at a time; flushed well
/// before it grows large.
#[derive(Default)]
struct Batch {
    interactions: Vec<Interaction>,
    feedback: Vec<Feedback>,
}

const BATCH_FLUSH_AT: usize = 4096;

struct Writer<'a> {
    ctx: &'a Context,
    calendar: &'a Calendar,
    plan: &'a Plan,
    vocabulary: &'a Vocabulary,
    people: People<'a>,
    /// Reused for every customer.
    records: Records,
    batch: Batch,
    next: Ids,
    written: Written,
}

impl Writer<'_> {
    fn customer(&mut self, loader: &mut dyn Loader, rng: &mut Rng, index: usize) -> Result<(), StoreError> {
        let planned = &self.plan.customers[index];
        let id = index as i64 + 1;
        let identity = self.people.identity(rng, planned.target);
        let activity = Activity { vocabulary: self.vocabulary, calendar: self.calendar };
        activity.generate(rng, planned, !identity.company.is_empty(), &mut self.records);
        self.number_records(id);

        let evidence = Evidence {
            rules: &self.ctx.rules,
            calendar: self.calendar,
            created_ago: planned.created_ago,
            records: &self.records,
            referred: &self.plan.referred[index],
        };
        let now = evidence.classify_as_of(0);
        let outcome = history::decide(rng, &evidence, planned, &now);
        let next_follow_up = self.follow_up(rng, planned);
        let created = self.calendar.ago(planned.created_ago);
        // The fields the demo does not fill (another system's id, the history before
        // rapport, any new one) keep `Customer::new`'s defaults.
        let customer = Customer {
            id,
            company: identity.company,
            email: identity.email,
            phone: identity.phone,
            tags: identity.tags,
            notes: identity.notes,
            relationship: outcome.relationship,
            pinned: outcome.pinned,
            stage: now.stage,
            referred_by: planned.referred_by.map(|r| r as i64 + 1),
            owner: identity.owner,
            next_follow_up,
            archived: planned.archived,
            ..Customer::new(identity.name, created)
        };
        loader.insert_customer(&customer)?;
        self.write_records(loader)?;
        self.write_history(loader, id, outcome)?;
        self.written.customers += 1;
        Ok(())
    }

    fn number_records(&mut self, customer_id: i64) {
        let next = &mut self.next;
        for i in &mut self.records.interactions {
            (i.id, i.customer_id) = (next.interaction, customer_id);
            next.interaction += 1;
        }
        for f in &mut self.records.feedback {
            (f.id, f.customer_id) = (next.feedback, customer_id);
            next.feedback += 1;
        }
        for c in &mut self.records.contracts {
            (c.id, c.customer_id) = (next.contract, customer_id);
            next.contract += 1;
        }
    }

    /// Some customers have a follow-up date set by hand: mostly one that has passed
    /// without contact, sometimes one still to come.
    fn follow_up(&self, rng: &mut Rng, planned: &Planned) -> Option<crate::domain::Date> {
        if planned.archived || !random::chance(rng, 0.09) {
            return None;
        }
        let quiet_for = self.records.last_interaction_ago.unwrap_or(planned.created_ago);
        if quiet_for >= 2 && random::chance(rng, 0.6) {
            Some(self.calendar.ago(random::days(rng, 1, (quiet_for - 1).min(45))))
        } else {
            Some(self.calendar.ahead(random::days(rng, 1, 28)))
        }
    }

    /// Queues the customer's interactions and feedback (its row is written, so they may
    /// follow at any time) and writes its contracts.
    fn write_records(&mut self, loader: &mut dyn Loader) -> Result<(), StoreError> {
        let Records { interactions, feedback, contracts, .. } = &mut self.records;
        self.written.interactions += interactions.len() as u64;
        self.written.feedback += feedback.len() as u64;
        self.written.contracts += contracts.len() as u64;
        self.batch.interactions.append(interactions);
        self.batch.feedback.append(feedback);
        contracts.iter().try_for_each(|c: &Contract| loader.insert_contract(c).map(drop))?;
        if self.batch.interactions.len() >= BATCH_FLUSH_AT {
            self.flush(loader)?;
        }
        Ok(())
    }

    fn flush(&mut self, loader: &mut dyn Loader) -> Result<(), StoreError> {
        loader.insert_interactions(&self.batch.interactions)?;
        loader.insert_feedback_rows(&self.batch.feedback)?;
        self.batch.interactions.clear();
        self.batch.feedback.clear();
        Ok(())
    }

    fn write_history(&mut self, loader: &mut dyn Loader, customer_id: i64, outcome: Outcome) -> Result<(), StoreError> {
        for past in outcome.history {
            loader.insert_history(&HistoryEntry {
                id: self.next.history,
                customer_id,
                date: self.calendar.ago(past.ago),
                from: past.from,
                to: past.to,
                by: past.by,
                reason: past.reason,
                who: String::new(),
            })?;
            self.next.history += 1;
        }
        Ok(())
    }
}
