//! rapport: a terminal account manager dashboard. The binary, the tests and the benches
//! share this library.

pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod identity;
pub mod keys;
pub mod partial;
pub mod paths;
pub mod share;
pub mod store;
pub mod text;
pub mod theme;
pub mod transfer;
pub mod tui;
pub mod ui;
