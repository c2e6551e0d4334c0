//! Every change to the data. Each runs in one `BEGIN IMMEDIATE` transaction that also
//! refreshes the summaries and suggestions of the customers it concerns, and each returns
//! a [`Change`] holding the row images needed to undo it.

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::{Sqlite, activity, refresh, set_meta, summary};
use super::{customer_row, images};
use super::{inserts, spend};
use crate::domain::edits::{self, FieldEdit};
use crate::domain::validate::{self, FieldError};
use crate::domain::{
    Contract, Customer, DecidedBy, Feedback, FeedbackKind, HistoryEntry, Interaction, RelationshipType, Stage,
    SuggestionStatus,
};
use crate::store::StoredChange;
use crate::store::change::{Change, RecordImage, Table};
use crate::store::context::Context;
use crate::store::error::{Result, StoreError};

pub(super) fn next_rev(conn: &Connection) -> Result<i64> {
    conn.prepare_cached("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'rev'")?.execute([])?;
    match super::stored_rev(conn)? {
        Some(rev) => Ok(rev),
        None => {
            set_meta(conn, "rev", "1")?;
            Ok(1)
        }
    }
}

/// The state of one write transaction.
pub(super) struct Writer<'a> {
    pub tx: Transaction<'a>,
    images: Vec<RecordImage>,
    touched: Vec<i64>,
    /// Today, the rules and who is writing (for the history and the activity record).
    ctx: Context,
    /// The activity entry this write takes back, if it is an undo.
    pub undoes: Option<i64>,
}

impl Writer<'_> {
    /// Remembers a row as it is now, before this change alters it.
    pub fn capture(&mut self, table: Table, key: i64) -> Result<()> {
        if !self.images.iter().any(|i| i.table == table && i.key == key) {
            let before = images::read_record(&self.tx, table, key)?;
            self.images.push(RecordImage { table, key, before, after: None });
        }
        Ok(())
    }

    /// Records a row this change created.
    pub fn inserted(&mut self, table: Table, key: i64) {
        self.images.push(RecordImage { table, key, before: None, after: None });
    }

    pub fn touch(&mut self, customer_id: Option<i64>) {
        if let Some(id) = customer_id
            && !self.touched.contains(&id)
        {
            self.touched.push(id);
        }
    }

    /// Brings one customer's stored suggestion and summary to today's basis before a
    /// decision compares them with what the person was shown (which was read as if
    /// refreshed).
    pub fn bring_current(&mut self, id: i64) -> Result<()> {
        if refresh::is_current(&self.tx, &self.ctx, id)? {
            return Ok(());
        }
        self.capture(Table::Suggestions, id)?;
        let rev = next_rev(&self.tx)?;
        summary::refresh_one(&self.tx, id, rev, &self.ctx)?;
        Ok(())
    }

    pub fn customer(&self, id: i64) -> Result<Customer> {
        customer_row::customer_by_id(&self.tx, id)?
            .ok_or_else(|| StoreError::NotFound(format!("there is no customer with id {id}")))
    }

    pub fn active_customer(&self, id: i64) -> Result<Customer> {
        let c = self.customer(id)?;
        if c.archived {
            return Err(StoreError::invalid("customer", format!("{} is archived; nothing was written", c.name.trim())));
        }
        Ok(c)
    }

    pub fn add_history(
        &mut self,
        customer_id: i64,
        from: Option<RelationshipType>,
        to: RelationshipType,
        by: DecidedBy,
        reason: &str,
        today: crate::domain::Date,
    ) -> Result<()> {
        let entry = HistoryEntry {
            id: 0,
            customer_id,
            date: today,
            from,
            to,
            by,
            reason: reason.to_string(),
            who: self.ctx.user.clone(),
        };
        let id = inserts::history(&self.tx, &entry)?;
        self.inserted(Table::History, id);
        Ok(())
    }
}

fn invalid(errors: Vec<FieldError>) -> StoreError {
    StoreError::Invalid(errors)
}

fn opt_text(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

impl Sqlite {
    /// Runs `body` in one immediate transaction, refreshes the customers it touched, and
    /// commits. Nothing is written if anything fails.
    pub(super) fn write(
        &mut self,
        body: impl FnOnce(&mut Writer<'_>) -> Result<(String, Option<i64>)>,
    ) -> Result<Change> {
        if self.read_only {
            return Err(StoreError::ReadOnly(self.path.clone()));
        }
        // Someone may have changed the rules or the time zone, or midnight passed.
        self.catch_up()?;
        let ctx = self.ctx.clone();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut w = Writer { tx, images: Vec::new(), touched: Vec::new(), ctx: ctx.clone(), undoes: None };
        let (description, created_id) = body(&mut w)?;
        let rev = next_rev(&w.tx)?;
        let mut new_suggestions = Vec::new();
        for id in w.touched.clone() {
            // The refresh may add, retarget or drop the customer's suggestion, and with it a
            // person's rejection; keep its image so that undo puts it back as well.
            w.capture(Table::Suggestions, id)?;
            if let Some(s) = summary::refresh_one(&w.tx, id, rev, &ctx)? {
                new_suggestions.push(s);
            }
        }
        if !w.touched.is_empty() {
            refresh::note_written(&w.tx, &ctx)?;
        }
        for image in &mut w.images {
            image.after = images::read_record(&w.tx, image.table, image.key)?;
        }
        // A suggestion the change left as it was needs no undo, and keeping it would make
        // undo refuse whenever a later change moved that suggestion.
        w.images.retain(|i| i.table != Table::Suggestions || i.before != i.after);
        let Writer { tx, images, touched, undoes, .. } = w;
        let stored = StoredChange { customer_ids: touched, records: images, bulk: false };
        let activity_id = activity::record(&tx, &ctx.user, &description, &stored, undoes)?;
        if let Some(undone) = undoes {
            activity::mark_undone(&tx, undone, activity_id)?;
        }
        tx.commit()?;
        let StoredChange { customer_ids, records, .. } = stored;
        Ok(Change { activity_id, description, customer_ids, created_id, new_suggestions, records })
    }

    fn check_email_free(w: &Writer<'_>, email: Option<&str>, except: i64) -> Result<()> {
        let Some(email) = email else { return Ok(()) };
        let holder: Option<(i64, String)> =
            w.tx.prepare_cached("SELECT id, name FROM customers WHERE email = ?1 COLLATE NOCASE AND id != ?2")?
                .query_row(params![email, except], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
        match holder {
            Some((id, name)) => Err(StoreError::invalid(
                "email",
                format!("email {email} is already used by customer {id} ({})", crate::text::inert(name.trim())),
            )),
            None => Ok(()),
        }
    }

    fn check_referrer(w: &Writer<'_>, referred_by: Option<i64>, id: i64) -> Result<()> {
        if let Some(r) = referred_by {
            if r == id {
                return Err(StoreError::invalid("referred_by", "a customer cannot refer themselves"));
            }
            w.customer(r).map_err(|_| {
                StoreError::invalid("referred_by", format!("there is no customer with id {r} to refer from"))
            })?;
        }
        Ok(())
    }

    /// Adds a customer. Unless `customer.pinned`, the engine picks the type from the
    /// evidence (none yet: transactional); a pinned type is recorded in the history.
    pub(super) fn add_customer(&mut self, customer: &Customer) -> Result<Change> {
        let mut c = customer.clone();
        c.id = 0;
        c.name = c.name.trim().to_string();
        c.company = c.company.trim().to_string();
        c.phone = c.phone.trim().to_string();
        c.owner = c.owner.trim().to_string();
        c.email = opt_text(&c.email).map(String::from);
        c.created = self.ctx.today.min(c.created);
        c.stage = Stage::Prospect;
        c.archived = false;
        validate::customer(&c).map_err(invalid)?;
        let today = self.ctx.today;
        let rules = self.ctx.rules.clone();
        self.write(|w| {
            Sqlite::check_email_free(w, c.email.as_deref(), 0)?;
            Sqlite::check_referrer(w, c.referred_by, 0)?;
            let id = inserts::customer(&w.tx, &c)?;
            w.inserted(Table::Customers, id);
            if c.pinned {
                w.add_history(
                    id,
                    None,
                    c.relationship,
                    DecidedBy::User,
                    "type set by hand when the customer was added",
                    today,
                )?;
            } else {
                let stored = w.customer(id)?;
                let eval = summary::evaluate_one(&w.tx, &stored, today, &rules)?;
                w.tx.prepare_cached("UPDATE customers SET relationship = ?2 WHERE id = ?1")?
                    .execute(params![id, eval.classification.relationship.key()])?;
            }
            w.touch(Some(id));
            w.touch(c.referred_by);
            Ok((format!("Added {}", c.name), Some(id)))
        })
    }

    /// Saves the fields a person changed on the customer form, each checked against the
    /// value they saw: a field changed elsewhere since, to another value, stops the save
    /// with `EditConflict` and nothing is written. The other fields stay as stored,
    /// whoever changed them.
    pub(super) fn edit_customer(&mut self, customer_id: i64, edits: &[FieldEdit]) -> Result<Change> {
        self.write(|w| {
            let old = w.customer(customer_id)?;
            let mut found = edits::conflicts(&old, edits);
            for conflict in &mut found {
                conflict.changed_by = activity::last_touch(&w.tx, customer_id, conflict.key)?;
            }
            if !found.is_empty() {
                return Err(StoreError::EditConflict(found));
            }
            let mut c = old.clone();
            edits::apply_edits(&mut c, edits);
            c.name = c.name.trim().to_string();
            c.email = opt_text(&c.email).map(String::from);
            for text in [&mut c.company, &mut c.phone, &mut c.owner] {
                *text = text.trim().to_string();
            }
            validate::customer(&c).map_err(invalid)?;
            Sqlite::check_email_free(w, c.email.as_deref(), c.id)?;
            Sqlite::check_referrer(w, c.referred_by, c.id)?;
            w.capture(Table::Customers, c.id)?;
            if !edits.is_empty() {
                customer_row::update_fields(&w.tx, &c, edits.iter().map(|e| e.field))?;
            }
            w.touch(Some(c.id));
            w.touch(old.referred_by);
            w.touch(c.referred_by);
            Ok((format!("Saved {}", c.name), None))
        })
    }

    /// Logs an interaction. It also settles an explicit follow-up date that has come.
    pub(super) fn log_interaction(&mut self, interaction: &Interaction) -> Result<Change> {
        let i = Interaction { id: 0, ..interaction.clone() };
        validate::interaction(&i, self.ctx.today).map_err(invalid)?;
        self.write(|w| {
            let c = w.active_customer(i.customer_id)?;
            if let (crate::domain::InteractionKind::Purchase, Some(amount)) = (i.kind, i.amount) {
                let spent = spend::lifetime_spend(&w.tx, c.id, c.prior.spend)?;
                if spent.and_then(|s| s.checked_add(amount)).is_none() {
                    return Err(StoreError::invalid(
                        "amount",
                        format!(
                            "this purchase would take the total spend of {} past {}, the most rapport can count; check the amount",
                            c.name,
                            crate::domain::money::display_cents(i64::MAX)
                        ),
                    ));
                }
            }
            let id = inserts::interaction(&w.tx, &i)?;
            w.inserted(Table::Interactions, id);
            if c.next_follow_up.is_some_and(|due| due <= i.date) {
                w.capture(Table::Customers, c.id)?;
                w.tx.prepare_cached("UPDATE customers SET next_follow_up = NULL WHERE id = ?1")?.execute([c.id])?;
            }
            w.touch(Some(c.id));
            Ok((format!("Logged {} with {}", i.kind.phrase(), c.name), Some(id)))
        })
    }

    pub(super) fn add_feedback(&mut self, feedback: &Feedback) -> Result<Change> {
        let f = Feedback { id: 0, ..feedback.clone() };
        validate::feedback(&f, self.ctx.today).map_err(invalid)?;
        self.write(|w| {
            let c = w.active_customer(f.customer_id)?;
            let id = inserts::feedback(&w.tx, &f)?;
            w.inserted(Table::Feedback, id);
            w.touch(Some(c.id));
            Ok((format!("Logged {} from {}", f.kind.phrase(), c.name), Some(id)))
        })
    }

    pub(super) fn add_contract(&mut self, contract: &Contract) -> Result<Change> {
        let k = Contract { id: 0, ..contract.clone() };
        validate::contract(&k).map_err(invalid)?;
        self.write(|w| {
            let c = w.active_customer(k.customer_id)?;
            let id = inserts::contract(&w.tx, &k)?;
            w.inserted(Table::Contracts, id);
            w.touch(Some(c.id));
            Ok((format!("Added a {} contract for {}", k.kind.label().to_lowercase(), c.name), Some(id)))
        })
    }

    /// Marks a complaint as dealt with.
    pub(super) fn resolve_feedback(&mut self, feedback_id: i64) -> Result<Change> {
        self.write(|w| {
            let found: Option<(i64, String)> =
                w.tx.prepare_cached("SELECT customer_id, kind FROM feedback WHERE id = ?1")?
                    .query_row([feedback_id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
            let Some((customer_id, kind)) = found else {
                return Err(StoreError::NotFound(format!("there is no feedback with id {feedback_id}")));
            };
            if kind != FeedbackKind::Complaint.key() {
                return Err(StoreError::invalid("feedback", "only complaints are resolved"));
            }
            w.capture(Table::Feedback, feedback_id)?;
            w.tx.prepare_cached("UPDATE feedback SET resolved = 1 WHERE id = ?1")?.execute([feedback_id])?;
            w.touch(Some(customer_id));
            let c = w.customer(customer_id)?;
            Ok((format!("Resolved a complaint from {}", c.name), None))
        })
    }

    /// Sets the type by hand and pins it, so the engine will not move it.
    pub(super) fn set_type(&mut self, customer_id: i64, to: RelationshipType) -> Result<Change> {
        let today = self.ctx.today;
        self.write(|w| {
            let c = w.active_customer(customer_id)?;
            w.capture(Table::Customers, customer_id)?;
            w.tx.prepare_cached("UPDATE customers SET relationship = ?2, pinned = 1 WHERE id = ?1")?
                .execute(params![customer_id, to.key()])?;
            let reason = if c.relationship == to { "pinned by hand at this type" } else { "set by hand and pinned" };
            w.add_history(customer_id, Some(c.relationship), to, DecidedBy::User, reason, today)?;
            w.touch(Some(customer_id));
            Ok((format!("{} is now {} (pinned)", c.name, to.label()), None))
        })
    }

    /// Lets the engine suggest moves for a pinned customer again.
    pub(super) fn unpin(&mut self, customer_id: i64) -> Result<Change> {
        let today = self.ctx.today;
        self.write(|w| {
            let c = w.active_customer(customer_id)?;
            w.capture(Table::Customers, customer_id)?;
            w.tx.prepare_cached("UPDATE customers SET pinned = 0 WHERE id = ?1")?.execute([customer_id])?;
            w.add_history(customer_id, Some(c.relationship), c.relationship, DecidedBy::User, "unpinned", today)?;
            w.touch(Some(customer_id));
            Ok((format!("{} is no longer pinned", c.name), None))
        })
    }

    pub(super) fn set_follow_up(&mut self, customer_id: i64, date: Option<crate::domain::Date>) -> Result<Change> {
        self.write(|w| {
            let c = w.active_customer(customer_id)?;
            w.capture(Table::Customers, customer_id)?;
            w.tx.prepare_cached("UPDATE customers SET next_follow_up = ?2 WHERE id = ?1")?
                .execute(params![customer_id, date.map(|d| d.to_string())])?;
            w.touch(Some(customer_id));
            let what = match date {
                Some(d) => format!("Follow-up with {} set for {d}", c.name),
                None => format!("Follow-up date for {} cleared", c.name),
            };
            Ok((what, None))
        })
    }

    /// Archives (soft-deletes) a customer: hidden from lists, kept in exports, undoable.
    pub(super) fn archive(&mut self, customer_id: i64) -> Result<Change> {
        self.write(|w| {
            let c = w.active_customer(customer_id)?;
            w.capture(Table::Customers, customer_id)?;
            w.capture(Table::Suggestions, customer_id)?;
            w.tx.prepare_cached("UPDATE customers SET archived = 1 WHERE id = ?1")?.execute([customer_id])?;
            w.touch(Some(customer_id));
            w.touch(c.referred_by);
            Ok((format!("Archived {}", c.name), None))
        })
    }

    /// The status of a customer's suggestion, if there is one.
    pub(super) fn suggestion_status(&self, customer_id: i64) -> Result<Option<SuggestionStatus>> {
        Ok(summary::load_suggestion(&self.conn, customer_id)?.map(|s| s.status))
    }
}
