//! A writer killed with SIGKILL at a random moment loses nothing it reported as saved
//! and leaves nothing half-written. Three kinds of writer, all the real binary:
//!
//! - one `rapport import` of an export folder (customers, interactions and feedback in a
//!   single transaction): after the kill, that import is in the file entirely or not at all;
//! - a shell loop of `rapport log` and `rapport feedback`, each printing its confirmation
//!   only after its commit, the whole process group killed: every write the loop
//!   confirmed is there with all its fields, and at most the one in flight beyond them;
//! - `rapport add` on a file that does not exist yet, killed while it creates and
//!   migrates it: the file is still usable.
//!
//! After every kill `rapport check` passes (integrity, references, summaries, stages and
//! suggestions agree with the records) and every earlier round is still there, untouched.
//! The databases live under the crate's target folder, on a real disk, so commits are
//! really flushed. Kill times are random; the seed is printed (`CRASH_SEED` sets it).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

use crate::support::TODAY;
use crate::support::kill::{Runs, Writer, count, moment, rng};
use crate::support::scene::Scene;

// ---------------------------------------------------------------------------------------
// One import of an export folder, killed.

const IMPORT_CUSTOMERS: usize = 12;
const IMPORT_INTERACTIONS: usize = 1500;
const IMPORT_FEEDBACK: usize = 60;

/// The records one import round adds, each findable by the round number.
fn import_folder(scene: &Scene, round: usize) -> PathBuf {
    let folder = scene.path(&format!("import-{round}"));
    std::fs::create_dir_all(&folder).unwrap();
    let email = |k: usize| format!("r{round}c{k}@crash.example");
    let mut customers = String::from("name,email,company,tags\n");
    for k in 0..IMPORT_CUSTOMERS {
        writeln!(customers, "Round {round} customer {k},{},\"Crash, Test & Co\",crash;round{round}", email(k)).unwrap();
    }
    let kinds = ["purchase", "call", "support", "email", "meeting", "community"];
    let mut interactions = String::from("customer,date,kind,summary,amount,sentiment\n");
    for i in 0..IMPORT_INTERACTIONS {
        let kind = kinds[i % kinds.len()];
        let amount = if kind == "purchase" { format!("{}.{:02}", 10 + i % 90, i % 100) } else { String::new() };
        let date = format!("2026-{:02}-{:02}", 1 + i % 5, 1 + i % 28);
        let sentiment = (i % 5) as i64 - 2;
        writeln!(
            interactions,
            "{},{date},{kind},\"import {round} row {i}, with a comma\",{amount},{sentiment}",
            email(i % IMPORT_CUSTOMERS)
        )
        .unwrap();
    }
    let mut feedback = String::from("customer,date,nps,csat,kind,comment\n");
    for j in 0..IMPORT_FEEDBACK {
        let kind = ["praise", "complaint", "idea", "general"][j % 4];
        writeln!(
            feedback,
            "{},2026-06-{:02},{},{},{kind},import {round} note {j}",
            email(j % IMPORT_CUSTOMERS),
            1 + j % 14,
            j % 11,
            1 + j % 5
        )
        .unwrap();
    }
    std::fs::write(folder.join("customers.csv"), customers).unwrap();
    std::fs::write(folder.join("interactions.csv"), interactions).unwrap();
    std::fs::write(folder.join("feedback.csv"), feedback).unwrap();
    folder
}

/// How many of one round's customers, interactions and feedback the file holds; the
/// interactions and feedback counted only when they belong to that round's customers
/// and have every field as the file gave it.
fn import_round_counts(conn: &Connection, round: usize) -> (i64, i64, i64) {
    let of_round = format!("SELECT id FROM customers WHERE email LIKE 'r{round}c%@crash.example'");
    let customers = count(
        conn,
        &format!(
            "SELECT count(*) FROM customers WHERE email LIKE 'r{round}c%@crash.example' \
             AND name LIKE 'Round {round} customer %' AND company = 'Crash, Test & Co'"
        ),
    );
    let interactions = count(
        conn,
        &format!(
            "SELECT count(*) FROM interactions WHERE summary LIKE 'import {round} row %, with a comma' \
             AND customer_id IN ({of_round}) AND date LIKE '2026-0_-__' AND sentiment BETWEEN -2 AND 2 \
             AND (kind = 'purchase') = (amount_cents IS NOT NULL)"
        ),
    );
    let feedback = count(
        conn,
        &format!(
            "SELECT count(*) FROM feedback WHERE comment LIKE 'import {round} note %' \
             AND customer_id IN ({of_round}) AND nps IS NOT NULL AND csat IS NOT NULL"
        ),
    );
    (customers, interactions, feedback)
}

fn totals(conn: &Connection) -> (i64, i64, i64) {
    (
        count(conn, "SELECT count(*) FROM customers"),
        count(conn, "SELECT count(*) FROM interactions"),
        count(conn, "SELECT count(*) FROM feedback"),
    )
}

/// How the kills of a series of imports fell.
#[derive(Default)]
struct ImportTally {
    cut_off: usize,
    landed_unannounced: usize,
    finished: usize,
}

/// Rounds per database: the file grows by a whole import each round, and a larger file
/// makes every import and check slower.
const ROUNDS_PER_DATABASE: usize = 40;

/// Runs `rounds` imports, each killed at a random moment within a little more than the
/// length of an import that ran to its end.
fn killed_imports(rounds: usize) {
    let scene = Scene::new("crash-import-");
    let mut rng = rng("killed_imports");
    let mut tally = ImportTally::default();
    for (n, first) in (1..=rounds).step_by(ROUNDS_PER_DATABASE).enumerate() {
        let db = scene.path(&format!("crash-{n}.db"));
        let last = (first + ROUNDS_PER_DATABASE - 1).min(rounds);
        killed_imports_into(&scene, &db, first..=last, &mut rng, &mut tally);
    }
    let ImportTally { cut_off, landed_unannounced, finished } = tally;
    eprintln!(
        "{rounds} imports: {cut_off} killed before their commit, {landed_unannounced} killed after it but before \
         saying so, {finished} finished first"
    );
    assert!(cut_off + landed_unannounced >= rounds / 3, "too few kills landed inside an import");
}

fn killed_imports_into(
    scene: &Scene,
    db: &Path,
    rounds: std::ops::RangeInclusive<usize>,
    rng: &mut ChaCha8Rng,
    tally: &mut ImportTally,
) {
    scene.ok(db, &["add", "Standing Customer", "--email", "standing@crash.example"]);
    let full = (IMPORT_CUSTOMERS as i64, IMPORT_INTERACTIONS as i64, IMPORT_FEEDBACK as i64);

    // Round 0 runs to its end: it proves the import works and times one.
    let first = Writer::start(scene.rapport(db, &["import", import_folder(scene, 0).to_str().unwrap()])).finish();
    assert!(first.status.success(), "the untimed import failed: {}", first.stderr);
    let mut window = first.took.mul_f64(1.2);
    let mut expected = (1 + full.0, full.1, full.2);

    for round in rounds {
        let folder = import_folder(scene, round);
        let writer = Writer::start(scene.rapport(db, &["import", folder.to_str().unwrap()]));
        let ended = writer.kill_after(moment(rng, window));
        let context = format!("after import round {round} ({:?} in)", ended.took);
        if !ended.killed {
            assert!(ended.status.success(), "import round {round} failed on its own: {}", ended.stderr);
            // Keep the kills within the import as the file grows.
            window = ended.took.mul_f64(1.2);
            tally.finished += 1;
        }
        scene.assert_checks(db, &context);

        let conn = Connection::open(db).unwrap();
        let found = import_round_counts(&conn, round);
        let reported = ended.stdout.contains("Imported ");
        assert!(found == full || found == (0, 0, 0), "half an import {context}: {found:?} of {full:?}");
        if reported {
            assert_eq!(found, full, "an import that said it was done is missing {context}");
        }
        match (found == full, reported) {
            (true, false) => tally.landed_unannounced += 1,
            (false, _) => tally.cut_off += 1,
            _ => {}
        }
        if found == full {
            expected = (expected.0 + full.0, expected.1 + full.1, expected.2 + full.2);
        }
        assert_eq!(totals(&conn), expected, "earlier rounds changed {context}");
        std::fs::remove_dir_all(folder).unwrap();
    }
}

#[test]
fn a_killed_import_is_all_there_or_not_at_all() {
    killed_imports(40);
}

#[test]
#[ignore = "long: hundreds of kills; run with --ignored"]
fn a_killed_import_is_all_there_or_not_at_all_many_times() {
    killed_imports(400);
}

// ---------------------------------------------------------------------------------------
// A shell loop of single writes, the whole process group killed.

/// Alternates `rapport log` (odd steps) and `rapport feedback` (even ones) for ever,
/// echoing `committed N` once the write of step N has returned.
const LOOP: &str = r#"
db="$1"; round="$2"; i=0
while :; do
  i=$((i + 1))
  if [ $((i % 2)) -eq 1 ]; then
    "$0" --db "$db" log "Loop Customer" --kind purchase --amount 12.50 --sentiment 1 --summary "loop $round seq $i" || exit 1
  else
    "$0" --db "$db" feedback "Loop Customer" --nps $((i % 11)) --comment "loop $round seq $i" || exit 1
  fi
  echo "committed $i"
done
"#;

/// What a loop's output proves was committed: the steps it echoed, plus the one whose
/// rapport confirmation (naming the new record's id) came out before the echo.
struct Confirmed {
    steps: usize,
    /// (step, "interaction" or "feedback", id) from rapport's own confirmations.
    records: Vec<(usize, &'static str, i64)>,
}

fn confirmed(stdout: &str) -> Confirmed {
    let mut steps = 0;
    let mut records = Vec::new();
    // Only whole lines count: a line cut by the kill proves nothing.
    let complete = stdout.rfind('\n').map_or("", |end| &stdout[..end]);
    for line in complete.lines() {
        if let Some(n) = line.strip_prefix("committed ") {
            let n: usize = n.parse().expect("a step number");
            assert_eq!(n, steps + 1, "steps out of order in:\n{stdout}");
            steps = n;
            continue;
        }
        for record in ["interaction", "feedback"] {
            if let Some(id) = line.strip_suffix(')').and_then(|l| l.rsplit_once(&format!(" ({record} ")))
                && let Ok(id) = id.1.parse()
            {
                records.push((steps + 1, record, id));
            }
        }
    }
    let steps = records.last().map_or(steps, |r| r.0.max(steps));
    Confirmed { steps, records }
}

/// The steps of `round` the file holds, each checked field by field.
fn loop_steps(conn: &Connection, round: usize, customer: i64) -> Vec<usize> {
    let prefix = format!("loop {round} seq ");
    let mut steps = Vec::new();
    let mut stmt = conn
        .prepare(
            "SELECT summary, customer_id, date, kind, amount_cents, sentiment FROM interactions WHERE summary LIKE ?1",
        )
        .unwrap();
    let rows = stmt
        .query_map([format!("{prefix}%")], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })
        .unwrap();
    for row in rows {
        let (summary, who, date, kind, amount, sentiment): (String, i64, String, String, Option<i64>, Option<i64>) =
            row.unwrap();
        let step: usize = summary[prefix.len()..].parse().expect("a step number");
        assert!(!step.is_multiple_of(2), "an interaction for feedback step {step}");
        assert_eq!(
            (who, date.as_str(), kind.as_str(), amount, sentiment),
            (customer, TODAY, "purchase", Some(1250), Some(1)),
            "interaction of step {step}"
        );
        steps.push(step);
    }
    let mut stmt =
        conn.prepare("SELECT comment, customer_id, date, nps, kind FROM feedback WHERE comment LIKE ?1").unwrap();
    let rows = stmt
        .query_map([format!("{prefix}%")], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap();
    for row in rows {
        let (comment, who, date, nps, kind): (String, i64, String, Option<i64>, String) = row.unwrap();
        let step: usize = comment[prefix.len()..].parse().expect("a step number");
        assert!(step.is_multiple_of(2), "feedback for interaction step {step}");
        assert_eq!(
            (who, date.as_str(), nps, kind.as_str()),
            (customer, TODAY, Some((step % 11) as i64), "general"),
            "feedback of step {step}"
        );
        steps.push(step);
    }
    steps.sort_unstable();
    steps
}

fn killed_loops(rounds: usize) {
    let scene = Scene::new("crash-loop-");
    let db = scene.path("crash.db");
    let mut rng = rng("killed_loops");
    let customer: i64 = scene.ok(&db, &["add", "Loop Customer"]).trim().parse().unwrap();
    let (mut total, mut in_flight_landed) = (0usize, 0);
    for round in 1..=rounds {
        let mut sh = scene.isolated("/bin/sh");
        sh.args(["-c", LOOP, env!("CARGO_BIN_EXE_rapport"), db.to_str().unwrap(), &round.to_string()]);
        let ended = Writer::start(sh).kill_after(Duration::from_millis(rng.random_range(2..=150)));
        assert!(ended.killed, "the loop of round {round} stopped by itself ({:?}): {}", ended.status, ended.stderr);
        let context = format!("after loop round {round} ({:?} in)", ended.took);
        scene.assert_checks(&db, &context);

        let proof = confirmed(&ended.stdout);
        let conn = Connection::open(&db).unwrap();
        let steps = loop_steps(&conn, round, customer);
        let last = steps.len();
        assert_eq!(steps, (1..=last).collect::<Vec<_>>(), "steps missing or doubled {context}");
        assert!(
            last == proof.steps || last == proof.steps + 1,
            "{last} steps saved, {} confirmed {context}:\n{}",
            proof.steps,
            ended.stdout
        );
        for (step, record, id) in &proof.records {
            let table = if *record == "interaction" { "interactions" } else { "feedback" };
            let column = if *record == "interaction" { "summary" } else { "comment" };
            let text: String = conn
                .query_row(&format!("SELECT {column} FROM {table} WHERE id = ?1"), [id], |r| r.get(0))
                .unwrap_or_else(|e| panic!("confirmed {record} {id} of step {step} is gone {context}: {e}"));
            assert_eq!(text, format!("loop {round} seq {step}"), "{record} {id} {context}");
        }
        in_flight_landed += last - proof.steps;
        total += last;
        let saved = count(&conn, "SELECT count(*) FROM interactions") + count(&conn, "SELECT count(*) FROM feedback");
        assert_eq!(saved as usize, total, "earlier rounds changed {context}");
    }
    eprintln!("{rounds} loops: {total} writes kept, {in_flight_landed} of them committed but not yet confirmed");
}

#[test]
fn a_killed_write_loop_keeps_every_confirmed_write() {
    killed_loops(40);
}

#[test]
#[ignore = "long: hundreds of kills; run with --ignored"]
fn a_killed_write_loop_keeps_every_confirmed_write_many_times() {
    killed_loops(400);
}

// ---------------------------------------------------------------------------------------
// Creating a database, killed.

fn killed_creations(rounds: usize) {
    let scene = Scene::new("crash-create-");
    let mut rng = rng("killed_creations");
    let timed = scene.path("timed.db");
    let first = Writer::start(scene.rapport(&timed, &["add", "First"])).finish();
    assert!(first.status.success(), "{}", first.stderr);
    let window = first.took.mul_f64(1.5);
    let mut cut_off = 0;
    for round in 1..=rounds {
        let db = scene.path(&format!("new-{round}.db"));
        let ended = Writer::start(scene.rapport(&db, &["add", "First"])).kill_after(moment(&mut rng, window));
        let context = format!("after creation round {round} ({:?} in)", ended.took);
        let reported = !ended.stdout.trim().is_empty();
        if ended.killed && !reported {
            cut_off += 1;
        } else {
            assert!(ended.status.success() || ended.killed, "creation round {round} failed: {}", ended.stderr);
        }
        // Whatever the kill left, the next command must be able to use the file.
        scene.ok(&db, &["add", "Second"]);
        scene.assert_checks(&db, &context);
        let conn = Connection::open(&db).unwrap();
        let firsts = count(&conn, "SELECT count(*) FROM customers WHERE name = 'First'");
        let seconds = count(&conn, "SELECT count(*) FROM customers WHERE name = 'Second'");
        assert_eq!(seconds, 1, "{context}");
        assert!(firsts <= 1, "{context}");
        if reported {
            assert_eq!(firsts, 1, "a customer whose id was printed is missing {context}");
        }
    }
    eprintln!("{rounds} creations: {cut_off} killed before they printed an id");
}

#[test]
fn a_database_killed_while_being_created_stays_usable() {
    killed_creations(20);
}

#[test]
#[ignore = "long: hundreds of kills; run with --ignored"]
fn a_database_killed_while_being_created_stays_usable_many_times() {
    killed_creations(200);
}
