//! Keeping the screens true to the store: after our own writes (with the notice of what
//! happened and the undo stack), and about once a second for writes by other processes.

use super::customers::CustomersScreen;
use super::{Action, App, Tab, UNDO_LEVELS};
use crate::store::{Change, Result};
use crate::text::inert;

impl App {
    /// Brings every view up to date after a write and says what happened.
    pub(super) fn after_change(&mut self, change: Change, undoable: bool) {
        let mut rows = Vec::new();
        for id in &change.customer_ids {
            match self.cx.store.list_row(*id) {
                Ok(Some(row)) => rows.push(row),
                Ok(None) => self.cx.roster.remove(*id),
                Err(e) => self.error(e.to_string()),
            }
        }
        let taken = CustomersScreen::update_rows(rows, &mut self.cx);
        self.report(taken);
        // The watch stays where the last tick left it: other processes may have written
        // since, and only the next tick loads what they changed. (Our own commits are not
        // reported as others'; the rows just written are loaded again at worst.)
        if let Some(id) = change.added_customer() {
            self.screens.customers.prefer(id, &self.cx.roster);
        }
        self.refresh_views();
        let mut text = inert(&change.description).into_owned();
        for s in &change.new_suggestions {
            let name = self.cx.roster.by_id(s.customer_id).map(|r| r.name.trim().to_string()).unwrap_or_default();
            text.push_str(&format!(
                ". {} now looks {} (was {}): press {} to review",
                inert(&name),
                s.to.label(),
                s.from.label(),
                self.cx.config.keymap.hint(Action::Review)
            ));
        }
        self.info(text);
        if undoable {
            self.undo.push(change);
            if self.undo.len() > UNDO_LEVELS {
                self.undo.remove(0);
            }
        }
    }

    fn refresh_views(&mut self) {
        for tab in Tab::ALL {
            let refreshed = self.screens.get_mut(tab).refresh(&self.cx, tab == self.tab);
            self.report(refreshed);
        }
    }

    /// Whether work is under way that [`App::continue_work`] should go on with as soon as
    /// no key is waiting: a search over many customers is scored a step at a time.
    pub fn busy(&self) -> bool {
        self.cx.roster.searching()
    }

    /// Does the next step of the work under way; returns whether the screen changed.
    pub fn continue_work(&mut self) -> bool {
        match self.screens.customers.continue_search(&mut self.cx) {
            Ok(changed) => changed,
            Err(e) => {
                self.error(e.to_string());
                true
            }
        }
    }

    /// Finishes all work under way, as the dashboard would between keys.
    pub fn finish_work(&mut self) {
        while self.busy() {
            self.continue_work();
        }
    }

    /// Called about once a second: notices writes by other processes and shows them.
    /// Returns whether anything on screen may have changed.
    pub fn tick(&mut self) -> bool {
        let mut changed = self.follow_the_clock();
        changed |= self.refresh_finished();
        changed
            | match self.load_changes() {
                Ok(false) => false,
                Ok(true) => {
                    self.refresh_views();
                    true
                }
                Err(e) => {
                    self.error(e.to_string());
                    true
                }
            }
    }

    /// After midnight, or when someone changed the rules or the time zone: every row is
    /// read again for the new basis (out-of-date ones as a refresh will store them), and
    /// the refresh starts in the background. Whether anything changed.
    fn follow_the_clock(&mut self) -> bool {
        let day_before = self.cx.store.today();
        match self.cx.store.catch_up() {
            Ok(false) => false,
            Ok(true) => {
                let reread =
                    self.cx.store.list_rows().and_then(|rows| CustomersScreen::replace_rows(rows, &mut self.cx));
                self.report(reread);
                self.refresh_views();
                let today = self.cx.store.today();
                if today != day_before {
                    self.info(format!(
                        "It is {} now: the signals are for the new day.",
                        self.cx.config.format_date(today)
                    ));
                } else {
                    self.info("The rule set or the time zone was changed: the signals follow the new settings.");
                }
                if !self.cx.store.is_read_only() && self.refresher.is_none() {
                    self.refresher = Some(super::refresher::Refresher::start(&self.cx.store));
                }
                true
            }
            Err(e) => {
                self.error(e.to_string());
                true
            }
        }
    }

    /// Takes note of a background refresh that finished; whether there is news.
    fn refresh_finished(&mut self) -> bool {
        let Some(result) = self.refresher.as_mut().and_then(super::refresher::Refresher::finished) else {
            return false;
        };
        self.refresher = None;
        match result {
            Ok(_) => false,
            Err(e) => {
                self.error(format!("The summaries could not be brought up to date: {e}"));
                true
            }
        }
    }

    /// Waits for a background refresh to finish, then takes in what it wrote: for tests.
    pub fn finish_background_refresh(&mut self) {
        if let Some(refresher) = self.refresher.take()
            && let Some(Err(e)) = refresher.wait()
        {
            self.error(format!("The summaries could not be brought up to date: {e}"));
        }
        self.tick();
    }

    /// Takes in what others wrote since the last look; false when nothing.
    fn load_changes(&mut self) -> Result<bool> {
        let Some(changes) = self.cx.store.changes_since(&mut self.watch)? else { return Ok(false) };
        CustomersScreen::update_rows(changes.rows, &mut self.cx)?;
        if changes.active_customers != self.cx.roster.len() {
            let rows = self.cx.store.list_rows()?;
            CustomersScreen::replace_rows(rows, &mut self.cx)?;
        }
        Ok(true)
    }
}
