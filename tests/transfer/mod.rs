//! Import and export: round trips, refused imports, other systems' exports, fuzzed files.

mod foreign_contacts;
mod foreign_files;
mod foreign_formats;
mod foreign_import;
mod fuzz_import;
mod transfer_errors;
mod transfer_import;
mod transfer_roundtrip;
mod transfer_scale;
