//! Where rapport keeps its files: the database in the platform data folder and the
//! configuration in the platform config folder, both overridable.

use std::path::PathBuf;

use directories::ProjectDirs;

/// Overrides the database path.
pub const DB_VAR: &str = "RAPPORT_DB";
/// Overrides the configuration file path.
pub const CONFIG_VAR: &str = "RAPPORT_CONFIG";

fn project_dirs() -> Result<ProjectDirs, String> {
    ProjectDirs::from("", "", "rapport")
        .ok_or_else(|| "cannot find your home folder to keep rapport's data in; pass --db PATH".to_string())
}

/// The folder holding rapport's databases.
pub fn data_dir() -> Result<PathBuf, String> {
    Ok(project_dirs()?.data_dir().to_path_buf())
}

/// The folder holding config.toml.
pub fn config_dir() -> Result<PathBuf, String> {
    Ok(project_dirs()?.config_dir().to_path_buf())
}

/// The database to use: `--db`, else `RAPPORT_DB`, else `rapport.db` in the data folder.
pub fn database(flag: Option<PathBuf>) -> Result<PathBuf, String> {
    if let Some(path) = flag {
        return Ok(path);
    }
    match std::env::var_os(DB_VAR) {
        Some(path) if !path.is_empty() => Ok(PathBuf::from(path)),
        _ => Ok(data_dir()?.join("rapport.db")),
    }
}

/// The sample database `rapport --demo` opens.
pub fn demo_database() -> Result<PathBuf, String> {
    Ok(data_dir()?.join("demo.db"))
}

/// The configuration file: `RAPPORT_CONFIG`, else config.toml in the config folder.
pub fn config_file() -> Result<PathBuf, String> {
    match std::env::var_os(CONFIG_VAR) {
        Some(path) if !path.is_empty() => Ok(PathBuf::from(path)),
        _ => Ok(config_dir()?.join("config.toml")),
    }
}

/// Where earlier versions read a user's rules from; now only looked at to say once that
/// it is no longer read (the rule set lives in the database).
pub fn rules_file() -> Result<PathBuf, String> {
    Ok(config_dir()?.join("rules.toml"))
}
