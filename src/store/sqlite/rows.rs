//! Reading records out of rows. Values the schema guarantees are still checked: a file
//! edited by hand must give a clear error, not a panic.

use rusqlite::Row;
use rusqlite::types::{FromSqlError, Type};

use crate::domain::dates::{self, Date};
use crate::domain::kinds::UnknownKey;
use crate::domain::{
    Contract, ContractKind, DecidedBy, Feedback, FeedbackKind, HistoryEntry, Interaction, InteractionKind,
    RelationshipType,
};

pub const INTERACTION_COLUMNS: &str = "id, customer_id, date, kind, summary, amount_cents, sentiment";
pub const FEEDBACK_COLUMNS: &str = "id, customer_id, date, nps, csat, kind, comment, resolved";
pub const CONTRACT_COLUMNS: &str = "id, customer_id, kind, start, end, value_cents, note";
pub const HISTORY_COLUMNS: &str = "id, customer_id, date, from_type, to_type, by, reason, who";

fn conversion(index: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, Type::Text, Box::new(FromSqlError::Other(message.into())))
}

fn key_error(index: usize, e: UnknownKey) -> rusqlite::Error {
    conversion(index, e.to_string())
}

/// Parses a stored `YYYY-MM-DD` quickly; the hot path of every full pass.
pub fn parse_stored_date(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return dates::parse_date(text).ok();
    }
    let digits = |range: std::ops::Range<usize>| -> Option<i32> {
        b[range].iter().try_fold(0i32, |acc, c| c.is_ascii_digit().then(|| acc * 10 + i32::from(c - b'0')))
    };
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    Date::new(y as i16, m as i8, d as i8).ok()
}

/// The text of a column without copying it; lists read millions of these.
pub fn text_at<'r>(row: &'r Row, index: usize) -> rusqlite::Result<&'r str> {
    Ok(row.get_ref(index)?.as_str()?)
}

pub fn opt_text_at<'r>(row: &'r Row, index: usize) -> rusqlite::Result<Option<&'r str>> {
    Ok(row.get_ref(index)?.as_str_or_null()?)
}

pub fn date_at(row: &Row, index: usize) -> rusqlite::Result<Date> {
    let text = text_at(row, index)?;
    parse_stored_date(text)
        .ok_or_else(|| conversion(index, format!("'{}' is not a date", crate::text::capped(text, 40))))
}

pub fn opt_date_at(row: &Row, index: usize) -> rusqlite::Result<Option<Date>> {
    let text = opt_text_at(row, index)?;
    text.map(|t| {
        parse_stored_date(t).ok_or_else(|| conversion(index, format!("'{}' is not a date", crate::text::capped(t, 40))))
    })
    .transpose()
}

pub fn relationship_at(row: &Row, index: usize) -> rusqlite::Result<RelationshipType> {
    RelationshipType::parse(text_at(row, index)?).map_err(|e| key_error(index, e))
}

pub fn interaction_kind_at(row: &Row, index: usize) -> rusqlite::Result<InteractionKind> {
    InteractionKind::parse(text_at(row, index)?).map_err(|e| key_error(index, e))
}

pub fn split_tags(text: &str) -> Vec<String> {
    text.split(';').map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect()
}

/// The two big tables are read millions of rows at a time: no allocation but the text.
pub fn interaction(row: &Row) -> rusqlite::Result<Interaction> {
    Ok(Interaction {
        id: row.get(0)?,
        customer_id: row.get(1)?,
        date: date_at(row, 2)?,
        kind: interaction_kind_at(row, 3)?,
        summary: row.get(4)?,
        amount: row.get(5)?,
        sentiment: row.get(6)?,
    })
}

pub fn feedback(row: &Row) -> rusqlite::Result<Feedback> {
    Ok(Feedback {
        id: row.get(0)?,
        customer_id: row.get(1)?,
        date: date_at(row, 2)?,
        nps: row.get(3)?,
        csat: row.get(4)?,
        kind: FeedbackKind::parse(text_at(row, 5)?).map_err(|e| key_error(5, e))?,
        comment: row.get(6)?,
        resolved: row.get(7)?,
    })
}

pub fn contract(row: &Row) -> rusqlite::Result<Contract> {
    Ok(Contract {
        id: row.get(0)?,
        customer_id: row.get(1)?,
        kind: ContractKind::parse(&row.get::<_, String>(2)?).map_err(|e| key_error(2, e))?,
        start: date_at(row, 3)?,
        end: opt_date_at(row, 4)?,
        value: row.get(5)?,
        note: row.get(6)?,
    })
}

pub fn history(row: &Row) -> rusqlite::Result<HistoryEntry> {
    let from: Option<String> = row.get(3)?;
    Ok(HistoryEntry {
        id: row.get(0)?,
        customer_id: row.get(1)?,
        date: date_at(row, 2)?,
        from: from.map(|f| RelationshipType::parse(&f).map_err(|e| key_error(3, e))).transpose()?,
        to: relationship_at(row, 4)?,
        by: DecidedBy::parse(&row.get::<_, String>(5)?).map_err(|e| key_error(5, e))?,
        reason: row.get(6)?,
        who: row.get(7)?,
    })
}
