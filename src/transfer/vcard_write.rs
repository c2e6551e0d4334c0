//! Writing customers as one vCard 4.0 file (RFC 6350), for phones and address books:
//! FN and N, ORG, EMAIL, TEL, CATEGORIES, NOTE and, for a customer another system knows,
//! UID. Reading the file back gives the same customers (line ends become `\n`).

use crate::domain::Customer;

/// The longest line a vCard may have, in bytes, before it is folded.
const FOLD_AT: usize = 75;

/// Text with the escapes vCard text values need: `\\`, `\n`, `\,` and `\;`.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// Writes `line` folded at [`FOLD_AT`] bytes (never inside a character), CRLF ended.
fn put_line(out: &mut Vec<u8>, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > FOLD_AT {
            out.extend_from_slice(b"\r\n ");
            width = 1;
        }
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        width += len;
    }
    out.extend_from_slice(b"\r\n");
}

/// The structured name: the last word as the family name, the rest as given names; a
/// customer named by an email or a company has no parts to give.
fn structured_name(name: &str) -> String {
    let name = name.trim();
    if name.contains('@') {
        return ";;;;".into();
    }
    match name.rsplit_once(' ') {
        Some((given, family)) => format!("{};{};;;", escaped(family), escaped(given.trim())),
        None => format!("{};;;;", escaped(name)),
    }
}

/// One customer as a vCard, appended to `out`.
pub fn card(out: &mut Vec<u8>, c: &Customer) {
    put_line(out, "BEGIN:VCARD");
    put_line(out, "VERSION:4.0");
    if let Some(source) = &c.source_ref {
        put_line(out, &format!("UID:{}", escaped(source)));
    }
    put_line(out, &format!("FN:{}", escaped(c.name.trim())));
    put_line(out, &format!("N:{}", structured_name(&c.name)));
    if !c.company.trim().is_empty() {
        put_line(out, &format!("ORG:{}", escaped(c.company.trim())));
    }
    if let Some(email) = &c.email {
        put_line(out, &format!("EMAIL:{}", escaped(email)));
    }
    if !c.phone.trim().is_empty() {
        put_line(out, &format!("TEL;VALUE=text:{}", escaped(c.phone.trim())));
    }
    if !c.tags.is_empty() {
        let tags: Vec<String> = c.tags.iter().map(|t| escaped(t)).collect();
        put_line(out, &format!("CATEGORIES:{}", tags.join(",")));
    }
    if !c.notes.trim().is_empty() {
        put_line(out, &format!("NOTE:{}", escaped(c.notes.trim())));
    }
    put_line(out, "END:VCARD");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::parse_date;

    #[test]
    fn a_card_escapes_folds_and_names() {
        let mut c = Customer::new("Ada King Lovelace", parse_date("2026-01-01").unwrap());
        c.company = "Engines; Ltd".into();
        c.email = Some("ada@example.com".into());
        c.phone = "+44 20 7946 0000".into();
        c.tags = vec!["vip".into(), "a,b".into()];
        c.notes = format!("line one\r\nline two, with \\ a {}", "long ".repeat(20));
        c.source_ref = Some("shopify:123".into());
        let mut out = Vec::new();
        card(&mut out, &c);
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:shopify:123\r\nFN:Ada King Lovelace\r\n"));
        assert!(text.contains("N:Lovelace;Ada King;;;\r\n"));
        assert!(text.contains("ORG:Engines\\; Ltd\r\n"));
        assert!(text.contains("TEL;VALUE=text:+44 20 7946 0000\r\n"));
        assert!(text.contains("CATEGORIES:vip,a\\,b\r\n"));
        assert!(text.contains("NOTE:line one\\nline two\\, with \\\\ a long"));
        assert!(text.lines().all(|l| l.len() <= FOLD_AT), "{text}");
        assert!(text.contains("\r\n long") || text.contains("\r\n  "), "long lines fold with a leading space");
        assert!(text.ends_with("END:VCARD\r\n"));
    }

    #[test]
    fn folding_never_cuts_a_character() {
        let mut out = Vec::new();
        put_line(&mut out, &format!("NOTE:{}", "ë".repeat(100)));
        assert!(String::from_utf8(out).is_ok());
    }
}
