//! How other systems' files are written: every encoding and separator, vCards in and out,
//! the column mapping of a dry run, capped notices, and what `show` says of history
//! before rapport.

use crate::support::TODAY;
use crate::support::cli::{Env, write};
use serde_json::Value;

fn names(env: &Env) -> Vec<String> {
    let list = env.json(&["list", "--format", "json"]);
    let mut names: Vec<String> = list.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().into()).collect();
    names.sort();
    names
}

fn stderr_of(env: &Env, args: &[&str]) -> String {
    let out = env.run(args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stderr).unwrap()
}

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let units = text.encode_utf16();
    let mut bytes: Vec<u8> = if little { vec![0xff, 0xfe] } else { vec![0xfe, 0xff] };
    for u in units {
        bytes.extend(if little { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    bytes
}

const SHEET: &str = "Name,E-mail,Company\r\nZoë Ünal,zoe@example.com,Ünal Keramik\r\nŁukasz,lukasz@example.com,\r\n";

#[test]
fn every_encoding_gives_the_same_customers() {
    let expected = ["Zoë Ünal", "Łukasz"];
    let cases: Vec<(&str, Vec<u8>, Option<&str>)> = vec![
        ("utf8.csv", SHEET.as_bytes().to_vec(), None),
        ("bom.csv", [b"\xEF\xBB\xBF".as_slice(), SHEET.as_bytes()].concat(), None),
        ("le.csv", utf16(SHEET, true), Some("read as UTF-16LE (the file says so)")),
        ("be.csv", utf16(SHEET, false), Some("read as UTF-16BE (the file says so)")),
        ("nobom.csv", utf16(SHEET, true)[2..].to_vec(), Some("read as UTF-16LE, recognised by its zero bytes")),
    ];
    for (name, bytes, notice) in cases {
        let env = Env::new(TODAY);
        let path = write(&env, name, bytes);
        let err = stderr_of(&env, &["import", &path]);
        match notice {
            Some(n) => assert!(err.contains(n), "{name}: {err}"),
            None => assert!(err.is_empty(), "{name}: {err}"),
        }
        assert_eq!(names(&env), expected.map(String::from), "{name}");
    }
}

#[test]
fn bytes_that_are_not_utf8_are_read_as_windows_1252_unless_told_otherwise() {
    let env = Env::new(TODAY);
    // "Zoë" and "€5" in Windows-1252; in ISO-8859-2, 0xB3 is "ł".
    let path = write(&env, "legacy.csv", b"name,notes\nZo\xeb,\x805\nWo\xb3ek,\n");
    let err = stderr_of(&env, &["import", &path]);
    assert!(err.contains("legacy.csv is not UTF-8, so it was read as windows-1252 (Western European)"), "{err}");
    assert_eq!(names(&env), ["Wo³ek", "Zoë"]);
    assert_eq!(env.json(&["show", "Zoë", "--format", "json"])["customer"]["notes"], "€5");

    let env = Env::new(TODAY);
    let path = write(&env, "polish.csv", b"name\nWo\xb3ek\n");
    let err = stderr_of(&env, &["import", &path, "--encoding", "iso-8859-2"]);
    assert!(err.contains("read as ISO-8859-2, as --encoding asks"), "{err}");
    assert_eq!(names(&env), ["Wołek"]);
    let err = env.fails(&["import", &path, "--encoding", "klingon"], 2);
    assert!(err.contains("--encoding: 'klingon' is not an encoding rapport knows"), "{err}");
}

#[test]
fn commas_semicolons_and_tabs_are_told_from_the_header() {
    for (name, text) in [
        ("comma.csv", "name,email\n\"Stone, Sam\",sam@example.com\n"),
        ("semicolon.csv", "name;email\n\"Stone, Sam\";sam@example.com\n"),
        ("tab.tsv", "name\temail\n\"Stone, Sam\"\tsam@example.com\n"),
        ("excel.csv", "sep=;\nname;email\n\"Stone, Sam\";sam@example.com\n"),
    ] {
        let env = Env::new(TODAY);
        let path = write(&env, name, text);
        env.ok(&["import", &path]);
        assert_eq!(names(&env), ["Stone, Sam"], "{name}");
        assert_eq!(env.json(&["show", "Stone", "--format", "json"])["customer"]["email"], "sam@example.com");
    }
    let env = Env::new(TODAY);
    let path = write(&env, "bars.txt", "name|email\nSam|sam@example.com\n");
    env.ok(&["import", &path, "--delimiter", "|"]);
    assert_eq!(names(&env), ["Sam"]);
    let err = env.fails(&["import", &path, "--delimiter", "||"], 2);
    assert!(err.contains("--delimiter: '||' is not one character"), "{err}");
}

#[test]
fn a_dry_run_shows_the_mapping_and_warns_of_contact_data_left_out() {
    let env = Env::new(TODAY);
    let path = write(
        &env,
        "crm.csv",
        "Record ID,First Name,Last Name,Email,Contact owner,Lifecycle Stage,Work Fax Line,Favourite colour\n\
         101,Ada,Lovelace,ada@example.com,Maria,customer,555-0109,green\n",
    );
    let out = env.run(&["import", &path, "--dry-run"]);
    let (stdout, stderr) = (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap());
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    for line in [
        "crm.csv: a HubSpot contacts export; UTF-8, separated by commas",
        "  Record ID        → source reference (hubspot:…)",
        "  First Name       → name (first name)",
        "  Contact owner    → owner",
        "  Work Fax Line    → ignored",
        "  not kept (1): Lifecycle Stage",
        "would import 1 new customer. Nothing was written.",
    ] {
        assert!(stdout.contains(line), "missing {line:?} in\n{stdout}");
    }
    assert!(
        stdout.contains("warning: Work Fax Line may hold an email, a phone number or a company but is not read"),
        "{stdout}"
    );
    assert!(stdout.contains("  Favourite colour → ignored"), "{stdout}");
    assert!(stderr.is_empty(), "the mapping says it all, once: {stderr}");
    assert!(!env.db().exists(), "a dry run creates nothing");
}

#[test]
fn notices_about_thousands_of_columns_stay_short() {
    let env = Env::new(TODAY);
    let header: Vec<String> =
        std::iter::once("name".to_string()).chain((0..10_000).map(|i| format!("extra column {i}"))).collect();
    let row: Vec<&str> = std::iter::once("Ada").chain(std::iter::repeat_n("", 10_000)).collect();
    let path = write(&env, "wide.csv", format!("{}\n{}\n", header.join(","), row.join(",")));
    let err = stderr_of(&env, &["import", &path]);
    assert!(err.len() < 600, "{} bytes of notices", err.len());
    assert!(err.contains("and 9992 more"), "{err}");
}

#[test]
fn vcards_come_in_from_any_version_and_go_out_as_4_0_that_comes_back_unchanged() {
    let env = Env::new(TODAY);
    let cards = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=9Cnal;Zo=C3=AB;;;\r\n\
                 TEL;CELL:555-0101\r\nTEL;WORK:555-0102\r\nEMAIL;INTERNET:zoe@example.com\r\nORG:Acme;Sales\r\n\
                 NOTE;ENCODING=QUOTED-PRINTABLE:First line=0D=0Asecond=\r\n line\r\nEND:VCARD\r\n\
                 BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nitem1.EMAIL;type=INTERNET;type=pref:ada@example.com\r\n\
                 NOTE:Poet\\, mathematician\\nlikes engines; and a long line that is\r\n  folded\r\n\
                 CATEGORIES:vip,wholesale\r\nEND:VCARD\r\n\
                 BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\r\nFN:Sam Stone\r\n\
                 TEL;VALUE=uri:tel:+1-555-0100\r\nEND:VCARD\r\n";
    let path = write(&env, "phone.vcf", cards);
    let out = env.ok(&["import", &path]);
    assert!(out.starts_with("Imported 3 new customers from"), "{out}");
    let zoe = env.json(&["show", "zoe@example.com", "--format", "json"])["customer"].clone();
    assert_eq!(zoe["name"], "Zoë Ünal", "N, decoded from quoted-printable, when there is no FN");
    assert_eq!((zoe["company"].as_str(), zoe["phone"].as_str()), (Some("Acme"), Some("555-0101")));
    assert_eq!(zoe["notes"], "First line\nsecond line\nOther phone: 555-0102");
    let ada = env.json(&["show", "Ada", "--format", "json"])["customer"].clone();
    assert_eq!(ada["notes"], "Poet, mathematician\nlikes engines; and a long line that is folded");
    assert_eq!(ada["tags"], serde_json::json!(["vip", "wholesale"]));
    let sam = env.json(&["show", "Sam", "--format", "json"])["customer"].clone();
    assert_eq!(
        (sam["phone"].as_str(), sam["source_ref"].as_str()),
        (Some("+1-555-0100"), Some("urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"))
    );

    let first = env.db().with_file_name("first.vcf");
    let out = env.ok(&["export", "--format", "vcard", "--out", first.to_str().unwrap()]);
    assert!(out.starts_with("Exported 3 customers as vCards to"), "{out}");
    let again = Env::new(TODAY);
    again.ok(&["import", first.to_str().unwrap()]);
    let second = again.db().with_file_name("second.vcf");
    again.ok(&["export", "--format", "vcard", "--out", second.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&first).unwrap(), std::fs::read_to_string(&second).unwrap());
    // Importing the cards again finds every customer and changes none.
    let out = env.ok(&["import", first.to_str().unwrap()]);
    assert!(out.ends_with("; 3 customers unchanged.\n"), "{out}");
}

#[test]
fn show_tells_the_source_and_the_history_before_rapport() {
    let env = Env::new(TODAY);
    let path = write(
        &env,
        "shop.csv",
        "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Total Spent,Total Orders\n\
         '6812345678901,Zoë,Ünal,zoe@example.com,yes,\"1,234.50\",8\n",
    );
    env.ok(&["import", &path]);
    let text = env.ok(&["show", "Zoë"]);
    assert!(text.contains("shopify:6812345678901"), "{text}");
    assert!(text.contains("8 orders (1,234.50) before rapport"), "{text}");
    assert!(text.contains("engagement unknown: never contacted"), "{text}");
    let json: Value = env.json(&["show", "Zoë", "--format", "json"]);
    assert_eq!(json["signals"]["purchases_total"], 8);
    assert_eq!(json["signals"]["spend_total"], 123_450);
    assert_eq!(json["signals"]["never_contacted"], true);
    assert_eq!(json["customer"]["stage"], "repeat");
    assert_ne!(json["signals"]["band"], "at_risk");
}

#[test]
fn sheets_headed_in_italian_portuguese_and_dutch() {
    for (name, text) in [
        (
            "it.csv",
            "Nome;Cognome;Azienda;Indirizzo e-mail;Telefono;Note;Etichette\nGiulia;Bianchi;Forno Bianchi;g@example.com;555-0101;Cliente storica;vip, forno\n",
        ),
        (
            "pt.csv",
            "Primeiro nome,Sobrenome,Empresa,Email principal,Telefone,Notas,Etiquetas\nGiulia,Bianchi,Forno Bianchi,g@example.com,555-0101,Cliente storica,\"vip, forno\"\n",
        ),
        (
            "nl.csv",
            "Voornaam;Achternaam;Bedrijf;E-mailadres;Telefoon;Opmerkingen;Labels\nGiulia;Bianchi;Forno Bianchi;g@example.com;555-0101;Cliente storica;vip, forno\n",
        ),
    ] {
        let env = Env::new(TODAY);
        let path = write(&env, name, text);
        env.ok(&["import", &path]);
        let c = env.json(&["show", "Giulia Bianchi", "--format", "json"])["customer"].clone();
        assert_eq!(
            (c["company"].as_str(), c["email"].as_str(), c["phone"].as_str(), c["notes"].as_str()),
            (Some("Forno Bianchi"), Some("g@example.com"), Some("555-0101"), Some("Cliente storica")),
            "{name}"
        );
        assert_eq!(c["tags"], serde_json::json!(["vip", "forno"]), "{name}");
    }
}

#[test]
fn a_folded_line_that_looks_like_a_new_card_is_part_of_its_line() {
    let env = Env::new(TODAY);
    let cards = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nNOTE:forwarded text follows and the fold lands right\r\n  BEGIN:VCARD\r\nEND:VCARD\r\n";
    let path = write(&env, "fold.vcf", cards);
    env.ok(&["import", &path]);
    let ada = env.json(&["show", "Ada", "--format", "json"])["customer"].clone();
    assert_eq!(ada["notes"], "forwarded text follows and the fold lands right BEGIN:VCARD");
}
