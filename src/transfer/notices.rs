//! What an import tells the person about its files: the system recognised, the encoding
//! used, the columns left out and, for a dry run, what every column becomes.

use super::csv_read::{CsvHeader, delimiter_name};
use super::profiles::capped_list;
use super::source::Source;
use crate::text::fitted;

fn file_name(path: &std::path::Path) -> String {
    path.display().to_string()
}

/// Remarks worth showing once before an import: the system that wrote each file, an
/// encoding other than UTF-8, the columns left out and those that look like contact data.
pub fn notices(source: &Source) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((path, encoding)) = source.vcard() {
        out.extend(encoding.notice(&file_name(path)));
    }
    for (path, header) in source.csv_files() {
        let file = file_name(path);
        let map = &header.map;
        if !map.profile.key.is_empty() {
            out.push(format!("{file}: read as {}", map.profile.label));
        }
        out.extend(header.encoding.notice(&file));
        let ignored = map.ignored();
        if !ignored.is_empty() {
            out.push(format!("{file}: ignoring columns rapport does not know: {}", capped_list(&ignored)));
        }
        out.extend(contact_warning(&file, header));
    }
    out
}

fn contact_warning(file: &str, header: &CsvHeader) -> Option<String> {
    let suspicious = header.map.contact_like_ignored();
    (!suspicious.is_empty()).then(|| {
        format!(
            "{file}: warning: {} may hold an email, a phone number or a company but {} not read; \
             rename {} to email, phone or company to import {}",
            capped_list(&suspicious),
            if suspicious.len() == 1 { "is" } else { "are" },
            if suspicious.len() == 1 { "the column" } else { "the columns" },
            if suspicious.len() == 1 { "it" } else { "them" },
        )
    })
}

/// The column mapping of every CSV file, for a dry run: what the file is, then one line
/// per column ("  Customer ID → source reference (shopify:…)").
pub fn mapping(source: &Source) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((path, encoding)) = source.vcard() {
        out.push(format!("{}: vCards; {}", file_name(path), encoding.encoding.name()));
        for (property, becomes) in [
            ("FN (else N)", "name"),
            ("ORG", "company"),
            ("EMAIL", "email (further addresses go to the notes)"),
            ("TEL", "phone (further numbers go to the notes)"),
            ("NOTE", "notes"),
            ("CATEGORIES", "tags"),
            ("UID", "source reference"),
        ] {
            out.push(format!("  {property:11} → {becomes}"));
        }
        out.push("  other properties (addresses, birthdays, photos) are not kept".into());
    }
    for (path, header) in source.csv_files() {
        let file = file_name(path);
        out.push(format!(
            "{file}: {}; {}, separated by {}",
            header.map.profile.label,
            header.encoding.encoding.name(),
            delimiter_name(header.delimiter)
        ));
        let columns = header.map.describe();
        let width = columns.iter().map(|(c, _)| fitted(c, 32).chars().count()).max().unwrap_or(0);
        let mut not_kept = Vec::new();
        for (column, becomes) in columns {
            if becomes == "not kept" {
                not_kept.push(column);
            } else {
                out.push(format!("  {:width$} → {becomes}", fitted(&column, 32)));
            }
        }
        if !not_kept.is_empty() {
            let names: Vec<String> = not_kept.iter().map(|c| fitted(c, 40)).collect();
            out.push(format!("  not kept ({}): {}", not_kept.len(), names.join(", ")));
        }
        out.extend(contact_warning(&file, header).map(|w| format!("  {w}")));
    }
    out
}
