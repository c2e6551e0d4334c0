//! One scenario per relationship type, built only through the command line (add, log,
//! feedback, contract) on a fixed date, then checked through `rapport reclassify`: the
//! type each customer should move to and the reasons given; `--apply` moves them and a
//! second run finds nothing left to move but the pinned customer, who stays.

use crate::support::TODAY;
use crate::support::cli::Env;
use serde_json::Value;

fn move_of<'a>(report: &'a Value, name: &str) -> Option<&'a Value> {
    report["moves"].as_array().unwrap().iter().find(|m| m["name"] == name)
}

fn reasons(m: &Value) -> Vec<String> {
    m["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_string()).collect()
}

/// Asserts that `name` would move from `from` to `to` with (at least) these reasons.
fn expect_move(report: &Value, name: &str, from: &str, to: &str, expected: &[&str]) {
    let m = move_of(report, name).unwrap_or_else(|| panic!("no move for {name}: {report:#}"));
    assert_eq!((m["from"].as_str(), m["to"].as_str()), (Some(from), Some(to)), "{name}: {m:#}");
    let given = reasons(m);
    for reason in expected {
        assert!(given.iter().any(|r| r == reason), "{name}: expected reason {reason:?} in {given:?}");
    }
}

/// A long-term customer: purchases in three different months, CSAT 4, a recent call.
fn build_long_term(env: &Env, name: &str) {
    env.add(&[name]);
    for date in ["2026-03-05", "2026-04-05", "2026-05-05"] {
        env.ok(&["log", name, "--kind", "purchase", "--amount", "80", "--date", date]);
    }
    env.ok(&["log", name, "--kind", "call", "--date", "2026-06-01", "--summary", "How are the shoes?"]);
    env.ok(&["feedback", name, "--csat", "4", "--date", "2026-06-02"]);
}

fn build_portfolio(env: &Env) {
    // Contractual: a supply agreement running since January.
    env.add(&["Cora Contract", "--company", "Cora's Corner Shop"]);
    env.ok(&["contract", "Cora", "--kind", "supply", "--start", "2026-01-01", "--value", "24000"]);

    // Collaborative: worked on a product together and sent an idea.
    env.add(&["Colin Creator"]);
    env.ok(&[
        "log",
        "Colin",
        "--kind",
        "co_creation",
        "--date",
        "2026-05-01",
        "--summary",
        "Designed the autumn range",
    ]);
    env.ok(&["feedback", "Colin", "--kind", "idea", "--comment", "A recycled sole?", "--date", "2026-06-01"]);

    // Communal: two referrals (one logged, one customer brought in) and a community event.
    env.add(&["Nina Neighbour"]);
    env.add(&["Fritz Friend", "--referred-by", "Nina"]);
    env.ok(&["log", "Nina", "--kind", "referral", "--date", "2026-04-20"]);
    env.ok(&["log", "Nina", "--kind", "community", "--date", "2026-05-20", "--summary", "Repair café"]);

    // Loyal: more than a year with us, six purchases in the last twelve months, a promoter.
    env.add(&["Lola Loyal"]);
    for date in ["2025-05-01", "2025-07-10", "2025-09-10", "2025-11-10", "2026-01-10", "2026-03-10", "2026-05-10"] {
        env.ok(&["log", "Lola", "--kind", "purchase", "--amount", "120", "--date", date]);
    }
    env.ok(&["feedback", "Lola", "--nps", "9", "--date", "2026-06-01"]);

    // Long-term.
    build_long_term(env, "Liam Longterm");

    // Supportive: three support requests that went well.
    env.add(&["Sam Support"]);
    for (date, mood) in [("2026-04-01", "1"), ("2026-05-01", "0"), ("2026-06-01", "1")] {
        env.ok(&["log", "Sam", "--kind", "support", "--date", date, "--sentiment", mood]);
    }

    // Transactional, and staying so: one purchase, nothing else.
    env.add(&["Tess Transaction"]);
    env.ok(&["log", "Tess", "--kind", "purchase", "--amount", "15.99", "--date", "2026-02-14"]);

    // Pinned: set as transactional by hand, although she now behaves communally.
    env.add(&["Pia Pinned", "--type", "transactional"]);
    env.ok(&["log", "Pia", "--kind", "community", "--date", "2026-05-01"]);
    env.ok(&["log", "Pia", "--kind", "community", "--date", "2026-06-01"]);
}

#[test]
fn each_relationship_type_is_recognised_from_what_was_logged() {
    let env = Env::new(TODAY);
    build_portfolio(&env);
    let report = env.json(&["reclassify", "--format", "json"]);

    expect_move(&report, "Cora Contract", "transactional", "contractual", &["supply contract active since 2026-01-01"]);
    expect_move(&report, "Colin Creator", "transactional", "collaborative", &["2 ideas or co-creations in 6 months"]);
    expect_move(
        &report,
        "Nina Neighbour",
        "transactional",
        "communal",
        &["2 referrals made", "1 community activity in 6 months"],
    );
    expect_move(
        &report,
        "Lola Loyal",
        "transactional",
        "loyal",
        &["customer for 13 months", "6 purchases in 12 months", "NPS 9 (promoter)", "no open complaint"],
    );
    expect_move(
        &report,
        "Liam Longterm",
        "transactional",
        "long_term",
        &[
            "3 purchases in 12 months",
            "purchases in 3 different months",
            "CSAT 4.0 over 90 days",
            "last contact 14 days ago",
        ],
    );
    expect_move(
        &report,
        "Sam Support",
        "transactional",
        "supportive",
        &["3 support requests in 90 days", "support mood +0.7 on average"],
    );
    expect_move(&report, "Pia Pinned", "transactional", "communal", &["2 community activities in 6 months"]);
    assert_eq!(move_of(&report, "Pia Pinned").unwrap()["pinned"], true);
    assert!(move_of(&report, "Tess Transaction").is_none(), "Tess fits transactional");
    assert!(move_of(&report, "Fritz Friend").is_none(), "Fritz fits transactional");
    assert_eq!(report["moves"].as_array().unwrap().len(), 7);
    assert!(report["moves"].as_array().unwrap().iter().all(|m| m["status"] == "pending"));

    let applied = env.json(&["reclassify", "--apply", "--format", "json"]);
    assert_eq!(applied["applied"], 6);

    let list = env.json(&["list", "--format", "json"]);
    let type_of = |name: &str| -> String {
        let c = list.as_array().unwrap().iter().find(|c| c["name"] == name).unwrap();
        c["relationship"].as_str().unwrap().to_string()
    };
    assert_eq!(type_of("Cora Contract"), "contractual");
    assert_eq!(type_of("Colin Creator"), "collaborative");
    assert_eq!(type_of("Nina Neighbour"), "communal");
    assert_eq!(type_of("Lola Loyal"), "loyal");
    assert_eq!(type_of("Liam Longterm"), "long_term");
    assert_eq!(type_of("Sam Support"), "supportive");
    assert_eq!(type_of("Tess Transaction"), "transactional");
    assert_eq!(type_of("Pia Pinned"), "transactional");

    let second = env.json(&["reclassify", "--format", "json"]);
    let left = second["moves"].as_array().unwrap();
    assert_eq!(left.len(), 1, "only the pinned customer is still suggested: {second:#}");
    assert_eq!((left[0]["name"].as_str(), left[0]["pinned"].as_bool()), (Some("Pia Pinned"), Some(true)));
    let table = env.ok(&["reclassify"]);
    let pia = table.lines().find(|l| l.contains("Pia Pinned")).unwrap();
    assert!(pia.contains("transactional → communal") && pia.contains("pinned"), "{table}");
}

#[test]
fn a_customer_who_drifts_away_becomes_transactional_again() {
    let mut env = Env::new(TODAY);
    build_long_term(&env, "Theo Drifter");
    let applied = env.json(&["reclassify", "--apply", "--format", "json"]);
    assert_eq!(applied["applied"], 1);
    assert_eq!(env.json(&["show", "Theo", "--format", "json"])["customer"]["relationship"], "long_term");

    // Fifteen months later, with nothing logged since.
    env.today = "2027-09-01".into();
    let report = env.json(&["reclassify", "--format", "json"]);
    expect_move(
        &report,
        "Theo Drifter",
        "long_term",
        "transactional",
        &["no closer relationship pattern fits", "0 purchases in 12 months", "last interaction 457 days ago"],
    );
    assert_eq!(env.json(&["reclassify", "--apply", "--format", "json"])["applied"], 1);
    assert_eq!(env.json(&["reclassify", "--format", "json"])["moves"], serde_json::json!([]));
    assert_eq!(env.json(&["show", "Theo", "--format", "json"])["customer"]["relationship"], "transactional");
}
