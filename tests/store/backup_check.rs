//! `rapport backup` while another process writes, and `rapport check` finding (or not
//! finding) problems without changing the file.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;
use std::time::Duration;

use assert_cmd::Command;
use rapport::domain::dates::parse_date;
use rapport::domain::*;
use rapport::store::{Session, Store};

use crate::support::{sandboxed, today};

/// Opens as every rapport command does: summaries brought up to date first.
fn open(path: &Path) -> Store {
    let mut store = Store::open(path, Session::on(today())).unwrap();
    store.ensure_current().unwrap();
    store
}

fn rapport(dir: &Path, db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::from_std(sandboxed(&dir.join("home")));
    cmd.current_dir(dir).arg("--db").arg(db).args(args);
    cmd
}

fn run(dir: &Path, db: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = rapport(dir, db, args).output().unwrap();
    (output.status.code(), String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap())
}

fn call(customer_id: i64, n: u64) -> Interaction {
    Interaction {
        id: 0,
        customer_id,
        date: parse_date("2026-06-01").unwrap(),
        kind: if n.is_multiple_of(3) { InteractionKind::Purchase } else { InteractionKind::Call },
        summary: format!("written while backing up, #{n}"),
        amount: Some(1999),
        sentiment: Some(1),
    }
}

#[test]
fn backups_taken_while_another_process_writes_are_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    let mut store = open(&db);
    let ids: Vec<i64> = (0..40)
        .map(|i| store.add_customer(&Customer::new(format!("Customer {i}"), today())).unwrap().created_id.unwrap())
        .collect();
    for (n, id) in ids.iter().enumerate() {
        store.log_interaction(&call(*id, n as u64)).unwrap();
    }
    drop(store);

    // A second connection keeps writing, as another rapport would, until told to stop.
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicU64::new(0));
    let writer = {
        let (stop, written, db, ids) = (stop.clone(), written.clone(), db.clone(), ids.clone());
        thread::spawn(move || {
            let mut store = open(&db);
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                store.log_interaction(&call(ids[(n as usize * 7) % ids.len()], n)).unwrap();
                n += 1;
                written.store(n, Ordering::Relaxed);
            }
        })
    };
    while written.load(Ordering::Relaxed) < 20 {
        thread::sleep(Duration::from_millis(5));
    }
    let copies: Vec<PathBuf> = (0..4).map(|i| dir.path().join(format!("copy-{i}.db"))).collect();
    let mut seen = Vec::new();
    for copy in &copies {
        let (code, out, err) = run(dir.path(), &db, &["backup", copy.to_str().unwrap()]);
        assert_eq!(code, Some(0), "{out}{err}");
        assert!(out.starts_with("Backed up 40 customers ("), "{out}");
        assert!(out.ends_with(&format!(" to {}; the copy opens and checks out.\n", copy.display())), "{out}");
        seen.push(written.load(Ordering::Relaxed));
    }
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();
    assert!(seen.windows(2).any(|w| w[1] > w[0]), "the writer made no progress during the backups: {seen:?}");

    for copy in &copies {
        assert_eq!(std::fs::metadata(copy).unwrap().permissions().mode() & 0o777, 0o600);
        let (code, out, err) = run(dir.path(), copy, &["check"]);
        assert_eq!(code, Some(0), "{out}{err}");
        assert!(out.starts_with("OK: 40 customers (0 archived), "), "{out}");
        assert!(out.ends_with("all consistent.\n"), "{out}");
    }
    let (code, out, _) = run(dir.path(), &db, &["check"]);
    assert_eq!(code, Some(0));
    let total = 40 + written.load(Ordering::Relaxed);
    assert!(out.contains(&format!(", {total} interactions, ")), "{out}");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains(".partial-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_backup_never_overwrites_and_needs_an_existing_folder() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    open(&db).add_customer(&Customer::new("Ada", today())).unwrap();
    std::fs::write(dir.path().join("taken.db"), "precious").unwrap();
    let (code, out, err) = run(dir.path(), &db, &["backup", "taken.db"]);
    assert_eq!((code, out.as_str()), (Some(2), ""));
    assert_eq!(err, "rapport: taken.db already exists; a backup never overwrites, so give a new file name\n");
    assert_eq!(std::fs::read(dir.path().join("taken.db")).unwrap(), b"precious");
    let (code, _, err) = run(dir.path(), &db, &["backup", "nowhere/copy.db"]);
    assert_eq!(code, Some(2));
    assert_eq!(err, "rapport: the folder nowhere does not exist; create it first or choose another place\n");
    let (code, _, err) = run(dir.path(), &dir.path().join("absent.db"), &["backup", "copy.db"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(!dir.path().join("copy.db").exists());
}

#[test]
fn check_reports_each_problem_in_plain_words_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    let mut store = open(&db);
    let ids: Vec<i64> = ["Ada", "Bob", "Cy", "Dee"]
        .iter()
        .map(|n| store.add_customer(&Customer::new(*n, today())).unwrap().created_id.unwrap())
        .collect();
    store.log_interaction(&call(ids[0], 1)).unwrap();
    store.archive(ids[3]).unwrap();
    drop(store);
    let (code, out, _) = run(dir.path(), &db, &["check"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        "OK: 4 customers (1 archived), 1 interaction, 0 feedback, 0 contracts, 0 history entries; integrity, \
         references, summaries, stages and suggestions all consistent.\n"
    );

    // Damage the derived data the way a buggy writer or a hand edit could.
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "UPDATE summaries SET health = health + 1 WHERE customer_id = 1;
             UPDATE customers SET stage = 'advocate' WHERE id = 2;
             DELETE FROM summaries WHERE customer_id = 3;
             INSERT INTO suggestions (customer_id, from_type, to_type, reasons, since, status)
                 VALUES (4, 'transactional', 'loyal', 'made up', '2026-06-15', 'pending');
             PRAGMA foreign_keys = OFF;
             INSERT INTO interactions (id, customer_id, date, kind) VALUES (77, 999, '2026-06-01', 'call');",
        )
        .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let (code, out, err) = run(dir.path(), &db, &["check"]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert_eq!(
        out,
        "Problem: interactions row 77 points at a row of customers that does not exist\n\
         Problem: customer 1 (Ada) has a stored summary that disagrees with its records in: health (as of 2026-06-15)\n\
         Problem: customer 2 (Bob) is at stage advocate but its records say prospect (as of 2026-06-15)\n\
         Problem: customer 3 (Cy) has no summary (as of 2026-06-15)\n\
         Problem: customer 4 (Dee) is archived but still has a suggestion (as of 2026-06-15)\n"
    );
    assert_eq!(
        err,
        format!(
            "rapport: found 5 problems in {}; keep a copy (rapport backup) before changing anything, and restore a \
             good backup if records are damaged\n",
            db.display()
        )
    );
    assert_eq!(std::fs::read(&db).unwrap(), before, "check changed the file");
}

#[test]
fn check_names_a_customer_whose_total_spend_a_hand_edit_took_past_the_range() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let (big, prior) = {
        let mut store = open(&db);
        let big = store.add_customer(&Customer::new("Big Spender", today())).unwrap().created_id.unwrap();
        let prior = store.add_customer(&Customer::new("Prior Spender", today())).unwrap().created_id.unwrap();
        (big, prior)
    };
    // Edited by hand: purchases whose sum alone is past i64, and a spend before rapport
    // that a purchase takes past it.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let max = i64::MAX;
    conn.execute_batch(&format!(
        "INSERT INTO interactions (customer_id, date, kind, summary, amount_cents) VALUES \
         ({big}, '2026-06-01', 'purchase', '', {max}), ({big}, '2026-06-02', 'purchase', '', {max}); \
         UPDATE customers SET prior_spend_cents = {max} WHERE id = {prior}; \
         INSERT INTO interactions (customer_id, date, kind, summary, amount_cents) VALUES \
         ({prior}, '2026-06-01', 'purchase', '', 100);"
    ))
    .unwrap();
    drop(conn);
    let (code, stdout, stderr) = run(dir.path(), &db, &["check"]);
    let text = format!("{stdout}{stderr}");
    assert_ne!(code, Some(0), "{text}");
    for id in [big, prior] {
        assert!(text.contains(&format!("customer {id}: the total spend is past what rapport can count")), "{text}");
    }
    assert!(!text.contains("panicked"), "{text}");
}

#[test]
fn what_an_interrupted_backup_or_export_left_is_removed_by_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    open(&db).add_customer(&Customer::new("Ada", today())).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // The partials a process that is gone now left: a backup with its journal, an export folder.
    let mut finished = std::process::Command::new("true").spawn().unwrap();
    let gone = finished.id();
    finished.wait().unwrap();
    let left = [format!(".old.db.partial-{gone}"), format!(".old.db.partial-{gone}-journal")];
    for name in &left {
        std::fs::write(out.join(name), b"half a copy").unwrap();
    }
    let folder = out.join(format!(".export.partial-{gone}"));
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("customers.csv"), b"id,name\n1,Ada\n").unwrap();
    // One of a process still running is left alone.
    let running = out.join(format!(".mine.db.partial-{}", std::process::id()));
    std::fs::write(&running, b"being written").unwrap();

    let (code, _, stderr) = run(dir.path(), &db, &["backup", out.join("new.db").to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    let names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(left.iter().all(|n| !names.contains(n)), "{names:?}");
    assert!(!folder.exists() && running.exists(), "{names:?}");

    std::fs::create_dir(&folder).unwrap();
    let (code, _, stderr) = run(dir.path(), &db, &["export", "--out", out.join("export").to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!folder.exists(), "the export removed the stale export folder");
}

#[test]
fn check_after_an_interrupted_upgrade_finishes_the_refresh_and_tells_it_from_damage() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    crate::support::portfolio(&mut open(&db));
    // As an upgrade (or a refresh) leaves a file when it is stopped after its migration:
    // every summary from before (here: all health figures off) on no basis, waiting to be
    // recomputed.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("UPDATE summaries SET health = 0, basis = ''; DELETE FROM meta WHERE key = 'summaries_basis';")
        .unwrap();
    drop(conn);
    let (code, stdout, stderr) = run(dir.path(), &db, &["check"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("Note: 8 summaries had not been brought to today"), "{stdout}");
    assert!(stdout.contains("OK: 8 customers"), "{stdout}");

    // The same stale health with a summary date is damage, and is reported as such.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("UPDATE summaries SET health = 0;").unwrap();
    drop(conn);
    let (code, stdout, _) = run(dir.path(), &db, &["check"]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("Problem:") && !stdout.contains("had not been brought"), "{stdout}");
}

#[test]
fn a_backup_never_writes_through_a_name_someone_planted_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let store = open(&db);
    let shared = dir.path().join("shared");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&shared).unwrap();
    std::fs::create_dir(&elsewhere).unwrap();
    // A folder anyone may write to, where someone planted this process's partial name
    // as a link to a folder of theirs.
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777)).unwrap();
    let planted = shared.join(format!(".copy.db.partial-{}", std::process::id()));
    std::os::unix::fs::symlink(&elsewhere, &planted).unwrap();
    let refused = store.backup_to(&shared.join("copy.db")).unwrap_err();
    assert!(refused.to_string().contains(".copy.db.partial-"), "{refused}");
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0, "nothing was written through the link");
    assert!(!shared.join("copy.db").exists());

    // Without it, the backup goes through and leaves only the copy, 0600.
    std::fs::remove_file(&planted).unwrap();
    let report = store.backup_to(&shared.join("copy.db")).unwrap();
    assert_eq!(report.customers, 0);
    let names: Vec<String> =
        std::fs::read_dir(&shared).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["copy.db"]);
    assert_eq!(std::fs::metadata(shared.join("copy.db")).unwrap().permissions().mode() & 0o777, 0o600);
}
