//! What a committed write did, in terms any engine can carry out: the records it
//! touched as they were before and after, as plain domain values. Undo is the logical
//! inverse of a [`Change`]: put every record back as it was, provided it is still as the
//! change left it.

use serde::{Deserialize, Serialize};

use crate::domain::model::{PendingSuggestion, StoredSuggestion};
use crate::domain::{Contract, Customer, Feedback, HistoryEntry, Interaction, RelationshipType};

/// A committed change: what it was, whom it concerned, and how to take it back.
#[derive(Debug, Clone)]
pub struct Change {
    /// Its number in the activity record, where anyone can see and undo it.
    pub activity_id: i64,
    /// One line for the status bar: "Logged a call with Ada Lovelace".
    pub description: String,
    /// The customers whose summaries this change refreshed, the main one first.
    pub customer_ids: Vec<i64>,
    /// The id of a record the change created, if any.
    pub created_id: Option<i64>,
    /// Suggestions that appeared (or changed target) because of this change.
    pub new_suggestions: Vec<NewSuggestion>,
    /// Every record the change wrote, in the order it first wrote them.
    pub records: Vec<RecordImage>,
}

impl Change {
    /// The customer this change added, if it added one.
    pub fn added_customer(&self) -> Option<i64> {
        self.records
            .iter()
            .find(|r| r.table == Table::Customers && r.before.is_none() && r.after.is_some())
            .map(|r| r.key)
    }

    /// The steps that take this change back, last write first.
    pub fn inverse(&self) -> impl Iterator<Item = Restore<'_>> {
        self.records.iter().rev().map(|image| Restore {
            table: image.table,
            key: image.key,
            expected: image.after.as_ref(),
            wanted: image.before.as_ref(),
        })
    }
}

/// A person's answer to a suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Accept,
    Reject,
    Pin,
}

/// A suggested move as a person was shown it: a decision applies to exactly this move,
/// and is refused when the customer's suggestion is another one by then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShownMove {
    pub customer_id: i64,
    pub from: RelationshipType,
    pub to: RelationshipType,
}

impl From<&PendingSuggestion> for ShownMove {
    fn from(s: &PendingSuggestion) -> ShownMove {
        ShownMove { customer_id: s.customer_id, from: s.from, to: s.to }
    }
}

/// A suggestion that appeared or changed target during a refresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSuggestion {
    pub customer_id: i64,
    pub from: RelationshipType,
    pub to: RelationshipType,
}

/// The kinds of record a change can touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Table {
    Customers,
    Interactions,
    Feedback,
    Contracts,
    History,
    Suggestions,
    /// A database-wide setting, keyed by its number in `settings::KEYS`.
    Settings,
}

impl Table {
    /// "customer", "interaction", …: for messages.
    pub fn record_name(self) -> &'static str {
        match self {
            Table::Customers => "customer",
            Table::Interactions => "interaction",
            Table::Feedback => "feedback",
            Table::Contracts => "contract",
            Table::History => "history",
            Table::Suggestions => "suggestion",
            Table::Settings => "setting",
        }
    }
}

/// One stored record as a plain value. A suggestion is keyed by its customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Record {
    Customer(Customer),
    Interaction(Interaction),
    Feedback(Feedback),
    Contract(Contract),
    History(HistoryEntry),
    Suggestion { customer_id: i64, suggestion: StoredSuggestion },
    Setting { key: String, value: String },
}

impl Record {
    /// Whether two versions of a record agree on everything a person or a command
    /// wrote. What the program derives on its own (a customer's stage, a suggestion's
    /// date and reasons) may differ without anyone having edited the record.
    pub fn same_ignoring_derived(&self, other: &Record) -> bool {
        match (self, other) {
            (Record::Customer(a), Record::Customer(b)) => *a == Customer { stage: a.stage, ..b.clone() },
            (
                Record::Suggestion { customer_id: a, suggestion: x },
                Record::Suggestion { customer_id: b, suggestion: y },
            ) => a == b && x.from == y.from && x.to == y.to && x.status == y.status,
            (a, b) => a == b,
        }
    }
}

/// One record before and after a change; `None` where it did not exist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordImage {
    pub table: Table,
    pub key: i64,
    pub before: Option<Record>,
    pub after: Option<Record>,
}

/// One step of an undo: the record `key` of `table` must still be `expected` (ignoring
/// what the program derives), and becomes `wanted`; `None` means absent.
#[derive(Debug, Clone, Copy)]
pub struct Restore<'c> {
    pub table: Table,
    pub key: i64,
    pub expected: Option<&'c Record>,
    pub wanted: Option<&'c Record>,
}

impl Restore<'_> {
    /// Whether the record as it is now is what the change left.
    pub fn still_as_left(&self, current: Option<&Record>) -> bool {
        match (current, self.expected) {
            (None, None) => true,
            (Some(now), Some(left)) => now.same_ignoring_derived(left),
            _ => false,
        }
    }

    /// The refusal when it is not.
    pub fn changed_since(&self) -> crate::store::StoreError {
        crate::store::StoreError::Conflict(format!(
            "cannot undo: a {} record was changed since (perhaps by someone else); nothing was undone",
            self.table.record_name()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Stage;

    fn customer(name: &str) -> Customer {
        Customer { id: 7, ..Customer::new(name, "2026-01-05".parse().unwrap()) }
    }

    fn image(before: Option<Customer>, after: Option<Customer>) -> RecordImage {
        RecordImage {
            table: Table::Customers,
            key: 7,
            before: before.map(Record::Customer),
            after: after.map(Record::Customer),
        }
    }

    #[test]
    fn the_inverse_takes_the_last_write_back_first_and_puts_the_before_back() {
        let (ada, ada_renamed) = (customer("Ada"), customer("Ada L"));
        let change = Change {
            activity_id: 0,
            description: String::new(),
            customer_ids: vec![7],
            created_id: None,
            new_suggestions: Vec::new(),
            records: vec![image(None, Some(ada.clone())), image(Some(ada.clone()), Some(ada_renamed.clone()))],
        };
        let steps: Vec<_> = change.inverse().collect();
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[0].expected, Some(&Record::Customer(ada_renamed)));
        assert_eq!(steps[0].wanted, Some(&Record::Customer(ada.clone())));
        assert_eq!(steps[1].expected, Some(&Record::Customer(ada)));
        assert_eq!(steps[1].wanted, None);
        assert_eq!(change.added_customer(), Some(7));
    }

    #[test]
    fn a_record_counts_as_unchanged_when_only_what_the_program_derives_moved() {
        let left = customer("Ada");
        let step =
            Restore { table: Table::Customers, key: 7, expected: Some(&Record::Customer(left.clone())), wanted: None };
        let restaged = Customer { stage: Stage::Advocate, ..left.clone() };
        assert!(step.still_as_left(Some(&Record::Customer(restaged))));
        let edited = Customer { notes: "changed elsewhere".into(), ..left };
        assert!(!step.still_as_left(Some(&Record::Customer(edited))));
        assert!(!step.still_as_left(None));
        assert!(step.changed_since().to_string().contains("a customer record was changed since"));
    }
}
