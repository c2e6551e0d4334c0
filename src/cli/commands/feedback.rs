//! `rapport feedback`: scores and words from a customer.

use std::io::Write;
use std::path::PathBuf;

use super::input;
use crate::cli::{CliResult, FeedbackArgs, finish_refresh, open_existing_store, output};
use crate::domain::{Feedback, FeedbackKind};

pub fn run(db: Option<PathBuf>, args: &FeedbackArgs) -> CliResult {
    let mut store = open_existing_store(db)?;
    let mut feedback = Feedback {
        id: 0,
        customer_id: 0,
        date: input::date_or("date", args.date.as_deref(), store.today())?,
        nps: input::score("nps", "NPS", args.nps.as_deref(), 0, 10)?.map(|n| n as u8),
        csat: input::score("csat", "CSAT", args.csat.as_deref(), 1, 5)?.map(|n| n as u8),
        kind: match &args.kind {
            Some(text) => input::key("kind", text, FeedbackKind::parse)?,
            None => FeedbackKind::General,
        },
        comment: input::text(&args.comment),
        resolved: false,
    };

    feedback.customer_id = store.find_customer(&args.customer)?.id;
    let change = store.apply(&crate::store::Write::AddFeedback(feedback))?;
    let notices = output::suggestion_notices(&store, &change)?;
    output::emit(|out| {
        writeln!(out, "{}", output::confirmation(&change, "feedback"))?;
        notices.iter().try_for_each(|line| writeln!(out, "{line}"))
    })?;
    finish_refresh(&mut store)
}
