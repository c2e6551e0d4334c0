//! The conditions a classification rule can test, and how each reads in plain words.

use super::money::display_cents;
use super::signals::Signals;

/// A signal a rule may test, by the name used in rules files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalName {
    ActiveContract,
    CoCreation180,
    Community180,
    ReferralsMade,
    TenureDays,
    Purchases90,
    Purchases365,
    PurchaseMonths365,
    Spend365,
    LatestNps,
    Csat90,
    OpenComplaints,
    ContactGapDays,
    RecencyDays,
    Support90,
    SupportSentiment90,
    Satisfaction,
}

impl SignalName {
    pub const ALL: [SignalName; 17] = [
        SignalName::ActiveContract,
        SignalName::CoCreation180,
        SignalName::Community180,
        SignalName::ReferralsMade,
        SignalName::TenureDays,
        SignalName::Purchases90,
        SignalName::Purchases365,
        SignalName::PurchaseMonths365,
        SignalName::Spend365,
        SignalName::LatestNps,
        SignalName::Csat90,
        SignalName::OpenComplaints,
        SignalName::ContactGapDays,
        SignalName::RecencyDays,
        SignalName::Support90,
        SignalName::SupportSentiment90,
        SignalName::Satisfaction,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SignalName::ActiveContract => "active_contract",
            SignalName::CoCreation180 => "co_creation_180",
            SignalName::Community180 => "community_180",
            SignalName::ReferralsMade => "referrals_made",
            SignalName::TenureDays => "tenure_days",
            SignalName::Purchases90 => "purchases_90",
            SignalName::Purchases365 => "purchases_365",
            SignalName::PurchaseMonths365 => "purchase_months_365",
            SignalName::Spend365 => "spend_365",
            SignalName::LatestNps => "latest_nps",
            SignalName::Csat90 => "csat_90",
            SignalName::OpenComplaints => "open_complaints",
            SignalName::ContactGapDays => "contact_gap_days",
            SignalName::RecencyDays => "recency_days",
            SignalName::Support90 => "support_90",
            SignalName::SupportSentiment90 => "support_sentiment_90",
            SignalName::Satisfaction => "satisfaction",
        }
    }

    pub fn parse(text: &str) -> Option<SignalName> {
        SignalName::ALL.into_iter().find(|s| s.key() == text)
    }

    /// Whether the signal is yes/no rather than a number.
    pub fn is_boolean(self) -> bool {
        self == SignalName::ActiveContract
    }

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

/// "today", "yesterday", "12 days ago".
pub fn describe_days_ago(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "yesterday".into(),
        d => format!("{d} days ago"),
    }
}

/// A length of time in the unit a person would use: days, months, then years and months.
pub fn describe_duration(days: i64) -> String {
    let months = days * 12 / 365;
    if days < 61 {
        if days == 1 { "1 day".into() } else { format!("{days} days") }
    } else if months < 24 {
        format!("{months} months")
    } else {
        let (years, rest) = (months / 12, months % 12);
        match rest {
            0 => format!("{years} years"),
            1 => format!("{years} years 1 month"),
            r => format!("{years} years {r} months"),
        }
    }
}

/// A comparison operator in a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
    Ne,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Ge => ">=",
            Op::Gt => ">",
            Op::Le => "<=",
            Op::Lt => "<",
            Op::Eq => "==",
            Op::Ne => "!=",
        }
    }

    fn holds(self, left: f64, right: f64) -> bool {
        match self {
            Op::Ge => left >= right,
            Op::Gt => left > right,
            Op::Le => left <= right,
            Op::Lt => left < right,
            Op::Eq => left == right,
            Op::Ne => left != right,
        }
    }
}

/// What a condition asks of its signal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Test {
    /// Compare with a number; `or_none` lets an unknown value pass.
    Compare { op: Op, value: f64, or_none: bool },
    /// For yes/no signals.
    Is(bool),
}

impl Test {
    /// Parses `">= 2"`, `"<= 60"`, `">= 4 or none"`.
    pub fn parse_comparison(text: &str) -> Result<Test, String> {
        let t = text.trim();
        let (body, or_none) = match t.strip_suffix("or none") {
            Some(rest) => (rest.trim_end(), true),
            None => (t, false),
        };
        let ops = [(">=", Op::Ge), ("<=", Op::Le), ("==", Op::Eq), ("!=", Op::Ne), (">", Op::Gt), ("<", Op::Lt)];
        let (op, rest) = ops
            .iter()
            .find_map(|(sym, op)| body.strip_prefix(sym).map(|rest| (*op, rest)))
            .ok_or_else(|| format!("'{t}' should start with one of >=, >, <=, <, ==, != (for example \">= 2\")"))?;
        let value: f64 = rest
            .trim()
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| format!("'{t}' should compare with a number (for example \">= 2\")"))?;
        Ok(Test::Compare { op, value, or_none })
    }

    pub fn holds(self, value: Option<f64>) -> bool {
        match (self, value) {
            (Test::Compare { op, value: right, .. }, Some(left)) => op.holds(left, right),
            (Test::Compare { or_none, .. }, None) => or_none,
            (Test::Is(wanted), Some(v)) => (v != 0.0) == wanted,
            (Test::Is(_), None) => false,
        }
    }

    /// The test as a rules file writes it.
    pub fn text(self) -> String {
        match self {
            Test::Compare { op, value, or_none } => {
                format!("{} {value}{}", op.symbol(), if or_none { " or none" } else { "" })
            }
            Test::Is(b) => b.to_string(),
        }
    }
}

/// One test on one signal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Condition {
    pub signal: SignalName,
    pub test: Test,
}

impl Condition {
    pub fn holds(&self, s: &Signals) -> bool {
        self.test.holds(self.signal.value(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparisons_parse_and_hold() {
        let t = Test::parse_comparison(">= 2").unwrap();
        assert!(!t.holds(Some(1.0)));
        assert!(t.holds(Some(2.0)));
        assert!(t.holds(Some(3.0)));
        assert!(!t.holds(None));
        let t = Test::parse_comparison(">= 4 or none").unwrap();
        assert!(t.holds(None));
        assert!(!t.holds(Some(3.9)));
        let t = Test::parse_comparison("<=60").unwrap();
        assert!(t.holds(Some(60.0)) && !t.holds(Some(61.0)));
        assert!(Test::parse_comparison("== 0").unwrap().holds(Some(0.0)));
        assert!(Test::parse_comparison("!= 0").unwrap().holds(Some(1.0)));
        assert!(Test::parse_comparison("< 1").unwrap().holds(Some(0.0)));
        assert!(Test::parse_comparison("> 1").unwrap().holds(Some(2.0)));
    }

    #[test]
    fn bad_comparisons_are_explained() {
        for bad in ["2", ">= two", "=> 2", ">= inf", ">= NaN", ""] {
            assert!(Test::parse_comparison(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(describe_duration(1), "1 day");
        assert_eq!(describe_duration(45), "45 days");
        assert_eq!(describe_duration(426), "14 months");
        assert_eq!(describe_duration(800), "2 years 2 months");
        assert_eq!(describe_days_ago(0), "today");
        assert_eq!(describe_days_ago(12), "12 days ago");
    }

    #[test]
    fn every_signal_has_a_unique_key() {
        for s in SignalName::ALL {
            assert_eq!(SignalName::parse(s.key()), Some(s));
        }
    }
}
