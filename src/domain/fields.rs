//! The customer's fields in one table: for each, the name files use, the label people
//! read, the database column, where it appears, and typed access to its value. The
//! export's columns, the import's reading and merging, the dashboard's customer form and
//! `rapport show` are driven by [`CUSTOMER_FIELDS`]; a new field is one entry here.

pub use super::field_value::{FieldKind, FieldRef, FieldValue, parse_bool};
use super::records::Customer;

/// Where a field appears besides the store, which keeps every field in its `column`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A column of `rapport list` (and of the list rows the screens read).
    List,
    /// Read from a row of an import.
    Import,
    /// A column of the export: the CSV header and the JSON key are the field's `key`.
    Export,
    /// A field of the dashboard's customer form.
    Form,
}

/// Where `rapport show` prints a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    No,
    /// In the heading line: the name, the id, whether archived.
    Heading,
    /// On the field lines, in the order of these numbers (only the order counts); fields
    /// with the same number share one line, written by the first of them in the table.
    Line(u8),
}

/// One field of [`Customer`].
#[derive(Debug, Clone, Copy)]
pub struct CustomerField {
    /// The name in files: the export's column (CSV header, JSON key), the import's too.
    pub key: &'static str,
    /// What the form and `rapport show` print beside the value.
    pub label: &'static str,
    /// The database column.
    pub column: &'static str,
    pub kind: FieldKind,
    pub places: &'static [Place],
    pub show: Show,
    /// What the form shows in the field while it is empty.
    pub hint: &'static str,
    pub get: for<'a> fn(&'a Customer) -> FieldRef<'a>,
    /// Takes a value of the field's `kind`; any other is a bug of the caller (it panics).
    pub set: fn(&mut Customer, FieldValue),
}

use FieldRef as R;
use Place::{Export, Form, Import, List};

/// The start of an entry: a field called `key` in files and in the database, with no
/// hint, not shown; the entry gives its places and its access.
const fn field(key: &'static str, label: &'static str, kind: FieldKind) -> CustomerField {
    CustomerField {
        key,
        label,
        column: key,
        kind,
        places: &[],
        show: Show::No,
        hint: "",
        get: |_| panic!("the entry gives no get"),
        set: |_, _| panic!("the entry gives no set"),
    }
}

/// Every field of a customer, in the export's column order (docs/files.md).
pub const CUSTOMER_FIELDS: &[CustomerField] = &[
    CustomerField {
        places: &[List, Import, Export],
        show: Show::Heading,
        get: |c| R::Int(c.id),
        set: |c, v| c.id = v.into_int(),
        ..field("id", "Id", FieldKind::Int)
    },
    CustomerField {
        places: &[List, Import, Export, Form],
        show: Show::Heading,
        get: |c| R::Text(&c.name),
        set: |c, v| c.name = v.into_text(),
        ..field("name", "Name", FieldKind::Text)
    },
    CustomerField {
        places: &[List, Import, Export, Form],
        show: Show::Line(1),
        get: |c| R::Text(&c.company),
        set: |c, v| c.company = v.into_text(),
        ..field("company", "Company", FieldKind::Text)
    },
    CustomerField {
        places: &[List, Import, Export, Form],
        show: Show::Line(2),
        hint: "name@example.com",
        get: |c| R::OptText(c.email.as_deref()),
        set: |c, v| c.email = v.into_opt_text(),
        ..field("email", "Email", FieldKind::OptText)
    },
    CustomerField {
        places: &[Import, Export, Form],
        show: Show::Line(3),
        get: |c| R::Text(&c.phone),
        set: |c, v| c.phone = v.into_text(),
        ..field("phone", "Phone", FieldKind::Text)
    },
    CustomerField {
        places: &[List, Import, Export, Form],
        show: Show::Line(7),
        get: |c| R::Relationship(c.relationship),
        set: |c, v| c.relationship = v.into_relationship(),
        ..field("relationship", "Type", FieldKind::Relationship)
    },
    CustomerField {
        places: &[List, Import, Export],
        show: Show::Line(7),
        get: |c| R::Bool(c.pinned),
        set: |c, v| c.pinned = v.into_bool(),
        ..field("pinned", "Pinned", FieldKind::Bool)
    },
    CustomerField {
        places: &[List, Import, Export],
        show: Show::Line(8),
        get: |c| R::Stage(c.stage),
        set: |c, v| c.stage = v.into_stage(),
        ..field("stage", "Stage", FieldKind::Stage)
    },
    CustomerField {
        places: &[Import, Export, Form],
        show: Show::Line(5),
        hint: "comma separated",
        get: |c| R::Tags(&c.tags),
        set: |c, v| c.tags = v.into_tags(),
        ..field("tags", "Tags", FieldKind::Tags)
    },
    CustomerField {
        places: &[List, Import, Export, Form],
        show: Show::Line(4),
        get: |c| R::Text(&c.owner),
        set: |c, v| c.owner = v.into_text(),
        ..field("owner", "Owner", FieldKind::Text)
    },
    CustomerField {
        places: &[Import, Export, Form],
        show: Show::Line(9),
        hint: "id, email or name",
        get: |c| R::OptInt(c.referred_by),
        set: |c, v| c.referred_by = v.into_opt_int(),
        ..field("referred_by", "Referred by", FieldKind::OptInt)
    },
    CustomerField {
        places: &[Import, Export, Form],
        hint: "YYYY-MM-DD",
        get: |c| R::OptDate(c.next_follow_up),
        set: |c, v| c.next_follow_up = v.into_opt_date(),
        ..field("next_follow_up", "Follow-up", FieldKind::OptDate)
    },
    CustomerField {
        places: &[Import, Export, Form],
        show: Show::Line(12),
        get: |c| R::Text(&c.notes),
        set: |c, v| c.notes = v.into_text(),
        ..field("notes", "Notes", FieldKind::Text)
    },
    CustomerField {
        places: &[Import, Export],
        show: Show::Line(10),
        get: |c| R::Date(c.created),
        set: |c, v| c.created = v.into_date(),
        ..field("created", "Added", FieldKind::Date)
    },
    CustomerField {
        places: &[Import, Export],
        show: Show::Heading,
        get: |c| R::Bool(c.archived),
        set: |c, v| c.archived = v.into_bool(),
        ..field("archived", "Archived", FieldKind::Bool)
    },
    CustomerField {
        places: &[Import, Export],
        show: Show::Line(6),
        get: |c| R::OptText(c.source_ref.as_deref()),
        set: |c, v| c.source_ref = v.into_opt_text(),
        ..field("source_ref", "Source", FieldKind::OptText)
    },
    CustomerField {
        places: &[Import, Export],
        show: Show::Line(11),
        get: |c| R::Count(c.prior.orders),
        set: |c, v| c.prior.orders = v.into_count(),
        ..field("prior_orders", "Orders before rapport", FieldKind::Count)
    },
    CustomerField {
        column: "prior_spend_cents",
        places: &[Import, Export],
        show: Show::Line(11),
        get: |c| R::Cents(c.prior.spend),
        set: |c, v| c.prior.spend = v.into_cents(),
        ..field("prior_spend", "Spent before rapport", FieldKind::Cents)
    },
    CustomerField {
        places: &[Import, Export],
        show: Show::Line(11),
        get: |c| R::OptDate(c.prior.last_order),
        set: |c, v| c.prior.last_order = v.into_opt_date(),
        ..field("prior_last_order", "Last order before rapport", FieldKind::OptDate)
    },
    CustomerField {
        places: &[Import, Export],
        show: Show::Line(11),
        get: |c| R::OptDate(c.prior.since),
        set: |c, v| c.prior.since = v.into_opt_date(),
        ..field("prior_since", "Known before rapport since", FieldKind::OptDate)
    },
];

const fn has(places: &[Place], place: Place) -> bool {
    let mut i = 0;
    while i < places.len() {
        if places[i] as u8 == place as u8 {
            return true;
        }
        i += 1;
    }
    false
}

const fn count_in(place: Place) -> usize {
    let (mut n, mut i) = (0, 0);
    while i < CUSTOMER_FIELDS.len() {
        n += has(CUSTOMER_FIELDS[i].places, place) as usize;
        i += 1;
    }
    n
}

/// How many columns the export's customer table has.
pub const EXPORT_COUNT: usize = count_in(Export);

/// The fields the export writes, in column order.
pub const EXPORTED: [&CustomerField; EXPORT_COUNT] = {
    let mut out = [&CUSTOMER_FIELDS[0]; EXPORT_COUNT];
    let (mut n, mut i) = (0, 0);
    while i < CUSTOMER_FIELDS.len() {
        if has(CUSTOMER_FIELDS[i].places, Export) {
            out[n] = &CUSTOMER_FIELDS[i];
            n += 1;
        }
        i += 1;
    }
    out
};

/// The export's customer columns: the CSV header and the JSON keys.
pub const EXPORT_KEYS: [&str; EXPORT_COUNT] = {
    let mut out = [""; EXPORT_COUNT];
    let mut i = 0;
    while i < EXPORT_COUNT {
        out[i] = EXPORTED[i].key;
        i += 1;
    }
    out
};

/// The database columns of every field, in the table's order.
pub const CUSTOMER_COLUMNS: [&str; CUSTOMER_FIELDS.len()] = {
    let mut out = [""; CUSTOMER_FIELDS.len()];
    let mut i = 0;
    while i < CUSTOMER_FIELDS.len() {
        out[i] = CUSTOMER_FIELDS[i].column;
        i += 1;
    }
    out
};

/// The field whose `key` this is.
pub fn customer_field(key: &str) -> Option<&'static CustomerField> {
    CUSTOMER_FIELDS.iter().find(|f| f.key == key)
}

/// The fields that appear in `place`, in the table's order.
pub fn fields_in(place: Place) -> impl Iterator<Item = &'static CustomerField> {
    CUSTOMER_FIELDS.iter().filter(move |f| f.is_in(place))
}

/// The fields on `rapport show`'s field lines, in line order (the table's within a line).
pub fn shown_lines() -> Vec<&'static CustomerField> {
    let mut shown: Vec<_> = CUSTOMER_FIELDS.iter().filter(|f| matches!(f.show, Show::Line(_))).collect();
    shown.sort_by_key(|f| match f.show {
        Show::Line(n) => n,
        _ => 0,
    });
    shown
}

impl CustomerField {
    pub fn is_in(&self, place: Place) -> bool {
        has(self.places, place)
    }

    /// The value as files and the store write it.
    pub fn format(&self, c: &Customer) -> String {
        (self.get)(c).to_string()
    }

    /// The value as people read it: forms and `rapport show`.
    pub fn display(&self, c: &Customer) -> String {
        (self.get)(c).display()
    }

    /// Reads the text files and the store write (see [`FieldKind::parse`]).
    pub fn parse(&self, text: &str) -> Result<FieldValue, String> {
        self.kind.parse(text)
    }

    /// Reads what a person typed (see [`FieldKind::read`]).
    pub fn read(&self, text: &str) -> Result<FieldValue, String> {
        self.kind.read(text)
    }

    /// Gives `to` the value `from` has.
    pub fn copy(&self, from: &Customer, to: &mut Customer) {
        (self.set)(to, (self.get)(from).to_value());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::{Date, parse_date};
    use crate::domain::{RelationshipType, Stage};

    fn day(text: &str) -> Date {
        parse_date(text).unwrap()
    }

    /// A customer with a value in every field, none of them the default.
    fn full() -> Customer {
        let mut c = Customer::new("Zoë \"Z\" Ünal", day("2025-01-02"));
        c.id = 7;
        c.company = "Ünal & Söhne".into();
        c.email = Some("zoe@example.com".into());
        c.phone = "+44 20 7946 0000".into();
        c.relationship = RelationshipType::LongTerm;
        c.pinned = true;
        c.stage = Stage::Repeat;
        c.tags = vec!["vip".into(), "wholesale".into()];
        c.owner = "Ana".into();
        c.referred_by = Some(3);
        c.next_follow_up = Some(day("2026-07-01"));
        c.notes = " line one\r\nline two\t".into();
        c.archived = true;
        c.source_ref = Some("shopify:6812".into());
        c.prior.orders = 8;
        c.prior.spend = 123_450;
        c.prior.last_order = Some(day("2024-05-01"));
        c.prior.since = Some(day("2019-03-02"));
        c
    }

    #[test]
    fn every_field_round_trips_through_get_set_parse_and_format() {
        let given = full();
        let mut copied = Customer::new("", day("2000-01-01"));
        for field in CUSTOMER_FIELDS {
            let value = (field.get)(&given);
            assert_eq!(value.kind(), field.kind, "{}", field.key);
            assert_ne!(value, (field.get)(&copied), "{}: the test customer should not have the default", field.key);
            assert_eq!(field.parse(&field.format(&given)), Ok(value.to_value()), "{}", field.key);
            if field.is_in(Form) {
                assert_eq!(field.read(&field.display(&given)), Ok(value.to_value()), "{}", field.key);
            }
            field.copy(&given, &mut copied);
            assert_eq!((field.get)(&copied), value, "{}", field.key);
        }
        assert_eq!(copied, given);
    }

    #[test]
    fn the_keys_are_the_export_columns_docs_files_md_lists() {
        let docs = include_str!("../../docs/files.md");
        let row = docs.lines().find(|l| l.starts_with("| customers | `customers.csv` |")).expect("the customers row");
        let listed = row.split('`').nth(3).expect("the columns in backticks");
        assert_eq!(EXPORT_KEYS.join(","), listed);
        let keys: Vec<&str> = CUSTOMER_FIELDS.iter().map(|f| f.key).collect();
        assert_eq!(keys, EXPORT_KEYS, "every field is exported, in the table's order");
    }

    #[test]
    fn keys_and_columns_are_distinct_and_places_are_consistent() {
        for (i, field) in CUSTOMER_FIELDS.iter().enumerate() {
            let later = &CUSTOMER_FIELDS[i + 1..];
            assert!(later.iter().all(|f| f.key != field.key && f.column != field.column), "{}", field.key);
            assert!(field.is_in(Import), "{}: rapport reads back what it writes", field.key);
            assert!(field.hint.is_empty() || field.is_in(Form), "{}: a hint is for the form", field.key);
        }
        assert_eq!(customer_field("prior_spend").map(|f| f.column), Some("prior_spend_cents"));
        assert_eq!(CUSTOMER_COLUMNS.len(), CUSTOMER_FIELDS.len());
        let lines: Vec<&str> = shown_lines().iter().map(|f| f.key).collect();
        assert_eq!(lines[..3], ["company", "email", "phone"]);
        assert!(lines.iter().position(|k| *k == "relationship") < lines.iter().position(|k| *k == "pinned"));
    }
}
