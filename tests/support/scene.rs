//! A folder of databases on the real disk for tests that run the binary as separate
//! processes, and the isolated command they run it with.
#![allow(dead_code)]

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::thread::JoinHandle;

/// The folder; each test file adds the ways it runs the binary (`impl Scene`, or a trait
/// of its own when another file already gave `Scene` a method of that name).
pub struct Scene {
    pub dir: tempfile::TempDir,
}

impl Scene {
    pub fn new(name: &str) -> Scene {
        let dir = tempfile::Builder::new().prefix(name).tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("a folder");
        Scene { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A command with the test's home, config and data folders and today's date.
    pub fn isolated(&self, program: &str) -> Command {
        let mut cmd = super::isolated(program, self.dir.path());
        cmd.env("NO_COLOR", "1").stdin(Stdio::null());
        cmd
    }
}

/// Reads a child's pipe to the end on a thread of its own, so the child never blocks.
pub fn drain(mut pipe: impl Read + Send + 'static) -> JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    })
}
