//! Changing one value of a rule set's text, keeping everything else in it (comments,
//! order, the person's own layout), then checking the result as a whole.

use super::kinds::RelationshipType;
use super::rules::{Rules, RulesError};

/// The rule text with the cadence of `relationship` set to `days`; refused, with the
/// reason, when the result is not a valid rule set.
pub fn with_cadence(text: &str, relationship: RelationshipType, days: u32) -> Result<String, RulesError> {
    let mut doc: toml_edit::DocumentMut =
        text.parse().map_err(|e: toml_edit::TomlError| RulesError { line: 1, message: e.message().to_string() })?;
    let table = doc
        .entry("cadence")
        .or_insert_with(|| toml_edit::Item::Table(toml_edit::Table::new()))
        .as_table_like_mut()
        .ok_or_else(|| RulesError { line: 1, message: "cadence is not a table".into() })?;
    // Keep the comment that follows the number, if the line has one.
    let suffix = table.get(relationship.key()).and_then(|item| item.as_value()).map(|v| v.decor().clone());
    let mut value = toml_edit::Value::from(i64::from(days));
    if let Some(decor) = suffix {
        *value.decor_mut() = decor;
    }
    table.insert(relationship.key(), toml_edit::Item::Value(value));
    let edited = doc.to_string();
    Rules::parse(&edited)?;
    Ok(edited)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rules::DEFAULT_RULES_TOML;

    #[test]
    fn one_cadence_changes_and_the_rest_of_the_file_stays() {
        let edited = with_cadence(DEFAULT_RULES_TOML, RelationshipType::Loyal, 30).unwrap();
        let rules = Rules::parse(&edited).unwrap();
        assert_eq!(rules.cadence(RelationshipType::Loyal), 30);
        assert_eq!(rules.cadence(RelationshipType::Supportive), 14);
        let changed: Vec<_> = DEFAULT_RULES_TOML.lines().zip(edited.lines()).filter(|(a, b)| a != b).collect();
        assert_eq!(changed, vec![("loyal = 45", "loyal = 30")]);
        assert_eq!(edited.lines().count(), DEFAULT_RULES_TOML.lines().count());
    }

    #[test]
    fn a_cadence_the_rules_refuse_is_refused() {
        assert!(with_cadence(DEFAULT_RULES_TOML, RelationshipType::Loyal, 0).is_err());
    }
}
