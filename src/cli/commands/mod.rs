//! One file per subcommand, and `input`: parsing flag values for all of them.

pub mod activity;
pub mod add;
pub mod backup;
pub mod check;
pub mod config;
pub mod contract;
pub mod dashboard;
pub mod demo;
pub mod export;
pub mod feedback;
pub mod import;
pub mod input;
pub mod list;
pub mod log;
pub mod reclassify;
pub mod rules;
pub mod settings;
pub mod share;
pub mod show;
pub mod undo;
