//! Scale: 100,000 customers and 2,000,000 interactions are exported at 200,000 rows a
//! second or more, and come back through an import to identical files. It builds a large
//! database, so it only runs when asked, in a release build:
//!
//! cargo test --release --test transfer_scale -- --ignored --nocapture

use std::path::Path;
use std::time::Instant;

use rapport::domain::dates::{add_days, parse_date};
use rapport::domain::*;
use rapport::store::{Context, Store};
use rapport::transfer::{self, Counts, ExportFormat, Quiet, Source};

const CUSTOMERS: i64 = 100_000;
const INTERACTIONS: i64 = 2_000_000;

fn today() -> Date {
    parse_date("2026-06-15").unwrap()
}

/// A small deterministic generator, so every run builds the same database.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn build(path: &Path) -> Store {
    let mut store = Store::open(path, Context::with_default_rules(today())).unwrap();
    let mut rng = Lcg(7);
    store
        .bulk_load(|l| {
            l.with_large_cache(|l| {
                for i in 1..=CUSTOMERS {
                    let mut c =
                        Customer::new(format!("Customer \"{i}\", Ltd"), add_days(today(), -(rng.below(2000) as i64)));
                    c.email = Some(format!("c{i}@example.com"));
                    c.tags = vec!["retail".into(), format!("region {}", i % 7)];
                    c.notes = "Met at the fair;\nprefers email".into();
                    c.relationship = RelationshipType::ALL[rng.below(7) as usize];
                    c.archived = i % 50 == 0;
                    l.insert_customer(&c)?;
                }
                for _ in 0..INTERACTIONS {
                    let kind = InteractionKind::ALL[rng.below(9) as usize];
                    l.insert_interaction(&Interaction {
                        id: 0,
                        customer_id: 1 + rng.below(CUSTOMERS as u64) as i64,
                        date: add_days(today(), -(rng.below(900) as i64)),
                        kind,
                        summary: "Talked about the spring order, \"urgent\"".into(),
                        amount: (kind == InteractionKind::Purchase).then(|| rng.below(500_000) as i64),
                        sentiment: Some(rng.below(5) as i8 - 2),
                    })?;
                }
                for _ in 0..CUSTOMERS / 2 {
                    l.insert_feedback(&Feedback {
                        id: 0,
                        customer_id: 1 + rng.below(CUSTOMERS as u64) as i64,
                        date: add_days(today(), -(rng.below(400) as i64)),
                        nps: Some(rng.below(11) as u8),
                        csat: Some(1 + rng.below(5) as u8),
                        kind: FeedbackKind::General,
                        comment: String::new(),
                        resolved: false,
                    })?;
                }
                Ok(())
            })
        })
        .unwrap();
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
        assert_eq!(counts.interactions, INTERACTIONS as u64);
        assert!(rate >= 200_000.0, "export {name} ran at {rate:.0} rows/s");
    }

    let mut copy = Store::open(&dir.path().join("copy.db"), Context::with_default_rules(today())).unwrap();
    let source = Source::open(&dir.path().join("csv"), None).unwrap();
    let started = Instant::now();
    let checked = transfer::check_import(Some(&copy), &source, today(), &mut Quiet::default()).unwrap();
    let checking = started.elapsed();
    let outcome = transfer::import(&mut copy, &source, &checked, &mut Quiet::default()).unwrap();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "import csv: {} rows in {secs:.2}s ({checking:.1?} checking) = {:.0} rows/s",
        rows(outcome.counts),
        rows(outcome.counts) as f64 / secs
    );
    transfer::export(&copy, &dir.path().join("again"), ExportFormat::Csv).unwrap();
    same_files(&dir.path().join("csv"), &dir.path().join("again"));

    let mut from_json = Store::open(&dir.path().join("json.db"), Context::with_default_rules(today())).unwrap();
    let source = Source::open(&dir.path().join("export.json"), None).unwrap();
    let started = Instant::now();
    let checked = transfer::check_import(Some(&from_json), &source, today(), &mut Quiet::default()).unwrap();
    let outcome = transfer::import(&mut from_json, &source, &checked, &mut Quiet::default()).unwrap();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "import json: {} rows in {secs:.2}s = {:.0} rows/s",
        rows(outcome.counts),
        rows(outcome.counts) as f64 / secs
    );
    transfer::export(&from_json, &dir.path().join("again.json"), ExportFormat::Json).unwrap();
    assert!(
        std::fs::read(dir.path().join("export.json")).unwrap() == std::fs::read(dir.path().join("again.json")).unwrap()
    );
}
