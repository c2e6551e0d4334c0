//! One customer field's value, engine-neutral: [`FieldRef`] borrowed from a customer (what
//! a field's `get` gives, free to make), [`FieldValue`] owned (what its `set` takes and
//! text parses into). Each has two spellings: the text files and the store write
//! (`Display`, read back by [`FieldKind::parse`]) and the text people read and type
//! ([`FieldRef::display`], read back by [`FieldKind::read`]).

use std::fmt;

use super::dates::{Date, parse_date};
use super::kinds::{RelationshipType, Stage};
use super::money::{display_cents, format_cents, parse_cents};
use super::validate::{distinct_tags, parse_tags};

use FieldRef as R;
use FieldValue as V;

/// Which variant of [`FieldRef`] a field's `get` gives and of [`FieldValue`] its `set` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A whole number (an id).
    Int,
    /// Another record's id, or none.
    OptInt,
    /// A count of things, 0 or more.
    Count,
    /// Money in integer cents.
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

/// A field's value borrowed from a customer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldRef<'a> {
    Int(i64),
    OptInt(Option<i64>),
    Count(u32),
    Cents(i64),
    Bool(bool),
    Text(&'a str),
    OptText(Option<&'a str>),
    Tags(&'a [String]),
    Date(Date),
    OptDate(Option<Date>),
    Relationship(RelationshipType),
    Stage(Stage),
}

/// A field's value, owned.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    Int(i64),
    OptInt(Option<i64>),
    Count(u32),
    Cents(i64),
    Bool(bool),
    Text(String),
    OptText(Option<String>),
    Tags(Vec<String>),
    Date(Date),
    OptDate(Option<Date>),
    Relationship(RelationshipType),
    Stage(Stage),
}

/// Reads a boolean as files write it (`true`/`false`) or as spreadsheets often do
/// (`yes`/`no`, `1`/`0`). Empty is false.
pub fn parse_bool(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" | "false" | "no" | "n" | "0" => Ok(false),
        "true" | "yes" | "y" | "1" => Ok(true),
        _ => Err(format!("'{}' is not true or false", crate::text::capped(text.trim(), 40))),
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
    /// Reads a value as `Display` writes it: text exactly, optional values empty for
    /// none, tags separated by `;`, money as `1234.50`, vocabulary keys (their labels
    /// are understood too).
    pub fn parse(self, text: &str) -> Result<FieldValue, String> {
        Ok(match self {
            FieldKind::Int => V::Int(whole(text)?),
            FieldKind::OptInt => V::OptInt(optional(text, whole)?),
            FieldKind::Count => V::Count(whole(text)?),
            FieldKind::Cents => V::Cents(parse_cents(text)?),
            FieldKind::Bool => V::Bool(parse_bool(text)?),
            FieldKind::Text => V::Text(text.to_string()),
            FieldKind::OptText => V::OptText(optional(text, |t| Ok(t.to_string()))?),
            FieldKind::Tags => V::Tags(distinct_tags(text.split(';').map(str::trim).filter(|t| !t.is_empty()))),
            FieldKind::Date => V::Date(parse_date(text)?),
            FieldKind::OptDate => V::OptDate(optional(text, parse_date)?),
            FieldKind::Relationship => V::Relationship(RelationshipType::parse(text).map_err(|e| e.to_string())?),
            FieldKind::Stage => V::Stage(Stage::parse(text).map_err(|e| e.to_string())?),
        })
    }

    /// Reads what a person typed: as [`Self::parse`], except that tags may also be
    /// separated by commas.
    pub fn read(self, text: &str) -> Result<FieldValue, String> {
        match self {
            FieldKind::Tags => Ok(V::Tags(parse_tags(text))),
            _ => self.parse(text),
        }
    }
}

impl FieldRef<'_> {
    pub fn kind(self) -> FieldKind {
        match self {
            R::Int(_) => FieldKind::Int,
            R::OptInt(_) => FieldKind::OptInt,
            R::Count(_) => FieldKind::Count,
            R::Cents(_) => FieldKind::Cents,
            R::Bool(_) => FieldKind::Bool,
            R::Text(_) => FieldKind::Text,
            R::OptText(_) => FieldKind::OptText,
            R::Tags(_) => FieldKind::Tags,
            R::Date(_) => FieldKind::Date,
            R::OptDate(_) => FieldKind::OptDate,
            R::Relationship(_) => FieldKind::Relationship,
            R::Stage(_) => FieldKind::Stage,
        }
    }

    /// The value as people read it: tags joined with `, `, money grouped (`1,234.50`),
    /// vocabulary labels, booleans `yes`/`no`, nothing for none.
    pub fn display(self) -> String {
        match self {
            R::Cents(cents) => display_cents(cents),
            R::Bool(b) => (if b { "yes" } else { "no" }).to_string(),
            R::Tags(tags) => tags.join(", "),
            R::Relationship(r) => r.label().to_string(),
            R::Stage(s) => s.label().to_string(),
            other => other.to_string(),
        }
    }

    pub fn to_value(self) -> FieldValue {
        match self {
            R::Int(n) => V::Int(n),
            R::OptInt(n) => V::OptInt(n),
            R::Count(n) => V::Count(n),
            R::Cents(n) => V::Cents(n),
            R::Bool(b) => V::Bool(b),
            R::Text(t) => V::Text(t.to_string()),
            R::OptText(t) => V::OptText(t.map(String::from)),
            R::Tags(t) => V::Tags(t.to_vec()),
            R::Date(d) => V::Date(d),
            R::OptDate(d) => V::OptDate(d),
            R::Relationship(r) => V::Relationship(r),
            R::Stage(s) => V::Stage(s),
        }
    }
}

macro_rules! into {
    ($($name:ident -> $ty:ty { $pat:pat => $out:expr })+) => {$(
        pub fn $name(self) -> $ty {
            match self {
                $pat => $out,
                other => panic!("a {:?} value given for a field of another kind", other.kind()),
            }
        }
    )+};
}

impl FieldValue {
    pub fn as_ref(&self) -> FieldRef<'_> {
        match self {
            V::Int(n) => R::Int(*n),
            V::OptInt(n) => R::OptInt(*n),
            V::Count(n) => R::Count(*n),
            V::Cents(n) => R::Cents(*n),
            V::Bool(b) => R::Bool(*b),
            V::Text(t) => R::Text(t),
            V::OptText(t) => R::OptText(t.as_deref()),
            V::Tags(t) => R::Tags(t),
            V::Date(d) => R::Date(*d),
            V::OptDate(d) => R::OptDate(*d),
            V::Relationship(r) => R::Relationship(*r),
            V::Stage(s) => R::Stage(*s),
        }
    }

    pub fn kind(&self) -> FieldKind {
        self.as_ref().kind()
    }

    into! {
        into_int -> i64 { V::Int(n) => n }
        into_opt_int -> Option<i64> { V::OptInt(n) => n }
        into_count -> u32 { V::Count(n) => n }
        into_cents -> i64 { V::Cents(n) => n }
        into_bool -> bool { V::Bool(b) => b }
        into_text -> String { V::Text(t) => t }
        into_opt_text -> Option<String> { V::OptText(t) => t }
        into_tags -> Vec<String> { V::Tags(t) => t }
        into_date -> Date { V::Date(d) => d }
        into_opt_date -> Option<Date> { V::OptDate(d) => d }
        into_relationship -> RelationshipType { V::Relationship(r) => r }
        into_stage -> Stage { V::Stage(s) => s }
    }
}

/// The value as files and the store write it: see [`FieldKind::parse`].
impl fmt::Display for FieldRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            R::Int(n) | R::OptInt(Some(n)) => write!(f, "{n}"),
            R::Count(n) => write!(f, "{n}"),
            R::Cents(cents) => f.write_str(&format_cents(cents)),
            R::Bool(b) => f.write_str(if b { "true" } else { "false" }),
            R::Text(t) | R::OptText(Some(t)) => f.write_str(t),
            R::Tags(tags) => {
                for (i, tag) in tags.iter().enumerate() {
                    if i > 0 {
                        f.write_str(";")?;
                    }
                    f.write_str(tag)?;
                }
                Ok(())
            }
            R::Date(d) | R::OptDate(Some(d)) => write!(f, "{d}"),
            R::Relationship(r) => f.write_str(r.key()),
            R::Stage(s) => f.write_str(s.key()),
            R::OptInt(None) | R::OptText(None) | R::OptDate(None) => Ok(()),
        }
    }
}

impl fmt::Display for FieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_ref().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(t: &[&str]) -> FieldValue {
        V::Tags(t.iter().map(|t| t.to_string()).collect())
    }

    #[test]
    fn text_for_files_and_for_people() {
        let listed = tags(&["vip", "wholesale"]);
        assert_eq!((listed.to_string(), listed.as_ref().display()), ("vip;wholesale".into(), "vip, wholesale".into()));
        assert_eq!((R::Cents(123_450).to_string(), R::Cents(123_450).display()), ("1234.50".into(), "1,234.50".into()));
        let long_term = R::Relationship(RelationshipType::LongTerm);
        assert_eq!((long_term.to_string(), long_term.display()), ("long_term".into(), "Long-term".into()));
        assert_eq!((R::Bool(true).to_string(), R::Bool(true).display()), ("true".into(), "yes".into()));
        assert_eq!(R::OptText(None).to_string(), "");
        assert_eq!(FieldKind::Tags.parse("a,b; c"), Ok(tags(&["a,b", "c"])));
        assert_eq!(FieldKind::Tags.read("a,b; c"), Ok(tags(&["a", "b", "c"])));
        assert_eq!(FieldKind::OptText.parse("  "), Ok(V::OptText(None)));
        assert_eq!(FieldKind::Int.parse("x"), Err("'x' is not a whole number".into()));
        assert_eq!(
            FieldKind::OptDate.parse("2026-13-01"),
            Err("date '2026-13-01' does not exist in the calendar".into())
        );
        assert_eq!(R::Text("a").to_value().as_ref(), R::Text("a"));
    }

    #[test]
    #[should_panic(expected = "a Text value given for a field of another kind")]
    fn a_value_of_another_kind_is_refused() {
        V::Text("yes".into()).into_bool();
    }
}
