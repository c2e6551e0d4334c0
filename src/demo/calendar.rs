//! Dates counted back from today, looked up rather than computed: the generator asks for
//! millions of them.

use super::plan::HISTORY_DAYS;
use crate::domain::Date;
use crate::domain::dates::{add_days, days_between};

pub struct Calendar {
    today: Date,
    /// `past[n]` is the date `n` days before today.
    past: Vec<Date>,
}

impl Calendar {
    pub fn new(today: Date) -> Calendar {
        let past = (0..=i64::from(HISTORY_DAYS)).map(|n| add_days(today, -n)).collect();
        Calendar { today, past }
    }

    /// The date `days` before today.
    pub fn ago(&self, days: u32) -> Date {
        match self.past.get(days as usize) {
            Some(date) => *date,
            None => add_days(self.today, -i64::from(days)),
        }
    }

    /// The date `days` after today.
    pub fn ahead(&self, days: u32) -> Date {
        add_days(self.today, i64::from(days))
    }

    /// How many days before today `date` is (0 for today or later).
    pub fn days_ago(&self, date: Date) -> u32 {
        days_between(date, self.today).max(0) as u32
    }
}
