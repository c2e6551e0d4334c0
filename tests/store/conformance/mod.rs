//! The store's conformance tests: what every storage engine must do, written against the
//! public `Store` interface only (no SQL, no files, no engine settings), so that a second
//! engine runs the very same tests. The engines are described in tests/support/engines.rs.
//!
//! Each test is a function taking the [`Engine`](crate::support::engines::Engine) it runs
//! on. `conformance!` makes one `#[test]` per engine per test, named after both:
//! `store::conformance::sqlite::undo_restores_exactly_and_refuses_after_a_foreign_edit`.
//! A test function written but not listed below is never called, so the build warns that
//! it is unused.

mod decisions;
mod edits;
mod handles;
mod people;
mod reading;
mod undo;
mod writes;

/// One module of `#[test]`s for one engine, each calling a test function with it.
macro_rules! for_engine {
    ($engine:ident, [$($topic:ident :: $test:ident),+ $(,)?]) => {
        mod $engine {
            $(
                #[test]
                fn $test() {
                    super::$topic::$test(&crate::support::engines::engine(stringify!($engine)));
                }
            )+
        }
    };
}

/// Every test for every engine. `GENERATED_FOR` names the engines, so that a test can
/// check the list against `engines()`.
macro_rules! conformance {
    (engines: [$($engine:ident),+ $(,)?], tests: $tests:tt $(,)?) => {
        const GENERATED_FOR: &[&str] = &[$(stringify!($engine)),+];
        $( for_engine!($engine, $tests); )+
    };
}

conformance! {
    // A second engine goes here too, by the name its `Engine` has in tests/support/engines.rs.
    engines: [sqlite],
    tests: [
        writes::add_log_and_summaries_follow,
        writes::invalid_input_writes_nothing,
        writes::refused_writes_name_their_reason_and_write_nothing,
        writes::every_write_moves_the_revision_on,
        writes::a_purchase_past_the_countable_total_is_refused,
        edits::a_save_writes_only_its_fields_and_refuses_one_changed_since,
        decisions::a_changed_type_becomes_a_suggestion_and_decisions_are_recorded,
        decisions::accept_pin_and_accept_all_move_only_what_they_should,
        decisions::decisions_apply_only_to_what_was_shown,
        undo::undo_restores_exactly_and_refuses_after_a_foreign_edit,
        undo::undoing_an_added_customer_never_deletes_what_another_handle_added_since,
        undo::undoing_an_added_customer_with_nothing_since_removes_it,
        undo::undo_puts_back_a_rejection_that_a_later_change_dropped,
        undo::undoing_any_write_gives_back_exactly_what_was_there,
        undo::an_undo_refused_because_another_handle_wrote_since_changes_nothing,
        reading::find_customer_by_id_email_name_and_prefix,
        reading::every_write_leaves_the_cards_equal_to_the_tables,
        reading::the_detail_agrees_with_the_single_reads_and_its_pages_add_up,
        reading::check_finds_what_the_interface_wrote_consistent,
        handles::summaries_are_recomputed_when_the_day_or_the_rules_change,
        handles::a_watch_reports_what_another_handle_wrote,
        people::an_undo_from_anyone_puts_back_only_the_fields_its_change_wrote,
        people::every_write_is_recorded_with_who_and_history_names_the_person,
        people::a_rules_change_is_read_at_once_and_stored_in_batches_while_reads_write_nothing,
    ],
}

#[test]
fn every_engine_runs_the_conformance_tests() {
    let described: Vec<&str> = crate::support::engines::engines().iter().map(|e| e.name).collect();
    assert_eq!(GENERATED_FOR, described, "conformance! and engines() name different engines");
}
