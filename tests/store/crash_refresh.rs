//! A rules change refreshes every summary in short batches, each its own transaction. Here
//! `rapport rules import` is killed with SIGKILL at a random moment, 50 times over, on a
//! file of 2,000 customers: whatever the moment, a read right after the kill answers as if
//! the refresh had finished (out-of-date summaries are worked out from the records), and
//! `rapport check` then tells the unfinished refresh from damage, finishes it and passes.
//! Kill times are random; the seed is printed (`CRASH_SEED` sets it).

use std::path::Path;
use std::time::Duration;

use crate::support::kill::{Runs, Writer, moment, rng};
use crate::support::scene::Scene;

const KILLS: usize = 50;

fn rules_file(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules").join(name).display().to_string()
}

#[test]
fn a_rules_refresh_killed_fifty_times_reads_right_and_checks_clean() {
    let scene = Scene::new("crash-refresh");
    let db = scene.path("refresh.db");
    scene.ok(&db, &["demo", "--customers", "2000", "--seed", "3"]);
    // Two rule sets that differ in cadences and in a rule: each import changes the rules.
    let files = [rules_file("valid_cadence_changed.toml"), rules_file("valid_extra_alternative.toml")];

    // One import run to its end gives the window to kill in, and the batches' figures.
    let whole = Writer::start(scene.rapport(&db, &["rules", "import", &files[0]])).finish();
    assert!(whole.status.success(), "{}", whole.stderr);
    assert!(whole.stdout.contains("Refreshed 2,000 summaries"), "{}", whole.stdout);
    let window = whole.took + Duration::from_millis(20);
    eprintln!("one import with its refresh: {:?}: {}", whole.took, whole.stdout.trim());

    let mut rng = rng("a_rules_refresh_killed_fifty_times_reads_right_and_checks_clean");
    let (mut mid_refresh, mut before_import, mut finished, mut refreshed_by_check) = (0, 0, 0, 0);
    for round in 0..KILLS {
        let file = &files[(round + 1) % 2];
        let ended = Writer::start(scene.rapport(&db, &["rules", "import", file])).kill_after(moment(&mut rng, window));
        match (ended.killed, ended.stdout.contains("Imported"), ended.stdout.contains("Refreshed")) {
            (false, _, _) => finished += 1,
            (true, true, false) => mid_refresh += 1,
            _ => before_import += 1,
        }
        // Read-only, before anything finishes the refresh: the list as it will be.
        let read_before = scene.ok(&db, &["list", "--format", "csv"]);
        let check = scene.rapport(&db, &["check"]).output().unwrap();
        let said = String::from_utf8_lossy(&check.stdout);
        assert!(check.status.success() && said.lines().any(|l| l.starts_with("OK: ")), "round {round}: {said}");
        assert!(!said.contains("Problem"), "round {round}: {said}");
        if said.contains("had not been brought to today") {
            refreshed_by_check += 1;
        }
        let read_after = scene.ok(&db, &["list", "--format", "csv"]);
        assert_eq!(read_before, read_after, "round {round}: a read before the refresh finished answers as after");
    }
    eprintln!(
        "{KILLS} kills: {mid_refresh} during the refresh, {before_import} before the new rules were stored, \
         {finished} after the import had finished; check finished {refreshed_by_check} refreshes"
    );
    assert!(mid_refresh > 0, "no kill fell during a refresh; the window is {window:?}");
}
