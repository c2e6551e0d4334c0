//! How a row changes a customer it is about: the row's non-empty cells win and its empty
//! ones erase nothing. Tags and notes are added to the customer's, never replaced: they
//! gather what several systems (and the people using rapport) know.

use crate::domain::Customer;
use crate::transfer::fields::CustomerDraft;

/// Applies a row to `customer`. `referred_by` is settled elsewhere, once every customer
/// of the import is known; the stage is always the engine's.
pub fn apply(customer: &mut Customer, row: &CustomerDraft) {
    let given = &row.customer;
    let gives = |column: &str| row.gives(column);
    if gives("name") {
        customer.name = given.name.clone();
    }
    if gives("company") {
        customer.company = given.company.clone();
    }
    if gives("email") {
        customer.email = given.email.clone();
    }
    if gives("phone") {
        customer.phone = given.phone.clone();
    }
    if gives("owner") {
        customer.owner = given.owner.clone();
    }
    for tag in &given.tags {
        if !customer.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            customer.tags.push(tag.clone());
        }
    }
    if gives("notes") && !customer.notes.contains(given.notes.trim()) {
        customer.notes = if customer.notes.trim().is_empty() {
            given.notes.clone()
        } else {
            format!("{}\n{}", customer.notes, given.notes)
        };
    }
    if row.relationship_given {
        customer.relationship = given.relationship;
    }
    if gives("pinned") {
        customer.pinned = given.pinned;
    }
    if gives("next_follow_up") {
        customer.next_follow_up = given.next_follow_up;
    }
    if gives("created") {
        customer.created = given.created;
    }
    if gives("archived") {
        customer.archived = given.archived;
    }
    if gives("source_ref") {
        customer.source_ref = given.source_ref.clone();
    }
    if gives("prior_orders") {
        customer.prior.orders = given.prior.orders;
    }
    if gives("prior_spend") {
        customer.prior.spend = given.prior.spend;
    }
    if gives("prior_last_order") {
        customer.prior.last_order = given.prior.last_order;
    }
    if gives("prior_since") {
        customer.prior.since = given.prior.since;
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
