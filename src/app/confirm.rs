//! Questions before a change that is hard to see coming: archiving, resolving a
//! complaint, accepting every suggestion, discarding a form. And the Review tab's single
//! decisions, which need no question.

use crossterm::event::{KeyCode, KeyEvent};

use super::{Action, App};
use crate::domain::{DecidedBy, Feedback};
use crate::store::{Decision, Result, ShownMove, StoreError, Write};
use crate::text::inert;

/// What a yes to the confirmation box does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmAction {
    Archive(i64),
    Resolve(i64),
    /// The moves the question counted: a yes accepts exactly these.
    AcceptAll(Vec<ShownMove>),
    DiscardForm,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub action: ConfirmAction,
}

impl Confirm {
    pub fn discard_form() -> Confirm {
        Confirm { question: "Discard what you typed?".into(), action: ConfirmAction::DiscardForm }
    }
}

impl App {
    pub(super) fn answer_confirm(&mut self, key: KeyEvent) {
        let yes = matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter);
        let no = matches!(key.code, KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc);
        if !yes && !no {
            return;
        }
        let Some(confirm) = self.confirm.take() else { return };
        if no {
            return;
        }
        let write = match confirm.action {
            ConfirmAction::DiscardForm => {
                self.form = None;
                return;
            }
            ConfirmAction::Archive(customer_id) => Write::Archive { customer_id },
            ConfirmAction::Resolve(feedback_id) => Write::ResolveFeedback { feedback_id },
            ConfirmAction::AcceptAll(moves) => Write::AcceptAll { by: DecidedBy::User, moves },
        };
        match self.cx.store.apply(&write) {
            Ok(change) => self.after_change(change, true),
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn ask_archive(&mut self) {
        let target =
            self.screens.customers.selected_row(&self.cx.roster).map(|r| (r.id, inert(r.name.trim()).into_owned()));
        if let Some((id, name)) = target
            && self.writable()
        {
            self.confirm = Some(Confirm {
                question: format!(
                    "Archive {name}? They leave the lists but stay in exports; {} brings them back.",
                    self.cx.config.keymap.hint(Action::Undo)
                ),
                action: ConfirmAction::Archive(id),
            });
        }
    }

    pub(super) fn ask_resolve(&mut self) -> Result<()> {
        if !self.writable() {
            return Ok(());
        }
        let Some(c) = self.selected_customer()? else { return Ok(()) };
        let complaints: Vec<Feedback> = self.cx.store.open_complaints(c.id)?;
        match complaints.first() {
            None => self.info(format!("{} has no open complaint.", inert(c.name.trim()))),
            Some(f) => {
                let comment: String = inert(f.comment.trim()).chars().take(60).collect();
                self.confirm = Some(Confirm {
                    question: format!("Mark the complaint of {} as resolved? \"{comment}\"", f.date),
                    action: ConfirmAction::Resolve(f.id),
                });
            }
        }
        Ok(())
    }

    pub(super) fn ask_accept_all(&mut self) {
        let list = self.screens.review.list();
        let moves: Vec<ShownMove> = list.iter().filter(|s| !s.pinned).map(ShownMove::from).collect();
        let count = moves.len();
        let pinned = list.len() - count;
        if count == 0 {
            self.info("No suggestion to accept (pinned customers are skipped).");
        } else if self.writable() {
            let skipped = if pinned > 0 { format!(" ({pinned} pinned skipped)") } else { String::new() };
            self.confirm = Some(Confirm {
                question: if count == 1 {
                    format!("Accept the one suggestion{skipped}?")
                } else {
                    format!("Accept all {count} suggestions{skipped}?")
                },
                action: ConfirmAction::AcceptAll(moves),
            });
        }
    }

    /// Decides on the selected suggestion as it is shown. When it changed since, nothing
    /// is decided and the list is read again, so the new one is on screen.
    pub(super) fn decide(&mut self, decision: Decision) -> Result<()> {
        let Some(shown) = self.screens.review.selected_suggestion().map(ShownMove::from) else {
            self.info("No suggestion is selected.");
            return Ok(());
        };
        if !self.writable() {
            return Ok(());
        }
        match self.cx.store.apply(&Write::Decide { shown, decision }) {
            Ok(change) => self.after_change(change, true),
            Err(e @ (StoreError::Conflict(_) | StoreError::NotFound(_))) => {
                let reread = self.screens.review.reload(&self.cx);
                self.report(reread);
                return Err(e);
            }
            Err(e) => return Err(e),
        }
        Ok(())
    }
}
