//! What an import path holds — one CSV file, an export folder of CSV files, or a JSON
//! export — and reading its rows, table by table, one row at a time.

use std::fs;
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::columns::TableKind;
use super::csv_read::{self, CsvHeader, ReadOptions};
use super::decode::{self, TextEncoding};
use super::error::TransferError;
use super::files::ReadStats;
use super::json_read;
use super::vcard_read;
use crate::domain::money::DecimalMark;

/// Something wrong with a row before its values are even looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The column concerned; `None` for the row as a whole.
    pub column: Option<&'static str>,
    pub reason: String,
}

/// Puts a row's issues in the order of its columns (the whole-row ones first), the
/// order a person reads the row in.
pub fn sort_issues(kind: TableKind, issues: &mut [Issue]) {
    issues.sort_by_key(|i| i.column.map(|c| kind.position(c).map_or(usize::MAX, |p| p + 1)).unwrap_or(0));
}

/// One row of one table, its values as text in the table's column order (empty when
/// the file has no such column or no value).
#[derive(Debug, Clone)]
pub struct RawRow {
    pub kind: TableKind,
    pub file: Rc<str>,
    pub line: u64,
    cells: Vec<String>,
    pub issues: Vec<Issue>,
    /// How the file writes an amount such as `1,234` (see [`DecimalMark`]).
    pub decimal: DecimalMark,
    /// A row of another system's file that names no one (no name, email, company or
    /// phone): left out, with a notice, rather than refused.
    pub names_no_one: bool,
    /// The file's own names of rapport's columns, where it has its own.
    pub labels: Option<Rc<[(&'static str, String)]>>,
}

impl RawRow {
    pub fn new(kind: TableKind, file: Rc<str>) -> RawRow {
        RawRow {
            kind,
            file,
            line: 0,
            cells: vec![String::new(); kind.columns().len()],
            issues: Vec::new(),
            decimal: DecimalMark::Point,
            names_no_one: false,
            labels: None,
        }
    }

    /// Empties the row for the next one, keeping its buffers.
    pub fn reset(&mut self, line: u64) {
        self.line = line;
        self.cells.iter_mut().for_each(String::clear);
        self.issues.clear();
        self.names_no_one = false;
    }

    pub fn set(&mut self, position: usize, value: &str) {
        if let Some(cell) = self.cells.get_mut(position) {
            cell.push_str(value);
        }
    }

    fn cell(&mut self, column: &str) -> Option<&mut String> {
        self.kind.position(column).and_then(|p| self.cells.get_mut(p))
    }

    /// Adds `value` to the cell of `column` (one of the table's column names).
    pub fn put(&mut self, column: &str, value: &str) {
        if let Some(cell) = self.cell(column) {
            cell.push_str(value);
        }
    }

    /// Sets the cell of `column` unless an earlier column already gave it a value.
    pub fn fill(&mut self, column: &str, value: &str) {
        if let Some(cell) = self.cell(column)
            && cell.trim().is_empty()
        {
            cell.clear();
            cell.push_str(value);
        }
    }

    /// Sets the cell of `column`, whatever it held.
    pub fn replace(&mut self, column: &str, value: &str) {
        if let Some(cell) = self.cell(column) {
            cell.clear();
            cell.push_str(value);
        }
    }

    /// The name the file gives `column`, for messages: its own header where it has one.
    pub fn label(&self, column: &str) -> String {
        let own = self.labels.as_ref().and_then(|l| l.iter().find(|(c, _)| *c == column).map(|(_, h)| h.clone()));
        own.unwrap_or_else(|| column.to_string())
    }

    /// The value of `column` (one of the table's column names), empty when absent.
    pub fn get(&self, column: &str) -> &str {
        self.kind.position(column).and_then(|p| self.cells.get(p)).map_or("", String::as_str)
    }

    /// A row built from (column, value) pairs.
    #[cfg(test)]
    pub fn from_pairs(kind: TableKind, file: &str, line: u64, pairs: &[(&str, &str)]) -> RawRow {
        let mut row = RawRow::new(kind, Rc::from(file));
        row.line = line;
        for (column, value) in pairs {
            if let Some(p) = kind.position(column) {
                row.set(p, value);
            }
        }
        row
    }
}

/// Receives rows one at a time; an error stops the reading.
pub type RowSink<'a> = dyn FnMut(&RawRow) -> Result<(), TransferError> + 'a;

#[derive(Debug, Clone)]
enum Layout {
    /// One CSV file per table present.
    Csv(Vec<(PathBuf, CsvHeader)>),
    Json(PathBuf),
    /// A vCard file: customers only.
    Vcard(PathBuf, TextEncoding),
}

/// An import's input, with its headers already checked.
#[derive(Debug, Clone)]
pub struct Source {
    path: PathBuf,
    layout: Layout,
    size: u64,
}

fn file_size(path: &Path) -> u64 {
    fs::metadata(path).map_or(0, |m| m.len())
}

/// The first bytes of a file, to tell what it holds.
fn head(path: &Path) -> Result<Vec<u8>, TransferError> {
    let mut head = vec![0u8; 512];
    let mut file = fs::File::open(path).map_err(|e| TransferError::reading(path, &e))?;
    let n = file.read(&mut head).map_err(|e| TransferError::reading(path, &e))?;
    head.truncate(n);
    Ok(head)
}

/// Whether a file starts like JSON (`{`, after an optional BOM and whitespace).
fn looks_like_json(head: &[u8]) -> bool {
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

impl Source {
    /// Looks at `path`: a folder is an export folder, a file starting with `{` a JSON
    /// export, anything else a CSV file of the table `kind` (or the one its header names).
    pub fn open(path: &Path, kind: Option<TableKind>, options: ReadOptions) -> Result<Source, TransferError> {
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == ErrorKind::NotFound => {
                return Err(TransferError::Invalid(format!(
                    "{} does not exist; give a CSV file, a folder written by rapport export, or a JSON export",
                    path.display()
                )));
            }
            Err(e) => return Err(TransferError::reading(path, &e)),
        };
        if meta.is_dir() {
            if kind.is_some() {
                return Err(TransferError::Invalid(format!(
                    "{} is a folder, whose file names say what each holds; --kind is only for a single CSV file",
                    path.display()
                )));
            }
            return Source::folder(path, options);
        }
        let head = head(path)?;
        if vcard_read::is_vcard(path, &head) {
            if kind.is_some_and(|k| k != TableKind::Customers) {
                return Err(TransferError::Invalid(format!(
                    "{} is a vCard file, which holds customers only; leave out --kind",
                    path.display()
                )));
            }
            let encoding = decode::detect(path, options.encoding)?;
            let layout = Layout::Vcard(path.to_path_buf(), encoding);
            return Ok(Source { path: path.to_path_buf(), layout, size: meta.len() });
        }
        if looks_like_json(&head) {
            if kind.is_some() {
                return Err(TransferError::Invalid(format!(
                    "{} is a JSON export, which names its own tables; --kind is only for a single CSV file",
                    path.display()
                )));
            }
            return Ok(Source { path: path.to_path_buf(), layout: Layout::Json(path.to_path_buf()), size: meta.len() });
        }
        let header = csv_read::read_header(path, kind, options)?;
        Ok(Source {
            path: path.to_path_buf(),
            layout: Layout::Csv(vec![(path.to_path_buf(), header)]),
            size: meta.len(),
        })
    }

    fn folder(path: &Path, options: ReadOptions) -> Result<Source, TransferError> {
        let mut files = Vec::new();
        for kind in TableKind::ALL {
            let file = path.join(kind.file_name());
            if file.is_file() {
                let header = csv_read::read_header(&file, Some(kind), options)?;
                files.push((file, header));
            }
        }
        if files.is_empty() {
            let names: Vec<&str> = TableKind::ALL.iter().map(|k| k.file_name()).collect();
            return Err(TransferError::Invalid(format!(
                "{} holds none of {}; it is not a folder written by rapport export",
                path.display(),
                names.join(", ")
            )));
        }
        let size = files.iter().map(|(f, _)| file_size(f)).sum();
        Ok(Source { path: path.to_path_buf(), layout: Layout::Csv(files), size })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The CSV files of the import with what their headers say (none for JSON).
    pub fn csv_files(&self) -> &[(PathBuf, CsvHeader)] {
        match &self.layout {
            Layout::Csv(files) => files,
            Layout::Json(_) | Layout::Vcard(..) => &[],
        }
    }

    /// The vCard file of the import and its encoding, if it is one.
    pub fn vcard(&self) -> Option<(&Path, TextEncoding)> {
        match &self.layout {
            Layout::Vcard(path, encoding) => Some((path, *encoding)),
            _ => None,
        }
    }

    /// How many bytes one full read (customers, then the rest) goes through.
    pub fn bytes_per_read(&self) -> u64 {
        match self.layout {
            Layout::Csv(_) | Layout::Vcard(..) => self.size,
            // The document is walked twice: customers first, then the other tables.
            Layout::Json(_) => self.size * 2,
        }
    }

    /// Hands every row of the tables in `kinds` to `sink`: table by table for CSV, in
    /// document order for JSON. Returns the JSON fields rapport does not know.
    pub fn read(
        &self,
        kinds: &[TableKind],
        stats: &ReadStats,
        sink: &mut RowSink<'_>,
    ) -> Result<Vec<String>, TransferError> {
        match &self.layout {
            Layout::Csv(files) => {
                for (file, header) in files.iter().filter(|(_, h)| kinds.contains(&h.kind())) {
                    csv_read::read_rows(file, header, stats, sink)?;
                }
                Ok(Vec::new())
            }
            Layout::Json(file) => Ok(json_read::scan(file, kinds, stats, sink)?.ignored.into_iter().collect()),
            Layout::Vcard(file, encoding) => {
                if kinds.contains(&TableKind::Customers) {
                    vcard_read::read_cards(file, *encoding, stats, sink)?;
                }
                Ok(Vec::new())
            }
        }
    }
}
