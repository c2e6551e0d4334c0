//! Bad files and hostile environments, through the real binary: a file that is not a
//! database, a database cut in half, one from a newer rapport, a read-only file, a
//! missing folder, an unwritable folder and a full disk. Each ends in one plain sentence
//! and the right exit status, with the file left as it was and never a panic.
//!
//! Without a terminal, `rapport --db PATH` opens the database first and only then finds
//! there is no terminal: an unusable file fails with status 1, a good one with the
//! "needs a terminal" usage error (status 2).
//!
//! Root passes every permission check and ignores nothing, so the permission cases run
//! again as `nobody` in a child test process; the full disk is a file-size limit set on a
//! child test process, which then runs the dashboard in a pseudo-terminal.

use crate::support::pty;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::*;
use rapport::domain::Customer;
use rapport::domain::model::TimelineEntry;
use rapport::store::{Session, Store};

fn rapport(home: &Path, args: &[&str]) -> Output {
    sandboxed(home).args(args).output().expect("run rapport")
}

/// The one line rapport printed on stderr, after checking there is exactly one and no
/// trace of a panic.
fn one_sentence(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    for noise in ["panicked", "internal error", "backtrace", "RUST_BACKTRACE"] {
        assert!(!stderr.contains(noise), "{noise:?} on stderr: {stderr}");
    }
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line on stderr: {stderr:?}");
    assert!(lines[0].starts_with("rapport: "), "{stderr:?}");
    lines[0].to_string()
}

fn failed_with(output: &Output, status: i32, words: &[&str]) -> String {
    let line = one_sentence(output);
    assert_eq!(output.status.code(), Some(status), "{line}");
    for w in words {
        assert!(line.contains(w), "{w:?} missing from: {line}");
    }
    line
}

/// Every file in a folder with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

fn names(files: &[(String, Vec<u8>)]) -> Vec<&str> {
    files.iter().map(|(n, _)| n.as_str()).collect()
}

/// A real database with the fixture portfolio and enough customers to span many pages,
/// its summaries current for today (so opening it writes nothing), closed so that
/// everything is in the main file.
fn real_database(path: &Path, extra: usize) {
    let mut store = open(path);
    store.ensure_current().unwrap();
    portfolio(&mut store);
    for n in 0..extra {
        let mut c = Customer::new(format!("Customer number {n}"), today());
        c.notes = format!("Notes for customer {n}, long enough to fill pages. ").repeat(8);
        store.add_customer(&c).unwrap();
    }
}

#[test]
fn a_good_database_without_a_terminal_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("good.db");
    real_database(&db, 0);
    let out = rapport(dir.path(), &["--db", db.to_str().unwrap()]);
    failed_with(&out, 2, &["needs a terminal"]);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("customers.csv");
    fs::write(&path, "name,email\nAda Lovelace,ada@example.com\n".repeat(50)).unwrap();
    let before = snapshot(dir.path());
    let out = rapport(dir.path(), &["--db", path.to_str().unwrap()]);
    failed_with(&out, 1, &["customers.csv", "not a SQLite database", "untouched"]);
    assert_eq!(snapshot(dir.path()), before, "the folder changed");
}

#[test]
fn a_pipe_a_device_or_a_folder_is_refused_without_being_opened() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.db");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo only reads the NUL-terminated path it is given.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0, "mkfifo");
    let folder = dir.path().join("folder.db");
    fs::create_dir(&folder).unwrap();
    let journal_before = Path::new("/dev/null-journal").exists();
    let cases: [(&Path, &[&str]); 3] = [
        (&fifo, &["a named pipe (FIFO), not a database file", "regular file"]),
        (Path::new("/dev/null"), &["a device, not a database file", "regular file"]),
        (&folder, &["a folder, not a file"]),
    ];
    for (path, words) in cases {
        for args in [&["list"][..], &["add", "Ada"], &[]] {
            // Opening a pipe would wait for a writer forever: a time limit makes a hang a failure.
            let out = assert_cmd::Command::from_std(sandboxed(dir.path()))
                .arg("--db")
                .arg(path)
                .args(args)
                .timeout(std::time::Duration::from_secs(20))
                .output()
                .unwrap();
            failed_with(&out, 1, words);
        }
    }
    let kind = fs::metadata(&fifo).unwrap().file_type();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&kind), "the pipe is left a pipe");
    assert_eq!(fs::read_dir(&folder).unwrap().count(), 0, "nothing was written into the folder");
    assert_eq!(Path::new("/dev/null-journal").exists(), journal_before, "no journal beside /dev/null");
}

#[test]
fn a_database_cut_short_is_reported_as_damaged_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let whole = dir.path().join("whole.db");
    real_database(&whole, 300);
    let bytes = fs::read(&whole).unwrap();
    assert!(bytes.len() > 64 * 1024, "a database of many pages: {} bytes", bytes.len());

    // Cut in half, and cut short by one page (4 KiB), as an interrupted copy leaves it.
    for (name, keep) in [("half", bytes.len() / 2), ("one-page-short", bytes.len() - 4096)] {
        let cut_dir = dir.path().join(name);
        fs::create_dir(&cut_dir).unwrap();
        let cut = cut_dir.join("cut.db");
        fs::write(&cut, &bytes[..keep]).unwrap();
        let before = snapshot(&cut_dir);
        let out = rapport(dir.path(), &["--db", cut.to_str().unwrap()]);
        failed_with(&out, 1, &["cut.db", "damaged"]);
        let after = snapshot(&cut_dir);
        assert_eq!(names(&after), names(&before), "{name}: files were left beside it");
        assert!(after == before, "{name}: the damaged file was changed");
    }
}

#[test]
fn a_database_from_a_newer_rapport_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newer.db");
    real_database(&db, 0);
    rusqlite::Connection::open(&db).unwrap().pragma_update(None, "user_version", 999).unwrap();
    let before = snapshot(dir.path());
    assert_eq!(names(&before), ["newer.db"]);
    let out = rapport(dir.path(), &["--db", db.to_str().unwrap()]);
    failed_with(&out, 1, &["newer.db", "newer rapport", "Upgrade"]);
    assert!(snapshot(dir.path()) == before, "the newer file was changed");
}

#[test]
fn a_missing_data_folder_is_created_private() {
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    // The default place: the data folder under XDG_DATA_HOME, which does not exist yet.
    let out = rapport(dir.path(), &[]);
    failed_with(&out, 2, &["needs a terminal"]);
    let data = dir.path().join("data");
    let db = data.join("rapport").join("rapport.db");
    assert!(db.is_file(), "the database was created at {}", db.display());
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("rapport")), 0o700);
    assert_eq!(mode(&db), 0o600);

    // And a path given with --db, several folders deep.
    let deep = dir.path().join("a").join("b").join("c.db");
    failed_with(&rapport(dir.path(), &["--db", deep.to_str().unwrap()]), 2, &["needs a terminal"]);
    assert_eq!((mode(&dir.path().join("a")), mode(&dir.path().join("a/b")), mode(&deep)), (0o700, 0o700, 0o600));
    assert_eq!(mode(dir.path()), 0o755, "an existing folder keeps its mode");
}

// ----- as an ordinary user -----

/// How a child test process is started.
#[derive(Default)]
struct Child<'a> {
    uid: Option<u32>,
    max_file_bytes: Option<u64>,
    env: Vec<(&'a str, String)>,
}

/// Runs the named (ignored) test of this binary in a child process; false when the
/// child could not be started at all.
fn run_child(test_name: &str, child: Child<'_>) -> bool {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "--exact",
        &crate::support::test_path(module_path!(), test_name),
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ]);
    cmd.env("TMPDIR", std::env::temp_dir());
    for (k, v) in &child.env {
        cmd.env(k, v);
    }
    if let Some(uid) = child.uid {
        cmd.uid(uid).gid(uid);
    }
    if let Some(limit) = child.max_file_bytes {
        // SAFETY: setrlimit is async-signal-safe and touches no memory of the parent.
        unsafe {
            cmd.pre_exec(move || {
                let rlim = libc::rlimit { rlim_cur: limit, rlim_max: limit };
                if libc::setrlimit(libc::RLIMIT_FSIZE, &rlim) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    match cmd.output() {
        Ok(out) => {
            let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            assert!(out.status.success(), "{test_name} failed in its child process:\n{text}");
            assert!(text.contains("1 passed"), "{test_name} did not run in its child process:\n{text}");
            true
        }
        Err(e) => {
            eprintln!("skipped {test_name}: cannot start it in a child process ({e})");
            false
        }
    }
}

/// Runs `check` as an ordinary user: directly when not root, else as `nobody` in a child.
fn as_ordinary_user(test_name: &str, check: fn()) {
    if !is_root() {
        check();
    } else {
        run_child(test_name, Child { uid: Some(65534), ..Child::default() });
    }
}

fn require_ordinary_user() -> bool {
    if is_root() {
        eprintln!("skipped: root ignores permissions");
        return false;
    }
    true
}

#[test]
fn a_read_only_database_opens_with_a_banner_and_refuses_writes() {
    as_ordinary_user("read_only_database_as_ordinary_user", read_only_database);
}

#[test]
#[ignore = "run by a_read_only_database_opens_with_a_banner_and_refuses_writes as an ordinary user"]
fn read_only_database_as_ordinary_user() {
    read_only_database();
}

fn read_only_database() {
    if !require_ordinary_user() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    real_database(&db, 0);
    fs::set_permissions(&db, fs::Permissions::from_mode(0o400)).unwrap();
    let before = fs::read(&db).unwrap();

    let env = pty::isolated_env(dir.path());
    let mut s = pty::PtySession::spawn(&["--db", db.to_str().unwrap()], &env, 80, 24);
    let screen = s.wait_for("READ-ONLY", 20);
    assert!(screen.contains("read-only: you can look"), "the notice says what it means:\n{screen}");
    s.send("2");
    s.wait_for("Ada Lovelace", 5);
    for (key, what) in [("n", "new customer"), ("i", "log"), ("e", "edit"), ("x", "archive")] {
        // Esc clears the last notice, so each refusal is seen afresh.
        s.send("\x1b");
        wait_until_gone(&s, "nothing can be changed");
        s.send(key);
        let screen = s.wait_for("is read-only: nothing can be changed", 5);
        assert!(
            !screen.contains("Please confirm") && !screen.contains("Enter save"),
            "{what} opened anyway:\n{screen}"
        );
    }
    s.send("u");
    s.send("q");
    let status = s.wait_exit(10).expect("rapport exits after q");
    assert!(status.success(), "{status:?}");
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(!raw.contains("panicked") && !raw.contains("internal error"), "{raw}");
    assert!(fs::read(&db).unwrap() == before, "the read-only file changed");
    assert_eq!(mode(&db), 0o400);
}

fn wait_until_gone(s: &pty::PtySession, text: &str) {
    let start = std::time::Instant::now();
    while s.screen().contains(text) {
        assert!(start.elapsed().as_secs() < 5, "{text:?} stays on screen:\n{}", s.screen());
        std::thread::sleep(std::time::Duration::from_millis(40));
    }
}

#[test]
fn an_unwritable_folder_gives_one_clear_sentence() {
    as_ordinary_user("unwritable_folder_as_ordinary_user", unwritable_folder);
}

#[test]
#[ignore = "run by an_unwritable_folder_gives_one_clear_sentence as an ordinary user"]
fn unwritable_folder_as_ordinary_user() {
    unwritable_folder();
}

fn unwritable_folder() {
    if !require_ordinary_user() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    // A database that exists and may be written, in a folder that may not: SQLite must
    // create its -wal and -shm files beside it.
    let existing = locked.join("kept.db");
    real_database(&existing, 0);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o500)).unwrap();
    let before = snapshot(&locked);

    let new_in_locked = locked.join("new.db");
    let deep_in_locked = locked.join("sub").join("new.db");
    let cases = [
        (&new_in_locked, vec!["new.db", "not writable"]),
        (&deep_in_locked, vec!["cannot create the folder", "Permission denied"]),
        (&existing, vec!["kept.db", "folder", "not writable", "kept.db-wal"]),
    ];
    let mut messages = Vec::new();
    for (path, words) in &cases {
        let out = rapport(dir.path(), &["--db", path.to_str().unwrap()]);
        let words: Vec<&str> = words.to_vec();
        messages.push(failed_with(&out, 1, &words));
    }
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o700)).unwrap();
    assert!(snapshot(&locked) == before, "the locked folder changed: {messages:?}");
    assert!(!locked.join("sub").exists());
}

// ----- a full disk -----

const FULL_DB: &str = "RAPPORT_TEST_FULL_DB";
/// Files may not grow past this in the child: enough for SQLite's 32 KiB shared-memory
/// file and small writes, far too little for a 100,000-character summary.
const FILE_LIMIT: u64 = 96 * 1024;
const BIG_SUMMARY_CHARS: usize = 100_000;

#[test]
fn a_full_disk_refuses_the_write_with_a_message_and_loses_nothing() {
    let dir = tempfile::tempdir_in(shm_or_tmp()).unwrap();
    let db = dir.path().join("full.db");
    real_database(&db, 0);
    let before = fs::read(&db).unwrap();
    let ran = run_child(
        "full_disk_in_a_terminal",
        Child { max_file_bytes: Some(FILE_LIMIT), env: vec![(FULL_DB, db.display().to_string())], ..Child::default() },
    );
    if !ran {
        return;
    }
    assert!(fs::read(&db).unwrap() == before, "the database file changed");
    let store = Store::open(&db, Session::on(today())).unwrap();
    let olu = store.find_customer("Olu Adeyemi").unwrap();
    let big = store.timeline(olu.id, 50, 0).unwrap().into_iter().any(|e| match e {
        TimelineEntry::Interaction(i) => i.summary.len() >= BIG_SUMMARY_CHARS,
        TimelineEntry::Feedback(_) => false,
    });
    assert!(!big, "the refused interaction is not in the database");
}

fn shm_or_tmp() -> PathBuf {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() { shm.to_path_buf() } else { std::env::temp_dir() }
}

#[test]
#[ignore = "run by a_full_disk_refuses_the_write_with_a_message_and_loses_nothing under a file-size limit"]
fn full_disk_in_a_terminal() {
    let db = std::env::var(FULL_DB).expect("the database path from the parent test");
    let home = tempfile::tempdir().unwrap();
    let env = pty::isolated_env(home.path());
    let mut s = pty::PtySession::spawn(&["--db", &db], &env, 100, 30);
    s.open_log_form("olu", "Olu Adeyemi");
    s.send("\t");
    s.send("\t");
    let summary = "x".repeat(BIG_SUMMARY_CHARS);
    s.send(&format!("\x1b[200~{summary}\x1b[201~"));
    s.send("\r");
    let screen = s.wait_for("nothing was changed", 15);
    assert!(screen.contains("Log an interaction"), "the form stays open with what was typed:\n{screen}");
    s.send("\x1b");
    s.send("y");
    s.send("q");
    let status = s.wait_exit(10).expect("rapport exits after q");
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(status.success(), "{status:?}: {}", s.screen());
    assert!(!raw.contains("panicked") && !raw.contains("internal error"), "{raw}");
}

// ----- hostile settings files -----

#[test]
fn mistakes_in_settings_files_are_reported_without_their_escape_sequences() {
    let dir = tempfile::tempdir().unwrap();
    let config_dir = dir.path().join("config").join("rapport");
    fs::create_dir_all(&config_dir).unwrap();
    let db = dir.path().join("good.db");
    real_database(&db, 0);

    let config = config_dir.join("config.toml");
    // TOML escapes put the controls into the value itself.
    fs::write(&config, r#"theme = "\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202e""#).unwrap();
    let out = rapport(dir.path(), &["--db", db.to_str().unwrap()]);
    let line = failed_with(&out, 2, &["config.toml:1", "theme"]);
    assert!(!line.chars().any(|c| c.is_control() || c == '\u{202e}'), "{line:?}");
    assert!(line.contains("␛]0;pwned␇"), "the value is shown, inert: {line}");
    fs::remove_file(&config).unwrap();

    let rules = dir.path().join("rules.toml");
    fs::write(&rules, "[cadence]\n\"\\u001b]0;pwned\\u0007\" = 3\n").unwrap();
    let out = rapport(dir.path(), &["--db", db.to_str().unwrap(), "rules", "import", rules.to_str().unwrap()]);
    let line = failed_with(&out, 2, &["rules.toml:"]);
    assert!(!line.chars().any(|c| c.is_control()), "{line:?}");
}
