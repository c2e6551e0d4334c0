//! Undo: a change is taken back exactly, and refused, with nothing undone, when something
//! it wrote was changed since, by this handle or another.

use rapport::domain::*;
use rapport::store::StoreError;

use crate::support::engines::Engine;
use crate::support::{interaction, today};

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
