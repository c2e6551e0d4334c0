//! `RAPPORT_TODAY=YYYY-MM-DD`, which fixes today's date everywhere so that tests and
//! demos are repeatable. Without it, today is the date in the database's time zone
//! (see `store::Context`).

use crate::domain::Date;
use crate::domain::dates::parse_date;

/// The variable that overrides today's date everywhere.
pub const TODAY_VAR: &str = "RAPPORT_TODAY";

/// The date `RAPPORT_TODAY` fixes, if it is set.
pub fn fixed_today() -> Result<Option<Date>, String> {
    match std::env::var(TODAY_VAR) {
        Ok(text) if !text.trim().is_empty() => parse_date(&text)
            .map(Some)
            .map_err(|e| format!("{TODAY_VAR}: {e}; unset it or give a date like 2026-03-01")),
        _ => Ok(None),
    }
}
