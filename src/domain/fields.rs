//! The customer's fields in one table: for each, the name files use, the label people
//! read, the database column, where it appears, and typed access to its value. The
//! export's columns, the import's reading and merging, the dashboard's customer form and
//! `rapport show` are driven by [`CUSTOMER_FIELDS`]; a new field is one entry here.

use std::borrow::Cow;
use std::fmt;

use super::dates::{Date, parse_date};
use super::kinds::{RelationshipType, Stage};
use super::money::{display_cents, format_cents, parse_cents};
use super::records::Customer;
use super::validate::{distinct_tags, parse_tags};

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

/// Which [`FieldValue`] variant a field's `get` returns and its `set` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Int,
    OptInt,
    Count,
    Cents,
    Bool,
    Text,
    OptText,
    Tags,
    Date,
    OptDate,
    Relationship,
    Stage,
}

/// One field's value, engine-neutral. `get` borrows from the customer (no allocation);
/// parsed values and values a store reads are owned.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue<'a> {
    /// A whole number (an id).
    Int(i64),
    /// Another record's id, or none.
    OptInt(Option<i64>),
    /// A count of things, 0 or more.
    Count(u32),
    /// Money in integer cents.
    Cents(i64),
    Bool(bool),
    Text(Cow<'a, str>),
    OptText(Option<Cow<'a, str>>),
    Tags(Cow<'a, [String]>),
    Date(Date),
    OptDate(Option<Date>),
    Relationship(RelationshipType),
    Stage(Stage),
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
    pub get: for<'a> fn(&'a Customer) -> FieldValue<'a>,
    /// Takes a value of the field's `kind`; any other is a bug of the caller (it panics).
    pub set: fn(&mut Customer, FieldValue<'_>),
}

use FieldValue as V;
use Place::{Export, Form, Import, List};

fn text(t: &str) -> FieldValue<'_> {
    V::Text(Cow::Borrowed(t))
}

fn opt_text(t: &Option<String>) -> FieldValue<'_> {
    V::OptText(t.as_deref().map(Cow::Borrowed))
}

/// Every field of a customer, in the export's column order (docs/files.md).
pub const CUSTOMER_FIELDS: &[CustomerField] = &[
    CustomerField {
        key: "id",
        label: "Id",
        column: "id",
        kind: FieldKind::Int,
        places: &[List, Import, Export],
        show: Show::Heading,
        hint: "",
        get: |c| V::Int(c.id),
        set: |c, v| c.id = v.into_int(),
    },
    CustomerField {
        key: "name",
        label: "Name",
        column: "name",
        kind: FieldKind::Text,
        places: &[List, Import, Export, Form],
        show: Show::Heading,
        hint: "",
        get: |c| text(&c.name),
        set: |c, v| c.name = v.into_text(),
    },
    CustomerField {
        key: "company",
        label: "Company",
        column: "company",
        kind: FieldKind::Text,
        places: &[List, Import, Export, Form],
        show: Show::Line(1),
        hint: "",
        get: |c| text(&c.company),
        set: |c, v| c.company = v.into_text(),
    },
    CustomerField {
        key: "email",
        label: "Email",
        column: "email",
        kind: FieldKind::OptText,
        places: &[List, Import, Export, Form],
        show: Show::Line(2),
        hint: "name@example.com",
        get: |c| opt_text(&c.email),
        set: |c, v| c.email = v.into_opt_text(),
    },
    CustomerField {
        key: "phone",
        label: "Phone",
        column: "phone",
        kind: FieldKind::Text,
        places: &[Import, Export, Form],
        show: Show::Line(3),
        hint: "",
        get: |c| text(&c.phone),
        set: |c, v| c.phone = v.into_text(),
    },
    CustomerField {
        key: "relationship",
        label: "Type",
        column: "relationship",
        kind: FieldKind::Relationship,
        places: &[List, Import, Export, Form],
        show: Show::Line(7),
        hint: "",
        get: |c| V::Relationship(c.relationship),
        set: |c, v| c.relationship = v.into_relationship(),
    },
    CustomerField {
        key: "pinned",
        label: "Pinned",
        column: "pinned",
        kind: FieldKind::Bool,
        places: &[List, Import, Export],
        show: Show::Line(7),
        hint: "",
        get: |c| V::Bool(c.pinned),
        set: |c, v| c.pinned = v.into_bool(),
    },
    CustomerField {
        key: "stage",
        label: "Stage",
        column: "stage",
        kind: FieldKind::Stage,
        places: &[List, Import, Export],
        show: Show::Line(8),
        hint: "",
        get: |c| V::Stage(c.stage),
        set: |c, v| c.stage = v.into_stage(),
    },
    CustomerField {
        key: "tags",
        label: "Tags",
        column: "tags",
        kind: FieldKind::Tags,
        places: &[Import, Export, Form],
        show: Show::Line(5),
        hint: "comma separated",
        get: |c| V::Tags(Cow::Borrowed(&c.tags)),
        set: |c, v| c.tags = v.into_tags(),
    },
    CustomerField {
        key: "owner",
        label: "Owner",
        column: "owner",
        kind: FieldKind::Text,
        places: &[List, Import, Export, Form],
        show: Show::Line(4),
        hint: "",
        get: |c| text(&c.owner),
        set: |c, v| c.owner = v.into_text(),
    },
    CustomerField {
        key: "referred_by",
        label: "Referred by",
        column: "referred_by",
        kind: FieldKind::OptInt,
        places: &[Import, Export, Form],
        show: Show::Line(9),
        hint: "id, email or name",
        get: |c| V::OptInt(c.referred_by),
        set: |c, v| c.referred_by = v.into_opt_int(),
    },
    CustomerField {
        key: "next_follow_up",
        label: "Follow-up",
        column: "next_follow_up",
        kind: FieldKind::OptDate,
        places: &[Import, Export, Form],
        show: Show::No,
        hint: "YYYY-MM-DD",
        get: |c| V::OptDate(c.next_follow_up),
        set: |c, v| c.next_follow_up = v.into_opt_date(),
    },
    CustomerField {
        key: "notes",
        label: "Notes",
        column: "notes",
        kind: FieldKind::Text,
        places: &[Import, Export, Form],
        show: Show::Line(12),
        hint: "",
        get: |c| text(&c.notes),
        set: |c, v| c.notes = v.into_text(),
    },
    CustomerField {
        key: "created",
        label: "Added",
        column: "created",
        kind: FieldKind::Date,
        places: &[Import, Export],
        show: Show::Line(10),
        hint: "",
        get: |c| V::Date(c.created),
        set: |c, v| c.created = v.into_date(),
    },
    CustomerField {
        key: "archived",
        label: "Archived",
        column: "archived",
        kind: FieldKind::Bool,
        places: &[Import, Export],
        show: Show::Heading,
        hint: "",
        get: |c| V::Bool(c.archived),
        set: |c, v| c.archived = v.into_bool(),
    },
    CustomerField {
        key: "source_ref",
        label: "Source",
        column: "source_ref",
        kind: FieldKind::OptText,
        places: &[Import, Export],
        show: Show::Line(6),
        hint: "",
        get: |c| opt_text(&c.source_ref),
        set: |c, v| c.source_ref = v.into_opt_text(),
    },
    CustomerField {
        key: "prior_orders",
        label: "Orders before rapport",
        column: "prior_orders",
        kind: FieldKind::Count,
        places: &[Import, Export],
        show: Show::Line(11),
        hint: "",
        get: |c| V::Count(c.prior.orders),
        set: |c, v| c.prior.orders = v.into_count(),
    },
    CustomerField {
        key: "prior_spend",
        label: "Spent before rapport",
        column: "prior_spend_cents",
        kind: FieldKind::Cents,
        places: &[Import, Export],
        show: Show::Line(11),
        hint: "",
        get: |c| V::Cents(c.prior.spend),
        set: |c, v| c.prior.spend = v.into_cents(),
    },
    CustomerField {
        key: "prior_last_order",
        label: "Last order before rapport",
        column: "prior_last_order",
        kind: FieldKind::OptDate,
        places: &[Import, Export],
        show: Show::Line(11),
        hint: "",
        get: |c| V::OptDate(c.prior.last_order),
        set: |c, v| c.prior.last_order = v.into_opt_date(),
    },
    CustomerField {
        key: "prior_since",
        label: "Known before rapport since",
        column: "prior_since",
        kind: FieldKind::OptDate,
        places: &[Import, Export],
        show: Show::Line(11),
        hint: "",
        get: |c| V::OptDate(c.prior.since),
        set: |c, v| c.prior.since = v.into_opt_date(),
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
    pub fn parse(&self, text: &str) -> Result<FieldValue<'static>, String> {
        self.kind.parse(text)
    }

    /// Reads what a person typed (see [`FieldKind::read`]).
    pub fn read(&self, text: &str) -> Result<FieldValue<'static>, String> {
        self.kind.read(text)
    }

    /// Gives `to` the value `from` has.
    pub fn copy(&self, from: &Customer, to: &mut Customer) {
        (self.set)(to, (self.get)(from));
    }
}

/// Reads a boolean as files write it (`true`/`false`) or as spreadsheets often do
/// (`yes`/`no`, `1`/`0`). Empty is false.
pub fn parse_bool(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" | "false" | "no" | "n" | "0" => Ok(false),
        "true" | "yes" | "y" | "1" => Ok(true),
        _ => Err(format!("'{}' is not true or false", text.trim())),
    }
}

fn whole<T: std::str::FromStr>(text: &str) -> Result<T, String> {
    let t = text.trim();
    t.parse().map_err(|_| format!("'{}' is not a whole number", crate::text::capped(t, 40)))
}

/// `None` for empty (or blank) text, else what `parse` makes of it.
fn optional<T>(text: &str, parse: impl FnOnce(&str) -> Result<T, String>) -> Result<Option<T>, String> {
    let t = text.trim();
    if t.is_empty() { Ok(None) } else { parse(t).map(Some) }
}

impl FieldKind {
    /// Reads a value as [`FieldValue`]'s `Display` writes it: text exactly, optional
    /// values empty for none, tags separated by `;`, money as `1234.50`, vocabulary keys
    /// (their labels are understood too).
    pub fn parse(self, text: &str) -> Result<FieldValue<'static>, String> {
        Ok(match self {
            FieldKind::Int => V::Int(whole(text)?),
            FieldKind::OptInt => V::OptInt(optional(text, whole)?),
            FieldKind::Count => V::Count(whole(text)?),
            FieldKind::Cents => V::Cents(parse_cents(text)?),
            FieldKind::Bool => V::Bool(parse_bool(text)?),
            FieldKind::Text => V::Text(Cow::Owned(text.to_string())),
            FieldKind::OptText => V::OptText(optional(text, |t| Ok(Cow::Owned(t.to_string())))?),
            FieldKind::Tags => {
                V::Tags(Cow::Owned(distinct_tags(text.split(';').map(str::trim).filter(|t| !t.is_empty()))))
            }
            FieldKind::Date => V::Date(parse_date(text)?),
            FieldKind::OptDate => V::OptDate(optional(text, parse_date)?),
            FieldKind::Relationship => V::Relationship(RelationshipType::parse(text).map_err(|e| e.to_string())?),
            FieldKind::Stage => V::Stage(Stage::parse(text).map_err(|e| e.to_string())?),
        })
    }

    /// Reads what a person typed: as [`Self::parse`], except that tags may also be
    /// separated by commas.
    pub fn read(self, text: &str) -> Result<FieldValue<'static>, String> {
        match self {
            FieldKind::Tags => Ok(V::Tags(Cow::Owned(parse_tags(text)))),
            _ => self.parse(text),
        }
    }
}

macro_rules! into {
    ($($(#[$m:meta])* $name:ident -> $ty:ty { $($pat:pat => $out:expr),+ })+) => {$(
        $(#[$m])*
        pub fn $name(self) -> $ty {
            match self {
                $($pat => $out,)+
                other => panic!("a {:?} value given for a field of another kind", other.kind()),
            }
        }
    )+};
}

impl FieldValue<'_> {
    pub fn kind(&self) -> FieldKind {
        match self {
            V::Int(_) => FieldKind::Int,
            V::OptInt(_) => FieldKind::OptInt,
            V::Count(_) => FieldKind::Count,
            V::Cents(_) => FieldKind::Cents,
            V::Bool(_) => FieldKind::Bool,
            V::Text(_) => FieldKind::Text,
            V::OptText(_) => FieldKind::OptText,
            V::Tags(_) => FieldKind::Tags,
            V::Date(_) => FieldKind::Date,
            V::OptDate(_) => FieldKind::OptDate,
            V::Relationship(_) => FieldKind::Relationship,
            V::Stage(_) => FieldKind::Stage,
        }
    }

    /// The value as people read it: tags joined with `, `, money grouped (`1,234.50`),
    /// vocabulary labels, booleans `yes`/`no`, nothing for none.
    pub fn display(&self) -> String {
        match self {
            V::Cents(cents) => display_cents(*cents),
            V::Bool(b) => (if *b { "yes" } else { "no" }).to_string(),
            V::Tags(tags) => tags.join(", "),
            V::Relationship(r) => r.label().to_string(),
            V::Stage(s) => s.label().to_string(),
            other => other.to_string(),
        }
    }

    into! {
        into_int -> i64 { V::Int(n) => n }
        into_opt_int -> Option<i64> { V::OptInt(n) => n }
        into_count -> u32 { V::Count(n) => n }
        into_cents -> i64 { V::Cents(n) => n }
        into_bool -> bool { V::Bool(b) => b }
        into_text -> String { V::Text(t) => t.into_owned() }
        into_opt_text -> Option<String> { V::OptText(t) => t.map(Cow::into_owned) }
        into_tags -> Vec<String> { V::Tags(t) => t.into_owned() }
        into_date -> Date { V::Date(d) => d }
        into_opt_date -> Option<Date> { V::OptDate(d) => d }
        into_relationship -> RelationshipType { V::Relationship(r) => r }
        into_stage -> Stage { V::Stage(s) => s }
    }
}

/// The value as files and the store write it: see [`FieldKind::parse`].
impl fmt::Display for FieldValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            V::Int(n) | V::OptInt(Some(n)) => write!(f, "{n}"),
            V::Count(n) => write!(f, "{n}"),
            V::Cents(cents) => f.write_str(&format_cents(*cents)),
            V::Bool(b) => f.write_str(if *b { "true" } else { "false" }),
            V::Text(t) | V::OptText(Some(t)) => f.write_str(t),
            V::Tags(tags) => {
                for (i, tag) in tags.iter().enumerate() {
                    if i > 0 {
                        f.write_str(";")?;
                    }
                    f.write_str(tag)?;
                }
                Ok(())
            }
            V::Date(d) | V::OptDate(Some(d)) => write!(f, "{d}"),
            V::Relationship(r) => f.write_str(r.key()),
            V::Stage(s) => f.write_str(s.key()),
            V::OptInt(None) | V::OptText(None) | V::OptDate(None) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(field.parse(&field.format(&given)).as_ref(), Ok(&value), "{}", field.key);
            if field.is_in(Form) {
                assert_eq!(field.read(&field.display(&given)).as_ref(), Ok(&value), "{}", field.key);
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
        assert_eq!(lines.last(), Some(&"notes"));
    }

    #[test]
    fn text_for_files_and_for_people() {
        let c = full();
        let field = |key| customer_field(key).unwrap();
        assert_eq!(field("tags").format(&c), "vip;wholesale");
        assert_eq!(field("tags").display(&c), "vip, wholesale");
        assert_eq!(field("prior_spend").format(&c), "1234.50");
        assert_eq!(field("prior_spend").display(&c), "1,234.50");
        assert_eq!(field("relationship").format(&c), "long_term");
        assert_eq!(field("relationship").display(&c), "Long-term");
        assert_eq!(field("pinned").format(&c), "true");
        assert_eq!(field("email").format(&Customer::new("A", c.created)), "");
        assert_eq!(field("tags").parse("a,b; c"), Ok(V::Tags(Cow::Owned(vec!["a,b".into(), "c".into()]))));
        assert_eq!(field("tags").read("a,b; c"), Ok(V::Tags(Cow::Owned(vec!["a".into(), "b".into(), "c".into()]))));
        assert_eq!(field("email").parse("  "), Ok(V::OptText(None)));
        assert_eq!(field("id").parse("x"), Err("'x' is not a whole number".into()));
        assert!(field("next_follow_up").parse("2026-13-01").is_err());
    }

    #[test]
    #[should_panic(expected = "a Text value given for a field of another kind")]
    fn a_value_of_another_kind_is_refused() {
        let mut c = Customer::new("A", day("2026-01-01"));
        (customer_field("pinned").unwrap().set)(&mut c, V::Text(Cow::Borrowed("yes")));
    }
}
