//! `rapport list` through the real binary: sorting, filters, the three formats, terminal
//! safety of the table, exactness of CSV and JSON, and a reader that stops early.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::support::TODAY;
use crate::support::cli::Env;
use rapport::domain::dates::parse_date;
use rapport::domain::{Customer, InteractionKind};
use rapport::store::{Session, Store};
use unicode_width::UnicodeWidthStr;

/// A name built to attack a terminal: escape sequences (CSI colour, OSC title, a bell),
/// a C1 CSI, a bidi override, a zero-width joiner and a line break.
const HOSTILE: &str =
    "Mal\u{1b}[31mory\u{1b}]0;owned\u{7} \u{9b}2J \u{202e}evil\u{202c} zw\u{200d}j \"quoted\", line\nbreak";

fn names(env: &Env, args: &[&str]) -> Vec<String> {
    let list = env.json(args);
    list.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect()
}

#[test]
fn lists_sorted_by_name_ignoring_case_then_by_id() {
    let env = Env::new(TODAY);
    env.add(&["bob"]);
    env.add(&["Álvaro"]);
    env.add(&["alice"]);
    env.add(&["Alice"]);
    env.add(&["álvaro"]);
    let mut args = vec!["list", "--format", "json"];
    assert_eq!(names(&env, &args), ["alice", "Alice", "bob", "Álvaro", "álvaro"]);
    args[2] = "csv";
    let csv = env.ok(&args);
    let ids: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(ids, ["3", "4", "1", "2", "5"]);
}

#[test]
fn filters_by_type_and_at_risk() {
    let env = Env::new(TODAY);
    env.add(&["Calm Carla"]);
    env.add(&["Pinned Paul", "--type", "loyal"]);
    env.add(&["Angry Andy"]);
    env.ok(&["feedback", "Angry", "--nps", "0", "--csat", "1", "--kind", "complaint", "--comment", "Broken again"]);

    assert_eq!(names(&env, &["list", "--type", "loyal", "--format", "json"]), ["Pinned Paul"]);
    assert_eq!(names(&env, &["list", "--type", "Loyalty-based", "--format", "json"]), ["Pinned Paul"]);
    assert_eq!(names(&env, &["list", "--type", "transactional", "--format", "json"]), ["Angry Andy", "Calm Carla"]);
    assert_eq!(names(&env, &["list", "--at-risk", "--format", "json"]), ["Angry Andy"]);
    assert!(names(&env, &["list", "--at-risk", "--type", "loyal", "--format", "json"]).is_empty());

    let andy = &env.json(&["list", "--at-risk", "--format", "json"])[0];
    assert_eq!(andy["band"], "at_risk");
    assert_eq!(andy["open_complaints"], 1);
    assert_eq!(andy["nps"], 0);
    assert_eq!(andy["satisfaction"], 0.0);

    let err = env.fails(&["list", "--type", "friendly"], 2);
    assert!(err.contains("--type: unknown relationship type 'friendly'") && err.contains("supportive"), "{err}");
    assert_eq!(env.ok(&["list", "--type", "communal"]), "No customers to list.\n");
}

#[test]
fn every_column_is_listed_in_every_format() {
    let env = Env::new(TODAY);
    let id = env.add(&["Ada Lovelace", "--email", "ada@example.com", "--company", "Engines", "--owner", "Sam"]);
    env.ok(&["log", "Ada", "--kind", "co_creation", "--date", "2026-06-01"]);
    env.ok(&["log", "Ada", "--kind", "co_creation", "--date", "2026-06-10"]);
    env.ok(&["feedback", "Ada", "--nps", "9", "--csat", "4", "--date", "2026-06-12"]);

    let json = env.json(&["list", "--format", "json"]);
    let row = &json[0];
    let expected = serde_json::json!({
        "id": id, "name": "Ada Lovelace", "company": "Engines", "email": "ada@example.com",
        "relationship": "transactional", "pinned": false, "stage": "prospect", "owner": "Sam",
        "health": row["health"], "band": row["band"], "satisfaction": 82.5, "nps": 9,
        "last_contact": "2026-06-10", "follow_up": "2026-12-07", "follow_up_due": false, "trend": null,
        "open_complaints": 0, "interactions": 2, "suggestion": "collaborative"
    });
    assert_eq!(row, &expected);
    assert!(row["health"].as_u64().unwrap() <= 100);

    let csv = env.ok(&["list", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let keys: Vec<String> = row.as_object().unwrap().keys().cloned().collect();
    assert_eq!(header, keys, "CSV header and JSON keys agree");
    let record = reader.records().next().unwrap().unwrap();
    assert_eq!(&record[1], "Ada Lovelace");
    assert_eq!(&record[10], "82.5");
    assert_eq!(&record[15], "", "no trend yet");
    assert_eq!(&record[18], "collaborative");

    let table = env.ok(&["list"]);
    let mut lines = table.lines();
    let head = lines.next().unwrap();
    for title in ["ID", "NAME", "COMPANY", "EMAIL", "TYPE", "PIN", "STAGE", "OWNER", "HEALTH", "BAND", "SAT", "NPS"] {
        assert!(head.contains(title), "{head}");
    }
    for title in ["LAST CONTACT", "FOLLOW-UP", "TREND", "COMPLAINTS", "INTERACTIONS", "SUGGESTS"] {
        assert!(head.contains(title), "{head}");
    }
    let line = lines.next().unwrap();
    for cell in ["Ada Lovelace", "ada@example.com", "transactional", "2026-06-10", "2026-12-07", "collaborative"] {
        assert!(line.contains(cell), "{line}");
    }
}

#[test]
fn an_empty_database_lists_a_header_or_nothing() {
    let env = Env::new(TODAY);
    // No file yet: a mistyped --db is said, not answered with a new empty database.
    let missing = env.fails(&["list"], 1);
    assert!(missing.contains("there is no such file; check the path"), "{missing}");
    assert!(!env.db().exists());
    // An empty database, as the dashboard leaves it when first opened.
    drop(rapport::store::Store::open(&env.db(), rapport::store::Session::on(TODAY.parse().unwrap())));
    assert_eq!(env.ok(&["list", "--format", "json"]), "[]\n");
    let csv = env.ok(&["list", "--format", "csv"]);
    assert!(csv.starts_with("id,name,company,email,relationship,pinned,stage") && csv.lines().count() == 1, "{csv}");
    assert_eq!(env.ok(&["list"]), "No customers to list.\n");
    env.add(&["Ada"]);
    let filled = env.ok(&["list", "--format", "csv"]);
    assert_eq!(filled.lines().next(), csv.lines().next(), "the same header with or without rows");
}

/// The display column at which `needle` starts in `line`.
fn column_of(line: &str, needle: &str) -> usize {
    let at = line.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {line:?}"));
    line[..at].width()
}

#[test]
fn the_table_aligns_wide_characters_and_shows_hostile_text_inert() {
    let env = Env::new(TODAY);
    let long = "Bartholomew Fitzwilliam-Montgomery of Little Whinging";
    let short_hostile = "\u{202e}Rev\u{1b}[2J\u{9b}";
    for name in ["張偉", "Zoë 🎉 Party", "Ünal Öztürk", "محمد", long, HOSTILE, short_hostile, "Ann"] {
        env.add(&[name, "--company", "ACME", "--owner", "Kim"]);
    }
    let table = env.ok(&["list"]);
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{202c}', '\u{200d}'] {
        assert!(!table.contains(bad), "{bad:?} reached the terminal:\n{table}");
    }
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 9, "one line per customer, a line break in a name is not a new row:\n{table}");
    let company = column_of(lines[0], "COMPANY");
    let owner = column_of(lines[0], "OWNER");
    for line in &lines[1..] {
        assert_eq!(column_of(line, "ACME"), company, "misaligned:\n{table}");
        assert_eq!(column_of(line, "Kim"), owner, "misaligned:\n{table}");
    }
    assert!(table.contains("Mal␛[31mory␛]0;owned␇"), "{table}");
    assert!(table.contains("\\u{202e}Rev␛[2J\\u{9b}"), "{table}");
    let long_line = lines.iter().find(|l| l.contains("Bartholomew")).unwrap();
    assert!(long_line.contains('…') && !long_line.contains("Whinging"), "{long_line}");
}

#[test]
fn csv_and_json_keep_hostile_text_exact() {
    let env = Env::new(TODAY);
    let long = "x".repeat(500);
    env.add(&[HOSTILE, "--company", &long, "--owner", "Ödön, \"the\" boss"]);
    let json = env.json(&["list", "--format", "json"]);
    assert_eq!(json[0]["name"], HOSTILE);
    assert_eq!(json[0]["company"], long.as_str());
    assert_eq!(json[0]["owner"], "Ödön, \"the\" boss");

    let csv = env.ok(&["list", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let record = reader.records().next().unwrap().unwrap();
    assert_eq!(&record[1], HOSTILE);
    assert_eq!(&record[2], long);
    assert_eq!(&record[7], "Ödön, \"the\" boss");
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let env = Env::new(TODAY);
    let today = parse_date(TODAY).unwrap();
    let mut store = Store::open(&env.db(), Session::on(today)).unwrap();
    store
        .bulk_load(|loader| {
            for i in 0..3000 {
                let mut c = Customer::new(format!("Customer {i:05} with a fairly long name"), today);
                c.company = "A company with a long name too".into();
                let id = loader.insert_customer(&c)?;
                loader.insert_interaction(&rapport::domain::Interaction {
                    id: 0,
                    customer_id: id,
                    date: today,
                    kind: InteractionKind::Call,
                    summary: String::new(),
                    amount: None,
                    sentiment: None,
                })?;
            }
            Ok(())
        })
        .unwrap();
    drop(store);
    for format in ["table", "csv", "json"] {
        let mut child = env
            .process()
            .args(["list", "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        assert!(!first.is_empty());
        // The reader is dropped here: the pipe closes with most of the list unwritten.
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "{format}: {}", String::from_utf8_lossy(&out.stderr));
    }
}
