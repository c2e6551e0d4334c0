//! The pure domain without a database: signals, the engine, rules files, the rules and config parsers.

mod engine_rules;
mod fuzz_parsers;
mod rules_files;
mod signals;
