//! The application state and everything that changes it. Terminal events become
//! [`Action`]s through the keymap, [`App::update`] applies them (writing through the
//! store when needed), and the `ui` module draws the result. No terminal here, so every
//! behaviour can be driven from tests.

pub mod dashboard;
pub mod detail;
pub mod form;
pub mod forms;
pub mod input;
pub mod keymap;
pub mod roster;

use std::cell::{Cell, OnceCell};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::config::Config;
use crate::domain::{DecidedBy, Feedback};
use crate::store::queries::{ListRow, PendingSuggestion};
use crate::store::{Change, Decision, Result, Store, StoreError};
use dashboard::DashboardData;
use detail::Detail;
use form::FormEvent;
use forms::OpenForm;
use input::TextInput;
pub use keymap::{Action, KeyChord, Keymap, Scope};
use roster::{Group, Roster};

/// How many changes `u` can take back.
pub const UNDO_LEVELS: usize = 100;

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

    fn scope(self) -> Scope {
        match self {
            Tab::Dashboard => Scope::Dashboard,
            Tab::Customers => Scope::Customers,
            Tab::Review => Scope::Review,
        }
    }
}

/// The panes of the Customers tab, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Groups,
    Table,
    Detail,
}

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

/// What a yes to the confirmation box does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmAction {
    Archive(i64),
    Resolve(i64),
    AcceptAll,
    DiscardForm,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub action: ConfirmAction,
}

/// Screen areas from the last draw, so a mouse click can find what it hit.
#[derive(Debug, Default)]
pub struct HitAreas {
    pub tabs: Cell<[Rect; 3]>,
    pub groups: Cell<Rect>,
    pub table: Cell<Rect>,
    pub detail: Cell<Rect>,
    pub list: Cell<Rect>,
}

pub struct App {
    store: Store,
    pub config: Config,
    pub tab: Tab,
    pub pane: Pane,
    roster: Roster,
    group: usize,
    view: Vec<u32>,
    selected: usize,
    selected_id: Option<i64>,
    /// First visible table row and the table's height in rows, kept by the drawing code.
    pub table_offset: Cell<usize>,
    pub table_height: Cell<usize>,
    pub searching: bool,
    pub search: TextInput,
    detail: Option<Detail>,
    pub detail_scroll: usize,
    /// Lines the detail pane had at the last draw, and the rows it showed, to stop
    /// scrolling when the last line is at the bottom.
    pub detail_lines: Cell<usize>,
    pub detail_height: Cell<usize>,
    /// The Review tab's list, read when first shown and again after changes while shown.
    review: OnceCell<Vec<PendingSuggestion>>,
    review_selected: usize,
    pub review_offset: Cell<usize>,
    dashboard: DashboardData,
    attention_selected: usize,
    pub attention_offset: Cell<usize>,
    pub form: Option<OpenForm>,
    pub confirm: Option<Confirm>,
    pub help: Option<usize>,
    pub notice: Option<Notice>,
    undo: Vec<Change>,
    quit: bool,
    last_rev: i64,
    data_version: i64,
    pub hits: HitAreas,
    /// Set by the last draw: the window is below the smallest size, so nothing on screen
    /// shows what a key would do, and keys other than quitting are ignored.
    pub too_small: Cell<bool>,
}

impl App {
    pub fn new(store: Store, config: Config) -> Result<App> {
        // The markers are read before the rows: a write by another process landing in
        // between is then loaded again by the next tick rather than missed for good.
        let data_version = store.data_version()?;
        let last_rev = store.rev()?;
        let roster = Roster::new(store.list_rows()?);
        let dashboard = DashboardData::compute(roster.rows(), store.today());
        let mut app = App {
            store,
            config,
            tab: Tab::Dashboard,
            pane: Pane::Table,
            roster,
            group: 0,
            view: Vec::new(),
            selected: 0,
            selected_id: None,
            table_offset: Cell::new(0),
            table_height: Cell::new(10),
            searching: false,
            search: TextInput::default(),
            detail: None,
            detail_scroll: 0,
            detail_lines: Cell::new(0),
            detail_height: Cell::new(1),
            review: OnceCell::new(),
            review_selected: 0,
            review_offset: Cell::new(0),
            dashboard,
            attention_selected: 0,
            attention_offset: Cell::new(0),
            form: None,
            confirm: None,
            help: None,
            notice: None,
            undo: Vec::new(),
            quit: false,
            last_rev,
            data_version,
            hits: HitAreas::default(),
            too_small: Cell::new(false),
        };
        app.rebuild_view();
        if app.store.is_read_only() {
            app.notice = Some(Notice {
                text: "This database is read-only: you can look, but changes are refused.".into(),
                kind: NoticeKind::Error,
            });
        }
        Ok(app)
    }

    // ----- what the drawing code reads -----

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn roster(&self) -> &Roster {
        &self.roster
    }

    pub fn group(&self) -> Group {
        Group::all()[self.group]
    }

    pub fn group_index(&self) -> usize {
        self.group
    }

    /// Rows of the customer table, in order.
    pub fn view(&self) -> &[u32] {
        &self.view
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn selected_row(&self) -> Option<&ListRow> {
        self.view.get(self.selected).and_then(|p| self.roster.get(*p))
    }

    pub fn detail(&self) -> Option<&Detail> {
        self.detail.as_ref()
    }

    /// The suggestions waiting in the Review tab, read from the store the first time they
    /// are needed after a change.
    pub fn review(&self) -> &[PendingSuggestion] {
        // An error here leaves the list empty; showing the tab reads it again and says why.
        self.review.get_or_init(|| self.store.pending_suggestions().unwrap_or_default())
    }

    /// How many suggestions wait, without reading them: the roster knows.
    pub fn review_count(&self) -> usize {
        match self.review.get() {
            Some(list) => list.len(),
            None => self
                .dashboard
                .attention
                .iter()
                .find(|l| l.kind == dashboard::Attention::Suggestion)
                .map_or(0, |l| l.total),
        }
    }

    pub fn review_selected(&self) -> usize {
        self.review_selected
    }

    pub fn dashboard(&self) -> &DashboardData {
        &self.dashboard
    }

    pub fn attention_selected(&self) -> usize {
        self.attention_selected
    }

    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    // ----- events -----

    /// Applies one terminal event; false when it cannot change the screen (the mouse
    /// moving, focus changes), so the caller need not draw.
    pub fn handle_event(&mut self, event: &Event) -> bool {
        if self.too_small.get() {
            // Nothing on screen shows what a key would do: only the quit key works.
            if let Event::Key(key) = event
                && self.can_quit_blind()
                && key.kind != KeyEventKind::Release
                && self.config.keymap.action_for(KeyChord::from_event(key), Scope::Global) == Some(Action::Quit)
            {
                self.quit = true;
            }
            return matches!(event, Event::Resize(..));
        }
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(*key),
            Event::Paste(text) => self.paste(text),
            Event::Mouse(mouse) if mouse.kind == MouseEventKind::Moved => return false,
            Event::Mouse(mouse) => self.handle_mouse(*mouse),
            Event::Resize(..) => {}
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
            return;
        }
        if self.confirm.is_some() {
            self.answer_confirm(key);
            return;
        }
        if self.form.is_some() {
            self.form_key(key);
            return;
        }
        if self.searching {
            self.search_key(key);
            return;
        }
        let chord = KeyChord::from_event(&key);
        if let Some(action) = self.config.keymap.action_for(chord, self.tab.scope()) {
            self.update(action);
        }
    }

    fn paste(&mut self, text: &str) {
        if let Some(open) = &mut self.form {
            open.form.paste(text);
        } else if self.searching {
            self.search.insert_str(text);
            self.apply_search();
        }
    }

    fn handle_mouse(&mut self, mouse: MouseEvent) {
        if self.form.is_some() || self.confirm.is_some() || self.help.is_some() {
            return;
        }
        let at = Position::new(mouse.column, mouse.row);
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                if let Some(i) = self.hits.tabs.get().iter().position(|r| r.contains(at)) {
                    self.switch_tab(Tab::ALL[i]);
                    return;
                }
                let row_in = |area: Rect, header: u16| -> Option<usize> {
                    let first = area.y + 1 + header;
                    (area.contains(at) && at.y >= first && at.y < area.bottom().saturating_sub(1))
                        .then(|| usize::from(at.y - first))
                };
                match self.tab {
                    Tab::Customers => {
                        if let Some(i) = row_in(self.hits.groups.get(), 0) {
                            self.pane = Pane::Groups;
                            self.set_group(i.min(roster::GROUPS - 1));
                        } else if let Some(i) = row_in(self.hits.table.get(), 1) {
                            self.pane = Pane::Table;
                            self.select(self.table_offset.get() + i);
                        } else if self.hits.detail.get().contains(at) {
                            self.pane = Pane::Detail;
                        }
                    }
                    Tab::Review => {
                        if let Some(i) = row_in(self.hits.list.get(), 1) {
                            self.review_selected =
                                (self.review_offset.get() + i).min(self.review().len().saturating_sub(1));
                        }
                    }
                    Tab::Dashboard => {
                        if let Some(i) = row_in(self.hits.list.get(), 0) {
                            self.select_attention_row(self.attention_offset.get() + i);
                        }
                    }
                }
            }
            MouseEventKind::ScrollDown => self.update(Action::Down),
            MouseEventKind::ScrollUp => self.update(Action::Up),
            _ => {}
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        let result = self.apply(action);
        if let Err(e) = result {
            self.error(e.to_string());
        }
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
                    let panes = [Pane::Groups, Pane::Table, Pane::Detail];
                    let i = panes.iter().position(|p| *p == self.pane).unwrap_or(1);
                    let step = if action == Action::NextPane { 1 } else { 2 };
                    self.pane = panes[(i + step) % 3];
                }
            }
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.page() as isize),
            Action::PageUp => self.move_by(-(self.page() as isize)),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Open => self.open()?,
            Action::Cancel => self.cancel(),
            Action::Undo => self.undo()?,
            Action::NewCustomer => {
                if self.writable() {
                    self.form = Some(forms::new_customer(&self.config.default_owner));
                }
            }
            Action::Search => {
                self.searching = true;
                self.pane = Pane::Table;
                self.ensure_search_texts()?;
            }
            Action::Sort => {
                let next = self.roster.sort().next();
                self.roster.set_sort(next);
                self.rebuild_view();
                self.info(format!("Sorted by {}", next.label()));
            }
            Action::Edit
            | Action::LogInteraction
            | Action::LogFeedback
            | Action::AddContract
            | Action::SetType
            | Action::FollowUp => self.open_customer_form(action)?,
            Action::Resolve => self.ask_resolve()?,
            Action::Archive => {
                let target = self.selected_row().map(|r| (r.id, crate::text::inert(r.name.trim()).into_owned()));
                if let Some((id, name)) = target
                    && self.writable()
                {
                    self.confirm = Some(Confirm {
                        question: format!(
                            "Archive {name}? They leave the lists but stay in exports; {} brings them back.",
                            self.config.keymap.hint(Action::Undo)
                        ),
                        action: ConfirmAction::Archive(id),
                    });
                }
            }
            Action::Accept => self.decide(Decision::Accept)?,
            Action::Reject => self.decide(Decision::Reject)?,
            Action::Pin => self.decide(Decision::Pin)?,
            Action::AcceptAll => {
                let count = self.review().iter().filter(|s| !s.pinned).count();
                if count == 0 {
                    self.info("No suggestion to accept (pinned customers are skipped).");
                } else if self.writable() {
                    let pinned = self.review().len() - count;
                    let skipped = if pinned > 0 { format!(" ({pinned} pinned skipped)") } else { String::new() };
                    self.confirm = Some(Confirm {
                        question: if count == 1 {
                            format!("Accept the one suggestion{skipped}?")
                        } else {
                            format!("Accept all {count} suggestions{skipped}?")
                        },
                        action: ConfirmAction::AcceptAll,
                    });
                }
            }
        }
        Ok(())
    }

    fn writable(&mut self) -> bool {
        if self.store.is_read_only() {
            self.error(StoreError::ReadOnly(self.store.path().to_path_buf()).to_string());
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

    fn page(&self) -> usize {
        self.table_height.get().max(1)
    }

    fn switch_tab(&mut self, tab: Tab) {
        self.tab = tab;
        if tab == Tab::Review
            && let Err(e) = self.reload_review()
        {
            self.error(e.to_string());
        }
    }

    // ----- moving around -----

    fn move_by(&mut self, delta: isize) {
        let step = |current: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            (current as isize).saturating_add(delta).clamp(0, len as isize - 1) as usize
        };
        match self.tab {
            Tab::Customers => match self.pane {
                Pane::Groups => {
                    let g = step(self.group, roster::GROUPS);
                    self.set_group(g);
                }
                Pane::Table => {
                    let s = step(self.selected, self.view.len());
                    self.select(s);
                }
                Pane::Detail => self.scroll_detail(delta),
            },
            Tab::Review => self.review_selected = step(self.review_selected, self.review().len()),
            Tab::Dashboard => self.attention_selected = step(self.attention_selected, self.dashboard.attention_len()),
        }
    }

    fn scroll_detail(&mut self, delta: isize) {
        let max = self.detail_lines.get().saturating_sub(self.detail_height.get().max(1));
        self.detail_scroll = (self.detail_scroll as isize).saturating_add(delta).clamp(0, max as isize) as usize;
        // Near the end of what is loaded, read the next page of the timeline.
        if self.detail_scroll + 2 * self.page() >= max
            && let Some(detail) = &mut self.detail
            && let Err(e) = detail.load_more(&self.store)
        {
            self.notice = Some(Notice { text: e.to_string(), kind: NoticeKind::Error });
        }
    }

    fn set_group(&mut self, index: usize) {
        if index != self.group {
            self.group = index;
            self.rebuild_view();
        }
    }

    /// Selects a row of the table and loads its detail.
    fn select(&mut self, index: usize) {
        self.selected = index.min(self.view.len().saturating_sub(1));
        let id = self.selected_row().map(|r| r.id);
        if id != self.selected_id {
            self.selected_id = id;
            self.detail_scroll = 0;
            self.load_detail();
        }
    }

    fn load_detail(&mut self) {
        self.detail = match self.selected_id.map(|id| Detail::load(&self.store, id)) {
            Some(Ok(detail)) => detail,
            Some(Err(e)) => {
                self.error(e.to_string());
                None
            }
            None => None,
        };
    }

    /// Recomputes the table's rows, keeping the selection on the same customer.
    fn rebuild_view(&mut self) {
        self.view = self.roster.view(self.group());
        let keep = self.selected_id;
        let index = keep
            .and_then(|id| self.view.iter().position(|p| self.roster.get(*p).is_some_and(|r| r.id == id)))
            .unwrap_or_else(|| self.selected.min(self.view.len().saturating_sub(1)));
        self.selected = index;
        let id = self.selected_row().map(|r| r.id);
        if id != self.selected_id || self.detail.is_none() {
            self.selected_id = id;
            self.detail_scroll = 0;
            self.load_detail();
        }
    }

    fn select_attention_row(&mut self, index: usize) {
        self.attention_selected = index.min(self.dashboard.attention_len().saturating_sub(1));
    }

    fn open(&mut self) -> Result<()> {
        match self.tab {
            Tab::Dashboard => {
                let target = self.dashboard.attention_items().nth(self.attention_selected).map(|(_, i)| i.customer_id);
                if let Some(id) = target {
                    self.jump_to(id);
                }
            }
            Tab::Customers => {
                self.pane = match self.pane {
                    Pane::Groups => Pane::Table,
                    _ => Pane::Detail,
                }
            }
            Tab::Review => {
                if let Some(s) = self.review().get(self.review_selected) {
                    let id = s.customer_id;
                    self.jump_to(id);
                }
            }
        }
        Ok(())
    }

    /// Shows a customer in the Customers tab: All, no search, selected.
    pub fn jump_to(&mut self, customer_id: i64) {
        self.tab = Tab::Customers;
        self.pane = Pane::Table;
        self.search.clear();
        self.roster.set_query("");
        self.group = 0;
        self.selected_id = Some(customer_id);
        self.detail = None;
        self.rebuild_view();
    }

    fn cancel(&mut self) {
        if !self.roster.query().is_empty() {
            self.search.clear();
            self.apply_search();
        } else if self.notice.is_some() {
            self.notice = None;
        } else if self.pane == Pane::Detail {
            self.pane = Pane::Table;
        }
    }

    // ----- search -----

    fn search_key(&mut self, key: KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => {
                self.searching = false;
                self.search.clear();
                self.apply_search();
            }
            KeyCode::Char('c') if ctrl => {
                self.searching = false;
                self.search.clear();
                self.apply_search();
            }
            KeyCode::Enter => self.searching = false,
            KeyCode::Down => self.move_by(1),
            KeyCode::Up => self.move_by(-1),
            KeyCode::PageDown => self.move_by(self.page() as isize),
            KeyCode::PageUp => self.move_by(-(self.page() as isize)),
            KeyCode::Backspace => {
                self.search.backspace();
                self.apply_search();
            }
            KeyCode::Char('u') if ctrl => {
                self.search.clear();
                self.apply_search();
            }
            KeyCode::Char('w') if ctrl => {
                self.search.delete_word();
                self.apply_search();
            }
            KeyCode::Left => self.search.left(),
            KeyCode::Right => self.search.right(),
            KeyCode::Char(c) if !ctrl => {
                self.search.insert_char(c);
                self.apply_search();
            }
            _ => {}
        }
    }

    /// Reads what search looks through, once, when a search first needs it.
    fn ensure_search_texts(&mut self) -> Result<()> {
        if self.roster.needs_search_texts() {
            let texts = self.store.search_texts(roster::haystack)?;
            self.roster.set_search_texts(texts);
        }
        Ok(())
    }

    /// Fresh rows for the roster, with their search text once search has read it.
    fn with_search_texts(&self, rows: Vec<ListRow>) -> Result<Vec<(ListRow, Option<nucleo_matcher::Utf32String>)>> {
        let wanted = !self.roster.needs_search_texts();
        rows.into_iter()
            .map(|row| {
                let text = if wanted { self.store.search_text(row.id, roster::haystack)? } else { None };
                Ok((row, text))
            })
            .collect()
    }

    /// Filters by the search text; while typing, the best match is selected.
    fn apply_search(&mut self) {
        let query = self.search.text().to_string();
        if !query.trim().is_empty()
            && let Err(e) = self.ensure_search_texts()
        {
            self.error(e.to_string());
        }
        self.roster.set_query(&query);
        self.rebuild_view();
        if !query.trim().is_empty() {
            self.select(0);
        }
    }

    // ----- forms and confirmations -----

    fn selected_customer(&mut self) -> Result<Option<crate::domain::Customer>> {
        match self.selected_id {
            Some(id) => self.store.customer(id),
            None => {
                self.info("No customer is selected.");
                Ok(None)
            }
        }
    }

    fn open_customer_form(&mut self, action: Action) -> Result<()> {
        if !self.writable() {
            return Ok(());
        }
        let Some(c) = self.selected_customer()? else { return Ok(()) };
        let today = self.store.today();
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

    fn form_key(&mut self, key: KeyEvent) {
        let Some(open) = &mut self.form else { return };
        match open.form.handle_key(&key) {
            FormEvent::Handled => {}
            FormEvent::Cancel => {
                if open.form.dirty {
                    self.confirm = Some(Confirm {
                        question: "Discard what you typed?".into(),
                        action: ConfirmAction::DiscardForm,
                    });
                } else {
                    self.form = None;
                }
            }
            FormEvent::Submit => {
                if let Some(change) = forms::submit(open, &mut self.store) {
                    self.form = None;
                    self.after_change(change, true);
                }
            }
        }
    }

    fn answer_confirm(&mut self, key: KeyEvent) {
        let yes = matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter);
        let no = matches!(key.code, KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc);
        if !yes && !no {
            return;
        }
        let Some(confirm) = self.confirm.take() else { return };
        if no {
            return;
        }
        let result = match confirm.action {
            ConfirmAction::DiscardForm => {
                self.form = None;
                Ok(None)
            }
            ConfirmAction::Archive(id) => self.store.archive(id).map(Some),
            ConfirmAction::Resolve(feedback_id) => self.store.resolve_feedback(feedback_id).map(Some),
            ConfirmAction::AcceptAll => self.store.accept_all(DecidedBy::User).map(Some),
        };
        match result {
            Ok(Some(change)) => self.after_change(change, true),
            Ok(None) => {}
            Err(e) => self.error(e.to_string()),
        }
    }

    fn ask_resolve(&mut self) -> Result<()> {
        if !self.writable() {
            return Ok(());
        }
        let Some(c) = self.selected_customer()? else { return Ok(()) };
        let complaints: Vec<Feedback> = self.store.open_complaints(c.id)?;
        match complaints.first() {
            None => self.info(format!("{} has no open complaint.", crate::text::inert(c.name.trim()))),
            Some(f) => {
                let comment: String = crate::text::inert(f.comment.trim()).chars().take(60).collect();
                self.confirm = Some(Confirm {
                    question: format!("Mark the complaint of {} as resolved? \"{comment}\"", f.date),
                    action: ConfirmAction::Resolve(f.id),
                });
            }
        }
        Ok(())
    }

    fn decide(&mut self, decision: Decision) -> Result<()> {
        let Some(customer_id) = self.review().get(self.review_selected).map(|s| s.customer_id) else {
            self.info("No suggestion is selected.");
            return Ok(());
        };
        if !self.writable() {
            return Ok(());
        }
        let change = self.store.decide(customer_id, decision)?;
        self.after_change(change, true);
        Ok(())
    }

    // ----- changes -----

    fn undo(&mut self) -> Result<()> {
        let Some(change) = self.undo.pop() else {
            self.info("Nothing to undo in this session.");
            return Ok(());
        };
        match self.store.undo(&change) {
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

    /// Brings every view up to date after a write and says what happened.
    fn after_change(&mut self, change: Change, undoable: bool) {
        let mut rows = Vec::new();
        for id in &change.customer_ids {
            match self.store.list_row(*id) {
                Ok(Some(row)) => rows.push(row),
                Ok(None) => self.roster.remove(*id),
                Err(e) => self.error(e.to_string()),
            }
        }
        match self.with_search_texts(rows) {
            Ok(rows) => self.roster.update(rows),
            Err(e) => self.error(e.to_string()),
        }
        // `last_rev` and `data_version` stay as the last tick left them: other processes
        // may have written since, and only the next tick loads what they changed. (Our
        // own commits do not move `data_version`; the rows just written are loaded again
        // at worst.)
        if let Some(id) = change.added_customer()
            && self.roster.by_id(id).is_some()
        {
            self.selected_id = Some(id);
        }
        self.refresh_views();
        let mut text = crate::text::inert(&change.description).into_owned();
        for s in &change.new_suggestions {
            let name = self.roster.by_id(s.customer_id).map(|r| r.name.trim().to_string()).unwrap_or_default();
            text.push_str(&format!(
                ". {} now looks {} (was {}): press {} to review",
                crate::text::inert(&name),
                s.to.label(),
                s.from.label(),
                self.config.keymap.hint(Action::Review)
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
        self.dashboard = DashboardData::compute(self.roster.rows(), self.store.today());
        self.select_attention_row(self.attention_selected);
        self.detail = None;
        self.rebuild_view();
        // Only the Review tab shows the list; elsewhere it is read when next needed.
        if self.tab != Tab::Review {
            self.review = OnceCell::new();
            self.review_selected = self.review_selected.min(self.review_count().saturating_sub(1));
        } else if let Err(e) = self.reload_review() {
            self.error(e.to_string());
        }
    }

    fn reload_review(&mut self) -> Result<()> {
        let list = self.store.pending_suggestions()?;
        self.review_selected = self.review_selected.min(list.len().saturating_sub(1));
        self.review = OnceCell::from(list);
        Ok(())
    }

    /// Whether work is under way that [`App::continue_work`] should go on with as soon as
    /// no key is waiting: a search over many customers is scored a step at a time.
    pub fn busy(&self) -> bool {
        self.roster.searching()
    }

    /// Does the next step of the work under way; returns whether the screen changed.
    pub fn continue_work(&mut self) -> bool {
        if !self.roster.searching() {
            return false;
        }
        if self.roster.continue_search() {
            // Still on the best match unless the selection was moved while it ran.
            let on_best = self.selected == 0;
            self.rebuild_view();
            if on_best {
                self.select(0);
            }
        }
        true
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
        let version = match self.store.data_version() {
            Ok(v) => v,
            Err(e) => {
                self.error(e.to_string());
                return true;
            }
        };
        if version == self.data_version {
            return false;
        }
        self.data_version = version;
        let result = (|| -> Result<()> {
            // The revision first: a write committing while the changes are read is then
            // read again next time instead of being skipped.
            let rev = self.store.rev()?;
            let changed = self.store.list_changes(self.last_rev)?;
            self.last_rev = rev;
            let changed = self.with_search_texts(changed)?;
            self.roster.update(changed);
            if self.store.active_customer_count()? != self.roster.len() {
                self.roster.replace_all(self.store.list_rows()?);
                if !self.roster.query().trim().is_empty() {
                    self.ensure_search_texts()?;
                }
            }
            Ok(())
        })();
        match result {
            Ok(()) => self.refresh_views(),
            Err(e) => self.error(e.to_string()),
        }
        true
    }
}
