//! The store: what every engine must do, through its interface (`conformance`), and on real
//! SQLite files: storage, list cards, many writers at once, crashes, backup and check.

mod backup_check;
mod concurrency;
mod conformance;
mod crash_refresh;
mod crash_safety;
mod list_cards;
mod properties;
mod storage;
