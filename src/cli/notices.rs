//! Things said once to a person, not on every run.

use crate::paths;

/// A `rules.toml` in the config folder is no longer read: the rule set lives in the
/// database, the same for everyone sharing it. The first run that finds one says how to
/// import it, then leaves a mark beside it so that it says so only once.
pub fn former_rules_file() {
    let (Ok(rules), Ok(dir)) = (paths::rules_file(), paths::config_dir()) else { return };
    let mark = dir.join(".rules-toml-noticed");
    if !rules.is_file() || mark.exists() {
        return;
    }
    eprintln!(
        "rapport: note: {} is no longer read; the rule set now lives in the database, the same for everyone \
         who shares it. To use your file, run: rapport rules import {}  (this note is shown once)",
        crate::text::inert(&rules.display().to_string()),
        crate::text::inert(&rules.display().to_string())
    );
    // The mark is a courtesy: a config folder that cannot be written to only means the
    // note comes again.
    let _ = std::fs::write(&mark, "rapport told you about rules.toml; delete this file to hear it again\n");
}
