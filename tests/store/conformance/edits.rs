//! Saves of the customer form from two handles: only the changed fields are written, a
//! field changed by the other handle since is refused as a conflict with nothing
//! written, and a change to other fields survives.

use rapport::store::{StoreError, Write};

use crate::support::engines::Engine;
use crate::support::portfolio;

pub(super) fn a_save_writes_only_its_fields_and_refuses_one_changed_since(engine: &Engine) {
    let db = engine.fresh();
    let (mut alice, mut bob) = (db.open(), db.open());
    let id = portfolio(&mut alice)[0];
    let seen = bob.customer(id).unwrap().unwrap();

    // Alice saves a note and an owner; Bob, who saw the record before, saves an email.
    let mut hers = seen.clone();
    hers.notes = "Alice's note".into();
    hers.owner = "Alice".into();
    alice.apply(&Write::edit_customer(&seen, &hers)).unwrap();
    let mut his = seen.clone();
    his.email = Some("ada@bob.example".into());
    let change = bob.apply(&Write::edit_customer(&seen, &his)).unwrap();
    assert_eq!(change.customer_ids.first(), Some(&id));
    let now = bob.customer(id).unwrap().unwrap();
    assert_eq!((now.notes.as_str(), now.owner.as_str()), ("Alice's note", "Alice"));
    assert_eq!(now.email.as_deref(), Some("ada@bob.example"));

    // Bob, still on what he saw, changes the owner Alice changed: refused, nothing written.
    let rev = bob.revision().unwrap();
    let mut late = seen.clone();
    late.owner = "Bob".into();
    late.phone = "+1 555 0100".into();
    let refused = bob.apply(&Write::edit_customer(&seen, &late)).unwrap_err();
    let StoreError::EditConflict(conflicts) = &refused else { panic!("{refused:?}") };
    assert_eq!(conflicts.len(), 1);
    assert_eq!(
        (conflicts[0].key, conflicts[0].theirs.as_str(), conflicts[0].yours.as_str()),
        ("owner", "Alice", "Bob")
    );
    assert!(refused.is_user_error());
    assert_eq!(bob.revision().unwrap(), rev, "a refused save writes nothing");
    assert_eq!(bob.customer(id).unwrap().unwrap(), now);

    // Saved against what is stored now, the same edit goes through.
    let mut chosen = now.clone();
    chosen.owner = "Bob".into();
    bob.apply(&Write::edit_customer(&now, &chosen)).unwrap();
    assert_eq!(alice.customer(id).unwrap().unwrap().owner, "Bob");
    // Both writing the same value is no conflict.
    let mut same = seen.clone();
    same.owner = "Bob".into();
    bob.apply(&Write::edit_customer(&seen, &same)).unwrap();
    assert!(alice.check().unwrap().is_ok());
}
