//! What each named signal reads from a customer's signals, as a number a rule compares
//! and in plain words; and whether a rule's condition holds. Apart from the conditions
//! themselves, so that the rules and the signals do not depend on each other.

use super::conditions::{Condition, SignalName, describe_days_ago, describe_duration};
use super::money::display_cents;
use super::signals::Signals;

impl SignalName {
    /// The signal's value; `None` when it is unknown (no answer, no contact yet).
    /// Money is compared in whole currency units.
    pub fn value(self, s: &Signals) -> Option<f64> {
        let n = |v: u32| Some(f64::from(v));
        match self {
            SignalName::ActiveContract => Some(if s.active_contract.is_some() { 1.0 } else { 0.0 }),
            SignalName::CoCreation180 => n(s.co_creation_180),
            SignalName::Community180 => n(s.community_180),
            SignalName::ReferralsMade => n(s.referrals_made),
            SignalName::TenureDays => Some(s.tenure_days as f64),
            SignalName::Purchases90 => n(s.purchases_90),
            SignalName::Purchases365 => n(s.purchases_365),
            SignalName::PurchaseMonths365 => n(s.purchase_months_365),
            SignalName::Spend365 => Some(s.spend_365 as f64 / 100.0),
            SignalName::LatestNps => s.latest_nps.map(f64::from),
            SignalName::Csat90 => s.csat_90,
            SignalName::OpenComplaints => n(s.open_complaints),
            SignalName::ContactGapDays => s.contact_gap_days.map(|d| d as f64),
            SignalName::RecencyDays => s.recency_days.map(|d| d as f64),
            SignalName::Support90 => n(s.support_90),
            SignalName::SupportSentiment90 => s.support_sentiment_90,
            SignalName::Satisfaction => s.satisfaction,
        }
    }

    /// The signal's value for this customer, in plain words.
    pub fn describe(self, s: &Signals) -> String {
        let plural = |n: u32, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
        match self {
            SignalName::ActiveContract => match s.active_contract {
                Some(c) => format!("{} contract active since {}", c.kind.label().to_lowercase(), c.start),
                None => "no active contract".into(),
            },
            SignalName::CoCreation180 => {
                format!("{} in 6 months", plural(s.co_creation_180, "idea or co-creation", "ideas or co-creations"))
            }
            SignalName::Community180 => {
                format!("{} in 6 months", plural(s.community_180, "community activity", "community activities"))
            }
            SignalName::ReferralsMade => plural(s.referrals_made, "referral made", "referrals made"),
            SignalName::TenureDays => format!("customer for {}", describe_duration(s.tenure_days)),
            SignalName::Purchases90 => format!("{} in 3 months", plural(s.purchases_90, "purchase", "purchases")),
            SignalName::Purchases365 => format!("{} in 12 months", plural(s.purchases_365, "purchase", "purchases")),
            // The 365 days touch thirteen calendar months, so this cannot say "N of 12".
            SignalName::PurchaseMonths365 => match s.purchase_months_365 {
                1 => "purchases in 1 month".into(),
                n => format!("purchases in {n} different months"),
            },
            SignalName::Spend365 => format!("spent {} in 12 months", display_cents(s.spend_365)),
            SignalName::LatestNps => match (s.latest_nps, s.nps_category) {
                (Some(n), Some(c)) => format!("NPS {n} ({})", c.label()),
                _ => "no NPS answer yet".into(),
            },
            SignalName::Csat90 => match s.csat_90 {
                Some(c) => format!("CSAT {c:.1} over 90 days"),
                None => "no CSAT answer in 90 days".into(),
            },
            SignalName::OpenComplaints => match s.open_complaints {
                0 => "no open complaint".into(),
                n => plural(n, "open complaint", "open complaints"),
            },
            SignalName::ContactGapDays => match s.contact_gap_days {
                Some(d) => format!("last contact {}", describe_days_ago(d)),
                None => "no contact besides purchases".into(),
            },
            SignalName::RecencyDays => match s.recency_days {
                Some(d) => format!("last interaction {}", describe_days_ago(d)),
                None => "no interaction yet".into(),
            },
            SignalName::Support90 => {
                format!("{} in 90 days", plural(s.support_90, "support request", "support requests"))
            }
            SignalName::SupportSentiment90 => match s.support_sentiment_90 {
                Some(m) => format!("support mood {m:+.1} on average"),
                None => "no support mood recorded".into(),
            },
            SignalName::Satisfaction => match s.satisfaction {
                Some(v) => format!("satisfaction {v:.0}/100"),
                None => "satisfaction unknown".into(),
            },
        }
    }
}

impl Condition {
    pub fn holds(&self, s: &Signals) -> bool {
        self.test.holds(self.signal.value(s))
    }
}
