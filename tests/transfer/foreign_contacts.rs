//! One test per real export layout of address books, CRMs and phones in
//! tests/fixtures/foreign/ (see SOURCES.md there): what arrives, field by field.

use crate::support::foreign::{Arrives, assert_arrive, imported, read_as};

/// The same five people as Google, Outlook and the phones know them.
const MARGUERITE: &str = "Marguerite Anne Okafor";

#[test]
fn google_contacts_before_2020_utf16_with_groups() {
    let (got, notices) = imported("google_contacts_old.csv");
    read_as(&notices, "a Google Contacts export (Google CSV, before 2020)");
    assert!(notices.iter().any(|n| n.contains("read as UTF-16LE")), "{notices:?}");
    assert_arrive(
        "google old",
        &got,
        &[
            Arrives {
                name: MARGUERITE,
                company: "Halden & Pike Consulting",
                email: "marguerite.okafor@example.org",
                phone: "+1 202-555-0143",
                tags: &["VIP"],
                notes: "Other email: m.okafor@example.com\nOther phone: +1 202-555-0119",
                ..Arrives::default()
            },
            Arrives {
                name: "Zoë Ünal",
                email: "zoe.unal@example.org",
                phone: "+1 415-555-0127",
                tags: &["Suppliers"],
                notes: "Met at the Lyon trade fair, stand 4B.\nPrefers e-mail over phone.",
                ..Arrives::default()
            },
            // A contact kept under its company only.
            Arrives {
                name: "Brightwater Tiling Ltd",
                company: "Brightwater Tiling Ltd",
                phone: "+1 312-555-0164",
                ..Arrives::default()
            },
            Arrives {
                name: "Łukasz Wiśniewski",
                company: "Kestrel Freight sp. z o.o.",
                email: "lukasz.wisniewski@example.com",
                phone: "+1 646-555-0155",
                tags: &["VIP", "Poland"],
                notes: "Other email: lukasz.w@example.org\nOther phone: +1 646-555-0156",
                ..Arrives::default()
            },
            Arrives {
                name: "José Núñez",
                company: "Núñez & Hijos, S.L.",
                email: "jose.nunez@example.com",
                phone: "+1 305-555-0181",
                notes: "Goes by \"Pepe\". Invoices to the Madrid office, not Seville.",
                ..Arrives::default()
            },
        ],
    );
}

#[test]
fn google_contacts_2020_and_later_with_labels() {
    let (got, notices) = imported("google_contacts_new.csv");
    read_as(&notices, "a Google Contacts export (2020 and later)");
    let tags: Vec<Vec<String>> = got.iter().map(|c| c.tags.clone()).collect();
    assert_eq!(
        tags,
        [vec!["VIP"], vec!["Suppliers"], vec![], vec!["Poland", "starred"], vec![]],
        "myContacts is dropped"
    );
    assert_eq!(got[0].name, MARGUERITE, "first, middle and last names joined");
    assert_eq!(got[0].notes, "Other email: m.okafor@example.com\nOther phone: +1 202-555-0119");
    assert_eq!(got[2].name, "Brightwater Tiling Ltd");
    assert_eq!(got[3].email.as_deref(), Some("lukasz.wisniewski@example.com"));
}

#[test]
fn outlook_contacts_in_english() {
    let (got, notices) = imported("outlook.csv");
    read_as(&notices, "an Outlook contacts export");
    assert_eq!(notices.len(), 1, "every column is known: {notices:?}");
    assert_eq!(got[0].name, MARGUERITE);
    assert_eq!(got[0].email.as_deref(), Some("m.okafor@example.com"), "E-mail Address comes first");
    assert_eq!(got[0].phone, "+1 202-555-0143", "the mobile first");
    assert_eq!(got[0].notes, "Other email: marguerite.okafor@example.org\nOther phone: +1 202-555-0119");
    assert_eq!(got[1].notes, "Met at the Lyon trade fair, stand 4B.\r\nPrefers e-mail over phone.");
    assert_eq!(got[4].company, "Núñez & Hijos, S.L.");
}

#[test]
fn hubspot_contacts_with_owners_and_record_ids() {
    let (got, notices) = imported("hubspot_contacts.csv");
    read_as(&notices, "a HubSpot contacts export");
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_arrive(
        "hubspot",
        &got[..1],
        &[Arrives {
            name: "Zoë Ünal",
            company: "Lindqvist Marine Supply",
            email: "zoe.unal@example.com",
            phone: "+1 555-0101",
            notes: "Other email: zoe.private@example.org, z.unal@example.net",
            source: "hubspot:101284563201",
            since: "2024-03-04",
            ..Arrives::default()
        }],
    );
    let owners: Vec<&str> = got.iter().map(|c| c.owner.as_str()).collect();
    assert_eq!(owners, ["Maren Kessler", "Maren Kessler", "Dev Anand", "", "Dev Anand"]);
    assert_eq!(got[3].name, "Brightwater Analytics", "a contact with an email and no name takes the company");
}

#[test]
fn salesforce_data_export_in_latin_1() {
    let (got, notices) = imported("salesforce_contacts.csv");
    read_as(&notices, "a Salesforce contacts export");
    let names: Vec<&str> = got.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["José Núñez", "Zoë Elif Ünal", "Marta Øvergaard", "Amara Okafor", "Henrik Dahl"]);
    assert_eq!(got[0].source_ref.as_deref(), Some("salesforce:0035e00000AbCdEAAV"));
    assert_eq!(got[0].phone, "+34 555 0111", "MobilePhone first");
    assert_eq!(
        got[0].notes,
        "Met at the Lisbon fair, wants a quote for Q3.\nPrefers calls after 15:00, never on Fridays.\nOther phone: +34 555 0101"
    );
    assert_eq!(got[1].notes, "Other phone: (555) 555-0112, (555) 555-0122");
    assert_eq!(got[2].company, "Olmo Distribución");
    assert_eq!(got[4].prior.since, Some(rapport::domain::dates::parse_date("2024-03-20").unwrap()));
}

#[test]
fn pipedrive_people() {
    let (got, notices) = imported("pipedrive_people.csv");
    read_as(&notices, "a Pipedrive people export");
    assert_arrive(
        "pipedrive",
        &got[..1],
        &[Arrives {
            name: "Łukasz Wiśniewski",
            company: "Harbour & Finch, Ltd",
            email: "lukasz.w@example.com",
            phone: "555-0101",
            tags: &["Hot lead", "Customer"],
            notes: "Called twice, wants the annual plan.\nSend contract draft, cc legal.\nOther email: lukasz.home@example.org\nOther phone: 555-0111",
            source: "pipedrive:1482",
            since: "2024-03-04",
            ..Arrives::default()
        }],
    );
    assert_eq!(got[0].owner, "Maren Kessler");
    assert_eq!(got.len(), 4);
    assert_eq!(got[3].notes, "Other phone: 555-0114, 555-0124");
}

#[test]
fn zoho_contacts() {
    let (got, notices) = imported("zoho_contacts.csv");
    read_as(&notices, "a Zoho CRM contacts export");
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(got[0].name, "Zoë Ünal");
    assert_eq!(got[0].source_ref.as_deref(), Some("zoho:zcrm_5343270000002345001"));
    assert_eq!(got[0].tags, ["VIP", "Newsletter"]);
    assert_eq!(got[0].owner, "Maren Kessler");
    assert_eq!(got[0].phone, "555-0111", "the mobile first");
    assert!(got[0].notes.starts_with("Met at the Hamburg boat show"), "{}", got[0].notes);
    assert_eq!(got[2].company, "");
}

#[test]
fn an_android_phone_s_vcard_2_1_with_quoted_printable() {
    let (got, _) = imported("phone_android_21.vcf");
    let names: Vec<&str> = got.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Zoë Ünal", MARGUERITE, "Łukasz Wiśniewski", "Tuilerie Bézier & Fils"]);
    assert_eq!(
        got[0].notes,
        "Met at the Lyon trade fair, stand 4B. Prefers e-mail over phone; call only after 14:00 CET.\nAsk about the Genève showroom."
    );
    assert_eq!(got[0].tags, ["Suppliers"], "\"My Contacts\" tells nothing");
    assert_eq!(got[1].email.as_deref(), Some("marguerite.okafor@example.org"), "the preferred email first");
    assert_eq!(got[2].phone, "+1 646-555-0155");
    assert_eq!(got[3].company, "Tuilerie Bézier & Fils");
}

#[test]
fn an_iphone_s_vcard_3_0() {
    let (got, _) = imported("phone_iphone_30.vcf");
    let names: Vec<&str> = got.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Dr. Marguerite Anne Okafor", "Zoë Ünal", "Brightwater Tiling Ltd", "José Núñez"]);
    assert_eq!(got[0].email.as_deref(), Some("m.okafor@example.com"), "type=pref comes first");
    assert_eq!(got[3].notes, "Other email: pepe.nunez@example.org\nOther phone: +1 (305) 555-0182");
    assert_eq!(got[3].company, "Núñez & Hijos S.L.", "the department is left aside");
}

#[test]
fn a_vcard_4_0_address_book_keeps_uids_and_categories() {
    let (got, _) = imported("contacts_40.vcf");
    assert_eq!(got.len(), 4);
    assert_eq!(got[0].source_ref.as_deref(), Some("urn:uuid:5eed0000-0000-4000-8000-000000000001"));
    assert_eq!(got[0].tags, ["VIP", "Consultants"]);
    assert_eq!(got[3].tags, ["VIP", "Poland, Warsaw office"], "an escaped comma stays inside its category");
    assert!(got[2].notes.contains("at cost plus ten per cent."), "folded lines are joined: {}", got[2].notes);
}
