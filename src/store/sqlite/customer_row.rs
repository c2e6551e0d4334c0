//! A customer as a row of the `customers` table, field by field of the domain's table
//! of customer fields: the columns, reading a row and binding a record come from
//! [`CUSTOMER_FIELDS`], so a new field needs no code here, only its column in a
//! migration. What is SQLite's own is how each kind of value is stored: dates as
//! `YYYY-MM-DD` text, tags as one `;`-separated text, vocabularies by key, booleans as
//! 0/1.

use std::sync::LazyLock;

use rusqlite::types::{FromSqlError, Type};
use rusqlite::{Row, Statement};

use super::rows::{date_at, opt_date_at, split_tags, text_at};
use crate::domain::fields::{CUSTOMER_FIELDS, CustomerField, FieldKind, FieldRef, FieldValue};
use crate::domain::{Customer, Date, RelationshipType, Stage};

/// Every column of a customer, in the table's order, joined for a `SELECT`.
pub static CUSTOMER_COLUMNS: LazyLock<String> =
    LazyLock::new(|| CUSTOMER_FIELDS.iter().map(|f| f.column).collect::<Vec<_>>().join(", "));

/// `?1, ?2, …`: one parameter for each of [`CUSTOMER_COLUMNS`], bound by [`bind_customer`].
pub static CUSTOMER_PLACES: LazyLock<String> =
    LazyLock::new(|| (1..=CUSTOMER_FIELDS.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", "));

/// The parameter `bind_customer` gives the customer's id; the table starts with it.
pub const ID_PLACE: usize = 1;

fn bad_key(index: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, Type::Text, Box::new(FromSqlError::Other(message.into())))
}

/// The value of the column at `index`, read as a field of `kind` is stored.
fn value_at(row: &Row, index: usize, kind: FieldKind) -> rusqlite::Result<FieldValue> {
    Ok(match kind {
        FieldKind::Int => FieldValue::Int(row.get(index)?),
        FieldKind::OptInt => FieldValue::OptInt(row.get(index)?),
        FieldKind::Count => FieldValue::Count(row.get(index)?),
        FieldKind::Cents => FieldValue::Cents(row.get(index)?),
        FieldKind::Bool => FieldValue::Bool(row.get(index)?),
        FieldKind::Text => FieldValue::Text(row.get(index)?),
        FieldKind::OptText => FieldValue::OptText(row.get(index)?),
        FieldKind::Tags => FieldValue::Tags(split_tags(text_at(row, index)?)),
        FieldKind::Date => FieldValue::Date(date_at(row, index)?),
        FieldKind::OptDate => FieldValue::OptDate(opt_date_at(row, index)?),
        FieldKind::Relationship => FieldValue::Relationship(
            RelationshipType::parse(text_at(row, index)?).map_err(|e| bad_key(index, e.to_string()))?,
        ),
        FieldKind::Stage => {
            FieldValue::Stage(Stage::parse(text_at(row, index)?).map_err(|e| bad_key(index, e.to_string()))?)
        }
    })
}

/// A customer from a row selected with [`CUSTOMER_COLUMNS`].
pub fn customer(row: &Row) -> rusqlite::Result<Customer> {
    // Every field is set from the row; the name and date given here are overwritten.
    let mut c = Customer::new("", Date::MIN);
    for (index, field) in CUSTOMER_FIELDS.iter().enumerate() {
        (field.set)(&mut c, value_at(row, index, field.kind)?);
    }
    Ok(c)
}

/// The stored customer `id`, archived or not.
pub fn customer_by_id(conn: &rusqlite::Connection, id: i64) -> crate::store::Result<Option<Customer>> {
    let sql = format!("SELECT {} FROM customers WHERE id = ?1", *CUSTOMER_COLUMNS);
    Ok(rusqlite::OptionalExtension::optional(conn.prepare_cached(&sql)?.query_row([id], customer))?)
}

fn bind_value(stmt: &mut Statement<'_>, place: usize, value: FieldRef<'_>) -> rusqlite::Result<()> {
    match value {
        FieldRef::Int(n) | FieldRef::Cents(n) => stmt.raw_bind_parameter(place, n),
        FieldRef::OptInt(n) => stmt.raw_bind_parameter(place, n),
        FieldRef::Count(n) => stmt.raw_bind_parameter(place, n),
        FieldRef::Bool(b) => stmt.raw_bind_parameter(place, b),
        FieldRef::Text(t) => stmt.raw_bind_parameter(place, t),
        FieldRef::OptText(t) => stmt.raw_bind_parameter(place, t),
        FieldRef::Tags(tags) => stmt.raw_bind_parameter(place, tags.join(";")),
        FieldRef::Date(d) => stmt.raw_bind_parameter(place, d.to_string()),
        FieldRef::OptDate(d) => stmt.raw_bind_parameter(place, d.map(|d| d.to_string())),
        FieldRef::Relationship(r) => stmt.raw_bind_parameter(place, r.key()),
        FieldRef::Stage(s) => stmt.raw_bind_parameter(place, s.key()),
    }
}

/// Binds every field of `c` to `stmt`'s parameters `?1 …`, in [`CUSTOMER_COLUMNS`] order.
pub fn bind_customer(stmt: &mut Statement<'_>, c: &Customer) -> rusqlite::Result<()> {
    for (index, field) in CUSTOMER_FIELDS.iter().enumerate() {
        bind_value(stmt, index + 1, (field.get)(c))?;
    }
    Ok(())
}

/// Writes `fields` of the stored customer `c.id` as `c` has them, in one statement.
pub fn update_fields<'f>(
    conn: &rusqlite::Connection,
    c: &Customer,
    fields: impl IntoIterator<Item = &'f CustomerField>,
) -> rusqlite::Result<()> {
    let fields: Vec<&CustomerField> = fields.into_iter().collect();
    let columns: Vec<&str> = fields.iter().map(|f| f.column).collect();
    let places: Vec<String> = (2..fields.len() + 2).map(|i| format!("?{i}")).collect();
    let sql = format!("UPDATE customers SET ({}) = ({}) WHERE id = ?1", columns.join(", "), places.join(", "));
    let mut stmt = conn.prepare_cached(&sql)?;
    stmt.raw_bind_parameter(1, c.id)?;
    for (index, field) in fields.iter().enumerate() {
        bind_value(&mut stmt, index + 2, (field.get)(c))?;
    }
    stmt.raw_execute()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_columns_and_places_match_the_fields_table() {
        assert!(CUSTOMER_COLUMNS.starts_with("id, name, company, "));
        assert!(CUSTOMER_COLUMNS.contains("prior_spend_cents"));
        assert_eq!(CUSTOMER_COLUMNS.split(", ").count(), CUSTOMER_FIELDS.len());
        assert_eq!(CUSTOMER_PLACES.split(", ").last(), Some(format!("?{}", CUSTOMER_FIELDS.len()).as_str()));
        assert_eq!(CUSTOMER_FIELDS[ID_PLACE - 1].column, "id");
    }
}
