//! Importing the fixtures of tests/fixtures/foreign/ (real layouts of other systems'
//! exports, invented people) and saying what must arrive, field by field.

#![allow(dead_code)] // Each test file uses its own share of these helpers.

use std::path::{Path, PathBuf};

use rapport::domain::dates::parse_date;
use rapport::domain::*;
use rapport::store::{Session, Store};
use rapport::transfer::{ImportCounts, ImportSettings, Quiet, ReadOptions, Source, check_import, import};

use super::today;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/foreign").join(name)
}

/// Imports `path` into `store` with the library, as `rapport import` does.
pub fn import_into(store: &mut Store, path: &Path, settings: ImportSettings) -> (ImportCounts, Vec<String>) {
    let source = Source::open(path, None, ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let mut quiet = Quiet { notices: rapport::transfer::notices::notices(&source) };
    let checked = check_import(Some(store), &source, settings, &mut quiet).unwrap_or_else(|e| match e {
        rapport::transfer::TransferError::Rows(p) => panic!("{}", p.lines().join("\n")),
        other => panic!("{other}"),
    });
    let outcome = import(store, &source, &checked, &mut quiet).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(outcome.counts, checked.counts(), "the load did what the check said");
    (outcome.counts, quiet.notices)
}

pub fn open(dir: &Path) -> Store {
    Store::open(&dir.join("rapport.db"), Session::on(today())).unwrap()
}

/// A fixture imported into a new database; its customers in file order, and the notices.
pub fn imported(name: &str) -> (Vec<Customer>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let (_, notices) = import_into(&mut store, &fixture(name), ImportSettings::new(today()));
    (customers(&store), notices)
}

pub fn customers(store: &Store) -> Vec<Customer> {
    let mut all = Vec::new();
    store
        .each_customer(|c| {
            all.push(c.clone());
            Ok::<_, rapport::store::StoreError>(())
        })
        .unwrap();
    all
}

/// The notices say the file was read as `label`.
pub fn read_as(notices: &[String], label: &str) {
    assert!(notices.iter().any(|n| n.ends_with(&format!("read as {label}"))), "{notices:?}");
}

/// What a customer must arrive with; fields left at their default must arrive empty.
#[derive(Debug, Default, Clone)]
pub struct Arrives {
    pub name: &'static str,
    pub company: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub tags: &'static [&'static str],
    pub notes: &'static str,
    pub source: &'static str,
    pub orders: u32,
    pub spend: i64,
    pub last_order: &'static str,
    pub since: &'static str,
}

fn opt_date(text: &str) -> Option<Date> {
    (!text.is_empty()).then(|| parse_date(text).unwrap())
}

/// Checks every customer against what must arrive, in order.
pub fn assert_arrive(file: &str, got: &[Customer], expected: &[Arrives]) {
    assert_eq!(got.len(), expected.len(), "{file}: how many customers: {got:#?}");
    for (c, e) in got.iter().zip(expected) {
        let who = format!("{file}: {}", e.name);
        assert_eq!(c.name, e.name, "{who}: name");
        assert_eq!(c.company, e.company, "{who}: company");
        assert_eq!(c.email.as_deref().unwrap_or(""), e.email, "{who}: email");
        assert_eq!(c.phone, e.phone, "{who}: phone");
        assert_eq!(c.tags, e.tags, "{who}: tags");
        assert_eq!(c.notes, e.notes, "{who}: notes");
        assert_eq!(c.source_ref.as_deref().unwrap_or(""), e.source, "{who}: source reference");
        let prior = PriorHistory {
            orders: e.orders,
            spend: e.spend,
            last_order: opt_date(e.last_order),
            since: opt_date(e.since),
        };
        assert_eq!(c.prior, prior, "{who}: history before rapport");
        assert_eq!(c.created, today(), "{who}: added today");
    }
}
