//! Every file in tests/configs/ run through the real binary with its expected outcome,
//! and `rapport config --print-default` printing the commented default.

use std::path::Path;

use assert_cmd::Command;

use crate::support::sandboxed;

fn rapport(home: &Path) -> Command {
    Command::from_std(sandboxed(home))
}

#[test]
fn every_config_file_has_its_expected_outcome() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/configs");
    let expected: toml::Table =
        toml::from_str(&std::fs::read_to_string(folder.join("expected.toml")).unwrap()).unwrap();
    let mut seen = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        if name == "expected" {
            continue;
        }
        let want =
            expected.get(&name).and_then(|v| v.as_table()).unwrap_or_else(|| panic!("{name} has no expectation"));
        let home = tempfile::tempdir().unwrap();
        let out = rapport(home.path()).env("RAPPORT_CONFIG", &path).arg("config").output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let status = want["status"].as_integer().unwrap() as i32;
        assert_eq!(out.status.code(), Some(status), "{name}: stdout {stdout} stderr {stderr}");
        if let Some(text) = want.get("contains").and_then(|v| v.as_str()) {
            assert!(stdout.contains(text), "{name}: {stdout}");
        }
        if let Some(line) = want.get("line").and_then(|v| v.as_integer()) {
            let prefix = format!("{}:{line}: ", path.display());
            assert!(stderr.contains(&prefix), "{name}: expected {prefix} in {stderr}");
            let reason = want["reason"].as_str().unwrap();
            assert!(stderr.contains(reason), "{name}: expected {reason:?} in {stderr}");
            assert_eq!(stderr.lines().count(), 1, "{name}: one sentence, no backtrace: {stderr}");
        }
        seen += 1;
    }
    assert!(seen >= 14);
}

#[test]
fn a_bad_config_stops_the_dashboard_before_the_terminal_is_touched() {
    let home = tempfile::tempdir().unwrap();
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/configs/invalid_theme.toml");
    let out = rapport(home.path())
        .env("RAPPORT_CONFIG", &bad)
        .args(["--db", home.path().join("x.db").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid_theme.toml:2: theme 'neon'"));
    assert!(out.stdout.is_empty(), "nothing was drawn");
}

#[test]
fn print_default_prints_the_commented_default() {
    let home = tempfile::tempdir().unwrap();
    let out = rapport(home.path()).args(["config", "--print-default"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text, rapport::config::DEFAULT_CONFIG_TOML);
    assert!(text.lines().filter(|l| l.starts_with('#')).count() > 10, "it is commented");
    // And it is a valid file that changes nothing.
    let file = home.path().join("c.toml");
    std::fs::write(&file, &text).unwrap();
    let out = rapport(home.path()).env("RAPPORT_CONFIG", &file).arg("config").output().unwrap();
    assert!(out.status.success());
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    let home = tempfile::tempdir().unwrap();
    for args in [vec!["config", "--print-default"], vec!["config"]] {
        let mut child = sandboxed(home.path())
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 1];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The pipe closes here, as `| head -c1` would close it.
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn add_takes_the_default_owner_and_refuses_a_bad_config() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("owners.db");
    let db = db.to_str().unwrap();
    let config = home.path().join("owner.toml");
    std::fs::write(&config, "default_owner = \"Maria Santos\"\n").unwrap();
    let added = |name: &str, extra: &[&str]| {
        let out =
            rapport(home.path()).env("RAPPORT_CONFIG", &config).args(["--db", db, "add", name]).args(extra).output();
        out.unwrap()
    };
    assert!(added("Gina Test", &[]).status.success());
    assert!(added("Hal Test", &["--owner", "Sam"]).status.success());
    let list = rapport(home.path()).args(["--db", db, "list", "--format", "json"]).output().unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let owner_of = |name: &str| rows.as_array().unwrap().iter().find(|r| r["name"] == name).unwrap()["owner"].clone();
    assert_eq!(owner_of("Gina Test"), "Maria Santos");
    assert_eq!(owner_of("Hal Test"), "Sam");

    // `add` reads the file, so a mistake in it is reported, and nothing is added.
    std::fs::write(&config, "default_owner = \"Maria\"\ncolour = \"red\"\n").unwrap();
    let out = added("Ivy Test", &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("{}:2: ", config.display())), "{stderr}");
    let list = rapport(home.path()).args(["--db", db, "list", "--format", "csv"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&list.stdout).contains("Ivy Test"));
}
