//! Customers whose every text field is hostile: escape sequences (CSI, OSC title and
//! clipboard), C1 controls, bidi overrides and isolates, zero-width characters, 10,000
//! characters in one field, CJK, stacked combining marks and emoji ZWJ sequences.
//!
//! Every screen is drawn twice, once over these records and once over a plain twin: the
//! same records with each text already in the harmless form it should be drawn in. The
//! hostile screens may hold no control, bidi or zero-width character in any cell, and
//! every panel corner and edge must sit exactly where the plain twin has it. Then the real binary shows the records in a pseudo-terminal, and
//! its raw output may hold no escape sequence the program did not write itself.

use crate::support::pty;

use crossterm::event::{Event, KeyCode};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use crate::support::*;
use rapport::app::App;
use rapport::config::Config;
use rapport::domain::*;
use rapport::store::Store;

const MALLORY_NAME: &str = "Mallory \x1b[2J\x1b]0;pwned\x07";
const MALLORY_COMPANY: &str = "\u{9b}31mEvil\u{9d}0;pwned\u{9c} Corp";
const MALLORY_PHONE: &str = "+1 \x1b[5m555\u{200b}0100";
const MALLORY_OWNER: &str = "\u{202e}Eve\u{2066}x\u{2069}\u{200f}";
const MALLORY_NOTES: &str =
    "copy \x1b]52;c;cHduZWQ=\x07 me\n\u{202e}reversed\u{202c} line\r\nthird\x1b[2J\x1b[H \u{7f}\u{8}\u{0}";
const MALLORY_TAGS: [&str; 2] = ["\x1b[31mred", "\u{200b}hidden\u{feff}"];
const SUPPORT_SUMMARY: &str = "\x1b[2Jsupport \u{9b}1m\u{9b}?1049h";
const COMPLAINT: &str = "\x1b]0;pwned\x07 broken \u{202e}!won\u{202c} \u{1b}]8;;http://x\u{1b}\\link";
const TRUDY_NAME: &str = "Trudy \u{202e}exe.gnp\u{202c}\u{200f}\u{061c}";
const TRUDY_COMPANY: &str = "\u{feff}Zero\u{200b}Width\u{2060}\u{200d}";
const CONTRACT_NOTE: &str = "\u{2067}note\u{2069} \x1b[8mhidden\x1b[0m";
const EMOJI_NAME: &str = "👩\u{200d}🔬 Dr. Emoji 🇫🇷 👨\u{200d}👩\u{200d}👧";
const EMOJI_COMPANY: &str = "Ünïcödé\u{301}\u{301}\u{301} 上海茶館 e\u{301}\u{302}\u{303}";
const PRAISE: &str = "❤\u{fe0f} 👍🏽 \u{200b}great\u{200b} 張偉";

/// Characters that must never reach a cell: they would move the cursor, reorder the
/// line, or take no room and so shift every column after them in some terminals.
fn forbidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}')
        || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}')
}

/// 10,000 characters of CJK, combining marks, bidi overrides and escapes.
fn long_text() -> String {
    "張x\u{301}\u{202e}\x1b".chars().cycle().take(10_000).collect()
}

/// The text a field gets: the hostile original, or for the plain twin what the screen
/// should show for it, so both twins lay out the same.
struct Words {
    hostile: bool,
}

impl Words {
    fn line(&self, text: &str) -> String {
        if self.hostile { text.to_string() } else { rapport::text::inert(text).into_owned() }
    }

    fn lines(&self, text: &str) -> String {
        if self.hostile { text.to_string() } else { rapport::text::inert_multiline(text) }
    }
}

fn add(store: &mut Store, c: Customer) -> i64 {
    store.add_customer(&c).unwrap().created_id.unwrap()
}

fn interaction(store: &mut Store, id: i64, day: &str, kind: InteractionKind, summary: String, amount: Option<i64>) {
    let i = Interaction { id: 0, customer_id: id, date: date(day), kind, summary, amount, sentiment: Some(1) };
    store.log_interaction(&i).unwrap();
}

/// Four customers with hostile text everywhere, beside the ordinary fixture portfolio;
/// the plain twin has the same records with the text as it should be shown.
fn hostile_portfolio(store: &mut Store, hostile: bool) {
    portfolio(store);
    let words = Words { hostile };
    let t = |text: &str| words.line(text);

    let mut mallory = Customer::new(t(MALLORY_NAME), date("2025-02-01"));
    mallory.company = t(MALLORY_COMPANY);
    mallory.email = Some("mallory@example.com".into());
    mallory.phone = t(MALLORY_PHONE);
    mallory.owner = t(MALLORY_OWNER);
    mallory.notes = words.lines(MALLORY_NOTES);
    mallory.tags = MALLORY_TAGS.iter().map(|tag| t(tag)).collect();
    let mallory = add(store, mallory);
    for day in ["2026-05-01", "2026-05-20", "2026-06-10"] {
        interaction(store, mallory, day, InteractionKind::Support, t(SUPPORT_SUMMARY), None);
    }
    interaction(store, mallory, "2026-06-11", InteractionKind::Purchase, t(SUPPORT_SUMMARY), Some(1_999));
    let complaint = Feedback {
        id: 0,
        customer_id: mallory,
        date: date("2026-06-12"),
        nps: Some(3),
        csat: Some(1),
        kind: FeedbackKind::Complaint,
        comment: t(COMPLAINT),
        resolved: false,
    };
    store.add_feedback(&complaint).unwrap();

    let mut long = Customer::new(t(&long_text()), date("2024-01-01"));
    long.company = t(EMOJI_COMPANY);
    long.email = Some("long@example.com".into());
    long.notes = words.lines(&long_text());
    long.owner = t(&long_text());
    long.tags = vec![t(&long_text())];
    let long = add(store, long);
    interaction(store, long, "2026-01-05", InteractionKind::Purchase, t(&long_text()), Some(50_000));
    store.set_type(long, RelationshipType::Loyal).unwrap();

    let mut trudy = Customer::new(t(TRUDY_NAME), date("2025-09-09"));
    trudy.company = t(TRUDY_COMPANY);
    trudy.next_follow_up = Some(date("2026-06-01"));
    let trudy = add(store, trudy);
    store
        .add_contract(&Contract {
            id: 0,
            customer_id: trudy,
            kind: ContractKind::Service,
            start: date("2026-02-01"),
            end: None,
            value: Some(120_000),
            note: t(CONTRACT_NOTE),
        })
        .unwrap();

    let mut emoji = Customer::new(t(EMOJI_NAME), date("2025-05-05"));
    emoji.company = t(EMOJI_COMPANY);
    emoji.referred_by = Some(mallory);
    emoji.email = Some("emoji@example.com".into());
    let emoji = add(store, emoji);
    let praise = Feedback {
        id: 0,
        customer_id: emoji,
        date: date("2026-06-01"),
        nps: Some(10),
        csat: Some(5),
        kind: FeedbackKind::Praise,
        comment: t(PRAISE),
        resolved: false,
    };
    store.add_feedback(&praise).unwrap();
    interaction(store, emoji, "2026-06-02", InteractionKind::Community, t(PRAISE), None);
}

fn twin(dir: &tempfile::TempDir, hostile: bool) -> App {
    let name = if hostile { "hostile.db" } else { "plain.db" };
    let mut store = open(&dir.path().join(name));
    hostile_portfolio(&mut store, hostile);
    App::new(store, Config::default()).unwrap()
}

fn render(app: &mut App, width: u16, height: u16) -> Buffer {
    app.resize(ratatui::layout::Rect::new(0, 0, width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| f.render_widget(&*app, f.area())).unwrap();
    terminal.backend().buffer().clone()
}

/// One step of the tour: keys to press, or text to paste.
enum Step {
    Keys(Vec<crossterm::event::KeyEvent>),
    Paste(&'static str),
}

/// A step, and whether the screen after it is checked (moving past the fixture's
/// ordinary customers is not).
struct Stop {
    label: String,
    step: Step,
    check: bool,
}

fn stop(label: impl Into<String>, step: Step) -> Stop {
    Stop { label: label.into(), step, check: true }
}

fn type_keys(text: &str) -> Vec<crossterm::event::KeyEvent> {
    text.chars().map(ch).collect()
}

/// Every screen: the dashboard, each hostile customer with its detail (scrolled through)
/// and every form and question prefilled for it, the review list, help, a pasted hostile
/// search, and the duplicate-email error naming a hostile holder.
fn tour(hostile_rows: &[bool], suggestions: usize) -> Vec<Stop> {
    use Step::*;
    let esc = key(KeyCode::Esc);
    let mut stops = vec![stop("dashboard", Keys(vec![])), stop("dashboard moved", Keys(vec![ch('j')]))];
    stops.push(stop("customers", Keys(vec![ch('2')])));
    for (row, hostile) in hostile_rows.iter().enumerate() {
        if row > 0 {
            stops.push(Stop { label: format!("row {row}"), step: Keys(vec![ch('j')]), check: *hostile });
        }
        if !hostile {
            continue;
        }
        for (what, open) in [
            ("edit form", 'e'),
            ("interaction form", 'i'),
            ("feedback form", 'f'),
            ("contract form", 'c'),
            ("type form", 't'),
            ("follow-up form", 'd'),
            ("archive question", 'x'),
            ("resolve question", 'r'),
        ] {
            stops.push(stop(format!("row {row} {what}"), Keys(vec![ch(open)])));
            stops.push(stop(format!("row {row} after {what}"), Keys(vec![esc])));
        }
        stops.push(stop(format!("row {row} detail focused"), Keys(vec![key(KeyCode::Tab)])));
        for page in 1..=3 {
            stops.push(stop(format!("row {row} detail page {page}"), Keys(vec![key(KeyCode::PageDown)])));
        }
        stops.push(stop(format!("row {row} back to the table"), Keys(vec![key(KeyCode::BackTab), esc])));
    }
    stops.push(stop("search", Keys(vec![ch('g'), ch('/')])));
    stops.push(stop("search pasted text", Paste("\x1b[2J\u{202e}mal\u{200b}\x1b]0;pwned\x07")));
    stops.push(stop("search kept", Keys(vec![key(KeyCode::Enter)])));
    stops.push(stop("search cleared", Keys(vec![esc])));
    for holder in ["mallory@example.com", "long@example.com"] {
        stops.push(stop("new customer", Keys(vec![ch('n')])));
        stops.push(stop("new customer pasted name", Paste("Copy\x1b[2Jcat \u{202e}x")));
        let mut email = vec![key(KeyCode::Tab), key(KeyCode::Tab)];
        email.extend(type_keys(holder));
        email.push(key(KeyCode::Enter));
        stops.push(stop(format!("duplicate email of {holder}"), Keys(email)));
        stops.push(stop("discard question", Keys(vec![esc])));
        stops.push(stop("discarded", Keys(vec![ch('y')])));
    }
    stops.push(stop("review", Keys(vec![ch('3')])));
    for n in 1..suggestions {
        stops.push(stop(format!("review {n}"), Keys(vec![ch('j')])));
    }
    stops.push(stop("accept all question", Keys(vec![ch('A')])));
    stops.push(stop("accept all declined", Keys(vec![ch('n')])));
    stops.push(stop("help", Keys(vec![ch('?')])));
    stops.push(stop("help scrolled", Keys(vec![key(KeyCode::PageDown)])));
    stops.push(stop("help closed", Keys(vec![esc])));
    stops
}

fn apply(app: &mut App, step: &Step) {
    match step {
        Step::Keys(keys) => press(app, keys),
        Step::Paste(text) => {
            app.handle_event(&Event::Paste((*text).to_string()));
        }
    }
}

fn is_border(c: char) -> bool {
    ('\u{2500}'..='\u{257f}').contains(&c)
}

fn first_char(buf: &Buffer, x: u16, y: u16) -> char {
    buf[(x, y)].symbol().chars().next().unwrap_or(' ')
}

/// Every left and right edge runs unbroken from its top corner, and every bottom edge
/// from its left corner, until it meets another border: text drawn over an edge, or an
/// edge running off the screen, breaks a box. For a screen without overlays.
fn assert_edges_whole(buf: &Buffer, label: &str) {
    let area = buf.area;
    let broken = |x: u16, y: u16, what: &str| -> ! {
        panic!("{label}: the {what} at ({x},{y}) is broken:\n{}", buffer_text(buf));
    };
    for y in 0..area.height {
        for x in 0..area.width {
            match first_char(buf, x, y) {
                '┌' | '┐' => {
                    let mut yy = y + 1;
                    while yy < area.height && first_char(buf, x, yy) == '│' {
                        yy += 1;
                    }
                    if yy == area.height || !is_border(first_char(buf, x, yy)) {
                        broken(x, y, "side below the corner");
                    }
                }
                '└' => {
                    let mut xx = x + 1;
                    while xx < area.width && first_char(buf, xx, y) == '─' {
                        xx += 1;
                    }
                    if xx == area.width || !is_border(first_char(buf, xx, y)) {
                        broken(x, y, "bottom edge after the corner");
                    }
                }
                _ => {}
            }
        }
    }
}

/// The box an overlay added to `below`: found from its top-left corner, the first new
/// `┌`; its four corners and its sides and bottom must be whole.
fn assert_overlay_box(above: &Buffer, below: &Buffer, label: &str) {
    let area = above.area;
    let fail = |what: &str| -> ! { panic!("{label}: the overlay's {what}:\n{}", buffer_text(above)) };
    let added = |x: u16, y: u16| above[(x, y)].symbol() != below[(x, y)].symbol();
    let Some((x0, y0)) = (0..area.height)
        .flat_map(|y| (0..area.width).map(move |x| (x, y)))
        .find(|&(x, y)| added(x, y) && first_char(above, x, y) == '┌')
    else {
        fail("top-left corner is missing")
    };
    let x1 = (x0 + 1..area.width)
        .find(|&x| first_char(above, x, y0) == '┐')
        .unwrap_or_else(|| fail("top-right corner is missing"));
    let y1 = (y0 + 1..area.height)
        .find(|&y| first_char(above, x0, y) == '└')
        .unwrap_or_else(|| fail("bottom-left corner is missing"));
    if first_char(above, x1, y1) != '┘' {
        fail("bottom-right corner is missing");
    }
    if (y0 + 1..y1).any(|y| first_char(above, x0, y) != '│' || first_char(above, x1, y) != '│') {
        fail("sides are broken");
    }
    if (x0 + 1..x1).any(|x| first_char(above, x, y1) != '─') {
        fail("bottom edge is broken");
    }
}

/// Draws the app, then again without each overlay from the top down, checking every
/// overlay's box and, under them all, every panel's edges. Returns the full screen.
fn render_checked(app: &mut App, width: u16, height: u16, label: &str) -> Buffer {
    let full = render(app, width, height);
    let (help, confirm, form) = (app.help, app.confirm.clone(), app.form.clone());
    let mut above = full.clone();
    let mut peel = |app: &mut App, layer: &str| {
        let below = render(app, width, height);
        assert_overlay_box(&above, &below, &format!("{label}, {layer}"));
        above = below;
    };
    if app.help.take().is_some() {
        peel(app, "help");
    }
    if app.confirm.take().is_some() {
        peel(app, "question");
    }
    if app.form.take().is_some() {
        peel(app, "form");
    }
    assert_edges_whole(&above, label);
    (app.help, app.confirm, app.form) = (help, confirm, form);
    full
}

const FRAME: &[char] = &[
    '│', '┃', '║', '┌', '┐', '└', '┘', '┏', '┓', '┗', '┛', '╭', '╮', '╰', '╯', '╔', '╗', '╚', '╝', '├', '┤', '┬', '┴',
    '┼',
];

/// Where the corners and vertical edges of the panels are.
fn frame(buf: &Buffer) -> Vec<(u16, u16, String)> {
    let area = buf.area;
    let mut cells = Vec::new();
    for y in 0..area.height {
        for x in 0..area.width {
            let symbol = buf[(x, y)].symbol();
            if symbol.chars().any(|c| FRAME.contains(&c)) {
                cells.push((x, y, symbol.to_string()));
            }
        }
    }
    cells
}

fn assert_clean(buf: &Buffer, label: &str) {
    let area = buf.area;
    for y in 0..area.height {
        for x in 0..area.width {
            let symbol = buf[(x, y)].symbol();
            if let Some(c) = symbol.chars().find(|c| forbidden(*c)) {
                panic!("{label}: cell ({x},{y}) holds U+{:04X} in {symbol:?}:\n{}", c as u32, buffer_text(buf));
            }
        }
    }
}

#[test]
fn every_screen_draws_hostile_text_inert_with_borders_where_the_plain_twin_has_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut hostile = twin(&dir, true);
    let mut plain = twin(&dir, false);
    assert_eq!(hostile.roster().len(), plain.roster().len());
    press(&mut hostile, &[ch('3')]);
    press(&mut plain, &[ch('3')]);
    assert_eq!(hostile.review().len(), plain.review().len(), "the twins differ only in words");
    assert!(!hostile.review().is_empty(), "a hostile customer waits in Review");

    // Which rows of the All view hold a hostile customer (the twins sort alike).
    press(&mut hostile, &[ch('2')]);
    press(&mut plain, &[ch('2')]);
    let hostile_rows: Vec<bool> = hostile
        .view()
        .iter()
        .map(|pos| hostile.roster().get(*pos).is_some_and(|r| rapport::text::inert(&r.name) != r.name))
        .collect();
    assert_eq!(hostile_rows.iter().filter(|h| **h).count(), 4);
    press(&mut hostile, &[ch('1')]);
    press(&mut plain, &[ch('1')]);

    let mut seen = String::new();
    for Stop { label, step, check } in tour(&hostile_rows, hostile.review().len()) {
        apply(&mut hostile, &step);
        apply(&mut plain, &step);
        if !check {
            continue;
        }
        for (w, h) in [(80, 24), (120, 40)] {
            let label = format!("{label} at {w}x{h}");
            let bad = render_checked(&mut hostile, w, h, &label);
            let good = render(&mut plain, w, h);
            assert_clean(&bad, &label);
            assert_eq!(
                frame(&bad),
                frame(&good),
                "{label}: the borders moved\nhostile:\n{}\nplain:\n{}",
                buffer_text(&bad),
                buffer_text(&good)
            );
            seen.push_str(&buffer_text(&bad));
        }
    }
    // The hostile text was on screen, visibly and harmlessly.
    for shown in ["␛[2J", "␛]0;pwned␇", "\\u{9b}31m", "\\u{202e}", "張", "👩🔬", "Dr. Emoji", "already used"]
    {
        assert!(seen.contains(shown), "{shown:?} never appeared on any screen");
    }
}

#[test]
fn the_duplicate_email_error_names_the_hostile_holder_inertly() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = twin(&dir, true);
    press(&mut app, &[ch('2'), ch('n')]);
    type_text(&mut app, "Copycat");
    press(&mut app, &[key(KeyCode::Tab), key(KeyCode::Tab)]);
    type_text(&mut app, "mallory@example.com");
    press(&mut app, &[key(KeyCode::Enter)]);
    let form = app.form.as_ref().expect("the form stays open");
    let error = form.form.field("email").and_then(|f| f.error.clone()).expect("an email error");
    assert!(error.contains("already used by customer"), "{error}");
    assert!(error.contains("Mallory ␛[2J␛]0;pwned␇"), "the holder is named, inert: {error}");
    assert!(!error.chars().any(forbidden), "{error:?}");
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("already used by"), "{screen}");
    assert!(!screen.chars().filter(|c| *c != '\n').any(forbidden), "{screen:?}");
}

#[test]
fn notices_and_questions_about_hostile_customers_are_inert() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = twin(&dir, true);
    press(&mut app, &[ch('2'), ch('/')]);
    type_text(&mut app, "Mallory");
    press(&mut app, &[key(KeyCode::Enter), ch('i')]);
    press(&mut app, &[ch('m'), key(KeyCode::Enter)]);
    let notice = app.notice.clone().expect("a notice after logging").text;
    assert!(notice.contains("Mallory ␛[2J"), "{notice}");
    assert!(!notice.chars().any(forbidden), "{notice:?}");
    press(&mut app, &[ch('x')]);
    let question = app.confirm.clone().expect("archive asks first").question;
    assert!(!question.chars().any(forbidden), "{question:?}");
    press(&mut app, &[key(KeyCode::Esc), ch('r')]);
    let question = app.confirm.clone().expect("resolve asks first").question;
    assert!(question.contains("␛]0;pwned␇"), "{question}");
    assert!(!question.chars().any(forbidden), "{question:?}");
}

/// A 10,000-character name must not push the yes/no line of a question off the screen.
#[test]
fn a_question_about_a_very_long_name_still_shows_its_answers() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = twin(&dir, true);
    let long = app.roster().rows().find(|r| r.name.starts_with("張x")).map(|r| r.id).unwrap();
    app.jump_to(long).unwrap();
    assert_eq!(app.selected_row().map(|r| r.id), Some(long));
    press(&mut app, &[ch('x')]);
    assert!(app.confirm.is_some());
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = draw(&mut app, w, h);
        assert!(screen.contains("y yes") && screen.contains("n no"), "{w}x{h}:\n{screen}");
    }
}

/// Output bytes: every escape sequence is a CSI with plain parameters (never OSC, DCS or
/// a C1 control), and the text between them holds no control, bidi or zero-width
/// character. Returns the text with the sequences taken out.
fn check_raw_output(raw: &[u8]) -> String {
    let text = String::from_utf8(raw.to_vec()).expect("the output is UTF-8");
    let mut visible = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            let next = chars.next();
            assert_eq!(next, Some('['), "an escape sequence that is not CSI: ESC {next:?}");
            let mut sequence = String::from("\x1b[");
            loop {
                let p = chars.next().expect("a CSI sequence cut short");
                sequence.push(p);
                match p {
                    '0'..='9' | ';' | '?' | ':' | '<' | '=' | '>' => {}
                    'A'..='Z' | 'a'..='z' | '@' | '`' | '~' => break,
                    _ => panic!("a CSI sequence with {p:?} in it: {sequence:?}"),
                }
            }
            continue;
        }
        assert!(!matches!(c, '\x07' | '\u{80}'..='\u{9f}'), "U+{:04X} in the output", c as u32);
        assert!(!forbidden(c) || matches!(c, '\r' | '\n'), "U+{:04X} in the output text", c as u32);
        visible.push(c);
    }
    visible
}

#[test]
fn the_real_terminal_gets_no_escape_sequence_from_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hostile.db");
    hostile_portfolio(&mut open(&db), true);
    let env = pty::isolated_env(dir.path());
    let mut s = pty::PtySession::spawn(&["--db", db.to_str().unwrap()], &env, 80, 24);
    s.wait_for("Customers by type", 20);
    s.send("2");
    s.wait_for("Groups", 5);
    for _ in 0..12 {
        s.send("j");
    }
    s.send("g\t");
    for _ in 0..3 {
        s.send("j");
        s.send("\x1b[6~");
    }
    s.send("\x1b[Z");
    s.send("\x1b");
    s.send("/");
    // A bracketed paste holding escape sequences, as a terminal delivers it.
    s.send("\x1b[200~mal\x1b]0;pwned\x07\u{202e}\x1b[201~");
    s.send("\r");
    s.send("e");
    s.wait_for("Edit", 5);
    s.send("\x1b");
    s.send("3");
    s.wait_for("Review", 5);
    s.send("?");
    s.send("\x1b");
    s.send("q");
    assert!(s.wait_exit(10).expect("rapport exits after q").success());

    let raw = s.raw();
    let text = String::from_utf8_lossy(&raw).into_owned();
    assert!(!text.contains("\x1b]"), "an OSC sequence reached the terminal");
    assert!(!text.contains("\x1bP"), "a DCS sequence reached the terminal");
    assert!(!text.contains('\u{9b}') && !text.contains('\u{9d}'), "a C1 control reached the terminal");
    assert!(!text.contains('\u{202e}'), "a bidi override reached the terminal");
    let visible = check_raw_output(&raw);
    // The data was drawn, as pictures of its controls.
    for shown in ["␛[2J", "␛]0;pwned␇", "\\u{9b}31m"] {
        assert!(visible.contains(shown), "{shown:?} was never drawn");
    }
}
