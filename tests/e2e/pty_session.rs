//! End to end in a real pseudo-terminal: the binary starts on a database, the keys move
//! the selection and open and close help, and quitting leaves the alternate screen and
//! exits 0. Logging through the dashboard is then visible to `rapport show`.

use crate::support::pty::{PtySession, isolated_env};
use crate::support::*;

#[test]
fn navigate_open_help_and_quit_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let db = prepared_database(&dir);
    let env = isolated_env(dir.path());
    let mut s = PtySession::spawn(&["--db", db.to_str().unwrap()], &env, 80, 24);
    s.wait_for("Customers by type", 20);
    assert!(s.alternate_screen());
    s.send("2");
    s.wait_for("Groups", 5);
    s.send("j");
    s.send("j");
    let screen = s.wait_for("Björn Ström", 5);
    assert!(screen.contains("Björn Ström ─"), "the detail follows the third row:\n{screen}");
    s.send("?");
    s.wait_for("Help", 5);
    s.send("\x1b");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(!s.screen().contains("Help ·"), "help closed:\n{}", s.screen());
    s.send("q");
    let status = s.wait_exit(10).expect("rapport exits after q");
    assert!(status.success(), "{status:?}");
    assert!(!s.alternate_screen(), "left the alternate screen");
    let raw = s.raw();
    let tail = String::from_utf8_lossy(&raw[raw.len().saturating_sub(200)..]).to_string();
    assert!(tail.contains("\x1b[?1049l"), "the last bytes leave the alternate screen: {tail:?}");
}

#[test]
fn an_interaction_logged_in_the_dashboard_is_found_by_show() {
    let dir = tempfile::tempdir().unwrap();
    let db = prepared_database(&dir);
    let env = isolated_env(dir.path());
    let mut s = PtySession::spawn(&["--db", db.to_str().unwrap()], &env, 80, 24);
    s.open_log_form("olu", "Olu Adeyemi");
    // Kind: meeting (m); then the summary field.
    s.send("m");
    s.send("\t");
    s.send("\t");
    s.send("Quarterly review over coffee");
    s.send("\r");
    s.wait_for("Logged a meeting with Olu Adeyemi", 5);
    s.send("q");
    assert!(s.wait_exit(10).expect("exits").success());

    let output = sandboxed(dir.path()).args(["--db", db.to_str().unwrap(), "show", "Olu Adeyemi"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("Quarterly review over coffee"), "{stdout}");
}
