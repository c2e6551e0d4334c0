//! Scale: 100,000 customers and about 2,000,000 interactions come back through an
//! export and an import to identical files, in both formats. It prints the throughput
//! it saw (the figures that count are in BENCHMARKS.md, from `cargo bench`). It builds a
//! large database, so it only runs when asked, in a release build:
//!
//! cargo test --release --test main -- --ignored --nocapture transfer_scale

use std::path::Path;
use std::time::Instant;

use rapport::demo::DemoOptions;
use rapport::store::{Session, Store};
use rapport::transfer::{self, Counts, ExportFormat, ImportSettings, Quiet, ReadOptions, Source};

use crate::support::today;

const CUSTOMERS: u32 = 100_000;

/// The sample generator's database at full size: about 2,000,000 interactions.
fn build(path: &Path) -> Store {
    let mut store = Store::open(path, Session::on(today())).unwrap();
    let options = DemoOptions { customers: CUSTOMERS, seed: 1, replace: false };
    rapport::demo::generate(&mut store, &options, |_, _| {}).unwrap();
    store
}

fn rows(counts: Counts) -> u64 {
    counts.customers + counts.interactions + counts.feedback + counts.contracts + counts.history
}

fn same_files(a: &Path, b: &Path) {
    for entry in std::fs::read_dir(a).unwrap() {
        let name = entry.unwrap().file_name();
        assert!(std::fs::read(a.join(&name)).unwrap() == std::fs::read(b.join(&name)).unwrap(), "{name:?} differs");
    }
}

#[test]
#[ignore = "builds a database of 2,000,000 interactions; run in release with --ignored"]
fn two_million_interactions_export_fast_and_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let store = build(&dir.path().join("big.db"));
    println!("built the database in {:.1?}", started.elapsed());

    for (format, name) in [(ExportFormat::Csv, "csv"), (ExportFormat::Json, "export.json")] {
        let started = Instant::now();
        let counts = transfer::export(&store, &dir.path().join(name), format).unwrap();
        let secs = started.elapsed().as_secs_f64();
        let rate = rows(counts) as f64 / secs;
        println!("export {name}: {} rows in {secs:.2}s = {rate:.0} rows/s", rows(counts));
        assert!(counts.interactions > 1_900_000, "{counts:?}");
    }

    let mut copy = Store::open(&dir.path().join("copy.db"), Session::on(today())).unwrap();
    let source = Source::open(&dir.path().join("csv"), None, ReadOptions::default()).unwrap();
    let started = Instant::now();
    let checked =
        transfer::check_import(Some(&copy), &source, ImportSettings::new(today()), &mut Quiet::default()).unwrap();
    let checking = started.elapsed();
    let outcome = transfer::import(&mut copy, &source, &checked, &mut Quiet::default()).unwrap();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "import csv: {} rows in {secs:.2}s ({checking:.1?} checking) = {:.0} rows/s",
        rows(outcome.counts.added),
        rows(outcome.counts.added) as f64 / secs
    );
    transfer::export(&copy, &dir.path().join("again"), ExportFormat::Csv).unwrap();
    same_files(&dir.path().join("csv"), &dir.path().join("again"));

    let mut from_json = Store::open(&dir.path().join("json.db"), Session::on(today())).unwrap();
    let source = Source::open(&dir.path().join("export.json"), None, ReadOptions::default()).unwrap();
    let started = Instant::now();
    let checked =
        transfer::check_import(Some(&from_json), &source, ImportSettings::new(today()), &mut Quiet::default()).unwrap();
    let outcome = transfer::import(&mut from_json, &source, &checked, &mut Quiet::default()).unwrap();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "import json: {} rows in {secs:.2}s = {:.0} rows/s",
        rows(outcome.counts.added),
        rows(outcome.counts.added) as f64 / secs
    );
    transfer::export(&from_json, &dir.path().join("again.json"), ExportFormat::Json).unwrap();
    assert!(
        std::fs::read(dir.path().join("export.json")).unwrap() == std::fs::read(dir.path().join("again.json")).unwrap()
    );
}
