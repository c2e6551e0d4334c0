//! The store at 100,000 customers and about 2,000,000 interactions: logging one
//! interaction on the real disk, reading the lists, and the full evaluation pass that
//! `rapport reclassify` makes, beside SQLite's own aggregate pass over the interactions
//! (through rusqlite, so that a machine without the sqlite3 shell still has a yardstick).

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use rapport::domain::{Interaction, InteractionKind};
use rapport::store::Store;
use rapport::store::sqlite::Sqlite;

fn writes(c: &mut Criterion) {
    // A copy beside the cached database: the benchmark adds interactions to it.
    let path = common::scratch_copy("log");
    let mut store = Store::open(&path, common::context()).expect("open the copy");
    store.ensure_current().expect("summaries current");
    let customers = store.list_rows().expect("list").iter().map(|r| r.id).collect::<Vec<_>>();
    let mut next = 0;
    let mut group = c.benchmark_group("write");
    group.sample_size(100).measurement_time(Duration::from_secs(10));
    group.bench_function("log one interaction (FULL sync, summary, suggestion)", |b| {
        b.iter(|| {
            // Spread over the customers, as a day of work would be.
            let customer_id = customers[(next * 7919) % customers.len()];
            next += 1;
            let interaction = Interaction {
                id: 0,
                customer_id,
                date: common::today(),
                kind: InteractionKind::Call,
                summary: "Checked in about the next order".into(),
                amount: None,
                sentiment: Some(1),
            };
            black_box(store.log_interaction(&interaction).expect("log"));
        })
    });
    group.finish();
    drop(store);
    common::remove_database(&path);
}

fn reads(c: &mut Criterion) {
    let path = common::database();
    let store = Store::open(&path, common::context()).expect("open");
    let mut group = c.benchmark_group("read");
    group.sample_size(20).measurement_time(Duration::from_secs(10));
    group.bench_function("list rows of every customer (the dashboard's)", |b| {
        b.iter(|| black_box(store.list_rows().expect("list").len()))
    });
    group.bench_function("roster of every customer (rapport list's)", |b| {
        b.iter(|| black_box(store.roster().expect("roster").len()))
    });
    group.bench_function("evaluate everyone (rapport reclassify's pass)", |b| {
        b.iter(|| {
            let mut moved = 0;
            store
                .evaluate_all(|e| {
                    moved += usize::from(e.classification.relationship != e.relationship);
                    Ok(())
                })
                .expect("evaluate");
            black_box(moved)
        })
    });
    group.bench_function("SQLite GROUP BY over the interactions (rusqlite)", |b| {
        b.iter(|| {
            let sqlite = store.engine::<Sqlite>().expect("a SQLite store");
            let mut stmt = sqlite.connection().prepare(common::GROUP_BY).expect("prepare");
            let mut rows = stmt.query([]).expect("query");
            let mut n = 0;
            while let Some(row) = rows.next().expect("step") {
                n += row.get::<_, i64>(1).expect("count");
            }
            black_box(n)
        })
    });
    group.finish();
}

fn main() {
    if !common::benchmarking() {
        return;
    }
    eprintln!("load average before: {}", common::load_average());
    let mut c = Criterion::default().configure_from_args();
    writes(&mut c);
    reads(&mut c);
    c.final_summary();
    eprintln!("load average after: {}", common::load_average());
}
