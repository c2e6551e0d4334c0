//! The rules and config parsers on random and mutated TOML: they never panic, and every
//! error names a line that exists in the text and says what is wrong in one line of
//! plain text.

use std::path::Path;

use proptest::prelude::*;
use rapport::domain::Rules;
use rapport::domain::rules::DEFAULT_RULES_TOML;

const DEFAULT_CONFIG_TOML: &str = include_str!("../../assets/config.toml");

/// Lines of the text as an editor counts them (an empty text still has line 1).
fn line_count(text: &str) -> usize {
    text.lines().count().max(1)
}

fn check_error(text: &str, line: usize, message: &str) -> Result<(), TestCaseError> {
    prop_assert!(line >= 1 && line <= line_count(text), "line {} of {} in\n{}", line, line_count(text), text);
    prop_assert!(!message.trim().is_empty(), "an empty message for\n{}", text);
    prop_assert!(!message.contains('\n'), "a message over several lines: {:?}", message);
    Ok(())
}

fn check_rules(text: &str) -> Result<(), TestCaseError> {
    match Rules::parse(text) {
        Ok(_) => Ok(()),
        Err(e) => check_error(text, e.line, &e.message),
    }
}

fn check_config(text: &str) -> Result<(), TestCaseError> {
    match rapport::config::parse(text, Path::new("config.toml")) {
        Ok(_) => Ok(()),
        Err(e) => check_error(text, e.line, &e.message),
    }
}

/// One change to a text, applied at a place given as a fraction of its length.
#[derive(Debug, Clone)]
enum Mutation {
    Insert(f64, String),
    Delete(f64, usize),
    Truncate(f64),
    DuplicateLine(f64),
    DropLine(f64),
    SwapLines(f64, f64),
    ReplaceValue(f64, String),
}

/// Values and fragments that upset parsers: other types, out-of-range numbers, broken
/// strings and tables, controls.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"".to_string()),
        Just("[".to_string()),
        Just("[[rule]]\n".to_string()),
        Just("]".to_string()),
        Just("=".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("#".to_string()),
        Just("'''".to_string()),
        Just("\"\"\"".to_string()),
        Just("-1".to_string()),
        Just("1e309".to_string()),
        Just("nan".to_string()),
        Just("-inf".to_string()),
        Just("18446744073709551616".to_string()),
        Just("9223372036854775807".to_string()),
        Just("0x7fffffffffffffff".to_string()),
        Just("1979-05-27T07:32:00Z".to_string()),
        Just("true".to_string()),
        Just("[1, \"a\", {x = 1}]".to_string()),
        Just("{ a = { b = [ ] } }".to_string()),
        Just("\u{0}".to_string()),
        Just("\x1b]0;pwned\x07".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{202e}".to_string()),
        Just("張偉".to_string()),
        Just("%".to_string()),
        Just("%Q%".to_string()),
        Just("\"%Y-%m-%d%\"".to_string()),
        Just("\"%\"".to_string()),
        Just("\"ctrl-\"".to_string()),
        Just("\"shift-alt-ctrl-f13\"".to_string()),
        Just("\">= 2\"".to_string()),
        Just("\">= 4 or none\"".to_string()),
        Just("\"== \"".to_string()),
        Just("\"<= -99999999999999999999\"".to_string()),
        Just("\">= 1e400\"".to_string()),
        Just("[{ latest_nps = \">= 9\" }]".to_string()),
        Just("[{}]".to_string()),
        Just("[{ nope = 1 }]".to_string()),
        Just("\"loyal\"".to_string()),
        "[ -~]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0.0..1.0f64;
    prop_oneof![
        (at.clone(), fragment()).prop_map(|(a, f)| Mutation::Insert(a, f)),
        (at.clone(), 1usize..40).prop_map(|(a, n)| Mutation::Delete(a, n)),
        at.clone().prop_map(Mutation::Truncate),
        at.clone().prop_map(Mutation::DuplicateLine),
        at.clone().prop_map(Mutation::DropLine),
        (at.clone(), at.clone()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (at, fragment()).prop_map(|(a, f)| Mutation::ReplaceValue(a, f)),
    ]
}

/// The char boundary nearest below a fraction of the text.
fn boundary(text: &str, at: f64) -> usize {
    let mut i = ((text.len() as f64) * at) as usize;
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<&str> = text.split('\n').collect();
    let line_at = |at: f64, len: usize| ((len as f64 * at) as usize).min(len.saturating_sub(1));
    match m {
        Mutation::Insert(at, fragment) => {
            let i = boundary(text, *at);
            format!("{}{fragment}{}", &text[..i], &text[i..])
        }
        Mutation::Delete(at, n) => {
            let i = boundary(text, *at);
            let end = text[i..].char_indices().nth(*n).map(|(j, _)| i + j).unwrap_or(text.len());
            format!("{}{}", &text[..i], &text[end..])
        }
        Mutation::Truncate(at) => text[..boundary(text, *at)].to_string(),
        Mutation::DuplicateLine(at) => {
            let i = line_at(*at, lines.len());
            lines.insert(i, lines[i]);
            lines.join("\n")
        }
        Mutation::DropLine(at) => {
            let i = line_at(*at, lines.len());
            lines.remove(i);
            lines.join("\n")
        }
        Mutation::SwapLines(a, b) => {
            let (i, j) = (line_at(*a, lines.len()), line_at(*b, lines.len()));
            lines.swap(i, j);
            lines.join("\n")
        }
        Mutation::ReplaceValue(at, fragment) => {
            // The value of the first `key = value` line at or after the chosen line.
            let start = line_at(*at, lines.len());
            let Some(i) = (start..lines.len()).find(|i| lines[*i].contains('=')) else { return text.to_string() };
            let key = lines[i].split('=').next().unwrap_or("");
            let replaced = format!("{key}= {fragment}");
            let mut owned: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            owned[i] = replaced;
            owned.join("\n")
        }
    }
}

fn mutated(base: &'static str) -> impl Strategy<Value = String> {
    prop::collection::vec(mutation(), 1..6).prop_map(move |ms| ms.iter().fold(base.to_string(), |t, m| apply(&t, m)))
}

/// Lines built from the parsers' own vocabulary with random values.
fn assembled(keys: &'static [&'static str], tables: &'static [&'static str]) -> impl Strategy<Value = String> {
    let line = prop_oneof![
        (prop::sample::select(keys), fragment()).prop_map(|(k, v)| format!("{k} = {v}")),
        prop::sample::select(tables).prop_map(|t| t.to_string()),
        fragment(),
    ];
    prop::collection::vec(line, 0..25).prop_map(|lines| lines.join("\n"))
}

const RULE_KEYS: &[&str] = &[
    "transactional",
    "long_term",
    "satisfaction_weight",
    "engagement_zero_at",
    "healthy_from",
    "watch_from",
    "frequency_full",
    "threshold",
    "advocate_min_nps",
    "repeat_min_purchases",
    "advocate_min_referrals",
    "type",
    "when",
    "active_contract",
    "co_creation_180",
    "latest_nps",
    "csat_90",
    "contact_gap_days",
];
const RULE_TABLES: &[&str] = &["[cadence]", "[health]", "[loyalty]", "[trend]", "[stage]", "[[rule]]", "[[rule.when]]"];
const CONFIG_KEYS: &[&str] = &["theme", "date_format", "default_owner", "quit", "help", "down", "top", "accept_all"];
const CONFIG_TABLES: &[&str] = &["[keys]", "[theme]", "[[keys]]"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn rules_from_any_text(text in any::<String>()) {
        check_rules(&text)?;
    }

    #[test]
    fn rules_mutated_from_the_defaults(text in mutated(DEFAULT_RULES_TOML)) {
        check_rules(&text)?;
    }

    #[test]
    fn rules_assembled_from_their_vocabulary(text in assembled(RULE_KEYS, RULE_TABLES)) {
        check_rules(&text)?;
    }

    #[test]
    fn config_from_any_text(text in any::<String>()) {
        check_config(&text)?;
    }

    #[test]
    fn config_mutated_from_the_defaults(text in mutated(DEFAULT_CONFIG_TOML)) {
        check_config(&text)?;
    }

    #[test]
    fn config_assembled_from_its_vocabulary(text in assembled(CONFIG_KEYS, CONFIG_TABLES)) {
        check_config(&text)?;
    }
}

#[test]
fn the_shipped_files_parse() {
    assert!(Rules::parse(DEFAULT_RULES_TOML).is_ok());
    assert!(rapport::config::parse(DEFAULT_CONFIG_TOML, Path::new("config.toml")).is_ok());
}
