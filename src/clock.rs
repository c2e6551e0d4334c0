//! "Today", honouring `RAPPORT_TODAY=YYYY-MM-DD` so that tests and demos are repeatable.

use crate::domain::Date;
use crate::domain::dates::parse_date;

/// The variable that overrides today's date everywhere.
pub const TODAY_VAR: &str = "RAPPORT_TODAY";

/// Today's date: `RAPPORT_TODAY` when set, else the local calendar date.
pub fn today() -> Result<Date, String> {
    match std::env::var(TODAY_VAR) {
        Ok(text) if !text.trim().is_empty() => {
            parse_date(&text).map_err(|e| format!("{TODAY_VAR}: {e}; unset it or give a date like 2026-03-01"))
        }
        _ => Ok(jiff::ZonedDateTime::now().date()),
    }
}
