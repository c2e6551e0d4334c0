//! `rapport show` through the real binary: every signal in words, the sparkline, the
//! engine's view, contracts, history and the latest 20 timeline entries, as text and JSON.

use crate::support::TODAY;
use crate::support::cli::Env;

/// Ada: referred by Bob, refers Cy, with purchases, calls, support, an open complaint,
/// two scored answers months apart and a contract. 26 timeline entries in all.
fn ada() -> Env {
    let env = Env::new(TODAY);
    env.add(&["Bob Babbage"]);
    env.add(&["Ada Lovelace", "--email", "ada@example.com", "--owner", "Sam", "--referred-by", "Bob", "--tags", "vip"]);
    env.add(&["Cy Clops", "--referred-by", "ada@example.com"]);
    for day in 1..=20 {
        let date = format!("2026-05-{day:02}");
        env.ok(&["log", "Ada", "--kind", "purchase", "--amount", "10", "--date", &date, "--summary", "Tea"]);
    }
    env.ok(&["log", "Ada", "--kind", "call", "--date", "2026-06-02", "--summary", "Checked in"]);
    env.ok(&["log", "Ada", "--kind", "support", "--date", "2026-06-03", "--sentiment", "1"]);
    env.ok(&["feedback", "Ada", "--nps", "0", "--date", "2026-01-10"]);
    env.ok(&["feedback", "Ada", "--nps", "10", "--date", "2026-06-01"]);
    env.ok(&["feedback", "Ada", "--kind", "complaint", "--comment", "Late delivery", "--date", "2026-06-04"]);
    env.ok(&["contract", "Ada", "--kind", "supply", "--start", "2026-07-01", "--value", "5000"]);
    env.ok(&["log", "Ada", "--kind", "note", "--date", "2026-06-05", "--summary", "Newest entry"]);
    env
}

#[test]
fn text_shows_contact_signals_and_the_latest_timeline() {
    let env = ada();
    let text = env.ok(&["show", "Ada"]);
    assert!(text.starts_with("Ada Lovelace (id 2)\n"), "{text}");
    let line = |label: &str| -> String {
        text.lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no {label} line in\n{text}"))
            .to_string()
    };
    assert!(line("Email").ends_with("ada@example.com"));
    assert!(line("Owner").ends_with("Sam"));
    assert!(line("Tags").ends_with("vip"));
    assert!(line("Type").contains("Transactional"));
    assert!(line("Referred by").contains("Bob Babbage (id 1)"));
    assert!(line("Has referred").contains("Cy Clops (id 3)"));
    assert!(line("Health").contains("/100"));
    assert!(line("NPS").contains("10 (promoter)"));
    assert!(line("Last interaction").contains("10 days ago (2026-06-05)"));
    assert!(line("Last contact").contains("2026-06-05"));
    assert!(line("Purchases").contains("20 in 90 days, 20 in 365 days, 20 in all; bought in 1 of the last 12 months"));
    assert!(line("Spend").contains("200.00 in 365 days, 200.00 in all"));
    assert!(line("Referrals made").ends_with('1'));
    assert!(line("Support").contains("1 request in 90 days, mood +1.0"));
    assert!(line("Open complaints").ends_with('1'));
    assert!(line("Follow-up").contains("this type expects contact every 180 days"));
    assert!(line("Satisfaction trend").contains("[      ▁    █] ↑ up (Jul 2025 to Jun 2026)"), "{text}");
    assert!(line("Evidence says").contains("Transactional"));
    assert!(line("Suggestion").contains("none: the type fits"));
    assert!(text.contains("Supply  2026-07-01  open-ended"), "{text}");
    assert!(text.contains("upcoming"), "{text}");

    assert!(text.contains("Timeline, the latest 20 of 26"), "{text}");
    let timeline: Vec<&str> = text.lines().skip_while(|l| !l.starts_with("Timeline")).skip(2).collect();
    assert_eq!(timeline.len(), 20, "{text}");
    assert!(timeline[0].contains("2026-06-05") && timeline[0].contains("Newest entry"), "{text}");
    assert!(timeline.iter().any(|l| l.contains("Feedback: complaint (open)") && l.contains("“Late delivery”")));
    let dates: Vec<&str> = timeline.iter().map(|l| l.split_whitespace().next().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first: {dates:?}");
}

#[test]
fn json_holds_every_signal_and_the_engine_view() {
    let env = ada();
    let v = env.json(&["show", "ada@example.com", "--format", "json"]);
    assert_eq!(v["customer"]["name"], "Ada Lovelace");
    let s = &v["signals"];
    for key in [
        "health",
        "band",
        "satisfaction",
        "latest_nps",
        "nps_category",
        "csat_90",
        "recency_days",
        "contact_gap_days",
        "purchases_90",
        "purchases_365",
        "purchase_months_365",
        "spend_365",
        "spend_total",
        "tenure_days",
        "referrals_made",
        "co_creation_180",
        "community_180",
        "support_90",
        "support_sentiment_90",
        "open_complaints",
        "follow_up_on",
        "follow_up_due",
        "monthly_satisfaction",
        "trend",
    ] {
        assert!(s.get(key).is_some(), "signals.{key} missing");
    }
    assert_eq!(s["latest_nps"], 10);
    assert_eq!(s["nps_category"], "promoter");
    assert_eq!(s["spend_total"], 20000);
    assert_eq!(s["recency_days"], 10);
    assert_eq!(s["open_complaints"], 1);
    assert_eq!(s["trend"], "up");
    assert_eq!(v["sparkline"], "      ▁    █");
    assert_eq!(v["classification"]["relationship"], "transactional");
    assert!(v["classification"]["reasons"].as_array().is_some_and(|r| !r.is_empty()));
    assert_eq!(v["suggestion"], serde_json::Value::Null);
    assert_eq!(v["referred_by"]["name"], "Bob Babbage");
    assert_eq!(v["referrals"][0]["name"], "Cy Clops");
    assert_eq!(v["contracts"][0]["start"], "2026-07-01");
    assert_eq!(v["timeline"].as_array().unwrap().len(), 20);
    assert_eq!(v["timeline_total"], 26);
    assert_eq!(v["timeline"][0]["summary"], "Newest entry");
}

#[test]
fn pinned_customers_show_their_suggestion_and_history() {
    let env = Env::new(TODAY);
    env.add(&["Pat", "--type", "loyal"]);
    let text = env.ok(&["show", "Pat"]);
    assert!(text.contains("Loyalty-based (pinned"), "{text}");
    assert!(text.contains("Loyalty-based → Transactional, waiting for a decision since 2026-06-15"), "{text}");
    assert!(text.contains("the type is pinned, so it stays"), "{text}");
    assert!(text.contains("Classification history"), "{text}");
    assert!(text.contains("type set by hand when the customer was added"), "{text}");
    assert!(text.contains("Timeline\n  nothing logged yet"), "{text}");
    let v = env.json(&["show", "Pat", "--format", "json"]);
    assert_eq!(v["suggestion"]["to"], "transactional");
    assert_eq!(v["suggestion"]["pinned"], true);
    assert_eq!(v["suggestion"]["status"], "pending");
    assert_eq!(v["history"][0]["to"], "loyal");
}

#[test]
fn hostile_text_is_inert_in_the_text_form_and_exact_in_json() {
    let env = Env::new(TODAY);
    let name = "Eve\u{1b}]0;title\u{7}\u{202e}lin";
    let note = "line one\nline two \u{1b}[2J";
    let id = env.add(&[name, "--note", note, "--company", "\u{9b}31m"]);
    env.ok(&["log", &id.to_string(), "--kind", "note", "--summary", "\u{1b}[31mred"]);
    let text = env.ok(&["show", &id.to_string()]);
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
        assert!(!text.contains(bad), "{bad:?} in\n{text}");
    }
    assert!(text.contains("line one\n"), "notes keep their lines:\n{text}");
    let v = env.json(&["show", &id.to_string(), "--format", "json"]);
    assert_eq!(v["customer"]["name"], name);
    assert_eq!(v["customer"]["notes"], note);
    assert_eq!(v["timeline"][0]["summary"], "\u{1b}[31mred");
}

#[test]
fn an_unknown_customer_is_a_usage_error() {
    let env = Env::new(TODAY);
    env.add(&["Ada"]);
    let err = env.fails(&["show", "Grace"], 2);
    assert!(err.contains("no customer matches 'Grace'"), "{err}");
}

#[test]
fn names_match_ignoring_case_in_any_script() {
    let env = Env::new(TODAY);
    let zoe = env.add(&["Zoë Ångström"]);
    env.add(&["Ярослава Кузнецова"]);
    for reference in ["zoë ångström", "ZOË ÅNGSTRÖM", "zoË", "ярослава кузнецова", "ЯРОСЛАВА"]
    {
        let shown = env.ok(&["show", reference]);
        assert!(shown.starts_with("Zoë Ångström") || shown.starts_with("Ярослава Кузнецова"), "{reference}: {shown}");
    }
    // The same in an import, by a name written in another case.
    let file = env.db().with_file_name("calls.csv");
    std::fs::write(&file, "customer,date,kind,summary\nZOË ÅNGSTRÖM,2026-06-01,call,Caught up\n").unwrap();
    env.ok(&["import", file.to_str().unwrap()]);
    let shown = env.json(&["show", &zoe.to_string(), "--format", "json"]);
    assert_eq!(shown["timeline"][0]["summary"], "Caught up", "{shown}");
    // Different letters are still different: "zoe" is not "Zoë".
    env.fails(&["show", "zoe"], 2);
}
