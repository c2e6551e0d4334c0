//! `rapport import`: all or nothing. First every row of every file is read and checked —
//! values, references to customers, who each row is about — without writing a byte; any
//! problem stops the import with the full list. Only then is the input read again and
//! loaded in one transaction, which also brings every summary up to date.
//!
//! A customer row that names a customer already in the database (by source reference,
//! email, or name and company) updates that customer: the file's non-empty cells win and
//! empty ones erase nothing. Rows of one file with the same email or source reference
//! are merged into one customer. Into an empty database the file's ids are kept, so an
//! export comes back exactly. Both reads stream: memory holds the customer index and the
//! plan for each customer row, never the whole history.
//!
//! - [`check`]: the first read, which decides what every row will do.
//! - [`load`]: the second read, which does it.
//! - [`merge`]: how a row changes a customer it updates or merges into.

mod check;
mod load;
mod merge;

use super::Counts;
use super::columns::TableKind;
use super::dates::Conventions;
use super::dates::DateOrder;
use super::error::TransferError;
use super::files::ReadStats;
use super::resolve::{Resolver, Target};
use crate::domain::Date;
use crate::store::Store;

pub use check::check_import;
pub use load::import;

/// The tables read after the customers.
const OWNED: [TableKind; 4] = [TableKind::Interactions, TableKind::Feedback, TableKind::Contracts, TableKind::History];

/// How often (in rows) progress is reported.
const TICK: u64 = 4096;

/// Who hears about an import as it runs.
pub trait ImportObserver {
    /// A remark worth showing once, such as columns left out.
    fn notice(&mut self, text: &str);
    /// A new stage begins that reads `total_bytes` (0 when it reads nothing).
    fn phase(&mut self, name: &'static str, total_bytes: u64);
    /// Bytes read so far in the current stage.
    fn progress(&mut self, bytes: u64);
}

/// An observer that keeps the notices and ignores progress.
#[derive(Debug, Default)]
pub struct Quiet {
    pub notices: Vec<String>,
}

impl ImportObserver for Quiet {
    fn notice(&mut self, text: &str) {
        self.notices.push(text.to_string());
    }
    fn phase(&mut self, _name: &'static str, _total_bytes: u64) {}
    fn progress(&mut self, _bytes: u64) {}
}

/// What the person asked of an import.
#[derive(Debug, Clone, Copy)]
pub struct ImportSettings {
    /// What future dates are judged by.
    pub today: Date,
    /// `--date-order`: how numeric dates are written when the file does not settle it.
    pub date_order: Option<DateOrder>,
    /// `--no-update`: rows that would change a customer already in the database are refused.
    pub no_update: bool,
}

impl ImportSettings {
    pub fn new(today: Date) -> ImportSettings {
        ImportSettings { today, date_order: None, no_update: false }
    }
}

/// Whom the rows about one customer of the import concern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entity {
    /// A customer the import adds.
    New,
    /// A customer already in the database, by id, that the import updates.
    Existing(i64),
}

/// What loading does with one customer row: the customer (by position) it is about,
/// and whether it is that customer's first row.
#[derive(Debug, Clone, Copy)]
struct RowPlan {
    position: usize,
    first: bool,
}

/// What became of the customers of an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CustomerCounts {
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Rows merged into an earlier row about the same customer.
    pub merged: u64,
    /// Rows of another system's file that name no one, left out.
    pub left_out: u64,
}

/// What an import holds or did, for its summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub customers: CustomerCounts,
    /// Records added, by table (customers: the new ones).
    pub added: Counts,
    /// Records of other tables that the database already held, left as they were.
    pub already_there: Counts,
}

impl ImportCounts {
    /// What was added: "3 new customers and 40 interactions", "10000 interactions", or
    /// "nothing new".
    pub fn added_words(&self) -> String {
        let mut added = self.added;
        let new = std::mem::take(&mut added.customers);
        let others = added.describe_present();
        match (new, others.as_str()) {
            (0, "no records") => "nothing new".to_string(),
            (0, _) => others,
            (n, "no records") => format!("{n} new customer{}", plural(n)),
            (n, _) => format!("{n} new customer{} and {others}", plural(n)),
        }
    }

    /// What else the import did: "; 2 customers updated, 1 unchanged, 1 row merged into an
    /// earlier one; 5 records already there", or nothing.
    pub fn other_words(&self) -> String {
        let c = &self.customers;
        let mut parts = Vec::new();
        if c.updated > 0 {
            parts.push(format!("{} customer{} updated", c.updated, plural(c.updated)));
        }
        if c.unchanged > 0 {
            let noun = if parts.is_empty() { format!(" customer{}", plural(c.unchanged)) } else { String::new() };
            parts.push(format!("{}{noun} unchanged", c.unchanged));
        }
        if c.merged > 0 {
            parts.push(format!(
                "{} row{} merged into an earlier one about the same customer",
                c.merged,
                plural(c.merged)
            ));
        }
        if c.left_out > 0 {
            parts.push(format!("{} row{} naming no one left out", c.left_out, plural(c.left_out)));
        }
        let already: u64 = TableKind::ALL.iter().map(|k| self.already_there.get(*k)).sum();
        let mut text = if parts.is_empty() { String::new() } else { format!("; {}", parts.join(", ")) };
        if already > 0 {
            text.push_str(&format!("; {already} record{} already there", plural(already)));
        }
        text
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// An import that passed every check and is ready to load.
#[derive(Debug)]
pub struct Checked {
    counts: ImportCounts,
    keep_ids: bool,
    resolver: Resolver,
    /// Per table, the first id free after the file's own (for rows without an id).
    next_ids: [i64; 5],
    conventions: Conventions,
    entities: Vec<Entity>,
    plans: Vec<RowPlan>,
    /// For each row of the other tables, whether the database already holds the record.
    already_there: Vec<bool>,
    /// `referred_by` values that name no customer: kept in the customer's notes.
    unresolved_referrers: std::collections::HashSet<String>,
}

impl Checked {
    /// What the import would do.
    pub fn counts(&self) -> ImportCounts {
        self.counts
    }

    /// Whether the file's ids will be kept (the database has no customers yet).
    pub fn keeps_ids(&self) -> bool {
        self.keep_ids
    }

    /// Whether the file gives any ids at all.
    pub fn file_has_ids(&self) -> bool {
        self.next_ids.iter().any(|next| *next > 1)
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOutcome {
    pub counts: ImportCounts,
    pub kept_ids: bool,
}

fn slot(kind: TableKind) -> usize {
    TableKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

fn tick(observer: &mut dyn ImportObserver, stats: &ReadStats, rows: &mut u64) {
    *rows += 1;
    if rows.is_multiple_of(TICK) {
        observer.progress(stats.bytes());
    }
}

/// Says a file changed between the check and the load.
fn changed(row: &super::source::RawRow) -> TransferError {
    TransferError::Invalid(format!(
        "{}:{}: the file changed while it was being imported; nothing was imported, run the import again",
        row.file, row.line
    ))
}

/// The database id a reference ends at, when it is a customer already there.
fn existing_id(entities: &[Entity], target: Target) -> Option<i64> {
    match target {
        Target::Existing(id) => Some(id),
        Target::Imported(p) => match entities.get(p) {
            Some(Entity::Existing(id)) => Some(*id),
            _ => None,
        },
    }
}

/// Whether the customer `customer_id` already has exactly this record.
fn already_there(
    db: &dyn crate::store::ImportLookups,
    draft: &super::fields::OwnedDraft,
    customer_id: i64,
) -> Result<bool, TransferError> {
    Ok(match draft {
        super::fields::OwnedDraft::Interaction(o) => {
            db.has_interaction(&crate::domain::Interaction { customer_id, ..o.record.clone() })?
        }
        super::fields::OwnedDraft::Feedback(o) => {
            db.has_feedback(&crate::domain::Feedback { customer_id, ..o.record.clone() })?
        }
        super::fields::OwnedDraft::Contract(o) => {
            db.has_contract(&crate::domain::Contract { customer_id, ..o.record.clone() })?
        }
        super::fields::OwnedDraft::History(o) => {
            db.has_history(&crate::domain::HistoryEntry { customer_id, ..o.record.clone() })?
        }
    })
}

/// Whether a customer was already in `db` (a store that is not there yet holds none).
fn database_holds_customers(db: Option<&Store>) -> Result<bool, TransferError> {
    Ok(match db {
        Some(store) => store.customer_count()? > 0,
        None => false,
    })
}
