//! The sample data: deterministic, complete across every vocabulary, consistent with the
//! engine, and careful with a database that already holds customers.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use rapport::demo::{DemoOptions, ensure_demo_database, generate};
use rapport::domain::dates::parse_date;
use rapport::domain::model::Summary;
use rapport::domain::*;
use rapport::store::{Session, Store};
use rusqlite::types::Value;

use crate::support::sandboxed;

const TODAY: &str = "2026-03-01";
const CUSTOMERS: u32 = 300;

fn today() -> Date {
    parse_date(TODAY).unwrap()
}

fn ctx() -> Session {
    Session::on(today())
}

/// The binary, with today fixed and every configuration path inside `dir`.
fn rapport(dir: &Path) -> Command {
    let mut cmd = Command::from_std(sandboxed(&dir.join("home")));
    cmd.env("RAPPORT_TODAY", TODAY);
    cmd
}

fn demo(dir: &Path, db: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    rapport(dir).arg("--db").arg(db).arg("demo").args(extra).assert()
}

/// Every row of every table, in key order, as text.
fn dump(db: &Path, skip: &[&str]) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for table in tables.iter().filter(|t| !skip.contains(&t.as_str())) {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY 1")).unwrap();
        let columns = stmt.column_count();
        let rows =
            stmt.query_map([], |r| (0..columns).map(|i| r.get::<_, Value>(i)).collect::<Result<Vec<_>, _>>()).unwrap();
        for row in rows {
            out.push(format!("{table}: {:?}", row.unwrap()));
        }
    }
    out
}

fn filled(dir: &Path, name: &str, seed: &str) -> PathBuf {
    let db = dir.join(name);
    demo(dir, &db, &["--customers", &CUSTOMERS.to_string(), "--seed", seed])
        .success()
        .stdout(contains(format!("Wrote {CUSTOMERS} customers,")));
    db
}

#[test]
fn the_same_seed_gives_the_same_database_and_another_seed_does_not() {
    let dir = tempfile::tempdir().unwrap();
    // The activity record says when each was written: everything else is the same.
    let first = dump(&filled(dir.path(), "a.db", "7"), &["activity"]);
    let again = dump(&filled(dir.path(), "b.db", "7"), &["activity"]);
    let other = dump(&filled(dir.path(), "c.db", "8"), &["activity"]);
    assert!(first.len() > CUSTOMERS as usize * 20, "only {} rows", first.len());
    assert_eq!(first, again);
    assert_ne!(first, other);
}

#[test]
fn the_sample_covers_every_type_stage_kind_and_situation() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db"), ctx()).unwrap();
    let options = DemoOptions { customers: CUSTOMERS, seed: 3, replace: false };
    let written = generate(&mut store, &options, |_, _| {}).unwrap();
    assert_eq!(written.customers, u64::from(CUSTOMERS));
    let per_customer = written.interactions as f64 / f64::from(CUSTOMERS);
    assert!((15.0..26.0).contains(&per_customer), "{per_customer} interactions per customer");
    let feedback_each = written.feedback as f64 / f64::from(CUSTOMERS);
    assert!((2.0..4.5).contains(&feedback_each), "{feedback_each} feedback per customer");

    let conn = crate::support::sqlite_connection(&store);
    let distinct = |sql: &str| -> BTreeSet<String> {
        conn.prepare(sql).unwrap().query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    };
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let all = |keys: Vec<&str>| keys.into_iter().map(String::from).collect::<BTreeSet<_>>();
    assert_eq!(count("SELECT count(*) FROM interactions") as u64, written.interactions);
    assert_eq!(count("SELECT count(*) FROM feedback") as u64, written.feedback);
    assert_eq!(count("SELECT count(*) FROM contracts") as u64, written.contracts);

    assert_eq!(
        distinct("SELECT relationship FROM customers"),
        all(RelationshipType::ALL.iter().map(|t| t.key()).collect())
    );
    assert_eq!(distinct("SELECT stage FROM customers"), all(Stage::ALL.iter().map(|s| s.key()).collect()));
    assert_eq!(distinct("SELECT kind FROM interactions"), all(InteractionKind::ALL.iter().map(|k| k.key()).collect()));
    assert_eq!(distinct("SELECT kind FROM feedback"), all(FeedbackKind::ALL.iter().map(|k| k.key()).collect()));
    assert!(distinct("SELECT kind FROM contracts").len() >= 4);
    assert!(distinct("SELECT owner FROM customers WHERE owner != ''").len() >= 3);

    assert!(count("SELECT count(*) FROM contracts WHERE end IS NULL OR end >= '2026-03-01'") > 0, "no active contract");
    assert!(count("SELECT count(*) FROM contracts WHERE end < '2026-03-01'") > 0, "no ended contract");
    assert!(count("SELECT count(*) FROM customers WHERE referred_by IS NOT NULL") > 0, "no referral");
    assert!(count("SELECT count(*) FROM feedback WHERE kind = 'complaint' AND resolved = 0") > 0);
    assert!(count("SELECT count(*) FROM feedback WHERE kind = 'complaint' AND resolved = 1") > 0);
    assert!(count("SELECT count(*) FROM feedback WHERE nps IS NOT NULL") > 0);
    assert!(count("SELECT count(*) FROM feedback WHERE csat IS NOT NULL") > 0);
    assert!(count("SELECT count(*) FROM interactions WHERE kind = 'purchase' AND amount_cents > 0") > 0);
    assert!(count("SELECT count(*) FROM interactions WHERE kind = 'support' AND sentiment IS NULL") == 0);
    assert!(count("SELECT count(*) FROM interactions WHERE date < '2024-06-01'") > 0, "history is too short");
    assert!(count("SELECT count(*) FROM interactions WHERE date > '2026-03-01'") == 0, "a record is in the future");
    assert!(count("SELECT count(*) FROM customers WHERE next_follow_up IS NOT NULL") > 0);
    assert!(count("SELECT count(*) FROM customers WHERE tags != ''") > 0);
    assert!(count("SELECT count(*) FROM customers WHERE notes != ''") > 0);
    assert!(count("SELECT count(*) FROM customers WHERE phone != ''") > 0);
    assert!(count("SELECT count(*) FROM customers WHERE name GLOB '*[^ -~]*'") > 0, "no international names");
    assert_eq!(
        count("SELECT count(*) FROM customers WHERE email IS NOT NULL"),
        count("SELECT count(DISTINCT lower(email)) FROM customers WHERE email IS NOT NULL")
    );
    assert!(distinct("SELECT by FROM history").len() == 2, "history needs decisions by both the engine and people");

    let pinned = count("SELECT count(*) FROM customers WHERE pinned = 1");
    assert!((1..=30).contains(&pinned), "{pinned} pinned");
    let pending = store.pending_suggestions().unwrap();
    assert!((10..=70).contains(&pending.len()), "{} pending suggestions", pending.len());
    let roster = store.roster().unwrap();
    assert!(roster.iter().any(|r| r.list.summary.band == Band::AtRisk), "nobody at risk");
    assert!(roster.iter().any(|r| r.list.summary.follow_up_due(today())), "no follow-up due");
    assert!(roster.iter().any(|r| r.list.summary.open_complaints > 0));
}

#[test]
fn stored_summaries_types_and_suggestions_agree_with_the_engine() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("e.db"), ctx()).unwrap();
    generate(&mut store, &DemoOptions { customers: CUSTOMERS, seed: 5, replace: false }, |_, _| {}).unwrap();
    let stored: Vec<_> = store.roster().unwrap();
    let mut concluded = BTreeSet::new();
    let mut disagreements = 0;
    store
        .evaluate_all(|eval| {
            concluded.insert(eval.classification.relationship);
            if eval.archived {
                return Ok(());
            }
            let row = stored.iter().find(|r| r.list.id == eval.customer_id).unwrap();
            assert_eq!(row.list.summary, Summary::from_signals(&eval.signals), "customer {}", eval.customer_id);
            assert_eq!(row.list.stage, eval.classification.stage);
            let differs = eval.classification.relationship != row.list.relationship;
            assert_eq!(row.list.suggestion.map(|(to, _)| to), differs.then_some(eval.classification.relationship));
            disagreements += usize::from(differs);
            Ok(())
        })
        .unwrap();
    assert_eq!(concluded.len(), RelationshipType::ALL.len(), "the engine concludes only {concluded:?}");
    assert!(disagreements * 100 / stored.len() <= 20, "{disagreements} customers disagree with the engine");
}

#[test]
fn a_database_with_customers_is_refused_without_force_and_replaced_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = filled(dir.path(), "r.db", "1");
    let before = dump(&db, &[]);
    demo(dir.path(), &db, &["--customers", "50"])
        .code(2)
        .stdout("")
        .stderr(contains("already holds 300 customers").and(contains("--force")).and(contains("--db")));
    assert_eq!(dump(&db, &[]), before, "a refused run changed the database");

    demo(dir.path(), &db, &["--customers", "50", "--seed", "9", "--force"])
        .success()
        .stdout(contains("Wrote 50 customers,").and(contains(db.display().to_string())));
    let fresh = dir.path().join("fresh.db");
    demo(dir.path(), &fresh, &["--customers", "50", "--seed", "9"]).success();
    // Revision numbers differ (the replaced file had one more write), and its activity
    // record says what happened to it; the records do not.
    let skip = ["meta", "summaries", "activity"];
    assert_eq!(dump(&db, &skip), dump(&fresh, &skip));
}

#[test]
fn a_single_customer_works() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("one.db");
    demo(dir.path(), &db, &["--customers", "1"]).success().stdout(contains("Wrote 1 customer,"));
    let store = Store::open_existing(&db, ctx()).unwrap();
    assert_eq!(store.customer_count().unwrap(), 1);
}

#[test]
fn the_demo_database_is_filled_once_and_then_reused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data").join("demo.db");
    let store = ensure_demo_database(&path, ctx()).unwrap();
    assert_eq!(store.customer_count().unwrap(), i64::from(rapport::demo::DEFAULT_CUSTOMERS));
    let rev = store.rev().unwrap();
    drop(store);
    let first = dump(&path, &[]);
    let store = ensure_demo_database(&path, ctx()).unwrap();
    assert_eq!(store.rev().unwrap(), rev);
    drop(store);
    assert_eq!(dump(&path, &[]), first);
}
