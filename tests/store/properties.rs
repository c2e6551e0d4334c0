//! Properties over random inputs:
//! - signals stay in range and the engine is deterministic, whatever the records and
//!   whatever order they come in;
//! - after any sequence of writes and undos, what the store keeps (summaries, stages,
//!   suggestions) equals a recomputation from scratch, and undoing every change in
//!   reverse gives back the database exactly as it was.

use crate::support::scratch::scratch_dir;

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::support::records::{Records, ago};
use crate::support::{Seeded, seed_history, today};
use proptest::prelude::*;
use proptest::sample::select;
use rapport::domain::dates::add_days;
use rapport::domain::model::Summary;
use rapport::domain::model::TimelineEntry;
use rapport::domain::*;
use rapport::store::{Change, Decision, Session, Store, StoreError};
use rusqlite::types::Value;

// ---------------------------------------------------------------------------------------
// Signals and the engine, for arbitrary records.

/// kind, days ago, NPS, CSAT, resolved.
type RandomFeedback = (FeedbackKind, i64, Option<u8>, Option<u8>, bool);

#[derive(Debug, Clone)]
struct RandomRecords {
    created_back: i64,
    relationship: RelationshipType,
    follow_up: Option<i64>,
    referred: u32,
    interactions: Vec<(InteractionKind, i64, Option<i64>, Option<i8>)>,
    feedback: Vec<RandomFeedback>,
    contracts: Vec<(i64, Option<i64>)>,
}

impl RandomRecords {
    /// The records, with the lists rotated by `turn` so that their order changes.
    fn build(&self, turn: usize) -> Records {
        let mut r = Records::new().created(self.created_back).typed(self.relationship).referred(self.referred);
        if let Some(days) = self.follow_up {
            r = r.follow_up(ago(days));
        }
        for (kind, back, amount, sentiment) in &self.interactions {
            r = r.interaction_on(ago(*back), *kind, *amount, *sentiment);
        }
        for (kind, back, nps, csat, resolved) in &self.feedback {
            r = r.feedback_on(ago(*back), *kind, *nps, *csat, *resolved);
        }
        for (start_back, length) in &self.contracts {
            r = r.contract(ago(*start_back), length.map(|l| add_days(ago(*start_back), l)));
        }
        let rotate = |len: usize| if len == 0 { 0 } else { turn % len };
        let n = rotate(r.interactions.len());
        r.interactions.rotate_left(n);
        let n = rotate(r.feedback.len());
        r.feedback.rotate_left(n);
        let n = rotate(r.contracts.len());
        r.contracts.rotate_left(n);
        if turn % 2 == 1 {
            r.interactions.reverse();
            r.feedback.reverse();
        }
        r
    }
}

fn random_records() -> impl Strategy<Value = RandomRecords> {
    let interaction =
        (select(InteractionKind::ALL), -30..800i64, prop::option::of(0..1_000_000i64), prop::option::of(-2..=2i8));
    let feedback =
        (select(FeedbackKind::ALL), -30..800i64, prop::option::of(0..=10u8), prop::option::of(1..=5u8), any::<bool>());
    let contract = (-30..800i64, prop::option::of(0..900i64));
    (
        0..800i64,
        select(RelationshipType::ALL),
        prop::option::of(-60..60i64),
        0..5u32,
        prop::collection::vec(interaction, 0..40),
        prop::collection::vec(feedback, 0..15),
        prop::collection::vec(contract, 0..3),
    )
        .prop_map(|(created_back, relationship, follow_up, referred, interactions, feedback, contracts)| {
            RandomRecords { created_back, relationship, follow_up, referred, interactions, feedback, contracts }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn signals_stay_in_range_and_the_engine_is_deterministic(records in random_records(), turn in 0..8usize) {
        let rules = Rules::default_rules();
        let first = records.build(0).signals_with(&rules);
        let again = records.build(turn).signals_with(&rules);
        prop_assert_eq!(&first, &again, "the order of the records changed the signals");
        prop_assert_eq!(classify(&first, &rules), classify(&again, &rules));

        prop_assert!(first.health <= 100);
        let band = match rules.health.band(first.health) {
            Band::AtRisk if first.never_contacted => Band::Watch,
            band => band,
        };
        prop_assert_eq!(first.band, band, "a customer never contacted is never at risk");
        prop_assert_eq!(first.engagement.is_none(), first.interactions_total == 0);
        prop_assert!(!first.never_contacted || first.engagement.is_none());
        for (name, value) in [("engagement", first.engagement.unwrap_or(0.0)), ("loyalty", first.loyalty)] {
            prop_assert!((0.0..=100.0).contains(&value), "{} {}", name, value);
        }
        if let Some(s) = first.satisfaction {
            prop_assert!((0.0..=100.0).contains(&s), "satisfaction {}", s);
        }
        for month in first.series().into_iter().flatten() {
            prop_assert!((0.0..=100.0).contains(&month), "monthly {}", month);
        }
        prop_assert!(first.purchases_90 <= first.purchases_365 && first.purchases_365 <= first.purchases_total);
        prop_assert!(first.purchase_months_365 <= first.purchases_365.min(13));
        prop_assert!(first.spend_365 <= first.spend_total);
        prop_assert!(first.tenure_days >= 0 && first.first_seen <= today());
        prop_assert!(first.recency_days.is_none_or(|d| d >= 0));
        prop_assert!(first.recency_days <= first.contact_gap_days || first.contact_gap_days.is_none());
        prop_assert_eq!(first.follow_up_due, first.follow_up_on <= today());
        let c = classify(&first, &rules);
        prop_assert!(!c.reasons.is_empty());
    }
}

// ---------------------------------------------------------------------------------------
// The store against a recomputation from scratch.

/// One write (or an undo) a person could make. Customers and feedback are named by
/// position in the lists of those created so far, so most operations hit a real record.
#[derive(Debug, Clone)]
enum Op {
    Add { referrer: Option<usize>, pinned: Option<RelationshipType>, created_back: i64, email: Option<u8> },
    Update { who: usize, referrer: Option<usize>, email: Option<u8> },
    Log { who: usize, kind: InteractionKind, back: i64, amount: Option<i64>, sentiment: Option<i8> },
    Feedback { who: usize, kind: FeedbackKind, back: i64, nps: Option<u8>, csat: Option<u8> },
    Contract { who: usize, start_back: i64, length: Option<i64> },
    SetType { who: usize, to: RelationshipType },
    Unpin { who: usize },
    Archive { who: usize },
    Decide { who: usize, decision: Decision },
    AcceptAll { by_engine: bool },
    FollowUp { who: usize, back: Option<i64> },
    Resolve { which: usize },
    Undo,
}

fn op() -> impl Strategy<Value = Op> {
    let who = 0..8usize;
    prop_oneof![
        3 => (prop::option::of(0..8usize), prop::option::of(select(RelationshipType::ALL)), 0..500i64, prop::option::of(0..4u8))
            .prop_map(|(referrer, pinned, created_back, email)| Op::Add { referrer, pinned, created_back, email }),
        1 => (who.clone(), prop::option::of(0..8usize), prop::option::of(0..4u8))
            .prop_map(|(who, referrer, email)| Op::Update { who, referrer, email }),
        10 => (who.clone(), select(InteractionKind::ALL), -2..400i64, prop::option::of(0..100_000i64), prop::option::of(-2..=2i8))
            .prop_map(|(who, kind, back, amount, sentiment)| Op::Log { who, kind, back, amount, sentiment }),
        4 => (who.clone(), select(FeedbackKind::ALL), -2..400i64, prop::option::of(0..=10u8), prop::option::of(0..=5u8))
            .prop_map(|(who, kind, back, nps, csat)| Op::Feedback { who, kind, back, nps, csat }),
        1 => (who.clone(), -20..400i64, prop::option::of(-5..500i64))
            .prop_map(|(who, start_back, length)| Op::Contract { who, start_back, length }),
        1 => (who.clone(), select(RelationshipType::ALL)).prop_map(|(who, to)| Op::SetType { who, to }),
        1 => who.clone().prop_map(|who| Op::Unpin { who }),
        1 => who.clone().prop_map(|who| Op::Archive { who }),
        3 => (who.clone(), select(&[Decision::Accept, Decision::Reject, Decision::Pin][..]))
            .prop_map(|(who, decision)| Op::Decide { who, decision }),
        1 => any::<bool>().prop_map(|by_engine| Op::AcceptAll { by_engine }),
        1 => (who.clone(), prop::option::of(-30..30i64)).prop_map(|(who, back)| Op::FollowUp { who, back }),
        1 => (0..12usize).prop_map(|which| Op::Resolve { which }),
        3 => Just(Op::Undo),
    ]
}

struct Run {
    store: Store,
    customers: Vec<i64>,
    feedback: Vec<i64>,
    undo_stack: Vec<Change>,
    log: String,
}

impl Run {
    fn pick(&self, who: usize) -> Option<i64> {
        (!self.customers.is_empty()).then(|| self.customers[who % self.customers.len()])
    }

    /// Applies one operation. Writes refused as invalid, unknown or conflicting are
    /// part of the game and ignored; anything else is a failure.
    fn apply(&mut self, op: &Op) -> Result<(), TestCaseError> {
        let _ = writeln!(self.log, "{op:?}");
        if let Op::Undo = op {
            if let Some(change) = self.undo_stack.pop() {
                let undone = self.store.undo(&change);
                prop_assert!(
                    undone.is_ok(),
                    "undo of '{}' failed: {:?}\n{}",
                    change.description,
                    undone.err(),
                    self.log
                );
            }
            return Ok(());
        }
        let Some(result) = self.write(op) else { return Ok(()) };
        match result {
            Ok(change) => {
                match op {
                    Op::Add { .. } => self.customers.extend(change.created_id),
                    Op::Feedback { .. } => self.feedback.extend(change.created_id),
                    _ => {}
                }
                self.undo_stack.push(change);
            }
            Err(StoreError::Invalid(_) | StoreError::NotFound(_) | StoreError::Conflict(_)) => {
                let _ = writeln!(self.log, "  refused");
            }
            Err(other) => prop_assert!(false, "{:?} failed: {}\n{}", op, other, self.log),
        }
        Ok(())
    }

    fn write(&mut self, op: &Op) -> Option<Result<Change, StoreError>> {
        let email = |n: &Option<u8>| n.map(|n| format!("person{n}@example.com"));
        let referrer = |r: &Option<usize>| r.and_then(|r| self.pick(r));
        Some(match op {
            Op::Add { referrer: r, pinned, created_back, email: e } => {
                let mut c = Customer::new(format!("Customer {}", self.customers.len() + 1), ago(*created_back));
                c.referred_by = referrer(r);
                c.email = email(e);
                if let Some(t) = pinned {
                    c.relationship = *t;
                    c.pinned = true;
                }
                self.store.add_customer(&c)
            }
            Op::Update { who, referrer: r, email: e } => {
                let mut c = self.store.customer(self.pick(*who)?).ok()??;
                c.referred_by = referrer(r);
                c.email = email(e);
                self.store.update_customer(&c)
            }
            Op::Log { who, kind, back, amount, sentiment } => self.store.log_interaction(&Interaction {
                id: 0,
                customer_id: self.pick(*who)?,
                date: ago(*back),
                kind: *kind,
                summary: "logged".into(),
                amount: if *kind == InteractionKind::Purchase { *amount } else { None },
                sentiment: *sentiment,
            }),
            Op::Feedback { who, kind, back, nps, csat } => self.store.add_feedback(&Feedback {
                id: 0,
                customer_id: self.pick(*who)?,
                date: ago(*back),
                nps: *nps,
                csat: *csat,
                kind: *kind,
                comment: "said so".into(),
                resolved: false,
            }),
            Op::Contract { who, start_back, length } => self.store.add_contract(&Contract {
                id: 0,
                customer_id: self.pick(*who)?,
                kind: ContractKind::Service,
                start: ago(*start_back),
                end: length.map(|l| add_days(ago(*start_back), l)),
                value: None,
                note: String::new(),
            }),
            Op::SetType { who, to } => self.store.set_type(self.pick(*who)?, *to),
            Op::Unpin { who } => self.store.unpin(self.pick(*who)?),
            Op::Archive { who } => self.store.archive(self.pick(*who)?),
            Op::Decide { who, decision } => self.store.decide(self.pick(*who)?, *decision),
            Op::AcceptAll { by_engine } => {
                self.store.accept_all(if *by_engine { DecidedBy::Engine } else { DecidedBy::User })
            }
            Op::FollowUp { who, back } => self.store.set_follow_up(self.pick(*who)?, back.map(ago)),
            Op::Resolve { which } => {
                let id = *self.feedback.get(which % self.feedback.len().max(1))?;
                self.store.resolve_feedback(id)
            }
            Op::Undo => return None,
        })
    }
}

/// A customer's records as the store gives them back, through the pure domain.
fn signals_from_records(store: &Store, id: i64) -> Signals {
    let customer = store.customer(id).unwrap().unwrap();
    let (mut interactions, mut feedback) = (Vec::new(), Vec::new());
    for entry in store.timeline(id, 100_000, 0).unwrap() {
        match entry {
            TimelineEntry::Interaction(i) => interactions.push(i),
            TimelineEntry::Feedback(f) => feedback.push(f),
        }
    }
    let contracts = store.contracts(id).unwrap();
    let referred = store.referrals_of(id).unwrap().len() as u32;
    Signals::compute(&customer, &interactions, &feedback, &contracts, referred, store.today(), store.rules())
}

/// Stored suggestions: customer → (from, to, reasons, status).
fn stored_suggestions(store: &Store) -> HashMap<i64, (String, String, String, String)> {
    let mut stmt = crate::support::sqlite_connection(store)
        .prepare("SELECT customer_id, from_type, to_type, reasons, status FROM suggestions")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// What the store keeps equals what a fresh evaluation of every customer says.
fn check_against_recomputation(store: &Store, log: &str) -> Result<(), TestCaseError> {
    let evaluations = crate::support::evaluations(store);
    let suggestions = stored_suggestions(store);
    let pending: HashMap<i64, _> =
        store.pending_suggestions().unwrap().into_iter().map(|p| (p.customer_id, p)).collect();
    let roster: Vec<i64> = store.roster().unwrap().iter().map(|r| r.list.id).collect();
    let active: Vec<i64> = evaluations.iter().filter(|e| !e.archived).map(|e| e.customer_id).collect();
    prop_assert_eq!(roster, active, "the roster lists the customers not archived\n{}", log);

    let mut expected_pending = 0;
    for e in &evaluations {
        let id = e.customer_id;
        let row = store.roster_row(id).unwrap().unwrap();
        prop_assert_eq!(&row.list.summary, &Summary::from_signals(&e.signals), "summary of {}\n{}", id, log);
        prop_assert_eq!(row.list.stage, e.classification.stage, "stage of {}\n{}", id, log);
        prop_assert_eq!(&signals_from_records(store, id), &e.signals, "pure signals of {}\n{}", id, log);
        let single = store.evaluate(&store.customer(id).unwrap().unwrap()).unwrap();
        prop_assert_eq!(&single.signals, &e.signals, "evaluate and evaluate_all disagree on {}", id);

        let wanted = e.classification.relationship;
        if e.archived || wanted == e.relationship {
            prop_assert!(!suggestions.contains_key(&id), "{} should have no suggestion\n{}", id, log);
            continue;
        }
        let Some((from, to, reasons, status)) = suggestions.get(&id) else {
            prop_assert!(false, "{} should have a suggestion to {}\n{}", id, wanted, log);
            continue;
        };
        prop_assert_eq!(from.as_str(), e.relationship.key(), "suggestion of {}\n{}", id, log);
        prop_assert_eq!(to.as_str(), wanted.key(), "suggestion of {}\n{}", id, log);
        prop_assert_eq!(reasons, &e.classification.reasons_text(), "suggestion of {}\n{}", id, log);
        prop_assert_eq!(row.list.suggestion.map(|(t, _)| t), Some(wanted));
        if status == "pending" {
            expected_pending += 1;
            let p = pending.get(&id);
            prop_assert!(p.is_some_and(|p| p.pinned == e.pinned && p.to == wanted), "pending list of {}\n{}", id, log);
        } else {
            prop_assert!(!pending.contains_key(&id));
        }
    }
    prop_assert_eq!(pending.len(), expected_pending);
    Ok(())
}

/// Every row of every table a person's data lives in, except the write counter.
fn content(store: &Store) -> Vec<(String, Vec<Vec<Value>>)> {
    let queries = [
        ("customers", "SELECT * FROM customers ORDER BY id"),
        ("interactions", "SELECT * FROM interactions ORDER BY id"),
        ("feedback", "SELECT * FROM feedback ORDER BY id"),
        ("contracts", "SELECT * FROM contracts ORDER BY id"),
        ("history", "SELECT * FROM history ORDER BY id"),
        ("suggestions", "SELECT * FROM suggestions ORDER BY customer_id"),
        (
            "summaries",
            "SELECT customer_id, health, band, satisfaction, latest_nps, csat_answers_90, csat_good_90, trend, \
             last_interaction, follow_up_on, open_complaints, interactions_total, purchases_365, spend_365_cents, \
             monthly FROM summaries ORDER BY customer_id",
        ),
    ];
    queries
        .iter()
        .map(|(table, sql)| {
            let mut stmt = crate::support::sqlite_connection(store).prepare(sql).unwrap();
            let columns = stmt.column_count();
            let rows = stmt
                .query_map([], |r| (0..columns).map(|i| r.get::<_, Value>(i)).collect::<Result<Vec<_>, _>>())
                .unwrap()
                .collect::<Result<Vec<_>, _>>()
                .unwrap();
            (table.to_string(), rows)
        })
        .collect()
}

/// A store with a little history that the random operations start from.
fn seeded_session(dir: &tempfile::TempDir) -> Run {
    let mut store = Store::open(&dir.path().join("p.db"), Session::on(today())).unwrap();
    // Durability is not under test here; skipping the disk flushes keeps the many small
    // transactions of these cases fast.
    crate::support::sqlite_connection(&store).pragma_update(None, "synchronous", "OFF").unwrap();
    store.ensure_current().unwrap();
    let Seeded { customers, feedback } = seed_history(&mut store);
    Run { store, customers, feedback, undo_stack: Vec::new(), log: String::new() }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_store_agrees_with_a_recomputation_and_undo_goes_all_the_way_back(ops in prop::collection::vec(op(), 1..50)) {
        let dir = scratch_dir();
        let mut session = seeded_session(&dir);
        check_against_recomputation(&session.store, &session.log)?;
        let initial = content(&session.store);

        for op in &ops {
            session.apply(op)?;
            check_against_recomputation(&session.store, &session.log)?;
        }

        // Weeks later, the summaries are recomputed for everyone in one pass, in a copy.
        let copy = dir.path().join("later.db");
        crate::support::sqlite_connection(&session.store).execute("VACUUM INTO ?1", [copy.to_str().unwrap()]).unwrap();
        let later = add_days(today(), 45);
        let mut later_store = Store::open(&copy, Session::on(later)).unwrap();
        prop_assert!(later_store.ensure_current().unwrap());
        check_against_recomputation(&later_store, &session.log)?;

        while !session.undo_stack.is_empty() {
            session.apply(&Op::Undo)?;
        }
        check_against_recomputation(&session.store, &session.log)?;
        let after = content(&session.store);
        for ((table, want), (_, got)) in initial.iter().zip(&after) {
            prop_assert_eq!(got, want, "{} differs after undoing everything\n{}", table, session.log);
        }
    }
}
