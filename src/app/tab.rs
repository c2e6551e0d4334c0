//! The tabs along the top and the panes of the Customers tab.

use super::{Action, Scope};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Dashboard,
    Customers,
    Review,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Dashboard, Tab::Customers, Tab::Review];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Dashboard => "Dashboard",
            Tab::Customers => "Customers",
            Tab::Review => "Review",
        }
    }

    /// The action whose key shows this tab.
    pub fn action(self) -> Action {
        match self {
            Tab::Dashboard => Action::Dashboard,
            Tab::Customers => Action::Customers,
            Tab::Review => Action::Review,
        }
    }

    pub(super) fn scope(self) -> Scope {
        match self {
            Tab::Dashboard => Scope::Dashboard,
            Tab::Customers => Scope::Customers,
            Tab::Review => Scope::Review,
        }
    }
}

/// The panes of the Customers tab, in Tab order; the table has the keys at first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    Groups,
    #[default]
    Table,
    Detail,
}
