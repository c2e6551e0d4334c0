//! What the tests share: the fixed today, a small portfolio built through the store's own
//! writes, and helpers to drive and draw the app; in the submodules, the real binary run
//! against a database of its own (`cli`), in a pseudo-terminal (`pty`) and as separate
//! processes over one folder (`scene`), scratch folders, the record builder for the pure
//! domain (`records`), the other systems' exports (`foreign`) and the storage engines the
//! store's conformance tests run against (`engines`).
#![allow(dead_code)]

pub mod cli;
pub mod engines;
pub mod foreign;
pub mod kill;
pub mod pty;
pub mod records;
pub mod scene;
pub mod scratch;

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use rapport::app::App;
use rapport::config::Config;
use rapport::domain::dates::parse_date;
use rapport::domain::*;
use rapport::store::{Session, Store};

pub const TODAY: &str = "2026-06-15";

pub fn today() -> Date {
    parse_date(TODAY).unwrap()
}

pub fn date(text: &str) -> Date {
    parse_date(text).unwrap()
}

/// The real `rapport`, kept away from the person running the tests: nothing of their
/// environment but PATH, today fixed, and the home, config and data folders in `home`.
pub fn sandboxed(home: &Path) -> Command {
    isolated(env!("CARGO_BIN_EXE_rapport"), home)
}

/// Any program (`rapport`, or a shell that runs it) in the environment of `sandboxed`.
pub fn isolated(program: impl AsRef<OsStr>, home: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.env_clear().envs(pty::isolated_env(home)).env("PATH", std::env::var("PATH").unwrap_or_default());
    cmd
}

pub fn open(path: &Path) -> Store {
    Store::open(path, Session::on(today())).unwrap()
}

/// The same, as the person `user`: what a colleague's rapport would open.
pub fn open_as(path: &Path, user: &str) -> Store {
    Store::open(path, Session::new(user, rapport::store::Clock::Fixed(today()))).unwrap()
}

/// Adds a customer created today with only a name; returns its id.
pub fn add(store: &mut Store, name: &str) -> i64 {
    store.add_customer(&Customer::new(name, today())).unwrap().created_id.unwrap()
}

/// An interaction of `kind` on `day` with an amount of 10.00, no summary and no sentiment.
pub fn interaction(customer_id: i64, day: &str, kind: InteractionKind) -> Interaction {
    Interaction {
        id: 0,
        customer_id,
        date: date(day),
        kind,
        summary: String::new(),
        amount: Some(1000),
        sentiment: None,
    }
}

/// A test's full name in this binary, as `--exact` wants it: its module (`module_path!()`
/// where it is defined) without the crate, then its function name.
pub fn test_path(module: &str, name: &str) -> String {
    let inside = module.split_once("::").map_or("", |(_, path)| path);
    format!("{inside}::{name}")
}

fn customer(name: &str, company: &str, email: &str) -> Customer {
    let mut c = Customer::new(name, date("2025-01-10"));
    c.company = company.into();
    c.email = Some(email.into()).filter(|e: &String| !e.is_empty());
    c.owner = "Maria".into();
    c
}

fn log(store: &mut Store, id: i64, day: &str, kind: InteractionKind, amount: Option<i64>) {
    store
        .log_interaction(&Interaction {
            id: 0,
            customer_id: id,
            date: date(day),
            kind,
            summary: format!("{} on {day}", kind.label()),
            amount,
            sentiment: None,
        })
        .unwrap();
}

fn feedback(
    store: &mut Store,
    id: i64,
    day: &str,
    nps: Option<u8>,
    csat: Option<u8>,
    kind: FeedbackKind,
    comment: &str,
) {
    store
        .add_feedback(&Feedback {
            id: 0,
            customer_id: id,
            date: date(day),
            nps,
            csat,
            kind,
            comment: comment.into(),
            resolved: false,
        })
        .unwrap();
}

/// Eight customers with varied histories; returns their ids in creation order.
pub fn portfolio(store: &mut Store) -> Vec<i64> {
    let mut ids = Vec::new();
    let people = [
        ("Ada Lovelace", "Analytical Engines", "ada@example.com"),
        ("Grace Hopper", "Compilers Inc", "grace@example.com"),
        ("Zoë Ünal", "Bosphorus Trading", "zoe@example.com"),
        ("張偉", "Shanghai Tea House", "wei@example.cn"),
        ("Björn Ström", "Nordic Timber", ""),
        ("Amélie Poulain", "Café des 2 Moulins", "amelie@example.fr"),
        ("Olu Adeyemi", "Lagos Print Co", "olu@example.ng"),
        ("Priya Nair", "Spice Route", "priya@example.in"),
    ];
    for (name, company, email) in people {
        ids.push(store.add_customer(&customer(name, company, email)).unwrap().created_id.unwrap());
    }
    // Ada: a loyal regular — monthly purchases, promoter.
    for m in
        ["2025-07-03", "2025-08-04", "2025-09-05", "2025-10-06", "2025-12-07", "2026-02-08", "2026-04-09", "2026-06-01"]
    {
        log(store, ids[0], m, InteractionKind::Purchase, Some(12_500));
    }
    log(store, ids[0], "2026-06-02", InteractionKind::Call, None);
    feedback(store, ids[0], "2026-06-03", Some(10), Some(5), FeedbackKind::Praise, "Always on time.");
    // Grace: co-creates.
    log(store, ids[1], "2026-05-01", InteractionKind::CoCreation, None);
    feedback(store, ids[1], "2026-05-20", None, None, FeedbackKind::Idea, "A monthly sampler box?");
    // Zoë: at risk, open complaint.
    log(store, ids[2], "2025-03-01", InteractionKind::Purchase, Some(4_000));
    feedback(store, ids[2], "2026-05-30", Some(2), Some(1), FeedbackKind::Complaint, "Order arrived damaged.");
    // Wei: supportive.
    for d in ["2026-05-10", "2026-05-25", "2026-06-10"] {
        store
            .log_interaction(&Interaction {
                id: 0,
                customer_id: ids[3],
                date: date(d),
                kind: InteractionKind::Support,
                summary: "Set-up help".into(),
                amount: None,
                sentiment: Some(1),
            })
            .unwrap();
    }
    // Björn: contractual.
    store
        .add_contract(&Contract {
            id: 0,
            customer_id: ids[4],
            kind: ContractKind::Supply,
            start: date("2026-01-01"),
            end: None,
            value: Some(2_400_000),
            note: "Timber for the year".into(),
        })
        .unwrap();
    // Amélie: community.
    log(store, ids[5], "2026-04-12", InteractionKind::Community, None);
    log(store, ids[5], "2026-06-05", InteractionKind::Community, None);
    // Olu: one purchase long ago.
    log(store, ids[6], "2025-02-02", InteractionKind::Purchase, Some(900));
    // Priya: nothing yet, pinned long-term.
    store.set_type(ids[7], RelationshipType::LongTerm).unwrap();
    ids
}

/// A database file holding the portfolio, in `dir`.
pub fn prepared_database(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("shop.db");
    let mut store = open(&path);
    portfolio(&mut store);
    path
}

/// A file's permission bits.
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Root passes every permission check.
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

pub fn app_with_portfolio(dir: &tempfile::TempDir) -> (App, Vec<i64>) {
    let mut store = open(&dir.path().join("t.db"));
    let ids = portfolio(&mut store);
    (App::new(store, Config::default()).unwrap(), ids)
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Presses each key in turn.
pub fn press(app: &mut App, keys: &[KeyEvent]) {
    for k in keys {
        app.handle_key(*k);
    }
}

/// The name of the customer the Customers tab has selected.
pub fn selected_name(app: &App) -> String {
    app.selected_row().map(|r| r.name.clone()).unwrap_or_default()
}

/// Shows the Customers tab with the customer `name` selected.
pub fn select_name(app: &mut App, name: &str) {
    app.update(rapport::app::Action::Customers);
    press(app, &[ch('g')]);
    for _ in 0..app.view().len() {
        if selected_name(app) == name {
            return;
        }
        press(app, &[ch('j')]);
    }
    panic!("{name} not in view");
}

/// Types text character by character.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(ch(c));
    }
}

/// Draws the app on a test terminal and returns the screen as lines of text.
pub fn draw(app: &mut App, width: u16, height: u16) -> String {
    app.resize(ratatui::layout::Rect::new(0, 0, width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| f.render_widget(&*app, f.area())).unwrap();
    buffer_text(terminal.backend().buffer())
}

pub fn buffer_text(buffer: &ratatui::buffer::Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut skip = 0;
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            out.push_str(symbol);
        }
        out.push('\n');
    }
    out
}

/// The screen with the database path in the footer replaced by `<db>`, since temporary
/// folders differ from run to run.
pub fn draw_stable(app: &mut App, width: u16, height: u16) -> String {
    let screen = draw(app, width, height);
    screen
        .lines()
        .map(|line| match line.find(".db") {
            Some(end) => {
                let start = line[..end].rfind(' ').map(|i| i + 1).unwrap_or(0);
                let token = &line[start..end + 3];
                let width = unicode_width::UnicodeWidthStr::width(token);
                format!("{}{:>width$}{}", &line[..start], "<db>", &line[end + 3..])
            }
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A fresh evaluation of every customer, from the records.
pub fn evaluations(store: &Store) -> Vec<rapport::domain::model::Evaluation> {
    let mut all = Vec::new();
    store
        .evaluate_all(|e| {
            all.push(e);
            Ok(())
        })
        .unwrap();
    all
}

/// The SQLite connection under a store, for the tests of SQLite itself (pragmas, the
/// schema, raw SQL). Everything else goes through the store's interface.
pub fn sqlite_connection(store: &Store) -> &rusqlite::Connection {
    store.engine::<rapport::store::sqlite::Sqlite>().expect("a SQLite store").connection()
}

/// The list rows equal what the tables say, and each one's stored card says the same.
pub fn assert_cards_match_tables(store: &Store) {
    let listed = store.list_rows().unwrap();
    assert!(!listed.is_empty());
    for row in &listed {
        assert_eq!(Some(row), store.list_row_from_tables(row.id).unwrap().as_ref(), "customer {}", row.id);
        assert_eq!(Some(row), store.list_card(row.id).unwrap().as_ref(), "card of {}", row.id);
    }
}

/// The records `seed_history` wrote.
pub struct Seeded {
    pub customers: Vec<i64>,
    pub feedback: Vec<i64>,
}

/// A little history: a customer of 400 days with two co-creations (so a move to
/// collaborative is pending), one of 30 days referred by the first, with an open
/// complaint.
pub fn seed_history(store: &mut Store) -> Seeded {
    use records::ago;
    let first = store.add_customer(&Customer::new("Seed One", ago(400))).unwrap().created_id.unwrap();
    let mut second = Customer::new("Seed Two", ago(30));
    second.referred_by = Some(first);
    let second = store.add_customer(&second).unwrap().created_id.unwrap();
    for back in [3, 40] {
        let i = Interaction {
            id: 0,
            customer_id: first,
            date: ago(back),
            kind: InteractionKind::CoCreation,
            summary: String::new(),
            amount: None,
            sentiment: None,
        };
        store.log_interaction(&i).unwrap();
    }
    let complaint = Feedback {
        id: 0,
        customer_id: second,
        date: ago(2),
        nps: Some(4),
        csat: None,
        kind: FeedbackKind::Complaint,
        comment: "late".into(),
        resolved: false,
    };
    let complaint = store.add_feedback(&complaint).unwrap().created_id.unwrap();
    Seeded { customers: vec![first, second], feedback: vec![complaint] }
}
