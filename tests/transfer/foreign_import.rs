//! Importing other systems' files through the real binary: a newer export updates what an
//! older one brought, rows of one file merge, matches are found by source reference,
//! email or name and company, dates and amounts are read as written, and every new path
//! stays all or nothing.

use crate::support::TODAY;
use crate::support::cli::{Env, write};
use crate::support::foreign::fixture;
use serde_json::Value;

fn customer(env: &Env, who: &str) -> Value {
    env.json(&["show", who, "--format", "json"])["customer"].clone()
}

/// Runs an import that must be refused (exit 2) and leave the database as it was;
/// returns its stderr.
fn refused(env: &Env, args: &[&str]) -> String {
    let before = env.dump();
    let out = env.run(args);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(env.dump(), before, "a refused import changed the database");
    stderr
}

#[test]
fn a_newer_export_updates_what_the_older_one_brought_and_adds_the_rest() {
    let env = Env::new(TODAY);
    let first = fixture("shopify_customers_new.csv");
    let out = env.ok(&["import", first.to_str().unwrap()]);
    assert!(out.starts_with("Imported 5 new customers from"), "{out}");
    // Between the exports someone works in rapport: an owner and a phone set here stay.
    env.ok(&["log", "zoe.unal@example.com", "--kind", "call", "--date", "2026-06-01"]);
    let text = std::fs::read_to_string(&first).unwrap();
    let newer = text
        .replace("no,1234.50,7,", "no,1500.00,8,")
        .replace("\"vip, wholesale\"\n", "\"vip, wholesale, trade-fair\"\n")
        + "'6812345678906,Ada,Quill,ada.quill@example.com,no,,,,,,,,,,no,45.00,1,,no,\n";
    let second = write(&env, "customers_export_2.csv", newer);
    let out = env.ok(&["import", &second]);
    assert_eq!(out.trim_end(), format!("Imported 1 new customer from {second}; 1 customer updated, 4 unchanged."));
    let zoe = customer(&env, "zoe.unal@example.com");
    assert_eq!(zoe["prior"]["orders"], 8);
    assert_eq!(zoe["prior"]["spend"], 150_000);
    assert_eq!(zoe["tags"], serde_json::json!(["vip", "wholesale", "trade-fair"]));
    assert_eq!(zoe["source_ref"], "shopify:6812345678901");
    assert_eq!(
        env.json(&["show", "zoe.unal@example.com", "--format", "json"])["timeline"].as_array().unwrap().len(),
        1
    );
    assert_eq!(customer(&env, "Ada Quill")["prior"]["spend"], 4_500);
    // The same export again changes nothing, and --no-update lets matches that change
    // nothing through.
    let out = env.ok(&["import", &second]);
    assert!(out.ends_with("; 6 customers unchanged.\n"), "{out}");
    let out = env.ok(&["import", &second, "--no-update"]);
    assert!(out.ends_with("; 6 customers unchanged.\n"), "{out}");
}

#[test]
fn empty_cells_erase_nothing_and_no_update_refuses_matches() {
    let env = Env::new(TODAY);
    env.add(&["Ada Lovelace", "--email", "ada@example.com", "--phone", "555-0100", "--owner", "Maria"]);
    env.add(&["Bob Stone", "--company", "Stone & Co"]);
    let sheet = write(
        &env,
        "sheet.csv",
        "Name,E-mail,Phone,Company,Notes\n\
         Ada Lovelace,ADA@EXAMPLE.COM,,Analytical Engines,Met at the fair\n\
         Bob Stone,,555-0199,Stone & Co,\n",
    );
    let err = refused(&env, &["import", &sheet, "--no-update"]);
    assert!(
        err.contains("sheet.csv:2: the row would change customer 1 (Ada Lovelace) in the database, and --no-update refuses to change it"),
        "{err}"
    );
    assert!(err.contains("sheet.csv:3: the row would change customer 2 (Bob Stone)"), "{err}");
    let out = env.ok(&["import", &sheet]);
    assert!(out.ends_with("; 2 customers updated.\n"), "{out}");
    let ada = customer(&env, "Ada Lovelace");
    assert_eq!(ada["phone"], "555-0100", "an empty cell keeps the phone");
    assert_eq!(ada["owner"], "Maria", "a column the file lacks keeps the owner");
    assert_eq!(ada["email"], "ADA@EXAMPLE.COM", "the file's value wins where it has one");
    assert_eq!(ada["company"], "Analytical Engines");
    assert_eq!(ada["notes"], "Met at the fair");
    // Matched by name and company, as the row has no email.
    assert_eq!(customer(&env, "Bob Stone")["phone"], "555-0199");
    assert_eq!(env.json(&["list", "--format", "json"]).as_array().unwrap().len(), 2);
}

#[test]
fn a_name_shared_by_two_customers_of_one_company_is_not_guessed() {
    let env = Env::new(TODAY);
    env.add(&["Sam Stone", "--company", "Acme"]);
    env.add(&["Sam Stone", "--company", "Acme"]);
    let sheet = write(&env, "sheet.csv", "name,company,phone\nSam Stone,Acme,555-0123\n");
    let err = refused(&env, &["import", &sheet]);
    assert!(
        err.contains("sheet.csv:2: name: 'Sam Stone' of 'Acme' matches 2 customers in the database (ids 1, 2); add an email or an id column to say which"),
        "{err}"
    );
}

#[test]
fn rows_of_one_file_with_the_same_email_are_merged() {
    let env = Env::new(TODAY);
    let sheet = write(
        &env,
        "dupes.csv",
        "First Name,Last Name,Email,Tags,Notes,Phone\n\
         Ada,Lovelace,ada@example.com,vip,Poet,\n\
         Bob,Stone,bob@example.com,,,\n\
         Ada,Lovelace,Ada@Example.com,\"wholesale, vip\",Likes engines,555-0100\n",
    );
    let out = env.ok(&["import", &sheet]);
    assert_eq!(
        out.trim_end(),
        format!("Imported 2 new customers from {sheet}; 1 row merged into an earlier one about the same customer.")
    );
    let ada = customer(&env, "ada@example.com");
    assert_eq!(ada["tags"], serde_json::json!(["vip", "wholesale"]));
    assert_eq!(ada["notes"], "Poet\nLikes engines");
    assert_eq!(ada["phone"], "555-0100");
}

#[test]
fn a_source_reference_and_an_email_that_belong_to_two_customers_are_refused() {
    let env = Env::new(TODAY);
    let sheet = write(&env, "a.csv", "id,name,email\nS-1,Ada,ada@example.com\nS-2,Bob,bob@example.com\n");
    env.ok(&["import", &sheet]);
    assert_eq!(customer(&env, "Ada")["source_ref"], "S-1", "an id that is not rapport's is a source reference");
    let clash = write(&env, "b.csv", "id,name,email\nS-1,Ada,bob@example.com\n");
    let err = refused(&env, &["import", &clash]);
    assert!(
        err.contains("b.csv:2: email: email bob@example.com is already used by customer 2 (Bob) in the database"),
        "{err}"
    );
}

#[test]
fn a_referrer_who_names_no_one_is_kept_in_the_notes() {
    let env = Env::new(TODAY);
    let sheet = write(&env, "r.csv", "name,referred_by,notes\nAda,Ada,\nBob,Someone Unknown,Old friend\n");
    let err = refused(&env, &["import", &sheet]);
    assert!(err.contains("r.csv:2: referred_by: a customer cannot refer themselves"), "{err}");
    let sheet = write(&env, "r2.csv", "name,referred_by,notes\nBob,Someone Unknown,Old friend\n");
    let out = env.run(&["import", &sheet]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("1 referrer names no single customer and is kept in the notes"), "{err}");
    assert_eq!(customer(&env, "Bob")["notes"], "Old friend\nReferred by: Someone Unknown");
}

#[test]
fn the_file_settles_whether_days_or_months_come_first() {
    let env = Env::new(TODAY);
    let ambiguous = write(&env, "a.csv", "name,last order\nAda,03/04/2024\nBob,05/06/2024\n");
    let err = refused(&env, &["import", &ambiguous]);
    assert!(
        err.contains("a.csv:2: the date '03/04/2024' could be day first or month first and no date in the file settles which; import again with --date-order dmy (day first) or --date-order mdy (month first)"),
        "{err}"
    );
    env.ok(&["import", &ambiguous, "--date-order", "mdy"]);
    assert_eq!(customer(&env, "Ada")["prior"]["last_order"], "2024-03-04");

    let env = Env::new(TODAY);
    let month_first = write(&env, "m.csv", "name,last order\nAda,03/04/2024\nBob,12/25/2023\n");
    env.ok(&["import", &month_first]);
    assert_eq!(customer(&env, "Ada")["prior"]["last_order"], "2024-03-04", "settled by December 25th");
    assert_eq!(customer(&env, "Bob")["prior"]["last_order"], "2023-12-25");

    let env = Env::new(TODAY);
    let day_first = write(
        &env,
        "d.csv",
        "name,last order\nAda,03/04/2024\nBob,25/12/2023\nCy,4 Mar 2024\nDi,2024-03-04T10:22:00Z\n",
    );
    env.ok(&["import", &day_first]);
    assert_eq!(customer(&env, "Ada")["prior"]["last_order"], "2024-04-03");
    assert_eq!(customer(&env, "Cy")["prior"]["last_order"], "2024-03-04");
    assert_eq!(customer(&env, "Di")["prior"]["last_order"], "2024-03-04");

    let env = Env::new(TODAY);
    let both = write(&env, "b.csv", "name,last order\nAda,25/12/2023\nBob,12/25/2023\n");
    let err = refused(&env, &["import", &both]);
    assert!(err.contains("the dates disagree: "), "{err}");
    assert!(
        err.contains("b.csv:2 has '25/12/2023' (day first) but ")
            && err.contains("b.csv:3 has '12/25/2023' (month first)"),
        "{err}"
    );
    let err = refused(&env, &["import", &both, "--date-order", "dmy"]);
    assert!(err.contains("b.csv:3: last order: date '12/25/2023' can only be read month first"), "{err}");
}

#[test]
fn amounts_with_currency_signs_codes_and_either_decimal_mark() {
    let env = Env::new(TODAY);
    let sheet = write(
        &env,
        "money.csv",
        "name,total spent,orders\nAda,\"$1,234.50\",3\nBob,EUR 12,1\nCy,1234.5 USD,2\nDi,£0.99,1\n",
    );
    env.ok(&["import", &sheet]);
    for (who, cents) in [("Ada", 123_450), ("Bob", 1_200), ("Cy", 123_450), ("Di", 99)] {
        assert_eq!(customer(&env, who)["prior"]["spend"], cents, "{who}");
    }
    let european = write(&env, "eu.csv", "nom;total des achats\nÉlodie;1.234,50 €\nFrançois;12,5\n");
    env.ok(&["import", &european]);
    assert_eq!(customer(&env, "Élodie")["prior"]["spend"], 123_450);
    assert_eq!(customer(&env, "François")["prior"]["spend"], 1_250);
    let bad = write(&env, "bad.csv", "name,total spent\nEve,12 apples\n");
    let err = refused(&env, &["import", &bad]);
    assert!(err.contains("bad.csv:2: total spent: amount '12 apples' is not a number like 12.50"), "{err}");
}

#[test]
fn a_bad_last_row_leaves_everything_as_it_was_on_every_new_path() {
    let env = Env::new(TODAY);
    env.ok(&["import", fixture("shopify_customers_new.csv").to_str().unwrap()]);
    let text = std::fs::read_to_string(fixture("shopify_customers_new.csv")).unwrap();
    // An update of every customer, then a bad amount on the last line.
    let updating = text.replace("4520.75,18", "4600.00,19")
        + "'6812345678907,Eve,Bad,eve@example.com,no,,,,,,,,,,no,lots,1,,no,\n";
    let path = write(&env, "update.csv", &updating);
    let err = refused(&env, &["import", &path]);
    assert!(err.contains("update.csv:8: Total Spent: amount 'lots' is not a number like 12.50"), "{err}");
    // UTF-16 with semicolons, bad on the last line.
    let sheet = "Nom;Prénom;Courriel\r\nLefèvre;Hélène;h@example.com\r\nMoreau;Anaïs;not-an-email\r\n";
    let utf16: Vec<u8> = [0xff, 0xfe].into_iter().chain(sheet.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let path = write(&env, "fr.csv", utf16);
    let err = refused(&env, &["import", &path]);
    assert!(err.contains("fr.csv:3: Courriel: email 'not-an-email' does not look like name@example.com"), "{err}");
    // A vCard file cut short.
    let cards = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\n";
    let path = write(&env, "cut.vcf", cards);
    let err = refused(&env, &["import", &path]);
    assert!(err.contains("cut.vcf:5: the card that begins here has no END:VCARD"), "{err}");
}

#[test]
fn what_a_row_names_follows_what_earlier_rows_changed() {
    let env = Env::new(TODAY);
    let first = write(&env, "one.csv", "name,email,source_ref,relationship\nAda,a@x.example.com,S5,loyal\n");
    env.ok(&["import", &first]);
    // Ada moves to a new address; the old one now belongs to somebody else.
    let second = write(&env, "two.csv", "name,email,source_ref\nAda,n@x.example.com,S5\nBea,a@x.example.com,S2\n");
    let out = env.ok(&["import", &second]);
    assert!(out.contains("Imported 1 new customer") && out.contains("1 customer updated"), "{out}");
    assert_eq!(customer(&env, "Ada")["email"], "n@x.example.com");
    assert_eq!(customer(&env, "Ada")["source_ref"], "S5");
    assert_eq!(customer(&env, "Bea")["email"], "a@x.example.com");
    // A row whose email names a customer another system knows by another id is refused.
    let clash = write(&env, "three.csv", "name,email,source_ref\nAda,n@x.example.com,S9\n");
    let err = refused(&env, &["import", &clash]);
    assert!(
        err.contains(
            "three.csv:2: source_ref: source reference S9 differs from S5 of customer 1 (Ada) in the database"
        ),
        "{err}"
    );
}

#[test]
fn a_referrer_kept_in_the_notes_also_on_an_update_and_nobody_refers_themselves() {
    let env = Env::new(TODAY);
    env.add(&["Ada", "--email", "ada@x.example.com"]);
    let sheet = write(&env, "r.csv", "name,email,referred_by\nAda,ada@x.example.com,Nobody Known\n");
    let out = env.ok(&["import", &sheet]);
    assert!(out.ends_with("; 1 customer updated.\n"), "{out}");
    assert_eq!(customer(&env, "Ada")["notes"], "Referred by: Nobody Known");
    for (name, text) in [
        ("by-id.csv", "name,email,referred_by\nAda,ada@x.example.com,1\n"),
        ("by-email.csv", "name,referred_by\nAda,ada@x.example.com\n"),
    ] {
        let path = write(&env, name, text);
        let err = refused(&env, &["import", &path]);
        assert!(err.contains(&format!("{name}:2: referred_by: a customer cannot refer themselves")), "{err}");
    }
}

#[test]
fn rapport_files_keep_their_strict_columns_and_ids() {
    let env = Env::new(TODAY);
    for (name, text, why) in [
        (
            "twice.csv",
            "name,phone,mobile,relationship\nAda,555-0100,555-0101,loyal\n",
            "twice.csv:1: the column 'mobile' appears twice",
        ),
        ("ids.csv", "id,name,relationship,id\n12,Ada,loyal,13\n", "ids.csv:1: the column 'id' appears twice"),
    ] {
        let path = write(&env, name, text);
        let err = refused(&env, &["import", &path]);
        assert!(err.contains(why), "{err}");
    }
    let zero = write(&env, "zero.csv", "id,name,relationship\n0,Ada,loyal\n9223372036854775807,Bob,loyal\n,Cy,loyal\n");
    let err = refused(&env, &["import", &zero]);
    assert!(err.contains("zero.csv:2: id: '0' is not a whole number above 0"), "{err}");
    assert!(err.contains("zero.csv:3: id: id 9223372036854775807 is too large"), "{err}");
}

#[test]
fn a_shop_row_with_only_an_id_is_left_out_and_long_cells_make_short_messages() {
    let env = Env::new(TODAY);
    let shop = write(
        &env,
        "shop.csv",
        "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Total Spent,Total Orders\n\
         '1,Ada,Lovelace,ada@x.example.com,yes,10.00,1\n'2,,,,no,5.00,1\n",
    );
    let out = env.run(&["import", &shop]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{err}");
    assert!(err.contains("leaving out 1 row that names no one (no name, email, company or phone): line 3"), "{err}");
    let long = write(&env, "long.csv", format!("name,last order\nAda,{}\n", "9".repeat(5_000)));
    let err = refused(&env, &["import", &long]);
    assert!(err.lines().all(|l| l.chars().count() < 300), "{err}");
}
