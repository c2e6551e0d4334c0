//! Imports that succeed: spreadsheets from elsewhere, export folders into databases that
//! already hold customers, dry runs, all-or-nothing loading; and exports that refuse to
//! overwrite.

use std::path::PathBuf;

use assert_cmd::Command;
use rapport::domain::dates::parse_date;
use rapport::domain::*;
use rapport::store::{Session, Store};
use rapport::transfer::{ExportFormat, export};

use crate::support::{sandboxed, today};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env { dir: tempfile::tempdir().unwrap() }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, bytes).unwrap();
    }

    fn store(&self, db: &str) -> Store {
        Store::open(&self.path(db), Session::on(today())).unwrap()
    }

    fn rapport(&self, db: &str, args: &[&str]) -> Command {
        let mut cmd = Command::from_std(sandboxed(&self.path("home")));
        cmd.current_dir(self.dir.path()).arg("--db").arg(self.path(db)).args(args);
        cmd
    }

    /// Runs rapport, expecting success; returns (stdout, stderr).
    fn ok(&self, db: &str, args: &[&str]) -> (String, String) {
        let output = self.rapport(db, args).output().unwrap();
        let (out, err) = (String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap());
        assert_eq!(output.status.code(), Some(0), "stdout: {out}\nstderr: {err}");
        (out, err)
    }

    fn snapshot(&self, db: &str) -> String {
        let store = Store::open_existing(&self.path(db), Session::on(today())).unwrap();
        let out = tempfile::tempdir().unwrap();
        let file = out.path().join("snapshot.json");
        export(&store, &file, ExportFormat::Json).unwrap();
        format!("rev {}\n{}", store.rev().unwrap(), std::fs::read_to_string(file).unwrap())
    }
}

#[test]
fn a_spreadsheet_with_a_bom_crlf_odd_headers_and_extra_columns_imports() {
    let env = Env::new();
    env.write(
        "people.csv",
        "\u{feff} Name ,EMAIL, Company ,Region,notes2,Phone Number\r\n\
         Ada Lovelace, ada@example.com ,\"Acme, Inc\",North,x,+44 20 7946 0000\r\n\
         \"Bob \"\"B\"\"\",,,South,,\r\n\
         \"Multi\r\nline\",,,,,\r\n",
    );
    let (out, err) = env.ok("db.sqlite", &["import", "people.csv"]);
    assert_eq!(err, "rapport: people.csv: ignoring columns rapport does not know: Region\n");
    assert_eq!(out, "Imported 3 new customers from people.csv.\n");
    let store = env.store("db.sqlite");
    let ada = store.find_customer("ada@example.com").unwrap();
    assert_eq!((ada.name.as_str(), ada.company.as_str()), ("Ada Lovelace", "Acme, Inc"));
    assert_eq!(ada.phone, "+44 20 7946 0000", "\"Phone Number\" is the phone column");
    assert_eq!(ada.notes, "x", "\"notes2\" is a second notes column");
    assert_eq!(ada.relationship, RelationshipType::Transactional);
    assert_eq!(ada.created, today());
    assert_eq!(store.customer(2).unwrap().unwrap().name, "Bob \"B\"");
    assert_eq!(store.customer(3).unwrap().unwrap().name, "Multi\r\nline");
}

#[test]
fn without_a_relationship_the_engine_decides_and_given_types_are_kept() {
    let env = Env::new();
    env.write(
        "in/customers.csv",
        "name,email,relationship,pinned\nCo,co@example.com,,\nPat,pat@example.com,loyal,true\n",
    );
    env.write(
        "in/interactions.csv",
        "customer,date,kind\nco@example.com,2026-05-01,co_creation\nCo,2026-06-01,co_creation\n\
         Pat,2026-06-01,co_creation\npat@example.com,2026-06-02,co_creation\n",
    );
    let (out, _) = env.ok("db.sqlite", &["import", "in"]);
    assert_eq!(out, "Imported 2 new customers and 4 interactions from in.\n");
    let store = env.store("db.sqlite");
    let co = store.find_customer("Co").unwrap();
    assert_eq!(co.relationship, RelationshipType::Collaborative);
    let pat = store.find_customer("Pat").unwrap();
    assert_eq!((pat.relationship, pat.pinned), (RelationshipType::Loyal, true));
    let pending = store.pending_suggestions().unwrap();
    assert_eq!(pending.len(), 1, "{pending:?}");
    assert!(pending[0].pinned && pending[0].to == RelationshipType::Collaborative);
    let (out, _) = env.ok("db.sqlite", &["check"]);
    assert!(out.starts_with("OK: 2 customers"), "{out}");
}

#[test]
fn into_a_database_with_customers_records_get_new_ids_and_references_follow() {
    let env = Env::new();
    let mut source = env.store("source.sqlite");
    let mut ada = Customer::new("Ada", today());
    ada.email = Some("ada@example.com".into());
    let ada = source.add_customer(&ada).unwrap().created_id.unwrap();
    let mut ben = Customer::new("Ben", today());
    ben.referred_by = Some(ada);
    let ben = source.add_customer(&ben).unwrap().created_id.unwrap();
    let call = |customer_id| Interaction {
        id: 0,
        customer_id,
        date: parse_date("2026-06-01").unwrap(),
        kind: InteractionKind::Call,
        summary: format!("call {customer_id}"),
        amount: None,
        sentiment: None,
    };
    source.log_interaction(&call(ada)).unwrap();
    source.log_interaction(&call(ben)).unwrap();
    export(&source, &env.path("out"), ExportFormat::Csv).unwrap();

    let mut target = env.store("target.sqlite");
    for name in ["Xia", "Yan", "Zoe"] {
        target.add_customer(&Customer::new(name, today())).unwrap();
    }
    drop(target);
    let (out, _) = env.ok("target.sqlite", &["import", "out"]);
    assert_eq!(
        out,
        "Imported 2 new customers and 2 interactions from out (with new ids, as the database already holds customers).\n"
    );
    let target = env.store("target.sqlite");
    let new_ada = target.find_customer("ada@example.com").unwrap();
    let new_ben = target.find_customer("Ben").unwrap();
    assert!(new_ada.id > 3 && new_ben.id > 3);
    assert_eq!(new_ben.referred_by, Some(new_ada.id));
    let summaries: Vec<String> = target
        .timeline(new_ben.id, 10, 0)
        .unwrap()
        .into_iter()
        .map(|e| match e {
            rapport::domain::model::TimelineEntry::Interaction(i) => i.summary,
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(summaries, vec![format!("call {ben}")]);

    // Existing customers can be named by id, email or exact name.
    env.write(
        "more.csv",
        "customer,date,kind\n1,2026-06-01,email\nzoe,2026-06-02,meeting\nADA@example.com,2026-06-03,note\n",
    );
    let (out, _) = env.ok("target.sqlite", &["import", "more.csv"]);
    assert_eq!(out, "Imported 3 interactions from more.csv.\n");
    assert_eq!(target.timeline_len(1).unwrap(), 1);
    assert_eq!(target.timeline_len(3).unwrap(), 1);
    assert_eq!(target.timeline_len(new_ada.id).unwrap(), 2);
}

#[test]
fn a_dry_run_checks_everything_and_writes_nothing() {
    let env = Env::new();
    env.write("c.csv", "name,email\nAda,ada@example.com\nBob,\n");
    let (out, _) = env.ok("new.sqlite", &["import", "c.csv", "--dry-run"]);
    let mapping = "c.csv: a spreadsheet; UTF-8, separated by commas\n  name  → name\n  \
                   email → email (further addresses go to the notes)\n";
    assert_eq!(
        out,
        format!("{mapping}Dry run: c.csv is valid and would import 2 new customers. Nothing was written.\n")
    );
    assert!(!env.path("new.sqlite").exists());

    env.store("db.sqlite").add_customer(&Customer::new("Cy", today())).unwrap();
    let before = env.snapshot("db.sqlite");
    let (out, _) = env.ok("db.sqlite", &["import", "c.csv", "--dry-run"]);
    assert_eq!(
        out,
        format!("{mapping}Dry run: c.csv is valid and would import 2 new customers. Nothing was written.\n")
    );
    assert_eq!(env.snapshot("db.sqlite"), before);
    let output =
        env.rapport("db.sqlite", &["import", "c.csv", "--dry-run", "--kind", "interactions"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(env.snapshot("db.sqlite"), before);
}

#[test]
fn a_bad_last_row_of_ten_thousand_leaves_the_database_unchanged() {
    let env = Env::new();
    let mut store = env.store("db.sqlite");
    let mut ada = Customer::new("Ada", today());
    ada.email = Some("ada@example.com".into());
    store.add_customer(&ada).unwrap();
    drop(store);
    let mut text = String::from("customer,date,kind,amount\n");
    for i in 0..9_999 {
        text.push_str(&format!("ada@example.com,2026-06-{:02},purchase,{}.{:02}\n", i % 15 + 1, i, i % 100));
    }
    text.push_str("ada@example.com,2026-06-01,purchase,12,50\n");
    env.write("big.csv", &text);
    let before = env.snapshot("db.sqlite");
    let output = env.rapport("db.sqlite", &["import", "big.csv"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "big.csv:10001: the row has 5 fields but the header names 4; quote values that contain commas\n\
         rapport: nothing was imported: 1 problem in big.csv; fix it and import again\n"
    );
    assert_eq!(env.snapshot("db.sqlite"), before);

    // The same file with the last row fixed goes in whole.
    text.truncate(text.len() - "12,50\n".len());
    text.push_str("12.50\n");
    env.write("big.csv", &text);
    let (out, _) = env.ok("db.sqlite", &["import", "big.csv"]);
    assert_eq!(out, "Imported 10000 interactions from big.csv.\n");
    assert_eq!(env.store("db.sqlite").timeline_len(1).unwrap(), 10_000);
}

#[test]
fn exports_never_overwrite_and_leave_no_partial_files() {
    let env = Env::new();
    env.store("db.sqlite").add_customer(&Customer::new("Ada", today())).unwrap();
    env.write("full/keep.txt", "mine");
    let output = env.rapport("db.sqlite", &["export", "--out", "full"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "rapport: full already holds files and an export never overwrites; give a new or empty folder\n"
    );
    env.write("taken.json", "");
    let output = env.rapport("db.sqlite", &["export", "--out", "taken.json", "--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(std::fs::read(env.path("taken.json")).unwrap(), b"");

    std::fs::create_dir(env.path("empty")).unwrap();
    let (out, _) = env.ok("db.sqlite", &["export", "--out", "empty"]);
    assert_eq!(out, "Exported 1 customer, 0 interactions, 0 feedback, 0 contracts and 0 history entries to empty.\n");
    let mut names: Vec<String> = std::fs::read_dir(env.path("empty"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    names.sort();
    assert_eq!(names, ["contracts.csv", "customers.csv", "feedback.csv", "history.csv", "interactions.csv"]);
    let header = std::fs::read_to_string(env.path("empty/interactions.csv")).unwrap();
    assert_eq!(header, "id,customer,date,kind,summary,amount,sentiment\n");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(env.path("empty/customers.csv")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let leftovers: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains(".partial-"))
        .collect();
    assert!(leftovers.is_empty());
}
