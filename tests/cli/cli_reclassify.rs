//! `rapport reclassify` through the real binary: the moves with their reasons and marks,
//! the from → to matrix, and `--apply` leaving pinned customers and rejected moves alone.

use crate::support::TODAY;
use crate::support::cli::Env;
use rapport::domain::dates::parse_date;
use rapport::store::{Decision, Session, Store};
use serde_json::json;

fn store(env: &Env) -> Store {
    Store::open(&env.db(), Session::on(parse_date(TODAY).unwrap())).unwrap()
}

/// Ann should become collaborative; Pat is pinned as loyal but looks collaborative; a
/// person already said no to moving Rex to communal; Sue fits where she is.
fn portfolio() -> Env {
    let env = Env::new(TODAY);
    env.add(&["Ann"]);
    env.add(&["Pat", "--type", "loyal"]);
    env.add(&["Rex"]);
    env.add(&["Sue"]);
    for who in ["Ann", "Pat"] {
        env.ok(&["log", who, "--kind", "co_creation", "--date", "2026-05-01"]);
        env.ok(&["feedback", who, "--kind", "idea", "--comment", "Make it blue", "--date", "2026-06-01"]);
    }
    env.ok(&["log", "Rex", "--kind", "community", "--date", "2026-04-01"]);
    env.ok(&["log", "Rex", "--kind", "community", "--date", "2026-06-01"]);
    env.ok(&["log", "Sue", "--kind", "purchase", "--amount", "20"]);
    store(&env).decide(3, Decision::Reject).unwrap();
    env
}

#[test]
fn lists_moves_with_reasons_marks_and_a_matrix() {
    let env = portfolio();
    let report = env.json(&["reclassify", "--format", "json"]);
    assert_eq!(report["today"], TODAY);
    assert_eq!(report["applied"], 0);
    let moves = report["moves"].as_array().unwrap();
    let summary: Vec<(i64, &str, &str, &str, bool, &str)> = moves
        .iter()
        .map(|m| {
            (
                m["id"].as_i64().unwrap(),
                m["name"].as_str().unwrap(),
                m["from"].as_str().unwrap(),
                m["to"].as_str().unwrap(),
                m["pinned"].as_bool().unwrap(),
                m["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (1, "Ann", "transactional", "collaborative", false, "pending"),
            (2, "Pat", "loyal", "collaborative", true, "pending"),
            (3, "Rex", "transactional", "communal", false, "rejected"),
        ]
    );
    assert_eq!(moves[0]["reasons"], json!(["2 ideas or co-creations in 6 months"]));
    assert_eq!(moves[2]["reasons"], json!(["2 community activities in 6 months"]));
    assert_eq!(
        report["matrix"],
        json!([
            {"from": "transactional", "to": "collaborative", "count": 1},
            {"from": "transactional", "to": "communal", "count": 1},
            {"from": "loyal", "to": "collaborative", "count": 1},
        ])
    );

    let table = env.ok(&["reclassify"]);
    let row = |name: &str| table.lines().find(|l| l.contains(name)).unwrap_or_else(|| panic!("{name}:\n{table}"));
    assert!(row(" Ann ").contains("transactional → collaborative"), "{table}");
    assert!(row(" Ann ").contains("2 ideas or co-creations in 6 months"), "{table}");
    assert!(row(" Pat ").contains("loyal → collaborative") && row(" Pat ").contains("pinned"), "{table}");
    assert!(row(" Rex ").contains("rejected earlier"), "{table}");
    assert!(!table.contains("Sue"), "{table}");

    let matrix: Vec<Vec<&str>> = table
        .lines()
        .skip_while(|l| !l.starts_with("FROM \\ TO"))
        .take_while(|l| !l.is_empty())
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        matrix,
        [
            vec!["FROM", "\\", "TO", "collaborative", "communal", "total"],
            vec!["transactional", "1", "1", "2"],
            vec!["loyal", "1", "0", "1"],
            vec!["total", "2", "1", "3"],
        ],
        "{table}"
    );
    assert!(
        table.contains(
            "The evidence points 3 customers to another type; 1 of these is pending, and \
             `rapport reclassify --apply` accepts it."
        ),
        "{table}"
    );
    assert!(table.contains("1 customer pinned"), "{table}");
    assert!(
        table.contains("1 customer with the move rejected earlier: it stays until the evidence changes"),
        "{table}"
    );
}

#[test]
fn apply_moves_only_pending_unpinned_customers() {
    let env = portfolio();
    let before = env.dump();
    let text = env.ok(&["reclassify", "--apply"]);
    assert_ne!(env.dump(), before);
    assert!(text.contains("Moved 1 customer to the suggested type."), "{text}");
    assert!(text.contains("set its type by hand (t in the dashboard)"), "{text}");
    assert!(text.contains("pinned: a person set the type, so it stays"), "{text}");

    let list = env.json(&["list", "--format", "json"]);
    let types: Vec<(&str, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap(), c["relationship"].as_str().unwrap()))
        .collect();
    assert_eq!(types, [("Ann", "collaborative"), ("Pat", "loyal"), ("Rex", "transactional"), ("Sue", "transactional")]);
    let ann = env.json(&["show", "Ann", "--format", "json"]);
    assert_eq!(ann["history"][0]["by"], "engine");
    assert_eq!(ann["history"][0]["to"], "collaborative");
    assert!(ann["history"][0]["reason"].as_str().unwrap().contains("2 ideas or co-creations"));

    let again = env.json(&["reclassify", "--apply", "--format", "json"]);
    assert_eq!(again["applied"], 0);
    let left: Vec<&str> = again["moves"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
    assert_eq!(left, ["Pat", "Rex"]);
}

#[test]
fn archived_customers_are_left_out_and_a_fitting_portfolio_says_so() {
    let env = portfolio();
    let mut s = store(&env);
    for id in [1, 2, 3] {
        s.archive(id).unwrap();
    }
    drop(s);
    assert_eq!(
        env.ok(&["reclassify"]),
        "As of 2026-06-15, every customer's type fits the evidence: nothing to move.\n"
    );
    let report = env.json(&["reclassify", "--format", "json"]);
    assert_eq!(report, json!({"today": TODAY, "moves": [], "matrix": [], "applied": 0}));
}

#[test]
fn help_says_what_apply_leaves_alone() {
    let env = Env::new(TODAY);
    let help = env.ok(&["reclassify", "--help"]).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("not pinned") && help.contains("rejected earlier are not applied"), "{help}");
}
