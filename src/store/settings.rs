//! The database-wide settings everyone sharing a file works with: the rule set the
//! summaries and suggestions are computed with, and the time zone "today" is the date in.
//! Each is one text value; a change to one is a write like any other, recorded and
//! undoable.

use crate::domain::Rules;
use crate::domain::validate::FieldError;

/// The rule set, as the text of a rules file.
pub const RULES: &str = "rules";
/// The time zone, an IANA name such as `Europe/Berlin`.
pub const TIMEZONE: &str = "timezone";

/// Every setting, in the order a change record numbers them.
pub const KEYS: [&str; 2] = [RULES, TIMEZONE];

/// The number a change record keys a setting by.
pub fn number_of(key: &str) -> Option<i64> {
    KEYS.iter().position(|k| *k == key).map(|i| i as i64)
}

/// The setting a change record's number names.
pub fn key_of(number: i64) -> Option<&'static str> {
    usize::try_from(number).ok().and_then(|i| KEYS.get(i).copied())
}

/// Refuses a value the setting cannot take, in the words a person can act on.
pub fn validate(key: &str, value: &str) -> Result<(), FieldError> {
    let refuse = |message: String| Err(FieldError { field: "setting", message });
    match key {
        RULES => match Rules::parse(value) {
            Ok(_) => Ok(()),
            Err(e) => refuse(format!("line {}: {}", e.line, e.message)),
        },
        TIMEZONE if super::context::known_timezone(value) => Ok(()),
        TIMEZONE => refuse(format!(
            "{} is not a time zone this machine knows; give an IANA name such as Europe/Berlin or America/New_York",
            crate::text::capped(value, 60)
        )),
        other => refuse(format!("there is no setting {}", crate::text::capped(other, 40))),
    }
}
