//! Every change a person or a command makes, as a value. The app's forms, questions and
//! decisions and the CLI's commands describe what they want written as a [`Write`];
//! the engine's `apply` is the one place it is carried out, and the [`Change`] it
//! returns drives the refresh, the notice and undo.

use super::change::{Change, Decision};
use crate::domain::{Contract, Customer, Date, DecidedBy, Feedback, Interaction, RelationshipType};

#[derive(Debug, Clone)]
pub enum Write {
    AddCustomer(Customer),
    /// Every field of the customer as given replaces what is stored.
    UpdateCustomer(Customer),
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
    Decide {
        customer_id: i64,
        decision: Decision,
    },
    AcceptAll {
        by: DecidedBy,
    },
    /// Takes a change back, if nothing since has touched what it wrote.
    Undo(Box<Change>),
}
