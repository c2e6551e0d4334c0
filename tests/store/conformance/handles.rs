//! A database across handles and days: what a handle opens with (today, the rules)
//! decides its summaries, and several handles on one database see each other's writes.

use std::fs;
use std::path::Path;

use rapport::domain::dates::parse_date;
use rapport::domain::{Customer, InteractionKind};
use rapport::store::{Session, Store, Write};

use crate::support::engines::Engine;
use crate::support::{add, date, interaction, portfolio, today};

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
    assert!(!store.ensure_current().unwrap(), "every write computed for today: nothing to recompute");
    assert!(store.summaries_current().unwrap());
    assert_eq!(due_on(&store), parse_date("2026-06-29").unwrap(), "created today + 14 days");
    drop(store);

    let next_day = Session::on(parse_date("2026-06-16").unwrap());
    let mut store = db.open_with(next_day.clone()).unwrap();
    assert!(!store.summaries_current().unwrap(), "the summaries are yesterday's");
    assert!(store.ensure_current().unwrap(), "the next day rewrites them");
    assert!(store.summaries_current().unwrap());

    // Another person imports rules with a 7-day cadence for supportive customers: this
    // handle reads the new cadence at once, before any refresh, and a refresh stores it.
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules/valid_cadence_changed.toml"))
        .unwrap();
    let mut theirs = db.open_with(next_day).unwrap();
    theirs.apply(&Write::SetSetting { key: "rules".into(), value: text }).unwrap();
    assert!(store.catch_up().unwrap(), "the rules moved");
    assert_eq!(due_on(&store), parse_date("2026-06-22").unwrap(), "the new 7-day cadence, read as refreshed");
    assert!(!store.summaries_current().unwrap(), "not yet stored");
    assert!(store.ensure_current().unwrap(), "other rules, same day");
    assert_eq!(due_on(&theirs), parse_date("2026-06-22").unwrap());
}

/// A watch on one handle reports what another handle wrote since: nothing when nothing
/// was written, else exactly the rows written (archived ones included), as this handle
/// now reads them, and how many customers the lists hold; then it has moved on.
pub(super) fn a_watch_reports_what_another_handle_wrote(engine: &Engine) {
    let db = engine.fresh();
    let mut theirs = db.open();
    let ids = portfolio(&mut theirs);
    let mine = db.open();
    let mut watch = mine.watch().unwrap();
    assert_eq!(mine.changes_since(&mut watch).unwrap(), None, "nothing was written since the watch");
    let rev = mine.rev().unwrap();

    let added = theirs.apply(&Write::AddCustomer(Customer::new("Someone New", today()))).unwrap();
    let new = added.created_id.unwrap();
    theirs.apply(&Write::LogInteraction(interaction(ids[1], "2026-06-14", InteractionKind::Purchase))).unwrap();
    theirs.apply(&Write::Archive { customer_id: ids[3] }).unwrap();
    assert_eq!(mine.customer(new).unwrap().map(|c| c.name), Some("Someone New".into()), "read at once");
    assert!(mine.rev().unwrap() > rev, "the revision this handle reads moved on");

    let changes = mine.changes_since(&mut watch).unwrap().expect("another handle wrote");
    let mut changed: Vec<i64> = changes.rows.iter().map(|r| r.id).collect();
    changed.sort_unstable();
    let mut expected = vec![new, ids[1], ids[3]];
    expected.sort_unstable();
    assert_eq!(changed, expected);
    for row in &changes.rows {
        assert_eq!(Some(row), mine.list_row(row.id).unwrap().as_ref(), "row of {}", row.id);
    }
    assert!(changes.rows.iter().any(|r| r.id == ids[3] && r.archived), "the archived customer is reported");
    let grace = changes.rows.iter().find(|r| r.id == ids[1]).unwrap();
    assert_eq!(grace.summary.last_interaction, Some(date("2026-06-14")));
    assert_eq!(changes.active_customers, mine.list_rows().unwrap().len());
    assert_eq!(changes.active_customers, 8, "one came, one went");
    assert_eq!(mine.changes_since(&mut watch).unwrap(), None, "the watch moved on");

    theirs.apply(&Write::Undo { activity: added.activity_id }).unwrap();
    let changes = mine.changes_since(&mut watch).unwrap().expect("the undo is a write too");
    assert_eq!(changes.active_customers, 7);
    assert!(mine.customer(new).unwrap().is_none());
}
