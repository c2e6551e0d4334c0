//! Money as integer cents: parsing what people type and formatting it back.

/// Parses an amount such as `12`, `12.5`, `1234.50` or `1,234.50` into cents.
/// Negative amounts, more than two decimals and anything else are refused.
pub fn parse_cents(text: &str) -> Result<i64, String> {
    let trimmed = text.trim();
    let quoted = crate::text::capped(trimmed, QUOTED);
    if trimmed.is_empty() {
        return Err("amount is empty".into());
    }
    let malformed = || format!("amount '{quoted}' is not a number like 12.50");
    if let Some(rest) = trimmed.strip_prefix('-') {
        // "-abc" is not a number at all; only a real number is "negative".
        return Err(if parse_cents(rest).is_ok() {
            format!("amount '{quoted}' is negative; amounts are 0 or more")
        } else {
            malformed()
        });
    }
    let unsigned = trimmed.strip_prefix('+').unwrap_or(trimmed);
    let (grouped, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    if grouped.is_empty() && fraction.is_empty() {
        return Err(malformed());
    }
    let whole = grouped.replace(',', "");
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if !digits(&whole) || !digits(fraction) {
        return Err(malformed());
    }
    // A comma only ever separates thousands ("1,234.50"); "12,50" is refused rather than
    // read as 1,250.
    let mut groups = grouped.split(',');
    let first_ok = groups.next().is_some_and(|g| !grouped.contains(',') || (1..=3).contains(&g.len()));
    if !first_ok || !groups.all(|g| g.len() == 3) {
        return Err(format!(
            "amount '{quoted}' has a comma that is not a thousands separator; write decimals with a point, like 12.50"
        ));
    }
    if fraction.len() > 2 {
        return Err(format!("amount '{quoted}' has more than two decimals"));
    }
    let whole_value: i64 =
        if whole.is_empty() { 0 } else { whole.parse().map_err(|_| format!("amount '{quoted}' is too large"))? };
    let mut fraction_value: i64 = if fraction.is_empty() { 0 } else { fraction.parse().map_err(|_| malformed())? };
    if fraction.len() == 1 {
        fraction_value *= 10;
    }
    whole_value
        .checked_mul(100)
        .and_then(|c| c.checked_add(fraction_value))
        .filter(|c| *c <= MAX_CENTS)
        .ok_or_else(|| format!("amount '{quoted}' is too large"))
}

/// How much of an amount a message quotes.
const QUOTED: usize = 40;

/// How a file writes the decimal mark when an amount alone cannot tell ("1,234" or "1.234").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalMark {
    /// `1,234.50`: English-speaking spreadsheets and most systems' exports.
    Point,
    /// `1.234,50`: continental European spreadsheets (which separate cells with `;`).
    Comma,
}

/// Parses an amount as other systems and spreadsheets write it: a currency sign or code
/// before or after (`$1,234.50`, `1.234,50 €`, `EUR 12`, `12.00 USD`), thousands grouped by
/// commas, points, spaces or apostrophes. Where both marks appear, the last is the decimal
/// mark; a lone mark is a decimal mark unless exactly three digits follow it, which `mark`
/// (the file's convention) decides: `1,234` is 1234 with [`DecimalMark::Point`].
pub fn parse_amount(text: &str, mark: DecimalMark) -> Result<i64, String> {
    let trimmed = text.trim();
    let quoted = crate::text::capped(trimmed, QUOTED);
    let not_a_number = || format!("amount '{quoted}' is not a number like 12.50");
    let number = strip_currency(trimmed).ok_or_else(not_a_number)?;
    let negative = number.starts_with('-') || (number.starts_with('(') && number.ends_with(')'));
    let number = number.trim_start_matches(['-', '+', '(']).trim_end_matches(')');
    // "-$12.00": the sign may stand before the currency.
    let number = strip_currency(number).ok_or_else(not_a_number)?;
    // Spaces (plain, no-break, narrow no-break) and apostrophes only ever group thousands.
    let compact: String = number.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’')).collect();
    let decimal = decimal_mark(&compact, mark);
    let (whole, fraction) = match decimal {
        Some(d) => compact.rsplit_once(d).unwrap_or((&compact, "")),
        None => (compact.as_str(), ""),
    };
    let mut groups = whole.split([',', '.']);
    let grouped = whole.contains([',', '.']);
    let first_ok = groups.next().is_some_and(|g| !grouped || (1..=3).contains(&g.len()));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let well_formed = first_ok
        && groups.all(|g| g.len() == 3)
        && digits(&whole.replace([',', '.'], ""))
        && digits(fraction)
        && !(whole.is_empty() && fraction.is_empty())
        && !(whole.contains(',') && whole.contains('.'));
    if !well_formed {
        return Err(not_a_number());
    }
    if negative {
        return Err(format!("amount '{quoted}' is negative; amounts are 0 or more"));
    }
    if fraction.len() > 2 {
        return Err(format!("amount '{quoted}' has more than two decimals"));
    }
    parse_cents(&format!("{}.{fraction}", whole.replace([',', '.'], "")))
        .map_err(|_| format!("amount '{quoted}' is too large"))
}

/// Which mark in `number` (signs and currency gone) separates the decimals, if any.
fn decimal_mark(number: &str, mark: DecimalMark) -> Option<char> {
    let (points, commas) = (number.matches('.').count(), number.matches(',').count());
    match (points, commas) {
        (0, 0) => None,
        (_, 0) | (0, _) => {
            let (found, count) = if commas == 0 { ('.', points) } else { (',', commas) };
            let after = number.len() - number.rfind(found).unwrap_or(0) - 1;
            let grouping_by_default = match mark {
                DecimalMark::Point => found == ',',
                DecimalMark::Comma => found == '.',
            };
            (count == 1 && !(after == 3 && grouping_by_default)).then_some(found)
        }
        _ => {
            let last_point = number.rfind('.').unwrap_or(0);
            let last_comma = number.rfind(',').unwrap_or(0);
            Some(if last_point > last_comma { '.' } else { ',' })
        }
    }
}

/// The number inside `text` without a currency sign or code on either side.
fn strip_currency(text: &str) -> Option<&str> {
    let start = text.find(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '(' | '.' | ','))?;
    let end = text.rfind(|c: char| c.is_ascii_digit() || c == ')')? + 1;
    if start >= end {
        return None;
    }
    let (before, number, after) = (&text[..start], &text[start..end], &text[end..]);
    let currency_like = |s: &str| {
        let s = s.trim_matches(|c: char| c.is_whitespace());
        s.chars().count() <= 4 && s.chars().all(|c| c.is_alphabetic() || is_currency_sign(c) || c == '.')
    };
    (currency_like(before) && currency_like(after)).then_some(number.trim())
}

fn is_currency_sign(c: char) -> bool {
    matches!(
        c,
        '$' | '€'
            | '£'
            | '¥'
            | '₹'
            | '₽'
            | '₩'
            | '₪'
            | '₺'
            | '₫'
            | '₱'
            | '฿'
            | '₴'
            | '₦'
            | '₡'
            | '¢'
            | '₲'
            | '₵'
    )
}

/// The largest amount accepted: ten trillion, far beyond any real invoice, and safe to sum.
pub const MAX_CENTS: i64 = 1_000_000_000_000_000;

/// Formats cents as a plain decimal with two places: `1234.50`. Used in files.
pub fn format_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Formats cents for people: `1,234.50`.
pub fn display_cents(cents: i64) -> String {
    let plain = format_cents(cents.abs());
    let (whole, fraction) = plain.split_once('.').unwrap_or((&plain, "00"));
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{fraction}", group_thousands(whole))
}

pub use crate::text::group_thousands;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_forms() {
        assert_eq!(parse_cents("12"), Ok(1200));
        assert_eq!(parse_cents("12.5"), Ok(1250));
        assert_eq!(parse_cents("12.05"), Ok(1205));
        assert_eq!(parse_cents(" 1,234.50 "), Ok(123450));
        assert_eq!(parse_cents(".5"), Ok(50));
        assert_eq!(parse_cents("0"), Ok(0));
        assert_eq!(parse_cents("+5"), Ok(500));
        assert_eq!(parse_cents("1,250"), Ok(125000));
        assert_eq!(parse_cents("12,345,678.9"), Ok(1234567890));
    }

    #[test]
    fn a_comma_is_only_ever_a_thousands_separator() {
        for bad in ["12,50", "1,23", "1234,567", ",5", "1,,000", "1,000,00", "12,5.00"] {
            let error = parse_cents(bad).unwrap_err();
            assert!(error.contains("not a thousands separator"), "{bad}: {error}");
        }
    }

    #[test]
    fn only_a_number_is_called_negative() {
        assert!(parse_cents("-1").unwrap_err().contains("negative"));
        assert!(parse_cents("-abc").unwrap_err().contains("not a number"));
        assert!(parse_cents("-").unwrap_err().contains("not a number"));
    }

    #[test]
    fn refuses_bad_amounts() {
        for bad in ["", "-1", "-0.01", "1.234", "12a", "1.2.3", "abc", ".", "1e5", "99999999999999999999"] {
            assert!(parse_cents(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn amounts_from_other_systems() {
        use DecimalMark::{Comma, Point};
        for (text, mark, cents) in [
            ("$1,234.50", Point, 123450),
            ("1.234,50 €", Comma, 123450),
            ("1.234,50 €", Point, 123450),
            ("€1.234,50", Point, 123450),
            ("EUR 12", Point, 1200),
            ("12.00 USD", Point, 1200),
            ("CHF 1'234.50", Point, 123450),
            ("1 234,50", Comma, 123450),
            ("1\u{a0}234,50\u{a0}€", Comma, 123450),
            ("12,50", Comma, 1250),
            ("12,50", Point, 1250),
            ("1,234", Point, 123400),
            ("1.234", Comma, 123400),
            ("1,234,567", Point, 123456700),
            ("1.234.567,8", Comma, 123456780),
            ("0", Point, 0),
            ("£0.99", Point, 99),
            ("R$ 10,00", Comma, 1000),
        ] {
            assert_eq!(parse_amount(text, mark), Ok(cents), "{text} read with {mark:?}");
        }
    }

    #[test]
    fn amounts_from_other_systems_that_are_refused() {
        use DecimalMark::{Comma, Point};
        for (text, mark, why) in [
            ("1,234", Comma, "more than two decimals"),
            ("1.234", Point, "more than two decimals"),
            ("-$12.00", Point, "negative"),
            ("(12.00)", Point, "negative"),
            ("12 apples and pears", Point, "not a number"),
            ("1,23,4", Point, "not a number"),
            ("1.234,5.6", Point, "not a number"),
            ("", Point, "not a number"),
            ("$", Point, "not a number"),
            ("99999999999999999999", Point, "too large"),
        ] {
            let error = parse_amount(text, mark).unwrap_err();
            assert!(error.contains(why), "{text}: {error}");
        }
    }

    #[test]
    fn formats_round_trip() {
        for cents in [0, 1, 99, 100, 123456, MAX_CENTS] {
            assert_eq!(parse_cents(&format_cents(cents)), Ok(cents));
        }
        assert_eq!(display_cents(123456789), "1,234,567.89");
        assert_eq!(display_cents(5), "0.05");
    }
}
