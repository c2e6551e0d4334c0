//! Writing one table as a CSV file: a header row, RFC 4180 quoting, UTF-8.

use std::fmt::Write as _;
use std::fs::File;
use std::path::{Path, PathBuf};

use super::cells::{Cell, bool_text, write_date};
use super::columns::TableKind;
use super::error::TransferError;
use super::files::create_private_file;
use super::formula;
use crate::domain::money::format_cents;

pub struct CsvTable {
    writer: csv::Writer<File>,
    path: PathBuf,
    scratch: String,
}

impl CsvTable {
    /// Creates the file (which must not exist) and writes the header.
    pub fn create(path: &Path, kind: TableKind) -> Result<CsvTable, TransferError> {
        let file = create_private_file(path)?;
        let writer = csv::WriterBuilder::new().buffer_capacity(1 << 16).from_writer(file);
        let mut table = CsvTable { writer, path: path.to_path_buf(), scratch: String::new() };
        table.writer.write_record(kind.columns()).map_err(|e| table.failed(e))?;
        Ok(table)
    }

    fn failed(&self, e: csv::Error) -> TransferError {
        TransferError::Io(format!("cannot write {}: {e}", self.path.display()))
    }

    pub fn row(&mut self, cells: &[Cell<'_>]) -> Result<(), TransferError> {
        for cell in cells {
            let mut date = [0u8; 10];
            self.scratch.clear();
            let field: &[u8] = match cell {
                Cell::Text(text) if formula::needs_mark(text) => {
                    self.scratch.push('\'');
                    self.scratch.push_str(text);
                    self.scratch.as_bytes()
                }
                Cell::Text(text) => text.as_bytes(),
                Cell::Int(n) => {
                    let _ = write!(self.scratch, "{n}");
                    self.scratch.as_bytes()
                }
                Cell::Bool(b) => bool_text(*b).as_bytes(),
                Cell::Date(d) => write_date(*d, &mut date),
                Cell::Money(cents) => {
                    self.scratch.push_str(&format_cents(*cents));
                    self.scratch.as_bytes()
                }
                Cell::Tags(tags) => {
                    for (i, tag) in tags.iter().enumerate() {
                        if i > 0 {
                            self.scratch.push(';');
                        }
                        self.scratch.push_str(tag);
                    }
                    if formula::needs_mark(&self.scratch) {
                        self.scratch.insert(0, '\'');
                    }
                    self.scratch.as_bytes()
                }
                Cell::Null => b"",
            };
            if let Err(e) = self.writer.write_field(field) {
                return Err(self.failed(e));
            }
        }
        self.writer.write_record(None::<&[u8]>).map_err(|e| self.failed(e))
    }

    /// Flushes and syncs the file to disk.
    pub fn finish(self) -> Result<(), TransferError> {
        let path = self.path;
        let file = self.writer.into_inner().map_err(|e| TransferError::writing(&path, e.error()))?;
        file.sync_all().map_err(|e| TransferError::writing(&path, &e))
    }
}
