//! Every form and screen drawn at 80×24 (and the main screens at 120×40), compared line by
//! line with the reviewed snapshots in tests/app/snapshots/.

use crate::support::*;
use crossterm::event::KeyCode;

fn customers_app() -> (tempfile::TempDir, rapport::app::App) {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_with_portfolio(&dir);
    press(&mut app, &[ch('2')]);
    (dir, app)
}

#[test]
fn form_new_customer() {
    let (_dir, mut app) = customers_app();
    press(&mut app, &[ch('n')]);
    type_text(&mut app, "Kofi 山田");
    insta::assert_snapshot!(draw_stable(&mut app, 80, 24));
}

#[test]
fn form_new_customer_with_errors() {
    let (_dir, mut app) = customers_app();
    press(&mut app, &[ch('n'), key(KeyCode::Tab), key(KeyCode::Tab)]);
    type_text(&mut app, "not-an-email");
    press(&mut app, &[key(KeyCode::Enter)]);
    insta::assert_snapshot!(draw_stable(&mut app, 80, 24));
}

#[test]
fn form_edit_customer() {
    let (_dir, mut app) = customers_app();
    press(&mut app, &[ch('e')]);
    insta::assert_snapshot!(draw_stable(&mut app, 80, 24));
}

#[test]
fn form_log_interaction() {
    let (_dir, mut app) = customers_app();
    press(&mut app, &[ch('i'), key(KeyCode::Tab)]);
    type_text(&mut app, "2026-13-01");
    press(&mut app, &[key(KeyCode::Tab), key(KeyCode::Tab)]);
    type_text(&mut app, "-3");
    press(&mut app, &[key(KeyCode::Enter)]);
    insta::assert_snapshot!(draw_stable(&mut app, 80, 24));
}

#[test]
fn form_feedback() {
    let (_dir, mut app) = customers_app();
    press(&mut app, &[ch('f'), key(KeyCode::Tab), key(KeyCode::Tab)]);
    type_text(&mut app, "11");
    press(&mut app, &[key(KeyCode::Enter)]);
    insta::assert_snapshot!(draw_stable(&mut app, 80, 24));
}

#[test]
fn form_contract() {
    let (_dir, mut app) = customers_app();
    press(&mut app, &[ch('c')]);
    insta::assert_snapshot!(draw_stable(&mut app, 80, 24));
}

#[test]
fn form_set_type() {
    let (_dir, mut app) = customers_app();
    press(&mut app, &[ch('t')]);
    insta::assert_snapshot!(draw_stable(&mut app, 80, 24));
}

#[test]
fn form_follow_up() {
    let (_dir, mut app) = customers_app();
    press(&mut app, &[ch('d')]);
    insta::assert_snapshot!(draw_stable(&mut app, 80, 24));
}

#[test]
fn confirm_archive() {
    let (_dir, mut app) = customers_app();
    press(&mut app, &[ch('x')]);
    insta::assert_snapshot!(draw_stable(&mut app, 80, 24));
}

#[test]
fn help_overlay() {
    let (_dir, mut app) = customers_app();
    press(&mut app, &[ch('?')]);
    insta::assert_snapshot!(draw_stable(&mut app, 80, 24));
}

#[test]
fn search_in_progress() {
    let (_dir, mut app) = customers_app();
    press(&mut app, &[ch('/')]);
    type_text(&mut app, "ström");
    insta::assert_snapshot!(draw_stable(&mut app, 80, 24));
}

#[test]
fn review_tab() {
    let (_dir, mut app) = customers_app();
    press(&mut app, &[ch('3')]);
    insta::assert_snapshot!("review_80x24", draw_stable(&mut app, 80, 24));
    insta::assert_snapshot!("review_120x40", draw_stable(&mut app, 120, 40));
}

/// The default sample (500 customers, seed 1) as of the fixture's fixed today.
fn demo_app() -> (tempfile::TempDir, rapport::app::App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let store = rapport::demo::ensure_demo_database(&path, rapport::store::Session::on(today())).unwrap();
    (dir, rapport::app::App::new(store, rapport::config::Config::default()).unwrap())
}

#[test]
fn demo_dashboard() {
    let (_dir, mut app) = demo_app();
    insta::assert_snapshot!("demo_dashboard_80x24", draw_stable(&mut app, 80, 24));
    insta::assert_snapshot!("demo_dashboard_120x40", draw_stable(&mut app, 120, 40));
    insta::assert_snapshot!("demo_dashboard_160x50", draw_stable(&mut app, 160, 50));
}

#[test]
fn demo_customers() {
    let (_dir, mut app) = demo_app();
    press(&mut app, &[ch('2'), ch('j'), ch('j')]);
    insta::assert_snapshot!("demo_customers_80x24", draw_stable(&mut app, 80, 24));
    insta::assert_snapshot!("demo_customers_120x40", draw_stable(&mut app, 120, 40));
}

#[test]
fn demo_review() {
    let (_dir, mut app) = demo_app();
    press(&mut app, &[ch('3')]);
    insta::assert_snapshot!("demo_review_80x24", draw_stable(&mut app, 80, 24));
}

#[test]
fn detail_of_a_customer_imported_from_a_shop() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("t.db"));
    let shop =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/foreign/shopify_customers_new.csv");
    let source = rapport::transfer::Source::open(&shop, None, Default::default()).unwrap();
    let settings = rapport::transfer::ImportSettings::new(today());
    let mut quiet = rapport::transfer::Quiet::default();
    let checked = rapport::transfer::check_import(Some(&store), &source, settings, &mut quiet).unwrap();
    rapport::transfer::import(&mut store, &source, &checked, &mut quiet).unwrap();
    let mut app = rapport::app::App::new(store, rapport::config::Config::default()).unwrap();
    press(&mut app, &[ch('2'), ch('j'), ch('j'), ch('j')]);
    let screen = draw_stable(&mut app, 120, 40);
    assert!(screen.contains("Source shopify:6812345678901"), "{screen}");
    assert!(screen.contains("7 orders (1,234.50) before rapport"), "{screen}");
    assert!(screen.contains("Engagement unknown (never contacted)"), "{screen}");
    assert!(screen.contains("Health 0 · not at risk until a first contact"), "{screen}");
    insta::assert_snapshot!(screen);
    insta::assert_snapshot!("detail_of_a_customer_imported_from_a_shop_80x24", draw_stable(&mut app, 80, 24));
}
