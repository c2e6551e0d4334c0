//! Writes about the database itself and about earlier writes: a setting changed, and a
//! recorded change taken back, by anyone, from the activity record.

use super::{Sqlite, activity, images};
use crate::store::change::{Change, Table};
use crate::store::error::{Result, StoreError};
use crate::store::settings::{self, RULES, TIMEZONE};

impl Sqlite {
    /// Takes back the recorded change `activity_id`, in one transaction: every record put
    /// back as it was (a customer field by field), refused with the reason and nothing
    /// undone when a later change touched what it wrote.
    pub(super) fn undo(&mut self, activity_id: i64) -> Result<Change> {
        let Some(entry) = activity::load(&self.conn, activity_id)? else {
            return Err(StoreError::NotFound(format!(
                "there is no change {activity_id}; rapport activity lists them with their numbers"
            )));
        };
        if let Some(by) = entry.undone_by {
            return Err(StoreError::Conflict(format!(
                "change {activity_id} was already undone (by change {by}); nothing was undone"
            )));
        }
        if entry.stored.bulk {
            return Err(StoreError::Conflict(format!(
                "change {activity_id} ({}) is not undone record by record; restore a backup to go back before it; nothing was undone",
                entry.description
            )));
        }
        let change = Change {
            activity_id,
            description: entry.description.clone(),
            customer_ids: entry.stored.customer_ids.clone(),
            created_id: None,
            new_suggestions: Vec::new(),
            records: entry.stored.records.clone(),
        };
        let description = format!("Undid change {activity_id}: {}", entry.description);
        let undone = self.write(|w| {
            w.undoes = Some(activity_id);
            for step in change.inverse() {
                images::restore(&w.tx, &step)?;
            }
            for id in &change.customer_ids {
                w.touch(Some(*id));
            }
            Ok((description, None))
        })?;
        // An undone rules or time zone change moves today's basis like the change did.
        self.catch_up()?;
        Ok(undone)
    }

    /// Sets a database-wide setting for everyone sharing the file.
    pub(super) fn set_setting(&mut self, key: &str, value: &str) -> Result<Change> {
        settings::validate(key, value).map_err(|e| StoreError::Invalid(vec![e]))?;
        let Some(number) = settings::number_of(key) else {
            return Err(StoreError::invalid("setting", "there is no such setting"));
        };
        let description = match key {
            RULES => rules_change(&super::settings::read(&self.conn, RULES)?.unwrap_or_default(), value),
            TIMEZONE => format!("Set the time zone to {value}"),
            _ => format!("Set {key}"),
        };
        let change = self.write(|w| {
            w.capture(Table::Settings, number)?;
            super::settings::write(&w.tx, key, value)?;
            Ok((description, None))
        })?;
        self.catch_up()?;
        Ok(change)
    }
}

/// "Changed the rule set: loyal = 45 → loyal = 30" when one line changed, else "Replaced
/// the rule set".
fn rules_change(before: &str, after: &str) -> String {
    let (b, a): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    let differ: Vec<usize> = (0..b.len().max(a.len())).filter(|&i| b.get(i) != a.get(i)).collect();
    match differ.as_slice() {
        [i] if b.len() == a.len() => format!("Changed the rule set: {} → {}", b[*i].trim(), a[*i].trim()),
        _ => "Replaced the rule set".to_string(),
    }
}
