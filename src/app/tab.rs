//! The tabs along the top, listed once: each tab's screen type, title, the action whose
//! key shows it and the scope of its own keys. `Tab`, `Tab::ALL` and the app's `Screens`
//! (one screen per tab, reached by tab) are made from this list; a new tab is one line.

use super::customers::CustomersScreen;
use super::dashboard::DashboardScreen;
use super::review::ReviewScreen;
use super::screen::Screen;
use super::{Action, Context, Scope};

macro_rules! tabs {
    ($($tab:ident: $field:ident: $screen:ty = ($title:literal, $action:ident, $scope:ident)),+ $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Tab { $($tab),+ }

        impl Tab {
            pub const COUNT: usize = [$(stringify!($tab)),+].len();
            pub const ALL: [Tab; Tab::COUNT] = [$(Tab::$tab),+];

            pub fn title(self) -> &'static str {
                match self { $(Tab::$tab => $title),+ }
            }

            /// The action whose key shows this tab.
            pub fn action(self) -> Action {
                match self { $(Tab::$tab => Action::$action),+ }
            }

            /// Where the tab's own keys apply.
            pub fn scope(self) -> Scope {
                match self { $(Tab::$tab => Scope::$scope),+ }
            }
        }

        /// One screen per tab.
        pub struct Screens { $(pub $field: $screen),+ }

        impl Screens {
            pub fn build(cx: &Context) -> Screens {
                Screens { $($field: <$screen as Screen>::build(cx)),+ }
            }

            pub fn get(&self, tab: Tab) -> &dyn Screen {
                match tab { $(Tab::$tab => &self.$field),+ }
            }

            pub fn get_mut(&mut self, tab: Tab) -> &mut dyn Screen {
                match tab { $(Tab::$tab => &mut self.$field),+ }
            }
        }
    };
}

tabs! {
    Dashboard: dashboard: DashboardScreen = ("Dashboard", Dashboard, Dashboard),
    Customers: customers: CustomersScreen = ("Customers", Customers, Customers),
    Review: review: ReviewScreen = ("Review", Review, Review),
}

/// The panes of the Customers tab, in Tab order; the table has the keys at first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    Groups,
    #[default]
    Table,
    Detail,
}
