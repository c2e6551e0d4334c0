//! The writes a person starts from a form, and taking the last one back.

use crossterm::event::KeyEvent;

use super::{Action, App, Confirm, form, forms};
use crate::domain::Customer;
use crate::store::{Result, StoreError, Write};

impl App {
    /// The customer the Customers tab has selected, read whole; says so when none is.
    pub(super) fn selected_customer(&mut self) -> Result<Option<Customer>> {
        match self.screens.customers.selected_id() {
            Some(id) => self.cx.store.customer(id),
            None => {
                self.info("No customer is selected.");
                Ok(None)
            }
        }
    }

    pub(super) fn open_customer_form(&mut self, action: Action) -> Result<()> {
        if !self.writable() {
            return Ok(());
        }
        let Some(c) = self.selected_customer()? else { return Ok(()) };
        let today = self.cx.store.today();
        self.form = Some(match action {
            Action::Edit => forms::edit_customer(&c),
            Action::LogInteraction => forms::interaction(&c, today),
            Action::LogFeedback => forms::feedback(&c, today),
            Action::AddContract => forms::contract(&c, today),
            Action::SetType => forms::set_type(&c),
            _ => forms::follow_up(&c),
        });
        Ok(())
    }

    pub(super) fn form_key(&mut self, key: KeyEvent) {
        let Some(open) = &mut self.form else { return };
        match open.form.handle_key(&key) {
            form::FormEvent::Handled => {}
            form::FormEvent::Cancel => {
                if open.form.dirty {
                    self.confirm = Some(Confirm::discard_form());
                } else {
                    self.form = None;
                }
            }
            form::FormEvent::Submit => self.submit_form(),
        }
    }

    /// Saves the open form: its write applied, or the reasons shown on the form.
    fn submit_form(&mut self) {
        let Some(open) = &mut self.form else { return };
        let write = match forms::write_of(open, &self.cx.store) {
            Some(Ok(write)) => write,
            Some(Err(e)) => return forms::show_refusal(open, e),
            None => return open.form.focus_first_error(),
        };
        if let Write::EditCustomer { edits, .. } = &write
            && edits.is_empty()
        {
            self.form = None;
            return self.info("Nothing changed: there was nothing to save.");
        }
        match self.cx.store.apply(&write) {
            Ok(change) => {
                self.form = None;
                self.after_change(change, true);
            }
            Err(e) => forms::show_refusal(open, e),
        }
    }

    pub(super) fn undo(&mut self) -> Result<()> {
        let Some(change) = self.undo.pop() else {
            self.info("Nothing to undo in this session.");
            return Ok(());
        };
        // Through the activity record, as `rapport undo N` would: the same checks for
        // what changed since, whoever changed it.
        match self.cx.store.apply(&Write::Undo { activity: change.activity_id }) {
            Ok(undone) => {
                self.after_change(undone, false);
                Ok(())
            }
            Err(e) => {
                // The change stays taken back from the stack only if it can never apply.
                if !matches!(e, StoreError::Conflict(_)) {
                    self.undo.push(change);
                }
                Err(e)
            }
        }
    }
}
