//! The store on real files: writes and undo, storage, many writers at once, crashes, backup and check.

mod backup_check;
mod concurrency;
mod crash_safety;
mod list_cards;
mod properties;
mod storage;
mod store_writes;
