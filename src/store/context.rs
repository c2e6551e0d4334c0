//! What a store needs to know about "now" and the rules in force.

use crate::domain::{Date, Rules};

#[derive(Debug, Clone)]
pub struct Context {
    pub today: Date,
    pub rules: Rules,
    /// Identifies the rule text, so summaries are recomputed when the rules change.
    pub rules_fingerprint: String,
}

impl Context {
    pub fn new(today: Date, rules: Rules, rules_text: &str) -> Context {
        Context { today, rules, rules_fingerprint: fingerprint(rules_text) }
    }

    /// Today with the built-in rules.
    pub fn with_default_rules(today: Date) -> Context {
        Context::new(today, Rules::default_rules(), crate::domain::rules::DEFAULT_RULES_TOML)
    }
}

/// FNV-1a over the text: stable across builds, enough to notice an edit.
fn fingerprint(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}
