//! The real binary in a pseudo-terminal, as a person would run it: keys in, every byte
//! it writes counted, and its screen read back.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

pub struct Session {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Bytes written so far, and when the last of them arrived.
    output: Arc<Mutex<(usize, Instant)>>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    pub fn spawn(args: &[&str], env: &[(String, String)], cols: u16, rows: u16) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_rapport"));
        cmd.args(args);
        cmd.env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("start rapport");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let size = |n: u16| NonZeroU16::new(n).expect("a terminal has a size");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
        let output = Arc::new(Mutex::new((0, Instant::now())));
        let (p, o) = (Arc::clone(&parser), Arc::clone(&output));
        std::thread::spawn(move || {
            let mut buf = [0u8; 16384];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().expect("parser").process(&buf[..n]);
                let mut out = o.lock().expect("output");
                *out = (out.0 + n, Instant::now());
            }
        });
        Session { child, writer, parser, output, _master: pair.master }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("type into the terminal");
        self.writer.flush().expect("flush the terminal");
    }

    pub fn bytes(&self) -> usize {
        self.output.lock().expect("output").0
    }

    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// Waits until the screen shows `text`; the time it took.
    pub fn wait_for(&self, text: &str, limit: Duration) -> Duration {
        let started = Instant::now();
        while !self.screen().contains(text) {
            assert!(started.elapsed() < limit, "no {text:?} on the screen after {limit:?}:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(2));
        }
        started.elapsed()
    }

    /// Types `keys` and waits for the answer: the first new byte (for at most a second),
    /// then `quiet` without output. The bytes written in answer, and the time from the
    /// keys to the last of them (none when nothing was written).
    pub fn press(&mut self, keys: &str, quiet: Duration) -> (usize, Option<Duration>) {
        let before = self.bytes();
        let sent = Instant::now();
        self.send(keys);
        while self.bytes() == before && sent.elapsed() < Duration::from_secs(1) {
            std::thread::sleep(Duration::from_micros(200));
        }
        let last = self.settle(quiet);
        let written = self.bytes() - before;
        (written, (written > 0).then(|| last.saturating_duration_since(sent)))
    }

    /// Waits until nothing has been written for `quiet`; returns when the last byte came.
    pub fn settle(&self, quiet: Duration) -> Instant {
        loop {
            let last = self.output.lock().expect("output").1;
            if last.elapsed() >= quiet {
                return last;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
