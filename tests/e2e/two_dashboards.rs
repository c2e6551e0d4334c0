//! Two real dashboards in two pseudo-terminals on one file, as two account managers
//! over SSH with their own homes and time zones: edits of different fields of one
//! customer both survive, and the same field changed by both is shown to the second
//! instead of being overwritten.

use crate::support::pty::{PtySession, isolated_env};
use crate::support::{prepared_database, sandboxed};

const CTRL_U: &str = "\u{15}";

fn dashboard(db: &std::path::Path, home: &std::path::Path, tz: &str, user: &str) -> PtySession {
    std::fs::create_dir_all(home).unwrap();
    let mut env = isolated_env(home);
    env.push(("TZ".into(), tz.into()));
    env.push(("RAPPORT_USER".into(), user.into()));
    let s = PtySession::spawn(&["--db", db.to_str().unwrap()], &env, 100, 30);
    s.wait_for("Customers by type", 20);
    s
}

/// From anywhere outside a form: the edit form of Olu Adeyemi.
fn edit_olu(s: &mut PtySession) {
    s.send("2");
    s.send("/");
    s.send("olu");
    s.wait_for("Olu Adeyemi", 5);
    s.send("\r");
    s.send("e");
    s.wait_for("Edit Olu Adeyemi", 5);
}

/// Tabs to field `index` of the form and replaces its text.
fn retype(s: &mut PtySession, index: usize, text: &str) {
    s.send(&"\t".repeat(index));
    s.send(CTRL_U);
    s.send(text);
}

#[test]
fn two_real_dashboards_keep_both_edits_and_show_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let db = prepared_database(&dir);
    let mut alice = dashboard(&db, &dir.path().join("alice"), "Europe/Lisbon", "alice");
    let mut bob = dashboard(&db, &dir.path().join("bob"), "Asia/Tokyo", "bob");
    edit_olu(&mut alice);
    edit_olu(&mut bob);

    // Different fields: Alice the notes (the ninth field), Bob the email (the third).
    retype(&mut alice, 8, "Met at the fair.");
    alice.send("\r");
    alice.wait_for("Saved Olu Adeyemi", 5);
    retype(&mut bob, 2, "olu@new.example");
    bob.send("\r");
    bob.wait_for("Saved Olu Adeyemi", 5);

    // The same field: Alice sets the owner (the sixth field) first; Bob is told.
    edit_olu(&mut alice);
    edit_olu(&mut bob);
    retype(&mut alice, 5, "Ana");
    alice.send("\r");
    alice.wait_for("Saved Olu Adeyemi", 5);
    retype(&mut bob, 5, "Bo");
    bob.send("\r");
    let screen = bob.wait_for("UTC to 'Ana'", 5);
    assert!(screen.contains("changed by alice at "), "{screen}");
    assert!(screen.contains("nothing was saved"), "{screen}");
    // Bob takes Alice's value after all, and leaves.
    bob.send("\u{14}");
    bob.send("\r");
    bob.wait_for("Nothing changed", 5);
    for s in [&mut alice, &mut bob] {
        s.send("q");
        assert!(s.wait_exit(10).expect("exits").success());
    }

    let out = sandboxed(dir.path()).args(["--db", db.to_str().unwrap(), "show", "Olu Adeyemi"]).output().unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(shown.contains("Met at the fair."), "Alice's note: {shown}");
    assert!(shown.contains("olu@new.example"), "Bob's email: {shown}");
    assert!(shown.contains("Owner               Ana"), "Alice's owner, kept by Bob: {shown}");

    // The activity record says who did what.
    let out = sandboxed(dir.path()).args(["--db", db.to_str().unwrap(), "activity", "Olu Adeyemi"]).output().unwrap();
    let activity = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(activity.contains("alice  Saved Olu Adeyemi") && activity.contains("bob  Saved Olu Adeyemi"), "{activity}");
    assert!(activity.contains("customer 7 owner: 'Maria' → 'Ana'"), "{activity}");
    assert!(activity.contains("interaction 17 added: customer_id=7; date=2025-02-02;"), "{activity}");
}
