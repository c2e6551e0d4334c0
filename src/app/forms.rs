//! The forms of the Customers tab: what each asks for, and turning a filled form into the
//! [`Write`] it asks for. Nothing is written until every field is valid.

use super::form::{Choice, Field, Form};
use crate::domain::dates::parse_date;
use crate::domain::fields::{Place, customer_field, fields_in};
use crate::domain::money::parse_cents;
use crate::domain::validate::parse_score;
use crate::domain::{
    Contract, ContractKind, Customer, CustomerField, Date, Feedback, FeedbackKind, FieldValue, Interaction,
    InteractionKind, RelationshipType,
};
use crate::store::{Store, StoreError, Write};

/// Which form is open, and for which customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    NewCustomer,
    EditCustomer(i64),
    Interaction(i64),
    Feedback(i64),
    Contract(i64),
    SetType(i64),
    FollowUp(i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenForm {
    pub kind: FormKind,
    pub form: Form,
    /// The customer as the edit form opened on it (or as it was last found changed): the
    /// save writes only the fields that differ from it, and says when one changed since.
    pub seen: Option<Customer>,
}

fn vocabulary<T: Copy>(all: &[T], key: fn(T) -> &'static str, label: fn(T) -> &'static str) -> Vec<Choice> {
    all.iter().map(|v| Choice::new(key(*v), label(*v))).collect()
}

fn date_text(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// The customer form's fields, in the order of the domain's table: empty for a new
/// customer (but the configured owner), else `c`'s values as people read them. The type
/// is a choice only when adding; an existing customer's type has its own form (it pins).
fn customer_fields(c: Option<&Customer>, default_owner: &str) -> Vec<Field> {
    let fields = fields_in(Place::Form).filter_map(|f| {
        let field = match (f.key, c) {
            ("relationship", Some(_)) => return None,
            ("relationship", None) => {
                let mut types = vec![Choice::new("", "let rapport decide")];
                types.extend(vocabulary(RelationshipType::ALL, RelationshipType::key, RelationshipType::label));
                Field::choice(f.key, f.label, types, 0)
            }
            ("owner", None) => Field::text(f.key, f.label, default_owner),
            (_, None) => Field::text(f.key, f.label, ""),
            (_, Some(c)) => Field::text(f.key, f.label, f.display(c)),
        };
        Some(field.with_hint(f.hint))
    });
    fields.collect()
}

pub fn new_customer(default_owner: &str) -> OpenForm {
    OpenForm {
        kind: FormKind::NewCustomer,
        form: Form::new("New customer", customer_fields(None, default_owner)),
        seen: None,
    }
}

pub fn edit_customer(c: &Customer) -> OpenForm {
    OpenForm {
        kind: FormKind::EditCustomer(c.id),
        form: Form::new(format!("Edit {}", crate::text::inert(c.name.trim())), customer_fields(Some(c), "")),
        seen: Some(c.clone()),
    }
}

pub fn interaction(c: &Customer, today: Date) -> OpenForm {
    let sentiments = vec![
        Choice::new("", "not recorded"),
        Choice::new("-2", "−2 very negative"),
        Choice::new("-1", "−1 negative"),
        Choice::new("0", "0 neutral"),
        Choice::new("1", "+1 positive"),
        Choice::new("2", "+2 very positive"),
    ];
    OpenForm {
        kind: FormKind::Interaction(c.id),
        form: Form::new(
            format!("Log an interaction with {}", crate::text::inert(c.name.trim())),
            vec![
                Field::choice(
                    "kind",
                    "Kind",
                    vocabulary(InteractionKind::ALL, InteractionKind::key, InteractionKind::label),
                    1,
                ),
                Field::suggested("date", "Date", today.to_string()).with_hint("YYYY-MM-DD"),
                Field::text("summary", "Summary", ""),
                Field::text("amount", "Amount", "").with_hint("for purchases, e.g. 120.50"),
                Field::choice("sentiment", "Sentiment", sentiments, 0),
            ],
        ),
        seen: None,
    }
}

pub fn feedback(c: &Customer, today: Date) -> OpenForm {
    OpenForm {
        kind: FormKind::Feedback(c.id),
        form: Form::new(
            format!("Feedback from {}", crate::text::inert(c.name.trim())),
            vec![
                Field::choice("kind", "Kind", vocabulary(FeedbackKind::ALL, FeedbackKind::key, FeedbackKind::label), 3),
                Field::suggested("date", "Date", today.to_string()).with_hint("YYYY-MM-DD"),
                Field::text("nps", "NPS", "").with_hint("0-10, optional"),
                Field::text("csat", "CSAT", "").with_hint("1-5, optional"),
                Field::text("comment", "Comment", ""),
            ],
        ),
        seen: None,
    }
}

pub fn contract(c: &Customer, today: Date) -> OpenForm {
    OpenForm {
        kind: FormKind::Contract(c.id),
        form: Form::new(
            format!("Contract with {}", crate::text::inert(c.name.trim())),
            vec![
                Field::choice("kind", "Kind", vocabulary(ContractKind::ALL, ContractKind::key, ContractKind::label), 0),
                Field::suggested("start", "Start", today.to_string()).with_hint("YYYY-MM-DD"),
                Field::text("end", "End", "").with_hint("YYYY-MM-DD, empty if open-ended"),
                Field::text("value", "Value", "").with_hint("e.g. 12000.00"),
                Field::text("note", "Note", ""),
            ],
        ),
        seen: None,
    }
}

pub fn set_type(c: &Customer) -> OpenForm {
    let options = RelationshipType::ALL
        .iter()
        .map(|t| Choice::new(t.key(), format!("{:<14} {}", t.label(), t.description())))
        .collect();
    OpenForm {
        kind: FormKind::SetType(c.id),
        form: Form::new(
            format!("Set the type of {} (pins it)", crate::text::inert(c.name.trim())),
            vec![Field::choice("relationship", "Type", options, c.relationship.index())],
        ),
        seen: None,
    }
}

pub fn follow_up(c: &Customer) -> OpenForm {
    OpenForm {
        kind: FormKind::FollowUp(c.id),
        form: Form::new(
            format!("Next follow-up with {}", crate::text::inert(c.name.trim())),
            vec![
                Field::text("next_follow_up", "Date", date_text(c.next_follow_up))
                    .with_hint("YYYY-MM-DD, empty to clear"),
            ],
        ),
        seen: None,
    }
}

/// Reads one field with `parse`, noting its error in the form.
fn parsed<T>(form: &mut Form, key: &'static str, parse: impl FnOnce(&str) -> Result<T, String>) -> Option<T> {
    let text = form.value(key).to_string();
    match parse(&text) {
        Ok(v) => Some(v),
        Err(e) => {
            form.set_error(key, e);
            None
        }
    }
}

fn optional<T>(parse: impl Fn(&str) -> Result<T, String>) -> impl Fn(&str) -> Result<Option<T>, String> {
    move |text: &str| if text.is_empty() { Ok(None) } else { parse(text).map(Some) }
}

fn customer_reference(store: &Store, text: &str) -> Result<Option<i64>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    store.find_customer(text).map(|c| Some(c.id)).map_err(|e| e.to_string())
}

/// The values of the customer form's fields, read as the domain's table says; a value
/// that does not read is noted on the form instead. "let rapport decide" gives no type.
fn customer_values(form: &mut Form, store: &Store) -> Vec<(&'static CustomerField, FieldValue)> {
    let mut values = Vec::new();
    for field in fields_in(Place::Form) {
        if form.field(field.key).is_none() {
            continue;
        }
        // Notes keep their spacing; everything else is trimmed.
        let text = if field.key == "notes" { form.raw(field.key) } else { form.value(field.key) }.to_string();
        let value = match field.key {
            "referred_by" => customer_reference(store, &text).map(FieldValue::OptInt),
            "relationship" => match field.read(&text) {
                Ok(value) => Ok(value),
                Err(_) => continue,
            },
            _ => field.read(&text),
        };
        match value {
            Ok(value) => values.push((field, value)),
            Err(e) => form.set_error(field.key, e),
        }
    }
    values
}

/// Shows why a write was refused: each field's problem beside it, anything else as the
/// form's message.
pub fn show_refusal(open: &mut OpenForm, error: StoreError) {
    match error {
        StoreError::Invalid(errors) => {
            for e in errors {
                open.form.set_error(e.field, e.message);
            }
            open.form.focus_first_error();
        }
        StoreError::EditConflict(conflicts) => {
            for c in conflicts {
                let theirs = crate::text::capped(&c.theirs, 60);
                let by = c.changed_by.as_deref().unwrap_or("elsewhere");
                let message = format!(
                    "changed {by} to '{theirs}': Ctrl-T swaps theirs and yours, Enter saves what the field shows"
                );
                open.form.set_error(c.key, message);
                open.form.offer(c.key, c.theirs);
                // Saving again weighs yours against what is stored now.
                if let (Some(seen), Some(field)) = (&mut open.seen, customer_field(c.key)) {
                    (field.set)(seen, c.stored);
                }
            }
            open.form.message = Some("Someone changed this customer since the form opened; nothing was saved.".into());
            open.form.focus_first_error();
        }
        other => open.form.message = Some(other.to_string()),
    }
}

/// The write a filled form asks for: `None` when a field did not parse (the errors are
/// set on the form), an error when what the form was opened on cannot be read.
pub fn write_of(open: &mut OpenForm, store: &Store) -> Option<Result<Write, StoreError>> {
    open.form.clear_errors();
    let today = store.today();
    let form = &mut open.form;
    match open.kind {
        FormKind::NewCustomer | FormKind::EditCustomer(_) => {
            let values = customer_values(form, store);
            let mut c = open.seen.clone().unwrap_or_else(|| Customer::new("", today));
            for (field, value) in values {
                (field.set)(&mut c, value);
                // A type chosen when adding is a person's decision: the engine leaves it.
                c.pinned |= field.key == "relationship";
            }
            if form.has_errors() {
                // Name and email are explained too, not only after the other fields are fixed.
                if let Err(errors) = crate::domain::validate::customer(&c) {
                    for e in errors {
                        form.set_error(e.field, e.message);
                    }
                }
                return None;
            }
            match &open.seen {
                Some(seen) => Some(Ok(Write::edit_customer(seen, &c))),
                None => Some(Ok(Write::AddCustomer(c))),
            }
        }
        FormKind::Interaction(customer_id) => {
            let date = parsed(form, "date", parse_date);
            let amount = parsed(form, "amount", optional(parse_cents));
            let sentiment =
                parsed(form, "sentiment", optional(|t| parse_score(t, "sentiment", -2, 2).map(|s| s as i8)));
            let kind = InteractionKind::parse(form.value("kind")).ok();
            let (Some(date), Some(amount), Some(sentiment), Some(kind)) = (date, amount, sentiment, kind) else {
                return None;
            };
            let summary = form.value("summary").to_string();
            Some(Ok(Write::LogInteraction(Interaction { id: 0, customer_id, date, kind, summary, amount, sentiment })))
        }
        FormKind::Feedback(customer_id) => {
            let date = parsed(form, "date", parse_date);
            let nps = parsed(form, "nps", optional(|t| parse_score(t, "NPS", 0, 10).map(|v| v as u8)));
            let csat = parsed(form, "csat", optional(|t| parse_score(t, "CSAT", 1, 5).map(|v| v as u8)));
            let kind = FeedbackKind::parse(form.value("kind")).ok();
            let (Some(date), Some(nps), Some(csat), Some(kind)) = (date, nps, csat, kind) else { return None };
            let comment = form.value("comment").to_string();
            Some(Ok(Write::AddFeedback(Feedback {
                id: 0,
                customer_id,
                date,
                nps,
                csat,
                kind,
                comment,
                resolved: false,
            })))
        }
        FormKind::Contract(customer_id) => {
            let start = parsed(form, "start", parse_date);
            let end = parsed(form, "end", optional(parse_date));
            let value = parsed(form, "value", optional(parse_cents));
            let kind = ContractKind::parse(form.value("kind")).ok();
            let (Some(start), Some(end), Some(value), Some(kind)) = (start, end, value, kind) else { return None };
            let note = form.value("note").to_string();
            Some(Ok(Write::AddContract(Contract { id: 0, customer_id, kind, start, end, value, note })))
        }
        FormKind::SetType(customer_id) => {
            let to = RelationshipType::parse(form.value("relationship")).ok()?;
            Some(Ok(Write::SetType { customer_id, to }))
        }
        FormKind::FollowUp(customer_id) => {
            let date = parsed(form, "next_follow_up", optional(parse_date))?;
            Some(Ok(Write::SetFollowUp { customer_id, date }))
        }
    }
}
