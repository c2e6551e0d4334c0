//! Suggestions and the decisions on them: a changed type is proposed, and accepting,
//! rejecting, pinning and accepting all are recorded in the history.

use rapport::domain::*;
use rapport::store::{Decision, Store};

use crate::support::engines::Engine;
use crate::support::{interaction, today};

pub(super) fn a_changed_type_becomes_a_suggestion_and_decisions_are_recorded(engine: &Engine) {
    let db = engine.fresh();
    let mut store = db.open();
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

/// Four customers the engine would move to collaborative: one accepted, one pinned where
/// it is, one rejected, and the last taken by accept-all, which passes over the pinned
/// and the rejected.
pub(super) fn accept_pin_and_accept_all_move_only_what_they_should(engine: &Engine) {
    let db = engine.fresh();
    let mut store = db.open();
    let ids: Vec<i64> = ["Accepted", "Pinned", "Rejected", "Left For All"]
        .iter()
        .map(|name| {
            let id = store.add_customer(&Customer::new(*name, today())).unwrap().created_id.unwrap();
            for day in ["2026-06-01", "2026-06-02"] {
                store.log_interaction(&interaction(id, day, InteractionKind::CoCreation)).unwrap();
            }
            id
        })
        .collect();
    let waiting: Vec<i64> = store.pending_suggestions().unwrap().iter().map(|p| p.customer_id).collect();
    assert_eq!(waiting.len(), 4, "{waiting:?}");
    let type_of = |store: &Store, id: i64| store.customer(id).unwrap().unwrap().relationship;

    let accepted = store.decide(ids[0], Decision::Accept).unwrap();
    assert_eq!(accepted.customer_ids, [ids[0]]);
    assert_eq!(type_of(&store, ids[0]), RelationshipType::Collaborative);
    assert_eq!(store.suggestion_status(ids[0]).unwrap(), None, "an accepted move leaves no suggestion");
    let history = store.history(ids[0]).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        (history[0].from, history[0].to, history[0].by),
        (Some(RelationshipType::Transactional), RelationshipType::Collaborative, DecidedBy::User)
    );
    assert!(history[0].reason.starts_with("accepted: "), "{}", history[0].reason);
    let row = store.list_row(ids[0]).unwrap().unwrap();
    assert_eq!((row.relationship, row.pinned, row.suggestion), (RelationshipType::Collaborative, false, None));

    store.decide(ids[1], Decision::Pin).unwrap();
    let pinned = store.customer(ids[1]).unwrap().unwrap();
    assert_eq!((pinned.relationship, pinned.pinned), (RelationshipType::Transactional, true));
    assert!(store.history(ids[1]).unwrap()[0].reason.starts_with("pinned instead of a move to collaborative"));

    store.decide(ids[2], Decision::Reject).unwrap();
    assert_eq!(store.suggestion_status(ids[2]).unwrap(), Some(SuggestionStatus::Rejected));

    let all = store.accept_all(DecidedBy::Engine).unwrap();
    assert_eq!(all.description, "Accepted 1 suggestion");
    assert_eq!(all.customer_ids, [ids[3]]);
    assert_eq!(type_of(&store, ids[3]), RelationshipType::Collaborative);
    let history = store.history(ids[3]).unwrap();
    assert_eq!((history.len(), history[0].by), (1, DecidedBy::Engine));
    assert!(history[0].reason.starts_with("applied by reclassify --apply: "), "{}", history[0].reason);
    assert_eq!(type_of(&store, ids[1]), RelationshipType::Transactional, "accept-all passes over the pinned");
    assert_eq!(type_of(&store, ids[2]), RelationshipType::Transactional, "and over the rejected");
    assert_eq!(store.suggestion_status(ids[2]).unwrap(), Some(SuggestionStatus::Rejected));
    assert!(store.pending_suggestions().unwrap().iter().all(|p| p.pinned), "only a pinned customer may still wait");
    assert!(store.check().unwrap().is_ok());
}

/// A decision applies to the move as it was shown and accept-all to exactly the moves it
/// counted, whatever another handle did in between.
pub(super) fn decisions_apply_only_to_what_was_shown(engine: &Engine) {
    let db = engine.fresh();
    let (mut alice, mut bob) = (db.open(), db.open());
    let collaborating = |store: &mut Store, name: &str| {
        let id = store.add_customer(&Customer::new(name, today())).unwrap().created_id.unwrap();
        for day in ["2026-06-01", "2026-06-02"] {
            store.log_interaction(&interaction(id, day, InteractionKind::CoCreation)).unwrap();
        }
        id
    };
    let first = collaborating(&mut alice, "First");
    let second = collaborating(&mut alice, "Second");
    let accept_second = alice.decision_now(second, Decision::Accept).unwrap();
    let accept_all = alice.accept_all_now(DecidedBy::User).unwrap();

    // Meanwhile Bob makes Second loyal (the suggestion is now loyal → collaborative) and
    // adds a third customer with a suggestion of its own.
    bob.set_type(second, RelationshipType::Loyal).unwrap();
    bob.unpin(second).unwrap();
    let now = bob.suggestion(second).unwrap().expect("a new suggestion for Second");
    assert_eq!((now.from, now.to), (RelationshipType::Loyal, RelationshipType::Collaborative));
    let third = collaborating(&mut bob, "Third");

    let refused = alice.apply(&accept_second).unwrap_err();
    assert!(matches!(refused, rapport::store::StoreError::Conflict(_)), "{refused:?}");
    assert!(refused.to_string().contains("changed since it was shown"), "{refused}");
    assert_eq!(alice.customer(second).unwrap().unwrap().relationship, RelationshipType::Loyal);

    let accepted = alice.apply(&accept_all).unwrap();
    assert_eq!(accepted.customer_ids, [first]);
    assert_eq!(accepted.description, "Accepted 1 suggestion; 1 changed since it was counted and waits in Review");
    let waiting: Vec<i64> = alice.pending_suggestions().unwrap().iter().map(|s| s.customer_id).collect();
    assert!(waiting.contains(&second) && waiting.contains(&third), "{waiting:?}");
}
