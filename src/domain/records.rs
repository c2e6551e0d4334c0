//! The records rapport keeps, as plain values.

use serde::{Deserialize, Serialize};

use super::dates::Date;
use super::kinds::{ContractKind, DecidedBy, FeedbackKind, InteractionKind, RelationshipType, Stage};

/// A customer. `id` is 0 until the record is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub id: i64,
    pub name: String,
    pub company: String,
    pub email: Option<String>,
    pub phone: String,
    pub tags: Vec<String>,
    pub notes: String,
    pub relationship: RelationshipType,
    pub pinned: bool,
    pub stage: Stage,
    pub referred_by: Option<i64>,
    pub owner: String,
    pub next_follow_up: Option<Date>,
    pub created: Date,
    pub archived: bool,
    /// Another system's own id for this customer ("shopify:6812…", a vCard's UID), kept
    /// so that the next import of that system's export finds the same customer.
    pub source_ref: Option<String>,
    /// What the customer bought before rapport knew them, as a shop's export states it.
    pub prior: PriorHistory,
}

/// History before rapport: order totals from another system's export. Stage, lifetime
/// spend and tenure count them; the 90- and 365-day windows count only dated purchases.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorHistory {
    pub orders: u32,
    /// Money in integer cents.
    pub spend: i64,
    pub last_order: Option<Date>,
    /// When the other system first knew the customer.
    pub since: Option<Date>,
}

impl PriorHistory {
    pub fn is_empty(&self) -> bool {
        *self == PriorHistory::default()
    }

    /// "8 orders (1,234.50) before rapport, the last on 2024-05-01; known since 2019-03-02",
    /// with dates written by `date`; `None` when there is no such history.
    pub fn describe(&self, date: impl Fn(Date) -> String) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let spend = super::money::display_cents(self.spend);
        let mut text = match self.orders {
            0 if self.spend > 0 => format!("{spend} spent before rapport"),
            0 if self.last_order.is_some() => "ordered before rapport".to_string(),
            0 => "known before rapport".to_string(),
            1 => format!("1 order ({spend}) before rapport"),
            n => format!("{n} orders ({spend}) before rapport"),
        };
        if let Some(last) = self.last_order {
            text.push_str(&format!(", the last on {}", date(last)));
        }
        if let Some(since) = self.since {
            text.push_str(&format!("; known since {}", date(since)));
        }
        Some(text)
    }
}

impl Customer {
    /// A new, unstored customer with only a name, created on `today`.
    pub fn new(name: impl Into<String>, today: Date) -> Self {
        Customer {
            id: 0,
            name: name.into(),
            company: String::new(),
            email: None,
            phone: String::new(),
            tags: Vec::new(),
            notes: String::new(),
            relationship: RelationshipType::Transactional,
            pinned: false,
            stage: Stage::Prospect,
            referred_by: None,
            owner: String::new(),
            next_follow_up: None,
            created: today,
            archived: false,
            source_ref: None,
            prior: PriorHistory::default(),
        }
    }

    /// Tags joined the way files and the database keep them.
    pub fn tags_text(&self) -> String {
        self.tags.join(";")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_before_rapport_in_words() {
        let date = |d: Date| d.to_string();
        let day = |t: &str| crate::domain::dates::parse_date(t).unwrap();
        assert_eq!(PriorHistory::default().describe(date), None);
        let full = PriorHistory {
            orders: 8,
            spend: 123450,
            last_order: Some(day("2024-05-01")),
            since: Some(day("2019-03-02")),
        };
        assert_eq!(
            full.describe(date).as_deref(),
            Some("8 orders (1,234.50) before rapport, the last on 2024-05-01; known since 2019-03-02")
        );
        let spend_only = PriorHistory { spend: 8990, ..PriorHistory::default() };
        assert_eq!(spend_only.describe(date).as_deref(), Some("89.90 spent before rapport"));
        let one = PriorHistory { orders: 1, spend: 500, ..PriorHistory::default() };
        assert_eq!(one.describe(date).as_deref(), Some("1 order (5.00) before rapport"));
    }
}

/// Something that happened between the business and a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: i64,
    pub customer_id: i64,
    pub date: Date,
    pub kind: InteractionKind,
    pub summary: String,
    /// Money in integer cents, for purchases.
    pub amount: Option<i64>,
    /// −2 (very negative) to +2 (very positive).
    pub sentiment: Option<i8>,
}

/// What a customer told the business: scores and words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    pub id: i64,
    pub customer_id: i64,
    pub date: Date,
    /// Net promoter answer, 0–10.
    pub nps: Option<u8>,
    /// Satisfaction answer, 1–5.
    pub csat: Option<u8>,
    pub kind: FeedbackKind,
    pub comment: String,
    /// For complaints: whether it has been dealt with.
    pub resolved: bool,
}

/// An agreement with a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub id: i64,
    pub customer_id: i64,
    pub kind: ContractKind,
    pub start: Date,
    pub end: Option<Date>,
    /// Money in integer cents.
    pub value: Option<i64>,
    pub note: String,
}

impl Contract {
    /// Started on or before `today` and not ended before it.
    pub fn is_active_on(&self, today: Date) -> bool {
        self.start <= today && self.end.is_none_or(|end| end >= today)
    }
}

/// One decision about a customer's relationship type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub id: i64,
    pub customer_id: i64,
    pub date: Date,
    pub from: Option<RelationshipType>,
    pub to: RelationshipType,
    pub by: DecidedBy,
    /// The person who made the decision; empty in records from before rapport kept it.
    pub who: String,
    pub reason: String,
}

impl HistoryEntry {
    /// Who decided, as people read it: the person, or `engine` / `user` in records from
    /// before rapport kept the name.
    pub fn decided_by(&self) -> &str {
        if self.who.trim().is_empty() { self.by.key() } else { &self.who }
    }
}

/// Whether a suggestion waits for a decision or was turned down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SuggestionStatus {
    Pending,
    Rejected,
}

/// The engine's proposal to move a customer to another type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub customer_id: i64,
    pub from: RelationshipType,
    pub to: RelationshipType,
    pub reasons: String,
    pub since: Date,
    pub status: SuggestionStatus,
}
