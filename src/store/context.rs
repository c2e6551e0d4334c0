//! Who is using a store and what "now" means for it. A [`Session`] is what a process
//! brings: the person and how it learns the date. The [`Context`] is what the engine
//! makes of it with the database's own settings: today in the database's time zone, the
//! rule set stored in the database, and the person every write is recorded as.

use crate::domain::{Date, Rules};

/// How a process learns today's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The calendar date now, in the database's time zone.
    System,
    /// A fixed date (`RAPPORT_TODAY`, tests, demos).
    Fixed(Date),
}

/// A person with a clock: what a process opens a database as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Recorded on every write.
    pub user: String,
    pub clock: Clock,
}

impl Session {
    pub fn new(user: impl Into<String>, clock: Clock) -> Session {
        Session { user: user.into(), clock }
    }

    /// A session with today fixed, as a tester working alone: for tests and tools.
    pub fn on(today: Date) -> Session {
        Session::new("tester", Clock::Fixed(today))
    }
}

/// Today, the rules in force and the person writing, for one open database.
#[derive(Debug, Clone)]
pub struct Context {
    pub today: Date,
    pub rules: Rules,
    /// Identifies the rule text, so that summaries computed with other rules are known.
    pub rules_fingerprint: String,
    /// The database's time zone (an IANA name), which today is the date in.
    pub timezone: String,
    pub user: String,
    pub clock: Clock,
}

impl Context {
    /// The context of `session` on a database with these settings.
    pub fn new(session: &Session, rules: Rules, rules_text: &str, timezone: &str) -> Context {
        let today = today_in(session.clock, timezone);
        Context {
            today,
            rules,
            rules_fingerprint: fingerprint(rules_text),
            timezone: timezone.to_string(),
            user: session.user.clone(),
            clock: session.clock,
        }
    }

    /// What a summary computed now is computed for: the day and the rules. A stored
    /// summary with another basis is out of date.
    pub fn basis(&self) -> String {
        format!("{} {}", self.today, self.rules_fingerprint)
    }
}

/// Today's date by `clock` in the zone named `timezone` (UTC if the name is unknown).
pub fn today_in(clock: Clock, timezone: &str) -> Date {
    match clock {
        Clock::Fixed(date) => date,
        Clock::System => {
            let zone = jiff::tz::TimeZone::get(timezone).unwrap_or(jiff::tz::TimeZone::UTC);
            jiff::Timestamp::now().to_zoned_datetime(zone).date()
        }
    }
}

/// The zone of the machine, as a name another machine can look up: what a new database
/// starts with.
pub fn system_timezone() -> String {
    jiff::tz::TimeZone::try_system()
        .ok()
        .and_then(|tz| tz.iana_name().map(str::to_string))
        .filter(|name| jiff::tz::TimeZone::get(name).is_ok())
        .unwrap_or_else(|| "UTC".to_string())
}

/// Whether `name` is a time zone this machine knows.
pub fn known_timezone(name: &str) -> bool {
    jiff::tz::TimeZone::get(name).is_ok()
}

/// FNV-1a over the text: stable across builds, enough to notice an edit.
pub fn fingerprint(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_ignores_the_zone_and_the_system_clock_follows_it() {
        let day = Date::constant(2026, 3, 1);
        assert_eq!(today_in(Clock::Fixed(day), "Pacific/Kiritimati"), day);
        let east = today_in(Clock::System, "Pacific/Kiritimati");
        let west = today_in(Clock::System, "Pacific/Pago_Pago");
        // UTC+14 and UTC−11 are 25 hours apart: always a day apart, sometimes two.
        assert!((1..=2).contains(&crate::domain::dates::days_between(west, east)), "{west} {east}");
        assert!(known_timezone("Europe/Berlin"));
        assert!(!known_timezone("Mars/Olympus"));
    }
}
