//! The application state and everything that changes it. Terminal events become
//! [`Action`]s through the keymap; [`App`] routes each to the open overlay (help, a
//! question, a form) or to the active screen, one type per tab; the `ui` module draws the
//! result. No terminal here, so every behaviour can be driven from tests.

pub mod confirm;
pub mod customers;
pub mod dashboard;
mod editing;
pub mod form;
pub mod forms;
pub mod input;
pub mod layout;
mod mouse;
mod refresh;
pub mod refresher;
pub mod review;
pub mod roster;
pub mod screen;
mod tab;
mod view;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, MouseEventKind};
use ratatui::layout::Rect;

use crate::config::Config;
pub use crate::keys::{Action, KeyChord, Keymap, Scope};
use crate::store::{Change, Result, Store, StoreError, Watch};
use crate::theme::Theme;
pub use confirm::{Confirm, ConfirmAction};
use forms::OpenForm;
use layout::Frame;
use roster::Roster;
pub use screen::{Draw, Screen};
use tab::Screens;
pub use tab::{Pane, Tab};

/// How many changes `u` can take back.
pub const UNDO_LEVELS: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

/// A one-line message in the footer after something happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub kind: NoticeKind,
}

/// What every screen reads while it handles a key: the store, the settings, the colours,
/// the frame for the terminal's size, and the roster: every listed customer's row, which
/// the tabs share (the Customers tab's sort and search live in it too).
pub struct Context {
    pub store: Store,
    pub config: Config,
    pub theme: Theme,
    pub frame: Frame,
    pub roster: Roster,
}

/// `current` moved by `delta` within `0..len`.
fn step(current: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (current as isize).saturating_add(delta).clamp(0, len as isize - 1) as usize
}

pub struct App {
    cx: Context,
    pub tab: Tab,
    screens: Screens,
    pub form: Option<OpenForm>,
    pub confirm: Option<Confirm>,
    pub help: Option<usize>,
    pub notice: Option<Notice>,
    undo: Vec<Change>,
    quit: bool,
    /// Where the screens stand in the database's writes, to notice other processes'.
    watch: Watch,
    /// The summaries being brought up to today in the background, when they are not.
    refresher: Option<refresher::Refresher>,
}

impl App {
    pub fn new(store: Store, config: Config) -> Result<App> {
        let watch = store.watch()?;
        let roster = Roster::new(store.list_rows()?);
        let theme = Theme::new(config.theme, config.no_color);
        let frame = Frame::new(Rect::new(0, 0, layout::MIN_WIDTH, layout::MIN_HEIGHT));
        let cx = Context { store, config, theme, frame, roster };
        let mut app = App {
            screens: Screens::build(&cx),
            cx,
            tab: Tab::Dashboard,
            form: None,
            confirm: None,
            help: None,
            notice: None,
            undo: Vec::new(),
            quit: false,
            watch,
            refresher: None,
        };
        let built = app.screens.customers.rebuild_view(&app.cx);
        app.report(built);
        if app.cx.store.is_read_only() {
            app.error("This database is read-only: you can look, but changes are refused.");
        } else if !app.cx.store.summaries_current()? {
            app.refresher = Some(refresher::Refresher::start(&app.cx.store));
        }
        Ok(app)
    }

    // ----- events -----

    /// The terminal is `size` now: everything on screen is laid out for it.
    pub fn resize(&mut self, size: Rect) {
        if size == self.cx.frame.size {
            return;
        }
        self.cx.frame = Frame::new(size);
        for tab in Tab::ALL {
            self.screens.get_mut(tab).relayout(&self.cx);
        }
    }

    /// Applies one terminal event; false when it cannot change the screen (the mouse
    /// moving, focus changes), so the caller need not draw.
    pub fn handle_event(&mut self, event: &Event) -> bool {
        if let Event::Resize(width, height) = event {
            self.resize(Rect::new(0, 0, *width, *height));
            return true;
        }
        if self.cx.frame.too_small() {
            // Nothing on screen shows what a key would do: only the quit key works.
            if let Event::Key(key) = event
                && self.can_quit_blind()
                && key.kind != KeyEventKind::Release
                && self.cx.config.keymap.action_for(KeyChord::from_event(key), Scope::Global) == Some(Action::Quit)
            {
                self.quit = true;
            }
            return false;
        }
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(*key),
            Event::Paste(text) => self.paste(text),
            Event::Mouse(mouse) if mouse.kind == MouseEventKind::Moved => return false,
            Event::Mouse(mouse) => self.handle_mouse(*mouse),
            _ => return false,
        }
        true
    }

    /// Whether quitting loses nothing unseen: no form, question or help is open.
    pub fn can_quit_blind(&self) -> bool {
        self.form.is_none() && self.confirm.is_none() && self.help.is_none()
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if let Some(scroll) = self.help {
            self.help = match key.code {
                KeyCode::Char('j') | KeyCode::Down => Some(scroll + 1),
                KeyCode::Char('k') | KeyCode::Up => Some(scroll.saturating_sub(1)),
                KeyCode::PageDown => Some(scroll + 10),
                KeyCode::PageUp => Some(scroll.saturating_sub(10)),
                _ => None,
            };
        } else if self.confirm.is_some() {
            self.answer_confirm(key);
        } else if self.form.is_some() {
            self.form_key(key);
        } else if self.screens.customers.searching() {
            let done = self.screens.customers.search_key(key, &mut self.cx);
            self.report(done);
        } else if let Some(action) = self.cx.config.keymap.action_for(KeyChord::from_event(&key), self.tab.scope()) {
            self.update(action);
        }
    }

    fn paste(&mut self, text: &str) {
        if let Some(open) = &mut self.form {
            open.form.paste(text);
        } else if self.screens.customers.searching() {
            let done = self.screens.customers.paste(text, &mut self.cx);
            self.report(done);
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        let result = self.apply(action);
        self.report(result);
    }

    fn apply(&mut self, action: Action) -> Result<()> {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.help = Some(0),
            Action::Dashboard => self.switch_tab(Tab::Dashboard),
            Action::Customers => self.switch_tab(Tab::Customers),
            Action::Review => self.switch_tab(Tab::Review),
            Action::NextPane | Action::PrevPane => {
                if self.tab == Tab::Customers {
                    self.screens.customers.next_pane(action == Action::NextPane);
                }
            }
            Action::Down => self.move_by(1)?,
            Action::Up => self.move_by(-1)?,
            Action::PageDown => self.move_by(self.screens.customers.page(&self.cx) as isize)?,
            Action::PageUp => self.move_by(-(self.screens.customers.page(&self.cx) as isize))?,
            Action::Top => self.move_by(isize::MIN / 2)?,
            Action::Bottom => self.move_by(isize::MAX / 2)?,
            Action::Open => self.open()?,
            Action::Cancel => self.cancel()?,
            Action::Undo => self.undo()?,
            Action::NewCustomer => {
                if self.writable() {
                    self.form = Some(forms::new_customer(&self.cx.config.default_owner));
                }
            }
            Action::Search => self.screens.customers.start_search(&mut self.cx)?,
            Action::Sort => {
                let label = self.screens.customers.sort_next(&mut self.cx)?;
                self.info(format!("Sorted by {label}"));
            }
            Action::Edit
            | Action::LogInteraction
            | Action::LogFeedback
            | Action::AddContract
            | Action::SetType
            | Action::FollowUp => self.open_customer_form(action)?,
            Action::Resolve => self.ask_resolve()?,
            Action::Archive => self.ask_archive(),
            Action::Accept => self.decide(crate::store::Decision::Accept)?,
            Action::Reject => self.decide(crate::store::Decision::Reject)?,
            Action::Pin => self.decide(crate::store::Decision::Pin)?,
            Action::AcceptAll => self.ask_accept_all(),
        }
        Ok(())
    }

    /// Shows an error in the footer, if there was one.
    fn report<T>(&mut self, result: Result<T>) {
        if let Err(e) = result {
            self.error(e.to_string());
        }
    }

    fn writable(&mut self) -> bool {
        if self.cx.store.is_read_only() {
            self.error(StoreError::ReadOnly(self.cx.store.path().to_path_buf()).to_string());
            return false;
        }
        true
    }

    fn info(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice { text: text.into(), kind: NoticeKind::Info });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice { text: text.into(), kind: NoticeKind::Error });
    }

    fn switch_tab(&mut self, tab: Tab) {
        self.tab = tab;
        let shown = self.screens.get_mut(tab).show(&self.cx);
        self.report(shown);
    }

    fn move_by(&mut self, delta: isize) -> Result<()> {
        self.screens.get_mut(self.tab).move_by(delta, &self.cx)
    }

    fn open(&mut self) -> Result<()> {
        match self.screens.get_mut(self.tab).open() {
            Some(id) => self.jump_to(id),
            None => Ok(()),
        }
    }

    /// Shows a customer in the Customers tab: All, no search, selected.
    pub fn jump_to(&mut self, customer_id: i64) -> Result<()> {
        self.tab = Tab::Customers;
        self.screens.customers.jump_to(customer_id, &mut self.cx)
    }

    /// Esc: clears the search, else the notice, else leaves the detail pane.
    fn cancel(&mut self) -> Result<()> {
        if !self.cx.roster.query().is_empty() {
            self.screens.customers.clear_search(&mut self.cx)?;
        } else if self.notice.is_some() {
            self.notice = None;
        } else {
            self.screens.customers.leave_detail();
        }
        Ok(())
    }
}
