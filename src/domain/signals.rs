//! Satisfaction and loyalty signals: pure functions of one customer's records and today.
//!
//! Records are fed one at a time into a [`SignalAccumulator`], in any order, then
//! [`SignalAccumulator::finish`] turns the totals into [`Signals`]. The same code serves
//! one customer after a write and the whole portfolio in one streaming pass.
//!
//! Windows such as "the last 90 days" mean today and the 89 days before. Records dated
//! after today have not happened yet and are left out of every signal.

use serde::Serialize;

use super::dates::{self, Date};
pub use super::kinds::Band;
use super::kinds::{ContractKind, FeedbackKind, InteractionKind, RelationshipType};
use super::records::{Contract, Customer, Feedback, Interaction, PriorHistory};
use super::rules::Rules;
pub use super::satisfaction::{
    MeanAccumulator, NpsCategory, SERIES_MONTHS, Trend, answer_half_points, csat_percent, portfolio_nps,
};

/// Totals gathered from a customer's records, before they become [`Signals`].
#[derive(Debug, Clone)]
pub struct SignalAccumulator {
    today: Date,
    created: Date,
    earliest: Date,
    interactions_total: u32,
    feedback_total: u32,
    last_interaction: Option<Date>,
    last_contact: Option<Date>,
    purchases_total: u32,
    purchases_90: u32,
    purchases_365: u32,
    /// Bit `m` set when there was a purchase `m` calendar months before today's month.
    purchase_month_bits: u16,
    spend_365: i64,
    spend_total: i64,
    prior_orders: u32,
    prior_spend: i64,
    referral_interactions: u32,
    referred_customers: u32,
    co_creation_180: u32,
    community_180: u32,
    support_90: u32,
    support_sentiment_sum: i32,
    support_sentiment_count: u32,
    csat_90_sum: u32,
    csat_90_count: u32,
    csat_90_good: u32,
    latest_nps: Option<(Date, i64, u8)>,
    open_complaints: u32,
    active_contract: Option<(Date, i64, ContractKind)>,
    contract_seen: bool,
    monthly: [MeanAccumulator; SERIES_MONTHS],
    recent_90: MeanAccumulator,
    prior_90: MeanAccumulator,
}

impl SignalAccumulator {
    /// Starts from a customer's created date, as of `today`.
    pub fn new(created: Date, today: Date) -> Self {
        SignalAccumulator {
            today,
            created,
            earliest: created,
            interactions_total: 0,
            feedback_total: 0,
            last_interaction: None,
            last_contact: None,
            purchases_total: 0,
            purchases_90: 0,
            purchases_365: 0,
            purchase_month_bits: 0,
            spend_365: 0,
            spend_total: 0,
            prior_orders: 0,
            prior_spend: 0,
            referral_interactions: 0,
            referred_customers: 0,
            co_creation_180: 0,
            community_180: 0,
            support_90: 0,
            support_sentiment_sum: 0,
            support_sentiment_count: 0,
            csat_90_sum: 0,
            csat_90_count: 0,
            csat_90_good: 0,
            latest_nps: None,
            open_complaints: 0,
            active_contract: None,
            contract_seen: false,
            monthly: [MeanAccumulator::default(); SERIES_MONTHS],
            recent_90: MeanAccumulator::default(),
            prior_90: MeanAccumulator::default(),
        }
    }

    /// Days from `date` to today, or `None` for a date after today.
    fn age(&self, date: Date) -> Option<i64> {
        let age = dates::days_between(date, self.today);
        (age >= 0).then_some(age)
    }

    fn note_date(&mut self, date: Date) {
        if date < self.earliest {
            self.earliest = date;
        }
    }

    pub fn add_interaction(&mut self, date: Date, kind: InteractionKind, amount: Option<i64>, sentiment: Option<i8>) {
        let Some(age) = self.age(date) else { return };
        self.note_date(date);
        self.interactions_total += 1;
        self.last_interaction = self.last_interaction.max(Some(date));
        if kind != InteractionKind::Purchase {
            self.last_contact = self.last_contact.max(Some(date));
        }
        match kind {
            InteractionKind::Purchase => {
                let amount = amount.unwrap_or(0);
                self.purchases_total += 1;
                self.spend_total = self.spend_total.saturating_add(amount);
                if age < 90 {
                    self.purchases_90 += 1;
                }
                if age < 365 {
                    self.purchases_365 += 1;
                    self.spend_365 = self.spend_365.saturating_add(amount);
                    let months_back = dates::months_between(date, self.today);
                    if (0..16).contains(&months_back) {
                        self.purchase_month_bits |= 1 << months_back;
                    }
                }
            }
            InteractionKind::Referral => self.referral_interactions += 1,
            InteractionKind::CoCreation if age < 180 => self.co_creation_180 += 1,
            InteractionKind::Community if age < 180 => self.community_180 += 1,
            InteractionKind::Support if age < 90 => {
                self.support_90 += 1;
                if let Some(s) = sentiment {
                    self.support_sentiment_sum += i32::from(s);
                    self.support_sentiment_count += 1;
                }
            }
            _ => {}
        }
    }

    pub fn add_feedback(&mut self, f: &FeedbackFacts) {
        let Some(age) = self.age(f.date) else { return };
        self.note_date(f.date);
        self.feedback_total += 1;
        if f.kind == FeedbackKind::Complaint && !f.resolved {
            self.open_complaints += 1;
        }
        if f.kind == FeedbackKind::Idea && age < 180 {
            self.co_creation_180 += 1;
        }
        if let Some(nps) = f.nps {
            let key = (f.date, f.id, nps);
            if self.latest_nps.is_none_or(|(d, id, _)| (f.date, f.id) > (d, id)) {
                self.latest_nps = Some(key);
            }
        }
        if let Some(csat) = f.csat
            && age < 90
        {
            self.csat_90_sum += u32::from(csat);
            self.csat_90_count += 1;
            if csat >= 4 {
                self.csat_90_good += 1;
            }
        }
        if let Some(points) = answer_half_points(f.nps, f.csat) {
            let months_back = dates::months_between(f.date, self.today);
            if (0..SERIES_MONTHS as i64).contains(&months_back) {
                self.monthly[SERIES_MONTHS - 1 - months_back as usize].add_half_points(points);
            }
            if age < 90 {
                self.recent_90.add_half_points(points);
            } else if age < 180 {
                self.prior_90.add_half_points(points);
            }
        }
    }

    pub fn add_contract(&mut self, id: i64, kind: ContractKind, start: Date, end: Option<Date>) {
        if self.age(start).is_none() {
            return;
        }
        self.note_date(start);
        self.contract_seen = true;
        let active = end.is_none_or(|end| end >= self.today);
        if active && self.active_contract.is_none_or(|(s, i, _)| (start, id) < (s, i)) {
            self.active_contract = Some((start, id, kind));
        }
    }

    /// What the customer bought before rapport: it counts towards the stage, lifetime
    /// spend and tenure, never towards the dated windows (90 or 365 days).
    pub fn add_prior(&mut self, prior: &PriorHistory) {
        // A spend or a last order with no count of orders (some exports give none) is at
        // least one order.
        let bought = prior.spend > 0 || prior.last_order.is_some();
        let orders = if prior.orders == 0 && bought { 1 } else { prior.orders };
        self.prior_orders = self.prior_orders.saturating_add(orders);
        self.prior_spend = self.prior_spend.saturating_add(prior.spend);
        for date in [prior.last_order, prior.since].into_iter().flatten() {
            if self.age(date).is_some() {
                self.note_date(date);
            }
        }
    }

    /// Another customer names this one as the one who referred them.
    pub fn add_referred_customer(&mut self) {
        self.referred_customers += 1;
    }

    /// Turns the totals into signals for a customer of type `relationship` whose explicit
    /// next follow-up date is `next_follow_up`.
    pub fn finish(&self, relationship: RelationshipType, next_follow_up: Option<Date>, rules: &Rules) -> Signals {
        let today = self.today;
        let since = |d: Option<Date>| d.map(|d| dates::days_between(d, today));
        let recency_days = since(self.last_interaction);
        let contact_gap_days = since(self.last_contact);
        let tenure_days = dates::days_between(self.earliest, today).max(0);
        let referrals_made = self.referral_interactions + self.referred_customers;
        let csat_90 = (self.csat_90_count > 0).then(|| f64::from(self.csat_90_sum) / f64::from(self.csat_90_count));
        let latest_nps = self.latest_nps.map(|(_, _, n)| n);
        let satisfaction = {
            let parts: Vec<f64> = [csat_90.map(|c| (c - 1.0) * 25.0), latest_nps.map(|n| f64::from(n) * 10.0)]
                .into_iter()
                .flatten()
                .collect();
            (!parts.is_empty()).then(|| parts.iter().sum::<f64>() / parts.len() as f64)
        };
        let cadence_days = rules.cadence(relationship);
        // Without an interaction nothing says how engaged the customer is, so health rests
        // on what is known. With no record of any contact at all (no interaction, feedback
        // or contract), the customer waits for a first contact rather than counting as at risk.
        let never_contacted = self.interactions_total == 0 && self.feedback_total == 0 && !self.contract_seen;
        let engagement = recency_days.map(|days| rules.health.engagement(days, cadence_days));
        let loyalty = rules.loyalty.score(self.purchases_365, tenure_days, referrals_made);
        let health = rules.health.combine(satisfaction, engagement, loyalty);
        let band = match rules.health.band(health) {
            Band::AtRisk if never_contacted => Band::Watch,
            band => band,
        };
        let follow_up_on = next_follow_up
            .unwrap_or_else(|| dates::add_days(self.last_interaction.unwrap_or(self.created), i64::from(cadence_days)));
        let trend = match (self.recent_90.mean(), self.prior_90.mean()) {
            (Some(recent), Some(prior)) if recent - prior >= rules.trend.threshold => Some(Trend::Up),
            (Some(recent), Some(prior)) if prior - recent >= rules.trend.threshold => Some(Trend::Down),
            (Some(_), Some(_)) => Some(Trend::Flat),
            _ => None,
        };
        Signals {
            today,
            recency_days,
            last_interaction: self.last_interaction,
            contact_gap_days,
            last_contact: self.last_contact,
            interactions_total: self.interactions_total,
            feedback_total: self.feedback_total,
            purchases_total: self.purchases_total.saturating_add(self.prior_orders),
            purchases_90: self.purchases_90,
            purchases_365: self.purchases_365,
            purchase_months_365: (self.purchase_month_bits & 0x1fff).count_ones(),
            spend_365: self.spend_365,
            spend_total: self.spend_total.saturating_add(self.prior_spend),
            prior_orders: self.prior_orders,
            prior_spend: self.prior_spend,
            never_contacted,
            first_seen: self.earliest,
            tenure_days,
            referrals_made,
            co_creation_180: self.co_creation_180,
            community_180: self.community_180,
            support_90: self.support_90,
            support_sentiment_90: (self.support_sentiment_count > 0)
                .then(|| f64::from(self.support_sentiment_sum) / f64::from(self.support_sentiment_count)),
            csat_90,
            csat_answers_90: self.csat_90_count,
            csat_good_90: self.csat_90_good,
            latest_nps,
            nps_category: latest_nps.map(NpsCategory::of),
            open_complaints: self.open_complaints,
            active_contract: self.active_contract.map(|(start, _, kind)| ActiveContract { kind, start }),
            satisfaction,
            engagement,
            loyalty,
            health,
            band,
            cadence_days,
            follow_up_on,
            follow_up_due: follow_up_on <= today,
            monthly_satisfaction: self.monthly,
            trend,
        }
    }
}

/// The parts of a feedback record that signals use.
#[derive(Debug, Clone, Copy)]
pub struct FeedbackFacts {
    pub id: i64,
    pub date: Date,
    pub kind: FeedbackKind,
    pub nps: Option<u8>,
    pub csat: Option<u8>,
    pub resolved: bool,
}

impl From<&Feedback> for FeedbackFacts {
    fn from(f: &Feedback) -> Self {
        FeedbackFacts { id: f.id, date: f.date, kind: f.kind, nps: f.nps, csat: f.csat, resolved: f.resolved }
    }
}

/// The contract that makes a customer contractual today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ActiveContract {
    pub kind: ContractKind,
    pub start: Date,
}

/// Everything rapport reads about one customer's relationship, as of `today`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signals {
    pub today: Date,
    /// Days since the last interaction of any kind.
    pub recency_days: Option<i64>,
    pub last_interaction: Option<Date>,
    /// Days since the last interaction that was not a purchase.
    pub contact_gap_days: Option<i64>,
    pub last_contact: Option<Date>,
    pub interactions_total: u32,
    pub feedback_total: u32,
    /// Every purchase: the dated ones and the orders before rapport.
    pub purchases_total: u32,
    pub purchases_90: u32,
    pub purchases_365: u32,
    pub purchase_months_365: u32,
    pub spend_365: i64,
    /// Lifetime spend: dated purchases and the spend before rapport.
    pub spend_total: i64,
    pub prior_orders: u32,
    pub prior_spend: i64,
    /// No interaction, feedback or contract yet.
    pub never_contacted: bool,
    pub first_seen: Date,
    pub tenure_days: i64,
    pub referrals_made: u32,
    pub co_creation_180: u32,
    pub community_180: u32,
    pub support_90: u32,
    pub support_sentiment_90: Option<f64>,
    pub csat_90: Option<f64>,
    pub csat_answers_90: u32,
    pub csat_good_90: u32,
    pub latest_nps: Option<u8>,
    pub nps_category: Option<NpsCategory>,
    pub open_complaints: u32,
    pub active_contract: Option<ActiveContract>,
    /// 0–100, `None` when the customer gave no score.
    pub satisfaction: Option<f64>,
    /// 0–100, `None` when the customer was never contacted.
    pub engagement: Option<f64>,
    pub loyalty: f64,
    pub health: u8,
    pub band: Band,
    pub cadence_days: u32,
    pub follow_up_on: Date,
    pub follow_up_due: bool,
    /// Mean satisfaction per calendar month, oldest first; the last is this month.
    pub monthly_satisfaction: [MeanAccumulator; SERIES_MONTHS],
    pub trend: Option<Trend>,
}

impl Signals {
    /// Computes a customer's signals from their records.
    pub fn compute(
        customer: &Customer,
        interactions: &[Interaction],
        feedback: &[Feedback],
        contracts: &[Contract],
        referred_customers: u32,
        today: Date,
        rules: &Rules,
    ) -> Signals {
        let mut acc = SignalAccumulator::new(customer.created, today);
        acc.add_prior(&customer.prior);
        for i in interactions {
            acc.add_interaction(i.date, i.kind, i.amount, i.sentiment);
        }
        for f in feedback {
            acc.add_feedback(&FeedbackFacts::from(f));
        }
        for c in contracts {
            acc.add_contract(c.id, c.kind, c.start, c.end);
        }
        for _ in 0..referred_customers {
            acc.add_referred_customer();
        }
        acc.finish(customer.relationship, customer.next_follow_up, rules)
    }

    /// The monthly series as means (0–100), oldest first.
    pub fn series(&self) -> [Option<f64>; SERIES_MONTHS] {
        self.monthly_satisfaction.map(MeanAccumulator::mean)
    }
}
