//! One customer row put together from what several columns (or vCard properties) give:
//! the name from its parts when there is no whole name, the preferred email and phone
//! (the others kept in the notes), the notes joined, the tags split and without repeats.

use super::raw::RawRow;
use crate::domain::validate::distinct_tags;

/// The values of one row that several columns may give.
#[derive(Default)]
pub struct Found<'v> {
    pub first: Vec<&'v str>,
    pub middle: Vec<&'v str>,
    pub last: Vec<&'v str>,
    pub emails: Vec<(usize, &'v str)>,
    pub phones: Vec<(usize, &'v str)>,
    pub notes: Vec<String>,
    pub tags: Vec<&'v str>,
}

/// The distinct values, preferred ones first, compared ignoring case.
fn distinct(mut values: Vec<(usize, &str)>, compare: impl Fn(&str) -> String) -> Vec<&str> {
    values.sort_by_key(|(rank, _)| *rank);
    let mut out: Vec<&str> = Vec::new();
    for (_, v) in values {
        if !out.iter().any(|o| compare(o) == compare(v)) {
            out.push(v);
        }
    }
    out
}

impl Found<'_> {
    /// Puts the values into `row`, after what its own columns gave.
    pub fn finish(self, row: &mut RawRow) {
        let emails = distinct(self.emails, |e| e.to_lowercase());
        let phones = distinct(self.phones, |p| p.chars().filter(char::is_ascii_digit).collect());
        if row.get("name").trim().is_empty() {
            let parts: Vec<&str> = self.first.iter().chain(&self.middle).chain(&self.last).copied().collect();
            let name = if parts.is_empty() {
                // A contact kept under its company, or a shop's customer known by email only.
                let company = row.get("company").trim().to_string();
                if company.is_empty() { emails.first().copied().unwrap_or("").to_string() } else { company }
            } else {
                parts.join(" ")
            };
            row.fill("name", &name);
        }
        if let Some(email) = emails.first() {
            row.fill("email", email);
        }
        if let Some(phone) = phones.first() {
            row.fill("phone", phone);
        }
        let mut notes = self.notes;
        let others = |label: &str, values: &[&str], kept: &str| {
            let rest: Vec<&str> = values.iter().copied().filter(|v| *v != kept).collect();
            (!rest.is_empty()).then(|| format!("{label}: {}", rest.join(", ")))
        };
        notes.extend(others("Other email", &emails, row.get("email")));
        notes.extend(others("Other phone", &phones, row.get("phone")));
        if !notes.is_empty() {
            let existing = row.get("notes").trim().to_string();
            let joined =
                if existing.is_empty() { notes.join("\n") } else { format!("{existing}\n{}", notes.join("\n")) };
            row.replace("notes", &joined);
        }
        let tags = distinct_tags(self.tags);
        if !tags.is_empty() {
            row.replace("tags", &tags.join(";"));
        }
        // Another system's id alone names no one a person could recognise.
        row.names_no_one = ["name", "email", "company", "phone"].iter().all(|c| row.get(c).trim().is_empty());
    }
}

/// Emails in a cell: Google writes "a ::: b", HubSpot "a;b". A cell is split at `;` or
/// `,` only when every piece has an `@`, so that a mistyped address is reported whole.
pub fn emails_of(cell: &str) -> impl Iterator<Item = &str> {
    values_of(cell).flat_map(|v| {
        let pieces: Vec<&str> = v.split([';', ',']).map(str::trim).filter(|p| !p.is_empty()).collect();
        if pieces.iter().all(|p| p.contains('@')) { pieces } else { vec![v] }
    })
}

/// A cell of several values: Google writes "a ::: b".
pub fn values_of(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(":::").map(str::trim).filter(|v| !v.is_empty())
}

/// Tags as other systems write them: "vip, wholesale", "a; b", "* myContacts ::: VIP".
pub fn tags_of(cell: &str) -> impl Iterator<Item = &str> {
    values_of(cell)
        .flat_map(|v| v.split([',', ';']))
        .map(|t| t.trim().trim_start_matches("* ").trim())
        .filter(|t| is_meaningful_tag(t))
}

/// Whether a tag tells something: Google puts every contact in "My Contacts", which
/// tells nothing (and phones synced with Google carry it as a category).
pub fn is_meaningful_tag(tag: &str) -> bool {
    let plain: String = tag.chars().filter(|c| !c.is_whitespace()).collect();
    !plain.is_empty() && !plain.eq_ignore_ascii_case("mycontacts")
}

/// A value without the apostrophe spreadsheets put in front to keep it as text
/// (Shopify writes `'+15550100` and `'6812345678901`).
pub fn spreadsheet_text(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit() || c == '+') => rest,
        _ => value,
    }
}
