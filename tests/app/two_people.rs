//! Two people on one database, each with a dashboard on their own connection (and a
//! real second process where one writes from the command line): a save writes only the
//! fields its person changed, a field changed by the other since the form opened is shown
//! as a conflict and never overwritten silently, and a write to other fields survives.

use crate::support::*;
use crossterm::event::KeyCode;
use rapport::app::App;
use rapport::config::Config;

/// The fields of the customer form, in order: where Tab takes the focus.
const EMAIL: usize = 2;
const NOTES: usize = 8;

fn dashboard(path: &std::path::Path, user: &str) -> App {
    App::new(open_as(path, user), Config::default()).unwrap()
}

/// Opens the edit form on `name`.
fn edit(app: &mut App, name: &str) {
    select_name(app, name);
    press(app, &[ch('e')]);
    assert!(app.form.is_some(), "the edit form opens");
}

/// Moves to field `index` of the open form and replaces its text.
fn retype(app: &mut App, index: usize, text: &str) {
    for _ in 0..index {
        press(app, &[key(KeyCode::Tab)]);
    }
    press(app, &[ctrl('u')]);
    type_text(app, text);
}

fn save(app: &mut App) {
    press(app, &[key(KeyCode::Enter)]);
}

/// Two dashboards on one portfolio, both with the edit form open on Ada Lovelace.
struct Pair {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    ada: i64,
    alice: App,
    bob: App,
}

fn both_editing_ada() -> Pair {
    let _dir = tempfile::tempdir().unwrap();
    let path = _dir.path().join("t.db");
    let ada = portfolio(&mut open(&path))[0];
    let (mut alice, mut bob) = (dashboard(&path, "alice"), dashboard(&path, "bob"));
    edit(&mut alice, "Ada Lovelace");
    edit(&mut bob, "Ada Lovelace");
    Pair { _dir, path, ada, alice, bob }
}

fn stored(path: &std::path::Path, id: i64) -> rapport::domain::Customer {
    open(path).customer(id).unwrap().unwrap()
}

#[test]
fn two_people_editing_different_fields_of_one_customer_both_keep_their_edit() {
    let Pair { _dir, path, ada, mut alice, mut bob } = both_editing_ada();

    retype(&mut alice, NOTES, "Call back in May.");
    save(&mut alice);
    assert!(alice.form.is_none(), "{:?}", alice.form.as_ref().map(|f| &f.form.message));
    // Bob's form still shows the notes as they were; he changes only the email.
    retype(&mut bob, EMAIL, "ada@new.example");
    save(&mut bob);
    assert!(bob.form.is_none(), "{:?}", bob.form.as_ref().map(|f| &f.form.message));

    let ada = stored(&path, ada);
    assert_eq!(ada.notes, "Call back in May.", "Alice's note survives Bob's save");
    assert_eq!(ada.email.as_deref(), Some("ada@new.example"), "Bob's email is saved");
    assert!(open(&path).check().unwrap().is_ok());
}

#[test]
fn a_follow_up_settled_by_a_call_from_another_process_stays_settled_after_a_notes_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let grace = {
        let mut store = open(&path);
        let grace = portfolio(&mut store)[1];
        store.apply(&rapport::store::Write::SetFollowUp { customer_id: grace, date: Some(today()) }).unwrap();
        grace
    };
    let mut alice = dashboard(&path, "alice");
    edit(&mut alice, "Grace Hopper");

    // A colleague logs a call from the command line, in another time zone: it settles the
    // follow-up that was due today.
    let out = sandboxed(dir.path())
        .env("TZ", "Asia/Tokyo")
        .args(["--db", path.to_str().unwrap(), "log", "--kind", "call", "--summary", "Checked in", "Grace Hopper"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(stored(&path, grace).next_follow_up, None);

    retype(&mut alice, NOTES, "Prefers email.");
    save(&mut alice);
    assert!(alice.form.is_none());
    let grace = stored(&path, grace);
    assert_eq!(grace.notes, "Prefers email.");
    assert_eq!(grace.next_follow_up, None, "the settled follow-up does not come back");
}

#[test]
fn the_same_field_changed_by_both_is_shown_and_the_second_person_chooses() {
    let Pair { _dir, path, ada, mut alice, mut bob } = both_editing_ada();
    retype(&mut alice, EMAIL, "ada@alice.example");
    save(&mut alice);
    assert!(alice.form.is_none());

    retype(&mut bob, EMAIL, "ada@bob.example");
    retype(&mut bob, NOTES - EMAIL, "Bob's note.");
    save(&mut bob);
    // Nothing of Bob's is written, and his form says what changed and keeps his values.
    let open_form = bob.form.as_ref().expect("the form stays open on a conflict");
    let email = open_form.form.field("email").unwrap();
    let error = email.error.as_deref().unwrap_or_default();
    assert!(error.starts_with("changed by alice at ") && error.contains(" UTC to 'ada@alice.example'"), "{error}");
    assert_eq!(email.value(), "ada@bob.example");
    assert!(open_form.form.field("notes").unwrap().error.is_none(), "the notes were not changed elsewhere");
    assert_eq!(stored(&path, ada).email.as_deref(), Some("ada@alice.example"));
    assert_eq!(stored(&path, ada).notes, "");
    let screen = draw(&mut bob, 80, 24);
    assert!(screen.contains("changed by alice at"), "{screen}");
    assert!(screen.contains("Ctrl-T theirs/yours"), "{screen}");

    // Ctrl-T swaps Alice's value in and back out.
    assert_eq!(bob.form.as_ref().unwrap().form.focus, EMAIL, "the focus is on the conflict");
    press(&mut bob, &[ctrl('t')]);
    assert_eq!(bob.form.as_ref().unwrap().form.value("email"), "ada@alice.example");
    press(&mut bob, &[ctrl('t')]);
    assert_eq!(bob.form.as_ref().unwrap().form.value("email"), "ada@bob.example");

    // Saving again, having seen Alice's value, keeps Bob's: a choice, not an accident.
    save(&mut bob);
    assert!(bob.form.is_none(), "{:?}", bob.form.as_ref().map(|f| &f.form.message));
    let ada = stored(&path, ada);
    assert_eq!(ada.email.as_deref(), Some("ada@bob.example"));
    assert_eq!(ada.notes, "Bob's note.");
}

#[test]
fn keeping_theirs_for_a_conflict_saves_the_rest() {
    let Pair { _dir, path, ada, mut alice, mut bob } = both_editing_ada();
    retype(&mut alice, EMAIL, "ada@alice.example");
    save(&mut alice);
    retype(&mut bob, EMAIL, "ada@bob.example");
    retype(&mut bob, NOTES - EMAIL, "Bob's note.");
    save(&mut bob);
    assert!(bob.form.is_some());
    press(&mut bob, &[ctrl('t')]);
    save(&mut bob);
    assert!(bob.form.is_none());
    let ada = stored(&path, ada);
    assert_eq!(ada.email.as_deref(), Some("ada@alice.example"), "Alice's email, which Bob chose to keep");
    assert_eq!(ada.notes, "Bob's note.");
}

#[test]
fn a_save_with_nothing_changed_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    portfolio(&mut open(&path));
    let mut alice = dashboard(&path, "alice");
    let before = open(&path).revision().unwrap();
    edit(&mut alice, "Ada Lovelace");
    save(&mut alice);
    assert!(alice.form.is_none());
    assert_eq!(alice.notice.as_ref().map(|n| n.text.as_str()), Some("Nothing changed: there was nothing to save."));
    assert_eq!(open(&path).revision().unwrap(), before);
}

/// A customer of `store` with two co-creations: a move to collaborative waits.
fn collaborating(store: &mut rapport::store::Store, name: &str) -> i64 {
    let id = add(store, name);
    for day in ["2026-06-01", "2026-06-02"] {
        store.log_interaction(&interaction(id, day, rapport::domain::InteractionKind::CoCreation)).unwrap();
    }
    id
}

#[test]
fn accept_all_takes_exactly_the_suggestions_it_counted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    portfolio(&mut open(&path));
    let mut alice = dashboard(&path, "alice");
    press(&mut alice, &[ch('3'), ch('A')]);
    let question = alice.confirm.as_ref().expect("accept all asks first").question.clone();
    let counted = alice.review().iter().filter(|s| !s.pinned).count();
    assert!(question.contains(&format!("{counted} suggestions")), "{question}");

    // While the question is open, a colleague's writes make another suggestion wait.
    let late = collaborating(&mut open(&path), "Late Arrival");
    press(&mut alice, &[ch('y')]);
    let notice = alice.notice.as_ref().unwrap().text.clone();
    assert!(notice.starts_with(&format!("Accepted {counted} suggestions")), "{notice}");
    let waiting: Vec<i64> = open(&path).pending_suggestions().unwrap().iter().map(|s| s.customer_id).collect();
    assert!(waiting.contains(&late), "the suggestion that came after the question still waits");
}

#[test]
fn an_accept_of_a_suggestion_changed_elsewhere_is_refused_and_the_new_one_shown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let id = collaborating(&mut open(&path), "Moving Target");
    let mut alice = dashboard(&path, "alice");
    press(&mut alice, &[ch('3')]);
    let shown = alice.review().iter().find(|s| s.customer_id == id).expect("shown in Review").clone();
    assert_eq!(shown.from, rapport::domain::RelationshipType::Transactional);

    // A colleague sets another type, then lets rapport move it again: another move waits.
    let mut bob = open(&path);
    bob.set_type(id, rapport::domain::RelationshipType::Loyal).unwrap();
    bob.unpin(id).unwrap();

    let index = alice.review().iter().position(|s| s.customer_id == id).unwrap();
    press(&mut alice, &[ch('g')]);
    for _ in 0..index {
        press(&mut alice, &[ch('j')]);
    }
    press(&mut alice, &[ch('a')]);
    let notice = alice.notice.as_ref().unwrap().text.clone();
    assert!(notice.contains("changed since it was shown"), "{notice}");
    assert_eq!(open(&path).customer(id).unwrap().unwrap().relationship, rapport::domain::RelationshipType::Loyal);
    let now = alice.review().iter().find(|s| s.customer_id == id).expect("still waiting").clone();
    assert_eq!(now.from, rapport::domain::RelationshipType::Loyal, "the list shows the new suggestion");
}
