//! What the drawing code and the tests read of the app: the shared context, the screens,
//! and shortcuts to what the screens show.

use super::customers::CustomersScreen;
use super::dashboard::{DashboardData, DashboardScreen};
use super::layout::Frame;
use super::review::ReviewScreen;
use super::roster::{Group, Roster};
use super::{App, Pane, Tab};
use crate::config::Config;
use crate::domain::model::Detail;
use crate::domain::model::{ListRow, PendingSuggestion};
use crate::store::Store;
use crate::theme::Theme;

impl App {
    pub fn store(&self) -> &Store {
        &self.cx.store
    }

    pub fn config(&self) -> &Config {
        &self.cx.config
    }

    pub fn theme(&self) -> &Theme {
        &self.cx.theme
    }

    pub fn frame(&self) -> &Frame {
        &self.cx.frame
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn customers(&self) -> &CustomersScreen {
        &self.customers
    }

    pub fn dashboard_screen(&self) -> &DashboardScreen {
        &self.dashboard
    }

    pub fn review_screen(&self) -> &ReviewScreen {
        &self.review
    }

    pub fn roster(&self) -> &Roster {
        &self.cx.roster
    }

    pub fn pane(&self) -> Pane {
        self.customers.pane()
    }

    pub fn searching(&self) -> bool {
        self.customers.searching()
    }

    pub fn group(&self) -> Group {
        self.customers.group()
    }

    pub fn group_index(&self) -> usize {
        self.customers.group_index()
    }

    pub fn view(&self) -> &[u32] {
        self.customers.view()
    }

    pub fn selected(&self) -> usize {
        self.customers.selected()
    }

    pub fn selected_row(&self) -> Option<&ListRow> {
        self.customers.selected_row(&self.cx.roster)
    }

    pub fn detail(&self) -> Option<&Detail> {
        self.customers.detail()
    }

    /// The suggestions waiting in the Review tab, as it last read them: none before the
    /// tab is shown or after a change while it is hidden (`review_count` still counts).
    pub fn review(&self) -> &[PendingSuggestion] {
        self.review.list()
    }

    /// How many suggestions wait, without reading them when they are not read: the
    /// roster knows.
    pub fn review_count(&self) -> usize {
        self.review.count(self.dashboard.suggestions_waiting())
    }

    pub fn review_selected(&self) -> usize {
        self.review.selected()
    }

    pub fn dashboard(&self) -> &DashboardData {
        self.dashboard.data()
    }

    pub fn attention_selected(&self) -> usize {
        self.dashboard.selected()
    }

    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// The labels of the tabs, as the top line shows them.
    pub fn tab_labels(&self) -> [String; 3] {
        Tab::ALL.map(|tab| {
            let key = self.cx.config.keymap.hint(tab.action());
            if tab == Tab::Review && self.review_count() > 0 {
                format!(" {key} {} ({}) ", tab.title(), self.review_count())
            } else {
                format!(" {key} {} ", tab.title())
            }
        })
    }
}
