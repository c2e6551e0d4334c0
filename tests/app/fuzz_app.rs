//! Random key sequences against the app on the fixture portfolio: printable characters,
//! arrows, Tab, Enter, Esc, paging, ctrl-keys, pastes and mouse clicks, weighted towards
//! the keys that open forms, confirm, archive, accept and undo. After every input the
//! app's invariants hold and it draws at 80×24 and 120×40 (and below the minimum size);
//! after the sequence, what the store keeps equals a fresh evaluation of every customer
//! and the app shows exactly what the store holds.

use crate::support::scratch::scratch_dir;

use std::sync::OnceLock;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::support::*;
use rapport::app::roster::Group;
use rapport::app::{App, ConfirmAction};
use rapport::config::Config;
use rapport::domain::model::Summary;
use rapport::store::{Session, Store};

#[derive(Debug, Clone)]
enum Input {
    Key(KeyEvent),
    /// A few keys that usually write something: the random keys alone seldom get a form
    /// filled in and saved.
    Burst(&'static str),
    Paste(String),
    Click(u16, u16),
    Scroll(bool),
}

fn key_event() -> impl Strategy<Value = KeyEvent> {
    use KeyCode::*;
    let actions = vec![
        'n', 'e', 'i', 'f', 'c', 't', 'd', 'x', 'r', 'y', 'Y', 'u', 'a', 'A', 'p', '1', '2', '3', '/', 's', '?', 'j',
        'k', 'g', 'G', 'R', 'q', 'm', ' ',
    ];
    let named = vec![Up, Down, Left, Right, Tab, BackTab, Enter, Esc, PageUp, PageDown, Home, End, Backspace, Delete];
    prop_oneof![
        5 => prop::sample::select(actions).prop_map(ch),
        3 => prop::char::range(' ', '~').prop_map(ch),
        1 => prop::sample::select(vec!['é', '張', '👩', '\u{301}', '\u{202e}', '9']).prop_map(ch),
        4 => prop::sample::select(named).prop_map(key),
        1 => prop::sample::select(vec!['c', 'd', 'u', 'w', 'a', 'e', 'h']).prop_map(ctrl),
        1 => prop::sample::select(vec![KeyCode::Tab, KeyCode::Char('j')])
            .prop_map(|c| KeyEvent::new(c, KeyModifiers::SHIFT | KeyModifiers::ALT)),
    ]
}

/// Key strings for bursts; `\r` is Enter, `\x1b` is Esc.
const BURSTS: &[&str] = &[
    "2i\r",
    "2f9\t\t\t5\r",
    "2fx\r",
    "2ccX\r",
    "2t\r",
    "2tj\r",
    "2d\r",
    "2xy",
    "2ry",
    "2nNew person\r",
    "2eX\r",
    "3a",
    "3x",
    "3p",
    "3Ay",
    "u",
    "uu",
];

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        20 => key_event().prop_map(Input::Key),
        3 => prop::sample::select(BURSTS).prop_map(Input::Burst),
        1 => prop_oneof![
            Just("2026-06-01".to_string()),
            Just("\x1b[2J\u{202e}pasted\nlines\ttoo".to_string()),
            "[ -~]{0,30}",
        ]
        .prop_map(Input::Paste),
        1 => (0u16..120, 0u16..40).prop_map(|(x, y)| Input::Click(x, y)),
        1 => any::<bool>().prop_map(Input::Scroll),
    ]
}

fn apply(app: &mut App, input: &Input) {
    let mouse = |kind, column, row| Event::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE });
    match input {
        Input::Key(k) => app.handle_key(*k),
        Input::Burst(keys) => {
            for c in keys.chars() {
                app.handle_key(match c {
                    '\r' => key(KeyCode::Enter),
                    '\t' => key(KeyCode::Tab),
                    '\x1b' => key(KeyCode::Esc),
                    c => ch(c),
                });
            }
        }
        Input::Paste(text) => {
            app.handle_event(&Event::Paste(text.clone()));
        }
        Input::Click(x, y) => {
            app.handle_event(&mouse(MouseEventKind::Down(MouseButton::Left), *x, *y));
        }
        Input::Scroll(down) => {
            let kind = if *down { MouseEventKind::ScrollDown } else { MouseEventKind::ScrollUp };
            app.handle_event(&mouse(kind, 40, 10));
        }
    }
}

/// The fixture portfolio as database bytes, built once and copied for every case.
fn template() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("template.db");
        portfolio(&mut open(&path));
        std::fs::read(&path).unwrap()
    })
}

fn fresh_app(dir: &tempfile::TempDir) -> App {
    let path = dir.path().join("fuzz.db");
    std::fs::write(&path, template()).unwrap();
    let store = Store::open(&path, Session::on(today())).unwrap();
    // Durability is not under test; skipping flushes keeps the many writes fast.
    crate::support::sqlite_connection(&store).pragma_update(None, "synchronous", "OFF").unwrap();
    App::new(store, Config::default()).unwrap()
}

fn check_invariants(app: &App, step: &str) -> Result<(), TestCaseError> {
    let view = app.view();
    if view.is_empty() {
        prop_assert_eq!(app.selected(), 0, "{}", step);
        prop_assert!(app.selected_row().is_none(), "{}", step);
    } else {
        prop_assert!(app.selected() < view.len(), "selection {} of {} rows: {}", app.selected(), view.len(), step);
    }
    prop_assert!(app.group_index() < Group::all().len(), "{}", step);
    let group = app.group();
    for pos in view {
        let row = app.roster().get(*pos);
        prop_assert!(row.is_some(), "a view position without a row: {}", step);
        if let (Group::Type(t), Some(row)) = (group, row) {
            prop_assert_eq!(row.relationship, t, "{} in the {:?} group: {}", &row.name, group, step);
        }
    }
    if let (Some(detail), Some(row)) = (app.detail(), app.selected_row()) {
        prop_assert_eq!(detail.customer.id, row.id, "the detail shows another customer than selected: {}", step);
    }
    let review = app.review_count();
    prop_assert!(app.review_selected() < review.max(1), "review {} of {}: {}", app.review_selected(), review, step);
    let attention = app.dashboard().attention_len();
    prop_assert!(app.attention_selected() < attention.max(1), "{}", step);

    // Overlays: help sits alone; a question about discarding a form needs that form, and
    // any other question comes with no form behind it; search never runs under a form.
    if app.help.is_some() {
        prop_assert!(app.form.is_none() && app.confirm.is_none(), "help over another overlay: {}", step);
    }
    if let Some(confirm) = &app.confirm {
        let discard = confirm.action == ConfirmAction::DiscardForm;
        prop_assert_eq!(
            discard,
            app.form.is_some(),
            "question {:?} with form {}: {}",
            confirm,
            app.form.is_some(),
            step
        );
    }
    if app.searching() {
        prop_assert!(app.form.is_none() && app.confirm.is_none(), "searching under an overlay: {}", step);
    }
    Ok(())
}

fn draw_at(app: &mut App, width: u16, height: u16) {
    app.resize(ratatui::layout::Rect::new(0, 0, width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| f.render_widget(&*app, f.area())).unwrap();
}

/// What the store keeps equals a fresh evaluation, and the app's lists equal the store's.
fn check_store(app: &App) -> Result<(), TestCaseError> {
    let store = app.store();
    let evaluations = crate::support::evaluations(store);
    prop_assert!(evaluations.len() >= 8, "customers were lost: {}", evaluations.len());
    for e in &evaluations {
        let row = store.roster_row(e.customer_id).unwrap();
        prop_assert!(row.is_some(), "customer {} has no summary row", e.customer_id);
        let row = row.unwrap();
        prop_assert_eq!(&row.list.summary, &Summary::from_signals(&e.signals), "summary of {}", e.customer_id);
        prop_assert_eq!(row.list.stage, e.classification.stage, "stage of {}", e.customer_id);
    }

    let mut shown: Vec<_> = app.roster().rows().cloned().collect();
    shown.sort_by_key(|r| r.id);
    let mut stored = store.list_rows().unwrap();
    stored.sort_by_key(|r| r.id);
    prop_assert_eq!(&shown, &stored, "the app's rows differ from the store's");
    for row in &stored {
        let from_tables = store.list_row_from_tables(row.id).unwrap();
        prop_assert_eq!(Some(row), from_tables.as_ref(), "the list card of {} differs from its tables", row.id);
    }
    // The Review list is held only while it is current (read when shown, forgotten on a
    // change while hidden); the count on its tab title always is.
    let stored: Vec<i64> = store.pending_suggestions().unwrap().iter().map(|s| s.customer_id).collect();
    prop_assert_eq!(app.review_count(), stored.len(), "the review count differs from the store's");
    if app.review_screen().is_read() {
        let shown: Vec<i64> = app.review().iter().map(|s| s.customer_id).collect();
        prop_assert_eq!(shown, stored, "the review list differs from the store's");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_inputs_keep_the_app_consistent(inputs in prop::collection::vec(input(), 1..80)) {
        let dir = scratch_dir();
        let mut app = fresh_app(&dir);
        check_invariants(&app, "at the start")?;
        for (n, input) in inputs.iter().enumerate() {
            apply(&mut app, input);
            let step = format!("after input {n} ({input:?})");
            check_invariants(&app, &step)?;
            match n % 4 {
                0 => draw_at(&mut app, 80, 24),
                1 => draw_at(&mut app, 120, 40),
                2 => draw_at(&mut app, 100, 30),
                _ => draw_at(&mut app, 60, 12),
            }
            // The draw may move scroll offsets; the state must stay consistent.
            check_invariants(&app, &step)?;
        }
        check_store(&app)?;
    }
}
