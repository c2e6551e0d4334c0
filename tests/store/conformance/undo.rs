//! Undo: a change is taken back exactly, and refused, with nothing undone, when something
//! it wrote was changed since, by this handle or another.

use rapport::domain::*;
use rapport::store::{Decision, StoreError};

use crate::support::engines::Engine;
use crate::support::{interaction, seed_history, today};

pub(super) fn undo_restores_exactly_and_refuses_after_a_foreign_edit(engine: &Engine) {
    let db = engine.fresh();
    let mut store = db.open();
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

pub(super) fn undoing_an_added_customer_never_deletes_what_another_handle_added_since(engine: &Engine) {
    let db = engine.fresh();
    let mut mine = db.open();
    let mut theirs = db.open();

    let added = mine.add_customer(&Customer::new("Shared Customer", today())).unwrap();
    let id = added.created_id.unwrap();
    let call = Interaction {
        id: 0,
        customer_id: id,
        date: today(),
        kind: InteractionKind::Call,
        summary: "their call".into(),
        amount: None,
        sentiment: None,
    };
    theirs.log_interaction(&call).unwrap();
    let mut referred = Customer::new("Referred Later", today());
    referred.referred_by = Some(id);
    let referred = theirs.add_customer(&referred).unwrap().created_id.unwrap();

    let err = mine.undo(&added).unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert!(mine.customer(id).unwrap().is_some());
    assert_eq!(mine.timeline_len(id).unwrap(), 1, "the other handle's call is still there");
    assert_eq!(mine.customer(referred).unwrap().unwrap().referred_by, Some(id));
}

pub(super) fn undoing_an_added_customer_with_nothing_since_removes_it(engine: &Engine) {
    let db = engine.fresh();
    let mut store = db.open();
    let mut pinned = Customer::new("Pinned At Birth", today());
    pinned.relationship = rapport::domain::RelationshipType::Loyal;
    pinned.pinned = true;
    let added = store.add_customer(&pinned).unwrap();
    let id = added.created_id.unwrap();
    assert_eq!(store.history(id).unwrap().len(), 1, "a pinned type is recorded");
    store.undo(&added).unwrap();
    assert!(store.customer(id).unwrap().is_none());
    assert_eq!(store.customer_count().unwrap(), 0);
}

/// The case the recomputation property (tests/store/properties.rs) first found: a change whose refresh drops a rejection
/// must put it back when undone, or the rejection's own undo is refused.
pub(super) fn undo_puts_back_a_rejection_that_a_later_change_dropped(engine: &Engine) {
    let db = engine.fresh();
    let mut store = db.open();
    store.ensure_current().unwrap();
    let seeded = seed_history(&mut store);
    let id = seeded.customers[0];
    assert_eq!(store.pending_suggestions().unwrap()[0].to, RelationshipType::Collaborative);

    let reject = store.decide(id, Decision::Reject).unwrap();
    assert_eq!(store.suggestion_status(id).unwrap(), Some(SuggestionStatus::Rejected));
    let set_type = store.set_type(id, RelationshipType::LongTerm).unwrap();
    assert_eq!(store.suggestion_status(id).unwrap(), Some(SuggestionStatus::Pending), "a new move is asked again");

    store.undo(&set_type).unwrap();
    assert_eq!(store.suggestion_status(id).unwrap(), Some(SuggestionStatus::Rejected));
    store.undo(&reject).unwrap();
    assert_eq!(store.suggestion_status(id).unwrap(), Some(SuggestionStatus::Pending));
}
