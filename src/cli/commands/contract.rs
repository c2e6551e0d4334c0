//! `rapport contract`: an agreement with a customer.

use std::io::Write;
use std::path::PathBuf;

use super::input;
use crate::cli::{CliResult, ContractArgs, finish_refresh, open_existing_store, output};
use crate::domain::{Contract, ContractKind};

pub fn run(db: Option<PathBuf>, args: &ContractArgs) -> CliResult {
    let mut contract = Contract {
        id: 0,
        customer_id: 0,
        kind: input::key("kind", &args.kind, ContractKind::parse)?,
        start: input::date("start", &args.start)?,
        end: input::optional_date("end", args.end.as_deref())?,
        value: input::money("value", args.value.as_deref())?,
        note: input::text(&args.note),
    };

    let mut store = open_existing_store(db)?;
    contract.customer_id = store.find_customer(&args.customer)?.id;
    let change = store.apply(&crate::store::Write::AddContract(contract))?;
    let notices = output::suggestion_notices(&store, &change)?;
    output::emit(|out| {
        writeln!(out, "{}", output::confirmation(&change, "contract"))?;
        notices.iter().try_for_each(|line| writeln!(out, "{line}"))
    })?;
    finish_refresh(&mut store)
}
