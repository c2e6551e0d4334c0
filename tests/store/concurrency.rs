//! Several writers on one file at once, as account managers sharing a server do: real
//! `rapport` processes (single writes and whole imports), threads with stores of their
//! own, and `rapport check` and `rapport list` reading all the while. Nothing is lost,
//! nobody sees "database is locked", and every check in the middle of it all passes.
//! A dashboard left open on the same file shows what the others wrote without a restart:
//! also when the person at the dashboard saved something of their own in between, and,
//! with writers that never pause, it ends showing exactly what the file holds.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossterm::event::KeyCode;
use rapport::app::App;
use rapport::config::Config;
use rapport::domain::{Customer, Interaction, InteractionKind};
use rapport::store::{Session, Store};
use rusqlite::Connection;

use crate::support::pty::{PtySession, isolated_env};
use crate::support::scene::{Scene, drain};
use crate::support::*;

impl Scene {
    fn db(&self) -> PathBuf {
        self.path("shared.db")
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = self.isolated(env!("CARGO_BIN_EXE_rapport"));
        cmd.arg("--db").arg(self.db()).args(args).output().expect("rapport runs")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "rapport {args:?} ended with {:?}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    /// A shell running `script` with the binary as `$0` and `args` after it.
    fn shell(&self, script: &str, args: &[&str]) -> Shell {
        let mut cmd = self.isolated("/bin/sh");
        cmd.arg("-c").arg(script).arg(env!("CARGO_BIN_EXE_rapport")).args(args);
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("start a shell");
        let stdout = child.stdout.take().map(drain);
        let stderr = child.stderr.take().map(drain);
        Shell { child, stdout, stderr }
    }
}

/// A shell this test started; killed if the test fails before it ends.
struct Shell {
    child: Child,
    stdout: Option<JoinHandle<Vec<u8>>>,
    stderr: Option<JoinHandle<Vec<u8>>>,
}

impl Shell {
    /// Waits for the end; the shell must exit 0 with nothing on stderr.
    fn succeeds(mut self, what: &str) -> String {
        let status = self.child.wait().expect("wait for the shell");
        let join = |h: Option<JoinHandle<Vec<u8>>>| {
            String::from_utf8_lossy(&h.map(|h| h.join().unwrap_or_default()).unwrap_or_default()).into_owned()
        };
        let (stdout, stderr) = (join(self.stdout.take()), join(self.stderr.take()));
        for word in ["locked", "busy", "panicked"] {
            assert!(!stderr.contains(word), "{what} saw {word:?}: {stderr}");
        }
        assert!(status.success() && stderr.is_empty(), "{what} ended with {status:?}:\n{stderr}\n{stdout}");
        stdout
    }
}

impl Drop for Shell {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

// ---------------------------------------------------------------------------------------
// Four writers, four threads and a reader.

const WRITERS: usize = 4;
/// Each writer process alternates LOGS_PER_CHUNK `rapport log` calls with one
/// `rapport import` of IMPORT_ROWS interactions, CHUNKS times: 500 interactions each.
const CHUNKS: usize = 5;
const LOGS_PER_CHUNK: usize = 20;
const IMPORT_ROWS: usize = 80;
const THREADS: usize = 4;
const THREAD_LOGS: usize = 100;

/// Args: database, writer number, folder of import files, chunks, logs per chunk.
const WRITER: &str = r#"
db="$1"; w="$2"; dir="$3"; chunk=0
while [ $chunk -lt "$4" ]; do
  chunk=$((chunk + 1)); n=0
  while [ $n -lt "$5" ]; do
    n=$((n + 1))
    "$0" --db "$db" log "Writer $w" --kind call --summary "w$w log $chunk.$n" >/dev/null || exit 1
  done
  "$0" --db "$db" import "$dir/w$w-$chunk.csv" >/dev/null || exit 1
done
"#;

/// Checks and lists until the stop file appears; stops at the first failure, with the
/// check's report on stdout.
const READER: &str = r#"
db="$1"; stop="$2"; rounds=0
while [ ! -e "$stop" ]; do
  rounds=$((rounds + 1))
  report=$("$0" --db "$db" check) || { echo "$report"; exit 1; }
  "$0" --db "$db" list --format csv >/dev/null || exit 1
done
echo "$rounds"
"#;

fn writer_import(scene: &Scene, w: usize, chunk: usize) {
    let mut csv = String::from("customer,date,kind,summary,amount\n");
    for row in 1..=IMPORT_ROWS {
        let day = 1 + row % 28;
        writeln!(csv, "Writer {w},2026-05-{day:02},purchase,w{w} import {chunk}.{row},{row}.50").unwrap();
    }
    std::fs::write(scene.path(&format!("w{w}-{chunk}.csv")), csv).unwrap();
}

/// The summaries of one customer's interactions.
fn summaries_of(conn: &Connection, name: &str) -> BTreeSet<String> {
    let mut stmt = conn
        .prepare("SELECT i.summary FROM interactions i JOIN customers c ON c.id = i.customer_id WHERE c.name = ?1")
        .unwrap();
    let rows = stmt.query_map([name], |r| r.get::<_, String>(0)).unwrap();
    let list: Vec<String> = rows.collect::<Result<_, _>>().unwrap();
    let set: BTreeSet<String> = list.iter().cloned().collect();
    assert_eq!(set.len(), list.len(), "{name} has an interaction twice");
    set
}

fn thread_writer(db: PathBuf, customer: i64, t: usize) -> JoinHandle<Result<(), String>> {
    std::thread::spawn(move || {
        let mut store = Store::open(&db, Session::on(today())).map_err(|e| e.to_string())?;
        for n in 1..=THREAD_LOGS {
            let interaction = Interaction {
                id: 0,
                customer_id: customer,
                date: today(),
                kind: InteractionKind::Meeting,
                summary: format!("t{t} meeting {n}"),
                amount: None,
                sentiment: Some(1),
            };
            store.log_interaction(&interaction).map_err(|e| format!("thread {t}, write {n}: {e}"))?;
        }
        Ok(())
    })
}

#[test]
fn four_processes_and_four_threads_writing_at_once_lose_nothing() {
    let scene = Scene::new("concurrent-");
    let db = scene.db();
    let mut thread_customers = Vec::new();
    {
        let mut store = open(&db);
        for w in 1..=WRITERS {
            store.add_customer(&Customer::new(format!("Writer {w}"), today())).unwrap();
        }
        for t in 1..=THREADS {
            let change = store.add_customer(&Customer::new(format!("Thread {t}"), today())).unwrap();
            thread_customers.push(change.created_id.unwrap());
        }
    }
    for w in 1..=WRITERS {
        for chunk in 1..=CHUNKS {
            writer_import(&scene, w, chunk);
        }
    }
    let stop = scene.path("stop");
    let started = Instant::now();
    let reader = scene.shell(READER, &[db.to_str().unwrap(), stop.to_str().unwrap()]);
    let dir = scene.dir.path().to_str().unwrap();
    let (chunks, logs) = (CHUNKS.to_string(), LOGS_PER_CHUNK.to_string());
    let writers: Vec<Shell> = (1..=WRITERS)
        .map(|w| scene.shell(WRITER, &[db.to_str().unwrap(), &w.to_string(), dir, &chunks, &logs]))
        .collect();
    let threads: Vec<_> =
        thread_customers.iter().enumerate().map(|(t, id)| thread_writer(db.clone(), *id, t + 1)).collect();

    for (w, writer) in writers.into_iter().enumerate() {
        writer.succeeds(&format!("writer {}", w + 1));
    }
    for (t, thread) in threads.into_iter().enumerate() {
        thread.join().expect("the thread ran").unwrap_or_else(|e| panic!("thread {}: {e}", t + 1));
    }
    let took = started.elapsed();
    std::fs::write(&stop, "").unwrap();
    let checks = reader.succeeds("the reader");
    let per_writer = CHUNKS * (LOGS_PER_CHUNK + IMPORT_ROWS);
    let total = WRITERS * per_writer + THREADS * THREAD_LOGS;
    eprintln!("{total} interactions written in {took:?}; {} checks ran meanwhile", checks.trim());

    let conn = Connection::open(&db).unwrap();
    for w in 1..=WRITERS {
        let mut expected = BTreeSet::new();
        for chunk in 1..=CHUNKS {
            expected.extend((1..=LOGS_PER_CHUNK).map(|n| format!("w{w} log {chunk}.{n}")));
            expected.extend((1..=IMPORT_ROWS).map(|row| format!("w{w} import {chunk}.{row}")));
        }
        assert_eq!(expected.len(), per_writer);
        assert_eq!(summaries_of(&conn, &format!("Writer {w}")), expected, "writer {w}");
    }
    for t in 1..=THREADS {
        let expected: BTreeSet<String> = (1..=THREAD_LOGS).map(|n| format!("t{t} meeting {n}")).collect();
        assert_eq!(summaries_of(&conn, &format!("Thread {t}")), expected, "thread {t}");
    }
    let saved: i64 = conn.query_row("SELECT count(*) FROM interactions", [], |r| r.get(0)).unwrap();
    assert_eq!(saved as usize, total);
    let report = scene.ok(&["check"]);
    assert!(report.starts_with("OK: 8 customers"), "{report}");
}

// ---------------------------------------------------------------------------------------
// The dashboard and the others.

fn dashboard(scene: &Scene) -> PtySession {
    let mut store = open(&scene.db());
    portfolio(&mut store);
    drop(store);
    let session = PtySession::spawn(&["--db", scene.db().to_str().unwrap()], &isolated_env(scene.dir.path()), 100, 30);
    session.wait_for("Customers by type", 20);
    session
}

/// The line of the customer table that shows `name`.
fn row_of<'s>(screen: &'s str, name: &str) -> Option<&'s str> {
    screen.lines().find(|line| line.contains(name))
}

/// Waits until `wanted` holds for the screen; panics with the screen after `secs`.
fn wait_until(s: &PtySession, secs: u64, what: &str, wanted: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let screen = s.screen();
        if wanted(&screen) {
            return screen;
        }
        assert!(start.elapsed() < Duration::from_secs(secs), "timed out waiting for {what}; screen:\n{screen}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_dashboard_shows_what_other_processes_write() {
    let scene = Scene::new("dashboard-");
    let mut s = dashboard(&scene);
    s.send("2");
    s.wait_for("All · 8", 5);
    scene.ok(&["add", "Someone New", "--company", "Elsewhere Ltd"]);
    let screen = s.wait_for("Someone New", 5);
    assert!(screen.contains("All · 9"), "the count follows:\n{screen}");
    assert!(row_of(&screen, "Someone New").is_some_and(|row| row.contains("prosp.")), "{screen}");

    scene.ok(&["log", "Someone New", "--kind", "purchase", "--amount", "20"]);
    scene.ok(&["log", "Someone New", "--kind", "purchase", "--amount", "30"]);
    wait_until(&s, 5, "Someone New to become a repeat customer", |screen| {
        row_of(screen, "Someone New").is_some_and(|row| row.contains("repeat"))
    });
    s.send("q");
    assert!(s.wait_exit(10).expect("rapport exits after q").success());
}

/// Fills in the dashboard's form for a meeting with the selected customer, short of the
/// Enter that saves it.
const LOG_FORM_KEYS: [&str; 4] = ["i", "m", "\t\t", "Catch-up call"];

#[test]
fn a_save_at_the_dashboard_does_not_hide_what_others_wrote_just_before() {
    let scene = Scene::new("dashboard-save-");
    let mut s = dashboard(&scene);
    s.send("2");
    s.wait_for("All · 8", 5);
    for keys in LOG_FORM_KEYS {
        s.send(keys);
    }
    s.wait_for("Log an interaction with", 5);
    // Someone else adds a customer, and the person at the dashboard saves at once,
    // before the dashboard's next look at the file (which comes once a second: should it
    // fall in between, this run proves nothing, but cannot fail either).
    scene.ok(&["add", "Someone New"]);
    s.send("\r");
    s.wait_for("Logged a meeting", 5);
    let screen = s.wait_for("Someone New", 5);
    assert!(screen.contains("All · 9"), "{screen}");
    s.send("q");
    assert!(s.wait_exit(10).expect("rapport exits after q").success());
}

/// The same, step by step in the library, where no timing can hide it.
#[test]
fn a_save_in_the_app_does_not_hide_what_others_wrote_before_it() {
    let scene = Scene::new("app-save-");
    let mut store = open(&scene.db());
    portfolio(&mut store);
    let mut app = App::new(store, Config::default()).unwrap();
    press(&mut app, &[ch('2'), ch('i'), ch('m'), key(KeyCode::Tab), key(KeyCode::Tab)]);
    type_text(&mut app, "Catch-up call");
    scene.ok(&["add", "Someone New"]);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.form.is_none(), "the form was saved");
    app.tick();
    assert!(app.roster().rows().any(|r| r.name == "Someone New"), "the other process's customer is missing");
    assert_roster_matches(&app, &scene.db());
}

fn assert_roster_matches(app: &App, db: &Path) {
    let mut shown: Vec<_> = app.roster().rows().cloned().collect();
    shown.sort_by_key(|r| r.id);
    let mut stored = open(db).list_rows().unwrap();
    stored.sort_by_key(|r| r.id);
    let stale: Vec<_> = shown.iter().zip(&stored).filter(|(a, b)| a != b).map(|(a, _)| a.name.clone()).collect();
    assert_eq!(shown.len(), stored.len(), "the app shows {} customers, the file holds {}", shown.len(), stored.len());
    assert!(stale.is_empty(), "the app shows stale rows for {} customers: {stale:?}", stale.len());
}

const KEEP_UP_CUSTOMERS: usize = 400;

/// Logs one call with each customer from `$2` to `$3`, one process each.
const ONE_EACH: &str = r#"
db="$1"; k="$2"
while [ "$k" -le "$3" ]; do
  "$0" --db "$db" log "Customer $k" --kind call --summary "keep up $k" >/dev/null || exit 1
  k=$((k + 1))
done
"#;

/// Writers that never pause, each write to a customer nobody writes to again: an update
/// the app misses once stays missing, so the final comparison shows it.
#[test]
fn the_app_keeps_up_with_writers_that_never_pause() {
    let scene = Scene::new("keep-up-");
    let db = scene.db();
    let mut csv = String::from("name,company\n");
    for k in 1..=KEEP_UP_CUSTOMERS {
        writeln!(csv, "Customer {k},Busy Co").unwrap();
    }
    std::fs::write(scene.path("customers.csv"), csv).unwrap();
    scene.ok(&["import", scene.path("customers.csv").to_str().unwrap()]);

    let half = KEEP_UP_CUSTOMERS / 2;
    let ranges = [(1, half), (half + 1, KEEP_UP_CUSTOMERS)];
    let mut writers: Vec<Shell> = ranges
        .iter()
        .map(|(from, to)| scene.shell(ONE_EACH, &[db.to_str().unwrap(), &from.to_string(), &to.to_string()]))
        .collect();
    // The app opens while the writers are already at work.
    std::thread::sleep(Duration::from_millis(100));
    let mut app = App::new(open(&db), Config::default()).unwrap();
    let mut ticks = 0;
    while writers.iter_mut().any(|w| matches!(w.child.try_wait(), Ok(None))) {
        ticks += usize::from(app.tick());
        std::thread::sleep(Duration::from_millis(2));
    }
    for (n, writer) in writers.into_iter().enumerate() {
        writer.succeeds(&format!("writer {}", n + 1));
    }
    app.tick();
    eprintln!("the app reloaded {ticks} times while the writers ran");
    assert_roster_matches(&app, &db);
}
