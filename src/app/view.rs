//! What the drawing code and the tests read of the app: the shared context, the screens,
//! and shortcuts to what the screens show.

use super::customers::CustomersScreen;
use super::dashboard::{DashboardData, DashboardScreen};
use super::layout::Frame;
use super::review::ReviewScreen;
use super::roster::{Group, Roster};
use super::{App, Pane, Screen, Tab};
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
        &self.screens.customers
    }

    pub fn dashboard_screen(&self) -> &DashboardScreen {
        &self.screens.dashboard
    }

    pub fn review_screen(&self) -> &ReviewScreen {
        &self.screens.review
    }

    pub fn roster(&self) -> &Roster {
        &self.cx.roster
    }

    pub fn pane(&self) -> Pane {
        self.screens.customers.pane()
    }

    pub fn searching(&self) -> bool {
        self.screens.customers.searching()
    }

    pub fn group(&self) -> Group {
        self.screens.customers.group()
    }

    pub fn group_index(&self) -> usize {
        self.screens.customers.group_index()
    }

    pub fn view(&self) -> &[u32] {
        self.screens.customers.view()
    }

    pub fn selected(&self) -> usize {
        self.screens.customers.selected()
    }

    pub fn selected_row(&self) -> Option<&ListRow> {
        self.screens.customers.selected_row(&self.cx.roster)
    }

    pub fn detail(&self) -> Option<&Detail> {
        self.screens.customers.detail()
    }

    /// The suggestions waiting in the Review tab, as it last read them: none before the
    /// tab is shown or after a change while it is hidden (`review_count` still counts).
    pub fn review(&self) -> &[PendingSuggestion] {
        self.screens.review.list()
    }

    /// How many suggestions wait, without reading them when they are not read: the
    /// roster knows.
    pub fn review_count(&self) -> usize {
        self.screens.review.count()
    }

    pub fn review_selected(&self) -> usize {
        self.screens.review.selected()
    }

    pub fn dashboard(&self) -> &DashboardData {
        self.screens.dashboard.data()
    }

    pub fn attention_selected(&self) -> usize {
        self.screens.dashboard.selected()
    }

    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// The screen of `tab`, as the drawing code reaches it.
    pub fn screen(&self, tab: Tab) -> &dyn Screen {
        self.screens.get(tab)
    }

    /// The labels of the tabs, as the top line shows them: the key, the title, and the
    /// screen's count when it has one above zero.
    pub fn tab_labels(&self) -> [String; Tab::COUNT] {
        Tab::ALL.map(|tab| {
            let key = self.cx.config.keymap.hint(tab.action());
            match self.screen(tab).badge().filter(|n| *n > 0) {
                Some(n) => format!(" {key} {} ({n}) ", tab.title()),
                None => format!(" {key} {} ", tab.title()),
            }
        })
    }
}
