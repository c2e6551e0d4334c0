//! The real binary in a pseudo-terminal, ended every way a session can end other than
//! `q`: the terminal closing under it (an SSH drop), SIGTERM, SIGHUP, SIGINT and an
//! internal error. Each time it must leave promptly, without burning a CPU, with the
//! terminal put back as it was and the last saved change on disk.
//!
//! The pseudo-terminal is driven through its raw descriptor instead of
//! `common::pty::PtySession`: closing the terminal needs the test to hold the master side
//! exactly once, so that dropping it really hangs the terminal up.

use std::num::NonZeroU16;
use std::os::fd::RawFd;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, SlavePty, native_pty_system};
use rapport::domain::model::TimelineEntry;

use crate::support::pty::isolated_env;
use crate::support::{open, prepared_database};

const COLS: u16 = 80;
const ROWS: u16 = 24;
const LEAVE_ALTERNATE_SCREEN: &str = "\x1b[?1049l";

/// A process that must not outlive its test, even when an assertion fails first.
struct Reaped(i32);

impl Drop for Reaped {
    fn drop(&mut self) {
        if process_state(self.0).is_some_and(|s| s != 'Z') {
            // SAFETY: kill has no memory-safety preconditions; the pid is one this test started.
            unsafe { libc::kill(self.0, libc::SIGKILL) };
        }
    }
}

/// How rapport is started: as the session leader of its terminal (it then gets SIGHUP
/// when the terminal closes), or under a shell that is, as from an SSH login (it then
/// gets no signal at all and must notice the terminal is gone by itself).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Start {
    Leader,
    UnderShell,
}

struct Session {
    master: Option<Box<dyn MasterPty + Send>>,
    /// The test's own handle on the terminal, so its settings can still be read once
    /// rapport has exited.
    _slave: Box<dyn SlavePty + Send>,
    child: Box<dyn Child + Send + Sync>,
    fd: RawFd,
    rapport: Reaped,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    stop_reading: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
}

impl Session {
    fn start(db: &Path, start: Start, extra_env: &[(&str, &str)]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
            .expect("open a pseudo-terminal");
        let exe = env!("CARGO_BIN_EXE_rapport");
        let db = db.to_str().unwrap();
        let mut cmd = match start {
            Start::Leader => {
                let mut cmd = CommandBuilder::new(exe);
                cmd.args(["--db", db]);
                cmd
            }
            Start::UnderShell => {
                // `; exit 0` keeps the shell from replacing itself with rapport.
                let mut cmd = CommandBuilder::new("/bin/sh");
                cmd.args(["-c", "\"$0\" \"$@\"; exit 0", exe, "--db", db]);
                cmd
            }
        };
        cmd.env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        let home = Path::new(db).parent().unwrap();
        for (k, v) in isolated_env(home) {
            cmd.env(k, v);
        }
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("start rapport in the pseudo-terminal");
        let leader = child.process_id().expect("a pid") as i32;
        let rapport = match start {
            Start::Leader => leader,
            Start::UnderShell => child_named(leader, "rapport"),
        };
        let fd = pair.master.as_raw_fd().expect("the master's descriptor");
        let screen =
            Arc::new(Mutex::new(vt100::Parser::new(NonZeroU16::new(ROWS).unwrap(), NonZeroU16::new(COLS).unwrap(), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop_reading = Arc::new(AtomicBool::new(false));
        let reader = {
            let (screen, raw, stop) = (Arc::clone(&screen), Arc::clone(&raw), Arc::clone(&stop_reading));
            std::thread::spawn(move || read_until_stopped(fd, &screen, &raw, &stop))
        };
        Session {
            master: Some(pair.master),
            _slave: pair.slave,
            child,
            fd,
            rapport: Reaped(rapport),
            screen,
            raw,
            stop_reading,
            reader: Some(reader),
        }
    }

    fn pid(&self) -> i32 {
        self.rapport.0
    }

    fn send(&self, keys: &str) {
        let bytes = keys.as_bytes();
        // SAFETY: the buffer is valid for its length; the descriptor is open until `hang_up`.
        let written = unsafe { libc::write(self.fd, bytes.as_ptr().cast(), bytes.len()) };
        assert_eq!(written, bytes.len() as isize, "typing into the terminal");
        std::thread::sleep(Duration::from_millis(150));
    }

    fn screen(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    fn wait_for(&self, text: &str, secs: u64) {
        let start = Instant::now();
        while !self.screen().contains(text) {
            assert!(start.elapsed() < Duration::from_secs(secs), "timed out waiting for {text:?}:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// The terminal's line settings: canonical mode and echo are off while the
    /// dashboard runs (raw mode) and must be on again afterwards.
    fn cooked(&self) -> bool {
        // SAFETY: termios is plain data; tcgetattr fills it or fails.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: `t` is a valid termios and the descriptor is open.
        assert_eq!(unsafe { libc::tcgetattr(self.fd, &mut t) }, 0, "read the terminal settings");
        t.c_lflag & (libc::ICANON | libc::ECHO) == (libc::ICANON | libc::ECHO)
    }

    /// Closes the terminal from the outside, as sshd does when the connection drops.
    fn hang_up(&mut self) {
        self.stop_reading.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        drop(self.master.take());
    }

    /// Waits for rapport itself to end; returns how long that took and the CPU time it
    /// used meanwhile, in clock ticks.
    fn wait_exit(&mut self, limit: Duration) -> (Duration, u64) {
        let start = Instant::now();
        let mut cpu_before = cpu_ticks(self.pid()).unwrap_or(0);
        let mut cpu_last = cpu_before;
        loop {
            match process_state(self.pid()) {
                None | Some('Z') => break,
                _ => {}
            }
            if let Some(t) = cpu_ticks(self.pid()) {
                cpu_last = t;
            }
            if start.elapsed() > limit {
                let used = cpu_last - cpu_before;
                panic!(
                    "rapport (pid {}) still runs {:?} after the end of its session, having used {used} CPU ticks:\n{}",
                    self.pid(),
                    start.elapsed(),
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let elapsed = start.elapsed();
        if let Some(t) = cpu_ticks(self.pid()) {
            cpu_last = t;
        }
        cpu_before = cpu_before.min(cpu_last);
        // Let the reader take in the last bytes written.
        std::thread::sleep(Duration::from_millis(150));
        (elapsed, cpu_last - cpu_before)
    }

    fn exit_status(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(start.elapsed() < Duration::from_secs(5), "the session's process did not end");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.stop_reading.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }
}

fn read_until_stopped(fd: RawFd, screen: &Mutex<vt100::Parser>, raw: &Mutex<Vec<u8>>, stop: &AtomicBool) {
    let mut buf = [0u8; 8192];
    while !stop.load(Ordering::SeqCst) {
        let mut p = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
        // SAFETY: one valid pollfd; the descriptor stays open until this thread is joined.
        let ready = unsafe { libc::poll(&mut p, 1, 20) };
        if ready <= 0 || p.revents & libc::POLLIN == 0 {
            if p.revents & (libc::POLLHUP | libc::POLLERR) != 0 {
                std::thread::sleep(Duration::from_millis(20));
            }
            continue;
        }
        // SAFETY: the buffer is valid for its length.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n <= 0 {
            std::thread::sleep(Duration::from_millis(20));
            continue;
        }
        let bytes = &buf[..n as usize];
        screen.lock().unwrap().process(bytes);
        raw.lock().unwrap().extend_from_slice(bytes);
    }
}

/// `/proc/<pid>/stat` split after the command name (which may hold spaces).
fn stat_fields(pid: i32) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &text[text.rfind(')')? + 2..];
    Some(after.split_whitespace().map(String::from).collect())
}

fn process_state(pid: i32) -> Option<char> {
    stat_fields(pid)?.first()?.chars().next()
}

/// User plus system CPU time (fields 14 and 15 of stat; 12 and 13 after the name).
fn cpu_ticks(pid: i32) -> Option<u64> {
    let f = stat_fields(pid)?;
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

/// The pid of the child of `parent` running `name`, once it has started.
fn child_named(parent: i32, name: &str) -> i32 {
    let start = Instant::now();
    loop {
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else { continue };
            let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            let ppid = stat_fields(pid).and_then(|f| f.get(1)?.parse::<i32>().ok());
            if ppid == Some(parent) && comm.trim() == name {
                return pid;
            }
        }
        assert!(start.elapsed() < Duration::from_secs(10), "the shell did not start {name}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Logs a meeting with Olu through the keys and waits for the notice that it was saved.
fn log_a_meeting(s: &Session, summary: &str) {
    s.wait_for("Customers by type", 20);
    s.send("2");
    s.send("/");
    s.send("olu");
    s.wait_for("Olu Adeyemi", 5);
    s.send("\r");
    s.send("i");
    s.wait_for("Log an interaction with Olu Adeyemi", 5);
    s.send("m");
    s.send("\t");
    s.send("\t");
    s.send(summary);
    s.send("\r");
    s.wait_for("Logged a meeting with Olu Adeyemi", 5);
}

fn meeting_is_saved(db: &Path, summary: &str) -> bool {
    let store = open(db);
    let olu = store.find_customer("Olu Adeyemi").unwrap();
    store
        .timeline(olu.id, 50, 0)
        .unwrap()
        .iter()
        .any(|e| matches!(e, TimelineEntry::Interaction(i) if i.summary == summary))
}

/// At most a fifth of the wall time on a CPU, with two ticks of slack for start-up noise:
/// a loop spinning on a dead terminal uses nearly all of it.
fn assert_not_spinning(elapsed: Duration, ticks: u64) {
    // SAFETY: sysconf has no preconditions.
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    let cpu = ticks as f64 / per_second;
    assert!(
        cpu <= elapsed.as_secs_f64() / 5.0 + 2.0 / per_second,
        "used {cpu:.2}s of CPU in {elapsed:?} while leaving"
    );
}

fn hang_up_and_check(start: Start) {
    let dir = tempfile::tempdir().unwrap();
    let db = prepared_database(&dir);
    let mut s = Session::start(&db, start, &[]);
    let summary = "Renewal talk before the line dropped";
    log_a_meeting(&s, summary);

    s.hang_up();
    let (elapsed, ticks) = s.wait_exit(Duration::from_secs(2));
    assert!(elapsed < Duration::from_secs(2), "took {elapsed:?} to notice the terminal closed");
    assert_not_spinning(elapsed, ticks);
    assert!(meeting_is_saved(&db, summary), "the meeting saved before the drop is in the database");
}

#[test]
fn a_closed_terminal_ends_the_session_quickly_and_keeps_the_last_save() {
    hang_up_and_check(Start::Leader);
}

#[test]
fn a_closed_terminal_ends_the_session_even_without_a_hangup_signal() {
    hang_up_and_check(Start::UnderShell);
}

/// Everything the dashboard switched on is off again: alternate screen, raw mode, mouse
/// reporting and bracketed paste; the last bytes leave the alternate screen.
fn assert_terminal_restored(s: &Session, how: &str) {
    let parser = s.screen.lock().unwrap();
    let screen = parser.screen();
    assert!(!screen.alternate_screen(), "{how}: still on the alternate screen");
    assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "{how}: mouse reporting left on");
    assert!(!screen.bracketed_paste(), "{how}: bracketed paste left on");
    assert!(!screen.hide_cursor(), "{how}: the cursor is still hidden");
    drop(parser);
    assert!(s.cooked(), "{how}: the terminal is still in raw mode");
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    let leave = raw.rfind(LEAVE_ALTERNATE_SCREEN).unwrap_or_else(|| panic!("{how}: never left the alternate screen"));
    let after = &raw[leave + LEAVE_ALTERNATE_SCREEN.len()..];
    assert!(!after.contains("\x1b[?1049h"), "{how}: went back to the alternate screen: {after:?}");
}

fn signal_ends_the_session(signal: i32, name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let db = prepared_database(&dir);
    let mut s = Session::start(&db, Start::Leader, &[]);
    s.wait_for("Customers by type", 20);
    assert!(s.screen.lock().unwrap().screen().alternate_screen(), "the dashboard uses the alternate screen");
    assert!(!s.cooked(), "the dashboard runs in raw mode");

    // SAFETY: kill has no memory-safety preconditions; the pid is the rapport this test started.
    assert_eq!(unsafe { libc::kill(s.pid(), signal) }, 0);
    let (elapsed, ticks) = s.wait_exit(Duration::from_secs(2));
    assert_not_spinning(elapsed, ticks);
    let status = s.exit_status();
    assert!(status.success(), "{name}: {status:?}");
    assert_terminal_restored(&s, name);
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(!raw.contains("panicked") && !raw.contains("internal error"), "{name}: {raw:?}");
}

#[test]
fn sigterm_ends_the_session_and_restores_the_terminal() {
    signal_ends_the_session(libc::SIGTERM, "SIGTERM");
}

#[test]
fn sighup_ends_the_session_and_restores_the_terminal() {
    signal_ends_the_session(libc::SIGHUP, "SIGHUP");
}

#[test]
fn sigint_ends_the_session_and_restores_the_terminal() {
    signal_ends_the_session(libc::SIGINT, "SIGINT");
}

/// The debug build has a hook that fails on purpose right after the terminal is set up;
/// the message must land on the normal screen as one short line, with no backtrace.
#[test]
fn an_internal_error_restores_the_terminal_and_says_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = prepared_database(&dir);
    let mut s = Session::start(&db, Start::Leader, &[("RAPPORT_TEST_PANIC", "1"), ("RUST_BACKTRACE", "1")]);
    s.wait_exit(Duration::from_secs(20));
    let status = s.exit_status();
    assert!(!status.success(), "an internal error is a failure: {status:?}");
    assert_terminal_restored(&s, "panic");

    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    let leave = raw.rfind(LEAVE_ALTERNATE_SCREEN).unwrap();
    let after = &raw[leave..];
    let message_at = after.find("rapport stopped on an internal error").unwrap_or_else(|| panic!("{after:?}"));
    let message = &after[message_at..];
    let lines: Vec<&str> = message.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line, nothing after it: {message:?}");
    assert!(lines[0].chars().count() < 200, "short: {:?}", lines[0]);
    assert_eq!(raw.matches("rapport stopped on an internal error").count(), 1, "said once");
    for noise in ["panicked", "backtrace", "RUST_BACKTRACE", "stack backtrace", "thread 'main'"] {
        assert!(!raw.contains(noise), "{noise:?} in the output: {raw:?}");
    }
    let screen = s.screen();
    assert!(screen.contains("rapport stopped on an internal error"), "visible after leaving:\n{screen}");
}
