//! Moving data in and out of rapport as files: CSV folders and JSON exports (see docs/files.md).
//!
//! This module knows the file formats and the rules rows must keep; it reaches the
//! database only through the store's own methods, never with SQL.
//!
//! - [`columns`]: the tables and their columns, exactly as the design names them.
//! - [`export`]: every table, streamed out in id order, written under a temporary name.
//! - [`source`]: what an import path holds (a CSV file, an export folder, a JSON export)
//!   and reading its rows one at a time.
//! - [`fields`]: turning one row into a validated record.
//! - [`import`]: checking a whole import, then loading it in one transaction.

mod assemble;
pub mod cells;
pub mod columns;
mod csv_read;
mod csv_write;
pub mod dates;
mod decode;
mod error;
pub mod export;
mod field_reader;
pub mod fields;
mod files;
mod formula;
pub mod import;
mod json_read;
mod json_write;
mod mapping;
pub mod notices;
pub mod problems;
pub mod profiles;
mod raw;
mod resolve;
pub mod source;
mod vcard_read;
mod vcard_write;

pub use columns::TableKind;
pub use csv_read::ReadOptions;
pub use error::TransferError;
pub use export::{ExportFormat, export};
pub use import::{
    CustomerCounts, ImportCounts, ImportObserver, ImportOutcome, ImportSettings, Quiet, check_import, import,
};
pub use problems::{Problem, Problems};
pub use source::Source;

/// How many records of each table an export wrote or an import read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub customers: u64,
    pub interactions: u64,
    pub feedback: u64,
    pub contracts: u64,
    pub history: u64,
}

impl Counts {
    pub fn get(&self, kind: TableKind) -> u64 {
        match kind {
            TableKind::Customers => self.customers,
            TableKind::Interactions => self.interactions,
            TableKind::Feedback => self.feedback,
            TableKind::Contracts => self.contracts,
            TableKind::History => self.history,
        }
    }

    pub fn add(&mut self, kind: TableKind, n: u64) {
        match kind {
            TableKind::Customers => self.customers += n,
            TableKind::Interactions => self.interactions += n,
            TableKind::Feedback => self.feedback += n,
            TableKind::Contracts => self.contracts += n,
            TableKind::History => self.history += n,
        }
    }

    /// Every table: "3 customers, 40 interactions, 2 feedback, 0 contracts and 5 history
    /// entries".
    pub fn describe(&self) -> String {
        join(TableKind::ALL.iter().map(|k| k.count_words(self.get(*k))).collect())
    }

    /// Only the tables with records: "3 customers and 40 interactions", or "no records".
    pub fn describe_present(&self) -> String {
        let parts: Vec<String> =
            TableKind::ALL.iter().filter(|k| self.get(**k) > 0).map(|k| k.count_words(self.get(*k))).collect();
        if parts.is_empty() { "no records".into() } else { join(parts) }
    }
}

fn join(parts: Vec<String>) -> String {
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_described_in_words() {
        let mut counts = Counts::default();
        assert_eq!(counts.describe_present(), "no records");
        counts.add(TableKind::Customers, 1);
        assert_eq!(counts.describe_present(), "1 customer");
        counts.add(TableKind::History, 2);
        assert_eq!(counts.describe_present(), "1 customer and 2 history entries");
        assert_eq!(counts.describe(), "1 customer, 0 interactions, 0 feedback, 0 contracts and 2 history entries");
    }
}
