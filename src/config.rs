//! config.toml: theme, key bindings, date display, the default owner and who you are. Read whole and
//! checked; every mistake names the file, the line and the reason.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::domain::Date;
use crate::domain::rules::line_of;
use crate::keys::Keymap;

/// The fully commented default configuration.
pub const DEFAULT_CONFIG_TOML: &str = include_str!("../assets/config.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    Dark,
    Light,
    Basic,
}

impl ThemeName {
    const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::Basic];

    /// The name config.toml uses.
    pub fn key(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Basic => "basic",
        }
    }

    fn parse(text: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.key() == text)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub theme: ThemeName,
    pub keymap: Keymap,
    pub date_format: String,
    pub default_owner: String,
    /// Who writes, when `RAPPORT_USER` does not say (else the login name).
    pub user: String,
    /// Set from the NO_COLOR environment variable: draw without any colour.
    pub no_color: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: ThemeName::Dark,
            keymap: Keymap::default(),
            date_format: "%Y-%m-%d".into(),
            default_owner: String::new(),
            user: String::new(),
            no_color: false,
        }
    }
}

impl Config {
    /// A date as the person asked to see dates.
    pub fn format_date(&self, date: Date) -> String {
        jiff::fmt::strtime::format(&self.date_format, date).unwrap_or_else(|_| date.to_string())
    }
}

/// A mistake in a config file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}: {message}", path.display())]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    theme: Option<Spanned<String>>,
    date_format: Option<Spanned<String>>,
    default_owner: Option<String>,
    user: Option<String>,
    keys: Option<toml::Table>,
}

/// Loads the config file at `path`; a missing file means the defaults.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(ConfigError { path: path.to_path_buf(), line: 1, message: format!("cannot read it: {e}") }),
    }
}

/// Parses config text; `path` is only used in messages.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let error = |line: usize, message: String| ConfigError { path: path.to_path_buf(), line, message };
    let file: ConfigFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
        error(line, e.message().lines().next().unwrap_or("not valid TOML").trim().to_string())
    })?;
    let mut config = Config::default();
    if let Some(theme) = file.theme {
        config.theme = ThemeName::parse(theme.get_ref()).ok_or_else(|| {
            error(
                line_of(text, theme.span().start),
                format!("theme '{}' is not one of dark, light, basic", crate::text::fitted(theme.get_ref(), 40)),
            )
        })?;
    }
    if let Some(format) = file.date_format {
        let sample = Date::constant(2026, 3, 1);
        match jiff::fmt::strtime::format(format.get_ref(), sample) {
            Ok(shown) if !shown.trim().is_empty() => config.date_format = format.into_inner(),
            _ => {
                return Err(error(
                    line_of(text, format.span().start),
                    format!(
                        "date_format '{}' is not a usable strftime pattern (try \"%Y-%m-%d\")",
                        crate::text::fitted(format.get_ref(), 40)
                    ),
                ));
            }
        }
    }
    if let Some(owner) = file.default_owner {
        config.default_owner = owner.trim().to_string();
    }
    if let Some(user) = file.user {
        config.user = user.trim().to_string();
    }
    if let Some(keys) = file.keys {
        let key_line = |name: &str| {
            text.lines()
                .position(|l| {
                    l.trim_start().starts_with(name)
                        && l[l.find(name).unwrap_or(0) + name.len()..].trim_start().starts_with('=')
                })
                .map(|i| i + 1)
                .unwrap_or(1)
        };
        let mut overrides = Vec::new();
        for (name, value) in keys {
            let list = match value {
                toml::Value::String(s) => vec![s],
                toml::Value::Array(items) => items
                    .into_iter()
                    .map(|v| match v {
                        toml::Value::String(s) => Ok(s),
                        _ => Err(error(key_line(&name), format!("keys.{name}: every key must be a string"))),
                    })
                    .collect::<Result<_, _>>()?,
                _ => {
                    return Err(error(
                        key_line(&name),
                        format!("keys.{name}: give a key such as \"q\" or a list of keys"),
                    ));
                }
            };
            overrides.push((name, list));
        }
        config.keymap = Keymap::with_overrides(&overrides).map_err(|e| {
            // Point at the binding the person wrote, not at a default it collides with.
            let culprit = e.actions.iter().find(|a| overrides.iter().any(|(name, _)| name == *a)).or(e.actions.first());
            let name = culprit.map(String::as_str).unwrap_or("keys");
            error(key_line(name), format!("keys.{name}: {}", e.message))
        })?;
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_is_valid_and_equals_the_defaults() {
        let parsed = parse(DEFAULT_CONFIG_TOML, Path::new("config.toml")).unwrap();
        assert_eq!(parsed, Config::default());
    }

    #[test]
    fn mistakes_name_file_and_line() {
        let err = parse("theme = \"dark\"\nthem = 1\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.to_string().starts_with("c.toml:2: "), "{err}");
        let err = parse("\ntheme = \"neon\"\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(err.line, 2);
        let err = parse("[keys]\nquit = \"j\"\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("bound to both"), "{err}");
        let err = parse("[keys]\n\nfly = \"z\"\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(err.line, 3);
        let err = parse("date_format = \"%Q\"\n", Path::new("c.toml")).unwrap_err();
        assert!(err.message.contains("date_format"), "{err}");
    }

    #[test]
    fn dates_follow_the_format() {
        let c = parse("date_format = \"%d/%m/%Y\"", Path::new("c.toml")).unwrap();
        assert_eq!(c.format_date(Date::constant(2026, 3, 1)), "01/03/2026");
    }
}
