//! Several people on one database through the real binary: one rule set and one set of
//! settings stored in the file, one today in its time zone whatever each person's own,
//! read commands that never write, and an activity record anyone can undo from.

use std::path::Path;

use crate::support::cli::Env;
use rapport::domain::rules::DEFAULT_RULES_TOML;

fn rules_file(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules").join(name).display().to_string()
}

/// `env` with a portfolio of three customers and some history.
fn shop() -> Env {
    let env = Env::new("2026-06-15");
    env.add(&["Ada Lovelace", "--email", "ada@example.com"]);
    env.add(&["Grace Hopper", "--type", "supportive"]);
    env.add(&["Zoë Ünal"]);
    for date in ["2026-02-03", "2026-03-10", "2026-05-20"] {
        env.ok(&["log", "Ada Lovelace", "--kind", "purchase", "--amount", "120.50", "--date", date]);
    }
    env.ok(&["log", "Grace Hopper", "--kind", "support", "--date", "2026-06-01"]);
    env
}

#[test]
fn the_rule_set_is_shown_exported_imported_for_everyone_and_undone() {
    let env = shop();
    assert_eq!(env.ok(&["rules", "show"]), DEFAULT_RULES_TOML);
    let exported = env.db().with_file_name("exported.toml");
    env.ok(&["rules", "export", exported.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&exported).unwrap(), DEFAULT_RULES_TOML);
    let said = env.ok(&["rules", "import", exported.to_str().unwrap()]);
    assert!(said.contains("is the rule set in use already; nothing changed"), "{said}");

    let weekly = rules_file("valid_cadence_changed.toml");
    let follow_up =
        |env: &Env| env.json(&["show", "Grace Hopper", "--format", "json"])["signals"]["follow_up_on"].clone();
    assert_eq!(follow_up(&env), "2026-06-15", "supportive: 14 days after the call");
    let said = env.cmd().env("RAPPORT_USER", "alice").args(["rules", "import", &weekly]).output().unwrap();
    let said = String::from_utf8_lossy(&said.stdout);
    assert!(said.starts_with("Imported the rule set from ") && said.contains("Refreshed 3 summaries"), "{said}");
    assert_eq!(env.ok(&["rules", "show"]), std::fs::read_to_string(&weekly).unwrap());
    assert_eq!(follow_up(&env), "2026-06-08", "the new 7-day cadence");

    let activity = env.ok(&["activity"]);
    assert!(activity.contains("alice  Replaced the rule set"), "{activity}");
    assert!(activity.contains("setting rules line "), "the changed lines are listed: {activity}");
    let number = activity.split_whitespace().next().unwrap().to_string();

    // Bob takes Alice's change back: the built-in rules again, for everyone.
    let said = env.cmd().env("RAPPORT_USER", "bob").args(["undo", &number]).output().unwrap();
    assert!(said.status.success(), "{}", String::from_utf8_lossy(&said.stderr));
    assert_eq!(env.ok(&["rules", "show"]), DEFAULT_RULES_TOML);
    assert_eq!(follow_up(&env), "2026-06-15");
    let again = env.fails(&["undo", &number], 2);
    assert!(again.contains(&format!("change {number} was already undone")), "{again}");
    assert!(env.ok(&["check"]).contains("OK: 3 customers"));
}

#[test]
fn settings_list_set_and_refuse_with_the_reason() {
    let env = shop();
    let listed = env.ok(&["settings"]);
    assert!(listed.contains("timezone") && listed.contains("cadence.loyal") && listed.contains("45 days"), "{listed}");
    assert!(listed.contains("today                  2026-06-15"), "{listed}");
    env.ok(&["settings", "cadence.loyal", "30"]);
    assert!(env.ok(&["rules", "show"]).contains("\nloyal = 30\n"));
    assert_eq!(env.ok(&["settings", "cadence.loyal"]), "30 days\n");
    env.ok(&["settings", "timezone", "Asia/Tokyo"]);
    assert_eq!(env.ok(&["settings", "timezone"]), "Asia/Tokyo\n");

    let zone = env.fails(&["settings", "timezone", "Mars/Olympus"], 2);
    assert!(zone.contains("Mars/Olympus is not a time zone"), "{zone}");
    assert!(env.fails(&["settings", "colour", "red"], 2).contains("there is no setting colour"));
    assert!(env.fails(&["settings", "cadence.loyal", "soon"], 2).contains("takes a number of days"));
    assert!(env.fails(&["settings", "cadence.loyal", "0"], 2).contains("cadence for loyal must be 1 to 3650 days"));
    assert!(env.fails(&["settings", "cadence.fond", "3"], 2).contains("there is no setting cadence.fond"));
}

#[test]
fn everyone_sharing_a_file_has_its_today_whatever_their_own_time_zone() {
    let env = shop();
    env.ok(&["settings", "timezone", "Pacific/Kiritimati"]);
    let today_as = |tz: &str| {
        let out = env.cmd().env_remove("RAPPORT_TODAY").env("TZ", tz).args(["settings", "today"]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).split_whitespace().next().unwrap().to_string()
    };
    let kiritimati = jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::get("Pacific/Kiritimati").unwrap());
    let expected = kiritimati.date().to_string();
    // UTC−11 and UTC+14: their own dates always differ; the database's is one.
    assert_eq!(today_as("Pacific/Pago_Pago"), expected);
    assert_eq!(today_as("Europe/Lisbon"), expected);
    // So the person west of the date line may log for the database's today.
    let out = env
        .cmd()
        .env_remove("RAPPORT_TODAY")
        .env("TZ", "Pacific/Pago_Pago")
        .args(["log", "Zoë Ünal", "--kind", "call", "--date", &expected])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn read_commands_on_a_later_day_answer_for_that_day_and_write_nothing() {
    let env = shop();
    let later = |args: &[&str]| {
        let out = env.cmd().env("RAPPORT_TODAY", "2026-09-30").args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let before = env.dump();
    let out = env.db().with_file_name("export");
    let reads = [
        later(&["list", "--format", "csv"]),
        later(&["list", "--format", "json"]),
        later(&["show", "Ada Lovelace", "--format", "json"]),
        later(&["reclassify", "--format", "json"]),
        later(&["activity"]),
        later(&["rules", "show"]),
        later(&["settings"]),
    ];
    later(&["export", "--out", out.to_str().unwrap()]);
    assert_eq!(env.dump(), before, "no read command wrote anything");
    // What they said is what the summaries say once a refresh has stored that day.
    let check = later(&["check"]);
    assert!(check.contains("had not been brought to today"), "{check}");
    assert_ne!(env.dump(), before, "check finished the refresh");
    assert_eq!(later(&["list", "--format", "csv"]), reads[0]);
    assert_eq!(later(&["list", "--format", "json"]), reads[1]);
    assert_eq!(later(&["reclassify", "--format", "json"]), reads[3]);
    assert!(reads[0].contains("Ada Lovelace"));
}

#[test]
fn anyone_undoes_a_recorded_change_and_an_undo_is_refused_when_later_work_touched_it() {
    let env = shop();
    let as_user = |user: &str, args: &[&str]| {
        let out = env.cmd().env("RAPPORT_USER", user).args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, said, _) = as_user("alice", &["log", "Zoë Ünal", "--kind", "call", "--summary", "Intro call"]);
    assert_eq!(code, Some(0));
    assert!(said.starts_with("Logged a call with Zoë Ünal"), "{said}");
    let mine = env.ok(&["activity", "--by", "alice"]);
    let number: String = mine.split_whitespace().next().unwrap().into();
    assert!(mine.contains("interaction ") && mine.contains("added: customer_id="), "{mine}");

    // Bob takes Alice's call back; the record says so on both entries.
    let (code, said, err) = as_user("bob", &["undo", &number]);
    assert_eq!(code, Some(0), "{err}");
    assert!(said.starts_with(&format!("Undid change {number}: Logged a call with Zoë Ünal")), "{said}");
    let all = env.ok(&["activity", "Zoë Ünal"]);
    assert!(all.contains("alice  Logged a call with Zoë Ünal  [undone by "), "{all}");
    assert!(all.contains("bob  Undid change"), "{all}");
    assert!(!env.ok(&["show", "Zoë Ünal"]).contains("Intro call"));

    // Two settings changes in a row: the first cannot be undone past the second.
    as_user("alice", &["settings", "cadence.loyal", "30"]);
    let first = env.ok(&["activity", "--limit", "1"]).split_whitespace().next().unwrap().to_string();
    as_user("bob", &["settings", "cadence.loyal", "40"]);
    let (code, _, err) = as_user("alice", &["undo", &first]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("cannot undo: a setting record was changed since"), "{err}");
    // A plain `undo` takes back the person's own latest change still in force.
    let (code, said, _) = as_user("bob", &["undo"]);
    assert_eq!(code, Some(0));
    assert!(said.contains("Changed the rule set: loyal = 30 → loyal = 40"), "{said}");
    assert!(env.ok(&["rules", "show"]).contains("\nloyal = 30\n"), "Alice's 30 is back");
    let (code, said, _) = as_user("carol", &["undo"]);
    assert_eq!(code, Some(2), "carol has changed nothing: {said}");
    assert!(env.ok(&["activity", "--since", "2999-01-01"]).contains("No changes recorded that match"));
    assert!(env.fails(&["activity", "--since", "soon"], 2).contains("--since"));
    assert!(env.fails(&["undo", "9999"], 2).contains("there is no change 9999"));
}

#[test]
fn two_people_with_different_former_rules_files_see_the_same_signals() {
    let env = shop();
    // Alice kept the weekly-cadence rules.toml of an earlier version; Bob has none.
    let alice_home = env.db().with_file_name("alice");
    std::fs::create_dir_all(alice_home.join("config/rapport")).unwrap();
    std::fs::copy(rules_file("valid_cadence_changed.toml"), alice_home.join("config/rapport/rules.toml")).unwrap();
    let bob_home = env.db().with_file_name("bob");
    let list_as = |home: &Path, user: &str| {
        let out = crate::support::sandboxed(home)
            .env("RAPPORT_USER", user)
            .args(["--db", env.db().to_str().unwrap(), "list", "--format", "csv"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let before = env.dump();
    let (alices, told) = list_as(&alice_home, "alice");
    let (bobs, _) = list_as(&bob_home, "bob");
    assert_eq!(alices, bobs, "one rule set for both");
    assert!(told.contains("is no longer read"), "{told}");
    assert_eq!(env.dump(), before, "neither list rewrote anything");
}
