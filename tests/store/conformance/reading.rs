//! Reading: finding a customer the way the command line names one, the list rows, the
//! detail and the consistency check.

use rapport::domain::model::TimelineEntry;
use rapport::domain::*;
use rapport::store::Write;

use crate::support::engines::Engine;
use crate::support::{assert_cards_match_tables, date, interaction, portfolio, today};

pub(super) fn find_customer_by_id_email_name_and_prefix(engine: &Engine) {
    let db = engine.fresh();
    let mut store = db.open();
    let mut a = Customer::new("Ann Able", today());
    a.email = Some("ann@example.com".into());
    let ann = store.add_customer(&a).unwrap().created_id.unwrap();
    store.add_customer(&Customer::new("Anna Baker", today())).unwrap();
    assert_eq!(store.find_customer(&ann.to_string()).unwrap().id, ann);
    assert_eq!(store.find_customer("ANN@example.com").unwrap().id, ann);
    assert_eq!(store.find_customer("ann able").unwrap().id, ann);
    assert_eq!(store.find_customer("Anna").unwrap().name, "Anna Baker");
    let err = store.find_customer("An").unwrap_err().to_string();
    assert!(err.contains("more than one") && err.contains("Ann Able") && err.contains("Anna Baker"), "{err}");
    let err = store.find_customer("Zed").unwrap_err().to_string();
    assert!(err.contains("no customer matches 'Zed'"), "{err}");
}

pub(super) fn every_write_leaves_the_cards_equal_to_the_tables(engine: &Engine) {
    let db = engine.fresh();
    let mut store = db.open();
    let ids = portfolio(&mut store);
    assert_cards_match_tables(&store);

    let mut ada = store.customer(ids[0]).unwrap().unwrap();
    ada.name = "Ada King".into();
    ada.company = "Difference Engines".into();
    store.update_customer(&ada).unwrap();
    let pending = store.pending_suggestions().unwrap();
    let first = pending.first().expect("the portfolio has suggestions").customer_id;
    store.decide(first, rapport::store::Decision::Reject).unwrap();
    store.set_type(ids[6], RelationshipType::Communal).unwrap();
    let archived = store.archive(ids[3]).unwrap();
    assert_cards_match_tables(&store);

    let card = store.list_card(ids[0]).unwrap().unwrap();
    assert_eq!((card.name.as_str(), card.company.as_str()), ("Ada King", "Difference Engines"));
    let rejected = store.list_card(first).unwrap().unwrap();
    assert_eq!(rejected.suggestion.map(|(_, s)| s), Some(SuggestionStatus::Rejected));
    assert!(store.list_card(ids[3]).unwrap().unwrap().archived);
    assert!(store.list_rows().unwrap().iter().all(|r| r.id != ids[3]), "archived customers leave the list");

    store.undo(&archived).unwrap();
    assert_cards_match_tables(&store);
    assert!(store.list_rows().unwrap().iter().any(|r| r.id == ids[3]));
}

/// The detail is one call saying what the single queries say; its timeline comes a page
/// at a time, newest first, and the pages add up to the whole timeline.
pub(super) fn the_detail_agrees_with_the_single_reads_and_its_pages_add_up(engine: &Engine) {
    let db = engine.fresh();
    let mut store = db.open();
    let ids = portfolio(&mut store);
    let mut referred = Customer::new("Referred By Ada", today());
    referred.referred_by = Some(ids[0]);
    let referred = store.add_customer(&referred).unwrap().created_id.unwrap();
    assert!(store.customer_detail(9_999, 5).unwrap().is_none(), "no such customer");

    for id in ids.iter().copied().chain([referred]) {
        let customer = store.customer(id).unwrap().unwrap();
        let detail = store.customer_detail(id, 4).unwrap().unwrap();
        assert_eq!(detail.customer, customer);
        let fresh = store.evaluate(&customer).unwrap();
        assert_eq!(detail.evaluation.signals, fresh.signals, "signals of {id}");
        assert_eq!(detail.evaluation.classification, fresh.classification, "classification of {id}");
        assert_eq!(detail.timeline_total, store.timeline_len(id).unwrap());
        assert_eq!(detail.timeline, store.timeline(id, 4, 0).unwrap());
        assert_eq!(detail.contracts, store.contracts(id).unwrap());
        assert_eq!(detail.history, store.history(id).unwrap());
        assert_eq!(detail.referrals, store.referrals_of(id).unwrap());
        assert_eq!(detail.suggestion, store.suggestion(id).unwrap());
        let referrer = customer.referred_by.map(|r| (r, store.customer(r).unwrap().unwrap().name));
        assert_eq!(detail.referrer, referrer);
    }

    let ada = store.customer_detail(ids[0], 4).unwrap().unwrap();
    assert_eq!((ada.timeline.len(), ada.timeline_total), (4, 10), "nine interactions and one feedback");
    assert_eq!(ada.referrals, [(referred, "Referred By Ada".to_string())]);
    assert_eq!(store.customer_detail(referred, 4).unwrap().unwrap().referrer, Some((ids[0], "Ada Lovelace".into())));
    let mut paged = ada.clone();
    let mut pages = 1;
    while paged.has_more() {
        let next = store.more_timeline(&paged, 4).unwrap();
        assert!(!next.is_empty() && next.len() <= 4, "page {pages}: {} entries", next.len());
        paged.timeline.extend(next);
        pages += 1;
    }
    assert_eq!(pages, 3);
    assert!(store.more_timeline(&paged, 4).unwrap().is_empty(), "nothing after the last page");
    assert_eq!(paged.timeline, store.timeline(ids[0], 100, 0).unwrap());
    assert!(paged.timeline.windows(2).all(|w| w[0].date() >= w[1].date()), "newest first");
    assert_eq!(paged.timeline.first().map(|e| e.date()), Some(date("2026-06-03")), "the praise");
}

/// `check` finds a database written only through the interface consistent, and counts
/// what the single reads count.
pub(super) fn check_finds_what_the_interface_wrote_consistent(engine: &Engine) {
    let db = engine.fresh();
    let mut store = db.open();
    let ids = portfolio(&mut store);
    assert!(store.check().unwrap().is_ok(), "{:#?}", store.check().unwrap());
    store.apply(&Write::Archive { customer_id: ids[6] }).unwrap();
    store.accept_all(DecidedBy::User).unwrap();
    let complaint = store.open_complaints(ids[2]).unwrap()[0].id;
    store.apply(&Write::ResolveFeedback { feedback_id: complaint }).unwrap();
    let purchase = interaction(ids[5], "2026-06-14", InteractionKind::Purchase);
    let logged = store.apply(&Write::LogInteraction(purchase)).unwrap();
    store.apply(&Write::Undo { activity: logged.activity_id }).unwrap();

    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:#?}", report.problems);
    let (mut interactions, mut feedback, mut contracts, mut history) = (0, 0, 0, 0);
    for id in &ids {
        for entry in store.timeline(*id, 1_000, 0).unwrap() {
            match entry {
                TimelineEntry::Interaction(_) => interactions += 1,
                TimelineEntry::Feedback(_) => feedback += 1,
            }
        }
        contracts += store.contracts(*id).unwrap().len() as i64;
        history += store.history(*id).unwrap().len() as i64;
    }
    assert_eq!(report.customers, store.customer_count().unwrap());
    assert_eq!(report.customers, 8);
    assert_eq!(report.archived, 1);
    assert_eq!((report.interactions, report.feedback, report.contracts), (interactions, feedback, contracts));
    assert_eq!(report.history, history);
    assert!(history >= 2, "the pinned type and the accepted moves are history");
}
