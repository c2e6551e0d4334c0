//! Undo: a change is taken back exactly, and refused, with nothing undone, when something
//! it wrote was changed since, by this handle or another.

use rapport::domain::model::{ListRow, PendingSuggestion, StoredSuggestion, TimelineEntry};
use rapport::domain::*;
use rapport::store::{Decision, Store, StoreError, Write};

use crate::support::engines::Engine;
use crate::support::{date, interaction, portfolio, seed_history, today};

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

/// What the interface shows of a database: the list rows, and for every customer id in
/// `ids` (archived, or not there at all, included) the record, its list row, timeline,
/// contracts, history and suggestion; the pending suggestions; the customer count.
#[derive(Debug, PartialEq)]
struct Seen {
    rows: Vec<ListRow>,
    customers: Vec<(i64, CustomerSeen)>,
    pending: Vec<PendingSuggestion>,
    count: i64,
}

type CustomerSeen =
    (Option<Customer>, Option<ListRow>, Vec<TimelineEntry>, Vec<Contract>, Vec<HistoryEntry>, Option<StoredSuggestion>);

fn seen(store: &Store, ids: std::ops::RangeInclusive<i64>) -> Seen {
    let customers = ids
        .map(|id| {
            let record = (
                store.customer(id).unwrap(),
                store.list_row(id).unwrap(),
                store.timeline(id, 1_000, 0).unwrap(),
                store.contracts(id).unwrap(),
                store.history(id).unwrap(),
                store.suggestion(id).unwrap(),
            );
            (id, record)
        })
        .collect();
    Seen {
        rows: store.list_rows().unwrap(),
        customers,
        pending: store.pending_suggestions().unwrap(),
        count: store.customer_count().unwrap(),
    }
}

/// Each kind of write, from the same starting point, then its undo through the one
/// write path: everything the interface shows is as it was before, and the derived data
/// still agree with the records.
pub(super) fn undoing_any_write_gives_back_exactly_what_was_there(engine: &Engine) {
    let db = engine.fresh();
    let mut store = db.open();
    let ids = portfolio(&mut store);
    // Room for the customer one write adds.
    let every_id = 1..=ids.iter().max().unwrap() + 3;

    let mut referred = Customer::new("Referred By Ada", today());
    referred.referred_by = Some(ids[0]);
    referred.email = Some("referred@example.com".into());
    let mut grace = store.customer(ids[1]).unwrap().unwrap();
    grace.company = "Compilers Unlimited".into();
    grace.email = Some("hopper@example.com".into());
    grace.referred_by = Some(ids[0]);
    grace.next_follow_up = Some(date("2026-06-20"));
    let zoe_complaint = store.open_complaints(ids[2]).unwrap()[0].id;
    let suggested = store.pending_suggestions().unwrap().first().expect("the portfolio has suggestions").customer_id;
    let mut purchase = interaction(ids[2], "2026-06-14", InteractionKind::Purchase);
    purchase.sentiment = Some(2);
    let writes = [
        Write::AddCustomer(referred),
        Write::edit_customer(&store.customer(ids[1]).unwrap().unwrap(), &grace),
        Write::LogInteraction(purchase),
        Write::AddFeedback(Feedback {
            id: 0,
            customer_id: ids[3],
            date: today(),
            nps: Some(3),
            csat: Some(2),
            kind: FeedbackKind::Complaint,
            comment: "cold tea".into(),
            resolved: false,
        }),
        Write::AddContract(Contract {
            id: 0,
            customer_id: ids[6],
            kind: ContractKind::Distribution,
            start: date("2026-05-01"),
            end: Some(date("2027-04-30")),
            value: Some(120_000),
            note: "monthly box".into(),
        }),
        Write::ResolveFeedback { feedback_id: zoe_complaint },
        Write::SetType { customer_id: ids[7], to: RelationshipType::Communal },
        Write::SetType { customer_id: ids[5], to: RelationshipType::Communal },
        Write::SetFollowUp { customer_id: ids[4], date: Some(date("2026-06-30")) },
        Write::Archive { customer_id: ids[3] },
        Write::Archive { customer_id: ids[0] },
        store.decision_now(suggested, Decision::Accept).unwrap(),
        store.decision_now(suggested, Decision::Reject).unwrap(),
        store.decision_now(suggested, Decision::Pin).unwrap(),
        store.accept_all_now(DecidedBy::User).unwrap(),
        store.accept_all_now(DecidedBy::Engine).unwrap(),
    ];
    let before = seen(&store, every_id.clone());
    for write in &writes {
        let change = store.apply(write).unwrap_or_else(|e| panic!("{write:?}: {e}"));
        assert_ne!(seen(&store, every_id.clone()), before, "{write:?} changed nothing to undo");
        store.apply(&Write::Undo { activity: change.activity_id }).unwrap_or_else(|e| panic!("undo of {write:?}: {e}"));
        assert_eq!(seen(&store, every_id.clone()), before, "undo of {write:?}");
        assert!(store.check().unwrap().is_ok(), "after the undo of {write:?}: {:#?}", store.check().unwrap());
    }

    // Unpinning has no `Write` of its own (the app does not offer it), but is a write.
    let unpinned = store.unpin(ids[7]).unwrap();
    assert!(!store.customer(ids[7]).unwrap().unwrap().pinned);
    store.undo(&unpinned).unwrap();
    assert_eq!(seen(&store, every_id), before, "undo of unpinning");
}

/// Another handle set a different follow-up date after mine: my undo would put back a
/// value over theirs, so it is refused, and nothing at all is undone.
pub(super) fn an_undo_refused_because_another_handle_wrote_since_changes_nothing(engine: &Engine) {
    let db = engine.fresh();
    let mut mine = db.open();
    let ids = portfolio(&mut mine);
    let mut theirs = db.open();
    let every_id = 1..=*ids.iter().max().unwrap();

    let set = mine.apply(&Write::SetFollowUp { customer_id: ids[1], date: Some(date("2026-06-20")) }).unwrap();
    theirs.apply(&Write::SetFollowUp { customer_id: ids[1], date: Some(date("2026-06-25")) }).unwrap();
    let before = seen(&mine, every_id.clone());
    let rev = mine.rev().unwrap();

    let err = mine.apply(&Write::Undo { activity: set.activity_id }).unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
    assert!(err.is_user_error());
    assert_eq!(mine.customer(ids[1]).unwrap().unwrap().next_follow_up, Some(date("2026-06-25")));
    assert_eq!(seen(&mine, every_id.clone()), before, "a refused undo changed something");
    assert_eq!(seen(&theirs, every_id), before, "the other handle reads the same");
    assert_eq!(mine.rev().unwrap(), rev);
}
