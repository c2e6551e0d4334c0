//! `rapport config`: which files are in use and whether they are valid;
//! `--print-default` prints the fully commented default config.toml.

use crate::app::Action;
use crate::cli::{CliError, CliResult, ConfigArgs, load_rules_from};
use crate::config::{self, DEFAULT_CONFIG_TOML, ThemeName};
use crate::paths;

pub fn run(args: &ConfigArgs) -> CliResult {
    if args.print_default {
        print!("{DEFAULT_CONFIG_TOML}");
        return Ok(());
    }
    let config_path = paths::config_file().map_err(CliError::failed)?;
    let rules_path = paths::rules_file().map_err(CliError::failed)?;
    let config = config::load(&config_path).map_err(|e| CliError::usage(e.to_string()))?;
    load_rules_from(&rules_path)?;
    let database = paths::database(None).map_err(CliError::failed)?;
    let state = |p: &std::path::Path, missing: &str| {
        if p.exists() { "in use".to_string() } else { format!("not there: {missing}") }
    };
    let theme = match config.theme {
        ThemeName::Dark => "dark",
        ThemeName::Light => "light",
        ThemeName::Basic => "basic",
    };
    let owner = if config.default_owner.is_empty() { "(none)" } else { config.default_owner.as_str() };
    println!("config file   {} ({})", config_path.display(), state(&config_path, "the defaults apply"));
    println!("rules file    {} ({})", rules_path.display(), state(&rules_path, "the built-in rules apply"));
    println!("database      {}", database.display());
    println!("theme         {theme}");
    println!("date format   {}", config.date_format);
    println!("default owner {}", crate::text::inert(owner));
    println!("keys:");
    for action in Action::ALL {
        println!("  {:<16} {}", action.name(), config.keymap.all_keys(*action));
    }
    Ok(())
}
