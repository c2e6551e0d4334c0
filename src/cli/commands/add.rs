//! `rapport add`: a new customer. Prints only the new id, so scripts can capture it;
//! notices about other customers go to stderr.

use std::io::Write;
use std::path::PathBuf;

use super::input;
use crate::cli::{AddArgs, CliResult, finish_refresh, load_config, open_store, output};
use crate::domain::validate::parse_tags;
use crate::domain::{Customer, RelationshipType};

pub fn run(db: Option<PathBuf>, args: &AddArgs) -> CliResult {
    let mut store = open_store(db)?;
    let mut customer = Customer::new(args.name.clone(), store.today());
    customer.company = input::text(&args.company);
    customer.email = args.email.clone();
    customer.phone = input::text(&args.phone);
    customer.tags = args.tags.as_deref().map(parse_tags).unwrap_or_default();
    // Without --owner, the default owner from config.toml, as the dashboard's form has it.
    customer.owner = match &args.owner {
        Some(_) => input::text(&args.owner),
        None => load_config()?.default_owner,
    };
    customer.notes = input::text(&args.note);
    if let Some(text) = &args.relationship {
        // A type chosen by a person is pinned: the engine will not move it.
        customer.relationship = input::key("type", text, RelationshipType::parse)?;
        customer.pinned = true;
    }

    if let Some(reference) = &args.referred_by {
        customer.referred_by = Some(store.find_customer(reference)?.id);
    }
    let mut change = store.apply(&crate::store::Write::AddCustomer(customer))?;
    let id = change.created_id.unwrap_or_default();
    // The new customer's own type was just chosen (by the engine or by hand); only a
    // change in someone else, such as the referrer, is news.
    change.new_suggestions.retain(|s| s.customer_id != id);
    let notices = output::suggestion_notices(&store, &change)?;
    output::emit(|out| writeln!(out, "{id}"))?;
    for line in notices {
        eprintln!("{line}");
    }
    finish_refresh(&mut store)
}
