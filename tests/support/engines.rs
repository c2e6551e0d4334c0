//! The storage engines the store's conformance tests (`tests/store/conformance/`) run
//! against, each described by how it opens a database.
//!
//! A database is named by a path. For SQLite it is the file; another engine maps the
//! path to a database of its own (a schema or a database named after the scratch folder,
//! say). Opening the same path twice gives two handles on the same data, as two rapport
//! processes sharing one database would have.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use rapport::store::{Result, Session, Store};

use super::scratch::scratch_dir;
use super::today;

/// A storage engine under test.
#[derive(Debug, Clone, Copy)]
pub struct Engine {
    /// The module the engine's tests are generated in: `sqlite::…`.
    pub name: &'static str,
    /// Opens the database `path` names, creating an empty one when there is none.
    pub open: fn(&Path, Session) -> Result<Store>,
}

/// SQLite: a file in a scratch folder of its own.
pub const SQLITE: Engine = Engine { name: "sqlite", open: Store::open };

// A second engine is one more constant here, added to `engines()` below and to the
// engine list of `conformance!` in tests/store/conformance/mod.rs, for example:
//
// pub const POSTGRES: Engine = Engine { name: "postgres", open: open_postgres };

/// Every engine the conformance tests run against.
pub fn engines() -> Vec<Engine> {
    vec![SQLITE]
}

/// The engine of that name; panics when there is none.
pub fn engine(name: &str) -> Engine {
    engines().into_iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no storage engine named {name}"))
}

impl Engine {
    /// A new, empty database for one test, gone when the value is dropped.
    pub fn fresh(&self) -> Database<'_> {
        let dir = scratch_dir();
        let path = dir.path().join("conformance.db");
        Database { engine: self, path, _dir: dir }
    }
}

/// One test's database on one engine.
pub struct Database<'e> {
    pub engine: &'e Engine,
    pub path: PathBuf,
    _dir: tempfile::TempDir,
}

impl Database<'_> {
    /// A handle with today fixed and the built-in rules, as most tests want.
    pub fn open(&self) -> Store {
        self.open_with(Session::on(today()))
            .unwrap_or_else(|e| panic!("{} cannot open its test database: {e}", self.engine.name))
    }

    /// A handle of the person `user`, with today fixed.
    pub fn open_as(&self, user: &str) -> Store {
        self.open_with(Session::new(user, rapport::store::Clock::Fixed(today())))
            .unwrap_or_else(|e| panic!("{} cannot open its test database: {e}", self.engine.name))
    }

    /// A handle with another day.
    pub fn open_with(&self, ctx: Session) -> Result<Store> {
        (self.engine.open)(&self.path, ctx)
    }
}
