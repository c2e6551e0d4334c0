//! Storage (see docs/storage.md): creating, reopening and migrating a database file, private
//! permissions, pragmas, refusing files that are not ours without touching a byte,
//! read-only files, and two handles sharing one file.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use rapport::domain::dates::parse_date;
use rapport::domain::{Customer, Interaction, InteractionKind};
use rapport::store::sqlite::BUSY_TIMEOUT;
use rapport::store::sqlite::schema::{APPLICATION_ID, LATEST_VERSION, MIGRATIONS};
use rapport::store::{Session, Store, StoreError};

use crate::support::{add, is_root, mode, today};

fn ctx() -> Session {
    Session::on(today())
}

fn open(path: &Path) -> Store {
    Store::open(path, ctx()).unwrap()
}

fn open_err(path: &Path) -> StoreError {
    match Store::open(path, ctx()) {
        Ok(_) => panic!("{} should have been refused", path.display()),
        Err(e) => e,
    }
}

fn pragma<T: rusqlite::types::FromSql>(store: &Store, name: &str) -> T {
    crate::support::sqlite_connection(store).query_row(&format!("PRAGMA {name}"), [], |r| r.get(0)).unwrap()
}

/// Every file in a folder with its bytes: proves nothing was written, created or left over.
#[derive(PartialEq, Eq)]
struct Folder(BTreeMap<String, Vec<u8>>);

impl std::fmt::Debug for Folder {
    /// Names and sizes; the bytes themselves would drown the message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.0.iter().map(|(name, bytes)| (name, bytes.len()))).finish()
    }
}

fn folder_contents(dir: &Path) -> Folder {
    Folder(
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().unwrap().is_file())
            .map(|e| (e.file_name().to_string_lossy().into_owned(), fs::read(e.path()).unwrap()))
            .collect(),
    )
}

/// The tables, indexes and their SQL, by name.
fn schema(conn: &rusqlite::Connection) -> Vec<(String, String, Option<String>)> {
    let mut stmt = conn.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY name").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn a_new_database_gets_a_private_folder_and_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data").join("rapport").join("rapport.db");
    let mut store = open(&path);
    assert_eq!(mode(&dir.path().join("data")), 0o700);
    assert_eq!(mode(&dir.path().join("data/rapport")), 0o700);
    assert_eq!(mode(&path), 0o600);
    assert!(!store.is_read_only());

    add(&mut store, "Ada");
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    assert!(wal.exists(), "a write in WAL mode leaves a -wal file while open");
    assert_eq!(mode(&wal), 0o600, "the write-ahead log holds the same personal data");
}

#[test]
fn an_existing_folder_keeps_its_permissions() {
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let path = dir.path().join("rapport.db");
    open(&path);
    assert_eq!(mode(dir.path()), 0o755);
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn pragmas_and_schema_version() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("p.db"));
    assert_eq!(pragma::<String>(&store, "journal_mode"), "wal");
    assert_eq!(pragma::<i64>(&store, "synchronous"), 2, "synchronous=FULL");
    assert_eq!(pragma::<i64>(&store, "foreign_keys"), 1);
    assert_eq!(pragma::<i64>(&store, "busy_timeout"), BUSY_TIMEOUT.as_millis() as i64);
    assert_eq!(pragma::<i64>(&store, "user_version"), LATEST_VERSION);
    assert_eq!(pragma::<i64>(&store, "application_id"), APPLICATION_ID);
    assert_eq!(LATEST_VERSION, MIGRATIONS.len() as i64);
}

#[test]
fn a_database_reopens_with_its_data_and_settings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    let id = {
        let mut store = open(&path);
        assert!(!store.ensure_current().unwrap(), "a new file has nothing to recompute");
        assert!(store.summaries_current().unwrap(), "and its summaries are on today's basis");
        let id = add(&mut store, "Grace Hopper");
        store
            .log_interaction(&Interaction {
                id: 0,
                customer_id: id,
                date: today(),
                kind: InteractionKind::Purchase,
                summary: "first order".into(),
                amount: Some(1_250),
                sentiment: None,
            })
            .unwrap();
        id
    };
    let mut store = open(&path);
    assert!(!store.ensure_current().unwrap(), "the same day and rules: nothing to recompute");
    let row = store.roster_row(id).unwrap().unwrap();
    assert_eq!(row.list.name, "Grace Hopper");
    assert_eq!(row.list.summary.spend_365, 1_250);
    assert_eq!(pragma::<String>(&store, "journal_mode"), "wal");
    assert_eq!(pragma::<i64>(&store, "synchronous"), 2);
    assert_eq!(pragma::<i64>(&store, "foreign_keys"), 1);
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn migrations_run_in_order_from_any_older_version() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = open(&dir.path().join("fresh.db"));
    let expected = schema(crate::support::sqlite_connection(&fresh));
    assert!(expected.iter().any(|(kind, name, _)| kind == "table" && name == "customers"));

    for applied in 0..=LATEST_VERSION {
        // A file left at version `applied`: an empty file for 0, else the first migrations.
        let path = dir.path().join(format!("at-version-{applied}.db"));
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            for (index, sql) in MIGRATIONS.iter().take(applied as usize).enumerate() {
                conn.execute_batch(sql).unwrap();
                conn.pragma_update(None, "user_version", index as i64 + 1).unwrap();
                conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
            }
        }
        let mut store = open(&path);
        assert_eq!(pragma::<i64>(&store, "user_version"), LATEST_VERSION, "from version {applied}");
        assert_eq!(pragma::<i64>(&store, "application_id"), APPLICATION_ID, "from version {applied}");
        assert_eq!(schema(crate::support::sqlite_connection(&store)), expected, "from version {applied}");
        add(&mut store, "After the upgrade");
        assert_eq!(store.roster().unwrap().len(), 1);
    }
}

#[test]
fn a_file_from_a_newer_rapport_is_refused_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    {
        let mut store = open(&path);
        add(&mut store, "From the future");
    }
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = folder_contents(dir.path());
    assert_eq!(before.0.keys().collect::<Vec<_>>(), ["newer.db"], "no -wal or -shm left to change the file");

    let err = open_err(&path);
    match &err {
        StoreError::NewerSchema { path: p, found, supported } => {
            assert_eq!((p.as_path(), *found, *supported), (path.as_path(), 99, LATEST_VERSION));
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    assert!(err.to_string().contains("untouched"), "{err}");
    assert!(matches!(Store::open_existing(&path, ctx()), Err(StoreError::NewerSchema { found: 99, .. })));
    assert_eq!(folder_contents(dir.path()), before);
}

#[test]
fn files_that_are_not_sqlite_are_refused_and_left_byte_for_byte() {
    let mut random = vec![0u8; 4096];
    let mut x: u32 = 0x9e37_79b9;
    for b in &mut random {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = x as u8;
    }
    let mut short_header = b"SQLite format 3\0".to_vec();
    short_header.resize(99, 0);
    let cases: [(&str, Vec<u8>); 5] = [
        ("notes.txt", b"name,email\nAda,ada@example.com\n".to_vec()),
        ("random.bin", random),
        ("zeros-99.db", vec![0; 99]),
        ("header-only-99.db", short_header),
        ("one-line.db", b"x".to_vec()),
    ];
    for (name, bytes) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        fs::write(&path, &bytes).unwrap();
        let before = folder_contents(dir.path());
        let err = open_err(&path);
        assert!(matches!(&err, StoreError::NotSqlite(p) if p == &path), "{name}: {err:?}");
        assert!(err.to_string().contains("not a SQLite database"), "{name}: {err}");
        assert_eq!(folder_contents(dir.path()), before, "{name} was changed");
    }
}

#[test]
fn a_database_from_another_program_is_refused_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch(
            "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);",
        )
        .unwrap();
    }
    let claimed = dir.path().join("claimed.db");
    {
        let conn = rusqlite::Connection::open(&claimed).unwrap();
        conn.pragma_update(None, "application_id", 0x1234_5678).unwrap();
    }
    for path in [&foreign, &claimed] {
        let before = folder_contents(dir.path());
        let err = open_err(path);
        assert!(matches!(&err, StoreError::NotRapport(p) if p == path), "{err:?}");
        assert!(err.to_string().contains("another program"), "{err}");
        assert_eq!(folder_contents(dir.path()), before, "{} was changed", path.display());
    }
}

#[test]
fn opening_an_existing_file_only_does_not_create_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.db");
    assert!(matches!(Store::open_existing(&path, ctx()), Err(StoreError::Access { .. })));
    assert!(!path.exists());
    assert!(matches!(open_err(dir.path()), StoreError::Access { .. }), "a folder is not a database");
}

/// Runs `check` as an ordinary user: root passes every permission check, so permission
/// tests mean nothing as root. When the tests run as root, the named test of this binary
/// is run again as `nobody`; if that is impossible the assertions are skipped.
fn as_unprivileged_user(test_name: &str, check: fn()) {
    if !is_root() {
        check();
        return;
    }
    use std::os::unix::process::CommandExt;
    let exe = std::env::current_exe().unwrap();
    let output = std::process::Command::new(exe)
        .args([
            "--exact",
            &crate::support::test_path(module_path!(), test_name),
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .uid(65534)
        .gid(65534)
        .env("TMPDIR", std::env::temp_dir())
        .output();
    match output {
        Ok(out) => {
            let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            assert!(out.status.success(), "{test_name} failed as an unprivileged user:\n{text}");
            assert!(text.contains("1 passed"), "{test_name} did not run as an unprivileged user:\n{text}");
        }
        Err(e) => eprintln!("skipped {test_name}: running as root and cannot switch to an ordinary user ({e})"),
    }
}

#[test]
fn a_read_only_file_opens_read_only_and_refuses_writes() {
    as_unprivileged_user("read_only_file_as_ordinary_user", read_only_file_checks);
}

#[test]
#[ignore = "run by a_read_only_file_opens_read_only_and_refuses_writes as an ordinary user"]
fn read_only_file_as_ordinary_user() {
    read_only_file_checks();
}

fn read_only_file_checks() {
    if is_root() {
        eprintln!("skipped: root ignores file permissions");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.db");
    let id = {
        let mut store = open(&path);
        add(&mut store, "Kept as is")
    };
    fs::set_permissions(&path, fs::Permissions::from_mode(0o400)).unwrap();
    let before = fs::read(&path).unwrap();

    // The summaries are for another day; a read-only file keeps them as they are.
    let mut store = Store::open(&path, Session::on(parse_date("2026-07-01").unwrap())).unwrap();
    assert!(store.is_read_only());
    assert!(!store.ensure_current().unwrap());
    assert_eq!(store.roster().unwrap().len(), 1, "reading still works");

    let refused = |result: Result<_, StoreError>, what: &str| match result {
        Err(StoreError::ReadOnly(p)) => assert_eq!(p, path, "{what}"),
        Err(other) => panic!("{what}: expected ReadOnly, got {other:?}"),
        Ok(_) => panic!("{what} was allowed on a read-only file"),
    };
    refused(store.add_customer(&Customer::new("Nope", today())).map(drop), "add_customer");
    refused(store.archive(id).map(drop), "archive");
    refused(store.set_follow_up(id, Some(today())).map(drop), "set_follow_up");
    refused(store.bulk_load(|_| Ok(())), "bulk_load");
    drop(store);

    assert!(fs::read(&path).unwrap() == before, "the read-only file changed");
    assert_eq!(mode(&path), 0o400);
}

#[test]
fn a_missing_folder_under_an_unwritable_parent_is_an_access_error() {
    as_unprivileged_user("unwritable_parent_as_ordinary_user", unwritable_parent_checks);
}

#[test]
#[ignore = "run by a_missing_folder_under_an_unwritable_parent_is_an_access_error as an ordinary user"]
fn unwritable_parent_as_ordinary_user() {
    unwritable_parent_checks();
}

fn unwritable_parent_checks() {
    if is_root() {
        eprintln!("skipped: root ignores folder permissions");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o500)).unwrap();
    let path = locked.join("rapport").join("rapport.db");
    let err = open_err(&path);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o700)).unwrap();
    match &err {
        StoreError::Access { path: p, reason } => {
            assert_eq!(p, &path);
            assert!(reason.contains("cannot create the folder"), "{reason}");
        }
        other => panic!("expected Access, got {other:?}"),
    }
    assert!(!locked.join("rapport").exists());
}

#[test]
fn a_writer_waits_for_another_handle_to_finish_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let holder = open(&path);
    let mut writer = open(&path);
    let hold = Duration::from_millis(400);
    assert!(hold < BUSY_TIMEOUT);

    let (locked_tx, locked_rx) = mpsc::channel();
    let other = thread::spawn(move || {
        let conn = crate::support::sqlite_connection(&holder);
        conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        conn.execute("INSERT INTO meta (key, value) VALUES ('held_by', 'the other handle')", []).unwrap();
        locked_tx.send(()).unwrap();
        thread::sleep(hold);
        conn.execute_batch("COMMIT").unwrap();
    });
    locked_rx.recv().unwrap();
    let started = Instant::now();
    let id = add(&mut writer, "Written while busy");
    let waited = started.elapsed();
    other.join().unwrap();

    assert!(waited >= hold - Duration::from_millis(50), "the write did not wait: {waited:?}");
    assert!(writer.customer(id).unwrap().is_some());
    let held: String = crate::support::sqlite_connection(&writer)
        .query_row("SELECT value FROM meta WHERE key = 'held_by'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(held, "the other handle");
    let reopened = open(&path);
    assert_eq!(reopened.roster().unwrap().len(), 1);
}
