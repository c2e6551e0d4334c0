//! A save as the fields a person changed, each with the value they saw when the form
//! opened. Two people can then edit one customer at once: a field only one of them
//! changed is written without touching the others, and a field both changed is a
//! conflict shown to the second, never overwritten silently.

use super::fields::{CustomerField, FieldValue};
use super::records::Customer;
use crate::text::capped;

/// One field a person changed: what they saw, and what they want it to be.
#[derive(Debug, Clone)]
pub struct FieldEdit {
    pub field: &'static CustomerField,
    pub seen: FieldValue,
    pub value: FieldValue,
}

/// A field changed elsewhere since the person saw it, to something else than they want.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldConflict {
    pub key: &'static str,
    pub label: &'static str,
    /// The value stored now, and the person's, as people read them.
    pub theirs: String,
    pub yours: String,
    /// The value stored now, to save against when the person keeps theirs.
    pub stored: FieldValue,
    /// Who changed it and when ("by bob at 2026-12-03 14:02 UTC"), when the store knows.
    pub changed_by: Option<String>,
}

/// The edits that turn `seen` into `edited`, over `fields`: one for each field whose
/// value differs.
pub fn edits_between<'f>(
    seen: &Customer,
    edited: &Customer,
    fields: impl IntoIterator<Item = &'f &'static CustomerField>,
) -> Vec<FieldEdit> {
    fields
        .into_iter()
        .filter(|f| (f.get)(seen) != (f.get)(edited))
        .map(|f| FieldEdit { field: f, seen: (f.get)(seen).to_value(), value: (f.get)(edited).to_value() })
        .collect()
}

/// The edits that would overwrite a change made since they were seen: the stored value
/// is neither what the person saw nor what they want.
pub fn conflicts(stored: &Customer, edits: &[FieldEdit]) -> Vec<FieldConflict> {
    edits
        .iter()
        .filter_map(|e| {
            let now = (e.field.get)(stored);
            (now != e.seen.as_ref() && now != e.value.as_ref()).then(|| FieldConflict {
                key: e.field.key,
                label: e.field.label,
                theirs: now.display(),
                yours: e.value.as_ref().display(),
                stored: now.to_value(),
                changed_by: None,
            })
        })
        .collect()
}

/// `c` with the edits' values.
pub fn apply_edits(c: &mut Customer, edits: &[FieldEdit]) {
    for e in edits {
        (e.field.set)(c, e.value.clone());
    }
}

/// One sentence on what changed elsewhere, for messages outside the form.
pub fn describe_conflicts(conflicts: &[FieldConflict]) -> String {
    let fields: Vec<String> = conflicts
        .iter()
        .map(|c| {
            let by = c.changed_by.as_deref().map(|b| format!(" ({b})")).unwrap_or_default();
            format!("{} is now '{}'{by} (yours '{}')", c.label, capped(&c.theirs, 40), capped(&c.yours, 40))
        })
        .collect();
    format!(
        "changed elsewhere since the form opened, so nothing was saved: {}. Save again to keep yours.",
        fields.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::parse_date;
    use crate::domain::fields::{Place, customer_field, fields_in};

    fn customer() -> Customer {
        let mut c = Customer::new("Ada Lovelace", parse_date("2025-01-02").unwrap());
        c.id = 1;
        c.email = Some("ada@example.com".into());
        c.notes = "first".into();
        c
    }

    fn form_fields() -> Vec<&'static CustomerField> {
        fields_in(Place::Form).collect()
    }

    #[test]
    fn only_the_changed_fields_are_edits() {
        let seen = customer();
        let mut edited = seen.clone();
        edited.notes = "first, then more".into();
        let edits = edits_between(&seen, &edited, &form_fields());
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].field.key, "notes");
        assert_eq!(edits[0].seen, FieldValue::Text("first".into()));
        assert!(edits_between(&seen, &seen, &form_fields()).is_empty());
    }

    #[test]
    fn a_field_changed_elsewhere_to_something_else_is_a_conflict() {
        let seen = customer();
        let mut mine = seen.clone();
        mine.email = Some("ada@work.example".into());
        mine.notes = "mine".into();
        let edits = edits_between(&seen, &mine, &form_fields());

        // Someone else changed the notes only: the email edit is no conflict, the notes one is.
        let mut stored = seen.clone();
        stored.notes = "theirs".into();
        stored.owner = "Bob".into();
        let found = conflicts(&stored, &edits);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].key, found[0].theirs.as_str(), found[0].yours.as_str()), ("notes", "theirs", "mine"));
        assert!(describe_conflicts(&found).contains("Notes is now 'theirs' (yours 'mine')"));

        // The same value written by both is no conflict; nothing changed is none either.
        stored.notes = "mine".into();
        assert!(conflicts(&stored, &edits).is_empty());
        assert!(conflicts(&seen, &edits).is_empty());

        // Applying writes the edited fields and leaves the other person's owner alone.
        let mut merged = stored.clone();
        apply_edits(&mut merged, &edits);
        assert_eq!((merged.email.as_deref(), merged.owner.as_str()), (Some("ada@work.example"), "Bob"));
        assert_eq!(customer_field("notes").map(|f| f.key), Some("notes"));
    }
}
