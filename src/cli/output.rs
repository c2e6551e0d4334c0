//! Rendering command output: aligned tables for people, CSV and JSON for programs.
//!
//! Tables are for a terminal: every cell goes through [`inert`] and is cut to its
//! column's width, measured in terminal columns (CJK and most emoji take two). CSV and
//! JSON are for programs and keep the data exactly as stored.

use std::io::{self, BufWriter, StdoutLock, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{CliError, CliResult};
use crate::store::{Change, Store};
use crate::text::inert;

/// Standard output, locked once and buffered.
pub type Out = BufWriter<StdoutLock<'static>>;

pub fn stdout() -> Out {
    BufWriter::with_capacity(64 * 1024, io::stdout().lock())
}

/// Turns the outcome of writing (including the final flush) into the command's result.
/// A reader that went away early (`rapport list | head`) is not a failure.
pub fn written(result: io::Result<()>) -> CliResult {
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::failed(format!("cannot write the output: {e}"))),
    }
}

/// Writes with `body` to standard output, flushes, and reports as [`written`] does.
pub fn emit(body: impl FnOnce(&mut Out) -> io::Result<()>) -> CliResult {
    let mut out = stdout();
    written(body(&mut out).and_then(|()| out.flush()))
}

/// Where a column's cells sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A table column: its heading, alignment and widest allowed cell (terminal columns).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub title: &'static str,
    pub align: Align,
    pub max_width: usize,
}

impl Column {
    pub const fn left(title: &'static str, max_width: usize) -> Column {
        Column { title, align: Align::Left, max_width }
    }

    pub const fn right(title: &'static str, max_width: usize) -> Column {
        Column { title, align: Align::Right, max_width }
    }
}

/// Space between two columns.
const GAP: &str = "  ";

pub use crate::text::{fitted, push_fitted};

/// An aligned table written row by row. Call [`Table::measure`] with every row first
/// (the widths must be known before the first line), then write the heading and rows.
pub struct Table<'c> {
    columns: &'c [Column],
    widths: Vec<usize>,
    line: String,
    cell: String,
}

impl<'c> Table<'c> {
    pub fn new(columns: &'c [Column]) -> Table<'c> {
        let widths = columns.iter().map(|c| c.title.width().min(c.max_width)).collect();
        Table { columns, widths, line: String::new(), cell: String::new() }
    }

    /// Widens the columns to fit this row.
    pub fn measure(&mut self, cells: &[&str]) {
        for ((width, column), text) in self.widths.iter_mut().zip(self.columns).zip(cells) {
            // Printable ASCII is one column a byte: no need to make it inert or measure it.
            let plain = text.bytes().all(|b| (b' '..=b'~').contains(&b));
            let w = if plain && text.len() <= column.max_width {
                text.len()
            } else {
                self.cell.clear();
                push_fitted(&mut self.cell, text, column.max_width)
            };
            *width = (*width).max(w);
        }
    }

    pub fn write_header(&mut self, out: &mut impl Write) -> io::Result<()> {
        let titles: Vec<&str> = self.columns.iter().map(|c| c.title).collect();
        self.write_row(out, &titles)
    }

    pub fn write_row(&mut self, out: &mut impl Write, cells: &[&str]) -> io::Result<()> {
        self.line.clear();
        for (i, ((column, width), text)) in self.columns.iter().zip(&self.widths).zip(cells).enumerate() {
            if i > 0 {
                self.line.push_str(GAP);
            }
            self.cell.clear();
            let w = push_fitted(&mut self.cell, text, column.max_width);
            let pad = width.saturating_sub(w);
            match column.align {
                Align::Left => {
                    self.line.push_str(&self.cell);
                    self.line.extend(std::iter::repeat_n(' ', pad));
                }
                Align::Right => {
                    self.line.extend(std::iter::repeat_n(' ', pad));
                    self.line.push_str(&self.cell);
                }
            }
        }
        let end = self.line.trim_end_matches(' ').len();
        self.line.truncate(end);
        self.line.push('\n');
        out.write_all(self.line.as_bytes())
    }

    /// Measures and writes a whole table held in memory, heading first.
    pub fn write_all(&mut self, out: &mut impl Write, rows: &[Vec<String>]) -> io::Result<()> {
        for row in rows {
            self.measure(&cells_of(row));
        }
        self.write_header(out)?;
        for row in rows {
            self.write_row(out, &cells_of(row))?;
        }
        Ok(())
    }
}

fn cells_of(row: &[String]) -> Vec<&str> {
    row.iter().map(String::as_str).collect()
}

/// A CSV writer (RFC 4180 quoting, header from the record's field names) on `out`.
pub fn csv_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new().has_headers(true).from_writer(out)
}

/// A CSV error as an I/O error, keeping the kind of an underlying I/O failure (so that
/// a closed pipe is still recognised).
pub fn csv_io(e: csv::Error) -> io::Error {
    match e.kind() {
        csv::ErrorKind::Io(inner) => io::Error::new(inner.kind(), inner.to_string()),
        _ => io::Error::other(e),
    }
}

/// A JSON array written one element per line, as the elements come.
pub struct JsonArray {
    count: usize,
}

impl JsonArray {
    pub fn begin(out: &mut impl Write) -> io::Result<JsonArray> {
        out.write_all(b"[")?;
        Ok(JsonArray { count: 0 })
    }

    pub fn push(&mut self, out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
        out.write_all(if self.count == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
        self.count += 1;
        Ok(())
    }

    pub fn end(self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" })
    }
}

/// One JSON value, indented, followed by a newline.
pub fn write_json(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// The line confirming a write: "Logged a call with Ada (interaction 12)".
pub fn confirmation(change: &Change, record: &str) -> String {
    let id = change.created_id.map(|id| format!(" ({record} {id})")).unwrap_or_default();
    format!("{}{id}", inert(&change.description))
}

/// One line for each type change a write made the engine suggest.
pub fn suggestion_notices(store: &Store, change: &Change) -> CliResult<Vec<String>> {
    let mut lines = Vec::new();
    for s in &change.new_suggestions {
        let customer = store.customer(s.customer_id)?;
        let name = customer.as_ref().map_or_else(|| format!("customer {}", s.customer_id), |c| c.name.clone());
        let (to, from) = (s.to.label(), s.from.label());
        let line = if customer.is_some_and(|c| c.pinned) {
            format!("{name} now looks {to} (was {from}), but the type is pinned; see `rapport reclassify`.")
        } else {
            format!("{name} now looks {to} (was {from}); review it with `rapport reclassify`.")
        };
        lines.push(inert(&line).into_owned());
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(columns: &[Column], rows: &[&[&str]]) -> String {
        let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
        let mut out = Vec::new();
        Table::new(columns).write_all(&mut out, &rows).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn columns_line_up_by_display_width() {
        let cols = [Column::left("NAME", 20), Column::right("N", 5)];
        let text = render(&cols, &[&["張偉", "1"], &["Ann", "22"], &["🎉 party", "333"]]);
        let widths: Vec<usize> = text.lines().map(UnicodeWidthStr::width).collect();
        assert!(widths.iter().all(|w| *w == widths[0]), "{text}");
        assert!(text.starts_with("NAME        N\n張偉        1\n"), "{text}");
    }

    #[test]
    fn long_cells_are_cut_with_an_ellipsis() {
        assert_eq!(fitted("abcdefgh", 5), "abcd…");
        assert_eq!(fitted("張偉張偉", 5), "張偉…");
        assert_eq!(fitted("short", 5), "short");
        assert_eq!(fitted("張偉張偉張偉", 6).width(), 5);
    }

    #[test]
    fn hostile_cells_are_inert() {
        let cell = fitted("\u{1b}]0;pwned\u{7}\u{202e}abc", 60);
        assert!(!cell.contains('\u{1b}') && !cell.contains('\u{202e}') && !cell.contains('\u{7}'), "{cell}");
    }

    #[test]
    fn json_arrays_are_valid_whatever_their_length() {
        for n in [0usize, 1, 3] {
            let mut out = Vec::new();
            let mut array = JsonArray::begin(&mut out).unwrap();
            for i in 0..n {
                array.push(&mut out, &i).unwrap();
            }
            array.end(&mut out).unwrap();
            let parsed: Vec<usize> = serde_json::from_slice(&out).unwrap();
            assert_eq!(parsed, (0..n).collect::<Vec<_>>());
        }
    }
}
