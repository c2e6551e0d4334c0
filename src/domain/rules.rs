//! The rule set: cadences, health weights and bands, stage thresholds and the ordered
//! classification rules. Read from TOML and checked whole; every mistake is reported with
//! its line.

use serde::Deserialize;
use toml::Spanned;

use super::conditions::{Condition, SignalName, Test};
use super::kinds::RelationshipType;

/// The rule file compiled into rapport.
pub const DEFAULT_RULES_TOML: &str = include_str!("../../assets/rules.toml");

/// A mistake in a rules file: the line (1-based) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct RulesError {
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HealthRules {
    pub satisfaction_weight: f64,
    pub engagement_weight: f64,
    pub loyalty_weight: f64,
    pub engagement_zero_at: f64,
    pub healthy_from: u8,
    pub watch_from: u8,
}

impl HealthRules {
    /// 100 within the cadence, falling linearly to 0 at `engagement_zero_at` × cadence.
    pub fn engagement(&self, days_since: i64, cadence_days: u32) -> f64 {
        let cadence = f64::from(cadence_days.max(1));
        let zero_at = cadence * self.engagement_zero_at;
        let days = days_since.max(0) as f64;
        if days <= cadence {
            100.0
        } else if days >= zero_at {
            0.0
        } else {
            100.0 * (zero_at - days) / (zero_at - cadence)
        }
    }

    /// Weighted health, 0–100, over the parts that are known: without satisfaction (no
    /// score given) or engagement (never contacted) the known parts share their weight.
    pub fn combine(&self, satisfaction: Option<f64>, engagement: Option<f64>, loyalty: f64) -> u8 {
        let parts = [
            (self.satisfaction_weight, satisfaction),
            (self.engagement_weight, engagement),
            (self.loyalty_weight, Some(loyalty)),
        ];
        let (sum, weight) = parts
            .iter()
            .filter_map(|(w, v)| v.map(|v| (w * v, *w)))
            .fold((0.0, 0.0), |(sum, weight), (part, w)| (sum + part, weight + w));
        let raw = if weight > 0.0 { sum / weight } else { 0.0 };
        raw.round().clamp(0.0, 100.0) as u8
    }

    pub fn band(&self, health: u8) -> super::kinds::Band {
        use super::kinds::Band;
        if health >= self.healthy_from {
            Band::Healthy
        } else if health >= self.watch_from {
            Band::Watch
        } else {
            Band::AtRisk
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LoyaltyRules {
    pub frequency_weight: f64,
    pub frequency_full: u32,
    pub tenure_weight: f64,
    pub tenure_full_days: u32,
    pub referrals_weight: f64,
    pub referrals_full: u32,
}

impl LoyaltyRules {
    pub fn score(&self, purchases_365: u32, tenure_days: i64, referrals: u32) -> f64 {
        let part = |value: f64, full: u32| (value / f64::from(full.max(1))).min(1.0) * 100.0;
        self.frequency_weight * part(f64::from(purchases_365), self.frequency_full)
            + self.tenure_weight * part(tenure_days.max(0) as f64, self.tenure_full_days)
            + self.referrals_weight * part(f64::from(referrals), self.referrals_full)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrendRules {
    pub threshold: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StageRules {
    pub repeat_min_purchases: u32,
    pub advocate_min_referrals: u32,
    pub advocate_min_nps: u8,
}

/// One classification rule: the type it gives and the alternatives that lead to it.
/// No alternatives means the rule always matches.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeRule {
    pub relationship: RelationshipType,
    pub alternatives: Vec<Vec<Condition>>,
}

/// A complete, checked rule set.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    cadence: [u32; 7],
    pub health: HealthRules,
    pub loyalty: LoyaltyRules,
    pub trend: TrendRules,
    pub stage: StageRules,
    pub rules: Vec<TypeRule>,
}

impl Rules {
    /// The built-in rules.
    pub fn default_rules() -> Rules {
        match Rules::parse(DEFAULT_RULES_TOML) {
            Ok(rules) => rules,
            // The file is compiled in and covered by tests; failing here is a build defect.
            Err(e) => panic!("built-in rules.toml is invalid: {e}"),
        }
    }

    /// Stay-in-touch interval for a type, in days.
    pub fn cadence(&self, relationship: RelationshipType) -> u32 {
        self.cadence[relationship.index()]
    }

    /// Parses and checks a rules file.
    pub fn parse(text: &str) -> Result<Rules, RulesError> {
        let file: RulesFile = toml::from_str(text).map_err(|e| RulesError {
            line: e.span().map(|s| line_of(text, s.start)).unwrap_or(1),
            message: first_line(e.message()),
        })?;
        let at =
            |span: std::ops::Range<usize>, message: String| RulesError { line: line_of(text, span.start), message };

        let c = file.cadence;
        let mut cadence = [0u32; 7];
        for (t, days) in [
            (RelationshipType::Transactional, &c.transactional),
            (RelationshipType::LongTerm, &c.long_term),
            (RelationshipType::Loyal, &c.loyal),
            (RelationshipType::Collaborative, &c.collaborative),
            (RelationshipType::Communal, &c.communal),
            (RelationshipType::Contractual, &c.contractual),
            (RelationshipType::Supportive, &c.supportive),
        ] {
            if !(1..=3650).contains(days.get_ref()) {
                return Err(at(days.span(), format!("cadence for {} must be 1 to 3650 days", t.key())));
            }
            cadence[t.index()] = *days.get_ref() as u32;
        }

        let health_span = file.health.span();
        let h = file.health.into_inner();
        check_weights(&[h.satisfaction_weight, h.engagement_weight, h.loyalty_weight], "[health]")
            .map_err(|m| at(health_span.clone(), m))?;
        if !(h.engagement_zero_at > 1.0 && h.engagement_zero_at <= 100.0) {
            return Err(at(health_span.clone(), "engagement_zero_at must be more than 1 and at most 100".into()));
        }
        if !(h.watch_from < h.healthy_from && h.healthy_from <= 100) {
            return Err(at(health_span, "bands need 0 <= watch_from < healthy_from <= 100".into()));
        }

        let loyalty_span = file.loyalty.span();
        let l = file.loyalty.into_inner();
        check_weights(&[l.frequency_weight, l.tenure_weight, l.referrals_weight], "[loyalty]")
            .map_err(|m| at(loyalty_span.clone(), m))?;
        if l.frequency_full == 0 || l.tenure_full_days == 0 || l.referrals_full == 0 {
            return Err(at(loyalty_span, "the *_full values must be at least 1".into()));
        }

        let trend_span = file.trend.span();
        let threshold = file.trend.into_inner().threshold;
        if !(0.0..=100.0).contains(&threshold) {
            return Err(at(trend_span, "trend threshold must be between 0 and 100".into()));
        }

        let stage_span = file.stage.span();
        let s = file.stage.into_inner();
        if s.advocate_min_nps > 10 || s.repeat_min_purchases < 2 {
            return Err(at(stage_span, "advocate_min_nps must be 0-10 and repeat_min_purchases at least 2".into()));
        }

        if file.rule.is_empty() {
            return Err(RulesError { line: 1, message: "there are no [[rule]] entries".into() });
        }
        let count = file.rule.len();
        let mut rules = Vec::with_capacity(count);
        for (position, rule) in file.rule.into_iter().enumerate() {
            let rule_span = rule.span();
            let rule = rule.into_inner();
            let relationship = RelationshipType::parse(rule.relationship.get_ref())
                .map_err(|e| at(rule.relationship.span(), e.to_string()))?;
            let mut alternatives = Vec::new();
            for alternative in rule.when.unwrap_or_default() {
                let span = alternative.span();
                let table = alternative.into_inner();
                if table.is_empty() {
                    return Err(at(span, "an alternative in `when` has no conditions".into()));
                }
                let mut conditions = Vec::new();
                for (name, value) in table {
                    conditions.push(parse_condition(&name, &value).map_err(|m| at(span.clone(), m))?);
                }
                alternatives.push(conditions);
            }
            let last = position + 1 == count;
            if alternatives.is_empty() && !last {
                return Err(at(rule_span, "a rule without `when` matches everyone, so the rules after it could never apply; move it to the end".into()));
            }
            if last && !alternatives.is_empty() {
                return Err(at(
                    rule_span,
                    "the last rule must have no `when`, so that every customer gets a type".into(),
                ));
            }
            rules.push(TypeRule { relationship, alternatives });
        }

        Ok(Rules {
            cadence,
            health: HealthRules {
                satisfaction_weight: h.satisfaction_weight,
                engagement_weight: h.engagement_weight,
                loyalty_weight: h.loyalty_weight,
                engagement_zero_at: h.engagement_zero_at,
                healthy_from: h.healthy_from,
                watch_from: h.watch_from,
            },
            loyalty: LoyaltyRules {
                frequency_weight: l.frequency_weight,
                frequency_full: l.frequency_full,
                tenure_weight: l.tenure_weight,
                tenure_full_days: l.tenure_full_days,
                referrals_weight: l.referrals_weight,
                referrals_full: l.referrals_full,
            },
            trend: TrendRules { threshold },
            stage: StageRules {
                repeat_min_purchases: s.repeat_min_purchases,
                advocate_min_referrals: s.advocate_min_referrals,
                advocate_min_nps: s.advocate_min_nps,
            },
            rules,
        })
    }
}

fn parse_condition(name: &str, value: &toml::Value) -> Result<Condition, String> {
    let signal = SignalName::parse(name).ok_or_else(|| {
        let known: Vec<&str> = SignalName::ALL.iter().map(|s| s.key()).collect();
        format!("unknown signal '{}' (known: {})", crate::text::capped(name, 40), known.join(", "))
    })?;
    let test = match (signal.is_boolean(), value) {
        (true, toml::Value::Boolean(b)) => Test::Is(*b),
        (true, _) => return Err(format!("{name} is true or false")),
        (false, toml::Value::String(text)) => Test::parse_comparison(text).map_err(|m| format!("{name}: {m}"))?,
        (false, _) => return Err(format!("{name} needs a comparison in quotes, such as \">= 2\"")),
    };
    Ok(Condition { signal, test })
}

fn check_weights(weights: &[f64], section: &str) -> Result<(), String> {
    if weights.iter().any(|w| !(0.0..=1.0).contains(w)) {
        return Err(format!("{section} weights must each be between 0 and 1"));
    }
    let sum: f64 = weights.iter().sum();
    if (sum - 1.0).abs() > 0.001 {
        return Err(format!("{section} weights add up to {sum}, not 1"));
    }
    Ok(())
}

/// The 1-based line holding byte `offset` of `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let line = text.as_bytes()[..offset.min(text.len())].iter().filter(|b| **b == b'\n').count() + 1;
    // A mistake found at the very end of a file that ends with a line break (an
    // unclosed string, say) belongs to its last line, not to one after it.
    line.min(text.lines().count().max(1))
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    cadence: CadenceFile,
    health: Spanned<HealthFile>,
    loyalty: Spanned<LoyaltyFile>,
    trend: Spanned<TrendFile>,
    stage: Spanned<StageFile>,
    #[serde(default)]
    rule: Vec<Spanned<RuleFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CadenceFile {
    transactional: Spanned<i64>,
    long_term: Spanned<i64>,
    loyal: Spanned<i64>,
    collaborative: Spanned<i64>,
    communal: Spanned<i64>,
    contractual: Spanned<i64>,
    supportive: Spanned<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HealthFile {
    satisfaction_weight: f64,
    engagement_weight: f64,
    loyalty_weight: f64,
    engagement_zero_at: f64,
    healthy_from: u8,
    watch_from: u8,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LoyaltyFile {
    frequency_weight: f64,
    frequency_full: u32,
    tenure_weight: f64,
    tenure_full_days: u32,
    referrals_weight: f64,
    referrals_full: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrendFile {
    threshold: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StageFile {
    repeat_min_purchases: u32,
    advocate_min_referrals: u32,
    advocate_min_nps: u8,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(rename = "type")]
    relationship: Spanned<String>,
    when: Option<Vec<Spanned<toml::Table>>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_rules_parse_and_keep_the_design_order() {
        let rules = Rules::default_rules();
        let order: Vec<&str> = rules.rules.iter().map(|r| r.relationship.key()).collect();
        assert_eq!(
            order,
            ["contractual", "collaborative", "communal", "loyal", "long_term", "supportive", "transactional"]
        );
        assert_eq!(rules.cadence(RelationshipType::Supportive), 14);
        assert_eq!(rules.cadence(RelationshipType::Transactional), 180);
    }

    #[test]
    fn engagement_is_flat_then_linear() {
        let h = Rules::default_rules().health;
        assert_eq!(h.engagement(30, 30), 100.0);
        assert_eq!(h.engagement(90, 30), 0.0);
        assert_eq!(h.engagement(60, 30), 50.0);
        assert_eq!(h.engagement(500, 30), 0.0);
    }

    #[test]
    fn health_without_satisfaction_reweights() {
        let h = Rules::default_rules().health;
        assert_eq!(h.combine(None, Some(100.0), 0.0), 50);
        assert_eq!(h.combine(Some(100.0), Some(100.0), 100.0), 100);
        assert_eq!(h.combine(Some(0.0), Some(0.0), 0.0), 0);
        // Never contacted: satisfaction and loyalty share the weight (40 : 30).
        assert_eq!(h.combine(Some(100.0), None, 30.0), 70);
        assert_eq!(h.combine(None, None, 42.0), 42);
        use crate::domain::kinds::Band;
        assert_eq!(h.band(70), Band::Healthy);
        assert_eq!(h.band(69), Band::Watch);
        assert_eq!(h.band(40), Band::Watch);
        assert_eq!(h.band(39), Band::AtRisk);
    }

    fn with_replacement(from: &str, to: &str) -> Result<Rules, RulesError> {
        assert!(DEFAULT_RULES_TOML.contains(from), "test needle {from} missing");
        Rules::parse(&DEFAULT_RULES_TOML.replacen(from, to, 1))
    }

    #[test]
    fn mistakes_name_their_line() {
        let err = with_replacement("co_creation_180 = \">= 2\"", "co_creation_18 = \">= 2\"").unwrap_err();
        assert!(err.message.contains("unknown signal 'co_creation_18'"), "{err}");
        assert_eq!(err.line, line_of(DEFAULT_RULES_TOML, DEFAULT_RULES_TOML.find("co_creation_180 = ").unwrap()));

        let err = with_replacement("type = \"loyal\"", "type = \"loyalish\"").unwrap_err();
        assert!(err.message.contains("unknown relationship type 'loyalish'"), "{err}");

        let err = with_replacement("satisfaction_weight = 0.4", "satisfaction_weight = 0.5").unwrap_err();
        assert!(err.message.contains("add up to"), "{err}");

        let err = with_replacement("\">= 9\"", "\"9\"").unwrap_err();
        assert!(err.message.contains("latest_nps"), "{err}");

        let err = with_replacement("threshold = 5.0", "threshold = 5.0\nsurprise = 1").unwrap_err();
        assert!(err.message.contains("surprise"), "{err}");

        let err = Rules::parse("not toml at all [").unwrap_err();
        assert_eq!(err.line, 1);
    }

    #[test]
    fn the_catch_all_must_come_last() {
        let err = with_replacement(
            "type = \"transactional\"",
            "type = \"transactional\"\nwhen = [{ purchases_90 = \">= 1\" }]",
        )
        .unwrap_err();
        assert!(err.message.contains("last rule"), "{err}");
        let err = with_replacement(
            "type = \"supportive\"\nwhen = [{ support_90 = \">= 3\", support_sentiment_90 = \">= 0\" }]",
            "type = \"supportive\"",
        )
        .unwrap_err();
        assert!(err.message.contains("could never apply"), "{err}");
    }
}
