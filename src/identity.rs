//! Who is at the keyboard: the name every write is recorded with. `RAPPORT_USER` first
//! (one Unix account shared by several people), then `user` in config.toml, then the
//! login name.

/// The variable that names the person writing.
pub const USER_VAR: &str = "RAPPORT_USER";

/// The longest name kept; a longer one is cut (it is shown in narrow columns).
const LONGEST: usize = 64;

/// The person writing, given config.toml's `user` (empty when not set).
pub fn current(config_user: &str) -> String {
    let from_env = std::env::var(USER_VAR).ok();
    let chosen = [from_env.as_deref(), Some(config_user)]
        .into_iter()
        .flatten()
        .map(clean)
        .find(|name| !name.is_empty())
        .unwrap_or_else(login_name);
    if chosen.is_empty() { "unknown".to_string() } else { chosen }
}

/// A name as it is recorded: one line of printable text, trimmed and capped.
fn clean(name: &str) -> String {
    let printable: String = name.chars().filter(|c| !c.is_control()).collect();
    printable.trim().chars().take(LONGEST).collect()
}

/// The account's login name, from the password database, else `USER` / `LOGNAME`.
fn login_name() -> String {
    // SAFETY: getpwuid returns a pointer into static storage or null; it is read at once,
    // before any other call that could overwrite it, and only while it is not null.
    let from_passwd = unsafe {
        let entry = libc::getpwuid(libc::geteuid());
        if entry.is_null() || (*entry).pw_name.is_null() {
            None
        } else {
            Some(std::ffi::CStr::from_ptr((*entry).pw_name).to_string_lossy().into_owned())
        }
    };
    from_passwd
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("LOGNAME").ok())
        .map(|n| clean(&n))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_one_clean_line() {
        assert_eq!(clean("  ali\u{1b}[31mce \n"), "ali[31mce");
        assert_eq!(clean(&"x".repeat(100)).len(), LONGEST);
        assert!(!login_name().is_empty(), "the test runs as some account");
    }
}
