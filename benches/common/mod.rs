//! What every benchmark shares: the sample database at full size, built once with the
//! sample generator and kept under `target/bench-data/` (keyed by size, seed, date and
//! schema version) so that later runs reuse it, and scratch copies for benchmarks that
//! write. Benchmarks run only under `cargo bench`: under `cargo test` they exit at once,
//! so that tests never build a database of two million interactions.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use rapport::demo::{DemoOptions, generate};
use rapport::domain::Date;
pub use rapport::store::sqlite::remove_database;
use rapport::store::sqlite::schema::LATEST_VERSION;
use rapport::store::{Session, Store};

/// The day every benchmark runs on, so that summaries are current and nothing is rewritten.
pub const TODAY: &str = "2026-06-15";
pub const SEED: u64 = 1;

pub fn today() -> Date {
    TODAY.parse().expect("TODAY is a date")
}

pub fn context() -> Session {
    Session::on(today())
}

/// Customers in the sample: 100,000 unless `RAPPORT_BENCH_CUSTOMERS` says otherwise.
pub fn customers() -> u32 {
    std::env::var("RAPPORT_BENCH_CUSTOMERS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000)
}

/// Whether this run is `cargo bench` (which passes `--bench`) rather than a test run.
pub fn benchmarking() -> bool {
    std::env::args().any(|a| a == "--bench")
}

pub fn data_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("target/tmp has a parent").join("bench-data");
    std::fs::create_dir_all(&dir).expect("create target/bench-data");
    dir
}

/// The sample database, built on first use.
pub fn database() -> PathBuf {
    let n = customers();
    let path = data_dir().join(format!("sample-{n}-seed{SEED}-{TODAY}-schema{LATEST_VERSION}.db"));
    if path.exists() {
        return path;
    }
    let building = path.with_extension("building");
    remove_database(&building);
    eprintln!("building the benchmark database: {n} customers (once; kept at {})", path.display());
    let started = Instant::now();
    {
        let mut store = Store::open(&building, context()).expect("create the benchmark database");
        let options = DemoOptions { customers: n, seed: SEED, replace: false };
        let written = generate(&mut store, &options, |_, _| {}).expect("generate the sample");
        eprintln!(
            "  {} customers, {} interactions, {} feedback in {:.1?}",
            written.customers,
            written.interactions,
            written.feedback,
            started.elapsed()
        );
    }
    std::fs::rename(&building, &path).expect("keep the benchmark database");
    path
}

/// A fresh copy of the sample for a benchmark that writes, beside it on the same disk.
pub fn scratch_copy(name: &str) -> PathBuf {
    let source = database();
    let copy = data_dir().join(format!("scratch-{name}.db"));
    remove_database(&copy);
    std::fs::copy(&source, &copy).expect("copy the benchmark database");
    copy
}

/// The aggregate pass over the interactions that `rapport reclassify` is measured against.
pub const GROUP_BY: &str =
    "SELECT customer_id, count(*), max(date), sum(amount_cents) FROM interactions GROUP BY customer_id";

/// The 1-, 5- and 15-minute load averages, as /proc/loadavg has them.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}
