//! What an import path holds — one CSV file, an export folder of CSV files, or a JSON
//! export — and reading its rows, table by table, one row at a time.

use std::fs;
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};

use super::columns::TableKind;
use super::csv_read::{self, CsvHeader, ReadOptions};
use super::decode::{self, TextEncoding};
use super::error::TransferError;
use super::files::ReadStats;
use super::json_read;
pub use super::raw::{Issue, RawRow, RowSink, sort_issues};
use super::vcard_read;

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
