//! Reading: finding a customer the way the command line names one, the list rows, the
//! detail and the consistency check.

use rapport::domain::*;

use crate::support::engines::Engine;
use crate::support::today;

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
