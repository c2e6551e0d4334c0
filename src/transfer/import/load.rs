//! The second read of an import: in one transaction, every row does what the check
//! decided — adds a customer, updates one, merges into an earlier row's, or adds a record
//! the database does not hold yet.

use super::merge;
use super::{Checked, Entity, ImportCounts, ImportObserver, ImportOutcome, OWNED, changed, slot, tick};
use crate::domain::{Contract, Customer, Feedback, HistoryEntry, Interaction, Rules};
use crate::store::{Loader, Store, StoreError};
use crate::transfer::columns::TableKind;
use crate::transfer::dates::DateEvidence;
use crate::transfer::error::TransferError;
use crate::transfer::fields::{self, CustomerDraft, OwnedDraft};
use crate::transfer::files::ReadStats;
use crate::transfer::resolve::Target;
use crate::transfer::source::{RawRow, Source};

struct LoadState<'l, 'c> {
    loader: &'l mut dyn Loader,
    checked: &'c Checked,
    /// Database ids of the import's customers, by position (0 until known).
    db_ids: Vec<i64>,
    /// Whether any row of the customer at each position chose its relationship type.
    typed: Vec<bool>,
    /// The customers this import updates, as they were before it.
    before: Vec<Option<Customer>>,
    next_ids: [i64; 5],
    counts: ImportCounts,
    /// The next customer row, by its place in the file.
    row_number: usize,
    /// The next row of the other tables, likewise.
    owned_number: usize,
    referrals: Vec<(i64, RawRow, String)>,
    evidence: DateEvidence,
}

impl LoadState<'_, '_> {
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
            Some(Ok(Target::Imported(p))) => {
                self.db_ids.get(*p).copied().filter(|id| *id != 0).ok_or_else(|| changed(row))
            }
            Some(Ok(Target::Existing(id))) => Ok(*id),
            _ => Err(changed(row)),
        }
    }

    fn draft(&mut self, row: &RawRow) -> Result<CustomerDraft, TransferError> {
        let mut draft =
            fields::customer_draft(row, self.checked.conventions, &mut self.evidence).map_err(|_| changed(row))?;
        if let Some(reference) = &draft.referred_by
            && self.checked.unresolved_referrers.contains(reference.trim())
        {
            merge::keep_referrer_in_notes(&mut draft.customer, reference);
            draft.give("notes");
            draft.referred_by = None;
        }
        Ok(draft)
    }

    fn customer_row(&mut self, row: &RawRow) -> Result<(), TransferError> {
        if row.names_no_one && row.issues.is_empty() {
            self.counts.customers.left_out += 1;
            return Ok(());
        }
        let plan = *self.checked.plans.get(self.row_number).ok_or_else(|| changed(row))?;
        self.row_number += 1;
        let draft = self.draft(row)?;
        let position = plan.position;
        let entity = *self.checked.entities.get(position).ok_or_else(|| changed(row))?;
        self.typed[position] |= draft.relationship_given;
        let id = match (entity, plan.first) {
            (Entity::New, true) => {
                let mut customer = draft.customer.clone();
                customer.id = self.id_for(TableKind::Customers, draft.file_id);
                let id = self.loader.insert_customer(&customer)?;
                self.db_ids[position] = id;
                id
            }
            (Entity::New, false) => self.change(position, self.db_ids[position], &draft, row)?,
            (Entity::Existing(id), _) => {
                self.db_ids[position] = id;
                self.change(position, id, &draft, row)?
            }
        };
        if let Some(reference) = draft.referred_by {
            self.referrals.push((id, row.clone(), reference));
        }
        Ok(())
    }

    /// Applies a row to a customer already written (by this import or before it).
    fn change(&mut self, position: usize, id: i64, draft: &CustomerDraft, row: &RawRow) -> Result<i64, TransferError> {
        let mut customer = self.loader.customer_by_id(id)?.ok_or_else(|| changed(row))?;
        if self.before[position].is_none() && matches!(self.checked.entities[position], Entity::Existing(_)) {
            self.before[position] = Some(customer.clone());
        }
        let was = customer.clone();
        merge::apply(&mut customer, draft);
        if customer != was {
            self.loader.update_customer(&customer)?;
        }
        Ok(id)
    }

    fn owned_row(&mut self, row: &RawRow) -> Result<(), TransferError> {
        let draft = fields::owned_draft(row, self.checked.conventions, &mut self.evidence).map_err(|_| changed(row))?;
        let customer_id = self.target(row, draft.customer())?;
        // Decided by the check, against the database as it was: a record the file holds
        // twice is added twice, as the file says.
        let there = *self.checked.already_there.get(self.owned_number).ok_or_else(|| changed(row))?;
        self.owned_number += 1;
        if there {
            self.counts.already_there.add(row.kind, 1);
            return Ok(());
        }
        let id = self.id_for(row.kind, draft.file_id());
        match draft {
            OwnedDraft::Interaction(o) => {
                self.loader.insert_interaction(&Interaction { id, customer_id, ..o.record })?
            }
            OwnedDraft::Feedback(o) => self.loader.insert_feedback(&Feedback { id, customer_id, ..o.record })?,
            OwnedDraft::Contract(o) => self.loader.insert_contract(&Contract { id, customer_id, ..o.record })?,
            OwnedDraft::History(o) => self.loader.insert_history(&HistoryEntry { id, customer_id, ..o.record })?,
        };
        self.counts.added.add(row.kind, 1);
        Ok(())
    }

    fn settle_referrals(&mut self) -> Result<(), TransferError> {
        for (id, row, reference) in std::mem::take(&mut self.referrals) {
            let referrer = self.target(&row, &reference)?;
            let mut customer = self.loader.customer_by_id(id)?.ok_or_else(|| changed(&row))?;
            if customer.referred_by != Some(referrer) {
                customer.referred_by = Some(referrer);
                self.loader.set_referred_by(id, Some(referrer))?;
            }
        }
        Ok(())
    }

    /// Counts the customers of the import by what became of them.
    fn count_customers(&mut self) -> Result<(), TransferError> {
        let customers = &mut self.counts.customers;
        customers.merged = self.checked.plans.iter().filter(|p| !p.first).count() as u64;
        for (position, entity) in self.checked.entities.iter().enumerate() {
            match entity {
                Entity::New => customers.new += 1,
                Entity::Existing(id) => {
                    let now = self.loader.customer_by_id(*id)?;
                    match &self.before[position] {
                        Some(was) if now.as_ref() != Some(was) => customers.updated += 1,
                        _ => customers.unchanged += 1,
                    }
                }
            }
        }
        self.counts.added.customers = customers.new;
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
        source.read(&[TableKind::Customers], &stats, &mut |row| {
            tick(observer, &stats, &mut rows);
            self.customer_row(row)
        })?;
        self.settle_referrals()?;
        source.read(&OWNED, &stats, &mut |row| {
            tick(observer, &stats, &mut rows);
            self.owned_row(row)
        })?;
        observer.progress(stats.bytes());
        self.count_customers()?;
        observer.phase("updating summaries", 0);
        let undecided: Vec<i64> = self
            .checked
            .entities
            .iter()
            .enumerate()
            .filter(|(p, e)| **e == Entity::New && !self.typed[*p])
            .map(|(p, _)| self.db_ids[p])
            .collect();
        self.loader.let_engine_decide(&undecided, self.checked.conventions.today, rules)?;
        Ok(())
    }
}

/// Loads an import that passed [`super::check_import`] against this same database, in
/// one transaction. If anything fails, nothing is written.
pub fn import(
    store: &mut Store,
    source: &Source,
    checked: &Checked,
    observer: &mut dyn ImportObserver,
) -> Result<ImportOutcome, TransferError> {
    let rules = store.rules().clone();
    observer.phase("importing", source.bytes_per_read());
    let customers = checked.entities.len();
    let mut failure = None;
    let loaded = store.bulk_load(|loader| {
        // bulk_load already runs with a page cache sized for big loads.
        let mut state = LoadState {
            loader,
            checked,
            db_ids: vec![0; customers],
            typed: vec![false; customers],
            before: vec![None; customers],
            next_ids: checked.next_ids,
            counts: ImportCounts::default(),
            row_number: 0,
            owned_number: 0,
            referrals: Vec::new(),
            evidence: DateEvidence::default(),
        };
        match state.run(source, observer, &rules) {
            Ok(()) => Ok(state.counts),
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
