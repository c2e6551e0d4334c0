//! `rapport add`, `log`, `feedback` and `contract` through the real binary: what they
//! print, what they store, and that every bad input is refused with exit status 2 and
//! the database left exactly as it was.

use crate::support::TODAY;
use crate::support::cli::Env;

fn env_with_ada() -> (Env, i64) {
    let env = Env::new(TODAY);
    let id = env.add(&["Ada Lovelace", "--email", "ada@example.com", "--company", "Analytical Engines"]);
    (env, id)
}

#[test]
fn add_prints_only_the_id_and_stores_every_field() {
    let env = Env::new(TODAY);
    let out = env.run(&["add", "Bob Babbage"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n");
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));

    let id = env.add(&[
        "  Ada Lovelace ",
        "--company",
        "Analytical Engines",
        "--email",
        "ada@example.com",
        "--phone",
        "+44 20 7946 0000",
        "--type",
        "loyal",
        "--tags",
        "vip, wholesale,VIP",
        "--owner",
        "Sam",
        "--referred-by",
        "bob",
        "--note",
        "Met at the fair",
    ]);
    assert_eq!(id, 2);
    let shown = env.json(&["show", "2", "--format", "json"]);
    let c = &shown["customer"];
    assert_eq!(c["name"], "Ada Lovelace");
    assert_eq!(c["company"], "Analytical Engines");
    assert_eq!(c["email"], "ada@example.com");
    assert_eq!(c["phone"], "+44 20 7946 0000");
    assert_eq!(c["tags"], serde_json::json!(["vip", "wholesale"]));
    assert_eq!(c["owner"], "Sam");
    assert_eq!(c["notes"], "Met at the fair");
    assert_eq!(c["relationship"], "loyal");
    assert_eq!(c["pinned"], true);
    assert_eq!(c["created"], TODAY);
    assert_eq!(shown["referred_by"], serde_json::json!({"id": 1, "name": "Bob Babbage"}));
    assert_eq!(shown["history"][0]["by"], "user");

    let bob = env.json(&["show", "Bob Babbage", "--format", "json"]);
    assert_eq!(bob["customer"]["relationship"], "transactional");
    assert_eq!(bob["customer"]["pinned"], false);
    assert_eq!(bob["referrals"], serde_json::json!([{"id": 2, "name": "Ada Lovelace"}]));
}

#[test]
fn log_feedback_and_contract_confirm_with_the_new_record_id() {
    let (env, id) = env_with_ada();
    let out = env.ok(&[
        "log",
        "Ada",
        "--kind",
        "purchase",
        "--amount",
        "1,234.50",
        "--summary",
        "Two looms",
        "--sentiment",
        "-1",
    ]);
    assert_eq!(out, "Logged a purchase with Ada Lovelace (interaction 1)\n");
    let out = env.ok(&["log", "ada@example.com", "--kind", "Call", "--date", "2026-06-01"]);
    assert_eq!(out, "Logged a call with Ada Lovelace (interaction 2)\n");
    let out =
        env.ok(&["feedback", &id.to_string(), "--nps", "9", "--csat", "5", "--kind", "praise", "--comment", "Lovely"]);
    assert_eq!(out, "Logged praise from Ada Lovelace (feedback 1)\n");
    let out = env.ok(&["contract", "ada lovelace", "--kind", "service", "--start", "2026-01-01", "--value", "12000"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Added a service contract for Ada Lovelace (contract 1)");
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[1].contains("now looks Contractual (was Transactional)"), "{out}");
    assert!(lines[1].contains("rapport reclassify"), "{out}");

    let shown = env.json(&["show", "Ada", "--format", "json"]);
    let timeline = shown["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), 3);
    let purchase = timeline.iter().find(|e| e["kind"] == "purchase").unwrap();
    assert_eq!(purchase["date"], TODAY, "the date defaults to today");
    assert_eq!(purchase["amount"], 123450);
    assert_eq!(purchase["sentiment"], -1);
    assert_eq!(purchase["summary"], "Two looms");
    let feedback = timeline.iter().find(|e| e["type"] == "feedback").unwrap();
    assert_eq!((feedback["nps"].as_u64(), feedback["csat"].as_u64()), (Some(9), Some(5)));
    assert_eq!(feedback["comment"], "Lovely");
    let contract = &shown["contracts"][0];
    assert_eq!((contract["kind"].as_str(), contract["value"].as_i64()), (Some("service"), Some(1_200_000)));
    assert_eq!(contract["end"], serde_json::Value::Null);
    assert_eq!(shown["suggestion"]["to"], "contractual");
    assert_eq!(shown["suggestion"]["status"], "pending");
}

#[test]
fn a_write_that_changes_the_evidence_says_so_once() {
    let (env, _) = env_with_ada();
    let first = env.ok(&["log", "Ada", "--kind", "co_creation"]);
    assert_eq!(first.lines().count(), 1, "{first}");
    let second = env.ok(&["log", "Ada", "--kind", "co-creation"]);
    assert!(second.contains("Ada Lovelace now looks Collaborative (was Transactional)"), "{second}");
    let third = env.ok(&["log", "Ada", "--kind", "co_creation"]);
    assert_eq!(third.lines().count(), 1, "the same suggestion is not announced again: {third}");
}

#[test]
fn customers_are_named_by_id_email_name_or_unique_prefix() {
    let env = Env::new(TODAY);
    env.add(&["Ann Able", "--email", "ann@example.com"]);
    env.add(&["Anna Baker"]);
    for reference in ["1", "ANN@example.com", "ann able", "Ann Able"] {
        assert!(env.ok(&["log", reference, "--kind", "note"]).contains("with Ann Able"), "{reference}");
    }
    assert!(env.ok(&["log", "anna", "--kind", "note"]).contains("with Anna Baker"));
    let err = env.fails(&["log", "An", "--kind", "note"], 2);
    assert!(err.contains("more than one") && err.contains("Ann Able") && err.contains("Anna Baker"), "{err}");
    let err = env.fails(&["feedback", "Zed", "--nps", "5"], 2);
    assert!(err.contains("no customer matches 'Zed'"), "{err}");
    let err = env.fails(&["contract", "Annika", "--kind", "supply", "--start", "2026-01-01"], 2);
    assert!(err.contains("Annika"), "{err}");
}

#[test]
fn bad_customers_are_refused_and_nothing_is_written() {
    let env = Env::new(TODAY);
    env.add(&["Dee", "--email", "dee@example.com"]);
    let cases: &[(&[&str], &str)] = &[
        (&["add", ""], "name is required"),
        (&["add", "   "], "name is required"),
        (&["add", "Dee Two", "--email", "DEE@example.com"], "already used"),
        (&["add", "Eve", "--email", "not-an-email"], "does not look like"),
        (&["add", "Eve", "--type", "friendly"], "expected one of: transactional, long_term"),
        (&["add", "Eve", "--referred-by", "Nobody"], "no customer matches 'Nobody'"),
    ];
    for (args, expected) in cases {
        let err = env.fails(args, 2);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
}

#[test]
fn bad_interactions_feedback_and_contracts_are_refused_and_nothing_is_written() {
    let (env, _) = env_with_ada();
    let cases: &[(&[&str], &str)] = &[
        (&["log", "Ada", "--kind", "lunch"], "--kind: unknown interaction kind 'lunch'"),
        (&["log", "Ada", "--kind", "call", "--sentiment", "3"], "--sentiment: sentiment 3 is outside"),
        (&["log", "Ada", "--kind", "call", "--sentiment", "-3"], "sentiment -3 is outside"),
        (&["log", "Ada", "--kind", "call", "--sentiment", "good"], "not a whole number"),
        (&["log", "Ada", "--kind", "purchase", "--amount", "-5"], "--amount: amount '-5' is negative"),
        (&["log", "Ada", "--kind", "purchase", "--amount", "12.345"], "more than two decimals"),
        (&["log", "Ada", "--kind", "purchase", "--amount", "twelve"], "is not a number"),
        (&["log", "Ada", "--kind", "purchase", "--amount", "12,50"], "write decimals with a point, like 12.50"),
        (&["log", "Ada", "--kind", "purchase", "--amount=-abc"], "amount '-abc' is not a number"),
        (&["log", "Ada", "--kind", "call", "--date", "2026-02-30"], "does not exist in the calendar"),
        (&["log", "Ada", "--kind", "call", "--date", "15/06/2026"], "--date: date '15/06/2026' is not in the form"),
        (&["log", "Ada", "--kind", "call", "--date", "2026-06-16"], "is in the future"),
        (&["feedback", "Ada", "--nps", "11"], "--nps: NPS 11 is outside 0–10"),
        (&["feedback", "Ada", "--nps", "-1"], "NPS -1 is outside"),
        (&["feedback", "Ada", "--csat", "0"], "--csat: CSAT 0 is outside 1–5"),
        (&["feedback", "Ada", "--csat", "6"], "CSAT 6 is outside"),
        (&["feedback", "Ada", "--nps", "9", "--kind", "rant"], "unknown feedback kind 'rant'"),
        (&["feedback", "Ada"], "at least an NPS score, a CSAT score or a comment"),
        (&["feedback", "Ada", "--nps", "9", "--date", "2026-13-01"], "--date"),
        (&["contract", "Ada", "--kind", "lease", "--start", "2026-01-01"], "unknown contract kind 'lease'"),
        (&["contract", "Ada", "--kind", "supply", "--start", "soon"], "--start: date 'soon'"),
        (&["contract", "Ada", "--kind", "supply", "--start", "2026-01-01", "--end", "2025-12-31"], "is before start"),
        (&["contract", "Ada", "--kind", "supply", "--start", "2026-01-01", "--value", "-1"], "--value"),
    ];
    for (args, expected) in cases {
        let err = env.fails(args, 2);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
}

#[test]
fn archived_customers_take_no_new_records() {
    let (env, id) = env_with_ada();
    let today = rapport::domain::dates::parse_date(TODAY).unwrap();
    let mut store = rapport::store::Store::open(&env.db(), rapport::store::Session::on(today)).unwrap();
    store.archive(id).unwrap();
    drop(store);
    for args in [
        &["log", "Ada", "--kind", "call"][..],
        &["feedback", "Ada", "--nps", "8"],
        &["contract", "Ada", "--kind", "supply", "--start", "2026-01-01"],
    ] {
        let err = env.fails(args, 2);
        assert!(err.contains("archived"), "{args:?}: {err}");
    }
}

#[test]
fn a_bad_today_is_a_usage_error_and_a_broken_file_a_failure() {
    let (env, _) = env_with_ada();
    let before = env.dump();
    let out = env.cmd().env("RAPPORT_TODAY", "someday").args(["log", "Ada", "--kind", "call"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("rapport: RAPPORT_TODAY"));
    assert_eq!(env.dump(), before);

    let dir = tempfile::tempdir().unwrap();
    let not_a_db = dir.path().join("notes.txt");
    std::fs::write(&not_a_db, "shopping list: milk, eggs, and a great deal more text than a header\n".repeat(3))
        .unwrap();
    let original = std::fs::read(&not_a_db).unwrap();
    for args in [&["add", "Eve"][..], &["log", "Eve", "--kind", "call"], &["list"]] {
        let out = env.bare().arg("--db").arg(&not_a_db).args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty());
        assert!(stderr.starts_with("rapport: ") && stderr.contains("not a SQLite database"), "{stderr}");
    }
    assert_eq!(std::fs::read(&not_a_db).unwrap(), original);
}

#[test]
fn a_message_that_quotes_bad_input_quotes_only_the_start_of_it() {
    let (env, _) = env_with_ada();
    let long = "x".repeat(5_000);
    let cases: [(&[&str], &str); 4] = [
        (&["log", "Ada Lovelace", "--kind", "call", "--date", &long], "date 'xxx"),
        (&["add", "Bea", "--email", &long], "email 'xxx"),
        (&["feedback", "Ada Lovelace", "--nps", &long], "'xxx"),
        (&["log", "Ada Lovelace", "--kind", "purchase", "--amount", &long], "amount 'xxx"),
    ];
    for (args, quoted) in cases {
        let line = env.fails(args, 2);
        assert!(line.contains(quoted) && line.contains('…'), "{line}");
        assert!(line.chars().count() < 300, "{} characters: {line}", line.chars().count());
    }
}
