//! The activity record: every committed change with who made it, when, and the records
//! it wrote before and after. Anyone can read it (`rapport activity`) and undo an entry
//! (`rapport undo N`, the dashboard's undo), not only the session that made it.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::change::RecordImage;
use crate::domain::Date;

/// `2026-12-03T14:02:11Z` as `2026-12-03 14:02 UTC`.
pub fn shown_time(at: &str) -> String {
    match (at.get(..10), at.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => at.to_string(),
    }
}

/// One change as the activity record keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityEntry {
    pub id: i64,
    /// When it was committed, in UTC: `2026-12-03T15:51:29Z`.
    pub at: String,
    pub who: String,
    /// The customer it was mainly about, if any.
    pub customer_id: Option<i64>,
    pub description: String,
    /// What it wrote, before and after.
    pub stored: StoredChange,
    /// The entry this one took back, when it is an undo.
    pub undoes: Option<i64>,
    /// The entry that took it back, if one did.
    pub undone_by: Option<i64>,
}

/// The part of a [`Change`] that undo needs, as the record stores it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredChange {
    pub customer_ids: Vec<i64>,
    pub records: Vec<RecordImage>,
    /// A bulk load (an import, the sample data): recorded, but not kept record by record.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bulk: bool,
}

/// Which entries to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityFilter {
    pub customer_id: Option<i64>,
    pub who: Option<String>,
    /// Entries committed on or after the start of this day (in the database's zone).
    pub since: Option<Date>,
    /// At most this many, newest first; 0 means all.
    pub limit: usize,
}

/// One field one record had before and after a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// "customer 12", "interaction 340", "setting rules".
    pub record: String,
    pub field: String,
    /// As text; empty when the record did not exist on that side.
    pub before: String,
    pub after: String,
}

impl ActivityEntry {
    /// Every field that differs between before and after, record by record, in the order
    /// the change wrote them. The program's own bookkeeping (a suggestion's date, a
    /// customer's stage) is listed like the rest: it is what was written.
    pub fn field_changes(&self) -> Vec<FieldChange> {
        let mut out = Vec::new();
        for image in &self.stored.records {
            let record = match (&image.before, &image.after) {
                (_, Some(super::Record::Setting { key, .. })) | (Some(super::Record::Setting { key, .. }), None) => {
                    format!("setting {key}")
                }
                _ => format!("{} {}", image.table.record_name(), image.key),
            };
            if let (Some(super::Record::Setting { value: b, .. }), Some(super::Record::Setting { value: a, .. })) =
                (&image.before, &image.after)
            {
                out.extend(changed_lines(&record, b, a));
                continue;
            }
            let (before, after) = (fields_of(image.before.as_ref()), fields_of(image.after.as_ref()));
            // A record added or removed whole is one line: its fields that hold something.
            let whole = |fields: &[(String, String)]| {
                let held: Vec<String> = fields
                    .iter()
                    .filter(|(k, v)| k != "id" && !v.is_empty() && v != "false" && v != "0")
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                held.join("; ")
            };
            match (image.before.is_some(), image.after.is_some()) {
                (false, true) => {
                    out.push(FieldChange {
                        record,
                        field: "added".into(),
                        before: String::new(),
                        after: whole(&after),
                    });
                    continue;
                }
                (true, false) => {
                    out.push(FieldChange {
                        record,
                        field: "removed".into(),
                        before: whole(&before),
                        after: String::new(),
                    });
                    continue;
                }
                _ => {}
            }
            let mut keys: Vec<&String> = after.iter().map(|(k, _)| k).collect();
            for (k, _) in &before {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
            for key in keys {
                let value = |side: &[(String, String)]| {
                    side.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default()
                };
                let (b, a) = (value(&before), value(&after));
                if b != a {
                    out.push(FieldChange { record: record.clone(), field: key.clone(), before: b, after: a });
                }
            }
        }
        out
    }
}

/// The lines of a setting's text that differ, by line number.
fn changed_lines(record: &str, before: &str, after: &str) -> Vec<FieldChange> {
    let (b, a): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    (0..b.len().max(a.len()))
        .filter_map(|i| {
            let (was, now) = (b.get(i).copied().unwrap_or_default(), a.get(i).copied().unwrap_or_default());
            (was != now).then(|| FieldChange {
                record: record.to_string(),
                field: format!("line {}", i + 1),
                before: was.to_string(),
                after: now.to_string(),
            })
        })
        .collect()
}

/// A record's fields as (name, text) pairs, nested values flattened as `prior.orders`.
fn fields_of(record: Option<&super::Record>) -> Vec<(String, String)> {
    let Some(record) = record else { return Vec::new() };
    let Ok(value) = serde_json::to_value(record) else { return Vec::new() };
    // The value is `{"customer": {...}}`: the record's own fields are one level down.
    let inner = match value {
        Value::Object(map) => map.into_iter().next().map(|(_, v)| v).unwrap_or(Value::Null),
        other => other,
    };
    let mut out = Vec::new();
    flatten("", &inner, &mut out);
    out
}

fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, v, out);
            }
        }
        Value::Null => out.push((prefix.to_string(), String::new())),
        Value::String(s) => out.push((prefix.to_string(), s.clone())),
        Value::Array(items) => {
            let parts: Vec<String> =
                items.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)).collect();
            out.push((prefix.to_string(), parts.join(",")));
        }
        other => out.push((prefix.to_string(), other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Customer;
    use crate::store::{Record, Table};

    #[test]
    fn field_changes_name_each_field_that_moved() {
        let before = Customer { id: 3, ..Customer::new("Ada", Date::constant(2026, 1, 2)) };
        let after = Customer { email: Some("ada@example.com".into()), tags: vec!["vip".into()], ..before.clone() };
        let entry = ActivityEntry {
            id: 1,
            at: "2026-12-03T10:00:00Z".into(),
            who: "alice".into(),
            customer_id: Some(3),
            description: "Saved Ada".into(),
            stored: StoredChange {
                bulk: false,
                customer_ids: vec![3],
                records: vec![RecordImage {
                    table: Table::Customers,
                    key: 3,
                    before: Some(Record::Customer(before)),
                    after: Some(Record::Customer(after)),
                }],
            },
            undoes: None,
            undone_by: None,
        };
        let changes = entry.field_changes();
        let named: Vec<_> = changes.iter().map(|c| (c.field.as_str(), c.before.as_str(), c.after.as_str())).collect();
        assert_eq!(named, vec![("email", "", "ada@example.com"), ("tags", "", "vip")]);
        assert_eq!(changes[0].record, "customer 3");
        let json = serde_json::to_string(&entry.stored).unwrap();
        assert_eq!(serde_json::from_str::<StoredChange>(&json).unwrap(), entry.stored);
    }
}
