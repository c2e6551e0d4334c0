//! The conditions a classification rule can test, and how each reads in plain words.

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
        let (op, rest) =
            ops.iter().find_map(|(sym, op)| body.strip_prefix(sym).map(|rest| (*op, rest))).ok_or_else(|| {
                format!(
                    "'{}' should start with one of >=, >, <=, <, ==, != (for example \">= 2\")",
                    crate::text::capped(t, 40)
                )
            })?;
        let value: f64 = rest.trim().parse().ok().filter(|v: &f64| v.is_finite()).ok_or_else(|| {
            format!("'{}' should compare with a number (for example \">= 2\")", crate::text::capped(t, 40))
        })?;
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
