//! Running the real `rapport` binary against a database of its own, with today's date
//! fixed and every config location pointed into a temporary folder, so no test reads a
//! person's rules.toml or touches their data.

#![allow(dead_code)] // Each test file uses its own share of these helpers.

use std::path::PathBuf;
use std::process::Output;

use assert_cmd::Command;

pub struct Env {
    dir: tempfile::TempDir,
    pub today: String,
}

impl Env {
    pub fn new(today: &str) -> Env {
        Env { dir: tempfile::tempdir().expect("a temporary folder"), today: today.to_string() }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("rapport.db")
    }

    /// `rapport --db <db>` with a clean environment.
    pub fn cmd(&self) -> Command {
        Command::from_std(self.process())
    }

    /// The same as a plain process, for tests that read its output as it comes.
    pub fn process(&self) -> std::process::Command {
        let mut cmd = self.bare_process();
        cmd.arg("--db").arg(self.db());
        cmd
    }

    /// `rapport` with a clean environment and no database chosen yet.
    pub fn bare(&self) -> Command {
        Command::from_std(self.bare_process())
    }

    fn bare_process(&self) -> std::process::Command {
        let mut cmd = super::sandboxed(&self.dir.path().join("home"));
        cmd.env("RAPPORT_TODAY", &self.today).env("NO_COLOR", "1");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("rapport runs")
    }

    /// Runs a command that must succeed; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "rapport {args:?} failed with {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    /// Runs a command that must fail with `code`, print nothing on stdout and exactly one
    /// `rapport: ` line on stderr, and leave the database as it was; returns that line.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let before = self.dump();
        let out = self.run(args);
        let stderr = String::from_utf8(out.stderr).expect("UTF-8 errors");
        assert_eq!(out.status.code(), Some(code), "rapport {args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "rapport {args:?} printed {:?}", String::from_utf8_lossy(&out.stdout));
        assert!(stderr.starts_with("rapport: ") && stderr.lines().count() == 1, "rapport {args:?}: {stderr:?}");
        assert_eq!(self.dump(), before, "rapport {args:?} changed the database");
        stderr
    }

    /// Adds a customer and returns its id.
    pub fn add(&self, args: &[&str]) -> i64 {
        let mut all = vec!["add"];
        all.extend_from_slice(args);
        self.ok(&all).trim().parse().expect("add prints the id")
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).expect("valid JSON")
    }

    /// Every row of every table, for checking that a failed command wrote nothing.
    pub fn dump(&self) -> String {
        if !self.db().exists() {
            return String::new();
        }
        let conn = rusqlite::Connection::open(self.db()).expect("open the database");
        let mut text = String::new();
        for table in [
            "meta",
            "settings",
            "activity",
            "customers",
            "interactions",
            "feedback",
            "contracts",
            "history",
            "suggestions",
            "summaries",
        ] {
            let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY 1")).expect("select");
            let columns = stmt.column_count();
            let mut rows = stmt.query([]).expect("query");
            while let Some(row) = rows.next().expect("row") {
                let values: Vec<String> =
                    (0..columns).map(|i| format!("{:?}", row.get_ref(i).expect("value"))).collect();
                text.push_str(&format!("{table}: {}\n", values.join(" | ")));
            }
        }
        text
    }
}

/// Writes a file beside the database; returns its path as text.
pub fn write(env: &Env, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = env.db().with_file_name(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}
