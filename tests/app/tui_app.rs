//! The app driven by key events, without a terminal: navigation, search, sort, every
//! form through valid input and each invalid case, confirmations, undo and review.

use crate::support::*;
use crossterm::event::KeyCode;
use rapport::app::roster::Group;
use rapport::app::{App, NoticeKind, Pane, Tab};
use rapport::config::{self, Config};
use rapport::domain::*;

fn rev(app: &App) -> i64 {
    app.store().rev().unwrap()
}

fn form_error(app: &App, field: &str) -> Option<String> {
    app.form.as_ref()?.form.field(field)?.error.clone()
}

#[test]
fn opens_on_the_dashboard_and_switches_tabs() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    assert_eq!(app.tab, Tab::Dashboard);
    press(&mut app, &[ch('2')]);
    assert_eq!(app.tab, Tab::Customers);
    press(&mut app, &[ch('3')]);
    assert_eq!(app.tab, Tab::Review);
    press(&mut app, &[ch('1')]);
    assert_eq!(app.tab, Tab::Dashboard);
    press(&mut app, &[ch('R')]);
    assert_eq!(app.tab, Tab::Review);
    press(&mut app, &[ch('q')]);
    assert!(app.should_quit());
}

#[test]
fn moving_selects_and_the_detail_follows() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    press(&mut app, &[ch('2')]);
    assert_eq!(app.view().len(), 8);
    assert_eq!(selected_name(&app), "Ada Lovelace");
    press(&mut app, &[ch('j')]);
    assert_eq!(selected_name(&app), "Amélie Poulain");
    assert_eq!(app.detail().unwrap().customer.name, "Amélie Poulain");
    press(&mut app, &[ch('G')]);
    assert_eq!(selected_name(&app), "張偉");
    press(&mut app, &[ch('g')]);
    assert_eq!(selected_name(&app), "Ada Lovelace");
    press(&mut app, &[key(KeyCode::PageDown)]);
    assert_eq!(app.selected(), 7);
    press(&mut app, &[key(KeyCode::Up)]);
    assert_eq!(app.selected(), 6);
}

#[test]
fn groups_filter_the_table_and_panes_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    press(&mut app, &[ch('2'), key(KeyCode::BackTab)]);
    assert_eq!(app.pane(), Pane::Groups);
    // All → Transactional → Long-term
    press(&mut app, &[ch('j'), ch('j')]);
    assert_eq!(app.group(), Group::Type(RelationshipType::LongTerm));
    assert!(app.view().iter().all(|p| app.roster().get(*p).unwrap().relationship == RelationshipType::LongTerm));
    assert_eq!(selected_name(&app), "Priya Nair");
    press(&mut app, &[key(KeyCode::Tab)]);
    assert_eq!(app.pane(), Pane::Table);
    press(&mut app, &[key(KeyCode::Tab)]);
    assert_eq!(app.pane(), Pane::Detail);
    press(&mut app, &[key(KeyCode::Tab)]);
    assert_eq!(app.pane(), Pane::Groups);
}

#[test]
fn search_filters_as_you_type_best_match_first_and_esc_clears() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    press(&mut app, &[ch('2'), ch('/')]);
    assert!(app.searching());
    type_text(&mut app, "zoe");
    assert_eq!(app.view().len(), 1, "accent-insensitive match on Zoë");
    assert_eq!(selected_name(&app), "Zoë Ünal");
    press(&mut app, &[key(KeyCode::Backspace), key(KeyCode::Backspace), key(KeyCode::Backspace)]);
    type_text(&mut app, "TEA");
    assert_eq!(selected_name(&app), "張偉", "matches the company, ignoring case, best first and selected");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(!app.searching());
    assert_eq!(app.roster().query(), "TEA");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.roster().query(), "");
    assert_eq!(app.view().len(), 8);
    assert_eq!(selected_name(&app), "張偉", "the selection stays on the same customer");
    press(&mut app, &[ch('/')]);
    type_text(&mut app, "qqxz");
    assert_eq!(app.view().len(), 0);
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.view().len(), 8);
}

#[test]
fn sort_cycles_and_keeps_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    select_name(&mut app, "Zoë Ünal");
    press(&mut app, &[ch('s')]);
    assert_eq!(app.roster().sort(), rapport::app::roster::SortKey::LastContact);
    assert_eq!(selected_name(&app), "Zoë Ünal");
    press(&mut app, &[ch('g')]);
    assert_eq!(selected_name(&app), "張偉", "the most recent contact first");
    press(&mut app, &[ch('s'), ch('s')]);
    press(&mut app, &[ch('g')]);
    let first = app.selected_row().unwrap().summary.health;
    assert!(app.view().iter().all(|p| app.roster().get(*p).unwrap().summary.health >= first));
    press(&mut app, &[ch('s')]);
    assert_eq!(app.roster().sort(), rapport::app::roster::SortKey::Name);
}

#[test]
fn logging_an_interaction_updates_counts_table_and_detail_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    select_name(&mut app, "Olu Adeyemi");
    let before = app.selected_row().unwrap().summary.interactions_total;
    press(&mut app, &[ch('i')]);
    assert!(app.form.is_some());
    // Kind starts at Call; move to Purchase with ←.
    press(&mut app, &[key(KeyCode::Left), key(KeyCode::Tab), key(KeyCode::Tab)]);
    type_text(&mut app, "New catalogue ✨ order");
    press(&mut app, &[key(KeyCode::Tab)]);
    type_text(&mut app, "99.90");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.form.is_none(), "{:?}", app.form.as_ref().map(|f| &f.form));
    let row = app.selected_row().unwrap();
    assert_eq!(row.name, "Olu Adeyemi");
    assert_eq!(row.summary.interactions_total, before + 1);
    assert_eq!(row.summary.last_interaction, Some(today()));
    let detail = app.detail().unwrap();
    match &detail.timeline[0] {
        rapport::domain::model::TimelineEntry::Interaction(i) => {
            assert_eq!(i.summary, "New catalogue ✨ order");
            assert_eq!(i.amount, Some(9990));
            assert_eq!(i.kind, InteractionKind::Purchase);
        }
        other => panic!("{other:?}"),
    }
    assert!(app.notice.as_ref().unwrap().text.starts_with("Logged a purchase with Olu Adeyemi"));
}

#[test]
fn interaction_form_refuses_each_bad_value_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    select_name(&mut app, "Olu Adeyemi");
    let start = rev(&app);
    let cases: [(&str, &str, &str, &str); 4] = [
        ("2026-13-01", "", "date", "does not exist"),
        ("15/06/2026", "", "date", "YYYY-MM-DD"),
        ("2026-06-16", "", "date", "in the future"),
        ("", "-5", "amount", "negative"),
    ];
    for (date_text, amount, field, expected) in cases {
        press(&mut app, &[ch('i'), key(KeyCode::Tab)]);
        if !date_text.is_empty() {
            type_text(&mut app, date_text);
        }
        press(&mut app, &[key(KeyCode::Tab), key(KeyCode::Tab)]);
        type_text(&mut app, amount);
        press(&mut app, &[key(KeyCode::Enter)]);
        let error = form_error(&app, field).unwrap_or_else(|| panic!("no error for {date_text}/{amount}"));
        assert!(error.contains(expected), "{error}");
        assert_eq!(rev(&app), start, "nothing was written");
        // Esc asks because something was typed; y discards.
        press(&mut app, &[key(KeyCode::Esc)]);
        assert!(app.confirm.is_some());
        press(&mut app, &[ch('y')]);
        assert!(app.form.is_none());
    }
    press(&mut app, &[ch('i'), key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Tab)]);
    type_text(&mut app, "12,5x");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(form_error(&app, "amount").unwrap().contains("not a number"));
    // The error clears as soon as the field is edited; a fixed value saves.
    press(&mut app, &[ctrl('u')]);
    assert!(form_error(&app, "amount").is_none());
    type_text(&mut app, "12.50");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.form.is_none());
    assert!(rev(&app) > start);
}

#[test]
fn esc_on_an_untouched_form_closes_without_asking_and_n_keeps_a_dirty_one() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    select_name(&mut app, "Ada Lovelace");
    press(&mut app, &[ch('f'), key(KeyCode::Esc)]);
    assert!(app.form.is_none() && app.confirm.is_none());
    press(&mut app, &[ch('f'), key(KeyCode::Tab), key(KeyCode::Tab)]);
    type_text(&mut app, "9");
    press(&mut app, &[key(KeyCode::Esc), ch('n')]);
    assert!(app.form.is_some(), "n keeps the form");
    assert_eq!(app.form.as_ref().unwrap().form.value("nps"), "9");
}

#[test]
fn feedback_form_checks_scores_and_needs_something() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    select_name(&mut app, "Ada Lovelace");
    let start = rev(&app);
    for (nps, csat, field, expected) in [
        ("11", "", "nps", "outside 0–10"),
        ("", "0", "csat", "outside 1–5"),
        ("", "6", "csat", "outside 1–5"),
        ("ten", "", "nps", "not a whole number"),
        ("", "", "comment", "at least"),
    ] {
        press(&mut app, &[ch('f'), key(KeyCode::Tab), key(KeyCode::Tab)]);
        type_text(&mut app, nps);
        press(&mut app, &[key(KeyCode::Tab)]);
        type_text(&mut app, csat);
        press(&mut app, &[key(KeyCode::Enter)]);
        let error = form_error(&app, field).unwrap_or_else(|| panic!("no error for nps {nps} csat {csat}"));
        assert!(error.contains(expected), "{error}");
        assert_eq!(rev(&app), start);
        press(&mut app, &[key(KeyCode::Esc)]);
        if app.confirm.is_some() {
            press(&mut app, &[ch('y')]);
        }
    }
    // A complaint with a comment saves and shows as an open complaint.
    press(&mut app, &[ch('f'), ch('c'), key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Tab)]);
    type_text(&mut app, "Invoice was wrong");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.form.is_none());
    assert_eq!(app.selected_row().unwrap().summary.open_complaints, 1);
}

#[test]
fn new_customer_form_validates_every_field_and_pins_a_chosen_type() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    press(&mut app, &[ch('2')]);
    let start = rev(&app);
    // Empty name.
    press(&mut app, &[ch('n'), key(KeyCode::Enter)]);
    assert_eq!(form_error(&app, "name").as_deref(), Some("name is required"));
    // Bad email, unknown referrer, bad follow-up date: all reported at once.
    type_text(&mut app, "Kofi Mensah");
    press(&mut app, &[key(KeyCode::Tab), key(KeyCode::Tab)]);
    type_text(&mut app, "kofi-at-example");
    for _ in 0..5 {
        press(&mut app, &[key(KeyCode::Tab)]);
    }
    type_text(&mut app, "Nobody Known");
    press(&mut app, &[key(KeyCode::Tab)]);
    type_text(&mut app, "2026-02-30");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(form_error(&app, "referred_by").unwrap().contains("no customer matches"));
    assert!(form_error(&app, "next_follow_up").unwrap().contains("does not exist"));
    assert!(form_error(&app, "email").unwrap().contains("does not look like"));
    assert_eq!(rev(&app), start);
    // The focus is on the first field at fault, the email. Give one already in use, and fix
    // the referrer and the date.
    let focus = app.form.as_ref().unwrap().form.focus;
    assert_eq!(app.form.as_ref().unwrap().form.fields[focus].key, "email");
    press(&mut app, &[ctrl('u')]);
    type_text(&mut app, "GRACE@example.com");
    for _ in 0..5 {
        press(&mut app, &[key(KeyCode::Tab)]);
    }
    press(&mut app, &[ctrl('u')]);
    type_text(&mut app, "ada@example.com");
    press(&mut app, &[key(KeyCode::Tab), ctrl('u'), key(KeyCode::Enter)]);
    assert_eq!(form_error(&app, "referred_by"), None);
    assert_eq!(form_error(&app, "next_follow_up"), None);
    // A duplicate email is explained beside the email field.
    let focus_email = app.form.as_ref().unwrap().form.focus;
    assert_eq!(app.form.as_ref().unwrap().form.fields[focus_email].key, "email");
    assert!(form_error(&app, "email").unwrap().contains("already used"));
    assert_eq!(rev(&app), start);
    // A good email and a chosen type: saved, pinned, selected.
    press(&mut app, &[ctrl('u')]);
    type_text(&mut app, "kofi@example.gh");
    press(&mut app, &[key(KeyCode::Tab), key(KeyCode::Tab), ch('s')]);
    assert_eq!(app.form.as_ref().unwrap().form.value("relationship"), "supportive");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.form.is_none(), "{:?}", app.form);
    let row = app.selected_row().unwrap();
    assert_eq!(row.name, "Kofi Mensah");
    assert_eq!(row.relationship, RelationshipType::Supportive);
    assert!(row.pinned);
    let detail = app.detail().unwrap();
    assert_eq!(detail.referrer.as_ref().unwrap().1, "Ada Lovelace");
}

#[test]
fn names_in_any_script_are_typed_and_saved_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    press(&mut app, &[ch('2'), ch('n')]);
    type_text(&mut app, "José 山田 👩‍🔬");
    // Move left over the emoji (one grapheme), delete the space before it, and re-add it.
    press(&mut app, &[key(KeyCode::Left), key(KeyCode::Backspace)]);
    type_text(&mut app, " ");
    press(&mut app, &[key(KeyCode::End)]);
    type_text(&mut app, "e\u{301}");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.form.is_none());
    assert_eq!(selected_name(&app), "José 山田 👩‍🔬e\u{301}");
}

#[test]
fn contract_form_checks_dates_and_value() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    select_name(&mut app, "Olu Adeyemi");
    let start = rev(&app);
    press(&mut app, &[ch('c'), key(KeyCode::Tab), key(KeyCode::Tab)]);
    type_text(&mut app, "2026-01-01");
    press(&mut app, &[key(KeyCode::Tab)]);
    type_text(&mut app, "1.234");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(form_error(&app, "value").unwrap().contains("more than two decimals"));
    press(&mut app, &[ctrl('u')]);
    type_text(&mut app, "5000");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(form_error(&app, "end").unwrap().contains("before start"));
    assert_eq!(rev(&app), start);
    // The focus went to the field at fault.
    press(&mut app, &[ctrl('u')]);
    type_text(&mut app, "2027-01-01");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.form.is_none());
    assert_eq!(selected_name(&app), "Olu Adeyemi");
    assert_eq!(app.detail().unwrap().contracts.len(), 1);
}

#[test]
fn set_type_pins_and_records_history_and_follow_up_is_set_and_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    select_name(&mut app, "Olu Adeyemi");
    press(&mut app, &[ch('t'), key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Enter)]);
    assert!(app.form.is_none());
    let row = app.selected_row().unwrap();
    assert_eq!(row.relationship, RelationshipType::Loyal);
    assert!(row.pinned);
    assert_eq!(app.detail().unwrap().history[0].reason, "set by hand and pinned");

    press(&mut app, &[ch('d')]);
    type_text(&mut app, "2026-07-01");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.selected_row().unwrap().summary.follow_up_on, date("2026-07-01"));
    press(&mut app, &[ch('d'), ctrl('u')]);
    type_text(&mut app, "tomorrow");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(form_error(&app, "next_follow_up").is_some());
    press(&mut app, &[ctrl('u'), key(KeyCode::Enter)]);
    assert!(app.form.is_none());
    assert_eq!(app.detail().unwrap().customer.next_follow_up, None);
}

#[test]
fn archive_asks_first_and_undo_brings_back_several_levels() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    select_name(&mut app, "Zoë Ünal");
    press(&mut app, &[ch('x')]);
    assert!(app.confirm.as_ref().unwrap().question.contains("Archive Zoë Ünal?"));
    press(&mut app, &[ch('n')]);
    assert_eq!(app.view().len(), 8);
    press(&mut app, &[ch('x'), ch('y')]);
    assert_eq!(app.view().len(), 7);
    assert_ne!(selected_name(&app), "Zoë Ünal");
    select_name(&mut app, "Ada Lovelace");
    press(&mut app, &[ch('i'), key(KeyCode::Enter)]);
    let logged = app.selected_row().unwrap().summary.interactions_total;
    press(&mut app, &[ch('u')]);
    assert_eq!(app.selected_row().unwrap().summary.interactions_total, logged - 1);
    press(&mut app, &[ch('u')]);
    assert_eq!(app.view().len(), 8);
    let notice = &app.notice.as_ref().unwrap().text;
    assert!(notice.starts_with("Undid change ") && notice.contains(": Archived Zoë Ünal"), "{notice}");
    let depth = app.undo_depth();
    press(&mut app, &[ch('u')]);
    assert_eq!(app.undo_depth(), depth.saturating_sub(1));
}

#[test]
fn resolve_closes_the_oldest_open_complaint_after_asking() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    select_name(&mut app, "Zoë Ünal");
    assert_eq!(app.selected_row().unwrap().summary.open_complaints, 1);
    press(&mut app, &[ch('r')]);
    assert!(app.confirm.as_ref().unwrap().question.contains("Order arrived damaged."));
    press(&mut app, &[ch('y')]);
    assert_eq!(app.selected_row().unwrap().summary.open_complaints, 0);
    press(&mut app, &[ch('r')]);
    assert!(app.confirm.is_none());
    assert!(app.notice.as_ref().unwrap().text.contains("no open complaint"));
}

#[test]
fn a_save_that_produces_a_suggestion_says_so_and_review_decides() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    press(&mut app, &[ch('3')]);
    let waiting = app.review().len();
    assert!(waiting > 0, "the portfolio's histories already point elsewhere");
    // Olu gets a second co-creation after a first one: collaborative is suggested.
    select_name(&mut app, "Olu Adeyemi");
    for _ in 0..2 {
        press(&mut app, &[ch('i'), ch('c'), key(KeyCode::Enter)]);
    }
    let notice = app.notice.clone().unwrap();
    assert_eq!(notice.kind, NoticeKind::Info);
    assert!(notice.text.contains("now looks Collaborative"), "{}", notice.text);
    assert!(app.selected_row().unwrap().suggestion_pending());
    // At 80 columns the notice has the whole footer line, before the database path.
    let screen = draw(&mut app, 80, 24);
    let footer = screen.lines().last().unwrap().to_string();
    let shown: String = notice.text.chars().take(70).collect();
    assert!(footer.starts_with(&shown), "{footer:?}");

    press(&mut app, &[ch('3')]);
    let index = app.review().iter().position(|s| s.name == "Olu Adeyemi").unwrap();
    press(&mut app, &[ch('g')]);
    for _ in 0..index {
        press(&mut app, &[ch('j')]);
    }
    press(&mut app, &[ch('a')]);
    let olu = app.roster().rows().find(|r| r.name == "Olu Adeyemi").unwrap();
    assert_eq!(olu.relationship, RelationshipType::Collaborative);
    assert!(app.review().iter().all(|s| s.name != "Olu Adeyemi"));

    // Reject and pin the next ones; each decision lands in the history.
    let first = app.review()[app.review_selected()].customer_id;
    press(&mut app, &[ch('x')]);
    let history = app.store().history(first).unwrap();
    assert!(history[0].reason.starts_with("rejected a move to"));
    if !app.review().is_empty() {
        let next = app.review()[app.review_selected()].customer_id;
        press(&mut app, &[ch('p')]);
        assert!(app.store().customer(next).unwrap().unwrap().pinned);
        assert!(app.store().history(next).unwrap()[0].reason.starts_with("pinned instead of"));
    }
    // Accept all asks first and skips pinned customers.
    press(&mut app, &[ch('A')]);
    if app.confirm.is_some() {
        press(&mut app, &[ch('y')]);
        assert!(app.review().iter().all(|s| s.pinned));
    }
}

#[test]
fn enter_on_needs_attention_opens_the_customer() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    let (_, first) = app.dashboard().attention_items().next().map(|(k, i)| (k, i.clone())).unwrap();
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.tab, Tab::Customers);
    assert_eq!(app.selected_row().unwrap().id, first.customer_id);
}

#[test]
fn writes_by_another_process_show_up_on_the_next_tick() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, ids) = app_with_portfolio(&dir);
    press(&mut app, &[ch('2')]);
    let mut other = open(&dir.path().join("t.db"));
    other.add_customer(&Customer::new("Newcomer Elsewhere", today())).unwrap();
    other.archive(ids[6]).unwrap();
    assert!(app.tick());
    assert!(app.roster().rows().any(|r| r.name == "Newcomer Elsewhere"));
    assert!(app.roster().by_id(ids[6]).is_none());
    assert!(!app.tick(), "nothing new the second time");
}

#[test]
fn a_rebound_keymap_drives_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("t.db"));
    portfolio(&mut store);
    let text =
        "[keys]\nquit = \"ctrl-q\"\ndown = [\"J\", \"down\"]\nup = \"K\"\ncustomers = \"c\"\nadd_contract = \"C\"\n";
    let config = config::parse(text, std::path::Path::new("config.toml")).unwrap();
    let mut app = App::new(store, config).unwrap();
    press(&mut app, &[ch('c')]);
    assert_eq!(app.tab, Tab::Customers);
    press(&mut app, &[ch('j')]);
    assert_eq!(app.selected(), 0, "j is no longer bound");
    press(&mut app, &[ch('J'), ch('J'), ch('K')]);
    assert_eq!(app.selected(), 1);
    press(&mut app, &[ch('C')]);
    assert!(app.form.as_ref().unwrap().form.title.starts_with("Contract with"));
    press(&mut app, &[key(KeyCode::Esc), ch('q')]);
    assert!(!app.should_quit());
    press(&mut app, &[ctrl('q')]);
    assert!(app.should_quit());
    // The help lists the new keys.
    let dir2 = tempfile::tempdir().unwrap();
    let mut store2 = open(&dir2.path().join("t.db"));
    portfolio(&mut store2);
    let mut app2 = App::new(store2, config::parse(text, std::path::Path::new("c.toml")).unwrap()).unwrap();
    press(&mut app2, &[ch('?')]);
    let screen = draw(&mut app2, 80, 24);
    assert!(screen.contains("Ctrl-q") && screen.contains("quit rapport"), "{screen}");
}

#[test]
fn a_small_terminal_gets_a_message_and_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    let small = draw(&mut app, 60, 20);
    assert!(small.contains("Terminal too small"));
    assert!(small.contains("60×20"));
    assert!(small.contains("q quits"));
    // Keys that would act unseen are ignored while the window is too small.
    let event = |k| crossterm::event::Event::Key(k);
    for k in [ch('2'), ch('x'), key(KeyCode::Enter)] {
        app.handle_event(&event(k));
    }
    assert_eq!(app.tab, Tab::Dashboard);
    assert!(app.confirm.is_none());
    let normal = draw(&mut app, 80, 24);
    assert!(normal.contains("Customers by type"));

    // With a form open, q would be typed blind: nothing happens until the window grows.
    press(&mut app, &[ch('2'), ch('n')]);
    let small = draw(&mut app, 60, 20);
    assert!(small.contains("Keys wait until the window is larger."), "{small}");
    app.handle_event(&event(ch('q')));
    assert!(!app.should_quit());
    assert_eq!(app.form.as_ref().unwrap().form.value("name"), "");
    draw(&mut app, 80, 24);
    press(&mut app, &[key(KeyCode::Esc)]);
    draw(&mut app, 60, 20);
    app.handle_event(&event(ch('q')));
    assert!(app.should_quit());
}

#[test]
fn no_color_draws_without_any_colour() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("t.db"));
    portfolio(&mut store);
    let config = Config { no_color: true, ..Config::default() };
    let mut app = App::new(store, config).unwrap();
    press(&mut app, &[ch('2')]);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| f.render_widget(&app, f.area())).unwrap();
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
    // The selection is still visible, by reverse video.
    assert!(buffer.content().iter().any(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED)));
}

/// Where `text` first appears on a drawn screen, as (column, row).
fn find_on_screen(screen: &str, text: &str) -> (u16, u16) {
    screen
        .lines()
        .enumerate()
        .find_map(|(y, line)| line.find(text).map(|byte| (line[..byte].chars().count() as u16, y as u16)))
        .unwrap_or_else(|| panic!("{text:?} is not on the screen:\n{screen}"))
}

fn click(app: &mut App, (column, row): (u16, u16)) {
    use crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
    let kind = MouseEventKind::Down(MouseButton::Left);
    app.handle_event(&Event::Mouse(MouseEvent { kind, column, row, modifiers: crossterm::event::KeyModifiers::NONE }));
}

fn wheel(app: &mut App, down: bool) {
    use crossterm::event::{Event, MouseEvent, MouseEventKind};
    let kind = if down { MouseEventKind::ScrollDown } else { MouseEventKind::ScrollUp };
    app.handle_event(&Event::Mouse(MouseEvent {
        kind,
        column: 60,
        row: 10,
        modifiers: crossterm::event::KeyModifiers::NONE,
    }));
}

#[test]
fn a_click_picks_a_tab_a_group_or_a_row_and_the_wheel_scrolls() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    let screen = draw(&mut app, 120, 40);
    click(&mut app, find_on_screen(&screen, "2 Customers"));
    assert_eq!(app.tab, Tab::Customers);

    // A row of the table: the customer on it is selected and the table has the focus.
    let screen = draw(&mut app, 120, 40);
    let third = app.view().get(2).and_then(|p| app.roster().get(*p)).map(|r| r.name.clone()).unwrap();
    click(&mut app, find_on_screen(&screen, &third));
    assert_eq!(selected_name(&app), third);
    assert_eq!(app.pane(), Pane::Table);

    // Moving the mouse changes nothing, so it asks for no new frame.
    let moved = crossterm::event::MouseEvent {
        kind: crossterm::event::MouseEventKind::Moved,
        column: 10,
        row: 10,
        modifiers: crossterm::event::KeyModifiers::NONE,
    };
    assert!(!app.handle_event(&crossterm::event::Event::Mouse(moved)));
    assert_eq!(selected_name(&app), third);

    // The wheel moves the selection one row at a time.
    wheel(&mut app, true);
    let fourth = app.view().get(3).and_then(|p| app.roster().get(*p)).map(|r| r.name.clone()).unwrap();
    assert_eq!(selected_name(&app), fourth);
    wheel(&mut app, false);
    assert_eq!(selected_name(&app), third);

    // A group in the groups pane filters the table to that type.
    let screen = draw(&mut app, 120, 40);
    click(&mut app, find_on_screen(&screen, "Contractual"));
    assert_eq!(app.pane(), Pane::Groups);
    assert_eq!(app.group(), Group::Type(RelationshipType::Contractual));
    assert!(app.view().iter().all(|p| app.roster().get(*p).unwrap().relationship == RelationshipType::Contractual));

    // Tabs work from anywhere, and a click while a form is open does nothing.
    let screen = draw(&mut app, 120, 40);
    click(&mut app, find_on_screen(&screen, "3 Review"));
    assert_eq!(app.tab, Tab::Review);
    press(&mut app, &[ch('2'), ch('n')]);
    assert!(app.form.is_some());
    let screen = draw(&mut app, 120, 40);
    click(&mut app, find_on_screen(&screen, "1 Dashboard"));
    assert_eq!(app.tab, Tab::Customers, "the form keeps the screen");
}

#[test]
fn the_bottom_of_the_detail_keeps_its_last_line_at_the_bottom() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    press(&mut app, &[ch('2')]);
    draw(&mut app, 80, 24);
    // Into the detail pane, then to its end; each draw tells the app how long it is.
    press(&mut app, &[key(KeyCode::Tab)]);
    assert_eq!(app.pane(), Pane::Detail);
    for _ in 0..3 {
        press(&mut app, &[ch('G')]);
        draw(&mut app, 80, 24);
    }
    let text = app.customers().detail_text().unwrap();
    let (lines, height) = (text.line_count(), text.height());
    assert!(lines > height, "the detail should be longer than its pane ({lines} lines, {height} rows)");
    assert_eq!(app.customers().detail_scroll(), lines - height);
    // The pane's last row shows text, not blank space below the end.
    let screen = draw(&mut app, 80, 24);
    // Row 22 is the pane's bottom border and row 23 the footer.
    let last_row = screen.lines().nth(21).unwrap();
    let inside: String = last_row.chars().skip(23).take(55).collect();
    assert!(!inside.trim().is_empty(), "{screen}");
}
