//! Every way an import is refused: each bad row reported as `FILE:LINE: column: reason`,
//! exit status 2, and the database exactly as it was.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use rapport::domain::Customer;
use rapport::store::{Session, Store};
use rapport::transfer::{ExportFormat, export};

use crate::support::{sandboxed, today};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    /// A database with Ada (id 1), two customers named Sam Stone (2, 3) and Bob (4).
    fn seeded() -> Env {
        let env = Env { dir: tempfile::tempdir().unwrap() };
        let mut store = Store::open(&env.db(), Session::on(today())).unwrap();
        let mut ada = Customer::new("Ada Lovelace", today());
        ada.email = Some("ada@example.com".into());
        store.add_customer(&ada).unwrap();
        store.add_customer(&Customer::new("Sam Stone", today())).unwrap();
        store.add_customer(&Customer::new("Sam Stone", today())).unwrap();
        store.add_customer(&Customer::new("Bob", today())).unwrap();
        env
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("db.sqlite")
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) {
        std::fs::write(self.dir.path().join(name), bytes).unwrap();
    }

    fn rapport(&self, args: &[&str]) -> Command {
        let mut cmd = Command::from_std(sandboxed(&self.dir.path().join("home")));
        cmd.current_dir(self.dir.path()).arg("--db").arg(self.db()).args(args);
        cmd
    }

    /// Everything the database holds, as an export, plus its write revision.
    fn snapshot(&self) -> String {
        let store = Store::open_existing(&self.db(), Session::on(today())).unwrap();
        let out = tempfile::tempdir().unwrap();
        let file = out.path().join("snapshot.json");
        export(&store, &file, ExportFormat::Json).unwrap();
        format!("rev {}\n{}", store.rev().unwrap(), std::fs::read_to_string(file).unwrap())
    }

    /// Runs an import expected to be refused; checks the exit status, the exact
    /// messages, and that nothing changed.
    fn refused(&self, args: &[&str], expected: &[&str]) {
        let before = self.snapshot();
        let output = self.rapport(args).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert_eq!(stderr.lines().collect::<Vec<_>>(), expected);
        assert!(output.stdout.is_empty());
        assert_eq!(self.snapshot(), before, "the database changed");
    }
}

fn exists(path: &Path) -> bool {
    path.exists()
}

#[test]
fn bad_customer_rows_are_each_reported() {
    let env = Env::seeded();
    env.write(
        "customers.csv",
        "id,name,email,relationship,pinned,created\n\
         1,Cy,cy@example.com,loyal,true,2026-01-01\n\
         2,,nobody@example.com,,,\n\
         3,Di,not-an-email,,,\n\
         4,Eve,cy@example.com,,,\n\
         5,Fay,ADA@example.com,,,\n\
         1,Gus,,friendly,maybe,2026-02-30\n\
         7,Hal,,,,2026-07-01\n\
         8,Kim,,,,\n",
    );
    // A referrer who names nobody is kept in the notes (a notice, not a problem); one who
    // names themselves is a mistake.
    env.write("extra.csv", "name,referred_by\nKim,Nobody\nLou,Lou\n");
    env.refused(
        &["import", "extra.csv"],
        &[
            "rapport: 1 referrer names no single customer and is kept in the notes as \"Referred by: …\": \
             extra.csv:2: referred_by: no customer 'Nobody' in this import or the database; give an id, an email \
             or the exact name",
            "extra.csv:3: referred_by: a customer cannot refer themselves",
            "rapport: nothing was imported: 1 problem in extra.csv; fix it and import again",
        ],
    );
}

#[test]
fn bad_interactions_unknown_and_ambiguous_customers_are_reported() {
    let env = Env::seeded();
    env.write(
        "interactions.csv",
        "customer,date,kind,summary,amount,sentiment\n\
         ada@example.com,2026-06-01,purchase,ok,12.50,1\n\
         Zed,2026-06-01,call,,,\n\
         sam stone,2026-06-01,call,,,\n\
         Ada Lovelace,32/06/2026,lunch,,12.345,5\n\
         99,2026-06-20,call,,1e5,\n",
    );
    env.refused(
        &["import", "interactions.csv"],
        &[
            "interactions.csv:3: customer: no customer 'Zed' in this import or the database; give an id, an email \
             or the exact name",
            "interactions.csv:4: customer: 'sam stone' names 2 customers (id 2 in the database, id 3 in the \
             database); use the id or the email",
            "interactions.csv:5: date: date '32/06/2026' does not exist in the calendar",
            "interactions.csv:5: kind: unknown interaction kind 'lunch' (expected one of: purchase, call, email, \
             meeting, support, referral, co_creation, community, note)",
            "interactions.csv:5: amount: amount '12.345' has more than two decimals",
            "interactions.csv:5: sentiment: sentiment 5 is outside −2..2",
            "interactions.csv:6: customer: no customer with id 99 in this import or the database",
            "interactions.csv:6: date: date 2026-06-20 is in the future (today is 2026-06-15)",
            "interactions.csv:6: amount: amount '1e5' is not a number like 12.50",
            "rapport: nothing was imported: 9 problems in interactions.csv; fix them and import again",
        ],
    );
}

#[test]
fn bad_feedback_and_contracts_are_reported() {
    let env = Env::seeded();
    env.write(
        "feedback.csv",
        "customer,date,nps,csat,kind,comment\n\
         Bob,2026-06-01,11,0,praise,\n\
         Bob,2026-06-01,,,general,\n\
         Bob,2026-06-01,9,,rant,\n",
    );
    env.refused(
        &["import", "feedback.csv"],
        &[
            "feedback.csv:2: nps: NPS 11 is outside 0–10",
            "feedback.csv:2: csat: CSAT 0 is outside 1–5",
            "feedback.csv:3: comment: give at least an NPS score, a CSAT score or a comment",
            "feedback.csv:4: kind: unknown feedback kind 'rant' (expected one of: praise, complaint, idea, general)",
            "rapport: nothing was imported: 4 problems in feedback.csv; fix them and import again",
        ],
    );
    env.write(
        "contracts.csv",
        "customer,kind,start,end,value\n\
         4,supply,2026-01-01,2025-12-31,12.50\n\
         4,lease,2026-01-01,,ten\n\
         4,service,,,\n",
    );
    env.refused(
        &["import", "contracts.csv"],
        &[
            "contracts.csv:2: end: end 2025-12-31 is before start 2026-01-01",
            "contracts.csv:3: kind: unknown contract kind 'lease' (expected one of: supply, distribution, franchise, \
             service, other)",
            "contracts.csv:3: value: amount 'ten' is not a number like 12.50",
            "contracts.csv:4: start: required, but empty",
            "rapport: nothing was imported: 4 problems in contracts.csv; fix them and import again",
        ],
    );
}

#[test]
fn files_that_cannot_be_read_as_a_table_are_refused() {
    let env = Env::seeded();
    env.write("calls.csv", "customer,kind\nBob,call\n");
    env.refused(
        &["import", "calls.csv", "--kind", "interactions"],
        &["rapport: calls.csv:1: the header has no 'date' column; interactions files need: customer, date, kind"],
    );
    env.write("odd.csv", "foo,bar\n1,2\n");
    env.refused(
        &["import", "odd.csv"],
        &["rapport: cannot tell what odd.csv holds from its header; a customer file needs a column for the name \
           (or first and last name), the company or the email, or pass --kind customers|interactions|feedback|contracts"],
    );
    env.refused(
        &["import", "missing.csv"],
        &["rapport: missing.csv does not exist; give a CSV file, a folder written by rapport export, or a JSON \
           export"],
    );
    env.write("not-export.json", "{\"customers\": []}");
    env.refused(
        &["import", "not-export.json"],
        &["rapport: not-export.json is JSON but not a rapport export (it lacks \"format\": \"rapport-export\"); \
           import CSV files for data from elsewhere"],
    );
    let before = env.snapshot();
    let output = env.rapport(&["import", "odd.csv", "--kind", "orders"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(env.snapshot(), before);
}

#[test]
fn windows_line_ends_and_a_byte_order_mark_keep_line_numbers_right() {
    let env = Env::seeded();
    // A quoted note over two lines, then bad rows on lines 4 and 6.
    env.write(
        "crlf.csv",
        "name,email,notes\r\nCy,cy@example.com,\"two\r\nlines\"\r\nDi,not-an-email,\r\nEve,e@example.com,\r\nFay,bad,\r\n",
    );
    env.refused(
        &["import", "crlf.csv"],
        &[
            "crlf.csv:4: email: email 'not-an-email' does not look like name@example.com",
            "crlf.csv:6: email: email 'bad' does not look like name@example.com",
            "rapport: nothing was imported: 2 problems in crlf.csv; fix them and import again",
        ],
    );
    env.write("bom.csv", b"\xef\xbb\xbfname,email\r\nJos\xe9,j@example.com\r\n");
    env.refused(
        &["import", "bom.csv"],
        &["rapport: bom.csv:2: this line is not UTF-8 text; save the file as UTF-8 (\"CSV UTF-8\" in \
           spreadsheets) and import again"],
    );
    // Read as Windows-1252 (said once), line numbers stay right.
    env.write("latin1-crlf.csv", b"name,email\r\nAda Two,a2@example.com\r\nJos\xe9,j@example\r\n");
    env.refused(
        &["import", "latin1-crlf.csv"],
        &[
            "rapport: latin1-crlf.csv is not UTF-8, so it was read as windows-1252 (Western European); if letters \
             look wrong, import again with --encoding NAME (for example --encoding iso-8859-2)",
            "latin1-crlf.csv:3: email: email 'j@example' does not look like name@example.com",
            "rapport: nothing was imported: 1 problem in latin1-crlf.csv; fix it and import again",
        ],
    );
}

#[test]
fn a_quote_left_open_or_astray_is_reported_not_swallowed() {
    let env = Env::seeded();
    // Unclosed, the quote would take every later row into one name.
    env.write("unclosed.csv", "name,email,company\n\"Unclosed quote,uq@example.com,Q\nAfter,after@example.com,W\n");
    let reason = "a quote here is not closed or stands inside a field; quote a whole field, and double a quote \
                  within it (\"\")";
    env.refused(
        &["import", "unclosed.csv"],
        &[
            &format!("unclosed.csv:2: {reason}"),
            "rapport: nothing was imported: 1 problem in unclosed.csv; fix it and import again",
        ],
    );
    // A stray quote inside a field; doubled quotes and quoted line breaks are fine.
    env.write(
        "stray.csv",
        "name,email,company\r\nOk,ok@example.com,\"He said \"\"hi\"\", twice\"\r\nTwo,t@example.com,\"two\r\nlines\"\r\nAb\"c,ab@example.com,Q\r\n",
    );
    env.refused(
        &["import", "stray.csv"],
        &[
            &format!("stray.csv:5: {reason}"),
            "rapport: nothing was imported: 1 problem in stray.csv; fix it and import again",
        ],
    );
}

#[test]
fn only_fifty_problems_are_listed_then_counted() {
    let env = Env::seeded();
    let mut text = String::from("name,phone\n");
    for i in 0..60 {
        text.push_str(&format!(",{i}\n"));
    }
    env.write("blank.csv", text);
    let mut expected: Vec<String> = (2..52).map(|line| format!("blank.csv:{line}: name: name is required")).collect();
    expected.push("and 10 more problems".into());
    expected.push("rapport: nothing was imported: 60 problems in blank.csv; fix them and import again".into());
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    env.refused(&["import", "blank.csv"], &expected);
}

#[test]
fn a_refused_import_does_not_even_create_the_database() {
    let env = Env { dir: tempfile::tempdir().unwrap() };
    env.write("c.csv", "name,email\nAda,nope\n");
    let output = env.rapport(&["import", "c.csv"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "c.csv:2: email: email 'nope' does not look like name@example.com\n\
         rapport: nothing was imported: 1 problem in c.csv; fix it and import again\n"
    );
    assert!(!exists(&env.db()));
}

#[test]
fn hostile_text_in_a_bad_row_cannot_drive_the_terminal() {
    let env = Env::seeded();
    env.write("c.csv", "name,email\n\"Eve\",\"x\u{1b}]0;pwned\u{7}\"\n");
    env.refused(
        &["import", "c.csv"],
        &[
            "c.csv:2: email: email 'x␛]0;pwned␇' does not look like name@example.com",
            "rapport: nothing was imported: 1 problem in c.csv; fix it and import again",
        ],
    );
}

#[test]
fn problems_in_a_json_export_name_the_line_of_the_record() {
    let env = Env::seeded();
    env.write(
        "export.json",
        "{\n  \"format\": \"rapport-export\",\n  \"version\": 1,\n  \"customers\": [\n\
         \x20   {\"id\": 1, \"name\": \"Ada Two\", \"email\": \"bad\", \"mood\": \"sunny\"},\n\
         \x20   {\"id\": 2, \"name\": \"\", \"tags\": {\"a\": 1}}\n  ],\n  \"interactions\": [\n\
         \x20   {\"id\": 1, \"customer\": 3, \"date\": \"2026-06-01\", \"kind\": \"call\", \"amount\": 12.345}\n  ]\n}\n",
    );
    env.refused(
        &["import", "export.json"],
        &[
            "rapport: export.json: ignoring fields rapport does not know: customers.mood",
            "export.json:5: email: email 'bad' does not look like name@example.com",
            "export.json:6: name: name is required",
            "export.json:6: tags: expected a value, not an object",
            "export.json:9: amount: amount '12.345' has more than two decimals",
            "rapport: nothing was imported: 4 problems in export.json; fix them and import again",
        ],
    );
    env.write("newer.json", "{\"format\": \"rapport-export\", \"version\": 2, \"customers\": []}");
    env.refused(
        &["import", "newer.json"],
        &["rapport: newer.json was written by a newer rapport (export version 2; this one reads 1); upgrade rapport \
           to import it"],
    );
    env.write("broken.json", "{\"format\": \"rapport-export\",\n\"version\": 1,\n\"customers\": [\n{\"id\": 1,}]}");
    let output = env.rapport(&["import", "broken.json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("rapport: broken.json:4: this is not a valid rapport JSON export: "), "{stderr}");
}
