//! Writing a JSON export: one document, streamed table by table, one record per line so
//! that huge exports stay easy to read, diff and locate errors in.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::cells::{Cell, bool_text, write_date};
use super::columns::TableKind;
use super::error::TransferError;
use super::files::create_private_file;
use crate::domain::money::format_cents;

/// The value of the document's `format` field.
pub const FORMAT_NAME: &str = "rapport-export";
/// The document layout this build writes and reads.
pub const FORMAT_VERSION: u64 = 1;

pub struct JsonDocument {
    out: BufWriter<File>,
    path: PathBuf,
    kind: TableKind,
    rows: u64,
    /// The record being built: written with one call once complete.
    line: Vec<u8>,
}

/// Appends `text` as a JSON string (writing into memory cannot fail).
fn push_string(line: &mut Vec<u8>, text: &str) {
    let _ = serde_json::to_writer(&mut *line, text);
}

impl JsonDocument {
    pub fn create(path: &Path) -> Result<JsonDocument, TransferError> {
        let file = create_private_file(path)?;
        let mut doc = JsonDocument {
            out: BufWriter::with_capacity(1 << 16, file),
            path: path.to_path_buf(),
            kind: TableKind::Customers,
            rows: 0,
            line: Vec::with_capacity(1024),
        };
        let head = format!("{{\n  \"format\": \"{FORMAT_NAME}\",\n  \"version\": {FORMAT_VERSION}");
        doc.put(head.as_bytes())?;
        Ok(doc)
    }

    fn put(&mut self, bytes: &[u8]) -> Result<(), TransferError> {
        self.out.write_all(bytes).map_err(|e| TransferError::writing(&self.path, &e))
    }

    /// Opens the array of one table.
    pub fn begin_table(&mut self, kind: TableKind) -> Result<(), TransferError> {
        self.kind = kind;
        self.rows = 0;
        let key = format!(",\n  \"{}\": [", kind.key());
        self.put(key.as_bytes())
    }

    pub fn row(&mut self, cells: &[Cell<'_>]) -> Result<(), TransferError> {
        let line = &mut self.line;
        line.clear();
        line.extend_from_slice(if self.rows == 0 { b"\n    {" } else { b",\n    {" });
        self.rows += 1;
        for (i, (column, cell)) in self.kind.columns().iter().zip(cells).enumerate() {
            if i > 0 {
                line.extend_from_slice(b", ");
            }
            line.push(b'"');
            line.extend_from_slice(column.as_bytes());
            line.extend_from_slice(b"\": ");
            match cell {
                Cell::Text(text) => push_string(line, text),
                Cell::Int(n) => {
                    let _ = write!(line, "{n}");
                }
                Cell::Bool(b) => line.extend_from_slice(bool_text(*b).as_bytes()),
                Cell::Date(d) => {
                    let mut buf = [0u8; 10];
                    line.push(b'"');
                    line.extend_from_slice(write_date(*d, &mut buf));
                    line.push(b'"');
                }
                // Money as a string, so no reader ever sees it as a float.
                Cell::Money(cents) => push_string(line, &format_cents(*cents)),
                Cell::Tags(tags) => {
                    line.push(b'[');
                    for (j, tag) in tags.iter().enumerate() {
                        if j > 0 {
                            line.extend_from_slice(b", ");
                        }
                        push_string(line, tag);
                    }
                    line.push(b']');
                }
                Cell::Null => line.extend_from_slice(b"null"),
            }
        }
        line.push(b'}');
        let result = self.out.write_all(&self.line);
        result.map_err(|e| TransferError::writing(&self.path, &e))
    }

    pub fn end_table(&mut self) -> Result<(), TransferError> {
        self.put(if self.rows == 0 { b"]" } else { b"\n  ]" })
    }

    /// Closes the document, flushes and syncs it to disk.
    pub fn finish(mut self) -> Result<(), TransferError> {
        self.put(b"\n}\n")?;
        let path = self.path;
        let file = self.out.into_inner().map_err(|e| TransferError::writing(&path, e.error()))?;
        file.sync_all().map_err(|e| TransferError::writing(&path, &e))
    }
}
