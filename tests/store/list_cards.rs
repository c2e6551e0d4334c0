//! The list cards: the lists read one packed copy of each customer's row, so the copy must
//! always say what the tables say (that every write keeps it so is a conformance test,
//! `conformance/reading.rs`); a missing or damaged card is read from the tables and
//! reported by `rapport check`; a file from before the cards gets them when first opened.

use std::path::Path;

use crate::support::*;
use rapport::store::Store;
use rapport::store::sqlite::schema::{APPLICATION_ID, MIGRATIONS};

/// Writes `to` as schema version 1 (no card column, nor the later customer columns)
/// holding what `from` holds in the columns version 1 has: its summaries current for
/// today, as they were. Built from the first migration, so later ones need no change here.
fn copy_into_version_one(from: &Path, to: &Path) {
    let conn = rusqlite::Connection::open(to).unwrap();
    conn.execute_batch(MIGRATIONS[0]).unwrap();
    conn.execute("ATTACH ?1 AS newer", [from.to_str().unwrap()]).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM main.sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for table in tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}', 'main')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let columns = columns.join(", ");
        conn.execute(&format!("DELETE FROM main.{table}"), []).unwrap();
        conn.execute(&format!("INSERT INTO main.{table} ({columns}) SELECT {columns} FROM newer.{table}"), []).unwrap();
    }
    conn.execute_batch("DETACH newer; PRAGMA user_version = 1;").unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
}

#[test]
fn a_damaged_card_is_read_from_the_tables_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let ids = {
        let mut store = open(&path);
        portfolio(&mut store)
    };
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute("UPDATE summaries SET card = NULL WHERE customer_id = ?1", [ids[1]]).unwrap();
        conn.execute("UPDATE summaries SET card = x'01ff' WHERE customer_id = ?1", [ids[2]]).unwrap();
        // Behind the program's back: the card still holds the old name.
        conn.execute("UPDATE customers SET name = 'Grace B. Hopper' WHERE id = ?1", [ids[5]]).unwrap();
    }
    let store = open(&path);
    let listed = store.list_rows().unwrap();
    for id in [ids[1], ids[2]] {
        let row = listed.iter().find(|r| r.id == id).unwrap();
        assert_eq!(Some(row), store.list_row_from_tables(id).unwrap().as_ref());
        assert_eq!(store.list_row(id).unwrap().as_ref(), Some(row));
        assert_eq!(store.list_card(id).unwrap(), None);
    }

    let report = store.check().unwrap();
    let about = |id: i64| report.problems.iter().filter(move |p| p.starts_with(&format!("customer {id} "))).count();
    assert_eq!(about(ids[1]), 1, "{:#?}", report.problems);
    assert_eq!(about(ids[2]), 1, "{:#?}", report.problems);
    assert_eq!(about(ids[5]), 1, "{:#?}", report.problems);
    assert!(report.problems.iter().any(|p| p.contains("no readable list card")));
    assert!(report.problems.iter().any(|p| p.contains("list card that disagrees")));
    assert_eq!(report.problems.len(), 3, "{:#?}", report.problems);
}

#[test]
fn a_file_from_before_the_cards_reads_right_at_once_and_gets_them_on_the_first_refresh() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let expected = {
        let mut store = open(&path);
        portfolio(&mut store);
        store.list_rows().unwrap()
    };
    let old = dir.path().join("old.db");
    copy_into_version_one(&path, &old);
    // A command that only reads upgrades the schema, and writes no summary: the rows it
    // reads are worked out from the records, as a refresh will store them.
    let mut store = Store::open_existing(&old, rapport::store::Session::on(today())).unwrap();
    assert!(!store.summaries_current().unwrap());
    assert_eq!(store.list_rows().unwrap(), expected);
    assert!(store.ensure_current().unwrap());
    assert_cards_match_tables(&store);
    assert_eq!(store.list_rows().unwrap(), expected);
    assert!(store.check().unwrap().is_ok());
}
