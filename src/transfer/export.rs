//! `rapport export`: every record of every table, archived customers included, in id
//! order. Rows stream from the database to the file one at a time, and the result is
//! written under a temporary name and renamed into place only once complete, so a crash
//! never leaves half an export where the whole one should be.

use std::fs;
use std::io::{BufWriter, ErrorKind, Write};
use std::path::Path;

use super::Counts;
use super::cells::{self, Cell};
use super::columns::TableKind;
use super::csv_write::CsvTable;
use super::error::TransferError;
use super::files::{Partial, create_private_file, partial_name, sync_folder};
use super::json_write::JsonDocument;
use super::vcard_write;
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// A folder with one CSV file per table.
    Csv,
    /// One JSON document holding every table.
    Json,
    /// One vCard 4.0 file of the customers (archived ones left out), for address books.
    Vcard,
}

/// Writes everything in `store` to `out`. Refuses to replace anything but an empty folder.
pub fn export(store: &Store, out: &Path, format: ExportFormat) -> Result<Counts, TransferError> {
    match format {
        ExportFormat::Csv => export_csv(store, out),
        ExportFormat::Json => export_json(store, out),
        ExportFormat::Vcard => export_vcard(store, out),
    }
}

/// Streams one table through `row`, returning how many records it held.
fn write_table(
    store: &Store,
    kind: TableKind,
    row: &mut dyn FnMut(&[Cell<'_>]) -> Result<(), TransferError>,
) -> Result<u64, TransferError> {
    match kind {
        TableKind::Customers => store.each_customer(|c| row(&cells::customer(c))),
        TableKind::Interactions => store.each_interaction(|i| row(&cells::interaction(i))),
        TableKind::Feedback => store.each_feedback(|f| row(&cells::feedback(f))),
        TableKind::Contracts => store.each_contract(|c| row(&cells::contract(c))),
        TableKind::History => store.each_history(|h| row(&cells::history(h))),
    }
}

/// A CSV export may go to a new folder or an empty one, nowhere else.
fn check_folder_target(out: &Path) -> Result<(), TransferError> {
    match fs::symlink_metadata(out) {
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(TransferError::writing(out, &e)),
        Ok(meta) if meta.is_dir() => {
            let mut entries = fs::read_dir(out).map_err(|e| TransferError::writing(out, &e))?;
            if entries.next().is_none() {
                Ok(())
            } else {
                Err(TransferError::Invalid(format!(
                    "{} already holds files and an export never overwrites; give a new or empty folder",
                    out.display()
                )))
            }
        }
        Ok(_) => Err(TransferError::Invalid(format!(
            "{} already exists and is not a folder; a CSV export needs a new or empty folder",
            out.display()
        ))),
    }
}

fn export_csv(store: &Store, out: &Path) -> Result<Counts, TransferError> {
    check_folder_target(out)?;
    let partial = Partial::folder(partial_name(out)?)?;
    let counts = store.read_snapshot(|s| {
        let mut counts = Counts::default();
        for kind in TableKind::ALL {
            let mut table = CsvTable::create(&partial.path().join(kind.file_name()), kind)?;
            let n = write_table(s, kind, &mut |cells| table.row(cells))?;
            table.finish()?;
            counts.add(kind, n);
        }
        Ok::<_, TransferError>(counts)
    })?;
    sync_folder(partial.path());
    // Someone may have put files there while the export ran.
    check_folder_target(out)?;
    partial.finish(out)?;
    Ok(counts)
}

/// A JSON or vCard export is one new file.
fn check_file_target(out: &Path) -> Result<(), TransferError> {
    match fs::symlink_metadata(out) {
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(TransferError::writing(out, &e)),
        Ok(meta) if meta.is_dir() => Err(TransferError::Invalid(format!(
            "{} is a folder; this export is one file, so give a file name",
            out.display()
        ))),
        Ok(_) => Err(TransferError::Invalid(format!(
            "{} already exists and an export never overwrites; give a new file name or remove it first",
            out.display()
        ))),
    }
}

fn export_json(store: &Store, out: &Path) -> Result<Counts, TransferError> {
    check_file_target(out)?;
    let path = partial_name(out)?;
    let mut doc = JsonDocument::create(&path)?;
    let partial = Partial::file(path);
    let counts = store.read_snapshot(|s| {
        let mut counts = Counts::default();
        for kind in TableKind::ALL {
            doc.begin_table(kind)?;
            let n = write_table(s, kind, &mut |cells| doc.row(cells))?;
            doc.end_table()?;
            counts.add(kind, n);
        }
        Ok::<_, TransferError>(counts)
    })?;
    doc.finish()?;
    check_file_target(out)?;
    partial.finish(out)?;
    Ok(counts)
}

fn export_vcard(store: &Store, out: &Path) -> Result<Counts, TransferError> {
    check_file_target(out)?;
    let path = partial_name(out)?;
    let file = create_private_file(&path)?;
    let partial = Partial::file(path.clone());
    let mut writer = BufWriter::with_capacity(1 << 16, file);
    let mut card = Vec::with_capacity(1024);
    let mut counts = Counts::default();
    store.read_snapshot(|s| {
        s.each_customer(|c| {
            if c.archived {
                return Ok(());
            }
            card.clear();
            vcard_write::card(&mut card, c);
            counts.customers += 1;
            writer.write_all(&card).map_err(|e| TransferError::writing(&path, &e))
        })
        .map(|_| ())
    })?;
    let file = writer.into_inner().map_err(|e| TransferError::writing(&path, e.error()))?;
    file.sync_all().map_err(|e| TransferError::writing(&path, &e))?;
    check_file_target(out)?;
    partial.finish(out)?;
    Ok(counts)
}
