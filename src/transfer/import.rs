//! `rapport import`: all or nothing. First every row of every file is read and checked —
//! values, references to customers, duplicate ids and emails — without writing a byte;
//! any problem stops the import with the full list. Only then is the input read again
//! and loaded in one transaction, which also brings every summary up to date.
//!
//! Into an empty database the file's ids are kept, so an export comes back exactly;
//! into one with customers already, records get new ids and references follow them.
//! Both reads stream: memory holds the customer index, never the whole history.

use std::collections::{BTreeSet, HashSet};

use super::Counts;
use super::columns::TableKind;
use super::error::TransferError;
use super::fields::{self, OwnedDraft};
use super::files::ReadStats;
use super::problems::{Problem, Problems};
use super::resolve::{Resolver, Target};
use super::source::{Issue, RawRow, Source, sort_issues};
use crate::domain::{Date, Rules};
use crate::store::{Loader, Store, StoreError};

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

fn slot(kind: TableKind) -> usize {
    TableKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

fn tick(observer: &mut dyn ImportObserver, stats: &ReadStats, rows: &mut u64) {
    *rows += 1;
    if rows.is_multiple_of(TICK) {
        observer.progress(stats.bytes());
    }
}

/// An import that passed every check and is ready to load.
#[derive(Debug)]
pub struct Checked {
    counts: Counts,
    keep_ids: bool,
    resolver: Resolver,
    /// Per table, the first id free after the file's own (for rows without an id).
    next_ids: [i64; 5],
}

impl Checked {
    /// What the import holds.
    pub fn counts(&self) -> Counts {
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
    pub counts: Counts,
    pub kept_ids: bool,
}

struct CheckState<'s> {
    db: Option<&'s Store>,
    today: Date,
    resolver: Resolver,
    problems: Problems,
    counts: Counts,
    seen_ids: [HashSet<i64>; 5],
    max_ids: [i64; 5],
}

/// A `referred_by` to settle once every customer is known.
struct Referral {
    position: usize,
    row: RawRow,
    reference: String,
}

impl CheckState<'_> {
    fn problem(&mut self, row: &RawRow, column: Option<&str>, reason: String) {
        self.problems.push(Problem {
            file: row.file.to_string(),
            line: row.line,
            column: column.map(String::from),
            reason,
        });
    }

    /// Reports a row's issues in column order.
    fn report(&mut self, row: &RawRow, mut issues: Vec<Issue>) {
        sort_issues(row.kind, &mut issues);
        for issue in issues {
            self.problem(row, issue.column, issue.reason);
        }
    }

    /// Notes the row's id, with an issue when the same table used it before.
    fn note_id(&mut self, row: &RawRow, issues: &mut Vec<Issue>) -> Option<i64> {
        let id = row.get("id").trim().parse::<i64>().ok().filter(|id| *id > 0)?;
        let slot = slot(row.kind);
        self.max_ids[slot] = self.max_ids[slot].max(id);
        if !self.seen_ids[slot].insert(id) {
            let reason = format!("id {id} appears more than once among the {}", row.kind.key());
            issues.push(Issue { column: Some("id"), reason });
        }
        Some(id)
    }

    fn customer_row(&mut self, row: &RawRow, referrals: &mut Vec<Referral>) -> Result<(), TransferError> {
        let mut issues = Vec::new();
        let file_id = self.note_id(row, &mut issues);
        let email = row.get("email").trim();
        if !email.is_empty() {
            if let Some(line) = self.resolver.index.email_line(email) {
                issues.push(Issue {
                    column: Some("email"),
                    reason: format!("email {email} is already used on line {line}"),
                });
            } else if let Some(db) = self.db
                && let Some((id, name)) = db.email_holder(email)?
            {
                let reason =
                    format!("email {email} is already used by customer {id} ({}) in the database", name.trim());
                issues.push(Issue { column: Some("email"), reason });
            }
        }
        let position = self.resolver.index.add(&row.file, file_id, email, row.get("name"), row.line);
        match fields::customer_draft(row, self.today) {
            Ok(draft) => {
                self.counts.add(TableKind::Customers, 1);
                if let Some(reference) = draft.referred_by {
                    referrals.push(Referral { position, row: row.clone(), reference });
                }
            }
            Err(found) => issues.extend(found),
        }
        self.report(row, issues);
        Ok(())
    }

    fn check_referrals(&mut self, referrals: Vec<Referral>) -> Result<(), TransferError> {
        for r in referrals {
            match self.resolver.resolve(self.db, &r.reference)? {
                Ok(Target::Imported(p)) if p == r.position => {
                    self.problem(&r.row, Some("referred_by"), "a customer cannot refer themselves".into())
                }
                Ok(_) => {}
                Err(reason) => self.problem(&r.row, Some("referred_by"), reason),
            }
        }
        Ok(())
    }

    fn owned_row(&mut self, row: &RawRow) -> Result<(), TransferError> {
        let mut issues = Vec::new();
        self.note_id(row, &mut issues);
        match fields::owned_draft(row, self.today) {
            Ok(_) => self.counts.add(row.kind, 1),
            Err(found) => issues.extend(found),
        }
        let reference = row.get("customer").trim();
        if !reference.is_empty()
            && let Err(reason) = self.resolver.resolve(self.db, reference)?
        {
            issues.push(Issue { column: Some("customer"), reason });
        }
        self.report(row, issues);
        Ok(())
    }
}

/// Reads and checks everything `source` holds against `db` (`None` when the database
/// does not exist yet), writing nothing. `today` judges future dates.
pub fn check_import(
    db: Option<&Store>,
    source: &Source,
    today: Date,
    observer: &mut dyn ImportObserver,
) -> Result<Checked, TransferError> {
    for (file, columns) in source.ignored_columns() {
        observer.notice(&format!("{file}: ignoring columns rapport does not know: {}", columns.join(", ")));
    }
    let keep_ids = match db {
        Some(store) => store.customer_count()? == 0,
        None => true,
    };
    let mut state = CheckState {
        // An empty database has nothing to look up.
        db: if keep_ids { None } else { db },
        today,
        resolver: Resolver::default(),
        problems: Problems::default(),
        counts: Counts::default(),
        seen_ids: Default::default(),
        max_ids: [0; 5],
    };
    observer.phase("checking", source.bytes_per_read());
    let stats = ReadStats::default();
    let mut rows = 0;
    let mut referrals = Vec::new();
    let mut ignored: BTreeSet<String> = BTreeSet::new();
    ignored.extend(source.read(&[TableKind::Customers], &stats, &mut |row| {
        tick(observer, &stats, &mut rows);
        state.customer_row(row, &mut referrals)
    })?);
    state.check_referrals(referrals)?;
    ignored.extend(source.read(&OWNED, &stats, &mut |row| {
        tick(observer, &stats, &mut rows);
        state.owned_row(row)
    })?);
    observer.progress(stats.bytes());
    if !ignored.is_empty() {
        let list: Vec<String> = ignored.into_iter().collect();
        observer.notice(&format!(
            "{}: ignoring fields rapport does not know: {}",
            source.path().display(),
            list.join(", ")
        ));
    }
    if !state.problems.is_empty() {
        return Err(TransferError::Rows(state.problems));
    }
    Ok(Checked {
        counts: state.counts,
        keep_ids,
        resolver: state.resolver,
        next_ids: state.max_ids.map(|max| max.saturating_add(1)),
    })
}

struct LoadState<'l, 'c, 't> {
    loader: &'l mut Loader<'t>,
    checked: &'c Checked,
    today: Date,
    /// Database ids of the imported customers, by position.
    db_ids: Vec<i64>,
    next_ids: [i64; 5],
    counts: Counts,
    /// Customers whose type the file left to the engine.
    undecided: Vec<i64>,
}

fn changed(row: &RawRow) -> TransferError {
    TransferError::Invalid(format!(
        "{}:{}: the file changed while it was being imported; nothing was imported, run the import again",
        row.file, row.line
    ))
}

impl LoadState<'_, '_, '_> {
    /// The id to insert with: the file's when keeping ids, the next free one for a row
    /// without; 0 (the database picks) otherwise.
    fn id_for(&mut self, kind: TableKind, file_id: Option<i64>) -> i64 {
        if !self.checked.keep_ids {
            return 0;
        }
        file_id.unwrap_or_else(|| {
            let next = &mut self.next_ids[slot(kind)];
            *next += 1;
            *next - 1
        })
    }

    fn target(&self, row: &RawRow, reference: &str) -> Result<i64, TransferError> {
        match self.checked.resolver.known(reference) {
            Some(Ok(Target::Imported(p))) => self.db_ids.get(*p).copied().ok_or_else(|| changed(row)),
            Some(Ok(Target::Existing(id))) => Ok(*id),
            _ => Err(changed(row)),
        }
    }

    fn customer_row(&mut self, row: &RawRow, referrals: &mut Vec<(i64, RawRow, String)>) -> Result<(), TransferError> {
        let draft = fields::customer_draft(row, self.today).map_err(|_| changed(row))?;
        let mut customer = draft.customer;
        customer.id = self.id_for(TableKind::Customers, draft.file_id);
        let id = self.loader.insert_customer(&customer)?;
        self.db_ids.push(id);
        if let Some(reference) = draft.referred_by {
            referrals.push((id, row.clone(), reference));
        }
        if !draft.relationship_given {
            self.undecided.push(id);
        }
        self.counts.add(TableKind::Customers, 1);
        Ok(())
    }

    fn owned_row(&mut self, row: &RawRow) -> Result<(), TransferError> {
        let draft = fields::owned_draft(row, self.today).map_err(|_| changed(row))?;
        let customer_id = self.target(row, draft.customer())?;
        let id = self.id_for(row.kind, draft.file_id());
        match draft {
            OwnedDraft::Interaction(o) => {
                self.loader.insert_interaction(&crate::domain::Interaction { id, customer_id, ..o.record })?
            }
            OwnedDraft::Feedback(o) => {
                self.loader.insert_feedback(&crate::domain::Feedback { id, customer_id, ..o.record })?
            }
            OwnedDraft::Contract(o) => {
                self.loader.insert_contract(&crate::domain::Contract { id, customer_id, ..o.record })?
            }
            OwnedDraft::History(o) => {
                self.loader.insert_history(&crate::domain::HistoryEntry { id, customer_id, ..o.record })?
            }
        };
        self.counts.add(row.kind, 1);
        Ok(())
    }

    fn run(&mut self, source: &Source, observer: &mut dyn ImportObserver, rules: &Rules) -> Result<(), TransferError> {
        if self.checked.keep_ids && self.loader.customer_count()? > 0 {
            return Err(TransferError::Invalid(
                "customers were added to the database while the import was being checked; nothing was imported, \
                 run the import again"
                    .into(),
            ));
        }
        let stats = ReadStats::default();
        let mut rows = 0;
        let mut referrals = Vec::new();
        source.read(&[TableKind::Customers], &stats, &mut |row| {
            tick(observer, &stats, &mut rows);
            self.customer_row(row, &mut referrals)
        })?;
        for (id, row, reference) in referrals {
            let referrer = self.target(&row, &reference)?;
            self.loader.set_referred_by(id, Some(referrer))?;
        }
        source.read(&OWNED, &stats, &mut |row| {
            tick(observer, &stats, &mut rows);
            self.owned_row(row)
        })?;
        observer.progress(stats.bytes());
        observer.phase("updating summaries", 0);
        self.loader.let_engine_decide(&self.undecided, self.today, rules)?;
        Ok(())
    }
}

/// Loads an import that passed [`check_import`] against this same database, in one
/// transaction. If anything fails, nothing is written.
pub fn import(
    store: &mut Store,
    source: &Source,
    checked: &Checked,
    observer: &mut dyn ImportObserver,
) -> Result<ImportOutcome, TransferError> {
    let today = store.today();
    let rules = store.rules().clone();
    observer.phase("importing", source.bytes_per_read());
    let mut failure = None;
    let loaded = store.bulk_load(|loader| {
        // bulk_load already runs with a page cache sized for big loads.
        let mut state = LoadState {
            loader,
            checked,
            today,
            db_ids: Vec::with_capacity(checked.resolver.index.len()),
            next_ids: checked.next_ids,
            counts: Counts::default(),
            undecided: Vec::new(),
        };
        let run = state.run(source, observer, &rules).map(|()| state.counts);
        match run {
            Ok(counts) => Ok(counts),
            Err(TransferError::Store(e)) => Err(e),
            Err(other) => {
                // Carried out separately; this error only makes bulk_load roll back.
                failure = Some(other);
                Err(StoreError::Conflict(String::new()))
            }
        }
    });
    match (loaded, failure) {
        (_, Some(failure)) => Err(failure),
        (Ok(counts), None) => Ok(ImportOutcome { counts, kept_ids: checked.keep_ids }),
        (Err(e), None) => Err(e.into()),
    }
}
