//! Every change a person or a command makes, as a value. The app's forms, questions and
//! decisions and the CLI's commands describe what they want written as a [`Write`];
//! the engine's `apply` is the one place it is carried out, and the [`Change`] it
//! returns drives the refresh, the notice and undo.

use super::change::{Decision, ShownMove};
use crate::domain::edits::{FieldEdit, edits_between};
use crate::domain::fields::{Place, fields_in};
use crate::domain::{Contract, Customer, Date, DecidedBy, Feedback, Interaction, RelationshipType};

impl Write {
    /// The save of the customer form that turns `seen` into `edited`: the form's fields
    /// whose values differ, each with the value in `seen`.
    pub fn edit_customer(seen: &Customer, edited: &Customer) -> Write {
        let fields: Vec<_> = fields_in(Place::Form).collect();
        Write::EditCustomer { customer_id: seen.id, edits: edits_between(seen, edited, &fields) }
    }
}

#[derive(Debug, Clone)]
pub enum Write {
    AddCustomer(Customer),
    /// The fields a person changed, each with the value they saw; refused with
    /// `StoreError::EditConflict` when one of them changed elsewhere since.
    EditCustomer {
        customer_id: i64,
        edits: Vec<FieldEdit>,
    },
    LogInteraction(Interaction),
    AddFeedback(Feedback),
    AddContract(Contract),
    ResolveFeedback {
        feedback_id: i64,
    },
    SetType {
        customer_id: i64,
        to: RelationshipType,
    },
    /// Lets the engine move the customer's type again.
    Unpin {
        customer_id: i64,
    },
    SetFollowUp {
        customer_id: i64,
        date: Option<Date>,
    },
    Archive {
        customer_id: i64,
    },
    /// A decision on the suggestion as it was shown; refused with `Conflict` when the
    /// customer's pending suggestion is another move by then.
    Decide {
        shown: ShownMove,
        decision: Decision,
    },
    /// Accepts exactly the moves counted when the person said yes (or the command listed
    /// them): one that is no longer pending as shown, or whose customer was pinned or
    /// archived since, is left for review and counted in the description.
    AcceptAll {
        by: DecidedBy,
        moves: Vec<ShownMove>,
    },
    /// Takes back the recorded change with this number in the activity record, by
    /// anyone; refused with the reason when a later change touched what it wrote.
    Undo {
        activity: i64,
    },
    /// Sets a database-wide setting (`settings::KEYS`) for everyone sharing the file.
    SetSetting {
        key: String,
        value: String,
    },
}
