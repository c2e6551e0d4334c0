//! One customer's records, dated relative to a fixed "today", for tests of the pure
//! domain (signals and the engine) without a database.

// Each test crate that includes this module uses a different part of it.
#![allow(dead_code)]

use rapport::domain::dates::add_days;
use rapport::domain::*;

use super::today;

/// The date `days` before today (after it when negative).
pub fn ago(days: i64) -> Date {
    add_days(today(), -days)
}

/// A customer and everything logged about them. Ids grow in the order records are
/// added, as they would in the database.
#[derive(Debug, Clone)]
pub struct Records {
    pub customer: Customer,
    pub interactions: Vec<Interaction>,
    pub feedback: Vec<Feedback>,
    pub contracts: Vec<Contract>,
    pub referred_customers: u32,
    next_id: i64,
}

impl Default for Records {
    fn default() -> Self {
        Records::new()
    }
}

impl Records {
    /// A transactional customer created today, with nothing logged.
    pub fn new() -> Records {
        let mut customer = Customer::new("Test Customer", today());
        customer.id = 1;
        Records {
            customer,
            interactions: Vec::new(),
            feedback: Vec::new(),
            contracts: Vec::new(),
            referred_customers: 0,
            next_id: 1,
        }
    }

    fn id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id
    }

    pub fn created(mut self, days_ago: i64) -> Self {
        self.customer.created = ago(days_ago);
        self
    }

    pub fn typed(mut self, relationship: RelationshipType) -> Self {
        self.customer.relationship = relationship;
        self
    }

    /// What another system's export says the customer bought before rapport.
    pub fn prior(mut self, orders: u32, cents: i64, last_order: Option<Date>, since: Option<Date>) -> Self {
        self.customer.prior = PriorHistory { orders, spend: cents, last_order, since };
        self
    }

    pub fn follow_up(mut self, on: Date) -> Self {
        self.customer.next_follow_up = Some(on);
        self
    }

    pub fn interaction_on(
        mut self,
        on: Date,
        kind: InteractionKind,
        amount: Option<i64>,
        sentiment: Option<i8>,
    ) -> Self {
        let id = self.id();
        self.interactions.push(Interaction {
            id,
            customer_id: self.customer.id,
            date: on,
            kind,
            summary: String::new(),
            amount,
            sentiment,
        });
        self
    }

    pub fn log(self, days_ago: i64, kind: InteractionKind) -> Self {
        self.interaction_on(ago(days_ago), kind, None, None)
    }

    /// `count` interactions of one kind on the same day.
    pub fn logs(self, count: usize, days_ago: i64, kind: InteractionKind) -> Self {
        (0..count).fold(self, |r, _| r.log(days_ago, kind))
    }

    pub fn purchase(self, days_ago: i64, cents: i64) -> Self {
        self.interaction_on(ago(days_ago), InteractionKind::Purchase, Some(cents), None)
    }

    /// One purchase on each of these days ago.
    pub fn purchases(self, days_ago: &[i64]) -> Self {
        days_ago.iter().fold(self, |r, d| r.purchase(*d, 1000))
    }

    pub fn support(self, days_ago: i64, sentiment: Option<i8>) -> Self {
        self.interaction_on(ago(days_ago), InteractionKind::Support, None, sentiment)
    }

    pub fn feedback_on(
        mut self,
        on: Date,
        kind: FeedbackKind,
        nps: Option<u8>,
        csat: Option<u8>,
        resolved: bool,
    ) -> Self {
        let id = self.id();
        self.feedback.push(Feedback {
            id,
            customer_id: self.customer.id,
            date: on,
            nps,
            csat,
            kind,
            comment: "said something".into(),
            resolved,
        });
        self
    }

    pub fn nps(self, days_ago: i64, score: u8) -> Self {
        self.feedback_on(ago(days_ago), FeedbackKind::General, Some(score), None, false)
    }

    pub fn csat(self, days_ago: i64, score: u8) -> Self {
        self.feedback_on(ago(days_ago), FeedbackKind::General, None, Some(score), false)
    }

    pub fn complaint(self, days_ago: i64, resolved: bool) -> Self {
        self.feedback_on(ago(days_ago), FeedbackKind::Complaint, None, None, resolved)
    }

    pub fn idea(self, days_ago: i64) -> Self {
        self.feedback_on(ago(days_ago), FeedbackKind::Idea, None, None, false)
    }

    pub fn contract(mut self, start: Date, end: Option<Date>) -> Self {
        let id = self.id();
        self.contracts.push(Contract {
            id,
            customer_id: self.customer.id,
            kind: ContractKind::Supply,
            start,
            end,
            value: None,
            note: String::new(),
        });
        self
    }

    /// Other customers name this one as their referrer.
    pub fn referred(mut self, customers: u32) -> Self {
        self.referred_customers += customers;
        self
    }

    pub fn signals_with(&self, rules: &Rules) -> Signals {
        Signals::compute(
            &self.customer,
            &self.interactions,
            &self.feedback,
            &self.contracts,
            self.referred_customers,
            today(),
            rules,
        )
    }

    pub fn signals(&self) -> Signals {
        self.signals_with(&Rules::default_rules())
    }

    pub fn classify(&self) -> Classification {
        let rules = Rules::default_rules();
        classify(&self.signals_with(&rules), &rules)
    }
}
