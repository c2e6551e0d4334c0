//! Several people through the store's interface: every write records who made it, an
//! entry of the activity record can be undone from any handle (a customer field by
//! field), the rule set and settings are the database's, and a change to them is read
//! at once and stored by a refresh in short batches, while reads never write.

use std::time::Duration;

use rapport::demo::{DemoOptions, generate};
use rapport::domain::{Customer, RelationshipType};
use rapport::store::{ActivityFilter, StoreError, Write};

use crate::support::engines::Engine;
use crate::support::portfolio;

/// Saves, as `store`'s person, the customer `id` changed by `change` from what it is now.
fn edit(store: &mut rapport::store::Store, id: i64, change: impl FnOnce(&mut Customer)) -> rapport::store::Change {
    let seen = store.customer(id).unwrap().unwrap();
    let mut edited = seen.clone();
    change(&mut edited);
    store.apply(&Write::edit_customer(&seen, &edited)).unwrap()
}

pub(super) fn an_undo_from_anyone_puts_back_only_the_fields_its_change_wrote(engine: &Engine) {
    let db = engine.fresh();
    let (mut alice, mut bob) = (db.open_as("alice"), db.open_as("bob"));
    let ada = portfolio(&mut alice)[0];

    let email = edit(&mut alice, ada, |c| c.email = Some("ada@new.example".into()));
    edit(&mut bob, ada, |c| c.notes = "Bob's note".into());

    // Bob undoes Alice's email: it goes back, and his own note stays.
    let undone = bob.apply(&Write::Undo { activity: email.activity_id }).unwrap();
    assert!(undone.description.starts_with(&format!("Undid change {}: Saved Ada Lovelace", email.activity_id)));
    let now = alice.customer(ada).unwrap().unwrap();
    assert_eq!((now.email.as_deref(), now.notes.as_str()), (Some("ada@example.com"), "Bob's note"));

    // Alice sets the email again and Bob changes it after her: hers cannot be undone now.
    let hers = edit(&mut alice, ada, |c| c.email = Some("ada@alice.example".into()));
    edit(&mut bob, ada, |c| c.email = Some("ada@bob.example".into()));
    let rev = alice.revision().unwrap();
    match alice.apply(&Write::Undo { activity: hers.activity_id }) {
        Err(StoreError::Conflict(why)) => {
            assert!(why.starts_with("cannot undo: the email of Ada Lovelace was changed since (by bob at "), "{why}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(alice.revision().unwrap(), rev, "a refused undo writes nothing");
    assert_eq!(alice.customer(ada).unwrap().unwrap().email.as_deref(), Some("ada@bob.example"));
}

pub(super) fn every_write_is_recorded_with_who_and_history_names_the_person(engine: &Engine) {
    let db = engine.fresh();
    let (mut alice, mut bob) = (db.open_as("alice"), db.open_as("bob"));
    let ids = portfolio(&mut alice);
    bob.set_type(ids[1], RelationshipType::Communal).unwrap();

    let by_bob = alice.activity(&ActivityFilter { who: Some("bob".into()), ..ActivityFilter::default() }).unwrap();
    assert_eq!(by_bob.len(), 1);
    assert_eq!(by_bob[0].customer_id, Some(ids[1]));
    assert!(by_bob[0].description.contains("is now Communal (pinned)"), "{}", by_bob[0].description);
    let fields = by_bob[0].field_changes();
    assert!(fields.iter().any(|f| f.field == "relationship" && f.after == "communal"), "{fields:?}");
    assert!(fields.iter().any(|f| f.field == "pinned" && f.after == "true"), "{fields:?}");

    let about = alice.activity(&ActivityFilter { customer_id: Some(ids[1]), ..ActivityFilter::default() }).unwrap();
    assert!(about.len() >= 2, "added by alice, set by bob");
    assert!(about.iter().all(|e| e.customer_id == Some(ids[1])));
    assert_eq!(about[0].id, by_bob[0].id, "newest first");
    assert!(about.iter().any(|e| e.who == "alice"));
    let limited = alice.activity(&ActivityFilter { limit: 2, ..ActivityFilter::default() }).unwrap();
    assert_eq!(limited.len(), 2);
    assert_eq!(alice.activity_entry(by_bob[0].id).unwrap().as_ref(), Some(&by_bob[0]));

    let history = alice.history(ids[1]).unwrap();
    assert_eq!(history[0].who, "bob");
}

pub(super) fn a_rules_change_is_read_at_once_and_stored_in_batches_while_reads_write_nothing(engine: &Engine) {
    let db = engine.fresh();
    let mut alice = db.open_as("alice");
    let options = DemoOptions { customers: 400, seed: 11, replace: false };
    generate(&mut alice, &options, |_, _| {}).unwrap();
    assert!(alice.summaries_current().unwrap());
    let mut bob = db.open_as("bob");

    // Bob sets a weekly cadence for loyal customers, for everyone.
    let text = alice.setting("rules").unwrap().unwrap().replace("loyal = 45", "loyal = 7");
    bob.apply(&Write::SetSetting { key: "rules".into(), value: text }).unwrap();
    assert!(alice.catch_up().unwrap(), "Alice's handle sees the new rules");
    assert_eq!(alice.rules().cadence(RelationshipType::Loyal), 7);
    assert!(!alice.summaries_current().unwrap());

    // Reads answer for the new rules at once and write nothing.
    let rev = alice.revision().unwrap();
    let (rows, pending, roster) =
        (alice.list_rows().unwrap(), alice.pending_suggestions().unwrap(), alice.roster().unwrap());
    assert_eq!(alice.revision().unwrap(), rev, "reads write nothing");

    // The refresh goes a batch at a time; between batches the reads are still right.
    let first = alice.refresh_step(Duration::ZERO).unwrap();
    assert!(!first.done && first.refreshed > 0 && first.refreshed < 400, "{first:?}");
    assert_eq!(bob.list_rows().unwrap(), rows, "half refreshed, read by another handle");
    assert_eq!(bob.pending_suggestions().unwrap(), pending);
    let report = alice.finish_refresh().unwrap();
    assert!(report.batches >= 1 && report.longest_hold < Duration::from_millis(100), "{report:?}");
    assert!(alice.summaries_current().unwrap() && bob.summaries_current().unwrap());
    assert_eq!(alice.list_rows().unwrap(), rows);
    assert_eq!(alice.pending_suggestions().unwrap(), pending);
    assert_eq!(alice.roster().unwrap(), roster);
    assert!(alice.check().unwrap().is_ok());

    // A time zone that is not one is refused; one that is, is set.
    assert!(matches!(
        bob.apply(&Write::SetSetting { key: "timezone".into(), value: "Mars/Olympus".into() }),
        Err(StoreError::Invalid(_))
    ));
    bob.apply(&Write::SetSetting { key: "timezone".into(), value: "Asia/Tokyo".into() }).unwrap();
    alice.catch_up().unwrap();
    assert_eq!(alice.context().timezone, "Asia/Tokyo");
}
