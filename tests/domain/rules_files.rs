//! Rules files (see docs/domain.md): valid variants change what the engine does; every mistake is
//! refused with its exact line and a reason, in the library and through the program.

use std::path::{Path, PathBuf};

use crate::support::records::{Records, ago};
use crate::support::sandboxed;
use assert_cmd::Command;
use rapport::domain::rules::{DEFAULT_RULES_TOML, RulesError};
use rapport::domain::*;

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules").join(name)
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).unwrap()
}

fn parse(name: &str) -> Result<Rules, RulesError> {
    Rules::parse(&fixture(name))
}

fn valid(name: &str) -> Rules {
    parse(name).unwrap_or_else(|e| panic!("{name} should be valid: {e}"))
}

#[test]
fn the_base_fixture_is_the_built_in_rule_set() {
    assert_eq!(valid("base.toml"), Rules::default_rules());
    assert_eq!(Rules::parse(DEFAULT_RULES_TOML), Ok(Rules::default_rules()));
}

#[test]
fn a_changed_cadence_moves_engagement_and_follow_ups() {
    let rules = valid("valid_cadence_changed.toml");
    assert_eq!(rules.cadence(RelationshipType::Supportive), 7);
    assert_eq!(rules.cadence(RelationshipType::LongTerm), 20);
    assert_eq!(rules.cadence(RelationshipType::Loyal), 45, "the others are as before");

    let supportive = Records::new().typed(RelationshipType::Supportive).created(10).log(10, InteractionKind::Support);
    let by_default = supportive.signals();
    let changed = supportive.signals_with(&rules);
    assert_eq!((by_default.follow_up_on, by_default.follow_up_due), (ago(-4), false));
    assert_eq!((changed.follow_up_on, changed.follow_up_due), (ago(3), true));
    assert_eq!(by_default.engagement, Some(100.0));
    assert!(changed.engagement.is_some_and(|e| e < 100.0));
}

#[test]
fn an_extra_alternative_widens_a_rule() {
    let rules = valid("valid_extra_alternative.toml");
    let partner = Records::new().log(10, InteractionKind::CoCreation).purchase(20, 100_000);
    assert_eq!(partner.classify().relationship, RelationshipType::Transactional);
    let got = classify(&partner.signals_with(&rules), &rules);
    assert_eq!(got.relationship, RelationshipType::Collaborative);
    assert_eq!(got.reasons_text(), "1 idea or co-creation in 6 months; spent 1,000.00 in 12 months");

    let small_spender = Records::new().log(10, InteractionKind::CoCreation).purchase(20, 99_999);
    assert_eq!(classify(&small_spender.signals_with(&rules), &rules).relationship, RelationshipType::Transactional);
}

#[test]
fn reordered_rules_change_which_one_wins() {
    let rules = valid("valid_reordered.toml");
    let order: Vec<&str> = rules.rules.iter().map(|r| r.relationship.key()).collect();
    assert_eq!(
        order,
        ["supportive", "contractual", "collaborative", "communal", "loyal", "long_term", "transactional"]
    );

    let both =
        Records::new().created(60).contract(ago(30), None).support(3, Some(1)).support(4, Some(0)).support(5, Some(0));
    assert_eq!(both.classify().relationship, RelationshipType::Contractual);
    assert_eq!(classify(&both.signals_with(&rules), &rules).relationship, RelationshipType::Supportive);
}

#[test]
fn every_mistake_is_refused_with_its_line_and_reason() {
    let cases: &[(&str, usize, &[&str])] = &[
        ("unknown_signal.toml", 47, &["unknown signal 'community_18'", "known: active_contract"]),
        ("unknown_type.toml", 51, &["unknown relationship type 'loyalish'", "long_term"]),
        ("bad_comparison.toml", 52, &["latest_nps", "'=> 9' should start with one of >="]),
        ("missing_number.toml", 60, &["support_90", "should compare with a number"]),
        ("boolean_compared.toml", 37, &["active_contract is true or false"]),
        ("weights_not_one.toml", 11, &["[health] weights add up to 1.1", "not 1"]),
        ("loyalty_weights_not_one.toml", 19, &["[loyalty] weights add up to 0.9"]),
        ("bands_reversed.toml", 11, &["watch_from < healthy_from"]),
        ("cadence_zero.toml", 9, &["cadence for supportive must be 1 to 3650 days"]),
        ("catch_all_not_last.toml", 62, &["the last rule must have no `when`"]),
        ("rule_after_catch_all.toml", 58, &["matches everyone", "could never apply"]),
        ("empty_alternative.toml", 41, &["no conditions"]),
        ("missing_section.toml", 1, &["missing field `trend`"]),
        ("unknown_key.toml", 34, &["unknown field `surprise`"]),
        ("syntax_error.toml", 16, &[]),
        ("no_rules.toml", 1, &["no [[rule]]"]),
    ];
    let mut failures = Vec::new();
    for (name, line, phrases) in cases {
        match parse(name) {
            Ok(_) => failures.push(format!("{name}: accepted")),
            Err(e) => {
                if e.line != *line {
                    failures.push(format!("{name}: line {} instead of {line}: {}", e.line, e.message));
                }
                if e.message.trim().is_empty() || e.message.contains('\n') {
                    failures.push(format!("{name}: the reason should be one line: {:?}", e.message));
                }
                for phrase in *phrases {
                    if !e.message.contains(phrase) {
                        failures.push(format!("{name}: reason lacks {phrase:?}: {}", e.message));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_bad_rules_file_is_a_usage_error_naming_file_and_line() {
    let path = fixture_path("unknown_type.toml");
    let err = rapport::cli::commands::rules::read_rules_file(&path).unwrap_err();
    assert_eq!(err.code, rapport::cli::EXIT_USAGE);
    assert_eq!(
        err.message,
        format!("{}:51: unknown relationship type 'loyalish' (expected one of: {})", path.display(), type_keys())
    );
}

#[test]
fn a_missing_rules_file_is_a_usage_error_not_the_built_in_rules() {
    let dir = tempfile::tempdir().unwrap();
    let err = rapport::cli::commands::rules::read_rules_file(&dir.path().join("rules.toml")).unwrap_err();
    assert_eq!(err.code, rapport::cli::EXIT_USAGE);
    assert!(err.message.starts_with("cannot read the rules file "), "{}", err.message);
}

fn type_keys() -> String {
    RelationshipType::ALL.iter().map(|t| t.key()).collect::<Vec<_>>().join(", ")
}

/// The program with its config folder in `home`, with a former rules.toml there if given.
fn rapport_with_rules(home: &Path, rules: Option<&str>) -> Command {
    let config = home.join("config");
    if let Some(name) = rules {
        std::fs::create_dir_all(config.join("rapport")).unwrap();
        std::fs::copy(fixture_path(name), config.join("rapport/rules.toml")).unwrap();
    }
    let mut cmd = Command::from_std(sandboxed(home));
    cmd.env("NO_COLOR", "1");
    cmd
}

#[test]
fn rules_import_refuses_a_bad_file_with_its_line_and_changes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("rapport.db");
    rapport_with_rules(home.path(), None).arg("--db").arg(&db).args(["add", "Ada"]).assert().success();
    for (name, line) in [("bad_comparison.toml", 52), ("syntax_error.toml", 16), ("rule_after_catch_all.toml", 58)] {
        let file = fixture_path(name);
        let out = rapport_with_rules(home.path(), None)
            .arg("--db")
            .arg(&db)
            .args(["rules", "import"])
            .arg(&file)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(&format!("{}:{line}: ", file.display())), "{name}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "one plain sentence, no backtrace: {stderr}");
    }
    let shown = rapport_with_rules(home.path(), None).arg("--db").arg(&db).args(["rules", "show"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&shown.stdout), DEFAULT_RULES_TOML, "the built-in rules are still in use");
}

#[test]
fn a_former_rules_file_in_the_config_folder_is_not_read_and_said_so_once() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("rapport.db");
    // A file the old program would have refused: it is not read, so nothing fails.
    let run = || {
        rapport_with_rules(home.path(), Some("bad_comparison.toml")).arg("--db").arg(&db).arg("list").output().unwrap()
    };
    rapport_with_rules(home.path(), None).arg("--db").arg(&db).args(["add", "Ada"]).assert().success();
    let first = run();
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(first.status.success(), "{stderr}");
    assert!(stderr.contains("is no longer read") && stderr.contains("rapport rules import"), "{stderr}");
    let second = run();
    assert!(second.status.success());
    assert_eq!(String::from_utf8_lossy(&second.stderr), "", "said once only");
}
