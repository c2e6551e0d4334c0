//! Turning one row into a record, checked field by field with the domain's own parsers
//! and validators. Every problem of the row is reported, each with its column.
//!
//! Text is kept exactly as the file has it (only emails are trimmed), so that an export
//! imported again is the same to the byte. Dates and amounts are read as other systems
//! write them too (see [`super::dates`] and [`parse_amount`]).

use super::columns::TableKind;
use super::dates::{Conventions, DateEvidence};
use super::field_reader::{Fields, fields, finish};
use super::raw::{Issue, RawRow};
use crate::domain::fields::{CustomerField, FieldKind, FieldValue, Place, fields_in};
use crate::domain::validate;
use crate::domain::{
    Contract, ContractKind, Customer, DecidedBy, Feedback, FeedbackKind, HistoryEntry, Interaction, InteractionKind,
    RelationshipType, Stage,
};

pub use super::field_reader::MAX_ID;

/// A customer as the file gives it; `referred_by` is still a reference to resolve.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerDraft {
    pub file_id: Option<i64>,
    /// `id` 0 and no `referred_by` yet: both are settled when the import is loaded.
    pub customer: Customer,
    /// Whether the file said which relationship type; if not, the engine decides.
    pub relationship_given: bool,
    pub referred_by: Option<String>,
    /// The columns the row gives a value for (bit = position among the customer columns):
    /// an update changes only those.
    given: u32,
}

impl CustomerDraft {
    /// Marks `column` as given by the row (for a value the import adds, such as a referrer
    /// kept in the notes).
    pub fn give(&mut self, column: &str) {
        if let Some(p) = TableKind::Customers.position(column) {
            self.given |= 1 << p;
        }
    }

    /// Whether the row gives a value for `column`.
    pub fn gives(&self, column: &str) -> bool {
        TableKind::Customers.position(column).is_some_and(|p| self.given & (1 << p) != 0)
    }
}

// `CustomerDraft::given` has a bit for each customer column.
const _: () = assert!(crate::domain::fields::EXPORT_COUNT <= u32::BITS as usize, "more customer columns than bits");

/// A record that belongs to a customer named by a reference still to resolve.
#[derive(Debug, Clone, PartialEq)]
pub struct Owned<T> {
    pub file_id: Option<i64>,
    pub customer: String,
    /// `id` and `customer_id` are 0 until the import is loaded.
    pub record: T,
}

/// A record of one of the tables that belong to a customer.
#[derive(Debug, Clone, PartialEq)]
pub enum OwnedDraft {
    Interaction(Owned<Interaction>),
    Feedback(Owned<Feedback>),
    Contract(Owned<Contract>),
    History(Owned<HistoryEntry>),
}

impl OwnedDraft {
    pub fn file_id(&self) -> Option<i64> {
        match self {
            OwnedDraft::Interaction(o) => o.file_id,
            OwnedDraft::Feedback(o) => o.file_id,
            OwnedDraft::Contract(o) => o.file_id,
            OwnedDraft::History(o) => o.file_id,
        }
    }

    /// The reference to the customer the record belongs to.
    pub fn customer(&self) -> &str {
        match self {
            OwnedDraft::Interaction(o) => &o.customer,
            OwnedDraft::Feedback(o) => &o.customer,
            OwnedDraft::Contract(o) => &o.customer,
            OwnedDraft::History(o) => &o.customer,
        }
    }
}

/// Parses and validates a row of customers; the dates it holds are noted in `evidence`.
pub fn customer_draft(
    row: &RawRow,
    conv: Conventions,
    evidence: &mut DateEvidence,
) -> Result<CustomerDraft, Vec<Issue>> {
    let mut f = fields(row, conv, evidence);
    let draft = customer(&mut f);
    finish(f, draft)
}

/// Parses and validates a row of interactions, feedback, contracts or history.
pub fn owned_draft(row: &RawRow, conv: Conventions, evidence: &mut DateEvidence) -> Result<OwnedDraft, Vec<Issue>> {
    let mut f = fields(row, conv, evidence);
    let draft = match row.kind {
        TableKind::Interactions => OwnedDraft::Interaction(interaction(&mut f)),
        TableKind::Feedback => OwnedDraft::Feedback(feedback(&mut f)),
        TableKind::Contracts => OwnedDraft::Contract(contract(&mut f)),
        TableKind::History => OwnedDraft::History(history(&mut f)),
        TableKind::Customers => {
            return Err(vec![Issue { column: None, reason: "a customer row is not a record of a customer".into() }]);
        }
    };
    finish(f, draft)
}

/// The fields that may not lie after today (`created` defaults to it).
const NOT_AFTER_TODAY: &[&str] = &["created", "prior_last_order", "prior_since"];

fn customer(f: &mut Fields<'_, '_>) -> CustomerDraft {
    let mut c = Customer::new("", f.today);
    let (mut file_id, mut relationship, mut referred_by) = (None, None, None);
    for field in fields_in(Place::Import) {
        let key = field.key;
        let value = match key {
            "id" => {
                file_id = f.id();
                continue;
            }
            // A reference to settle once every customer of the import is known.
            "referred_by" => {
                referred_by = f.optional(key).map(String::from);
                continue;
            }
            "relationship" => {
                relationship = f.key(key, RelationshipType::parse);
                relationship.map(FieldValue::Relationship)
            }
            "source_ref" => {
                let source = f.optional(key).map(String::from);
                if source.as_deref().is_some_and(|s| s.contains('\0')) {
                    f.fail(key, "contains a NUL character, which rapport does not keep");
                }
                Some(FieldValue::OptText(source))
            }
            _ if NOT_AFTER_TODAY.contains(&key) => match (field.kind, f.past_date(key)) {
                (FieldKind::Date, date) => date.map(FieldValue::Date),
                (_, date) => Some(FieldValue::OptDate(date)),
            },
            _ => value_of(f, field),
        };
        // No value (empty, or not readable and reported) leaves the new customer's default.
        if let Some(value) = value {
            (field.set)(&mut c, value);
        }
    }
    let relationship_given = relationship.is_some() || f.has_issue("relationship");
    if c.pinned && !relationship_given {
        f.fail("pinned", "a pinned customer needs a relationship type");
    }
    f.validated(validate::customer(&c));
    let given = TableKind::Customers
        .columns()
        .iter()
        .enumerate()
        .filter(|(_, column)| !f.row.get(column).trim().is_empty())
        .fold(0u32, |mask, (p, _)| mask | (1 << p));
    CustomerDraft { file_id, customer: c, relationship_given, referred_by, given }
}

/// A field's cell read by its kind, with the problems of the reader noted.
fn value_of(f: &mut Fields<'_, '_>, field: &CustomerField) -> Option<FieldValue> {
    let key = field.key;
    Some(match field.kind {
        FieldKind::Text => FieldValue::Text(f.text(key)),
        FieldKind::OptText => FieldValue::OptText(f.optional(key).map(String::from)),
        // Separated by `;` as the domain reads them; nothing in the split can fail.
        FieldKind::Tags => return field.parse(&f.text(key)).ok(),
        FieldKind::Bool => FieldValue::Bool(f.flag(key)),
        FieldKind::Count => FieldValue::Count(f.count(key)),
        FieldKind::Cents => FieldValue::Cents(f.money(key)?),
        FieldKind::Date => FieldValue::Date(f.opt_date(key)?),
        FieldKind::OptDate => FieldValue::OptDate(f.opt_date(key)),
        FieldKind::Int => FieldValue::Int(f.whole(key)?),
        FieldKind::OptInt => FieldValue::OptInt(f.whole(key)),
        FieldKind::Relationship => FieldValue::Relationship(f.key(key, RelationshipType::parse)?),
        FieldKind::Stage => FieldValue::Stage(f.key(key, Stage::parse)?),
    })
}

fn interaction(f: &mut Fields<'_, '_>) -> Owned<Interaction> {
    let file_id = f.id();
    let customer = f.reference("customer");
    let i = Interaction {
        id: 0,
        customer_id: 0,
        date: f.date("date"),
        kind: f.required_key("kind", InteractionKind::parse, InteractionKind::Note),
        summary: f.text("summary"),
        amount: f.money("amount"),
        sentiment: f.score("sentiment", "sentiment", (-2, 2, "−2..2"), 0).map(|s| s as i8),
    };
    f.validated(validate::interaction(&i, f.today));
    Owned { file_id, customer, record: i }
}

fn feedback(f: &mut Fields<'_, '_>) -> Owned<Feedback> {
    let file_id = f.id();
    let customer = f.reference("customer");
    let fb = Feedback {
        id: 0,
        customer_id: 0,
        date: f.date("date"),
        nps: f.score("nps", "NPS", (0, 10, "0–10"), 0).map(|n| n as u8),
        csat: f.score("csat", "CSAT", (1, 5, "1–5"), 1).map(|n| n as u8),
        kind: f.key("kind", FeedbackKind::parse).unwrap_or(FeedbackKind::General),
        comment: f.text("comment"),
        resolved: f.flag("resolved"),
    };
    f.validated(validate::feedback(&fb, f.today));
    Owned { file_id, customer, record: fb }
}

fn contract(f: &mut Fields<'_, '_>) -> Owned<Contract> {
    let file_id = f.id();
    let customer = f.reference("customer");
    let k = Contract {
        id: 0,
        customer_id: 0,
        kind: f.required_key("kind", ContractKind::parse, ContractKind::Other),
        start: f.date("start"),
        end: f.opt_date("end"),
        value: f.money("value"),
        note: f.text("note"),
    };
    f.validated(validate::contract(&k));
    Owned { file_id, customer, record: k }
}

fn history(f: &mut Fields<'_, '_>) -> Owned<HistoryEntry> {
    let file_id = f.id();
    let customer = f.reference("customer");
    let h = HistoryEntry {
        id: 0,
        customer_id: 0,
        date: f.date("date"),
        from: f.key("from", RelationshipType::parse),
        to: f.required_key("to", RelationshipType::parse, RelationshipType::Transactional),
        by: f.required_key("by", DecidedBy::parse, DecidedBy::User),
        reason: f.text("reason"),
        who: f.text("who"),
    };
    Owned { file_id, customer, record: h }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Date;
    use crate::domain::dates::parse_date;

    fn today() -> Date {
        parse_date("2026-06-15").unwrap()
    }

    fn conv() -> Conventions {
        Conventions { today: today(), date_order: None }
    }

    fn customer_draft(row: &RawRow, _today: Date) -> Result<CustomerDraft, Vec<Issue>> {
        super::customer_draft(row, conv(), &mut DateEvidence::default())
    }

    fn owned_draft(row: &RawRow, _today: Date) -> Result<OwnedDraft, Vec<Issue>> {
        super::owned_draft(row, conv(), &mut DateEvidence::default())
    }

    fn issues(result: Result<impl std::fmt::Debug, Vec<Issue>>) -> Vec<(Option<&'static str>, String)> {
        result.err().unwrap_or_default().into_iter().map(|i| (i.column, i.reason)).collect()
    }

    #[test]
    fn an_exported_customer_reads_back_exactly() {
        let row = RawRow::from_pairs(
            TableKind::Customers,
            "c.csv",
            2,
            &[
                ("id", "7"),
                ("name", "  Zoë \"Z\" Ünal "),
                ("email", " zoe@example.com "),
                ("relationship", "loyal"),
                ("pinned", "true"),
                ("stage", "repeat"),
                ("tags", "vip;wholesale; ;VIP"),
                ("referred_by", "3"),
                ("next_follow_up", "2026-07-01"),
                ("notes", "line one\r\nline two\t"),
                ("created", "2025-01-02"),
                ("archived", "false"),
            ],
        );
        let d = customer_draft(&row, today()).unwrap();
        assert_eq!(d.file_id, Some(7));
        assert_eq!(d.customer.name, "  Zoë \"Z\" Ünal ");
        assert_eq!(d.customer.email.as_deref(), Some("zoe@example.com"));
        assert_eq!(d.customer.relationship, RelationshipType::Loyal);
        assert!(d.relationship_given && d.customer.pinned);
        assert_eq!(d.customer.tags, vec!["vip", "wholesale"]);
        assert_eq!(d.referred_by.as_deref(), Some("3"));
        assert_eq!(d.customer.notes, "line one\r\nline two\t");
        assert_eq!(d.customer.created, parse_date("2025-01-02").unwrap());
    }

    #[test]
    fn a_customer_without_relationship_is_left_to_the_engine_unless_pinned() {
        let row = RawRow::from_pairs(TableKind::Customers, "c.csv", 2, &[("name", "Ada")]);
        let d = customer_draft(&row, today()).unwrap();
        assert!(!d.relationship_given);
        assert_eq!(d.customer.created, today());
        let pinned = RawRow::from_pairs(TableKind::Customers, "c.csv", 2, &[("name", "Ada"), ("pinned", "yes")]);
        assert_eq!(
            issues(customer_draft(&pinned, today())),
            vec![(Some("pinned"), "a pinned customer needs a relationship type".to_string())]
        );
    }

    #[test]
    fn every_bad_value_of_a_row_is_reported_once() {
        let row = RawRow::from_pairs(
            TableKind::Interactions,
            "i.csv",
            4,
            &[
                ("id", "x"),
                ("customer", ""),
                ("date", "2026-13-01"),
                ("kind", "lunch"),
                ("amount", "12.345"),
                ("sentiment", "5"),
            ],
        );
        assert_eq!(
            issues(owned_draft(&row, today())),
            vec![
                (Some("id"), "'x' is not a whole number above 0".to_string()),
                (Some("customer"), "required, but empty".to_string()),
                (Some("date"), "date '2026-13-01' does not exist in the calendar".to_string()),
                (
                    Some("kind"),
                    "unknown interaction kind 'lunch' (expected one of: purchase, call, email, meeting, support, \
                     referral, co_creation, community, note)"
                        .to_string()
                ),
                (Some("amount"), "amount '12.345' has more than two decimals".to_string()),
                (Some("sentiment"), "sentiment 5 is outside −2..2".to_string()),
            ]
        );
    }

    #[test]
    fn feedback_scores_and_the_at_least_one_rule() {
        let row = |pairs: &[(&str, &str)]| RawRow::from_pairs(TableKind::Feedback, "f.csv", 2, pairs);
        let base = [("customer", "1"), ("date", "2026-06-01")];
        assert_eq!(
            issues(owned_draft(&row(&base), today())),
            vec![(Some("comment"), "give at least an NPS score, a CSAT score or a comment".to_string())]
        );
        let bad = [base[0], base[1], ("nps", "11"), ("csat", "x")];
        assert_eq!(
            issues(owned_draft(&row(&bad), today())),
            vec![
                (Some("nps"), "NPS 11 is outside 0–10".to_string()),
                (Some("csat"), "CSAT 'x' is not a whole number".to_string()),
            ]
        );
        let future = [("customer", "1"), ("date", "2026-06-16"), ("nps", "9")];
        assert_eq!(
            issues(owned_draft(&row(&future), today())),
            vec![(Some("date"), "date 2026-06-16 is in the future (today is 2026-06-15)".to_string())]
        );
    }

    #[test]
    fn history_and_contract_rows() {
        let h = RawRow::from_pairs(
            TableKind::History,
            "h.csv",
            2,
            &[("customer", "1"), ("date", "2026-01-01"), ("to", "loyal"), ("by", "robot")],
        );
        assert_eq!(
            issues(owned_draft(&h, today())),
            vec![(Some("by"), "unknown decision maker 'robot' (expected one of: engine, user)".to_string())]
        );
        let k = RawRow::from_pairs(
            TableKind::Contracts,
            "k.csv",
            2,
            &[("customer", "1"), ("kind", "supply"), ("start", "2026-02-01"), ("end", "2026-01-01"), ("value", "-3")],
        );
        assert_eq!(
            issues(owned_draft(&k, today())),
            vec![
                (Some("end"), "end 2026-01-01 is before start 2026-02-01".to_string()),
                (Some("value"), "amount '-3' is negative; amounts are 0 or more".to_string()),
            ]
        );
    }
}
