//! One file per subcommand.

pub mod add;
pub mod backup;
pub mod check;
pub mod config;
pub mod contract;
pub mod demo;
pub mod export;
pub mod feedback;
pub mod import;
pub mod list;
pub mod log;
pub mod reclassify;
pub mod show;
