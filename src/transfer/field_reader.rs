//! Reading one row's values as typed fields: text, dates, amounts, counts, flags and
//! keys, each problem collected with its column and a harmless stand-in put in place, so
//! the domain's validators can still look at the rest of the row.

use super::cells::parse_bool;
use super::dates::{self, Conventions, DateEvidence, DateOrder, Reading};
use super::raw::{Issue, RawRow, sort_issues};
use crate::domain::Date;
use crate::domain::kinds::UnknownKey;
use crate::domain::money::parse_amount;
use crate::domain::validate::FieldError;

/// The largest id a file may give: far beyond any real table, and it leaves room for the
/// ids of the rows that give none.
pub const MAX_ID: i64 = 1 << 60;

/// Reads a row's values, collecting problems and putting a harmless stand-in where a
/// value is bad, so the domain's validators can still look at the rest.
pub(super) struct Fields<'r, 'e> {
    pub(super) row: &'r RawRow,
    pub(super) today: Date,
    order: Option<DateOrder>,
    evidence: &'e mut DateEvidence,
    issues: Vec<Issue>,
}

impl<'r> Fields<'r, '_> {
    pub(super) fn fail(&mut self, column: &'static str, reason: impl Into<String>) {
        self.issues.push(Issue { column: Some(column), reason: reason.into() });
    }

    pub(super) fn has_issue(&self, column: &str) -> bool {
        self.issues.iter().any(|i| i.column == Some(column))
    }

    /// Text exactly as written.
    pub(super) fn text(&mut self, column: &'static str) -> String {
        let value = self.row.get(column);
        if value.contains('\0') {
            self.fail(column, "contains a NUL character, which rapport does not keep");
        }
        value.to_string()
    }

    /// The trimmed value, or `None` (reported) when a required value is missing.
    pub(super) fn required(&mut self, column: &'static str) -> Option<&'r str> {
        let value = self.row.get(column).trim();
        if value.is_empty() {
            self.fail(column, "required, but empty");
            return None;
        }
        Some(value)
    }

    pub(super) fn optional(&self, column: &'static str) -> Option<&'r str> {
        Some(self.row.get(column).trim()).filter(|v| !v.is_empty())
    }

    pub(super) fn id(&mut self) -> Option<i64> {
        let text = self.optional("id")?;
        match text.parse::<i64>() {
            Ok(id) if id > MAX_ID => {
                self.fail("id", format!("id {id} is too large; ids go up to {MAX_ID}"));
                None
            }
            Ok(id) if id > 0 => Some(id),
            _ => {
                self.fail("id", format!("'{}' is not a whole number above 0", crate::text::capped(text, 40)));
                None
            }
        }
    }

    pub(super) fn reference(&mut self, column: &'static str) -> String {
        self.required(column).unwrap_or_default().to_string()
    }

    /// A date as any system writes it. One that only the file's date order can settle is
    /// read day first until the order is known, and noted: the check then settles it.
    pub(super) fn date_from(&mut self, column: &'static str, text: &str) -> Option<Date> {
        let reading = dates::read(text).map_err(|e| self.fail(column, e)).ok()?;
        self.evidence.note(reading, self.row, text);
        let order = match (self.order, reading) {
            (Some(order), _) => order,
            (None, Reading::Settles(order, _)) => order,
            (None, _) => DateOrder::DayFirst,
        };
        reading.under(order, text).map_err(|e| self.fail(column, e)).ok()
    }

    /// A required date; today stands in for a bad one.
    pub(super) fn date(&mut self, column: &'static str) -> Date {
        let parsed = self.required(column).and_then(|t| self.date_from(column, t));
        parsed.unwrap_or(self.today)
    }

    pub(super) fn opt_date(&mut self, column: &'static str) -> Option<Date> {
        self.optional(column).and_then(|t| self.date_from(column, t))
    }

    /// An optional date that cannot lie after today.
    pub(super) fn past_date(&mut self, column: &'static str) -> Option<Date> {
        let date = self.opt_date(column)?;
        if date > self.today {
            self.fail(column, format!("date {date} is in the future (today is {})", self.today));
        }
        Some(date)
    }

    /// A whole number; `None` when empty or not one (reported).
    pub(super) fn whole(&mut self, column: &'static str) -> Option<i64> {
        let text = self.optional(column)?;
        let quoted = crate::text::capped(text, 40);
        text.parse().map_err(|_| self.fail(column, format!("'{quoted}' is not a whole number"))).ok()
    }

    /// A count of things (orders): a whole number, 0 when empty.
    pub(super) fn count(&mut self, column: &'static str) -> u32 {
        let Some(text) = self.optional(column) else { return 0 };
        // Spreadsheets write whole numbers as "8" or "8.0".
        let whole = text.strip_suffix(".00").or_else(|| text.strip_suffix(".0")).unwrap_or(text);
        let digits: String = whole.chars().filter(|c| *c != ',').collect();
        match digits.parse::<u32>() {
            Ok(n) => n,
            Err(_) => {
                self.fail(column, format!("'{}' is not a whole number of 0 or more", crate::text::capped(text, 40)));
                0
            }
        }
    }

    pub(super) fn money(&mut self, column: &'static str) -> Option<i64> {
        let mark = self.row.decimal;
        self.optional(column).and_then(|t| parse_amount(t, mark).map_err(|e| self.fail(column, e)).ok())
    }

    /// A whole number within `range` (described as the domain's validators put it);
    /// `stand_in` replaces a bad one.
    pub(super) fn score(
        &mut self,
        column: &'static str,
        what: &str,
        range: (i64, i64, &str),
        stand_in: i64,
    ) -> Option<i64> {
        let text = self.optional(column)?;
        let (low, high, described) = range;
        match text.parse::<i64>() {
            Ok(value) if (low..=high).contains(&value) => Some(value),
            Ok(value) => {
                self.fail(column, format!("{what} {value} is outside {described}"));
                Some(stand_in)
            }
            Err(_) => {
                self.fail(column, format!("{what} '{}' is not a whole number", crate::text::capped(text, 40)));
                Some(stand_in)
            }
        }
    }

    pub(super) fn flag(&mut self, column: &'static str) -> bool {
        parse_bool(self.row.get(column)).unwrap_or_else(|e| {
            self.fail(column, e);
            false
        })
    }

    pub(super) fn key<T: Copy>(&mut self, column: &'static str, parse: fn(&str) -> Result<T, UnknownKey>) -> Option<T> {
        self.optional(column).and_then(|t| parse(t).map_err(|e| self.fail(column, e.to_string())).ok())
    }

    /// A required vocabulary value; `stand_in` replaces a missing or bad one.
    pub(super) fn required_key<T: Copy>(
        &mut self,
        column: &'static str,
        parse: fn(&str) -> Result<T, UnknownKey>,
        stand_in: T,
    ) -> T {
        if self.required(column).is_none() {
            return stand_in;
        }
        self.key(column, parse).unwrap_or(stand_in)
    }

    /// Adds the domain validator's findings, except for columns already reported.
    pub(super) fn validated(&mut self, result: Result<(), Vec<FieldError>>) {
        for e in result.err().unwrap_or_default() {
            if !self.has_issue(e.field) {
                self.fail(e.field, e.message);
            }
        }
    }
}

pub(super) fn finish<T>(f: Fields<'_, '_>, draft: T) -> Result<T, Vec<Issue>> {
    let mut issues = f.issues;
    if issues.is_empty() {
        return Ok(draft);
    }
    sort_issues(f.row.kind, &mut issues);
    Err(issues)
}

pub(super) fn fields<'r, 'e>(row: &'r RawRow, conv: Conventions, evidence: &'e mut DateEvidence) -> Fields<'r, 'e> {
    Fields { row, today: conv.today, order: conv.date_order, evidence, issues: row.issues.clone() }
}
