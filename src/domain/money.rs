//! Money as integer cents: parsing what people type and formatting it back.

/// Parses an amount such as `12`, `12.5`, `1234.50` or `1,234.50` into cents.
/// Negative amounts, more than two decimals and anything else are refused.
pub fn parse_cents(text: &str) -> Result<i64, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("amount is empty".into());
    }
    let malformed = || format!("amount '{trimmed}' is not a number like 12.50");
    if let Some(rest) = trimmed.strip_prefix('-') {
        // "-abc" is not a number at all; only a real number is "negative".
        return Err(if parse_cents(rest).is_ok() {
            format!("amount '{trimmed}' is negative; amounts are 0 or more")
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
            "amount '{trimmed}' has a comma that is not a thousands separator; write decimals with a point, like 12.50"
        ));
    }
    if fraction.len() > 2 {
        return Err(format!("amount '{trimmed}' has more than two decimals"));
    }
    let whole_value: i64 =
        if whole.is_empty() { 0 } else { whole.parse().map_err(|_| format!("amount '{trimmed}' is too large"))? };
    let mut fraction_value: i64 = if fraction.is_empty() { 0 } else { fraction.parse().map_err(|_| malformed())? };
    if fraction.len() == 1 {
        fraction_value *= 10;
    }
    whole_value
        .checked_mul(100)
        .and_then(|c| c.checked_add(fraction_value))
        .filter(|c| *c <= MAX_CENTS)
        .ok_or_else(|| format!("amount '{trimmed}' is too large"))
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

/// Puts a comma between each group of three digits: `1234567` → `1,234,567`.
pub fn group_thousands(digits: &str) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    grouped
}

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
    fn formats_round_trip() {
        for cents in [0, 1, 99, 100, 123456, MAX_CENTS] {
            assert_eq!(parse_cents(&format_cents(cents)), Ok(cents));
        }
        assert_eq!(display_cents(123456789), "1,234,567.89");
        assert_eq!(display_cents(5), "0.05");
    }
}
