//! Dates as other systems and spreadsheets write them: ISO (`2024-03-04`, with or without
//! a time, RFC 3339), numeric with the day or the month first (`04/03/2024`, `4.3.24`), and
//! with a month name (`4 Mar 2024`, `March 4, 2024`). Whether `03/04/2024` is the 3rd of
//! April or March the 4th is for the file to settle: see [`Reading`].

use std::rc::Rc;

use super::error::TransferError;
use super::raw::RawRow;
use crate::domain::Date;

/// Which comes first in a numeric date such as `03/04/2024`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// `dmy`: 03/04/2024 is 3 April (most of the world).
    DayFirst,
    /// `mdy`: 03/04/2024 is March 4 (the United States).
    MonthFirst,
}

impl DateOrder {
    pub fn key(self) -> &'static str {
        match self {
            DateOrder::DayFirst => "dmy",
            DateOrder::MonthFirst => "mdy",
        }
    }

    pub fn described(self) -> &'static str {
        match self {
            DateOrder::DayFirst => "day first",
            DateOrder::MonthFirst => "month first",
        }
    }
}

/// What one date cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// The same date whichever order the file uses.
    Exact(Date),
    /// Only one order gives a real date (13/04/2024), which settles the whole file.
    Settles(DateOrder, Date),
    /// Both orders give a real date: the file must settle which it uses.
    Ambiguous { day_first: Date, month_first: Date },
}

impl Reading {
    /// The date under `order`, or why it cannot be read that way.
    pub fn under(self, order: DateOrder, text: &str) -> Result<Date, String> {
        match self {
            Reading::Exact(date) => Ok(date),
            Reading::Settles(only, date) if only == order => Ok(date),
            Reading::Settles(only, _) => Err(format!(
                "date '{}' can only be read {}, but this file writes dates {}",
                crate::text::capped(text.trim(), QUOTED),
                only.described(),
                order.described()
            )),
            Reading::Ambiguous { day_first, month_first } => Ok(match order {
                DateOrder::DayFirst => day_first,
                DateOrder::MonthFirst => month_first,
            }),
        }
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month a name or abbreviation stands for ("Mar", "march", "Sept.").
fn month_named(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.len() < 3 {
        return None;
    }
    let found = MONTHS.iter().position(|m| m.starts_with(&word) && (word.len() == 3 || word == *m || word == "sept"));
    found.map(|i| i as i8 + 1)
}

fn day(y: i32, m: i32, d: i32) -> Option<Date> {
    let (y, m, d) = (i16::try_from(y).ok()?, i8::try_from(m).ok()?, i8::try_from(d).ok()?);
    Date::new(y, m, d).ok()
}

/// A two-digit year: 00–69 are this century, 70–99 the last.
fn full_year(text: &str) -> Option<i32> {
    let n: i32 = text.parse().ok()?;
    match text.len() {
        4 => Some(n),
        2 if n < 70 => Some(2000 + n),
        2 => Some(1900 + n),
        _ => None,
    }
}

/// Whether what follows a date is a time of day (and zone), which is left aside.
fn is_time(rest: &str) -> bool {
    let rest = rest.trim_start_matches(['T', 't', ' ', ',']).trim();
    if rest.is_empty() {
        return true;
    }
    let mut parts = rest.splitn(2, ':');
    let hour_ok = parts.next().is_some_and(|h| (1..=2).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_digit()));
    let rest_ok = parts.next().is_some_and(|r| {
        r.len() >= 2
            && r.as_bytes()[..2].iter().all(u8::is_ascii_digit)
            && r.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '.' | '+' | '-' | ' ' | '(' | ')'))
    });
    hour_ok && rest_ok
}

/// Splits `text` at the first character of `stops`, or returns it whole.
fn take_until<'t>(text: &'t str, stops: &[char]) -> (&'t str, &'t str) {
    text.find(stops).map_or((text, ""), |i| text.split_at(i))
}

/// How much of a date cell a message quotes.
const QUOTED: usize = 40;

fn unreadable(text: &str) -> String {
    let text = crate::text::capped(text, QUOTED);
    format!("date '{text}' is not a date rapport can read; write it as 2024-03-04, 04/03/2024 or 4 Mar 2024")
}

/// Reads one date cell.
pub fn read(text: &str) -> Result<Reading, String> {
    let t = text.trim();
    let first = t.split([' ', 'T', ',']).next().unwrap_or("");
    if first.contains(['-', '/', '.']) && first.starts_with(|c: char| c.is_ascii_digit()) {
        // "04-Mar-2024" starts like a numeric date.
        return numeric(t, first).or_else(|e| named(t).ok_or(e));
    }
    named(t).ok_or_else(|| unreadable(t))
}

/// `2024-03-04[T10:22…]`, `2024/3/4`, `04/03/2024`, `4.3.24`, `04-03-2024 10:22`.
fn numeric(t: &str, first: &str) -> Result<Reading, String> {
    let (date, rest) = t.split_at(first.len());
    if !is_time(rest) {
        return Err(unreadable(t));
    }
    let separator = date.chars().find(|c| matches!(c, '-' | '/' | '.')).unwrap_or('-');
    let parts: Vec<&str> = date.split(separator).collect();
    let [a, b, c] = parts[..] else { return Err(unreadable(t)) };
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i32>().ok())
            .flatten()
    };
    let (Some(na), Some(nb)) = (number(a), number(b)) else { return Err(unreadable(t)) };
    if number(c).is_none() {
        return Err(unreadable(t));
    }
    let missing = || format!("date '{}' does not exist in the calendar", crate::text::capped(t, QUOTED));
    if a.len() == 4 {
        // Year first is always year, month, day.
        let nc = number(c).unwrap_or(0);
        return day(na, nb, nc).map(Reading::Exact).ok_or_else(missing);
    }
    let year = full_year(c).ok_or_else(|| unreadable(t))?;
    let day_first = day(year, nb, na);
    let month_first = day(year, na, nb);
    // Dotted dates (4.3.2024) are written day first wherever they are used.
    if separator == '.' {
        return day_first.map(Reading::Exact).ok_or_else(missing);
    }
    match (day_first, month_first) {
        (Some(d), Some(m)) if d == m => Ok(Reading::Exact(d)),
        (Some(d), Some(m)) => Ok(Reading::Ambiguous { day_first: d, month_first: m }),
        (Some(d), None) => Ok(Reading::Settles(DateOrder::DayFirst, d)),
        (None, Some(m)) => Ok(Reading::Settles(DateOrder::MonthFirst, m)),
        (None, None) => Err(missing()),
    }
}

/// `4 Mar 2024`, `04-Mar-2024`, `4th March 2024`, `Mar 4, 2024`, `Monday, March 4, 2024`,
/// `Mon, 04 Mar 2024 10:22:00 +0000`.
fn named(t: &str) -> Option<Reading> {
    let mut rest = t;
    // A weekday in front ("Mon,", "Monday") is left aside.
    let (word, after) = take_until(rest, &[' ', ',']);
    if month_named(word).is_none() && word.chars().all(char::is_alphabetic) && !word.is_empty() {
        rest = after.trim_start_matches([',', ' ']);
    }
    let mut words: Vec<&str> = Vec::new();
    let mut tail = rest;
    while words.len() < 3 {
        let trimmed = tail.trim_start_matches([' ', ',', '-']);
        let (word, after) = take_until(trimmed, &[' ', ',', '-']);
        if word.is_empty() {
            break;
        }
        words.push(word);
        tail = after;
    }
    if words.len() < 3 || !is_time(tail) {
        return None;
    }
    let ordinal = |s: &str| {
        let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix_ok = matches!(&s[digits.len()..].to_lowercase()[..], "" | "st" | "nd" | "rd" | "th");
        (suffix_ok && (1..=2).contains(&digits.len())).then(|| digits.parse::<i32>().ok()).flatten()
    };
    let (d, m) = match (ordinal(words[0]), month_named(words[0])) {
        (Some(d), _) => (d, month_named(words[1])?),
        (None, Some(m)) => (ordinal(words[1])?, m),
        _ => return None,
    };
    let year = words[2];
    if year.len() != 4 {
        return None;
    }
    day(year.parse().ok()?, i32::from(m), d).map(Reading::Exact)
}

/// How an import reads what cells alone cannot tell.
#[derive(Debug, Clone, Copy)]
pub struct Conventions {
    /// What future dates are judged by.
    pub today: Date,
    /// Whether `03/04/2024` is the 3rd of April or March the 4th; `None` until the file
    /// (or `--date-order`) settles it.
    pub date_order: Option<DateOrder>,
}

/// A date cell seen while checking, for messages about the file's date order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenDate {
    pub file: Rc<str>,
    pub line: u64,
    pub text: String,
}

/// What the dates of an import said about their order.
#[derive(Debug, Clone, Default)]
pub struct DateEvidence {
    pub day_first: Option<SeenDate>,
    pub month_first: Option<SeenDate>,
    /// The first date that only the order can settle.
    pub ambiguous: Option<SeenDate>,
}

impl DateEvidence {
    /// Notes what a date cell of `row` says about the file's date order.
    pub fn note(&mut self, reading: Reading, row: &RawRow, text: &str) {
        let slot = match reading {
            Reading::Settles(DateOrder::DayFirst, _) => &mut self.day_first,
            Reading::Settles(DateOrder::MonthFirst, _) => &mut self.month_first,
            Reading::Ambiguous { .. } => &mut self.ambiguous,
            Reading::Exact(_) => return,
        };
        if slot.is_none() {
            *slot = Some(SeenDate {
                file: row.file.clone(),
                line: row.line,
                text: crate::text::capped(text, QUOTED).into(),
            });
        }
    }

    /// The order the dates settled, if only one was seen.
    pub fn settled(&self) -> Option<DateOrder> {
        match (&self.day_first, &self.month_first) {
            (Some(_), None) => Some(DateOrder::DayFirst),
            (None, Some(_)) => Some(DateOrder::MonthFirst),
            _ => None,
        }
    }
}

/// The date order of an import without `--date-order`: dates that disagree, or dates
/// only an order can settle with nothing in the file to settle it, are refused.
pub fn settle_date_order(evidence: &DateEvidence) -> Result<(), TransferError> {
    if let (Some(d), Some(m)) = (&evidence.day_first, &evidence.month_first) {
        return Err(TransferError::Invalid(format!(
            "the dates disagree: {}:{} has '{}' (day first) but {}:{} has '{}' (month first); correct one of them, \
             or import with --date-order dmy or --date-order mdy to say how the file writes dates",
            d.file, d.line, d.text, m.file, m.line, m.text
        )));
    }
    if evidence.settled().is_none()
        && let Some(a) = &evidence.ambiguous
    {
        return Err(TransferError::Invalid(format!(
            "{}:{}: the date '{}' could be day first or month first and no date in the file settles which; import \
             again with --date-order dmy (day first) or --date-order mdy (month first)",
            a.file, a.line, a.text
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        crate::domain::dates::parse_date(text).unwrap()
    }

    #[test]
    fn iso_dates_with_and_without_times() {
        for text in [
            "2024-03-04",
            " 2024-03-04 ",
            "2024-03-04T10:22:00Z",
            "2024-03-04T10:22:00.123+01:00",
            "2024-03-04 10:22:00 -0500",
            "2024-03-04 10:22",
            "2024/03/04",
            "2024/3/4",
            "2024-03-04 00:00:00 UTC",
        ] {
            assert_eq!(read(text), Ok(Reading::Exact(d("2024-03-04"))), "{text}");
        }
    }

    #[test]
    fn numeric_dates_say_what_they_settle() {
        assert_eq!(read("13/04/2024"), Ok(Reading::Settles(DateOrder::DayFirst, d("2024-04-13"))));
        assert_eq!(read("04/13/2024 10:22 AM"), Ok(Reading::Settles(DateOrder::MonthFirst, d("2024-04-13"))));
        assert_eq!(
            read("03/04/2024"),
            Ok(Reading::Ambiguous { day_first: d("2024-04-03"), month_first: d("2024-03-04") })
        );
        assert_eq!(read("04/04/24"), Ok(Reading::Exact(d("2024-04-04"))));
        assert_eq!(read("4.3.2024"), Ok(Reading::Exact(d("2024-03-04"))), "dotted dates are day first");
        assert_eq!(read("04.03.99"), Ok(Reading::Exact(d("1999-03-04"))));
        assert_eq!(
            read("3-4-2024"),
            Ok(Reading::Ambiguous { day_first: d("2024-04-03"), month_first: d("2024-03-04") })
        );
    }

    #[test]
    fn dates_with_month_names() {
        for text in [
            "4 Mar 2024",
            "04-Mar-2024",
            "4th March 2024",
            "Mar 4, 2024",
            "March 4 2024",
            "Monday, March 4, 2024",
            "Mon, 04 Mar 2024 10:22:00 +0000",
            "4 Sept 2024",
        ] {
            let expected = if text.contains("Sept") { d("2024-09-04") } else { d("2024-03-04") };
            assert_eq!(read(text), Ok(Reading::Exact(expected)), "{text}");
        }
    }

    #[test]
    fn readings_under_an_order() {
        let r = read("03/04/2024").unwrap();
        assert_eq!(r.under(DateOrder::DayFirst, "03/04/2024"), Ok(d("2024-04-03")));
        assert_eq!(r.under(DateOrder::MonthFirst, "03/04/2024"), Ok(d("2024-03-04")));
        let settled = read("13/04/2024").unwrap();
        assert_eq!(
            settled.under(DateOrder::MonthFirst, "13/04/2024"),
            Err("date '13/04/2024' can only be read day first, but this file writes dates month first".into())
        );
    }

    #[test]
    fn what_is_not_a_date_is_refused() {
        for text in
            ["", "yesterday", "2024-13-01", "31/31/2024", "2024-02-30", "1/2", "4 Foo 2024", "03/04/2024 soon", "12345"]
        {
            assert!(read(text).is_err(), "{text}");
        }
        assert_eq!(read("2024-02-30").unwrap_err(), "date '2024-02-30' does not exist in the calendar");
    }
}
