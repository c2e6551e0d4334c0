//! The dashboard driven by key events without a terminal: forms, snapshots, hostile text, fuzzing.

mod fuzz_app;
mod hostile_text;
mod new_day;
mod tui_app;
mod tui_snapshots;
mod two_people;
