//! The store's interface carried out by SQLite: each call goes to the file that does it.

use std::path::Path;
use std::time::Duration;

use super::Sqlite;
use crate::domain::model::{
    Detail, Evaluation, ListRow, PendingSuggestion, RosterRow, StoredSuggestion, TimelineEntry,
};
use crate::domain::{Contract, Customer, Feedback, HistoryEntry, Interaction, SuggestionStatus};
use crate::store::engine::{Engine, LoadBody, RefreshStep, Visit};
use crate::store::{ActivityEntry, ActivityFilter};
use crate::store::{BackupReport, Change, CheckReport, Context, Result, Write};

impl Engine for Sqlite {
    fn path(&self) -> &Path {
        &self.path
    }

    fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn context(&self) -> &Context {
        &self.ctx
    }

    fn catch_up(&mut self) -> Result<bool> {
        Sqlite::catch_up(self)
    }

    fn summaries_current(&self) -> Result<bool> {
        super::refresh::all_current(&self.conn, &self.ctx)
    }

    fn refresh_step(&mut self, budget: Duration) -> Result<RefreshStep> {
        Sqlite::refresh_step(self, budget)
    }

    fn setting(&self, key: &str) -> Result<Option<String>> {
        Sqlite::setting(self, key)
    }

    fn activity(&self, filter: &ActivityFilter) -> Result<Vec<ActivityEntry>> {
        Sqlite::activity(self, filter)
    }

    fn activity_entry(&self, id: i64) -> Result<Option<ActivityEntry>> {
        Sqlite::activity_entry(self, id)
    }

    fn revision(&self) -> Result<i64> {
        self.rev()
    }

    fn commits_elsewhere(&self) -> Result<i64> {
        self.data_version()
    }

    fn apply(&mut self, write: &Write) -> Result<Change> {
        match write {
            Write::AddCustomer(c) => self.add_customer(c),
            Write::EditCustomer { customer_id, edits } => self.edit_customer(*customer_id, edits),
            Write::LogInteraction(i) => self.log_interaction(i),
            Write::AddFeedback(f) => self.add_feedback(f),
            Write::AddContract(c) => self.add_contract(c),
            Write::ResolveFeedback { feedback_id } => self.resolve_feedback(*feedback_id),
            Write::SetType { customer_id, to } => self.set_type(*customer_id, *to),
            Write::Unpin { customer_id } => self.unpin(*customer_id),
            Write::SetFollowUp { customer_id, date } => self.set_follow_up(*customer_id, *date),
            Write::Archive { customer_id } => self.archive(*customer_id),
            Write::Decide { shown, decision } => self.decide(shown, *decision),
            Write::AcceptAll { by, moves } => self.accept_all(*by, moves),
            Write::Undo { activity } => self.undo(*activity),
            Write::SetSetting { key, value } => self.set_setting(key, value),
        }
    }

    fn load_in_bulk(&mut self, body: LoadBody<'_>) -> Result<()> {
        Sqlite::load_in_bulk(self, body)
    }

    fn customer(&self, id: i64) -> Result<Option<Customer>> {
        Sqlite::customer(self, id)
    }

    fn find_customer(&self, reference: &str) -> Result<Customer> {
        Sqlite::find_customer(self, reference)
    }

    fn customer_detail(&self, customer_id: i64, page: usize) -> Result<Option<Detail>> {
        Sqlite::customer_detail(self, customer_id, page)
    }

    fn more_timeline(&self, detail: &Detail, page: usize) -> Result<Vec<TimelineEntry>> {
        Sqlite::more_timeline(self, detail, page)
    }

    fn timeline(&self, customer_id: i64, limit: usize, offset: usize) -> Result<Vec<TimelineEntry>> {
        Sqlite::timeline(self, customer_id, limit, offset)
    }

    fn timeline_len(&self, customer_id: i64) -> Result<usize> {
        Sqlite::timeline_len(self, customer_id)
    }

    fn contracts(&self, customer_id: i64) -> Result<Vec<Contract>> {
        Sqlite::contracts(self, customer_id)
    }

    fn history(&self, customer_id: i64) -> Result<Vec<HistoryEntry>> {
        Sqlite::history(self, customer_id)
    }

    fn open_complaints(&self, customer_id: i64) -> Result<Vec<Feedback>> {
        Sqlite::open_complaints(self, customer_id)
    }

    fn referrals_of(&self, customer_id: i64) -> Result<Vec<(i64, String)>> {
        Sqlite::referrals_of(self, customer_id)
    }

    fn evaluate(&self, customer: &Customer) -> Result<Evaluation> {
        Sqlite::evaluate(self, customer)
    }

    fn suggestion(&self, customer_id: i64) -> Result<Option<StoredSuggestion>> {
        Sqlite::suggestion(self, customer_id)
    }

    fn suggestion_status(&self, customer_id: i64) -> Result<Option<SuggestionStatus>> {
        Sqlite::suggestion_status(self, customer_id)
    }

    fn list_rows(&self) -> Result<Vec<ListRow>> {
        Sqlite::list_rows(self)
    }

    fn list_changes(&self, since: i64) -> Result<Vec<ListRow>> {
        Sqlite::list_changes(self, since)
    }

    fn list_row(&self, id: i64) -> Result<Option<ListRow>> {
        Sqlite::list_row(self, id)
    }

    fn list_card(&self, id: i64) -> Result<Option<ListRow>> {
        Sqlite::list_card(self, id)
    }

    fn list_row_from_tables(&self, id: i64) -> Result<Option<ListRow>> {
        Sqlite::list_row_from_tables(self, id)
    }

    fn active_customer_count(&self) -> Result<usize> {
        Sqlite::active_customer_count(self)
    }

    fn customer_count(&self) -> Result<i64> {
        Sqlite::customer_count(self)
    }

    fn roster(&self) -> Result<Vec<RosterRow>> {
        Sqlite::roster(self)
    }

    fn roster_row(&self, id: i64) -> Result<Option<RosterRow>> {
        Sqlite::roster_row(self, id)
    }

    fn search_texts(&self) -> Result<Vec<(i64, String)>> {
        Sqlite::search_texts(self)
    }

    fn search_text(&self, id: i64) -> Result<Option<String>> {
        Sqlite::search_text(self, id)
    }

    fn pending_suggestions(&self) -> Result<Vec<PendingSuggestion>> {
        Sqlite::pending_suggestions(self)
    }

    fn evaluate_each(&self, each: &mut dyn FnMut(Evaluation) -> Result<()>) -> Result<()> {
        Sqlite::evaluate_all(self, each)
    }

    fn begin_read(&self) -> Result<()> {
        Sqlite::begin_read(self)
    }

    fn end_read(&self) -> Result<()> {
        Sqlite::end_read(self)
    }

    fn visit_customers(&self, each: Visit<'_, Customer>) -> Result<u64> {
        Sqlite::visit_customers(self, each)
    }

    fn visit_interactions(&self, each: Visit<'_, Interaction>) -> Result<u64> {
        Sqlite::visit_interactions(self, each)
    }

    fn visit_feedback(&self, each: Visit<'_, Feedback>) -> Result<u64> {
        Sqlite::visit_feedback(self, each)
    }

    fn visit_contracts(&self, each: Visit<'_, Contract>) -> Result<u64> {
        Sqlite::visit_contracts(self, each)
    }

    fn visit_history(&self, each: Visit<'_, HistoryEntry>) -> Result<u64> {
        Sqlite::visit_history(self, each)
    }

    fn check(&self) -> Result<CheckReport> {
        Sqlite::check(self)
    }

    fn backup_to(&self, target: &Path) -> Result<BackupReport> {
        Sqlite::backup_to(self, target)
    }
}
