//! Killing real rapport processes at random moments, for the crash tests: a writer in a
//! process group of its own, killed with SIGKILL after a chosen time, and the checks run
//! after each kill.
#![allow(dead_code)]

use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

use super::scene::{Scene, drain};

/// The ways these tests run the binary: a trait of this file's own, since other tests give
/// `Scene` methods of the same names.
pub trait Runs {
    fn rapport(&self, db: &Path, args: &[&str]) -> Command;
    fn ok(&self, db: &Path, args: &[&str]) -> String;
    fn assert_checks(&self, db: &Path, context: &str);
}

impl Runs for Scene {
    fn rapport(&self, db: &Path, args: &[&str]) -> Command {
        let mut cmd = self.isolated(env!("CARGO_BIN_EXE_rapport"));
        cmd.arg("--db").arg(db).args(args);
        cmd
    }

    /// Runs a command that must succeed; returns its stdout.
    fn ok(&self, db: &Path, args: &[&str]) -> String {
        let out = self.rapport(db, args).output().expect("rapport runs");
        assert!(
            out.status.success(),
            "rapport {args:?} ended with {:?}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    /// `rapport check` must say the file is whole and consistent.
    fn assert_checks(&self, db: &Path, context: &str) {
        let out = self.rapport(db, &["check"]).output().expect("rapport check runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.starts_with("OK: "),
            "rapport check fails {context}:\n{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

pub fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The random source of a test, announced so a failing run can be repeated.
pub fn rng(test: &str) -> ChaCha8Rng {
    let seed = std::env::var("CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(7, |d| d.as_nanos() as u64)
    });
    eprintln!("{test}: CRASH_SEED={seed}");
    ChaCha8Rng::seed_from_u64(seed)
}

/// A process group started by this test. Dropping it kills the group, so a failed
/// assertion never leaves a writer running.
pub struct Writer {
    child: Child,
    started: Instant,
    stdout: Option<JoinHandle<Vec<u8>>>,
    stderr: Option<JoinHandle<Vec<u8>>>,
}

/// How a writer ended and everything it printed before.
pub struct Ended {
    pub status: ExitStatus,
    /// Whether the SIGKILL ended it (rather than it finishing first).
    pub killed: bool,
    pub took: Duration,
    pub stdout: String,
    pub stderr: String,
}

impl Writer {
    pub fn start(mut cmd: Command) -> Writer {
        cmd.process_group(0).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("start the writer");
        let stdout = child.stdout.take().map(drain);
        let stderr = child.stderr.take().map(drain);
        Writer { child, started: Instant::now(), stdout, stderr }
    }

    pub fn kill_group(&self) {
        // The group leader is not reaped yet, so its id cannot have been reused.
        let group = self.child.id() as i32;
        // SAFETY: kill has no memory-safety preconditions; the group is this test's.
        unsafe { libc::kill(-group, libc::SIGKILL) };
    }

    /// Kills the whole group `after` the start unless the leader has already finished,
    /// then collects what it printed up to then.
    pub fn kill_after(self, after: Duration) -> Ended {
        self.end(Some(after))
    }

    /// Lets the writer run to its end.
    pub fn finish(self) -> Ended {
        self.end(None)
    }

    fn end(mut self, kill_at: Option<Duration>) -> Ended {
        if let Some(after) = kill_at {
            std::thread::sleep(after.saturating_sub(self.started.elapsed()));
            if matches!(self.child.try_wait(), Ok(None)) {
                self.kill_group();
            }
        }
        let status = self.child.wait().expect("reap the writer");
        let took = self.started.elapsed();
        // Every process holding the pipes is dead now, so they reach their end.
        let text = |h: Option<JoinHandle<Vec<u8>>>| {
            String::from_utf8_lossy(&h.map(|h| h.join().unwrap_or_default()).unwrap_or_default()).into_owned()
        };
        let (stdout, stderr) = (text(self.stdout.take()), text(self.stderr.take()));
        let killed = status.signal() == Some(libc::SIGKILL);
        Ended { status, killed, took, stdout, stderr }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            self.kill_group();
            let _ = self.child.wait();
        }
    }
}

/// A random moment in `0..=window`.
pub fn moment(rng: &mut ChaCha8Rng, window: Duration) -> Duration {
    Duration::from_micros(rng.random_range(0..=window.as_micros().max(1) as u64))
}
