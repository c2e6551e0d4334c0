//! Writes: each is validated, refreshes the summaries it concerns, and a refused one
//! writes nothing.

use rapport::domain::dates::parse_date;
use rapport::domain::model::TimelineEntry;
use rapport::domain::*;
use rapport::store::{Decision, StoreError, Write};

use crate::support::engines::Engine;
use crate::support::{date, interaction, portfolio, today};

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

/// A write refused for what it asks: a missing record is `NotFound`, a value or a state
/// that does not allow it is `Invalid` naming the field, and either way nothing is
/// written (the revision stays, the lists read the same).
pub(super) fn refused_writes_name_their_reason_and_write_nothing(engine: &Engine) {
    let db = engine.fresh();
    let mut store = db.open();
    let ids = portfolio(&mut store);
    store.apply(&Write::Archive { customer_id: ids[6] }).unwrap();
    let ada = store.customer(ids[0]).unwrap().unwrap();
    let praise = store.timeline(ids[0], 100, 0).unwrap().into_iter().find_map(|e| match e {
        TimelineEntry::Feedback(f) => Some(f.id),
        TimelineEntry::Interaction(_) => None,
    });
    let feedback = |customer_id, nps| Feedback {
        id: 0,
        customer_id,
        date: today(),
        nps,
        csat: None,
        kind: FeedbackKind::General,
        comment: String::new(),
        resolved: false,
    };
    let contract = |customer_id, end| Contract {
        id: 0,
        customer_id,
        kind: ContractKind::Service,
        start: date("2026-01-01"),
        end,
        value: None,
        note: String::new(),
    };
    let settled = ids.iter().copied().find(|id| store.suggestion(*id).unwrap().is_none()).expect("one without");
    let unknown = 9_999;
    let not_found = [
        Write::LogInteraction(interaction(unknown, "2026-06-01", InteractionKind::Call)),
        Write::AddFeedback(feedback(unknown, Some(9))),
        Write::AddContract(contract(unknown, None)),
        Write::edit_customer(
            &Customer { id: unknown, ..ada.clone() },
            &Customer { id: unknown, email: None, ..ada.clone() },
        ),
        Write::ResolveFeedback { feedback_id: unknown },
        Write::SetType { customer_id: unknown, to: RelationshipType::Loyal },
        Write::SetFollowUp { customer_id: unknown, date: Some(today()) },
        Write::Archive { customer_id: unknown },
        store.decision_now(unknown, Decision::Accept).unwrap(),
        store.decision_now(settled, Decision::Accept).unwrap(),
    ];
    let mut self_referred = ada.clone();
    self_referred.referred_by = Some(ada.id);
    let mut unknown_referrer = Customer::new("Referred By Nobody", today());
    unknown_referrer.referred_by = Some(unknown);
    let mut taken_email = Customer::new("Ada Again", today());
    taken_email.email = Some("ADA@example.com".into());
    let mut future = interaction(ids[1], "2026-06-16", InteractionKind::Call);
    future.amount = None;
    let invalid = [
        (Write::AddCustomer(Customer::new("  ", today())), "name"),
        (Write::AddCustomer(taken_email), "email"),
        (Write::AddCustomer(unknown_referrer), "referred_by"),
        (Write::edit_customer(&ada, &self_referred), "referred_by"),
        (Write::LogInteraction(future), "date"),
        (Write::AddFeedback(feedback(ids[1], Some(11))), "nps"),
        (Write::AddContract(contract(ids[1], Some(date("2025-12-31")))), "end"),
        (Write::ResolveFeedback { feedback_id: praise.expect("Ada praised") }, "feedback"),
        (Write::LogInteraction(interaction(ids[6], "2026-06-01", InteractionKind::Call)), "customer"),
        (Write::SetType { customer_id: ids[6], to: RelationshipType::Loyal }, "customer"),
    ];

    let rev = store.rev().unwrap();
    let rows = store.list_rows().unwrap();
    let count = store.customer_count().unwrap();
    for write in &not_found {
        match store.apply(write) {
            Err(e @ StoreError::NotFound(_)) => assert!(e.is_user_error(), "{write:?}: {e:?}"),
            other => panic!("{write:?}: expected NotFound, got {other:?}"),
        }
    }
    for (write, field) in &invalid {
        match store.apply(write) {
            Err(StoreError::Invalid(errors)) => {
                assert_eq!(errors.first().map(|e| e.field), Some(*field), "{write:?}: {errors:?}")
            }
            other => panic!("{write:?}: expected Invalid on {field}, got {other:?}"),
        }
    }
    assert_eq!(store.rev().unwrap(), rev, "a refused write moved the revision");
    assert_eq!(store.list_rows().unwrap(), rows, "a refused write changed the lists");
    assert_eq!(store.customer_count().unwrap(), count);
    assert_eq!(store.customer(ids[0]).unwrap().unwrap(), ada);
}

/// Every write that succeeds moves the revision on and names the customers it
/// refreshed, the one it is about first.
pub(super) fn every_write_moves_the_revision_on(engine: &Engine) {
    let db = engine.fresh();
    let mut store = db.open();
    let ids = portfolio(&mut store);
    let mut grace = store.customer(ids[1]).unwrap().unwrap();
    grace.company = "Compilers Unlimited".into();
    let zoe_complaint = store.open_complaints(ids[2]).unwrap()[0].id;
    let suggested = store.pending_suggestions().unwrap().first().expect("the portfolio has suggestions").customer_id;
    let writes = [
        (Write::AddCustomer(Customer::new("Newcomer", today())), None),
        (Write::edit_customer(&store.customer(ids[1]).unwrap().unwrap(), &grace), Some(ids[1])),
        (Write::LogInteraction(interaction(ids[3], "2026-06-14", InteractionKind::Purchase)), Some(ids[3])),
        (
            Write::AddFeedback(Feedback {
                id: 0,
                customer_id: ids[5],
                date: today(),
                nps: Some(9),
                csat: None,
                kind: FeedbackKind::Praise,
                comment: String::new(),
                resolved: false,
            }),
            Some(ids[5]),
        ),
        (
            Write::AddContract(Contract {
                id: 0,
                customer_id: ids[6],
                kind: ContractKind::Service,
                start: date("2026-06-01"),
                end: None,
                value: Some(50_000),
                note: String::new(),
            }),
            Some(ids[6]),
        ),
        (Write::ResolveFeedback { feedback_id: zoe_complaint }, Some(ids[2])),
        (Write::SetType { customer_id: ids[4], to: RelationshipType::Contractual }, Some(ids[4])),
        (Write::SetFollowUp { customer_id: ids[7], date: Some(date("2026-07-01")) }, Some(ids[7])),
        (store.decision_now(suggested, Decision::Reject).unwrap(), Some(suggested)),
        (store.accept_all_now(DecidedBy::User).unwrap(), None),
        (Write::Archive { customer_id: ids[3] }, Some(ids[3])),
    ];
    let mut last = None;
    for (write, about) in &writes {
        let before = store.rev().unwrap();
        let change = store.apply(write).unwrap_or_else(|e| panic!("{write:?}: {e}"));
        let after = store.rev().unwrap();
        assert!(after > before, "{write:?} left the revision at {after}");
        if let Some(id) = about {
            assert_eq!(change.customer_ids.first(), Some(id), "{write:?}");
        }
        if let Write::AddCustomer(_) = write {
            assert_eq!(change.customer_ids, change.created_id.into_iter().collect::<Vec<_>>());
        }
        last = Some(change);
    }
    let before = store.rev().unwrap();
    store.apply(&Write::Undo { activity: last.unwrap().activity_id }).unwrap();
    assert!(store.rev().unwrap() > before, "an undo is a write too");
}

/// A purchase that would take a customer's lifetime spend past what rapport counts is
/// refused as bad input, and so is a bulk load that would; the total up to the most
/// rapport counts stays exact.
pub(super) fn a_purchase_past_the_countable_total_is_refused(engine: &Engine) {
    use rapport::domain::money::MAX_CENTS;
    let db = engine.fresh();
    let mut store = db.open();
    let id = store.add_customer(&Customer::new("Rich", date("2025-01-01"))).unwrap().created_id.unwrap();
    let purchase =
        |amount: i64| Interaction { amount: Some(amount), ..interaction(id, "2026-06-01", InteractionKind::Purchase) };
    // As many of the largest purchases as fit (each amount itself is valid).
    let fitting = i64::MAX / MAX_CENTS;
    let many: Vec<Interaction> = (0..fitting).map(|_| purchase(MAX_CENTS)).collect();
    store.bulk_load(|loader| loader.insert_interactions(&many)).unwrap();
    let rev = store.revision().unwrap();
    let refused = store.log_interaction(&purchase(MAX_CENTS)).unwrap_err();
    let StoreError::Invalid(errors) = &refused else { panic!("{refused:?}") };
    assert_eq!(errors[0].field, "amount");
    assert!(refused.to_string().contains("past 92,233,720,368,547,758.07"), "{refused}");
    assert_eq!(store.revision().unwrap(), rev, "nothing was written");

    // Up to the last cent still counts, exactly; one cent more does not.
    store.log_interaction(&purchase(i64::MAX - fitting * MAX_CENTS)).unwrap();
    assert_eq!(store.customer_detail(id, 0).unwrap().unwrap().evaluation.signals.spend_total, i64::MAX);
    assert!(store.log_interaction(&purchase(1)).is_err());
    let refused = store.bulk_load(|loader| loader.insert_interaction(&purchase(1))).unwrap_err();
    assert!(refused.to_string().contains("nothing was imported"), "{refused}");
    // So does one that adds a customer whose own records are past it.
    let customers = store.customer_count().unwrap();
    let refused = store
        .bulk_load(|loader| {
            let mut newcomer = Customer::new("Newcomer", date("2025-01-01"));
            newcomer.prior.spend = i64::MAX;
            let id = loader.insert_customer(&newcomer)?;
            loader.insert_interaction(&Interaction { customer_id: id, ..purchase(1) })
        })
        .unwrap_err();
    assert!(refused.to_string().contains("Newcomer"), "{refused}");
    assert_eq!(store.customer_count().unwrap(), customers, "nothing was loaded");
    // An amount on a call is no purchase and counts towards no total.
    let call = Interaction { amount: Some(MAX_CENTS), ..interaction(id, "2026-06-02", InteractionKind::Call) };
    store.log_interaction(&call).unwrap();
    assert!(store.check().unwrap().is_ok());
}
