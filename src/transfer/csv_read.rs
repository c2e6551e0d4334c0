//! Reading a CSV file of one table, in whatever encoding and with whichever separator it
//! was written: the header decides which column is which (see [`ColumnMap`]), then rows
//! are handed over one at a time, translated into rapport's columns.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, Read};
use std::path::Path;
use std::rc::Rc;

use encoding_rs::Encoding;

use super::columns::TableKind;
use super::decode::{self, TextEncoding};
use super::error::TransferError;
use super::files::ReadStats;
use super::mapping::ColumnMap;
use super::raw::{Issue, RawRow, RowSink};
use crate::domain::money::DecimalMark;

/// How to read the files of an import, where the person said so.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// `--encoding`: used unless the file starts with a byte-order mark.
    pub encoding: Option<&'static Encoding>,
    /// `--delimiter`.
    pub delimiter: Option<u8>,
}

impl ReadOptions {
    /// The options `--encoding NAME` and `--delimiter CHAR` give.
    pub fn from_flags(encoding: Option<&str>, delimiter: Option<&str>) -> Result<ReadOptions, TransferError> {
        let encoding = encoding.map(decode::named).transpose()?;
        let delimiter = delimiter
            .map(|d| match d {
                "tab" | "\\t" | "\t" | "TAB" => Ok(b'\t'),
                "comma" => Ok(b','),
                "semicolon" => Ok(b';'),
                one if one.len() == 1 && one.is_ascii() && !one.contains(['"', '\n', '\r']) => Ok(one.as_bytes()[0]),
                other => Err(TransferError::Invalid(format!(
                    "--delimiter: '{}' is not one character; give , or ; or tab",
                    crate::text::fitted(other, 20)
                ))),
            })
            .transpose()?;
        Ok(ReadOptions { encoding, delimiter })
    }
}

/// What a CSV file's header says, and how the file is written.
#[derive(Debug, Clone)]
pub struct CsvHeader {
    pub map: ColumnMap,
    pub encoding: TextEncoding,
    pub delimiter: u8,
    /// Lines before the header: Excel's `sep=;` line.
    skipped_lines: u64,
}

impl CsvHeader {
    pub fn kind(&self) -> TableKind {
        self.map.kind
    }

    /// The decimal mark amounts are read with when they alone cannot tell: files that
    /// separate cells with `;` come from spreadsheets whose decimal mark is the comma.
    pub fn decimal(&self) -> DecimalMark {
        if self.delimiter == b';' { DecimalMark::Comma } else { DecimalMark::Point }
    }
}

/// The name of a separator for messages.
pub fn delimiter_name(delimiter: u8) -> String {
    match delimiter {
        b',' => "commas".into(),
        b';' => "semicolons".into(),
        b'\t' => "tabs".into(),
        b'|' => "bars".into(),
        other => format!("'{}'", char::from(other)),
    }
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

type CsvReader = csv::Reader<Noting<SkipLines<Box<dyn Read>>>>;

/// Passes over the first lines of a reader (Excel's `sep=;`).
struct SkipLines<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for SkipLines<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.left > 0 {
            let mut byte = [0u8; 1];
            if self.inner.read(&mut byte)? == 0 {
                return Ok(0);
            }
            if byte[0] == b'\n' {
                self.left -= 1;
            }
        }
        self.inner.read(buf)
    }
}

fn reader(
    path: &Path,
    encoding: TextEncoding,
    delimiter: u8,
    skipped_lines: u64,
    stats: &ReadStats,
) -> Result<(CsvReader, Landmarks), TransferError> {
    let text = decode::open(path, encoding, stats)?;
    let landmarks = Landmarks::default();
    let skipped = SkipLines { inner: text, left: skipped_lines };
    let noting = Noting { inner: skipped, landmarks: landmarks.clone(), offset: 0, last: 0 };
    let reader = csv::ReaderBuilder::new().flexible(true).has_headers(true).delimiter(delimiter).from_reader(noting);
    Ok((reader, landmarks))
}

/// The first line of the text, up to a limit.
fn first_line(path: &Path, encoding: TextEncoding) -> Result<String, TransferError> {
    let mut text = decode::open(path, encoding, &ReadStats::default())?.take(1 << 16);
    let mut head = Vec::new();
    text.read_to_end(&mut head).map_err(|e| TransferError::reading(path, &e))?;
    let line = head.split(|b| *b == b'\n').next().unwrap_or(&[]);
    Ok(String::from_utf8_lossy(line).trim_end_matches('\r').to_string())
}

/// The separator a header line uses: the most frequent of `,` `;` and tab outside quotes
/// (a comma when none is found).
fn detect_delimiter(line: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in line.bytes() {
        match b {
            b'"' => quoted = !quoted,
            _ if quoted => {}
            _ => {
                if let Some(slot) = counts.iter_mut().find(|(d, _)| *d == b) {
                    slot.1 += 1;
                }
            }
        }
    }
    counts.iter().fold((b',', 0), |best, c| if c.1 > best.1 { *c } else { best }).0
}

/// Reads the header of `path`. With `kind` the file must fit that table; without it the
/// table (and, for customers, the system that wrote the file) is recognised from the
/// column names.
pub fn read_header(path: &Path, kind: Option<TableKind>, options: ReadOptions) -> Result<CsvHeader, TransferError> {
    let file = path.display().to_string();
    let encoding = decode::detect(path, options.encoding)?;
    let line = first_line(path, encoding)?;
    // Excel writes "sep=;" above the header of files meant for Excel.
    let sep_line = line.strip_prefix("sep=").or_else(|| line.strip_prefix("SEP=")).filter(|d| d.len() == 1);
    let skipped_lines = u64::from(sep_line.is_some());
    let delimiter = match (options.delimiter, sep_line) {
        (Some(d), _) => d,
        (None, Some(d)) => d.as_bytes()[0],
        (None, None) => detect_delimiter(&line),
    };
    let (mut reader, _) = reader(path, encoding, delimiter, skipped_lines, &ReadStats::default())?;
    let header_line = 1 + skipped_lines;
    let raw = reader.byte_headers().map_err(|e| match e.kind() {
        csv::ErrorKind::Io(io) => TransferError::reading(path, io),
        _ => TransferError::Invalid(format!("{file}:{header_line}: the header cannot be read: {e}")),
    })?;
    let mut names = Vec::with_capacity(raw.len());
    for field in raw {
        let text = std::str::from_utf8(field).map_err(|_| not_utf8(&file, header_line))?;
        names.push(text.trim().to_string());
    }
    if names.iter().all(String::is_empty) {
        return Err(TransferError::Invalid(format!(
            "{file} is empty; a CSV import needs a header row naming its columns"
        )));
    }
    let map = ColumnMap::new(&file, &names, kind)?;
    Ok(CsvHeader { map, encoding, delimiter, skipped_lines })
}

/// Hands every data row of `path` to `sink`, in file order.
pub fn read_rows(
    path: &Path,
    header: &CsvHeader,
    stats: &ReadStats,
    sink: &mut RowSink<'_>,
) -> Result<(), TransferError> {
    let file: Rc<str> = Rc::from(path.display().to_string());
    let (mut reader, landmarks) = reader(path, header.encoding, header.delimiter, header.skipped_lines, stats)?;
    let line_of = |position: Option<&csv::Position>| landmarks.line_of(position) + header.skipped_lines;
    // Bytes, checked as UTF-8 here: the csv crate blames a bad first row on the header.
    let mut record = csv::ByteRecord::new();
    let mut row = RawRow::new(header.kind(), file.clone());
    row.decimal = header.decimal();
    row.labels = Some(header.map.labels().into());
    let width = header.map.width();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {}
            Err(e) => {
                let line = line_of(e.position());
                return Err(match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => not_utf8(&file, line),
                    csv::ErrorKind::Io(io) => TransferError::reading(path, io),
                    _ => TransferError::Invalid(format!("{file}:{line}: {e}")),
                });
            }
        }
        let line = line_of(record.position());
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
        let mut values = Vec::with_capacity(record.len());
        for field in record.iter() {
            values.push(std::str::from_utf8(field).map_err(|_| not_utf8(&file, line))?);
        }
        header.map.translate(values.iter().copied(), &mut row);
        let extra = values.iter().skip(width).filter(|f| !f.is_empty()).count();
        if extra > 0 {
            row.issues.push(Issue {
                column: None,
                reason: format!(
                    "the row has {} fields but the header names {width}; quote values that contain {}",
                    values.len(),
                    delimiter_name(header.delimiter)
                ),
            });
        }
        sink(&row)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_the_most_frequent_outside_quotes() {
        assert_eq!(detect_delimiter("name,email,phone"), b',');
        assert_eq!(detect_delimiter("Nombre;Apellidos;\"Empresa, S.L.\""), b';');
        assert_eq!(detect_delimiter("Nom\tPrénom\tSociété"), b'\t');
        assert_eq!(detect_delimiter("name"), b',');
        assert_eq!(delimiter_name(b'\t'), "tabs");
    }
}
