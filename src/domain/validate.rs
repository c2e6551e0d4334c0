//! Validation of every record before it is written. Each rule gives the field it concerns
//! and one plain sentence, so forms can show it beside the field and the command line can
//! print it.

use super::dates::Date;
use super::money::MAX_CENTS;
use super::records::{Contract, Customer, Feedback, Interaction};

/// A value that breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        FieldError { field, message: message.into() }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The longest text field accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 100_000;

fn check_text(errors: &mut Vec<FieldError>, field: &'static str, label: &str, value: &str) {
    if value.chars().count() > MAX_TEXT_CHARS {
        errors.push(FieldError::new(field, format!("{label} is longer than {MAX_TEXT_CHARS} characters")));
    }
}

/// Checks the shape of an email address: one `@`, something before it, a dotted domain
/// after it and no spaces.
pub fn check_email(email: &str) -> Result<(), String> {
    let bad = || format!("email '{}' does not look like name@example.com", crate::text::capped(email, 60));
    let (local, domain) = email.split_once('@').ok_or_else(bad)?;
    let labels_ok = domain.split('.').count() >= 2 && domain.split('.').all(|label| !label.is_empty());
    if local.is_empty()
        || domain.contains('@')
        || !labels_ok
        || email.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(bad());
    }
    Ok(())
}

/// Splits what a person typed as tags (`a, b; c`) into clean tags, without duplicates.
pub fn parse_tags(text: &str) -> Vec<String> {
    distinct_tags(text.split([';', ',']).map(str::trim).filter(|t| !t.is_empty()))
}

/// `tags` in their order, each once: a tag repeated in another case is the same tag.
pub fn distinct_tags<'a>(tags: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for tag in tags {
        if !kept.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            kept.push(tag.to_string());
        }
    }
    kept
}

fn check_amount(errors: &mut Vec<FieldError>, field: &'static str, cents: Option<i64>) {
    match cents {
        Some(c) if c < 0 => errors.push(FieldError::new(field, "amount is negative; amounts are 0 or more")),
        Some(c) if c > MAX_CENTS => errors.push(FieldError::new(field, "amount is too large")),
        _ => {}
    }
}

fn check_not_future(errors: &mut Vec<FieldError>, date: Date, today: Date) {
    if date > today {
        errors.push(FieldError::new("date", format!("date {date} is in the future (today is {today})")));
    }
}

pub fn customer(c: &Customer) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if c.name.trim().is_empty() {
        errors.push(FieldError::new("name", "name is required"));
    }
    check_text(&mut errors, "name", "name", &c.name);
    check_text(&mut errors, "company", "company", &c.company);
    check_text(&mut errors, "phone", "phone", &c.phone);
    check_text(&mut errors, "notes", "notes", &c.notes);
    check_text(&mut errors, "owner", "owner", &c.owner);
    if let Some(email) = &c.email
        && let Err(message) = check_email(email)
    {
        errors.push(FieldError::new("email", message));
    }
    if c.tags.iter().any(|t| t.contains(';') || t.trim().is_empty()) {
        errors.push(FieldError::new("tags", "a tag is empty or contains ';'"));
    }
    if c.id != 0 && c.referred_by == Some(c.id) {
        errors.push(FieldError::new("referred_by", "a customer cannot refer themselves"));
    }
    if let Some(source) = &c.source_ref {
        if source.trim().is_empty() {
            errors.push(FieldError::new("source_ref", "a source reference cannot be blank"));
        }
        if source.chars().count() > MAX_SOURCE_REF_CHARS {
            errors.push(FieldError::new(
                "source_ref",
                format!("the source reference is longer than {MAX_SOURCE_REF_CHARS} characters"),
            ));
        }
    }
    check_amount(&mut errors, "prior_spend", Some(c.prior.spend));
    finish(errors)
}

/// The longest source reference kept: real systems' ids are far shorter.
pub const MAX_SOURCE_REF_CHARS: usize = 200;

pub fn interaction(i: &Interaction, today: Date) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    check_not_future(&mut errors, i.date, today);
    check_text(&mut errors, "summary", "summary", &i.summary);
    check_amount(&mut errors, "amount", i.amount);
    if let Some(s) = i.sentiment
        && !(-2..=2).contains(&s)
    {
        errors.push(FieldError::new("sentiment", format!("sentiment {s} is outside −2..2")));
    }
    finish(errors)
}

pub fn feedback(f: &Feedback, today: Date) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    check_not_future(&mut errors, f.date, today);
    if let Some(n) = f.nps
        && n > 10
    {
        errors.push(FieldError::new("nps", format!("NPS {n} is outside 0–10")));
    }
    if let Some(c) = f.csat
        && !(1..=5).contains(&c)
    {
        errors.push(FieldError::new("csat", format!("CSAT {c} is outside 1–5")));
    }
    check_text(&mut errors, "comment", "comment", &f.comment);
    if f.nps.is_none() && f.csat.is_none() && f.comment.trim().is_empty() {
        errors.push(FieldError::new("comment", "give at least an NPS score, a CSAT score or a comment"));
    }
    finish(errors)
}

pub fn contract(c: &Contract) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if let Some(end) = c.end
        && end < c.start
    {
        errors.push(FieldError::new("end", format!("end {end} is before start {}", c.start)));
    }
    check_amount(&mut errors, "value", c.value);
    check_text(&mut errors, "note", "note", &c.note);
    finish(errors)
}

fn finish(errors: Vec<FieldError>) -> Result<(), Vec<FieldError>> {
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// Parses a whole number within a range, for scores typed by people.
pub fn parse_score(text: &str, what: &str, low: i64, high: i64) -> Result<i64, String> {
    let t = text.trim();
    let value: i64 = t.parse().map_err(|_| format!("{what} '{}' is not a whole number", crate::text::capped(t, 40)))?;
    if value < low || value > high {
        return Err(format!("{what} {value} is outside {low}–{high}"));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::parse_date;
    use crate::domain::kinds::{ContractKind, FeedbackKind, InteractionKind};

    fn today() -> Date {
        parse_date("2026-06-15").unwrap()
    }

    fn fields(result: Result<(), Vec<FieldError>>) -> Vec<&'static str> {
        result.err().unwrap_or_default().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn customer_name_is_required_after_trimming() {
        let mut c = Customer::new("  ", today());
        assert_eq!(fields(customer(&c)), vec!["name"]);
        c.name = "Ada".into();
        assert!(customer(&c).is_ok());
    }

    #[test]
    fn email_shapes() {
        for good in ["a@b.co", "first.last+tag@mail.example.org", "ü@exämple.de"] {
            assert!(check_email(good).is_ok(), "{good}");
        }
        for bad in ["", "plain", "@b.co", "a@", "a@b", "a@b.", "a@.b", "a b@c.de", "a@b@c.de"] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
        let mut c = Customer::new("Ada", today());
        c.email = Some("nope".into());
        assert_eq!(fields(customer(&c)), vec!["email"]);
    }

    #[test]
    fn tags_are_split_trimmed_and_deduplicated() {
        assert_eq!(parse_tags(" vip; wholesale ,VIP,, "), vec!["vip", "wholesale"]);
        assert!(parse_tags("").is_empty());
    }

    fn sample_interaction() -> Interaction {
        Interaction {
            id: 0,
            customer_id: 1,
            date: today(),
            kind: InteractionKind::Purchase,
            summary: String::new(),
            amount: Some(0),
            sentiment: Some(2),
        }
    }

    #[test]
    fn interaction_rules() {
        assert!(interaction(&sample_interaction(), today()).is_ok());
        let mut i = sample_interaction();
        i.sentiment = Some(3);
        assert_eq!(fields(interaction(&i, today())), vec!["sentiment"]);
        i.sentiment = Some(-3);
        assert_eq!(fields(interaction(&i, today())), vec!["sentiment"]);
        i.sentiment = Some(-2);
        i.amount = Some(-1);
        assert_eq!(fields(interaction(&i, today())), vec!["amount"]);
        i.amount = None;
        i.date = parse_date("2026-06-16").unwrap();
        assert_eq!(fields(interaction(&i, today())), vec!["date"]);
    }

    fn sample_feedback() -> Feedback {
        Feedback {
            id: 0,
            customer_id: 1,
            date: today(),
            nps: Some(10),
            csat: Some(5),
            kind: FeedbackKind::General,
            comment: String::new(),
            resolved: false,
        }
    }

    #[test]
    fn feedback_rules_at_the_edges() {
        let mut f = sample_feedback();
        assert!(feedback(&f, today()).is_ok());
        f.nps = Some(11);
        assert_eq!(fields(feedback(&f, today())), vec!["nps"]);
        f.nps = Some(0);
        f.csat = Some(0);
        assert_eq!(fields(feedback(&f, today())), vec!["csat"]);
        f.csat = Some(6);
        assert_eq!(fields(feedback(&f, today())), vec!["csat"]);
        f.csat = Some(1);
        assert!(feedback(&f, today()).is_ok());
        f.nps = None;
        f.csat = None;
        assert_eq!(fields(feedback(&f, today())), vec!["comment"]);
        f.comment = "Lovely service".into();
        assert!(feedback(&f, today()).is_ok());
    }

    #[test]
    fn contract_rules() {
        let mut c = Contract {
            id: 0,
            customer_id: 1,
            kind: ContractKind::Supply,
            start: today(),
            end: None,
            value: Some(100),
            note: String::new(),
        };
        assert!(contract(&c).is_ok());
        assert!(c.is_active_on(today()));
        c.end = Some(parse_date("2026-06-14").unwrap());
        assert_eq!(fields(contract(&c)), vec!["end"]);
        c.end = Some(today());
        assert!(c.is_active_on(today()));
        c.value = Some(-5);
        assert_eq!(fields(contract(&c)), vec!["value"]);
    }

    #[test]
    fn scores_parse_within_range() {
        assert_eq!(parse_score("9", "NPS", 0, 10), Ok(9));
        assert!(parse_score("11", "NPS", 0, 10).is_err());
        assert!(parse_score("x", "NPS", 0, 10).is_err());
    }
}
