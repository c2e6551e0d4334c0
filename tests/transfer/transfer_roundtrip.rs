//! Round trips: a database exported, imported into an empty database and exported again
//! gives the same files to the byte, in CSV and in JSON, whatever the text holds.

use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;
use rapport::domain::dates::{add_days, parse_date};
use rapport::domain::*;
use rapport::store::{Session, Store};
use rapport::transfer::{self, ExportFormat, ImportSettings, Quiet, ReadOptions, Source};

use crate::support::{sandboxed, today};

fn open(path: &Path) -> Store {
    Store::open(path, Session::on(today())).unwrap()
}

/// Every file under `path` (or the file itself), by name, as bytes.
fn files(path: &Path) -> BTreeMap<String, Vec<u8>> {
    if path.is_file() {
        return BTreeMap::from([("export.json".to_string(), std::fs::read(path).unwrap())]);
    }
    std::fs::read_dir(path)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn import_into_empty(from: &Path, db: &Path) -> Store {
    let mut store = open(db);
    let source = Source::open(from, None, ReadOptions::default()).unwrap();
    let checked =
        transfer::check_import(Some(&store), &source, ImportSettings::new(today()), &mut Quiet::default()).unwrap();
    assert!(checked.keeps_ids());
    transfer::import(&mut store, &source, &checked, &mut Quiet::default()).unwrap();
    store
}

/// Exports `store`, imports that into a fresh database, exports again and compares.
fn assert_round_trip(store: &Store, dir: &Path, format: ExportFormat) {
    let name = match format {
        ExportFormat::Csv => "csv",
        ExportFormat::Json => "export.json",
        ExportFormat::Vcard => "customers.vcf",
    };
    let first = dir.join(format!("first-{name}"));
    let counts = transfer::export(store, &first, format).unwrap();
    let copy = import_into_empty(&first, &dir.join(format!("copy-{name}.db")));
    let second = dir.join(format!("second-{name}"));
    assert_eq!(transfer::export(&copy, &second, format).unwrap(), counts);
    let (a, b) = (files(&first), files(&second));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (file, bytes) in &a {
        if bytes != &b[file] {
            panic!(
                "{file} differs after a round trip:\n--- first\n{}\n--- second\n{}",
                String::from_utf8_lossy(bytes),
                String::from_utf8_lossy(&b[file])
            );
        }
    }
}

/// Text that breaks naive CSV and JSON handling and terminals alike.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Zoë",
        " ",
        ",",
        ";",
        "\"",
        "\"\"",
        "'",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "👩‍🔬",
        "שלום",
        "\u{202e}",
        "\u{200b}",
        "\u{1b}[31m",
        "\u{7}",
        "\u{7f}",
        "\u{9b}",
        "\\",
        "{}",
        "[\"x\"]",
        "=SUM(A1)",
        "null",
        "\u{feff}",
    ]);
    prop::collection::vec(pieces, 0..8).prop_map(|parts| parts.concat())
}

fn date_back(max_days: i64) -> impl Strategy<Value = Date> {
    (0..=max_days).prop_map(|d| add_days(today(), -d))
}

fn relationship() -> impl Strategy<Value = RelationshipType> {
    prop::sample::select(RelationshipType::ALL.to_vec())
}

#[derive(Debug, Clone)]
struct World {
    customers: Vec<Customer>,
    referrals: Vec<(usize, usize)>,
    interactions: Vec<Interaction>,
    feedback: Vec<Feedback>,
    contracts: Vec<Contract>,
    history: Vec<HistoryEntry>,
}

fn customer() -> impl Strategy<Value = Customer> {
    (
        (
            hostile(),
            hostile(),
            prop::option::of(0u32..1000),
            hostile(),
            prop::collection::vec("[a-z]{1,5}( [a-z]{1,3})?", 0..3),
        ),
        (
            hostile(),
            relationship(),
            any::<bool>(),
            hostile(),
            prop::option::of(date_back(400)),
            date_back(900),
            any::<bool>(),
        ),
        (
            prop::option::of("[a-z]{2,8}:[A-Za-z0-9_'-]{1,12}"),
            0u32..60,
            0i64..100_000_000,
            prop::option::of(date_back(2000)),
            prop::option::of(date_back(4000)),
        ),
    )
        .prop_map(
            |(
                (name, company, email, phone, tags),
                (notes, relationship, pinned, owner, follow_up, created, archived),
                (source_ref, orders, spend, last_order, since),
            )| {
                let mut c = Customer::new(format!("N{name}"), created);
                c.company = company;
                c.email = email.map(|n| format!("Someone.{n}@Example.com"));
                c.phone = phone;
                // The store holds each tag once, as every way in leaves it.
                c.tags = rapport::domain::validate::distinct_tags(tags.iter().map(String::as_str));
                c.notes = notes;
                c.relationship = relationship;
                c.pinned = pinned;
                c.owner = owner;
                c.next_follow_up = follow_up.map(|d| add_days(d, 200));
                c.archived = archived;
                c.source_ref = source_ref;
                c.prior = PriorHistory { orders, spend, last_order, since };
                c
            },
        )
}

/// Emails and source references name one customer each: later holders of one lose it.
fn unique_keys(mut customers: Vec<Customer>) -> Vec<Customer> {
    let mut seen = std::collections::HashSet::new();
    for c in &mut customers {
        if let Some(email) = &c.email
            && !seen.insert(email.to_lowercase())
        {
            c.email = None;
        }
        if let Some(source) = &c.source_ref
            && !seen.insert(source.clone())
        {
            c.source_ref = None;
        }
    }
    customers
}

fn world() -> impl Strategy<Value = World> {
    prop::collection::vec(customer(), 1..6)
        .prop_map(unique_keys)
        .prop_flat_map(|customers| {
            let n = customers.len();
            let interaction = (
                0..n,
                date_back(700),
                prop::sample::select(InteractionKind::ALL.to_vec()),
                hostile(),
                prop::option::of(0i64..10_000_000),
                prop::option::of(-2i8..=2),
            )
                .prop_map(|(c, date, kind, summary, amount, sentiment)| Interaction {
                    id: 0,
                    customer_id: c as i64,
                    date,
                    kind,
                    summary,
                    amount,
                    sentiment,
                });
            let feedback = (
                0..n,
                date_back(700),
                prop::option::of(0u8..=10),
                prop::option::of(1u8..=5),
                prop::sample::select(FeedbackKind::ALL.to_vec()),
                hostile(),
                any::<bool>(),
            )
                .prop_map(|(c, date, nps, csat, kind, comment, resolved)| {
                    let nps = if csat.is_none() && comment.trim().is_empty() { Some(nps.unwrap_or(7)) } else { nps };
                    Feedback { id: 0, customer_id: c as i64, date, nps, csat, kind, comment, resolved }
                });
            let contract = (
                0..n,
                prop::sample::select(ContractKind::ALL.to_vec()),
                date_back(800),
                prop::option::of(0i64..600),
                prop::option::of(0i64..100_000_000),
                hostile(),
            )
                .prop_map(|(c, kind, start, length, value, note)| Contract {
                    id: 0,
                    customer_id: c as i64,
                    kind,
                    start,
                    end: length.map(|l| add_days(start, l)),
                    value,
                    note,
                });
            let history = (
                0..n,
                date_back(700),
                prop::option::of(relationship()),
                relationship(),
                prop::sample::select(vec![DecidedBy::Engine, DecidedBy::User]),
                hostile(),
                hostile(),
            )
                .prop_map(|(c, date, from, to, by, reason, who)| HistoryEntry {
                    id: 0,
                    customer_id: c as i64,
                    date,
                    from,
                    to,
                    by,
                    reason,
                    who,
                });
            (
                Just(customers),
                prop::collection::vec((0..n, 0..n), 0..3),
                prop::collection::vec(interaction, 0..25),
                prop::collection::vec(feedback, 0..8),
                prop::collection::vec(contract, 0..4),
                prop::collection::vec(history, 0..4),
            )
        })
        .prop_map(|(customers, referrals, interactions, feedback, contracts, history)| World {
            customers,
            referrals: referrals.into_iter().filter(|(a, b)| a != b).collect(),
            interactions,
            feedback,
            contracts,
            history,
        })
}

/// Writes the world with ids that leave gaps, so keeping ids is really tested.
fn build(world: &World, db: &Path) -> Store {
    let mut store = open(db);
    store
        .bulk_load(|l| {
            let id = |i: i64| i * 3 + 2;
            for (i, c) in world.customers.iter().enumerate() {
                l.insert_customer(&Customer { id: id(i as i64), ..c.clone() })?;
            }
            for (from, to) in &world.referrals {
                l.set_referred_by(id(*to as i64), Some(id(*from as i64)))?;
            }
            for (n, i) in world.interactions.iter().enumerate() {
                l.insert_interaction(&Interaction {
                    id: 10 + n as i64 * 2,
                    customer_id: id(i.customer_id),
                    ..i.clone()
                })?;
            }
            for f in &world.feedback {
                l.insert_feedback(&Feedback { customer_id: id(f.customer_id), ..f.clone() })?;
            }
            for c in &world.contracts {
                l.insert_contract(&Contract { customer_id: id(c.customer_id), ..c.clone() })?;
            }
            for h in &world.history {
                l.insert_history(&HistoryEntry { customer_id: id(h.customer_id), ..h.clone() })?;
            }
            Ok(())
        })
        .unwrap();
    store
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn generated_databases_survive_csv_and_json_round_trips(world in world()) {
        let dir = tempfile::tempdir().unwrap();
        let store = build(&world, &dir.path().join("original.db"));
        assert_round_trip(&store, dir.path(), ExportFormat::Csv);
        assert_round_trip(&store, dir.path(), ExportFormat::Json);
        if world.customers.iter().any(|c| !c.archived) {
            assert_round_trip(&store, dir.path(), ExportFormat::Vcard);
        }
    }
}

#[test]
fn long_hostile_notes_and_every_kind_of_record_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("original.db"));
    let long: String =
        "\"quoted\", comma\nnew line\ttab 👩‍🔬 שלום \u{202e}rtl\u{1b}[2J ".chars().cycle().take(10_000).collect();
    let mut ada = Customer::new("Ada \"the first\" Lovelace", parse_date("2024-01-10").unwrap());
    ada.notes = long.clone();
    ada.email = Some("ada@example.com".into());
    ada.tags = vec!["vip".into(), "north, east".into()];
    let ada = store.add_customer(&ada).unwrap().created_id.unwrap();
    let bob = store.add_customer(&Customer::new("Bob, Jr.", today())).unwrap().created_id.unwrap();
    store.set_type(bob, RelationshipType::Communal).unwrap();
    let interaction = Interaction {
        id: 0,
        customer_id: ada,
        date: parse_date("2026-05-01").unwrap(),
        kind: InteractionKind::Purchase,
        summary: long.clone(),
        amount: Some(123_456),
        sentiment: Some(-2),
    };
    store.log_interaction(&interaction).unwrap();
    store.archive(bob).unwrap();
    assert_round_trip(&store, dir.path(), ExportFormat::Csv);
    assert_round_trip(&store, dir.path(), ExportFormat::Json);

    let copy = Store::open_existing(&dir.path().join("copy-csv.db"), Session::on(today())).unwrap();
    let back = copy.customer(ada).unwrap().unwrap();
    assert_eq!(back.notes, long);
    assert!(copy.customer(bob).unwrap().unwrap().archived);
    assert!(copy.customer(bob).unwrap().unwrap().pinned);
    assert_eq!(copy.history(bob).unwrap().len(), 1);
}

#[test]
fn the_real_binary_round_trips_csv_and_json_exports() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("original.db");
    let mut store = open(&original);
    let mut zoe = Customer::new("Zoë \"Z\" Ünal, שלום 👩‍🔬", parse_date("2025-03-01").unwrap());
    zoe.notes = "tab\there\r\nnew line, \u{1b}[31mred\u{7}".into();
    zoe.email = Some("zoe@example.com".into());
    let zoe = store.add_customer(&zoe).unwrap().created_id.unwrap();
    let mut ref_by = Customer::new("Referred", today());
    ref_by.referred_by = Some(zoe);
    store.add_customer(&ref_by).unwrap();
    store.set_type(zoe, RelationshipType::Supportive).unwrap();
    let feedback = Feedback {
        id: 0,
        customer_id: zoe,
        date: today(),
        nps: Some(10),
        csat: None,
        kind: FeedbackKind::Complaint,
        comment: "\"late\",\nagain".into(),
        resolved: false,
    };
    store.add_feedback(&feedback).unwrap();
    let contract = Contract {
        id: 0,
        customer_id: zoe,
        kind: ContractKind::Service,
        start: parse_date("2026-01-01").unwrap(),
        end: None,
        value: Some(99),
        note: "=cmd|' /C calc'!A0".into(),
    };
    store.add_contract(&contract).unwrap();
    drop(store);

    let rapport = |db: &str, args: &[&str]| {
        let output = sandboxed(&dir.path().join("home"))
            .current_dir(dir.path())
            .arg("--db")
            .arg(dir.path().join(db))
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    for (format, first, second) in [("csv", "e1", "e2"), ("json", "e1.json", "e2.json")] {
        rapport("original.db", &["export", "--format", format, "--out", first]);
        let copy = format!("copy-{format}.db");
        rapport(&copy, &["import", first]);
        rapport(&copy, &["export", "--format", format, "--out", second]);
        assert_eq!(files(&dir.path().join(first)), files(&dir.path().join(second)), "{format}");
        assert!(
            rapport(&copy, &["check"])
                .starts_with("OK: 2 customers (0 archived), 0 interactions, 1 feedback, 1 contract, 1 history entry;")
        );
    }
}

#[test]
fn cells_a_spreadsheet_would_run_are_marked_in_csv_and_import_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir.path().join("original.db"));
    let texts = ["=HYPERLINK(\"http://x\",\"y\")", "+44 20 7946 0000", "-", "@SUM(A1)", "'=already marked", "'Tis"];
    let mut ada = Customer::new(texts[0], today());
    ada.company = texts[1].into();
    ada.phone = texts[2].into();
    ada.owner = texts[3].into();
    ada.notes = texts[4].into();
    ada.tags = vec!["=tag".into(), "plain".into()];
    let ada = store.add_customer(&ada).unwrap().created_id.unwrap();
    let mut bob = Customer::new(texts[5], today());
    bob.notes = "\tindented".into();
    let bob = store.add_customer(&bob).unwrap().created_id.unwrap();
    assert_round_trip(&store, dir.path(), ExportFormat::Csv);

    let csv = std::fs::read_to_string(dir.path().join("first-csv/customers.csv")).unwrap();
    let row: Vec<String> =
        csv::Reader::from_reader(csv.as_bytes()).records().next().unwrap().unwrap().iter().map(String::from).collect();
    assert_eq!(row[1], "'=HYPERLINK(\"http://x\",\"y\")", "a formula name is text to a spreadsheet");
    assert_eq!(row[2], "'+44 20 7946 0000");
    assert_eq!(row[8], "'=tag;plain", "the tags cell as a whole");
    assert!(csv.contains("''=already marked"), "a text that looks marked gets one more mark");
    assert!(csv.contains(",'Tis,"), "an apostrophe before a letter is no mark");

    let copy = Store::open_existing(&dir.path().join("copy-csv.db"), Session::on(today())).unwrap();
    let back = copy.customer(ada).unwrap().unwrap();
    assert_eq!([back.name.as_str(), &back.company, &back.phone, &back.owner, &back.notes], texts[..5]);
    assert_eq!(back.tags, ["=tag", "plain"]);
    let back = copy.customer(bob).unwrap().unwrap();
    assert_eq!((back.name.as_str(), back.notes.as_str()), ("'Tis", "\tindented"));
}
