//! `rapport rules show|import|export`: the rule set stored in the database, the same for
//! everyone who shares it.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::cli::output::emit;
use crate::cli::{CliError, CliResult, RulesAction, RulesArgs, open_existing_store, open_store};
use crate::domain::Rules;
use crate::store::settings::RULES;
use crate::store::{RefreshReport, Store, Write};
use crate::text::inert;

pub fn run(db: Option<PathBuf>, args: &RulesArgs) -> CliResult {
    match &args.action {
        RulesAction::Show => {
            let store = open_existing_store(db)?;
            let text = stored_rules(&store)?;
            emit(|out| out.write_all(text.as_bytes()))
        }
        RulesAction::Export { file } => {
            let store = open_existing_store(db)?;
            let text = stored_rules(&store)?;
            crate::partial::write_whole(file, text.as_bytes())
                .map_err(|e| CliError::failed(format!("cannot write {}: {e}", shown(file))))?;
            emit(|out| writeln!(out, "Wrote the rule set in use to {}.", shown(file)))
        }
        RulesAction::Import { file } => import(db, file),
    }
}

fn stored_rules(store: &Store) -> CliResult<String> {
    store.setting(RULES)?.ok_or_else(|| CliError::failed("the database holds no rule set"))
}

fn shown(path: &Path) -> String {
    inert(&path.display().to_string()).into_owned()
}

/// A rules file's text, checked: a mistake is a usage error naming the file and line.
pub fn read_rules_file(path: &Path) -> CliResult<String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::usage(format!("cannot read the rules file {}: {e}", shown(path))))?;
    Rules::parse(&text).map_err(|e| CliError::usage(format!("{}:{}: {}", shown(path), e.line, e.message)))?;
    Ok(text)
}

fn import(db: Option<PathBuf>, file: &Path) -> CliResult {
    let text = read_rules_file(file)?;
    let mut store = open_store(db)?;
    if stored_rules(&store)? == text {
        return emit(|out| writeln!(out, "{} is the rule set in use already; nothing changed.", shown(file)));
    }
    let change = store.apply(&Write::SetSetting { key: RULES.into(), value: text })?;
    emit(|out| {
        writeln!(out, "Imported the rule set from {} for everyone (change {}).", shown(file), change.activity_id)
    })?;
    let report = store.finish_refresh()?;
    emit(|out| writeln!(out, "{}", refreshed_line(&report)))
}

/// "Refreshed 100,000 summaries in 52 batches; the longest held the write lock 38 ms."
pub fn refreshed_line(report: &RefreshReport) -> String {
    format!(
        "Refreshed {} summar{} in {} batch{}; the longest held the write lock {} ms.",
        crate::text::columns::thousands(report.refreshed),
        if report.refreshed == 1 { "y" } else { "ies" },
        report.batches,
        if report.batches == 1 { "" } else { "es" },
        report.longest_hold.as_millis()
    )
}
