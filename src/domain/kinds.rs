//! The closed vocabularies of the domain: relationship types, loyalty stages and the kinds
//! of interactions, feedback and contracts. Each value has a stable key (stored in the
//! database and files), a label for people and a one-line description.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// Error for a key that names no value of a vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} '{given}' (expected one of: {expected})")]
pub struct UnknownKey {
    pub what: &'static str,
    pub given: String,
    pub expected: String,
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $( $variant:ident => ($key:literal, $label:literal, $desc:literal) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $( $variant ),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];
            /// What the vocabulary is called in messages.
            pub const WHAT: &'static str = $what;

            /// The stable key stored in the database and in files.
            pub fn key(self) -> &'static str {
                match self { $( $name::$variant => $key ),+ }
            }
            /// The name shown to people.
            pub fn label(self) -> &'static str {
                match self { $( $name::$variant => $label ),+ }
            }
            /// One line saying what the value means.
            pub fn description(self) -> &'static str {
                match self { $( $name::$variant => $desc ),+ }
            }
            /// Position in [`Self::ALL`].
            pub fn index(self) -> usize {
                Self::ALL.iter().position(|v| *v == self).unwrap_or(0)
            }
            /// Parses a key; also accepts the label and `-` for `_`, ignoring case.
            pub fn parse(text: &str) -> Result<Self, UnknownKey> {
                // Stored values are exact keys: find them without allocating, since
                // full passes parse millions of them.
                if let Some(v) = Self::ALL.iter().find(|v| v.key() == text) {
                    return Ok(*v);
                }
                let wanted = text.trim().to_lowercase().replace('-', "_");
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.key() == wanted || v.label().to_lowercase() == text.trim().to_lowercase())
                    .ok_or_else(|| UnknownKey {
                        what: $what,
                        given: text.to_string(),
                        expected: Self::ALL.iter().map(|v| v.key()).collect::<Vec<_>>().join(", "),
                    })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.key())
            }
        }

        impl FromStr for $name {
            type Err = UnknownKey;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                Self::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

vocabulary! {
    /// The kind of relationship a customer has with the business: the primary grouping.
    RelationshipType, "relationship type" {
        Transactional => ("transactional", "Transactional",
            "Comes for the price and the convenience; little contact beyond the sale itself."),
        LongTerm => ("long_term", "Long-term",
            "A relational customer: keeps in touch, buys again and again, knows the people."),
        Loyal => ("loyal", "Loyalty-based",
            "Trusts the business enough to stay when others compete; very satisfied."),
        Collaborative => ("collaborative", "Collaborative",
            "Works with the business as a partner, bringing ideas and shaping what it offers."),
        Communal => ("communal", "Communal",
            "Belongs through shared values and the community around the business; tells others."),
        Contractual => ("contractual", "Contractual",
            "Tied by an agreement, written or spoken: supply, distribution, franchise or service."),
        Supportive => ("supportive", "Supportive",
            "An open, two-way relationship grown out of help and support that works out well."),
    }
}

vocabulary! {
    /// Where a customer stands on the way from first interest to recommending the business.
    Stage, "stage" {
        Prospect => ("prospect", "Prospect", "Has not bought anything yet."),
        OneTime => ("one_time", "One-time", "Has bought exactly once."),
        Repeat => ("repeat", "Repeat", "Has bought two times or more."),
        Advocate => ("advocate", "Advocate", "Recommends the business: has referred someone and scores it a promoter."),
    }
}

vocabulary! {
    /// What happened in an interaction with a customer.
    InteractionKind, "interaction kind" {
        Purchase => ("purchase", "Purchase", "The customer bought something."),
        Call => ("call", "Call", "A phone or video call."),
        Email => ("email", "Email", "An email exchange."),
        Meeting => ("meeting", "Meeting", "A meeting in person or online."),
        Support => ("support", "Support", "Help given with a problem or a question."),
        Referral => ("referral", "Referral", "The customer sent someone our way."),
        CoCreation => ("co_creation", "Co-creation", "Worked together on a product, service or idea."),
        Community => ("community", "Community", "Took part in an event or in the community."),
        Note => ("note", "Note", "Anything else worth remembering."),
    }
}

vocabulary! {
    /// The nature of a piece of feedback.
    FeedbackKind, "feedback kind" {
        Praise => ("praise", "Praise", "Something went well and the customer said so."),
        Complaint => ("complaint", "Complaint", "Something went wrong; open until resolved."),
        Idea => ("idea", "Idea", "A suggestion for a product or a service."),
        General => ("general", "General", "A score or a remark without a particular slant."),
    }
}

vocabulary! {
    /// The kind of agreement a contract records.
    ContractKind, "contract kind" {
        Supply => ("supply", "Supply", "We supply goods or services on agreed terms."),
        Distribution => ("distribution", "Distribution", "The customer resells or distributes what we make."),
        Franchise => ("franchise", "Franchise", "The customer runs a business under our name."),
        Service => ("service", "Service", "An ongoing service agreement."),
        Other => ("other", "Other", "Any other agreement."),
    }
}

impl InteractionKind {
    /// How a sentence names one of these: "a call", "a support request".
    pub fn phrase(self) -> &'static str {
        match self {
            InteractionKind::Purchase => "a purchase",
            InteractionKind::Call => "a call",
            InteractionKind::Email => "an email",
            InteractionKind::Meeting => "a meeting",
            InteractionKind::Support => "a support request",
            InteractionKind::Referral => "a referral",
            InteractionKind::CoCreation => "a co-creation session",
            InteractionKind::Community => "a community activity",
            InteractionKind::Note => "a note",
        }
    }
}

impl FeedbackKind {
    /// How a sentence names one of these: "a complaint", "general feedback".
    pub fn phrase(self) -> &'static str {
        match self {
            FeedbackKind::Praise => "praise",
            FeedbackKind::Complaint => "a complaint",
            FeedbackKind::Idea => "an idea",
            FeedbackKind::General => "general feedback",
        }
    }
}

/// Who decided a change of relationship type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DecidedBy {
    Engine,
    User,
}

impl DecidedBy {
    pub fn key(self) -> &'static str {
        match self {
            DecidedBy::Engine => "engine",
            DecidedBy::User => "user",
        }
    }

    pub fn parse(text: &str) -> Result<Self, UnknownKey> {
        match text.trim().to_lowercase().as_str() {
            "engine" => Ok(DecidedBy::Engine),
            "user" => Ok(DecidedBy::User),
            _ => Err(UnknownKey { what: "decision maker", given: text.to_string(), expected: "engine, user".into() }),
        }
    }
}

impl fmt::Display for DecidedBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The health band a score falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    AtRisk,
    Watch,
    Healthy,
}

impl Band {
    pub const ALL: [Band; 3] = [Band::Healthy, Band::Watch, Band::AtRisk];

    pub fn key(self) -> &'static str {
        match self {
            Band::Healthy => "healthy",
            Band::Watch => "watch",
            Band::AtRisk => "at_risk",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Band::Healthy => "healthy",
            Band::Watch => "watch",
            Band::AtRisk => "at risk",
        }
    }

    pub fn parse(text: &str) -> Option<Band> {
        Band::ALL.into_iter().find(|b| b.key() == text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_for_every_vocabulary() {
        for t in RelationshipType::ALL {
            assert_eq!(RelationshipType::parse(t.key()), Ok(*t));
            assert_eq!(RelationshipType::parse(t.label()), Ok(*t));
        }
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.key()), Ok(*s));
        }
        for k in InteractionKind::ALL {
            assert_eq!(InteractionKind::parse(k.key()), Ok(*k));
        }
        for k in FeedbackKind::ALL {
            assert_eq!(FeedbackKind::parse(k.key()), Ok(*k));
        }
        for k in ContractKind::ALL {
            assert_eq!(ContractKind::parse(k.key()), Ok(*k));
        }
    }

    #[test]
    fn parse_is_forgiving_about_case_and_dashes_but_not_spelling() {
        assert_eq!(RelationshipType::parse("Long-Term"), Ok(RelationshipType::LongTerm));
        assert_eq!(InteractionKind::parse(" CO-CREATION "), Ok(InteractionKind::CoCreation));
        let err = InteractionKind::parse("lunch").unwrap_err();
        assert!(err.to_string().contains("unknown interaction kind 'lunch'"));
        assert!(err.to_string().contains("purchase, call"));
    }

    #[test]
    fn there_are_seven_relationship_types_with_descriptions() {
        assert_eq!(RelationshipType::ALL.len(), 7);
        assert!(RelationshipType::ALL.iter().all(|t| !t.description().is_empty()));
    }
}
