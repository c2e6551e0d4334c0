//! The CSV importer on random and mutated files: headers drawn from the real column
//! names, other tables' names and unknown ones (in any case, with spaces, twice or
//! missing); cells that are good values, nearly good ones and hostile ones (quotes,
//! commas, line breaks, BOMs, CRLF, invalid UTF-8, NUL, huge fields); rows too short or
//! too long; then bytes inserted, deleted and cut. Whatever comes in:
//!
//! - nothing panics;
//! - an import that is accepted leaves the database consistent: `check` passes and every
//!   stored summary and stage equals a fresh evaluation, with exactly the counted records
//!   added;
//! - a refused one leaves the database file byte for byte as it was (and creates none),
//!   and every problem reads `FILE:LINE: column: reason` with a line the file has.
//!
//! The library is driven the way `rapport import` drives it, and a smaller run goes
//! through the real binary.

use crate::support::scratch::scratch_dir;
use crate::support::{sandboxed, today};

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use rapport::domain::dates::parse_date;
use rapport::domain::model::Summary;
use rapport::domain::{Customer, Interaction, InteractionKind};
use rapport::store::{Session, Store};
use rapport::transfer::{ImportSettings, Quiet, ReadOptions, Source, TableKind, TransferError, check_import, import};

fn context() -> Session {
    Session::on(today())
}

/// The bytes of a closed database file built by `fill`.
fn database_bytes(fill: impl FnOnce(&mut Store)) -> Vec<u8> {
    let dir = scratch_dir();
    let path = dir.path().join("template.db");
    {
        let mut store = Store::open(&path, context()).unwrap();
        fill(&mut store);
    }
    std::fs::read(&path).unwrap()
}

/// Ada (with an email), two customers called Sam Stone, Bob, and a little history.
fn seeded() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        database_bytes(|store| {
            let mut ada = Customer::new("Ada Lovelace", today());
            ada.email = Some("ada@example.com".into());
            let ada = store.add_customer(&ada).unwrap().created_id.unwrap();
            store.add_customer(&Customer::new("Sam Stone", today())).unwrap();
            store.add_customer(&Customer::new("Sam Stone", today())).unwrap();
            store.add_customer(&Customer::new("Bob", today())).unwrap();
            for (day, kind, amount) in
                [("2026-03-01", InteractionKind::Purchase, Some(4_500)), ("2026-06-01", InteractionKind::Call, None)]
            {
                let interaction = Interaction {
                    id: 0,
                    customer_id: ada,
                    date: parse_date(day).unwrap(),
                    kind,
                    summary: "seed".into(),
                    amount,
                    sentiment: None,
                };
                store.log_interaction(&interaction).unwrap();
            }
        })
    })
}

/// A database with its schema and no customers.
fn empty() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| database_bytes(|_| {}))
}

// ---------------------------------------------------------------------------------------
// Generating files.

const KINDS: [TableKind; 4] =
    [TableKind::Customers, TableKind::Interactions, TableKind::Feedback, TableKind::Contracts];

fn every_column() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = TableKind::ALL.iter().flat_map(|k| k.columns().iter().copied()).collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// How rough a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Roughness {
    /// Every value one the importer takes, well quoted, nothing mutated: mostly accepted.
    Clean,
    /// Now and then a wrong value, a hostile cell, a broken row or a mutated byte.
    Rough,
}

/// A header: the table's columns in a random order, each kept or left out (the
/// required ones seldom), written in other case or with spaces now and then, with a
/// few other names among them; or, rarely, names drawn at random.
fn header(kind: TableKind, roughness: Roughness) -> BoxedStrategy<Vec<String>> {
    let own: Vec<&'static str> = kind.columns().to_vec();
    let n = own.len();
    let others = prop::sample::select(
        [every_column(), vec!["Region", "", "notes2", "Ünïcode", "a,b", "x\"y", "line\nbreak"]].concat(),
    )
    .prop_map(String::from);
    let spelled = prop_oneof![
        8 => Just(0u8),
        1 => Just(1u8),
        1 => Just(2u8),
    ];
    let (keep_required, keep_other) = match roughness {
        Roughness::Clean => (1.0, 0.8),
        Roughness::Rough => (0.9, 0.7),
    };
    let ordered = (
        Just(own.clone()).prop_shuffle(),
        prop::collection::vec((prop::bool::weighted(keep_required), prop::bool::weighted(keep_other), spelled), n),
        prop::collection::vec(others.clone(), 0..3),
    )
        .prop_map(move |(names, choices, extra)| {
            let mut header: Vec<String> = names
                .iter()
                .zip(choices)
                .filter(|(name, (required, other, _))| if kind.required().contains(name) { *required } else { *other })
                .map(|(name, (_, _, spelling))| match spelling {
                    0 => name.to_string(),
                    1 => name.to_uppercase(),
                    _ => format!("  {name} "),
                })
                .collect();
            header.extend(extra);
            header
        });
    match roughness {
        Roughness::Clean => ordered.boxed(),
        Roughness::Rough => prop_oneof![6 => ordered, 1 => prop::collection::vec(others, 1..10)].boxed(),
    }
}

fn bytes(text: &str) -> Vec<u8> {
    text.as_bytes().to_vec()
}

fn pick(values: &[&str]) -> BoxedStrategy<Vec<u8>> {
    prop::sample::select(values.iter().map(|v| bytes(v)).collect::<Vec<_>>()).boxed()
}

/// Values the importer takes for `column` of `kind` (on the seeded database), and
/// values that are wrong or doubtful.
fn values(kind: TableKind, column: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match (kind, column) {
        (_, "id") => (&[""], &["1", "2", "7", "0", "-3", "abc", "99999999999999999999", "5"]),
        (_, "name") => (&["New Person", "Zoë Ünal", "張偉", "Bob Two"], &["  ", "", "Sam Stone"]),
        (TableKind::Customers, "referred_by") => {
            (&["", "Ada Lovelace", "4"], &["Sam Stone", "Nobody", "42", "New Person"])
        }
        (_, "customer") => (
            &["Ada Lovelace", "ada@example.com", "ADA@EXAMPLE.COM", "1", "4", "Bob"],
            &["42", "Sam Stone", "Sam", "Nobody", "", "New Person", "new@example.com", "Bo", "0"],
        ),
        (_, "email") => (&[""], &["new@example.com", "ada@example.com", "not an email", "x@y", "New@Example.com"]),
        (_, "date" | "start" | "created") => (
            &["2026-01-05", "2026-06-15", "2025-12-31"],
            &["2027-01-01", "2026-02-30", "05/01/2026", "", "2026-1-5", "2026-06-15T10:00:00Z"],
        ),
        (_, "end") => (&["", "2026-12-31"], &["2020-01-01", "tomorrow"]),
        (_, "next_follow_up") => (&["", "2026-07-01"], &["2026-13-01", "soon"]),
        (TableKind::Interactions, "kind") => (
            &["purchase", "call", "support", "referral", "co_creation", "community", "note"],
            &["PURCHASE", "praise", "bogus", ""],
        ),
        (TableKind::Feedback, "kind") => (&["praise", "complaint", "idea", "general", ""], &["call", "bogus"]),
        (TableKind::Contracts, "kind") => (&["supply", "service", "other", "franchise"], &["purchase", "bogus", ""]),
        (_, "amount" | "value") => {
            (&["12.50", "0", "7", ""], &["1,234.50", "-3", "1e9", "abc", "99999999999999999.99", "12.345"])
        }
        (_, "sentiment") => (&["-2", "0", "2", ""], &["3", "x", "1.5"]),
        (_, "nps") => (&["0", "6", "9", "10"], &["11", "-1", "", "9.5"]),
        (_, "csat") => (&["1", "3", "5"], &["0", "6", ""]),
        (_, "resolved" | "pinned" | "archived") => (&["false", ""], &["true", "1", "0", "yes", "maybe"]),
        (_, "relationship") => (&["transactional", "loyal", "long_term", ""], &["Loyalty-based", "bogus"]),
        (_, "stage") => (&["", "prospect"], &["one_time", "repeat", "advocate", "bogus"]),
        (_, "tags") => (&["a;b", "", "vip; wholesale "], &[";;"]),
        _ => (&["plain text", "Café, crème", "line one\nline two", "x", ""], &["\u{0}", "  "]),
    }
}

fn plausible(kind: TableKind, column: &str, roughness: Roughness) -> BoxedStrategy<Vec<u8>> {
    let name = column.trim().to_lowercase();
    let (good, odd) = values(kind, &name);
    match roughness {
        Roughness::Clean => pick(good),
        Roughness::Rough => prop_oneof![4 => pick(good), 1 => pick(odd)].boxed(),
    }
}

/// Cells that break naive CSV and text handling.
fn hostile() -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        4 => pick(&[
            "\"",
            "\"\"",
            "a\"b",
            ",",
            "\n",
            "\r\n",
            "\r",
            "\u{feff}",
            "\u{feff}name",
            "\0",
            "\x1b[2J\x1b]0;pwned\x07",
            "\u{202e}evil",
            "   ",
            "🦀👩‍👩‍👧",
        ]),
        1 => Just(vec![0xff, 0xfe, b'a']),
        1 => Just(vec![b'a', 0xc3]),
        1 => (prop::sample::select(vec![300, 70_000, 300_000]), prop::sample::select(vec!["x", "é", ",", "\"", "\n"]))
            .prop_map(|(n, s)| s.repeat(n).into()),
        1 => prop::collection::vec(any::<u8>(), 0..40),
        2 => ".{0,30}".prop_map(|s: String| s.into_bytes()),
    ]
    .boxed()
}

fn cell(kind: TableKind, column: &str, roughness: Roughness) -> BoxedStrategy<Vec<u8>> {
    match roughness {
        Roughness::Clean => plausible(kind, column, roughness),
        Roughness::Rough => prop_oneof![15 => plausible(kind, column, roughness), 1 => hostile()].boxed(),
    }
}

#[derive(Debug, Clone, Copy)]
enum Quoting {
    /// Quoted when needed, quotes doubled.
    Needed,
    Always,
    /// Written as is: commas, quotes and line breaks in cells break the row.
    Never,
}

fn render_cell(out: &mut Vec<u8>, cell: &[u8], quoting: Quoting) {
    let special = cell.iter().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'));
    let quote = match quoting {
        Quoting::Needed => special,
        Quoting::Always => true,
        Quoting::Never => false,
    };
    if !quote {
        out.extend_from_slice(cell);
        return;
    }
    out.push(b'"');
    for b in cell {
        if *b == b'"' {
            out.push(b'"');
        }
        out.push(*b);
    }
    out.push(b'"');
}

/// One change to the bytes of a file, at a place given as a fraction of its length.
#[derive(Debug, Clone)]
enum Mutation {
    Insert(f64, Vec<u8>),
    Delete(f64, usize),
    Truncate(f64),
    Flip(f64, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let fragment = prop_oneof![
        pick(&["\"", ",", "\n", "\r\n", "\r", "\u{feff}", "{", ",,,,", "\"\n\"", "\0"]),
        prop::collection::vec(any::<u8>(), 1..8),
    ];
    prop_oneof![
        (0.0..1.0, fragment).prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
        (0.0..1.0, 1usize..40).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (0.0..1.0).prop_map(Mutation::Truncate),
        (0.0..1.0, any::<u8>()).prop_map(|(at, b)| Mutation::Flip(at, b)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let at = |f: f64, len: usize| ((len as f64 * f) as usize).min(len);
    match m {
        Mutation::Insert(f, fragment) => {
            let i = at(*f, bytes.len());
            bytes.splice(i..i, fragment.iter().copied());
        }
        Mutation::Delete(f, n) => {
            let i = at(*f, bytes.len());
            let end = (i + n).min(bytes.len());
            bytes.drain(i..end);
        }
        Mutation::Truncate(f) => bytes.truncate(at(*f, bytes.len())),
        Mutation::Flip(f, b) => {
            if !bytes.is_empty() {
                let i = at(*f, bytes.len() - 1);
                bytes[i] = *b;
            }
        }
    }
}

/// Where the import goes.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// No file yet: `rapport import` creates it only for an accepted import.
    Missing,
    Empty,
    Seeded,
}

#[derive(Debug, Clone)]
struct Case {
    target: Target,
    /// What `--kind` says, if given.
    kind: Option<TableKind>,
    file: Vec<u8>,
}

/// A row: a cell for each header name; in a rough file sometimes one short or with
/// extra cells, and now and then written ignoring the quoting rules.
type Row = (Vec<Vec<u8>>, bool);

fn rows(kind: TableKind, header: &[String], roughness: Roughness) -> BoxedStrategy<Vec<Row>> {
    let width = header.len();
    let cells: Vec<_> = header.iter().map(|h| cell(kind, h, roughness)).collect();
    let shape = match roughness {
        Roughness::Clean => Just(2usize).boxed(),
        Roughness::Rough => prop_oneof![1 => Just(0usize), 1 => Just(1), 8 => Just(2)].boxed(),
    };
    let unquoted = match roughness {
        Roughness::Clean => Just(false).boxed(),
        Roughness::Rough => prop::bool::weighted(0.1).boxed(),
    };
    let row = (cells, prop::collection::vec(hostile(), 1..3), shape, unquoted).prop_map(
        move |(mut cells, extra, shape, unquoted)| {
            match shape {
                0 => cells.truncate(width.saturating_sub(1)),
                1 => cells.extend(extra),
                _ => {}
            }
            (cells, unquoted)
        },
    );
    prop::collection::vec(row, 0..8).boxed()
}

fn render(header: &[String], rows: &[Row], quoting: Quoting, bom: bool, crlf: bool, last_newline: bool) -> Vec<u8> {
    let newline: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let header_row: Row = (header.iter().map(|h| bytes(h)).collect(), false);
    let all: Vec<&Row> = std::iter::once(&header_row).chain(rows).collect();
    for (n, (cells, unquoted)) in all.iter().enumerate() {
        let quoting = if *unquoted { Quoting::Never } else { quoting };
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            render_cell(&mut out, c, quoting);
        }
        if n + 1 < all.len() || last_newline {
            out.extend_from_slice(newline);
        }
    }
    out
}

fn file() -> impl Strategy<Value = (TableKind, Vec<u8>)> {
    let roughness = prop_oneof![2 => Just(Roughness::Clean), 3 => Just(Roughness::Rough)];
    (prop::sample::select(KINDS.to_vec()), roughness)
        .prop_flat_map(|(kind, roughness)| (Just(kind), Just(roughness), header(kind, roughness)))
        .prop_flat_map(|(kind, roughness, header)| {
            let rows = rows(kind, &header, roughness);
            let (quoting, mutations) = match roughness {
                Roughness::Clean => {
                    (prop_oneof![Just(Quoting::Needed), Just(Quoting::Always)].boxed(), Just(Vec::new()).boxed())
                }
                Roughness::Rough => (
                    prop_oneof![8 => Just(Quoting::Needed), 1 => Just(Quoting::Always), 1 => Just(Quoting::Never)]
                        .boxed(),
                    prop_oneof![1 => Just(Vec::new()), 1 => prop::collection::vec(mutation(), 1..4)].boxed(),
                ),
            };
            (Just(kind), Just(header), rows, quoting, any::<(bool, bool, bool)>(), mutations)
        })
        .prop_map(|(kind, header, rows, quoting, (bom, crlf, last_newline), mutations)| {
            let mut out = render(&header, &rows, quoting, bom, crlf, last_newline);
            for m in &mutations {
                apply(&mut out, m);
            }
            (kind, out)
        })
}

fn case() -> impl Strategy<Value = Case> {
    let target = prop_oneof![1 => Just(Target::Missing), 1 => Just(Target::Empty), 4 => Just(Target::Seeded)];
    (target, file(), prop::bool::weighted(0.7)).prop_map(|(target, (kind, file), say_kind)| Case {
        target,
        kind: say_kind.then_some(kind),
        file,
    })
}

// ---------------------------------------------------------------------------------------
// Judging what happened.

/// Lines of the file as the CSV reader counts them: one more than its line feeds,
/// unless it ends with one.
fn line_count(file: &[u8]) -> u64 {
    let feeds = file.iter().filter(|b| **b == b'\n').count() as u64;
    if file.last().is_none_or(|b| *b != b'\n') { feeds + 1 } else { feeds.max(1) }
}

/// A `FILE:LINE: ` at the start of `message` must name the file and a line it has.
fn check_location(message: &str, file: &str, lines: u64) -> Result<(), TestCaseError> {
    if let Some(rest) = message.strip_prefix(&format!("{file}:"))
        && let Some((number, _)) = rest.split_once(": ")
        && let Ok(line) = number.parse::<u64>()
    {
        prop_assert!((1..=lines).contains(&line), "line {} of {}: {:?}", line, lines, message);
    }
    Ok(())
}

/// `header` is the file's first line, made inert as messages are.
fn check_refusal(e: &TransferError, file: &str, lines: u64, header: &str) -> Result<(), TestCaseError> {
    match e {
        TransferError::Rows(problems) => {
            prop_assert!(!problems.shown().is_empty() && problems.total() >= problems.shown().len());
            let columns = every_column();
            for p in problems.shown() {
                let text = p.to_string();
                prop_assert_eq!(&p.file, file, "{}", text);
                prop_assert!((1..=lines).contains(&p.line), "line {} of {}: {}", p.line, lines, text);
                let head = match &p.column {
                    Some(c) => {
                        // One of rapport's columns, or the file's own name for it.
                        let own = header.contains(c.trim_end_matches('…'));
                        prop_assert!(columns.contains(&c.as_str()) || own, "not a column: {}", text);
                        format!("{file}:{}: {c}: ", p.line)
                    }
                    None => format!("{file}:{}: ", p.line),
                };
                prop_assert!(text.starts_with(&head), "{:?} does not start with {:?}", text, head);
                prop_assert!(!p.reason.trim().is_empty() && !text.contains('\n'), "{:?}", text);
            }
        }
        TransferError::Invalid(message) => {
            prop_assert!(!message.trim().is_empty());
            check_location(message, file, lines)?;
        }
        TransferError::Io(message) => prop_assert!(false, "a readable file failed: {}", message),
        TransferError::Store(e) => prop_assert!(false, "the database failed: {}", e),
    }
    Ok(())
}

fn counts(store: &Store) -> [i64; 5] {
    let conn = crate::support::sqlite_connection(store);
    ["customers", "interactions", "feedback", "contracts", "history"]
        .map(|t| conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap())
}

/// `check` passes, and every stored summary and stage equals a fresh evaluation.
fn check_consistent(store: &Store) -> Result<(), TestCaseError> {
    let report = store.check().unwrap();
    prop_assert!(report.is_ok(), "check found: {:?}", report.problems);
    let evaluations = crate::support::evaluations(store);
    for e in &evaluations {
        let row = store.roster_row(e.customer_id).unwrap();
        prop_assert!(row.is_some(), "customer {} has no row", e.customer_id);
        let row = row.unwrap();
        prop_assert_eq!(&row.list.summary, &Summary::from_signals(&e.signals), "summary of {}", e.customer_id);
        prop_assert_eq!(row.list.stage, e.classification.stage, "stage of {}", e.customer_id);
    }
    Ok(())
}

/// The database file and whether SQLite's side files exist.
fn file_state(db: &Path) -> Option<Vec<u8>> {
    std::fs::read(db).ok()
}

struct Prepared {
    _dir: tempfile::TempDir,
    db: PathBuf,
    csv: PathBuf,
}

fn prepare(case: &Case) -> Prepared {
    let dir = scratch_dir();
    let db = dir.path().join("target.db");
    match case.target {
        Target::Missing => {}
        Target::Empty => std::fs::write(&db, empty()).unwrap(),
        Target::Seeded => std::fs::write(&db, seeded()).unwrap(),
    }
    let csv = dir.path().join("input.csv");
    std::fs::write(&csv, &case.file).unwrap();
    Prepared { _dir: dir, db, csv }
}

/// The cells of the file's first CSV record, joined by spaces.
fn first_record(file: &[u8]) -> Vec<u8> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(file);
    let mut record = csv::ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => record.iter().collect::<Vec<_>>().join(&b' '),
        _ => file.split(|b| *b == b'\n').next().unwrap_or(&[]).to_vec(),
    }
}

/// What `rapport import` does, through the library.
fn run_library(case: &Case) -> Result<(), TestCaseError> {
    let p = prepare(case);
    let file = p.csv.display().to_string();
    let lines = line_count(&case.file);
    let before = file_state(&p.db);
    // The header as the import may have read it (UTF-8, else Windows-1252), made inert.
    // It is the first record, which a quoted line break can spread over several lines.
    let first_record = first_record(&case.file);
    let header = format!(
        "{} {}",
        rapport::text::inert(&String::from_utf8_lossy(&first_record)),
        rapport::text::inert(&encoding_rs::WINDOWS_1252.decode(&first_record).0)
    );
    let refused = |e: &TransferError| -> Result<(), TestCaseError> {
        check_refusal(e, &file, lines, &header)?;
        prop_assert!(file_state(&p.db) == before, "a refused import changed the database: {}", e);
        Ok(())
    };
    let source = match Source::open(&p.csv, case.kind, ReadOptions::default()) {
        Ok(source) => source,
        Err(e) => return refused(&e),
    };
    let existing = before.is_some().then(|| Store::open_existing(&p.db, context()).unwrap());
    let checked = check_import(existing.as_ref(), &source, ImportSettings::new(today()), &mut Quiet::default());
    let checked = match checked {
        Ok(checked) => checked,
        Err(e) => {
            drop(existing);
            return refused(&e);
        }
    };
    let mut store = match existing {
        Some(store) => store,
        None => Store::open(&p.db, context()).unwrap(),
    };
    let was = counts(&store);
    match import(&mut store, &source, &checked, &mut Quiet::default()) {
        Ok(outcome) => {
            prop_assert_eq!(outcome.counts, checked.counts());
            let now = counts(&store);
            let added = TableKind::ALL.map(|k| outcome.counts.added.get(k) as i64);
            for i in 0..5 {
                prop_assert_eq!(now[i], was[i] + added[i], "{:?} records", TableKind::ALL[i]);
            }
            check_consistent(&store)
        }
        Err(e) => {
            prop_assert!(false, "an import that passed its check failed: {}", e);
            Ok(())
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_csv_files_import_whole_or_not_at_all(case in case()) {
        run_library(&case)?;
    }
}

// ---------------------------------------------------------------------------------------
// The same through the binary.

fn run_binary(case: &Case) -> Result<(), TestCaseError> {
    let p = prepare(case);
    let file = p.csv.display().to_string();
    let lines = line_count(&case.file);
    let before = file_state(&p.db);
    let home = p.db.parent().unwrap().join("home");
    let mut cmd = sandboxed(&home);
    cmd.env("NO_COLOR", "1").arg("--db").arg(&p.db).arg("import").arg(&p.csv);
    if let Some(kind) = case.kind {
        cmd.args(["--kind", kind.key()]);
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    prop_assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{}", stderr);
    match out.status.code() {
        Some(0) => {
            prop_assert!(stdout.starts_with("Imported "), "{}", stdout);
            let store = Store::open_existing(&p.db, context()).unwrap();
            check_consistent(&store)?;
        }
        Some(2) => {
            prop_assert!(stdout.is_empty(), "{}", stdout);
            prop_assert!(file_state(&p.db) == before, "a refused import changed the database:\n{}", stderr);
            let lines_out: Vec<&str> = stderr.lines().collect();
            prop_assert!(lines_out.last().is_some_and(|l| l.starts_with("rapport: ")), "{}", stderr);
            for line in &lines_out[..lines_out.len() - 1] {
                // Problems, their count, and notices such as columns left out.
                let known =
                    line.starts_with(&format!("{file}:")) || line.starts_with("and ") || line.starts_with("rapport: ");
                prop_assert!(known, "an unexpected line: {:?}", line);
                check_location(line, &file, lines)?;
            }
            if let Some(last) = lines_out.last() {
                check_location(last.trim_start_matches("rapport: "), &file, lines)?;
            }
        }
        other => prop_assert!(false, "exit status {:?}: {}", other, stderr),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_csv_files_through_the_binary(case in case()) {
        run_binary(&case)?;
    }
}
