//! `rapport config`: which files are in use and whether they are valid;
//! `--print-default` prints the fully commented default config.toml.

use std::io::Write;

use crate::app::Action;
use crate::cli::output::emit;
use crate::cli::{CliError, CliResult, ConfigArgs};
use crate::config::{self, DEFAULT_CONFIG_TOML};
use crate::paths;

pub fn run(db: Option<std::path::PathBuf>, args: &ConfigArgs) -> CliResult {
    if args.print_default {
        return emit(|out| out.write_all(DEFAULT_CONFIG_TOML.as_bytes()));
    }
    let config_path = paths::config_file().map_err(CliError::failed)?;
    let rules_path = paths::rules_file().map_err(CliError::failed)?;
    let config = config::load(&config_path).map_err(|e| CliError::usage(e.to_string()))?;
    let database = paths::database(db).map_err(CliError::failed)?;
    let state = |p: &std::path::Path, missing: &str| {
        if p.exists() { "in use".to_string() } else { format!("not there: {missing}") }
    };
    let theme = config.theme.key();
    let owner = if config.default_owner.is_empty() { "(none)" } else { config.default_owner.as_str() };
    let shown = |p: &std::path::Path| crate::text::inert(&p.display().to_string()).into_owned();
    emit(|out| {
        writeln!(out, "config file   {} ({})", shown(&config_path), state(&config_path, "the defaults apply"))?;
        if rules_path.exists() {
            writeln!(
                out,
                "rules file    {} (no longer read: the rule set lives in the database; rapport rules import {})",
                shown(&rules_path),
                shown(&rules_path)
            )?;
        } else {
            writeln!(out, "rules         in the database (rapport rules show)")?;
        }
        writeln!(out, "database      {}", shown(&database))?;
        writeln!(out, "theme         {theme}")?;
        writeln!(out, "date format   {}", crate::text::inert(&config.date_format))?;
        writeln!(out, "default owner {}", crate::text::inert(owner))?;
        writeln!(out, "you are       {}", crate::text::inert(&crate::identity::current(&config.user)))?;
        writeln!(out, "keys:")?;
        for action in Action::ALL {
            writeln!(out, "  {:<16} {}", action.name(), config.keymap.all_keys(*action))?;
        }
        Ok(())
    })
}
