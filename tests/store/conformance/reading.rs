//! Reading: finding a customer the way the command line names one, the list rows, the
//! detail and the consistency check.

use rapport::domain::*;

use crate::support::engines::Engine;
use crate::support::{assert_cards_match_tables, portfolio, today};

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
