//! Calendar dates as the domain uses them: strict `YYYY-MM-DD` and day arithmetic.

pub use jiff::civil::Date;

/// Parses a date written exactly as `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let t = text.trim();
    let shape_ok = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !shape_ok {
        return Err(format!("date '{}' is not in the form YYYY-MM-DD", crate::text::capped(t, 40)));
    }
    t.parse::<Date>().map_err(|_| format!("date '{}' does not exist in the calendar", crate::text::capped(t, 40)))
}

/// Days since 1970-01-01 (negative before it), by the proleptic Gregorian calendar.
pub fn epoch_day(date: Date) -> i64 {
    // Howard Hinnant's days_from_civil: exact integer arithmetic, no tables.
    let (y, m, d) = (i64::from(date.year()), i64::from(date.month()), i64::from(date.day()));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    epoch_day(to) - epoch_day(from)
}

/// The date `days` after `date`, saturating at the calendar's ends.
pub fn add_days(date: Date, days: i64) -> Date {
    date.saturating_add(jiff::Span::new().days(days.clamp(-7_000_000, 7_000_000)))
}

/// Months between the calendar months of `from` and `to` (0 when in the same month).
pub fn months_between(from: Date, to: Date) -> i64 {
    (i64::from(to.year()) * 12 + i64::from(to.month())) - (i64::from(from.year()) * 12 + i64::from(from.month()))
}

/// The first day of the month `back` months before the month of `date`.
pub fn month_start_back(date: Date, back: i64) -> Date {
    let index = i64::from(date.year()) * 12 + i64::from(date.month()) - 1 - back;
    let year = index.div_euclid(12) as i16;
    let month = (index.rem_euclid(12) + 1) as i8;
    Date::new(year, month, 1).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_parsing() {
        assert!(parse_date("2026-02-28").is_ok());
        assert!(parse_date(" 2024-02-29 ").is_ok());
        for bad in ["2026-02-30", "2026-13-01", "26-01-01", "2026/01/01", "20260101", "", "2026-1-1", "yesterday"] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn arithmetic() {
        let a = parse_date("2026-01-01").unwrap();
        let b = parse_date("2026-03-01").unwrap();
        assert_eq!(days_between(a, b), 59);
        assert_eq!(add_days(a, 59), b);
        assert_eq!(months_between(a, b), 2);
        assert_eq!(month_start_back(b, 3), parse_date("2025-12-01").unwrap());
        assert_eq!(epoch_day(parse_date("1970-01-01").unwrap()), 0);
        assert_eq!(epoch_day(parse_date("2000-03-01").unwrap()), 11_017);
        assert_eq!(days_between(parse_date("2024-02-28").unwrap(), parse_date("2024-03-01").unwrap()), 2);
    }
}
