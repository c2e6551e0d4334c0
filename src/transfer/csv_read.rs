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

/// Landmarks among the bytes read but not yet parsed: where the `\n` of each `\r\n`
/// line end is, and where the quote characters are.
#[derive(Debug, Default)]
struct Noted {
    crlf: VecDeque<u64>,
    quotes: VecDeque<u64>,
}

/// What the csv crate does not say, worked out from [`Noted`]. Records come in file
/// order, so landmarks before the record being asked about are dropped as it goes.
#[derive(Debug, Clone, Default)]
struct Landmarks(Rc<RefCell<Noted>>);

impl Landmarks {
    /// The line a record starts on, from the position the csv crate gives it.
    ///
    /// The csv crate starts a record that follows a `\r\n` at its `\n`, and counts that
    /// line break only later, so its line numbers in a file with Windows line ends are one
    /// short. A record that starts at one of these bytes really starts on the next line.
    fn line_of(&self, position: Option<&csv::Position>) -> u64 {
        let Some(position) = position else { return 0 };
        let crlf = &mut self.0.borrow_mut().crlf;
        while crlf.front().is_some_and(|b| *b < position.byte()) {
            crlf.pop_front();
        }
        position.line() + u64::from(crlf.front() == Some(&position.byte()))
    }

    /// Whether the quotes from `start` up to `end` pair up. The csv crate reads an
    /// unclosed quote to the end of the file, taking every later row into one field,
    /// and keeps a stray quote inside a field as it is; either leaves an odd count.
    fn quotes_pair_up(&self, start: u64, end: u64) -> bool {
        let quotes = &mut self.0.borrow_mut().quotes;
        while quotes.front().is_some_and(|q| *q < start) {
            quotes.pop_front();
        }
        quotes.iter().take_while(|q| **q < end).count() % 2 == 0
    }
}

/// A reader that notes the landmarks of what it passes.
struct Noting<R> {
    inner: R,
    landmarks: Landmarks,
    offset: u64,
    last: u8,
}

impl<R: Read> Read for Noting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut noted = self.landmarks.0.borrow_mut();
        for (i, byte) in buf[..n].iter().enumerate() {
            let at = self.offset + i as u64;
            match *byte {
                b'\n' if self.last == b'\r' => noted.crlf.push_back(at),
                b'"' => noted.quotes.push_back(at),
                _ => {}
            }
            self.last = *byte;
        }
        self.offset += n as u64;
        Ok(n)
    }
}

type CsvReader = csv::Reader<Noting<Counting<BufReader<File>>>>;

fn reader(path: &Path, stats: &ReadStats) -> Result<(CsvReader, Landmarks), TransferError> {
    let file = File::open(path).map_err(|e| TransferError::reading(path, &e))?;
    let counted = Counting::new(BufReader::with_capacity(1 << 16, file), stats, None);
    let landmarks = Landmarks::default();
    let noting = Noting { inner: counted, landmarks: landmarks.clone(), offset: 0, last: 0 };
    Ok((csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(noting), landmarks))
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
    let lowered: Vec<String> = names.iter().map(|n| TableKind::canonical_name(&n.to_lowercase())).collect();
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
    let (mut reader, landmarks) = reader(path, stats)?;
    // Bytes, checked as UTF-8 here: the csv crate blames a bad first row on the header.
    let mut record = csv::ByteRecord::new();
    let mut row = RawRow::new(header.kind, file.clone());
    let width = header.map.len();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {}
            Err(e) => {
                let line = landmarks.line_of(e.position());
                return Err(match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => not_utf8(&file, line),
                    csv::ErrorKind::Io(io) => TransferError::reading(path, io),
                    _ => TransferError::Invalid(format!("{file}:{line}: {e}")),
                });
            }
        }
        let line = landmarks.line_of(record.position());
        row.reset(line);
        let start = record.position().map_or(0, |p| p.byte());
        if !landmarks.quotes_pair_up(start, reader.position().byte()) {
            row.issues.push(Issue {
                column: None,
                reason: "a quote here is not closed or stands inside a field; quote a whole field, \
                         and double a quote within it (\"\")"
                    .into(),
            });
        }
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
