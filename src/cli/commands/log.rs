//! `rapport log`: an interaction with a customer.

use std::io::Write;
use std::path::PathBuf;

use super::input;
use crate::cli::{CliResult, LogArgs, finish_refresh, open_existing_store, output};
use crate::domain::{Interaction, InteractionKind};

pub fn run(db: Option<PathBuf>, args: &LogArgs) -> CliResult {
    let mut store = open_existing_store(db)?;
    let mut interaction = Interaction {
        id: 0,
        customer_id: 0,
        date: input::date_or("date", args.date.as_deref(), store.today())?,
        kind: input::key("kind", &args.kind, InteractionKind::parse)?,
        summary: input::text(&args.summary),
        amount: input::money("amount", args.amount.as_deref())?,
        sentiment: input::score("sentiment", "sentiment", args.sentiment.as_deref(), -2, 2)?.map(|s| s as i8),
    };

    interaction.customer_id = store.find_customer(&args.customer)?.id;
    let change = store.apply(&crate::store::Write::LogInteraction(interaction))?;
    let notices = output::suggestion_notices(&store, &change)?;
    output::emit(|out| {
        writeln!(out, "{}", output::confirmation(&change, "interaction"))?;
        notices.iter().try_for_each(|line| writeln!(out, "{line}"))
    })?;
    finish_refresh(&mut store)
}
