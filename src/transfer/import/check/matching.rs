//! Whom a customer row is about: a customer already in the database (by source
//! reference, email or name and company), an earlier row of the file, or someone new;
//! and whether the keys it brings are free for it.

use super::super::{Entity, RowPlan};
use super::{CheckState, Keys, issue};

use crate::transfer::error::TransferError;
use crate::transfer::problems::Problem;
use crate::transfer::source::{Issue, RawRow};

impl CheckState<'_> {
    /// The customer of the database that has `email` now: as it was, unless an earlier row
    /// of this import gave that customer another email.
    fn email_holder_now(&self, email: &str) -> Result<Option<(i64, String)>, TransferError> {
        let Some(db) = self.db else { return Ok(None) };
        let Some((id, name)) = db.email_holder(email)? else { return Ok(None) };
        let moved_on =
            self.resolver.index.updating(id).and_then(|p| self.updates.get(&p)).is_some_and(|(_, now)| {
                now.email.as_deref().is_none_or(|e| !e.trim().eq_ignore_ascii_case(email.trim()))
            });
        Ok((!moved_on).then_some((id, name)))
    }

    /// A row with a source reference may match a customer by email or by name only when
    /// that customer has no other source reference: two references are two customers.
    fn check_same_source(&self, keys: &Keys, theirs: &str, whom: String, issues: &mut Vec<Issue>) {
        if !keys.source.is_empty() && !theirs.is_empty() && keys.source != theirs {
            issues.push(issue(
                "source_ref",
                format!(
                    "source reference {} differs from {theirs} of {whom}, whom the row's email or name matches; \
                     correct one of them",
                    crate::text::fitted(&keys.source, 40)
                ),
            ));
        }
    }

    /// The customer of the database a row names: by source reference, else by email,
    /// else (when the row has no email) by the same name and company.
    fn existing_match(&self, keys: &Keys, issues: &mut Vec<Issue>) -> Result<Option<i64>, TransferError> {
        let Some(db) = self.db else { return Ok(None) };
        if !keys.source.is_empty()
            && let Some((id, _)) = db.source_holder(&keys.source)?
        {
            return Ok(Some(id));
        }
        if !keys.email.is_empty() {
            return Ok(self.email_holder_now(&keys.email)?.map(|(id, _)| id));
        }
        if keys.name.is_empty() {
            return Ok(None);
        }
        let company = crate::text::fold(&keys.company);
        let same: Vec<i64> = db
            .customers_named(&keys.name)?
            .into_iter()
            .filter(|(_, c)| crate::text::fold(c.trim()) == company)
            .map(|(id, _)| id)
            .collect();
        match same.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(*one)),
            many => {
                let ids: Vec<String> = many.iter().take(5).map(i64::to_string).collect();
                issues.push(issue(
                    "name",
                    format!(
                        "'{}' of '{}' matches {} customers in the database (ids {}); add an email or an id column \
                         to say which",
                        crate::text::fitted(&keys.name, 40),
                        crate::text::fitted(&keys.company, 40),
                        many.len(),
                        ids.join(", ")
                    ),
                ));
                Ok(None)
            }
        }
    }

    /// Decides whom a customer row is about.
    pub(super) fn place(
        &mut self,
        row: &RawRow,
        keys: &Keys,
        issues: &mut Vec<Issue>,
    ) -> Result<RowPlan, TransferError> {
        let index = &self.resolver.index;
        let by_source = (!keys.source.is_empty()).then(|| index.with_source(&keys.source)).flatten();
        let by_email = (!keys.email.is_empty()).then(|| index.with_email(&keys.email)).flatten();
        if let Some(position) = by_source.or(by_email) {
            if by_source.is_none() {
                let whom = format!("the customer on line {}", self.line_of(position));
                self.check_same_source(keys, &self.sources[position], whom, issues);
            }
            return Ok(RowPlan { position, first: false });
        }
        let existing = self.existing_match(keys, issues)?;
        if let Some(id) = existing
            && let Some(db) = self.db
            && let Some(stored) = db.customer_by_id(id)?
        {
            let now = self.resolver.index.updating(id).and_then(|p| self.updates.get(&p)).map(|(_, c)| c);
            let theirs = now.unwrap_or(&stored).source_ref.clone().unwrap_or_default();
            let whom = format!("customer {id} ({}) in the database", crate::text::fitted(stored.name.trim(), 40));
            self.check_same_source(keys, &theirs, whom, issues);
        }
        if let Some(id) = existing
            && let Some(position) = self.resolver.index.updating(id)
        {
            return Ok(RowPlan { position, first: false });
        }
        let position = self.resolver.index.add(&row.file, row.line);
        let theirs = match (existing, self.db) {
            (Some(id), Some(db)) => db.customer_by_id(id)?.and_then(|c| c.source_ref),
            _ => None,
        };
        self.sources.push(theirs.unwrap_or_default());
        match existing {
            Some(id) => {
                self.resolver.index.updates(position, id);
                self.entities.push(Entity::Existing(id));
                self.matched_rows.push((position, row.file.clone(), row.line));
            }
            None => self.entities.push(Entity::New),
        }
        Ok(RowPlan { position, first: true })
    }

    /// `--no-update`: a row that would change a customer already there is refused; one
    /// that matches and changes nothing is fine.
    pub(super) fn refuse_updates(&mut self) {
        for (position, file, line) in std::mem::take(&mut self.matched_rows) {
            let Some((was, now)) = self.updates.get(&position) else { continue };
            if was == now {
                continue;
            }
            let reason = format!(
                "the row would change customer {} ({}) in the database, and --no-update refuses to change it",
                was.id,
                crate::text::fitted(was.name.trim(), 40)
            );
            self.problems.push(Problem { file: file.to_string(), line, column: None, reason });
        }
    }

    /// The row's email and source reference may not belong to another customer.
    pub(super) fn check_keys_free(
        &self,
        plan: RowPlan,
        keys: &Keys,
        issues: &mut Vec<Issue>,
    ) -> Result<(), TransferError> {
        let entity = self.entities[plan.position];
        let index = &self.resolver.index;
        let taken_elsewhere = |found: Option<usize>| found.filter(|p| *p != plan.position);
        if !keys.email.is_empty() {
            if let Some(other) = taken_elsewhere(index.with_email(&keys.email)) {
                let reason = format!("email {} is already used on line {}", keys.email, self.line_of(other));
                issues.push(issue("email", reason));
            } else if let Some((id, name)) = self.email_holder_now(&keys.email)?
                && entity != Entity::Existing(id)
            {
                let reason =
                    format!("email {} is already used by customer {id} ({}) in the database", keys.email, name.trim());
                issues.push(issue("email", reason));
            }
        }
        if !keys.source.is_empty() {
            if let Some(other) = taken_elsewhere(index.with_source(&keys.source)) {
                let reason =
                    format!("source reference {} is already used on line {}", keys.source, self.line_of(other));
                issues.push(issue("source_ref", reason));
            } else if let Some(db) = self.db
                && let Some((id, name)) = db.source_holder(&keys.source)?
                && entity != Entity::Existing(id)
            {
                let reason = format!(
                    "source reference {} is already used by customer {id} ({}) in the database",
                    keys.source,
                    name.trim()
                );
                issues.push(issue("source_ref", reason));
            }
        }
        Ok(())
    }
}
