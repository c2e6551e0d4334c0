//! What every tab's screen answers. `App` routes showing, moving, Enter, clicks, new
//! sizes and refreshes to the active tab through [`Screen`] without knowing which tab it
//! is, and `ui` draws it through [`Draw`]; the tabs themselves are listed once, in
//! `tab.rs`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{App, Context};
use crate::store::Result;
use crate::theme::Theme;

pub trait Screen: Draw {
    /// The screen as the app starts, for the data in `cx`.
    fn build(cx: &Context) -> Self
    where
        Self: Sized;

    /// The tab was just shown: read what it shows that is not kept current while hidden.
    fn show(&mut self, _cx: &Context) -> Result<()> {
        Ok(())
    }

    /// The data changed, by a write of ours or of another process: bring what the screen
    /// shows up to date. `shown` says whether it is the active tab.
    fn refresh(&mut self, cx: &Context, shown: bool) -> Result<()>;

    /// The terminal has a new size (`cx.frame`): keep the selection on screen.
    fn relayout(&mut self, _cx: &Context) {}

    /// Moves the selection by `delta` rows (j/k, a page, the top or the bottom).
    fn move_by(&mut self, delta: isize, cx: &Context) -> Result<()>;

    /// Enter: the customer to show in the Customers tab, if any.
    fn open(&mut self) -> Option<i64>;

    /// A left click at column `x`, row `y` of the terminal, inside the tab's body.
    fn click(&mut self, x: u16, y: u16, cx: &Context) -> Result<()>;

    /// A number to show beside the tab's title, when there is one.
    fn badge(&self) -> Option<usize> {
        None
    }
}

/// Drawing a screen: implemented in `src/ui/`, beside the rest of the drawing code, and
/// changing nothing.
pub trait Draw {
    /// Draws the tab's body into `area`.
    fn render(&self, app: &App, area: Rect, buf: &mut Buffer, theme: &Theme);

    /// The footer's key hints while the tab is shown, after quit and help.
    fn hints(&self, app: &App) -> Vec<(String, &'static str)>;
}
