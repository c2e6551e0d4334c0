//! The portfolio at a glance, computed from the roster's summaries (never from history):
//! customers per type with mean health, NPS split, CSAT %, health bands, the 12-month
//! satisfaction trend and the customers that need attention.

use crate::domain::model::ListRow;
use crate::domain::signals::{MeanAccumulator, NpsCategory, SERIES_MONTHS, csat_percent, portfolio_nps};
use crate::domain::{Band, Date, RelationshipType};

/// Why a customer is listed under "needs attention".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attention {
    AtRisk,
    FollowUpDue,
    OpenComplaint,
    Suggestion,
}

impl Attention {
    pub const ALL: [Attention; 4] =
        [Attention::AtRisk, Attention::FollowUpDue, Attention::OpenComplaint, Attention::Suggestion];

    pub fn title(self) -> &'static str {
        match self {
            Attention::AtRisk => "At risk",
            Attention::FollowUpDue => "Follow-ups due",
            Attention::OpenComplaint => "Open complaints",
            Attention::Suggestion => "Suggestions",
        }
    }
}

/// One customer in a "needs attention" list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttentionItem {
    pub customer_id: i64,
    pub name: String,
    /// Why, briefly: "health 23", "due 2026-11-02", "2 open", "→ Loyalty-based".
    pub detail: String,
}

/// How many customers of each list are kept for display; the count shows the rest.
pub const ATTENTION_SHOWN: usize = 50;

#[derive(Debug, Clone, PartialEq)]
pub struct AttentionList {
    pub kind: Attention,
    pub total: usize,
    pub items: Vec<AttentionItem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeStat {
    pub relationship: RelationshipType,
    pub count: usize,
    pub mean_health: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DashboardData {
    pub customers: usize,
    pub types: Vec<TypeStat>,
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
    pub nps: Option<i64>,
    pub csat_answers: u64,
    pub csat_percent: Option<f64>,
    /// Healthy, watch, at risk.
    pub bands: [usize; 3],
    /// Mean satisfaction per month over every answer, oldest first.
    pub trend: [Option<f64>; SERIES_MONTHS],
    pub attention: Vec<AttentionList>,
}

/// Puts the first [`ATTENTION_SHOWN`] items in order at the front, leaving the rest
/// unordered behind them: a list may hold most of 100,000 customers, and only the first
/// ones are shown.
fn first_shown<T>(items: &mut [T], order: impl Fn(&T, &T) -> std::cmp::Ordering) {
    if items.len() > ATTENTION_SHOWN {
        items.select_nth_unstable_by(ATTENTION_SHOWN, &order);
    }
    let shown = items.len().min(ATTENTION_SHOWN);
    items[..shown].sort_unstable_by(order);
}

impl DashboardData {
    pub fn compute<'a>(rows: impl Iterator<Item = &'a ListRow>, today: Date) -> DashboardData {
        let mut counts = [0usize; RelationshipType::ALL.len()];
        let mut health_sums = [0u64; RelationshipType::ALL.len()];
        let (mut promoters, mut passives, mut detractors) = (0u64, 0u64, 0u64);
        let (mut csat_good, mut csat_answers) = (0u64, 0u64);
        let mut bands = [0usize; 3];
        let mut monthly = [MeanAccumulator::default(); SERIES_MONTHS];
        let mut at_risk = Vec::new();
        let mut due = Vec::new();
        let mut complaints = Vec::new();
        let mut suggestions = Vec::new();
        let mut customers = 0;
        for row in rows {
            customers += 1;
            let s = &row.summary;
            let t = row.relationship.index();
            counts[t] += 1;
            health_sums[t] += u64::from(s.health);
            match s.latest_nps.map(NpsCategory::of) {
                Some(NpsCategory::Promoter) => promoters += 1,
                Some(NpsCategory::Passive) => passives += 1,
                Some(NpsCategory::Detractor) => detractors += 1,
                None => {}
            }
            csat_good += u64::from(s.csat_good_90);
            csat_answers += u64::from(s.csat_answers_90);
            bands[Band::ALL.iter().position(|b| *b == s.band).unwrap_or(0)] += 1;
            for (total, m) in monthly.iter_mut().zip(s.monthly.iter()) {
                total.merge(*m);
            }
            if s.band == Band::AtRisk {
                at_risk.push((s.health, row));
            }
            if s.follow_up_due(today) {
                due.push((s.follow_up_on, row));
            }
            if s.open_complaints > 0 {
                complaints.push((s.open_complaints, row));
            }
            if let Some((to, crate::domain::SuggestionStatus::Pending)) = row.suggestion {
                suggestions.push((to, row));
            }
        }
        first_shown(&mut at_risk, |a, b| a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
        first_shown(&mut due, |a, b| a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
        first_shown(&mut complaints, |a, b| b.0.cmp(&a.0).then(a.1.id.cmp(&b.1.id)));
        let mut suggestions: Vec<(String, RelationshipType, &ListRow)> =
            suggestions.into_iter().map(|(to, row)| (row.name.to_lowercase(), to, row)).collect();
        first_shown(&mut suggestions, |a, b| a.0.cmp(&b.0).then(a.2.id.cmp(&b.2.id)));
        let list = |kind: Attention, total: usize, items: Vec<AttentionItem>| AttentionList { kind, total, items };
        let item =
            |row: &ListRow, detail: String| AttentionItem { customer_id: row.id, name: row.name.clone(), detail };
        let attention = vec![
            list(
                Attention::AtRisk,
                at_risk.len(),
                at_risk.iter().take(ATTENTION_SHOWN).map(|(h, r)| item(r, format!("health {h}"))).collect(),
            ),
            list(
                Attention::FollowUpDue,
                due.len(),
                due.iter().take(ATTENTION_SHOWN).map(|(d, r)| item(r, format!("due {d}"))).collect(),
            ),
            list(
                Attention::OpenComplaint,
                complaints.len(),
                complaints.iter().take(ATTENTION_SHOWN).map(|(n, r)| item(r, format!("{n} open"))).collect(),
            ),
            list(
                Attention::Suggestion,
                suggestions.len(),
                suggestions
                    .iter()
                    .take(ATTENTION_SHOWN)
                    .map(|(_, to, r)| item(r, format!("→ {}", to.label())))
                    .collect(),
            ),
        ];
        DashboardData {
            customers,
            types: RelationshipType::ALL
                .iter()
                .map(|t| TypeStat {
                    relationship: *t,
                    count: counts[t.index()],
                    mean_health: (counts[t.index()] > 0)
                        .then(|| health_sums[t.index()] as f64 / counts[t.index()] as f64),
                })
                .collect(),
            promoters,
            passives,
            detractors,
            nps: portfolio_nps(promoters, passives, detractors),
            csat_answers,
            csat_percent: csat_percent(csat_good, csat_answers),
            bands,
            trend: monthly.map(MeanAccumulator::mean),
            attention,
        }
    }

    /// Every selectable "needs attention" entry, in display order.
    pub fn attention_items(&self) -> impl Iterator<Item = (Attention, &AttentionItem)> {
        self.attention.iter().flat_map(|l| l.items.iter().map(move |i| (l.kind, i)))
    }

    pub fn attention_len(&self) -> usize {
        self.attention.iter().map(|l| l.items.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_shown_are_the_first_of_a_full_sort() {
        for len in [0, 1, ATTENTION_SHOWN - 1, ATTENTION_SHOWN, ATTENTION_SHOWN + 1, 1000] {
            let items: Vec<(u32, i64)> = (0..len as i64).map(|i| ((i * 7919 % 97) as u32, i)).collect();
            let order = |a: &(u32, i64), b: &(u32, i64)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
            let mut full = items.clone();
            full.sort_by(order);
            let mut partial = items;
            first_shown(&mut partial, order);
            let shown = len.min(ATTENTION_SHOWN);
            assert_eq!(partial[..shown], full[..shown], "{len} items");
        }
    }
}
