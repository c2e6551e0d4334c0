//! The database side of imports and sample data: the lookups an import is checked
//! against (and loaded with, inside its transaction), and the loader that writes many
//! records in one transaction.

use super::error::Result;
use crate::domain::{Contract, Customer, Date, Feedback, HistoryEntry, Interaction, RelationshipType, Rules};

/// What an import asks of the database: who is already there, and which records.
/// The store answers while checking; the loader, inside its transaction, while loading.
pub trait ImportLookups {
    fn customer_exists(&self, id: i64) -> Result<bool>;
    fn customer_by_id(&self, id: i64) -> Result<Option<Customer>>;
    /// The customer (id, name) using `email`, compared ignoring case.
    fn email_holder(&self, email: &str) -> Result<Option<(i64, String)>>;
    /// The customer another system knows by `source` (its source reference).
    fn source_holder(&self, source: &str) -> Result<Option<(i64, String)>>;
    /// (id, company) of the customers named exactly `name` (ignoring case), archived too.
    fn customers_named(&self, name: &str) -> Result<Vec<(i64, String)>>;
    /// Whether the customer already has this very interaction (date, kind, summary,
    /// amount and sentiment), as a second import of the same file would bring.
    fn has_interaction(&self, i: &Interaction) -> Result<bool>;
    fn has_feedback(&self, f: &Feedback) -> Result<bool>;
    fn has_contract(&self, c: &Contract) -> Result<bool>;
    fn has_history(&self, h: &HistoryEntry) -> Result<bool>;

    /// Ids of the customers named exactly `name` (ignoring case), archived ones too.
    fn customer_ids_named(&self, name: &str) -> Result<Vec<i64>> {
        Ok(self.customers_named(name)?.into_iter().map(|(id, _)| id).collect())
    }
}

/// Inserts records inside one open transaction. Records are written as given (the
/// caller validates them); the engine's own constraints still refuse impossible values.
/// A record with `id` 0 gets a fresh id; any other id is kept.
pub trait Loader: ImportLookups {
    /// How many customers the database holds, archived ones included.
    fn customer_count(&self) -> Result<i64>;
    /// Deletes every record, for a load that replaces the whole database.
    fn delete_everything(&mut self) -> Result<()>;
    fn insert_customer(&mut self, c: &Customer) -> Result<i64>;
    /// Sets who referred a customer, for files where the referrer comes later.
    fn set_referred_by(&mut self, customer_id: i64, referred_by: Option<i64>) -> Result<()>;
    fn set_relationship(&mut self, customer_id: i64, to: RelationshipType) -> Result<()>;
    fn insert_interaction(&mut self, i: &Interaction) -> Result<i64>;
    /// Inserts many interactions at once: for the largest loads.
    fn insert_interactions(&mut self, rows: &[Interaction]) -> Result<()>;
    fn insert_feedback(&mut self, f: &Feedback) -> Result<i64>;
    /// Inserts many feedback records at once.
    fn insert_feedback_rows(&mut self, rows: &[Feedback]) -> Result<()>;
    fn insert_contract(&mut self, c: &Contract) -> Result<i64>;
    fn insert_history(&mut self, h: &HistoryEntry) -> Result<i64>;
    /// Writes every field of a customer that an import changed (the stage is the
    /// engine's, refreshed at the end of the load).
    fn update_customer(&mut self, c: &Customer) -> Result<()>;
    /// Gives each customer in `ids` the type the engine reads from its records, as adding
    /// a customer without a chosen type does.
    fn let_engine_decide(&mut self, ids: &[i64], today: Date, rules: &Rules) -> Result<()>;
}
