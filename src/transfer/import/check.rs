//! The first read of an import: every row checked, and every customer row told whom it
//! is about — a new customer, an earlier row's customer (merged), or a customer already
//! in the database (updated). Nothing is written.

use std::collections::{BTreeSet, HashMap, HashSet};

mod matching;

use super::merge;
use super::{
    Checked, CustomerCounts, Entity, ImportCounts, ImportObserver, ImportSettings, OWNED, RowPlan, slot, tick,
};
use super::{already_there, existing_id};
use crate::domain::Customer;
use crate::store::{ImportLookups, Store};
use crate::transfer::Counts;
use crate::transfer::columns::TableKind;
use crate::transfer::dates::DateOrder;
use crate::transfer::dates::{Conventions, DateEvidence};
use crate::transfer::error::TransferError;
use crate::transfer::fields::{self, CustomerDraft};
use crate::transfer::files::ReadStats;
use crate::transfer::problems::{Problem, Problems};
use crate::transfer::resolve::{Resolver, Target};
use crate::transfer::source::{Issue, RawRow, Source, sort_issues};

/// How many referrers that name nobody are listed in the notice.
const REFERRERS_SHOWN: usize = 5;

struct CheckState<'s> {
    /// The database to match against; `None` when it holds no customers.
    db: Option<&'s Store>,
    conventions: Conventions,
    evidence: DateEvidence,
    resolver: Resolver,
    problems: Problems,
    counts: ImportCounts,
    seen_ids: [HashSet<i64>; 5],
    max_ids: [i64; 5],
    entities: Vec<Entity>,
    plans: Vec<RowPlan>,
    /// Customers of the database this import updates: as they were, and as the rows so far
    /// leave them.
    updates: HashMap<usize, (Customer, Customer)>,
    referrals: Vec<Referral>,
    /// The first lines of rows that name no one, for the notice.
    left_out_lines: Vec<u64>,
    /// For each row of the other tables, in file order, whether the database already has
    /// that record (decided against the database as it was, before this import).
    already_there: Vec<bool>,
    /// The source reference each customer of the import is known by (empty: none yet).
    sources: Vec<String>,
    /// Where each customer of the database that a row names was first named.
    matched_rows: Vec<(usize, std::rc::Rc<str>, u64)>,
}

/// A `referred_by` to settle once every customer is known.
struct Referral {
    position: usize,
    row: RawRow,
    reference: String,
}

/// The keys a customer row can be matched by.
struct Keys {
    email: String,
    source: String,
    name: String,
    company: String,
}

impl Keys {
    fn of(row: &RawRow, draft: Option<&CustomerDraft>) -> Keys {
        match draft {
            Some(d) => Keys {
                email: d.customer.email.clone().unwrap_or_default(),
                source: d.customer.source_ref.clone().unwrap_or_default(),
                name: d.customer.name.trim().to_string(),
                company: d.customer.company.trim().to_string(),
            },
            None => Keys {
                email: row.get("email").trim().to_string(),
                source: row.get("source_ref").trim().to_string(),
                name: row.get("name").trim().to_string(),
                company: row.get("company").trim().to_string(),
            },
        }
    }
}

fn issue(column: &'static str, reason: String) -> Issue {
    Issue { column: Some(column), reason }
}

impl<'s> CheckState<'s> {
    fn lookups(&self) -> Option<&'s dyn ImportLookups> {
        self.db.map(|s| &**s as &dyn ImportLookups)
    }

    fn problem(&mut self, row: &RawRow, column: Option<&str>, reason: String) {
        self.problems.push(Problem {
            file: row.file.to_string(),
            line: row.line,
            // The file's own name for the column, which is what the person can find.
            column: column.map(|c| crate::text::fitted(&row.label(c), 40)),
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
            issues.push(issue("id", format!("id {id} appears more than once among the {}", row.kind.key())));
        }
        Some(id)
    }

    fn line_of(&self, position: usize) -> u64 {
        self.resolver.index.line(position)
    }

    fn customer_row(&mut self, row: &RawRow) -> Result<(), TransferError> {
        if row.names_no_one && row.issues.is_empty() {
            self.counts.customers.left_out += 1;
            if self.left_out_lines.len() < REFERRERS_SHOWN {
                self.left_out_lines.push(row.line);
            }
            return Ok(());
        }
        let mut issues = Vec::new();
        let file_id = self.note_id(row, &mut issues);
        let draft = fields::customer_draft(row, self.conventions, &mut self.evidence);
        let keys = Keys::of(row, draft.as_ref().ok());
        let plan = self.place(row, &keys, &mut issues)?;
        self.check_keys_free(plan, &keys, &mut issues)?;
        self.resolver.index.note(plan.position, file_id, &keys.email, &keys.source, &keys.name);
        if self.sources[plan.position].is_empty() {
            self.sources[plan.position] = keys.source.clone();
        }
        self.plans.push(plan);
        match draft {
            Ok(draft) => self.count(plan, row, draft)?,
            Err(found) => issues.extend(found),
        }
        self.report(row, issues);
        Ok(())
    }

    fn count(&mut self, plan: RowPlan, row: &RawRow, draft: CustomerDraft) -> Result<(), TransferError> {
        let customers = &mut self.counts.customers;
        match (self.entities[plan.position], plan.first) {
            (Entity::New, true) => customers.new += 1,
            (_, false) => customers.merged += 1,
            (Entity::Existing(_), true) => {}
        }
        if let Entity::Existing(id) = self.entities[plan.position] {
            if plan.first
                && let Some(stored) = self.db.map(|db| db.customer_by_id(id)).transpose()?.flatten()
            {
                self.updates.insert(plan.position, (stored.clone(), stored));
            }
            if let Some((_, now)) = self.updates.get_mut(&plan.position) {
                merge::apply(now, &draft);
            }
        }
        if let Some(reference) = draft.referred_by {
            self.referrals.push(Referral { position: plan.position, row: row.clone(), reference });
        }
        Ok(())
    }

    /// Settles every `referred_by`. One that names nobody is kept in the customer's notes.
    fn check_referrals(&mut self, observer: &mut dyn ImportObserver) -> Result<HashSet<String>, TransferError> {
        let mut unresolved = HashSet::new();
        let mut told = Vec::new();
        for r in std::mem::take(&mut self.referrals) {
            let db = self.lookups();
            let answer = self.resolver.resolve(db, &r.reference)?;
            // The row's own customer, whether named as a row of the file or by its id.
            let own = existing_id(&self.entities, Target::Imported(r.position));
            match answer {
                Ok(target)
                    if target == Target::Imported(r.position)
                        || (own.is_some() && existing_id(&self.entities, target) == own) =>
                {
                    self.problem(&r.row, Some("referred_by"), "a customer cannot refer themselves".into())
                }
                Ok(target) => self.note_referral_change(r.position, target),
                Err(reason) => {
                    if let Some((_, now)) = self.updates.get_mut(&r.position) {
                        merge::keep_referrer_in_notes(now, &r.reference);
                    }
                    told.push(format!("{}:{}: referred_by: {reason}", r.row.file, r.row.line));
                    unresolved.insert(r.reference.trim().to_string());
                }
            }
        }
        if !told.is_empty() {
            let more = told.len().saturating_sub(REFERRERS_SHOWN);
            let mut text = format!(
                "{} {} no single customer and {} kept in the notes as \"Referred by: …\": {}",
                told.len(),
                if told.len() == 1 { "referrer names" } else { "referrers name" },
                if told.len() == 1 { "is" } else { "are" },
                told.iter().take(REFERRERS_SHOWN).cloned().collect::<Vec<_>>().join("; ")
            );
            if more > 0 {
                text.push_str(&format!("; and {more} more"));
            }
            observer.notice(&text);
        }
        Ok(unresolved)
    }

    /// A customer the import updates whose referrer changes counts as updated.
    fn note_referral_change(&mut self, position: usize, target: Target) {
        let referrer = match target {
            Target::Existing(id) => Some(id),
            Target::Imported(p) => match self.entities.get(p) {
                Some(Entity::Existing(id)) => Some(*id),
                _ => None,
            },
        };
        if let Some((_, now)) = self.updates.get_mut(&position) {
            // A new customer of the import as referrer: certainly a change (id -1 is no one's).
            now.referred_by = Some(referrer.unwrap_or(-1));
        }
    }

    fn owned_row(&mut self, row: &RawRow) -> Result<(), TransferError> {
        let mut issues = Vec::new();
        self.note_id(row, &mut issues);
        let draft = fields::owned_draft(row, self.conventions, &mut self.evidence);
        let reference = row.get("customer").trim();
        let mut target = None;
        if !reference.is_empty() {
            let db = self.lookups();
            match self.resolver.resolve(db, reference)? {
                Ok(t) => target = Some(t),
                Err(reason) => issues.push(issue("customer", reason)),
            }
        }
        match draft {
            Ok(draft) => {
                let existing = target.and_then(|t| existing_id(&self.entities, t));
                let there = match (existing, self.db) {
                    (Some(id), Some(db)) => already_there(&**db, &draft, id)?,
                    _ => false,
                };
                let counts = if there { &mut self.counts.already_there } else { &mut self.counts.added };
                counts.add(row.kind, 1);
                self.already_there.push(there);
            }
            Err(found) => issues.extend(found),
        }
        self.report(row, issues);
        Ok(())
    }
}

/// Reads and checks everything `source` holds against `db` (`None` when the database
/// does not exist yet), writing nothing. What the files themselves are worth telling
/// (see [`crate::transfer::notices`]) is for the caller to show.
pub fn check_import(
    db: Option<&Store>,
    source: &Source,
    settings: ImportSettings,
    observer: &mut dyn ImportObserver,
) -> Result<Checked, TransferError> {
    let conventions = Conventions { today: settings.today, date_order: settings.date_order };
    let (checked, evidence) = check_pass(db, source, settings, conventions, observer)?;
    if settings.date_order.is_some() {
        return checked.map_err(TransferError::Rows);
    }
    crate::transfer::dates::settle_date_order(&evidence)?;
    match evidence.settled() {
        // Dates only the order could settle were read day first until the file showed
        // they are month first: read everything again, the right way.
        Some(DateOrder::MonthFirst) if evidence.ambiguous.is_some() => {
            let conventions = Conventions { date_order: Some(DateOrder::MonthFirst), ..conventions };
            let (checked, _) = check_pass(db, source, settings, conventions, &mut super::Quiet::default())?;
            checked.map_err(TransferError::Rows)
        }
        Some(order) => {
            let checked = checked.map_err(TransferError::Rows)?;
            Ok(Checked { conventions: Conventions { date_order: Some(order), ..conventions }, ..checked })
        }
        None => checked.map_err(TransferError::Rows),
    }
}

/// One read of everything: the import checked, or the problems found, and what the
/// dates said about their order.
type Pass = (Result<Checked, Problems>, DateEvidence);

fn check_pass(
    db: Option<&Store>,
    source: &Source,
    settings: ImportSettings,
    conventions: Conventions,
    observer: &mut dyn ImportObserver,
) -> Result<Pass, TransferError> {
    let keep_ids = !super::database_holds_customers(db)?;
    let mut state = CheckState {
        // An empty database has nothing to match or look up.
        db: if keep_ids { None } else { db },
        conventions,
        evidence: DateEvidence::default(),
        resolver: Resolver::default(),
        problems: Problems::default(),
        counts: ImportCounts::default(),
        seen_ids: Default::default(),
        max_ids: [0; 5],
        entities: Vec::new(),
        plans: Vec::new(),
        updates: HashMap::new(),
        referrals: Vec::new(),
        left_out_lines: Vec::new(),
        matched_rows: Vec::new(),
        sources: Vec::new(),
        already_there: Vec::new(),
    };
    observer.phase("checking", source.bytes_per_read());
    let stats = ReadStats::default();
    let mut rows = 0;
    let mut ignored: BTreeSet<String> = BTreeSet::new();
    ignored.extend(source.read(&[TableKind::Customers], &stats, &mut |row| {
        tick(observer, &stats, &mut rows);
        state.customer_row(row)
    })?);
    let unresolved_referrers = state.check_referrals(observer)?;
    let left_out = state.counts.customers.left_out;
    if left_out > 0 {
        let lines: Vec<String> = state.left_out_lines.iter().map(u64::to_string).collect();
        let more = if left_out > lines.len() as u64 { ", …" } else { "" };
        observer.notice(&format!(
            "{}: leaving out {left_out} {} no one (no name, email, company or phone): line{} {}{more}",
            source.path().display(),
            if left_out == 1 { "row that names" } else { "rows that name" },
            if lines.len() == 1 { "" } else { "s" },
            lines.join(", ")
        ));
    }
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
            crate::transfer::profiles::capped_list(&list)
        ));
    }
    if settings.no_update {
        state.refuse_updates();
    }
    if !state.problems.is_empty() {
        return Ok((Err(state.problems), state.evidence));
    }
    let (updated, unchanged) =
        state.updates.values().fold((0, 0), |(u, n), (was, now)| if was == now { (u, n + 1) } else { (u + 1, n) });
    let customers = CustomerCounts { updated, unchanged, ..state.counts.customers };
    let mut counts = ImportCounts { customers, ..state.counts };
    counts.added = Counts { customers: customers.new, ..counts.added };
    let checked = Checked {
        counts,
        keep_ids,
        resolver: state.resolver,
        next_ids: state.max_ids.map(|max| max.saturating_add(1)),
        conventions: state.conventions,
        entities: state.entities,
        plans: state.plans,
        already_there: state.already_there,
        unresolved_referrers,
    };
    Ok((Ok(checked), state.evidence))
}
