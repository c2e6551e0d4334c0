//! How a row changes a customer it is about: the row's non-empty cells win and its empty
//! ones erase nothing. Tags and notes are added to the customer's, never replaced: they
//! gather what several systems (and the people using rapport) know.

use crate::domain::Customer;
use crate::domain::fields::{Place, fields_in};
use crate::transfer::fields::CustomerDraft;

/// Applies a row to `customer`, field by field of the domain's table. `referred_by` is
/// settled elsewhere, once every customer of the import is known; the stage is always
/// the engine's; the id is the database's.
pub fn apply(customer: &mut Customer, row: &CustomerDraft) {
    let given = &row.customer;
    for field in fields_in(Place::Import) {
        match field.key {
            "id" | "stage" | "referred_by" => {}
            "tags" => {
                for tag in &given.tags {
                    if !customer.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                        customer.tags.push(tag.clone());
                    }
                }
            }
            "notes" => {
                if row.gives("notes") && !customer.notes.contains(given.notes.trim()) {
                    customer.notes = if customer.notes.trim().is_empty() {
                        given.notes.clone()
                    } else {
                        format!("{}\n{}", customer.notes, given.notes)
                    };
                }
            }
            "relationship" => {
                if row.relationship_given {
                    customer.relationship = given.relationship;
                }
            }
            key => {
                if row.gives(key) {
                    field.copy(given, customer);
                }
            }
        }
    }
}

/// A referrer the file names but no customer answers to, kept in the notes instead.
pub fn keep_referrer_in_notes(customer: &mut Customer, reference: &str) {
    let line = format!("Referred by: {}", reference.trim());
    if customer.notes.contains(&line) {
        return;
    }
    customer.notes = if customer.notes.trim().is_empty() { line } else { format!("{}\n{line}", customer.notes) };
}
