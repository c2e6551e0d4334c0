//! The reclassification engine: from a customer's signals to the relationship type and
//! loyalty stage the evidence points to, with the reasons in plain words.

use serde::Serialize;

use super::conditions::SignalName;
use super::kinds::{RelationshipType, Stage};
use super::rules::Rules;
use super::signals::Signals;

/// What the evidence says about a customer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    pub relationship: RelationshipType,
    pub stage: Stage,
    /// Why, one short phrase per fact, in the order the rule checks them.
    pub reasons: Vec<String>,
}

impl Classification {
    /// The reasons as one line: "6 purchases in 12 months; NPS 9 (promoter)".
    pub fn reasons_text(&self) -> String {
        self.reasons.join("; ")
    }
}

/// Applies the rules in order; the first rule with a matching alternative wins.
pub fn classify(signals: &Signals, rules: &Rules) -> Classification {
    let stage = stage_of(signals, rules);
    for rule in &rules.rules {
        if rule.alternatives.is_empty() {
            return Classification { relationship: rule.relationship, stage, reasons: fallback_reasons(signals) };
        }
        if let Some(matched) = rule.alternatives.iter().find(|alt| alt.iter().all(|c| c.holds(signals))) {
            let reasons = matched.iter().map(|c| c.signal.describe(signals)).collect();
            return Classification { relationship: rule.relationship, stage, reasons };
        }
    }
    // Rules always end with a catch-all (checked on load); this keeps the engine total.
    Classification { relationship: RelationshipType::Transactional, stage, reasons: fallback_reasons(signals) }
}

fn fallback_reasons(signals: &Signals) -> Vec<String> {
    vec![
        "no closer relationship pattern fits".to_string(),
        SignalName::Purchases365.describe(signals),
        SignalName::RecencyDays.describe(signals),
    ]
}

/// prospect (no purchase) → one_time → repeat → advocate (referred someone and a promoter).
pub fn stage_of(signals: &Signals, rules: &Rules) -> Stage {
    let s = &rules.stage;
    let promoter = signals.latest_nps.is_some_and(|n| n >= s.advocate_min_nps);
    if signals.referrals_made >= s.advocate_min_referrals && promoter {
        Stage::Advocate
    } else if signals.purchases_total >= s.repeat_min_purchases {
        Stage::Repeat
    } else if signals.purchases_total >= 1 {
        Stage::OneTime
    } else {
        Stage::Prospect
    }
}
