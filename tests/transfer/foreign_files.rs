//! One test per real export layout of shops, payment systems and localised address books
//! and spreadsheets in tests/fixtures/foreign/ (see SOURCES.md there): what arrives from
//! each, field by field. Address books, CRMs and phones: foreign_contacts.rs.

use crate::support::foreign::{Arrives, assert_arrive, imported, read_as};

const NAMELESS: &str = "orders.anon@example.org";

#[test]
fn shopify_before_2023() {
    let (got, notices) = imported("shopify_customers_old.csv");
    read_as(&notices, "a Shopify customer export (before 2023)");
    let zoe = Arrives {
        name: "Zoë Ünal",
        company: "Ünal Keramik GmbH",
        email: "zoe.unal@example.com",
        phone: "+49 351 5550101",
        tags: &["vip", "wholesale"],
        notes: "Prefers invoices by post, not email.\nCall before delivery.",
        orders: 7,
        spend: 123_450,
        ..Arrives::default()
    };
    assert_arrive(
        "shopify old",
        &got,
        &[
            zoe,
            Arrives { name: NAMELESS, email: NAMELESS, ..Arrives::default() },
            Arrives {
                name: "José Núñez",
                email: "jose.nunez@example.com",
                phone: "(555) 555-0142",
                tags: &["newsletter"],
                orders: 1,
                spend: 8_990,
                ..Arrives::default()
            },
            Arrives {
                name: "Łukasz Wiśniewski",
                email: "lukasz.w@example.org",
                phone: "+48 555 010 177",
                tags: &["returning", "pl-market"],
                orders: 3,
                spend: 31_200,
                ..Arrives::default()
            },
            Arrives {
                name: "Priya Raman",
                company: "Raman & Lee Catering Ltd",
                email: "priya.raman@example.com",
                phone: "(555) 555-0163",
                tags: &["wholesale"],
                notes: "Net 30 terms",
                orders: 18,
                spend: 452_075,
                ..Arrives::default()
            },
        ],
    );
    assert_eq!(got[0].stage, rapport::domain::Stage::Repeat, "7 orders before rapport make a repeat customer");
}

#[test]
fn shopify_2023_and_later_keeps_its_ids_and_drops_the_apostrophes() {
    let (got, notices) = imported("shopify_customers_new.csv");
    read_as(&notices, "a Shopify customer export (2023 and later)");
    assert_arrive(
        "shopify new",
        &got,
        &[
            Arrives {
                name: "Zoë Ünal",
                company: "Ünal Keramik GmbH",
                email: "zoe.unal@example.com",
                phone: "+49 351 5550101",
                tags: &["vip", "wholesale"],
                notes: "Prefers invoices by post, not email.\nCall before delivery.",
                source: "shopify:6812345678901",
                orders: 7,
                spend: 123_450,
                ..Arrives::default()
            },
            Arrives { name: NAMELESS, email: NAMELESS, source: "shopify:6812345678902", ..Arrives::default() },
            Arrives {
                name: "José Núñez",
                email: "jose.nunez@example.com",
                phone: "+15555550142",
                tags: &["newsletter"],
                source: "shopify:6812345678903",
                orders: 1,
                spend: 8_990,
                ..Arrives::default()
            },
            Arrives {
                name: "Łukasz Wiśniewski",
                email: "lukasz.w@example.org",
                phone: "+48 555 010 177",
                tags: &["returning", "pl-market"],
                source: "shopify:6812345678904",
                orders: 3,
                spend: 31_200,
                ..Arrives::default()
            },
            // Two phones with the same digits are one phone.
            Arrives {
                name: "Priya Raman",
                company: "Raman & Lee Catering Ltd",
                email: "priya.raman@example.com",
                phone: "+15555550163",
                tags: &["wholesale"],
                notes: "Net 30 terms",
                source: "shopify:6812345678905",
                orders: 18,
                spend: 452_075,
                ..Arrives::default()
            },
        ],
    );
}

#[test]
fn woocommerce_customers_report() {
    let (got, notices) = imported("woocommerce_customers.csv");
    read_as(&notices, "a WooCommerce customers export");
    assert_arrive(
        "woocommerce",
        &got,
        &[
            Arrives {
                name: "Zoë Ünal",
                email: "zoe.unal@example.com",
                source: "woocommerce:zoeunal",
                orders: 7,
                spend: 123_450,
                since: "2022-11-02",
                ..Arrives::default()
            },
            Arrives {
                name: NAMELESS,
                email: NAMELESS,
                source: "woocommerce:shopper2291",
                since: "2024-06-01",
                ..Arrives::default()
            },
            // A guest: no username, no registration date.
            Arrives {
                name: "José Núñez",
                email: "jose.nunez@example.com",
                orders: 1,
                spend: 8_990,
                ..Arrives::default()
            },
            Arrives {
                name: "Łukasz Wiśniewski",
                email: "lukasz.w@example.org",
                source: "woocommerce:lwisniewski",
                orders: 3,
                spend: 31_200,
                since: "2023-02-14",
                ..Arrives::default()
            },
            Arrives {
                name: "Priya Raman",
                email: "priya.raman@example.com",
                source: "woocommerce:praman",
                orders: 18,
                spend: 452_075,
                since: "2021-05-14",
                ..Arrives::default()
            },
        ],
    );
}

#[test]
fn stripe_customers_keep_their_ids_and_payments() {
    let (got, notices) = imported("stripe_customers.csv");
    read_as(&notices, "a Stripe customers export");
    assert_arrive(
        "stripe",
        &got,
        &[
            Arrives {
                name: "Raman & Lee Catering Ltd",
                email: "accounts@example.com",
                notes: "Wholesale account, net 30\nInvoices go to accounts payable",
                source: "stripe:cus_PqR7sT2uVw3XyZ",
                orders: 18,
                spend: 452_075,
                since: "2024-03-04",
                ..Arrives::default()
            },
            Arrives {
                name: "Zoë Ünal",
                email: "zoe.unal@example.com",
                source: "stripe:cus_QaB3cD4eF5gH6i",
                orders: 7,
                spend: 123_450,
                since: "2024-05-19",
                ..Arrives::default()
            },
            Arrives {
                name: NAMELESS,
                email: NAMELESS,
                source: "stripe:cus_RzY9xW8vU7tS6r",
                since: "2024-06-01",
                ..Arrives::default()
            },
            // A guest payment: no customer id.
            Arrives {
                name: "José Núñez",
                email: "jose.nunez@example.com",
                orders: 1,
                spend: 8_990,
                since: "2024-07-12",
                ..Arrives::default()
            },
            Arrives {
                name: "Łukasz Wiśniewski",
                email: "lukasz.w@example.org",
                source: "stripe:cus_SmN4oP5qR6sT7u",
                orders: 3,
                spend: 26_200,
                since: "2024-09-30",
                ..Arrives::default()
            },
        ],
    );
}

#[test]
fn square_directory_with_dollar_amounts_and_visits() {
    let (got, notices) = imported("square_customers.csv");
    read_as(&notices, "a Square customer directory export");
    assert_arrive(
        "square",
        &got,
        &[
            Arrives {
                name: "Zoë Ünal",
                company: "Ünal Keramik",
                email: "zoe.unal@example.com",
                phone: "+15555550101",
                notes: "Prefers invoices by post, not email.\nCall before delivery.",
                source: "square:JX4K9W2Q7M1T5R8B3N6P0D2F8Y",
                orders: 7,
                spend: 123_450,
                last_order: "2024-03-04",
                since: "2023-11-02",
                ..Arrives::default()
            },
            Arrives {
                name: NAMELESS,
                email: NAMELESS,
                source: "square:R2M8Q4V6T0W1X3Y5Z7A9B1C3D5",
                ..Arrives::default()
            },
            Arrives {
                name: "José Núñez",
                email: "jose.nunez@example.com",
                phone: "5555550142",
                notes: "Reference ID: CUST-0042",
                source: "square:H7G5F3E1D9C7B5A3Z1Y9X7W5V3",
                orders: 1,
                spend: 8_990,
                last_order: "2024-07-12",
                since: "2024-07-12",
                ..Arrives::default()
            },
            Arrives {
                name: "Łukasz Wiśniewski",
                phone: "+15555550177",
                source: "square:N4P6R8T0V2X4Z6B8D0F2H4K6M8",
                orders: 3,
                spend: 31_200,
                last_order: "2024-09-30",
                since: "2024-02-10",
                ..Arrives::default()
            },
            Arrives {
                name: "Priya Raman",
                company: "Raman & Lee Catering",
                email: "priya.raman@example.com",
                phone: "(555) 555-0163",
                notes: "Net 30 terms",
                source: "square:Q1S3U5W7Y9A1C3E5G7J9L1N3P5",
                orders: 18,
                spend: 452_075,
                last_order: "2024-09-30",
                since: "2021-05-14",
                ..Arrives::default()
            },
        ],
    );
}

#[test]
fn outlook_in_german_windows_1252() {
    let (got, notices) = imported("outlook_de.csv");
    read_as(&notices, "an Outlook contacts export (German)");
    assert!(notices.iter().any(|n| n.contains("is not UTF-8, so it was read as windows-1252")), "{notices:?}");
    assert_arrive(
        "outlook de",
        &got,
        &[
            // The mobile comes first, the office line is kept in the notes.
            Arrives {
                name: "Jürgen Weiß",
                company: "Weiß & Söhne Metallbau GmbH",
                email: "juergen.weiss@example.com",
                phone: "555-0111",
                tags: &["Kunde", "VIP"],
                notes: "Other phone: 555-0110",
                ..Arrives::default()
            },
            Arrives {
                name: "Dörte Kühn",
                company: "Kühn Grafikdesign",
                email: "doerte.kuehn@example.org",
                phone: "555-0112",
                tags: &["Interessent", "Messe 2024"],
                notes: "Angebot geschickt, wartet auf Rückmeldung.\r\nBitte nicht vor 10 Uhr anrufen.",
                ..Arrives::default()
            },
            Arrives {
                name: "Lukas Bauer",
                email: "lukas.bauer@example.org",
                phone: "555-0130",
                tags: &["Privat"],
                ..Arrives::default()
            },
            Arrives {
                name: "Renée Öztürk",
                company: "Öztürk Feinkost OHG",
                email: "renee.oeztuerk@example.com",
                phone: "555-0140",
                tags: &["Lieferant"],
                ..Arrives::default()
            },
            Arrives {
                name: "Sebastian Groß",
                company: "Groß IT-Service",
                email: "s.gross@example.com",
                phone: "555-0150",
                tags: &["Kunde", "Wartungsvertrag"],
                notes: "Sagt immer \"bis bald\".\nOther email: sebastian@example.org",
                ..Arrives::default()
            },
        ],
    );
}

#[test]
fn thunderbird_in_french() {
    let (got, notices) = imported("thunderbird_fr.csv");
    read_as(&notices, "a Thunderbird address book (French)");
    let names: Vec<&str> = got.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["Élodie Marchand-Lefèvre", "François Dubœuf", "Zoé Brunet", "Agnieszka Wołek", "Martin, Paul"],
        "the display name is the name"
    );
    let elodie = &got[0];
    assert_eq!(elodie.company, "Boulangerie Étoile Fictive SARL");
    assert_eq!(elodie.email.as_deref(), Some("elodie.marchand@example.com"));
    assert_eq!(elodie.phone, "555-0143", "the mobile first");
    assert_eq!(elodie.notes, "Divers 1: client, fidèle\nOther phone: 555-0142", "custom fields are kept by name");
    assert_eq!(got[3].notes, "Divers 1: fournisseur, transport\nOther email: a.wolek@example.org");
    assert!(got[2].company.is_empty());
}

#[test]
fn a_spanish_sheet_in_windows_1252_with_semicolons_decimal_commas_and_day_first_dates() {
    let (got, notices) = imported("spreadsheet_es.csv");
    assert!(notices.iter().any(|n| n.contains("read as windows-1252")), "{notices:?}");
    assert_arrive(
        "spreadsheet es",
        &got,
        &[
            Arrives {
                name: "José María Núñez Peña",
                company: "Ferretería El Candado S.L.",
                email: "jm.nunez@example.com",
                phone: "555-0101",
                tags: &["cliente", "mayorista"],
                spend: 123_450,
                last_order: "2024-03-04",
                ..Arrives::default()
            },
            Arrives {
                name: "Begoña Ibáñez",
                company: "Talleres Ibáñez",
                email: "begona@example.org",
                phone: "555-0102",
                tags: &["proveedor", "pendiente"],
                notes: "Paga a 30 días; pedir factura.\nLlamar por la tarde",
                spend: 8_990,
                last_order: "2023-11-15",
                ..Arrives::default()
            },
            Arrives {
                name: "Lucía Gómez Ruiz",
                email: "lucia.gomez@example.com",
                phone: "555-0103",
                tags: &["particular"],
                notes: "Particular",
                ..Arrives::default()
            },
            Arrives {
                name: "Iñaki Etxeberria",
                company: "Sidrería Ejemplo",
                email: "inaki@example.com",
                phone: "555-0104",
                tags: &["vip", "cliente", "norte"],
                notes: "Dice \"sin prisa\"",
                spend: 1_200_500,
                last_order: "2024-02-28",
                ..Arrives::default()
            },
            Arrives {
                name: "Ana Belén Sáez",
                company: "Cooperativa Olivar del Sur",
                email: "anabelen.saez@example.org",
                phone: "555-0105",
                tags: &["cliente"],
                spend: 45_000,
                last_order: "2023-12-01",
                ..Arrives::default()
            },
        ],
    );
    assert_eq!(got[0].stage, rapport::domain::Stage::OneTime, "a spend with no count is at least one order");
}

#[test]
fn a_german_sheet_with_a_bom_and_semicolons() {
    let (got, notices) = imported("spreadsheet_de.csv");
    let file = crate::support::foreign::fixture("spreadsheet_de.csv");
    assert_eq!(notices, [format!("{}: ignoring columns rapport does not know: Letzter Kontakt", file.display())]);
    assert_eq!(got.len(), 5);
    assert_eq!(got[0].name, "Hans-Jürgen Strauß");
    assert_eq!(got[0].tags, ["Kunde", "Stammkunde"]);
    assert_eq!(got[1].notes, "Termin verschoben; neuer Termin folgt.\nRückruf erbeten");
    assert_eq!(got[3].name, "Weber, Klaus", "a whole-name column is kept as written");
    assert_eq!(got[4].company, "Schmitt & Partner Steuerberatung");
}

#[test]
fn a_french_sheet_saved_as_utf16_text_with_tabs() {
    let (got, notices) = imported("spreadsheet_fr_tab.tsv");
    assert!(notices.iter().any(|n| n.contains("read as UTF-16LE")), "{notices:?}");
    let names: Vec<&str> = got.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Hélène Lefèbvre", "Noël Gauthier", "Łucja Kowalczyk", "João Da Silva", "Anaïs Moreau"]);
    assert_eq!(got[1].notes, "Relancer en septembre\tpriorité haute\nPasser par l'accueil", "a tab inside quotes");
    assert_eq!(got[3].tags, ["fournisseur", "traiteur", "vip"]);
    assert_eq!(got[0].email.as_deref(), Some("helene.lefebvre@example.com"));
}
