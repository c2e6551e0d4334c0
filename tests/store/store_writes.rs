//! Storage: every write is validated, refreshes summaries and suggestions, and undoes
//! exactly.

use rapport::domain::dates::parse_date;
use rapport::domain::*;
use rapport::store::{Context, Decision, Store, StoreError};

use crate::support::today;

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("t.db"), Context::with_default_rules(today())).unwrap()
}

fn interaction(customer_id: i64, date: &str, kind: InteractionKind) -> Interaction {
    Interaction {
        id: 0,
        customer_id,
        date: parse_date(date).unwrap(),
        kind,
        summary: String::new(),
        amount: Some(1000),
        sentiment: None,
    }
}

#[test]
fn add_log_and_summaries_follow() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let change = store.add_customer(&Customer::new("Ada Lovelace", today())).unwrap();
    let id = change.created_id.unwrap();
    let row = store.roster_row(id).unwrap().unwrap();
    assert_eq!(row.list.relationship, RelationshipType::Transactional);
    assert_eq!(row.list.stage, Stage::Prospect);
    assert_eq!(row.list.summary.interactions_total, 0);

    store.log_interaction(&interaction(id, "2026-06-01", InteractionKind::Purchase)).unwrap();
    store.log_interaction(&interaction(id, "2026-06-10", InteractionKind::Purchase)).unwrap();
    let row = store.roster_row(id).unwrap().unwrap();
    assert_eq!(row.list.stage, Stage::Repeat);
    assert_eq!(row.list.summary.interactions_total, 2);
    assert_eq!(row.list.summary.last_interaction, Some(parse_date("2026-06-10").unwrap()));
}

#[test]
fn a_changed_type_becomes_a_suggestion_and_decisions_are_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let id = store.add_customer(&Customer::new("Bea", today())).unwrap().created_id.unwrap();
    let first = store.log_interaction(&interaction(id, "2026-06-01", InteractionKind::CoCreation)).unwrap();
    assert!(first.new_suggestions.is_empty());
    let second = store.log_interaction(&interaction(id, "2026-06-02", InteractionKind::CoCreation)).unwrap();
    assert_eq!(second.new_suggestions.len(), 1);
    assert_eq!(second.new_suggestions[0].to, RelationshipType::Collaborative);
    let pending = store.pending_suggestions().unwrap();
    assert_eq!(pending.len(), 1);
    assert!(pending[0].reasons.contains("2 ideas or co-creations"), "{}", pending[0].reasons);

    // Reject: stays rejected while the evidence points the same way.
    store.decide(id, Decision::Reject).unwrap();
    assert!(store.pending_suggestions().unwrap().is_empty());
    store.log_interaction(&interaction(id, "2026-06-03", InteractionKind::CoCreation)).unwrap();
    assert!(store.pending_suggestions().unwrap().is_empty());
    assert_eq!(store.suggestion_status(id).unwrap(), Some(SuggestionStatus::Rejected));

    let accept_all = store.accept_all(DecidedBy::User).unwrap();
    assert_eq!(accept_all.description, "Accepted 0 suggestions");
    let history = store.history(id).unwrap();
    assert_eq!(history.len(), 1);
    assert!(history[0].reason.starts_with("rejected a move to collaborative"));
}

#[test]
fn undo_restores_exactly_and_refuses_after_a_foreign_edit() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let id = store.add_customer(&Customer::new("Cy", today())).unwrap().created_id.unwrap();
    let before = store.roster_row(id).unwrap().unwrap();
    let logged = store.log_interaction(&interaction(id, "2026-06-01", InteractionKind::Call)).unwrap();
    store.undo(&logged).unwrap();
    assert_eq!(store.roster_row(id).unwrap().unwrap().list.summary, before.list.summary);

    let archived = store.archive(id).unwrap();
    assert!(store.roster().unwrap().is_empty());
    store.undo(&archived).unwrap();
    assert_eq!(store.roster().unwrap().len(), 1);

    let mut edited = store.customer(id).unwrap().unwrap();
    edited.company = "Acme".into();
    let edit = store.update_customer(&edited).unwrap();
    edited.company = "Other".into();
    store.update_customer(&edited).unwrap();
    let err = store.undo(&edit).unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert_eq!(store.customer(id).unwrap().unwrap().company, "Other");
}

#[test]
fn invalid_input_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let mut c = Customer::new("Dee", today());
    c.email = Some("dee@example.com".into());
    let id = store.add_customer(&c).unwrap().created_id.unwrap();
    let rev = store.rev().unwrap();
    let mut dup = Customer::new("Dee two", today());
    dup.email = Some("DEE@example.com".into());
    let err = store.add_customer(&dup).unwrap_err();
    assert!(err.to_string().contains("already used"), "{err}");
    let mut bad = interaction(id, "2026-06-01", InteractionKind::Call);
    bad.sentiment = Some(3);
    assert!(matches!(store.log_interaction(&bad), Err(StoreError::Invalid(_))));
    assert_eq!(store.rev().unwrap(), rev);
    assert_eq!(store.customer_count().unwrap(), 1);
}

#[test]
fn find_customer_by_id_email_name_and_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let mut a = Customer::new("Ann Able", today());
    a.email = Some("ann@example.com".into());
    let ann = store.add_customer(&a).unwrap().created_id.unwrap();
    store.add_customer(&Customer::new("Anna Baker", today())).unwrap();
    assert_eq!(store.find_customer(&ann.to_string()).unwrap().id, ann);
    assert_eq!(store.find_customer("ANN@example.com").unwrap().id, ann);
    assert_eq!(store.find_customer("ann able").unwrap().id, ann);
    assert_eq!(store.find_customer("Anna").unwrap().name, "Anna Baker");
    let err = store.find_customer("An").unwrap_err().to_string();
    assert!(err.contains("more than one") && err.contains("Ann Able") && err.contains("Anna Baker"), "{err}");
    let err = store.find_customer("Zed").unwrap_err().to_string();
    assert!(err.contains("no customer matches 'Zed'"), "{err}");
}
