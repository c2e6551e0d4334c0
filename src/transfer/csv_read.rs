//! Reading a CSV file of one table: the header decides which column is which (names
//! matched ignoring case and surrounding spaces, unknown ones set aside), then rows are
//! handed over one at a time.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use super::columns::TableKind;
use super::error::TransferError;
use super::files::{Counting, ReadStats};
use super::source::{Issue, RawRow, RowSink};

/// What a CSV file's header says.
#[derive(Debug, Clone)]
pub struct CsvHeader {
    pub kind: TableKind,
    /// For each column of the file, its position among the table's columns.
    map: Vec<Option<usize>>,
    /// Columns the table does not have, as the file spells them.
    pub ignored: Vec<String>,
}

fn not_utf8(file: &str, line: u64) -> TransferError {
    TransferError::Invalid(format!(
        "{file}:{line}: this line is not UTF-8 text; save the file as UTF-8 (\"CSV UTF-8\" in spreadsheets) and import again"
    ))
}

/// Where the `\n` of each `\r\n` line end is, among the bytes read but not yet parsed.
///
/// The csv crate starts a record that follows a `\r\n` at its `\n`, and counts that
/// line break only later, so its line numbers in a file with Windows line ends are one
/// short. A record that starts at one of these bytes really starts on the next line.
#[derive(Debug, Clone, Default)]
struct CrlfBreaks(Rc<RefCell<VecDeque<u64>>>);

impl CrlfBreaks {
    /// The line a record starts on, from the position the csv crate gives it.
    fn line_of(&self, position: Option<&csv::Position>) -> u64 {
        let Some(position) = position else { return 0 };
        let mut breaks = self.0.borrow_mut();
        // Records come in file order: breaks before this one are of no further use.
        while breaks.front().is_some_and(|b| *b < position.byte()) {
            breaks.pop_front();
        }
        position.line() + u64::from(breaks.front() == Some(&position.byte()))
    }
}

/// A reader that notes where the `\r\n` line ends of what it passes are.
struct NotingCrlf<R> {
    inner: R,
    breaks: CrlfBreaks,
    offset: u64,
    last: u8,
}

impl<R: Read> Read for NotingCrlf<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut breaks = self.breaks.0.borrow_mut();
        for (i, byte) in buf[..n].iter().enumerate() {
            if *byte == b'\n' && self.last == b'\r' {
                breaks.push_back(self.offset + i as u64);
            }
            self.last = *byte;
        }
        self.offset += n as u64;
        Ok(n)
    }
}

type CsvReader = csv::Reader<NotingCrlf<Counting<BufReader<File>>>>;

fn reader(path: &Path, stats: &ReadStats) -> Result<(CsvReader, CrlfBreaks), TransferError> {
    let file = File::open(path).map_err(|e| TransferError::reading(path, &e))?;
    let counted = Counting::new(BufReader::with_capacity(1 << 16, file), stats, None);
    let breaks = CrlfBreaks::default();
    let noting = NotingCrlf { inner: counted, breaks: breaks.clone(), offset: 0, last: 0 };
    Ok((csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(noting), breaks))
}

/// Reads the header of `path`. With `kind` the file must fit that table; without it the
/// table is recognised from the column names.
pub fn read_header(path: &Path, kind: Option<TableKind>) -> Result<CsvHeader, TransferError> {
    let file = path.display().to_string();
    let (mut reader, _) = reader(path, &ReadStats::default())?;
    let raw = reader.byte_headers().map_err(|e| match e.kind() {
        csv::ErrorKind::Io(io) => TransferError::reading(path, io),
        _ => TransferError::Invalid(format!("{file}:1: the header cannot be read: {e}")),
    })?;
    let mut names = Vec::with_capacity(raw.len());
    for field in raw {
        let text = std::str::from_utf8(field).map_err(|_| not_utf8(&file, 1))?;
        names.push(text.trim().to_string());
    }
    if names.iter().all(String::is_empty) {
        return Err(TransferError::Invalid(format!(
            "{file} is empty; a CSV import needs a header row naming its columns"
        )));
    }
    let lowered: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    let kind = match kind.or_else(|| TableKind::recognise(&lowered)) {
        Some(kind) => kind,
        None => {
            return Err(TransferError::Invalid(format!(
                "cannot tell what {file} holds from its header; name the columns as an export does, \
                 or pass --kind customers|interactions|feedback|contracts"
            )));
        }
    };
    let mut map = Vec::with_capacity(lowered.len());
    let mut ignored = Vec::new();
    for (name, original) in lowered.iter().zip(&names) {
        let position = kind.position(name);
        if position.is_some() && map.contains(&position) {
            return Err(TransferError::Invalid(format!(
                "{file}:1: the column '{original}' appears twice in the header; keep one"
            )));
        }
        if position.is_none() && !name.is_empty() {
            ignored.push(original.clone());
        }
        map.push(position);
    }
    let missing: Vec<&str> =
        kind.required().iter().copied().filter(|r| !lowered.iter().any(|name| name == r)).collect();
    if !missing.is_empty() {
        return Err(TransferError::Invalid(format!(
            "{file}:1: the header has no {} column; {} files need: {}",
            missing.iter().map(|m| format!("'{m}'")).collect::<Vec<_>>().join(", "),
            kind.key(),
            kind.required().join(", ")
        )));
    }
    Ok(CsvHeader { kind, map, ignored })
}

/// Hands every data row of `path` to `sink`, in file order.
pub fn read_rows(
    path: &Path,
    header: &CsvHeader,
    stats: &ReadStats,
    sink: &mut RowSink<'_>,
) -> Result<(), TransferError> {
    let file: Rc<str> = Rc::from(path.display().to_string());
    let (mut reader, breaks) = reader(path, stats)?;
    // Bytes, checked as UTF-8 here: the csv crate blames a bad first row on the header.
    let mut record = csv::ByteRecord::new();
    let mut row = RawRow::new(header.kind, file.clone());
    let width = header.map.len();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {}
            Err(e) => {
                let line = breaks.line_of(e.position());
                return Err(match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => not_utf8(&file, line),
                    csv::ErrorKind::Io(io) => TransferError::reading(path, io),
                    _ => TransferError::Invalid(format!("{file}:{line}: {e}")),
                });
            }
        }
        let line = breaks.line_of(record.position());
        row.reset(line);
        for (i, field) in record.iter().enumerate() {
            let text = std::str::from_utf8(field).map_err(|_| not_utf8(&file, line))?;
            if let Some(Some(column)) = header.map.get(i) {
                row.set(*column, text);
            }
        }
        let extra = record.iter().skip(width).filter(|f| !f.is_empty()).count();
        if extra > 0 {
            row.issues.push(Issue {
                column: None,
                reason: format!(
                    "the row has {} fields but the header names {width}; quote values that contain commas",
                    record.len()
                ),
            });
        }
        sink(&row)?;
    }
}
