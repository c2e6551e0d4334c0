//! A database across handles and days: what a handle opens with (today, the rules)
//! decides its summaries, and several handles on one database see each other's writes.

use std::fs;
use std::path::Path;

use rapport::domain::dates::parse_date;
use rapport::store::{Context, Store};

use crate::support::add;
use crate::support::engines::Engine;

pub(super) fn summaries_are_recomputed_when_the_day_or_the_rules_change(engine: &Engine) {
    let db = engine.fresh();
    let id = {
        let mut store = db.open();
        let id = add(&mut store, "Weekly Caller");
        store.set_type(id, rapport::domain::RelationshipType::Supportive).unwrap();
        id
    };
    let due_on = |store: &Store| store.roster_row(id).unwrap().unwrap().list.summary.follow_up_on;

    let mut store = db.open();
    assert!(store.ensure_current().unwrap(), "the first run records the day and the rules");
    assert!(!db.open().ensure_current().unwrap(), "same day, same rules");
    assert_eq!(due_on(&store), parse_date("2026-06-29").unwrap(), "created today + 14 days");
    drop(store);

    let next_day = Context::with_default_rules(parse_date("2026-06-16").unwrap());
    let mut store = db.open_with(next_day).unwrap();
    assert!(store.ensure_current().unwrap());
    assert_eq!(store.summary_date().unwrap(), Some(parse_date("2026-06-16").unwrap()));
    drop(store);

    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules/valid_cadence_changed.toml"))
        .unwrap();
    let rules = rapport::domain::Rules::parse(&text).unwrap();
    let mut store = db.open_with(Context::new(parse_date("2026-06-16").unwrap(), rules, &text)).unwrap();
    assert!(store.ensure_current().unwrap(), "other rules, same day");
    assert_eq!(due_on(&store), parse_date("2026-06-22").unwrap(), "the new 7-day cadence");
}
