//! The read models: what the lists, the dashboard and the command line read about
//! customers, as plain values. The store fills them; nothing here knows how.

use serde::Serialize;

use super::signals::{MeanAccumulator, SERIES_MONTHS};
use super::{
    Band, Classification, Contract, Customer, Date, Feedback, HistoryEntry, Interaction, RelationshipType, Signals,
    Stage, SuggestionStatus, Trend,
};

/// What the lists and the dashboard know about a customer without reading its history.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub health: u8,
    pub band: Band,
    pub satisfaction: Option<f64>,
    pub latest_nps: Option<u8>,
    pub csat_answers_90: u32,
    pub csat_good_90: u32,
    pub trend: Option<Trend>,
    pub last_interaction: Option<Date>,
    pub follow_up_on: Date,
    pub open_complaints: u32,
    pub interactions_total: u32,
    pub purchases_365: u32,
    pub spend_365: i64,
    pub monthly: [MeanAccumulator; SERIES_MONTHS],
}

impl Summary {
    pub fn from_signals(s: &Signals) -> Summary {
        Summary {
            health: s.health,
            band: s.band,
            satisfaction: s.satisfaction.map(|v| (v * 10.0).round() / 10.0),
            latest_nps: s.latest_nps,
            csat_answers_90: s.csat_answers_90,
            csat_good_90: s.csat_good_90,
            trend: s.trend,
            last_interaction: s.last_interaction,
            follow_up_on: s.follow_up_on,
            open_complaints: s.open_complaints,
            interactions_total: s.interactions_total,
            purchases_365: s.purchases_365,
            spend_365: s.spend_365,
            monthly: s.monthly_satisfaction,
        }
    }

    pub fn follow_up_due(&self, today: Date) -> bool {
        self.follow_up_on <= today
    }
}

/// One customer as the dashboard's lists show it: what the table, the groups and the
/// dashboard need, without the contact details and notes that only search looks at.
#[derive(Debug, Clone, PartialEq)]
pub struct ListRow {
    pub id: i64,
    pub name: String,
    pub company: String,
    pub relationship: RelationshipType,
    pub pinned: bool,
    pub stage: Stage,
    pub created: Date,
    pub archived: bool,
    pub summary: Summary,
    /// The engine's suggestion, if one exists.
    pub suggestion: Suggested,
}

impl ListRow {
    pub fn suggestion_pending(&self) -> bool {
        matches!(self.suggestion, Some((_, SuggestionStatus::Pending)))
    }
}

/// One customer as the command line lists it: the list row and the contact details.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterRow {
    pub list: ListRow,
    pub contacts: Contacts,
}

/// The text fields search looks through, borrowed from the row being read.
#[derive(Debug, Clone, Copy)]
pub struct SearchFields<'a> {
    pub name: &'a str,
    pub company: &'a str,
    pub email: &'a str,
    /// `;`-separated, as stored.
    pub tags: &'a str,
    pub notes: &'a str,
}

impl SearchFields<'_> {
    /// The one text search looks through: name, company, email, tags and notes.
    pub fn joined(&self) -> String {
        let SearchFields { name, company, email, tags, notes } = self;
        format!("{name} {company} {email} {} {notes}", tags.replace(';', " "))
    }
}

/// A customer's suggestion as the lists show it: the type it proposes and its status.
pub type Suggested = Option<(RelationshipType, SuggestionStatus)>;

/// A customer's contact details, as the command line lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct Contacts {
    pub email: String,
    /// `;`-separated, as stored.
    pub tags: String,
    pub notes: String,
    pub owner: String,
}

/// Everything the engine concluded about one customer.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub customer_id: i64,
    pub name: String,
    pub company: String,
    pub created: Date,
    pub relationship: RelationshipType,
    pub pinned: bool,
    pub archived: bool,
    pub stage: Stage,
    pub signals: Signals,
    pub classification: Classification,
}

impl Evaluation {
    /// The customer's list row (what its card holds) with this stage and suggestion.
    pub fn list_row(&self, stage: Stage, suggestion: Suggested) -> ListRow {
        ListRow {
            id: self.customer_id,
            name: self.name.clone(),
            company: self.company.clone(),
            relationship: self.relationship,
            pinned: self.pinned,
            stage,
            created: self.created,
            archived: self.archived,
            summary: Summary::from_signals(&self.signals),
            suggestion,
        }
    }
}

/// A suggestion as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct StoredSuggestion {
    pub from: RelationshipType,
    pub to: RelationshipType,
    pub reasons: String,
    pub since: Date,
    pub status: SuggestionStatus,
}

/// An entry of a customer's timeline: an interaction or a piece of feedback.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum TimelineEntry {
    Interaction(Interaction),
    Feedback(Feedback),
}

impl TimelineEntry {
    pub fn date(&self) -> Date {
        match self {
            TimelineEntry::Interaction(i) => i.date,
            TimelineEntry::Feedback(f) => f.date,
        }
    }
}

/// Everything the detail pane shows about one customer, read in one call: the record,
/// fresh signals, the first page of the timeline, contracts, history and any suggestion.
#[derive(Debug, Clone)]
pub struct Detail {
    pub customer: Customer,
    pub evaluation: Evaluation,
    pub timeline: Vec<TimelineEntry>,
    pub timeline_total: usize,
    pub contracts: Vec<Contract>,
    pub history: Vec<HistoryEntry>,
    pub referrer: Option<(i64, String)>,
    pub referrals: Vec<(i64, String)>,
    pub suggestion: Option<StoredSuggestion>,
}

impl Detail {
    /// Whether the timeline has entries not read yet.
    pub fn has_more(&self) -> bool {
        self.timeline.len() < self.timeline_total
    }
}

/// A suggestion waiting in the Review tab.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PendingSuggestion {
    pub customer_id: i64,
    pub name: String,
    pub company: String,
    pub from: RelationshipType,
    pub to: RelationshipType,
    pub reasons: String,
    pub since: Date,
    pub pinned: bool,
}
