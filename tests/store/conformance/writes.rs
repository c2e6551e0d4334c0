//! Writes: each is validated, refreshes the summaries it concerns, and a refused one
//! writes nothing.

use rapport::domain::dates::parse_date;
use rapport::domain::*;
use rapport::store::StoreError;

use crate::support::engines::Engine;
use crate::support::{interaction, today};

pub(super) fn add_log_and_summaries_follow(engine: &Engine) {
    let db = engine.fresh();
    let mut store = db.open();
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

pub(super) fn invalid_input_writes_nothing(engine: &Engine) {
    let db = engine.fresh();
    let mut store = db.open();
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
