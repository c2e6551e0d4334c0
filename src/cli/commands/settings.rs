//! `rapport settings [KEY [VALUE]]`: the database-wide settings everyone sharing the file
//! works with. `timezone` is a setting of its own; `cadence.TYPE` is the rule set's
//! cadence for a type, changed in the stored rules (like a `rules import` of one line).

use std::io::Write as _;
use std::path::PathBuf;

use super::rules::refreshed_line;
use crate::cli::output::emit;
use crate::cli::{CliError, CliResult, SettingsArgs, finish_refresh, open_existing_store, open_store};
use crate::domain::RelationshipType;
use crate::domain::rules_edit::with_cadence;
use crate::store::settings::{RULES, TIMEZONE};
use crate::store::{Store, Write};
use crate::text::capped;

const CADENCE: &str = "cadence.";

pub fn run(db: Option<PathBuf>, args: &SettingsArgs) -> CliResult {
    match (&args.key, &args.value) {
        (None, _) => {
            let store = open_existing_store(db)?;
            let lines = all(&store)?;
            emit(|out| lines.iter().try_for_each(|(k, v)| writeln!(out, "{k:<22} {v}")))
        }
        (Some(key), None) => {
            let store = open_existing_store(db)?;
            let value = all(&store)?.into_iter().find(|(k, _)| k == key).map(|(_, v)| v).ok_or_else(|| unknown(key))?;
            emit(|out| writeln!(out, "{value}"))
        }
        (Some(key), Some(value)) => set(db, key, value),
    }
}

fn unknown(key: &str) -> CliError {
    let types: Vec<_> = RelationshipType::ALL.iter().map(|t| t.key()).collect();
    CliError::usage(format!(
        "there is no setting {}; the settings are timezone and cadence.TYPE for a TYPE among {}",
        capped(key, 40),
        types.join(", ")
    ))
}

/// Every setting with its value, as `rapport settings` lists them.
fn all(store: &Store) -> CliResult<Vec<(String, String)>> {
    let ctx = store.context();
    let mut lines = vec![
        (TIMEZONE.to_string(), ctx.timezone.clone()),
        ("today".to_string(), format!("{} (the date in {}; not a setting)", ctx.today, ctx.timezone)),
    ];
    for t in RelationshipType::ALL {
        lines.push((format!("{CADENCE}{}", t.key()), format!("{} days", ctx.rules.cadence(*t))));
    }
    Ok(lines)
}

fn set(db: Option<PathBuf>, key: &str, value: &str) -> CliResult {
    let mut store = open_store(db)?;
    let write = if key == TIMEZONE {
        Write::SetSetting { key: TIMEZONE.into(), value: value.trim().to_string() }
    } else if let Some(name) = key.strip_prefix(CADENCE) {
        let relationship = RelationshipType::parse(name).map_err(|_| unknown(key))?;
        let days: u32 = value.trim().parse().map_err(|_| {
            CliError::usage(format!("{key} takes a number of days, such as 30, not {}", capped(value, 40)))
        })?;
        let text = store.setting(RULES)?.unwrap_or_default();
        let edited =
            with_cadence(&text, relationship, days).map_err(|e| CliError::usage(format!("{key}: {}", e.message)))?;
        Write::SetSetting { key: RULES.into(), value: edited }
    } else {
        return Err(unknown(key));
    };
    let before = store.context().basis();
    let change = store.apply(&write)?;
    emit(|out| {
        writeln!(out, "Set {key} to {} for everyone (change {}).", capped(value.trim(), 60), change.activity_id)
    })?;
    if store.context().basis() != before {
        let report = store.finish_refresh()?;
        emit(|out| writeln!(out, "{}", refreshed_line(&report)))?;
    }
    finish_refresh(&mut store)
}
