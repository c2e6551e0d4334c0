//! Every change a person or a command makes, as a value. The app's forms, questions and
//! decisions and the CLI's commands describe what they want written as a [`Write`];
//! [`Store::apply`] is the one place it is carried out, and the [`Change`] it returns
//! drives the refresh, the notice and undo.

use super::writes::{Change, Decision};
use super::{Result, Store};
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

impl Store {
    /// Carries out one write in one transaction and says what it changed.
    pub fn apply(&mut self, write: &Write) -> Result<Change> {
        match write {
            Write::AddCustomer(c) => self.add_customer(c),
            Write::UpdateCustomer(c) => self.update_customer(c),
            Write::LogInteraction(i) => self.log_interaction(i),
            Write::AddFeedback(f) => self.add_feedback(f),
            Write::AddContract(c) => self.add_contract(c),
            Write::ResolveFeedback { feedback_id } => self.resolve_feedback(*feedback_id),
            Write::SetType { customer_id, to } => self.set_type(*customer_id, *to),
            Write::SetFollowUp { customer_id, date } => self.set_follow_up(*customer_id, *date),
            Write::Archive { customer_id } => self.archive(*customer_id),
            Write::Decide { customer_id, decision } => self.decide(*customer_id, *decision),
            Write::AcceptAll { by } => self.accept_all(*by),
            Write::Undo(change) => self.undo(change),
        }
    }
}
