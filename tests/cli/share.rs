//! `rapport share --group GROUP` with two real Unix accounts in one group, made for the
//! test (as root; skipped, saying why, otherwise): before sharing the second cannot open
//! the first's database; after it both write to it, from their own homes and time zones,
//! and the files keep the group's modes.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{TODAY, is_root};

/// Unix accounts and a group that exist for one test and are removed after it.
struct Accounts {
    group: String,
    users: Vec<String>,
}

impl Accounts {
    fn create(tag: &str) -> Option<Accounts> {
        let group = format!("{tag}g");
        let made = Command::new("groupadd").arg(&group).status().ok()?.success();
        let mut accounts = Accounts { group: group.clone(), users: Vec::new() };
        if !made {
            return None;
        }
        for who in ["a", "b", "c"] {
            let user = format!("{tag}{who}");
            // The third is not in the group.
            let mut cmd = Command::new("useradd");
            cmd.args(["-M", "-s", "/bin/sh"]);
            if who != "c" {
                cmd.args(["-G", &group]);
            }
            if !cmd.arg(&user).status().ok()?.success() {
                return None;
            }
            accounts.users.push(user);
        }
        Some(accounts)
    }
}

impl Drop for Accounts {
    fn drop(&mut self) {
        for user in &self.users {
            let _ = Command::new("userdel").arg(user).status();
        }
        let _ = Command::new("groupdel").arg(&self.group).status();
    }
}

/// A folder that `user` owns, for their home.
fn home_of(base: &Path, user: &str) -> PathBuf {
    let home = base.join(format!("home-{user}"));
    std::fs::create_dir(&home).unwrap();
    Command::new("chown").arg(user).arg(&home).status().unwrap();
    home
}

/// The real `rapport` (the copy in `bin`, which every account may run) as `user`, with
/// only the environment given here.
fn rapport_as(bin: &Path, user: &str, home: &Path, tz: &str, args: &[&str]) -> Output {
    let h = home.display().to_string();
    Command::new("runuser")
        .args(["-u", user, "--", "env", "-i"])
        .arg(format!("PATH={}", std::env::var("PATH").unwrap_or_default()))
        .arg(format!("HOME={h}"))
        .arg(format!("XDG_DATA_HOME={h}/data"))
        .arg(format!("XDG_CONFIG_HOME={h}/config"))
        .arg(format!("RAPPORT_TODAY={TODAY}"))
        .arg(format!("TZ={tz}"))
        .arg(bin)
        .args(args)
        .output()
        .unwrap()
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn two_unix_accounts_in_one_group_share_a_database() {
    let tools = ["useradd", "groupadd", "userdel", "groupdel", "runuser"];
    let found =
        |tool: &str| ["/usr/sbin", "/usr/bin", "/sbin", "/bin"].iter().any(|d| Path::new(d).join(tool).exists());
    if !is_root() || !tools.iter().all(|t| found(t)) {
        eprintln!("skipped: sharing needs real Unix accounts, which only root with {} can make here", tools.join(", "));
        return;
    }
    let Some(accounts) = Accounts::create(&format!("rs{}", std::process::id() % 100_000)) else {
        eprintln!("skipped: groupadd or useradd refused to make the test's accounts");
        return;
    };
    let (alice, bob, carol) = (&accounts.users[0], &accounts.users[1], &accounts.users[2]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let (alice_home, bob_home, carol_home) =
        (home_of(dir.path(), alice), home_of(dir.path(), bob), home_of(dir.path(), carol));
    let shared = dir.path().join("sales");
    std::fs::create_dir(&shared).unwrap();
    Command::new("chown").arg(alice).arg(&shared).status().unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o700)).unwrap();
    // The binary may sit where other accounts cannot reach (a home folder): a copy they can.
    let bin = dir.path().join("rapport");
    std::fs::copy(env!("CARGO_BIN_EXE_rapport"), &bin).unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    let db = shared.join("customers.db");
    let db_arg = db.to_str().unwrap();

    ok(&rapport_as(&bin, alice, &alice_home, "Europe/Lisbon", &["--db", db_arg, "add", "Ada Lovelace"]));
    assert_eq!(std::fs::metadata(&db).unwrap().mode() & 0o777, 0o600, "private until shared");
    let refused = rapport_as(&bin, bob, &bob_home, "Asia/Tokyo", &["--db", db_arg, "show", "Ada Lovelace"]);
    assert_eq!(refused.status.code(), Some(1), "{}", String::from_utf8_lossy(&refused.stderr));

    let said = ok(&rapport_as(
        &bin,
        alice,
        &alice_home,
        "Europe/Lisbon",
        &["--db", db_arg, "share", "--group", &accounts.group],
    ));
    assert!(said.starts_with("Shared "), "{said}");
    let folder = std::fs::metadata(&shared).unwrap();
    assert_eq!(folder.mode() & 0o7777, 0o2770);
    let gid = folder.gid();

    ok(&rapport_as(
        &bin,
        bob,
        &bob_home,
        "Asia/Tokyo",
        &["--db", db_arg, "log", "--kind", "call", "--summary", "From Bob", "Ada Lovelace"],
    ));
    let shown = ok(&rapport_as(&bin, alice, &alice_home, "Europe/Lisbon", &["--db", db_arg, "show", "Ada Lovelace"]));
    assert!(shown.contains("From Bob"), "{shown}");
    for name in ["customers.db", "customers.db-wal", "customers.db-shm"] {
        let path = shared.join(name);
        if let Ok(meta) = std::fs::metadata(&path) {
            assert_eq!((meta.mode() & 0o777, meta.gid()), (0o660, gid), "{name}");
        }
    }
    let copy = shared.join("copy.db");
    ok(&rapport_as(&bin, bob, &bob_home, "Asia/Tokyo", &["--db", db_arg, "backup", copy.to_str().unwrap()]));
    let meta = std::fs::metadata(&copy).unwrap();
    assert_eq!((meta.mode() & 0o777, meta.gid()), (0o660, gid), "a backup of a shared file is the group's too");

    let outsider = rapport_as(&bin, carol, &carol_home, "UTC", &["--db", db_arg, "show", "Ada Lovelace"]);
    assert_eq!(outsider.status.code(), Some(1), "someone outside the group still cannot open it");
}

#[test]
fn sharing_with_a_group_that_does_not_exist_is_refused_and_changes_nothing() {
    let env = crate::support::cli::Env::new(TODAY);
    env.add(&["Ada"]);
    let line = env.fails(&["share", "--group", "no-such-group-here"], 1);
    assert!(line.contains("there is no group called 'no-such-group-here'"), "{line}");
    assert_eq!(std::fs::metadata(env.db()).unwrap().mode() & 0o777, 0o600);
}
