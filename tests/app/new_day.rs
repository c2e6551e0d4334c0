//! An open dashboard follows the database's today: when the date in the database's time
//! zone moves on (midnight, or a colleague moving the database to a zone already on the
//! next day), the next tick reads every row for the new day, says so, and brings the
//! stored summaries up to date in the background while the person goes on.

use crate::support::*;
use rapport::app::App;
use rapport::config::Config;
use rapport::store::{Clock, Session, Store, Write};

#[test]
fn a_dashboard_rolls_over_to_the_new_day_and_refreshes_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    {
        let mut store = open(&path);
        portfolio(&mut store);
        // Samoa's date, a day behind Kiritimati's whatever the hour.
        store.apply(&Write::SetSetting { key: "timezone".into(), value: "Pacific/Pago_Pago".into() }).unwrap();
    }
    let on_the_clock = Session::new("alice", Clock::System);
    let store = Store::open(&path, on_the_clock.clone()).unwrap();
    let before = store.today();
    let mut app = App::new(store, Config::default()).unwrap();
    app.finish_background_refresh();
    assert!(app.store().summaries_current().unwrap(), "opened on another day than the portfolio's, and refreshed");
    assert!(draw(&mut app, 100, 30).contains(&format!("today {before}")));

    // A colleague moves the database to Kiritimati: its today is a day (or two) later.
    let mut colleague = Store::open(&path, Session::new("bob", Clock::System)).unwrap();
    colleague.apply(&Write::SetSetting { key: "timezone".into(), value: "Pacific/Kiritimati".into() }).unwrap();
    assert!(app.tick());
    let after = app.store().today();
    assert!(after > before, "{before} → {after}");
    let notice = &app.notice.as_ref().unwrap().text;
    assert!(notice.starts_with(&format!("It is {after} now")), "{notice}");
    assert!(draw(&mut app, 100, 30).contains(&format!("today {after}")));

    // The rows shown are the new day's already; the background refresh then stores them.
    let (rows, shown) = (app.store().list_rows().unwrap(), app.dashboard().clone());
    app.finish_background_refresh();
    let fresh = Store::open(&path, on_the_clock).unwrap();
    assert!(fresh.summaries_current().unwrap());
    assert_eq!(fresh.list_rows().unwrap(), rows, "what was read at once is what the refresh stored");
    assert_eq!(app.dashboard(), &shown, "and the dashboard did not change when it landed");
    assert!(fresh.check().unwrap().is_ok());
}
