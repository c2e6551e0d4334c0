//! One customer field's value, engine-neutral, and its two spellings: the text files and
//! the store write ([`FieldKind::parse`], `Display`), and the text people read and type
//! ([`FieldValue::display`], [`FieldKind::read`]).

use std::borrow::Cow;
use std::fmt;

use super::dates::{Date, parse_date};
use super::kinds::{RelationshipType, Stage};
use super::money::{display_cents, format_cents, parse_cents};
use super::validate::{distinct_tags, parse_tags};

use FieldValue as V;

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

    fn tags(t: &[&str]) -> FieldValue<'static> {
        V::Tags(Cow::Owned(t.iter().map(|t| t.to_string()).collect()))
    }

    #[test]
    fn text_for_files_and_for_people() {
        let listed = tags(&["vip", "wholesale"]);
        assert_eq!((listed.to_string(), listed.display()), ("vip;wholesale".into(), "vip, wholesale".into()));
        assert_eq!((V::Cents(123_450).to_string(), V::Cents(123_450).display()), ("1234.50".into(), "1,234.50".into()));
        let long_term = V::Relationship(RelationshipType::LongTerm);
        assert_eq!((long_term.to_string(), long_term.display()), ("long_term".into(), "Long-term".into()));
        assert_eq!((V::Bool(true).to_string(), V::Bool(true).display()), ("true".into(), "yes".into()));
        assert_eq!(V::OptText(None).to_string(), "");
        assert_eq!(FieldKind::Tags.parse("a,b; c"), Ok(tags(&["a,b", "c"])));
        assert_eq!(FieldKind::Tags.read("a,b; c"), Ok(tags(&["a", "b", "c"])));
        assert_eq!(FieldKind::OptText.parse("  "), Ok(V::OptText(None)));
        assert_eq!(FieldKind::Int.parse("x"), Err("'x' is not a whole number".into()));
        assert_eq!(
            FieldKind::OptDate.parse("2026-13-01"),
            Err("date '2026-13-01' does not exist in the calendar".into())
        );
    }

    #[test]
    #[should_panic(expected = "a Text value given for a field of another kind")]
    fn a_value_of_another_kind_is_refused() {
        V::Text(Cow::Borrowed("yes")).into_bool();
    }
}
