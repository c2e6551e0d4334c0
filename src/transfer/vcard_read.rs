//! Reading vCard files (`.vcf`, versions 2.1, 3.0 and 4.0) as customer rows. The calcard
//! parser unfolds lines and decodes quoted-printable values in their charsets; each card
//! then gives a name (FN, else N), a company (ORG), emails (EMAIL), phones (TEL), notes
//! (NOTE), tags (CATEGORIES) and a source reference (UID).

use std::io::Read;
use std::path::Path;
use std::rc::Rc;

use calcard::vcard::{VCard, VCardEntry, VCardParameterName, VCardParameterValue, VCardProperty, VCardValue};
use calcard::{Entry, Parser};

use super::assemble::{Found, is_meaningful_tag};
use super::columns::TableKind;
use super::decode::{self, TextEncoding};
use super::error::TransferError;
use super::files::ReadStats;
use super::raw::{Issue, RawRow, RowSink};

/// vCard files are read whole; an address book is far smaller than this.
const LARGEST: u64 = 256 << 20;

/// Whether a file is a vCard file: by its name, or by its first line.
pub fn is_vcard(path: &Path, head: &[u8]) -> bool {
    let by_name = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        let e = e.to_ascii_lowercase();
        e == "vcf" || e == "vcard"
    });
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = text.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(text.len());
    by_name || text[start..].get(..11).is_some_and(|t| t.eq_ignore_ascii_case(b"BEGIN:VCARD"))
}

/// The text of the values of an entry, components joined by `sep`, with line ends as
/// vCard text has them (`\n`; old phones write CRLF in quoted-printable).
fn text_of(entry: &VCardEntry, sep: &str) -> String {
    raw_text_of(entry, sep).replace("\r\n", "\n").replace('\r', "\n")
}

fn raw_text_of(entry: &VCardEntry, sep: &str) -> String {
    let parts: Vec<String> = entry
        .values
        .iter()
        .map(|v| match v {
            VCardValue::Text(t) => t.clone(),
            VCardValue::Component(c) => c.join(sep),
            VCardValue::Integer(n) => n.to_string(),
            _ => String::new(),
        })
        .collect();
    parts.join(sep)
}

/// Component `i` of a structured value (N, ORG), empty when absent.
fn component(entry: &VCardEntry, i: usize) -> &str {
    match entry.values.get(i) {
        Some(VCardValue::Text(t)) => t.trim(),
        _ => "",
    }
}

/// Rank of an EMAIL or TEL among its kind: preferred ones (PREF=1, TYPE=pref) first.
fn rank(entry: &VCardEntry) -> usize {
    let mut rank = 100;
    for p in &entry.params {
        match (&p.name, &p.value) {
            (VCardParameterName::Pref, VCardParameterValue::Integer(n)) => rank = rank.min(*n as usize),
            (VCardParameterName::Type, VCardParameterValue::Text(t)) if t.eq_ignore_ascii_case("pref") => rank = 0,
            (VCardParameterName::Other(name), _) if name.eq_ignore_ascii_case("pref") => rank = 0,
            _ => {}
        }
    }
    rank
}

/// The values that are not empty, with their ranks.
fn present(values: &[(usize, String)]) -> Vec<(usize, &str)> {
    values.iter().filter(|(_, v)| !v.is_empty()).map(|(r, v)| (*r, v.as_str())).collect()
}

/// Puts one card into `row`, in rapport's customer columns.
fn fill(card: &VCard, row: &mut RawRow) {
    let mut emails: Vec<(usize, String)> = Vec::new();
    let mut phones: Vec<(usize, String)> = Vec::new();
    let mut found = Found::default();
    let mut notes = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    for entry in &card.entries {
        match &entry.name {
            VCardProperty::Fn => row.fill("name", text_of(entry, " ").trim()),
            VCardProperty::Org => row.fill("company", component(entry, 0)),
            VCardProperty::Email => emails.push((rank(entry), text_of(entry, ",").trim().to_string())),
            VCardProperty::Tel => {
                // vCard 4.0 may write a phone as a URI: "tel:+1-555-0100".
                let text = text_of(entry, ",");
                let number = text.trim().strip_prefix("tel:").unwrap_or(text.trim());
                phones.push((rank(entry), number.to_string()));
            }
            VCardProperty::Note => notes.push(text_of(entry, ",").trim().to_string()),
            VCardProperty::Categories => tags.extend(entry.values.iter().filter_map(|v| match v {
                VCardValue::Text(t) => Some(t.trim().to_string()),
                _ => None,
            })),
            VCardProperty::Uid => row.fill("source_ref", text_of(entry, ",").trim()),
            _ => {}
        }
    }
    let names = card.entries.iter().find(|e| e.name == VCardProperty::N);
    if let Some(n) = names {
        // N is family; given; additional; prefixes; suffixes.
        found.last.extend([component(n, 0)].into_iter().filter(|s| !s.is_empty()));
        found.first.extend([component(n, 1)].into_iter().filter(|s| !s.is_empty()));
        found.middle.extend([component(n, 2)].into_iter().filter(|s| !s.is_empty()));
    }
    found.emails = present(&emails);
    found.phones = present(&phones);
    found.notes = notes.into_iter().filter(|n| !n.is_empty()).collect();
    found.tags = tags.iter().map(String::as_str).filter(|t| is_meaningful_tag(t) && !t.contains(';')).collect();
    found.finish(row);
}

/// Where each card begins (the line of its `BEGIN:VCARD`), in order, and whether an
/// `END:VCARD` closes it. Folded lines (which begin with a space or a tab) continue the
/// line before, and a card inside a card (vCard 2.1's AGENT) belongs to the outer one.
fn card_lines(text: &str) -> Vec<(u64, bool)> {
    let mut cards: Vec<(u64, bool)> = Vec::new();
    let mut depth = 0usize;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.eq_ignore_ascii_case("BEGIN:VCARD") {
            if depth == 0 {
                cards.push((i as u64 + 1, false));
            }
            depth += 1;
        } else if line.eq_ignore_ascii_case("END:VCARD") && depth > 0 {
            depth -= 1;
            if depth == 0
                && let Some(last) = cards.last_mut()
            {
                last.1 = true;
            }
        }
    }
    cards
}

fn cut_short() -> Issue {
    Issue { column: None, reason: "the card that begins here has no END:VCARD; the file may be cut short".into() }
}

/// Hands every card of `path` to `sink` as a customer row.
pub fn read_cards(
    path: &Path,
    encoding: TextEncoding,
    stats: &ReadStats,
    sink: &mut RowSink<'_>,
) -> Result<(), TransferError> {
    let file: Rc<str> = Rc::from(path.display().to_string());
    let size = std::fs::metadata(path).map_err(|e| TransferError::reading(path, &e))?.len();
    if size > LARGEST {
        return Err(TransferError::Invalid(format!(
            "{file} is larger than {} MB, more than any address book; split it and import the parts",
            LARGEST >> 20
        )));
    }
    let mut text = String::new();
    decode::open(path, encoding, stats)?.read_to_string(&mut text).map_err(|_| {
        TransferError::Invalid(format!(
            "{file} is not UTF-8 text though it says so; save it as UTF-8, or import with --encoding NAME"
        ))
    })?;
    let lines = card_lines(&text);
    let mut parser = Parser::new(&text);
    let mut row = RawRow::new(TableKind::Customers, file.clone());
    let mut cards = 0usize;
    loop {
        match parser.entry() {
            Entry::VCard(card) => {
                let (line, closed) = lines.get(cards).copied().unwrap_or((0, true));
                row.reset(line);
                cards += 1;
                fill(&card, &mut row);
                if !closed {
                    row.issues.push(cut_short());
                }
                sink(&row)?;
            }
            Entry::Eof => break,
            Entry::InvalidLine(_) => {}
            Entry::UnterminatedComponent(_) => {
                row.reset(lines.get(cards).map_or(0, |(line, _)| *line));
                row.issues.push(cut_short());
                sink(&row)?;
                break;
            }
            _ => {
                return Err(TransferError::Invalid(format!(
                    "{file} holds something other than vCards (a calendar?); rapport imports contacts only"
                )));
            }
        }
    }
    if cards == 0 {
        return Err(TransferError::Invalid(format!("{file} holds no vCard (no BEGIN:VCARD line)")));
    }
    Ok(())
}
