//! The read models: what the lists, the dashboard and the command line read about
//! customers, as plain values. The store fills them; nothing here knows how.

use super::signals::{MeanAccumulator, SERIES_MONTHS};
use super::{Band, Date, RelationshipType, Signals, Stage, SuggestionStatus, Trend};

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
