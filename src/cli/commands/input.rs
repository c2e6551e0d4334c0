//! Parsing what people type after a flag, with errors that name the flag. Every command
//! parses all of its input before it opens the database, so bad input writes nothing.

use crate::cli::{CliError, CliResult};
use crate::domain::Date;
use crate::domain::dates::parse_date;
use crate::domain::kinds::UnknownKey;
use crate::domain::money::parse_cents;
use crate::domain::validate::parse_score;
use crate::text::inert;

/// A usage error about the value of `--flag`.
pub fn invalid(flag: &str, message: &str) -> CliError {
    CliError::usage(format!("--{flag}: {}", inert(message)))
}

pub fn date(flag: &str, text: &str) -> CliResult<Date> {
    parse_date(text).map_err(|m| invalid(flag, &format!("{m}; give a date like 2026-03-01")))
}

/// The date given, or `today` when the flag was left out.
pub fn date_or(flag: &str, text: Option<&str>, today: Date) -> CliResult<Date> {
    text.map_or(Ok(today), |t| date(flag, t))
}

pub fn optional_date(flag: &str, text: Option<&str>) -> CliResult<Option<Date>> {
    text.map(|t| date(flag, t)).transpose()
}

/// An amount of money in cents.
pub fn money(flag: &str, text: Option<&str>) -> CliResult<Option<i64>> {
    text.map(|t| parse_cents(t).map_err(|m| invalid(flag, &m))).transpose()
}

/// A whole number from `low` to `high`.
pub fn score(flag: &str, what: &str, text: Option<&str>, low: i64, high: i64) -> CliResult<Option<i64>> {
    text.map(|t| parse_score(t, what, low, high).map_err(|m| invalid(flag, &m))).transpose()
}

/// A key of one of the domain's vocabularies; the error lists the valid keys.
pub fn key<T>(flag: &str, text: &str, parse: impl Fn(&str) -> Result<T, UnknownKey>) -> CliResult<T> {
    parse(text).map_err(|e| invalid(flag, &e.to_string()))
}

/// Free text from a flag, empty when left out.
pub fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}
