//! The domain: records, vocabularies, validation, signals and the reclassification
//! engine. Pure: no I/O, no terminal, no database. "Today" is always passed in.

pub mod conditions;
pub mod dates;
pub mod edits;
pub mod engine;
mod field_value;
pub mod fields;
pub mod kinds;
pub mod model;
pub mod money;
pub mod records;
pub mod rules;
pub mod rules_edit;
pub mod satisfaction;
pub mod signal_values;
pub mod signals;
pub mod validate;

pub use dates::Date;
pub use engine::{Classification, classify};
pub use fields::{CUSTOMER_FIELDS, CustomerField, FieldKind, FieldRef, FieldValue, Place, Show};
pub use kinds::{ContractKind, DecidedBy, FeedbackKind, InteractionKind, RelationshipType, Stage};
pub use records::{
    Contract, Customer, Feedback, HistoryEntry, Interaction, PriorHistory, Suggestion, SuggestionStatus,
};
pub use rules::Rules;
pub use signals::{Band, Signals, Trend};
