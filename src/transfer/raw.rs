//! The rows a reader hands on: one table's values as text in the table's column order,
//! with the file and line they came from and anything wrong with them already seen.

use std::rc::Rc;

use super::columns::TableKind;
use super::error::TransferError;
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
