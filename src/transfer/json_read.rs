//! Reading a JSON export as a stream: the document is walked with serde, each record is
//! parsed alone and handed over, so a file with millions of interactions never sits in
//! memory whole. Tables not asked for are skipped without being built.

use std::collections::BTreeSet;
use std::fmt;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::rc::Rc;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::cells::bool_text;
use super::columns::TableKind;
use super::error::TransferError;
use super::files::{Counting, LineCount, ReadStats};
use super::json_write::{FORMAT_NAME, FORMAT_VERSION};
use super::raw::{Issue, RawRow, RowSink};

/// What a scan learned besides the rows.
#[derive(Debug, Default)]
pub struct JsonFacts {
    /// Fields and top-level keys rapport does not know, as `table.field` or `key`.
    pub ignored: BTreeSet<String>,
}

struct Scan<'a, 'b> {
    wanted: &'a [TableKind],
    sink: &'a mut RowSink<'b>,
    file: Rc<str>,
    lines: LineCount,
    format: Option<Value>,
    version: Option<Value>,
    facts: JsonFacts,
    /// An error from the sink, carried out of serde.
    failure: Option<TransferError>,
}

/// Reads the tables in `wanted` from the JSON export at `path`, in document order.
pub fn scan(
    path: &Path,
    wanted: &[TableKind],
    stats: &ReadStats,
    sink: &mut RowSink<'_>,
) -> Result<JsonFacts, TransferError> {
    let file = File::open(path).map_err(|e| TransferError::reading(path, &e))?;
    let lines = LineCount::default();
    let counted = Counting::new(BufReader::with_capacity(1 << 16, file), stats, Some(lines.clone()));
    let mut scan = Scan {
        wanted,
        sink,
        file: Rc::from(path.display().to_string()),
        lines,
        format: None,
        version: None,
        facts: JsonFacts::default(),
        failure: None,
    };
    let mut de = serde_json::Deserializer::from_reader(counted);
    let parsed = Document { scan: &mut scan }.deserialize(&mut de).and_then(|()| de.end());
    if let Some(failure) = scan.failure {
        return Err(failure);
    }
    let name = &scan.file;
    if let Err(e) = parsed {
        return Err(match e.io_error_kind() {
            Some(_) => TransferError::Io(format!("cannot read {name}: {e}")),
            None => {
                TransferError::Invalid(format!("{name}:{}: this is not a valid rapport JSON export: {e}", e.line()))
            }
        });
    }
    check_format(name, scan.format.as_ref(), scan.version.as_ref())?;
    Ok(scan.facts)
}

fn check_format(file: &str, format: Option<&Value>, version: Option<&Value>) -> Result<(), TransferError> {
    if format.and_then(Value::as_str) != Some(FORMAT_NAME) {
        return Err(TransferError::Invalid(format!(
            "{file} is JSON but not a rapport export (it lacks \"format\": \"{FORMAT_NAME}\"); \
             import CSV files for data from elsewhere"
        )));
    }
    match version.and_then(Value::as_u64) {
        Some(FORMAT_VERSION) => Ok(()),
        Some(v) if v > FORMAT_VERSION => Err(TransferError::Invalid(format!(
            "{file} was written by a newer rapport (export version {v}; this one reads {FORMAT_VERSION}); \
             upgrade rapport to import it"
        ))),
        _ => Err(TransferError::Invalid(format!(
            "{file} has no valid \"version\" (expected {FORMAT_VERSION}); it was not written by rapport export"
        ))),
    }
}

struct Document<'s, 'a, 'b> {
    scan: &'s mut Scan<'a, 'b>,
}

impl<'de> DeserializeSeed<'de> for Document<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Document<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object with \"format\", \"version\" and one array per table")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let table = TableKind::ALL.into_iter().find(|k| k.key() == key);
            match (key.as_str(), table) {
                ("format", _) => self.scan.format = Some(map.next_value()?),
                ("version", _) => self.scan.version = Some(map.next_value()?),
                (_, Some(kind)) if self.scan.wanted.contains(&kind) => {
                    map.next_value_seed(Table { scan: &mut *self.scan, kind })?
                }
                (_, Some(_)) => {
                    map.next_value::<IgnoredAny>()?;
                }
                (_, None) => {
                    self.scan.facts.ignored.insert(key);
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct Table<'s, 'a, 'b> {
    scan: &'s mut Scan<'a, 'b>,
    kind: TableKind,
}

impl<'de> DeserializeSeed<'de> for Table<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Table<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "an array of {} records", self.kind.key())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut row = RawRow::new(self.kind, self.scan.file.clone());
        while let Some(record) = seq.next_element::<Map<String, Value>>()? {
            // The reader stops right after the record's closing brace: its line.
            row.reset(self.scan.lines.line());
            fill(&mut row, record, &mut self.scan.facts.ignored);
            if let Err(e) = (self.scan.sink)(&row) {
                self.scan.failure = Some(e);
                return Err(de::Error::custom("stopped"));
            }
        }
        Ok(())
    }
}

/// Puts a record's values into the row as text, the way a CSV file would spell them.
fn fill(row: &mut RawRow, record: Map<String, Value>, ignored: &mut BTreeSet<String>) {
    let kind = row.kind;
    for (key, value) in record {
        let name = key.trim().to_lowercase();
        let Some(position) = kind.position(&name) else {
            ignored.insert(format!("{}.{key}", kind.key()));
            continue;
        };
        let column = kind.columns()[position];
        match value {
            Value::Null => {}
            Value::Bool(b) => row.set(position, bool_text(b)),
            Value::Number(n) => row.set(position, &n.to_string()),
            Value::String(s) => row.set(position, &s),
            Value::Array(items) => match join_list(&items) {
                Ok(text) => row.set(position, &text),
                Err(reason) => row.issues.push(Issue { column: Some(column), reason }),
            },
            Value::Object(_) => {
                row.issues.push(Issue { column: Some(column), reason: "expected a value, not an object".into() })
            }
        }
    }
}

/// A list (tags) as one `;`-separated text.
fn join_list(items: &[Value]) -> Result<String, String> {
    let mut parts = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Value::String(s) if s.contains(';') => {
                return Err(format!("the list item '{}' contains ';'", crate::text::capped(s, 40)));
            }
            Value::String(s) => parts.push(s.clone()),
            Value::Number(n) => parts.push(n.to_string()),
            _ => return Err("a list may only hold text".into()),
        }
    }
    Ok(parts.join(";"))
}
