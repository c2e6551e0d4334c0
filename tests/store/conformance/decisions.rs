//! Suggestions and the decisions on them: a changed type is proposed, and accepting,
//! rejecting, pinning and accepting all are recorded in the history.

use rapport::domain::*;
use rapport::store::Decision;

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
