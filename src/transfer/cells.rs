//! Records as rows of cells, in the column order of [`super::columns`]. Both writers use
//! these; each decides how a cell is spelled in its format.

use crate::domain::fields::{EXPORT_COUNT, EXPORTED};
use crate::domain::{Contract, Customer, Date, Feedback, FieldRef, HistoryEntry, Interaction};

pub use crate::domain::fields::parse_bool;

/// One value of an exported row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Text(&'a str),
    Int(i64),
    Bool(bool),
    Date(Date),
    /// Integer cents, written as a decimal with two places.
    Money(i64),
    Tags(&'a [String]),
    /// An absent value: empty in CSV, `null` in JSON.
    Null,
}

fn opt<T>(value: Option<T>, cell: impl FnOnce(T) -> Cell<'static>) -> Cell<'static> {
    value.map_or(Cell::Null, cell)
}

impl<'a> From<FieldRef<'a>> for Cell<'a> {
    fn from(value: FieldRef<'a>) -> Cell<'a> {
        match value {
            FieldRef::Int(n) => Cell::Int(n),
            FieldRef::Count(n) => Cell::Int(i64::from(n)),
            FieldRef::Cents(cents) => Cell::Money(cents),
            FieldRef::Bool(b) => Cell::Bool(b),
            FieldRef::Text(t) => Cell::Text(t),
            FieldRef::Tags(tags) => Cell::Tags(tags),
            FieldRef::Date(d) => Cell::Date(d),
            FieldRef::Relationship(r) => Cell::Text(r.key()),
            FieldRef::Stage(s) => Cell::Text(s.key()),
            FieldRef::OptInt(n) => opt(n, Cell::Int),
            FieldRef::OptText(t) => t.map_or(Cell::Null, Cell::Text),
            FieldRef::OptDate(d) => opt(d, Cell::Date),
        }
    }
}

/// A customer's exported fields, borrowed: no allocation.
pub fn customer(c: &Customer) -> [Cell<'_>; EXPORT_COUNT] {
    let mut cells = [Cell::Null; EXPORT_COUNT];
    for (cell, field) in cells.iter_mut().zip(EXPORTED) {
        *cell = Cell::from((field.get)(c));
    }
    cells
}

pub fn interaction(i: &Interaction) -> [Cell<'_>; 7] {
    [
        Cell::Int(i.id),
        Cell::Int(i.customer_id),
        Cell::Date(i.date),
        Cell::Text(i.kind.key()),
        Cell::Text(&i.summary),
        opt(i.amount, Cell::Money),
        opt(i.sentiment, |s| Cell::Int(i64::from(s))),
    ]
}

pub fn feedback(f: &Feedback) -> [Cell<'_>; 8] {
    [
        Cell::Int(f.id),
        Cell::Int(f.customer_id),
        Cell::Date(f.date),
        opt(f.nps, |n| Cell::Int(i64::from(n))),
        opt(f.csat, |n| Cell::Int(i64::from(n))),
        Cell::Text(f.kind.key()),
        Cell::Text(&f.comment),
        Cell::Bool(f.resolved),
    ]
}

pub fn contract(c: &Contract) -> [Cell<'_>; 7] {
    [
        Cell::Int(c.id),
        Cell::Int(c.customer_id),
        Cell::Text(c.kind.key()),
        Cell::Date(c.start),
        opt(c.end, Cell::Date),
        opt(c.value, Cell::Money),
        Cell::Text(&c.note),
    ]
}

pub fn history(h: &HistoryEntry) -> [Cell<'_>; 8] {
    [
        Cell::Int(h.id),
        Cell::Int(h.customer_id),
        Cell::Date(h.date),
        h.from.map_or(Cell::Null, |f| Cell::Text(f.key())),
        Cell::Text(h.to.key()),
        Cell::Text(h.by.key()),
        Cell::Text(&h.reason),
        Cell::Text(&h.who),
    ]
}

/// Writes `date` as `YYYY-MM-DD` into `out`, without allocating.
pub fn write_date(date: Date, out: &mut [u8; 10]) -> &[u8] {
    // Stored dates have four-digit years: the schema only accepts YYYY-MM-DD.
    let year = date.year().clamp(0, 9999);
    let digits = |n: i32, at: &mut [u8]| {
        let mut n = n;
        for slot in at.iter_mut().rev() {
            *slot = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    digits(i32::from(year), &mut out[0..4]);
    out[4] = b'-';
    digits(i32::from(date.month()), &mut out[5..7]);
    out[7] = b'-';
    digits(i32::from(date.day()), &mut out[8..10]);
    &out[..]
}

/// How booleans are written.
pub fn bool_text(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::parse_date;

    #[test]
    fn dates_are_written_like_the_store_keeps_them() {
        for text in ["2026-06-15", "0999-01-09", "1970-12-31"] {
            let mut buf = [0u8; 10];
            assert_eq!(write_date(parse_date(text).unwrap(), &mut buf), text.as_bytes());
        }
    }

    #[test]
    fn booleans_read_leniently_and_write_strictly() {
        assert_eq!(parse_bool(" TRUE "), Ok(true));
        assert_eq!(parse_bool("yes"), Ok(true));
        assert_eq!(parse_bool("0"), Ok(false));
        assert_eq!(parse_bool(""), Ok(false));
        assert_eq!(parse_bool("maybe"), Err("'maybe' is not true or false".into()));
        assert_eq!(bool_text(true), "true");
    }
}
