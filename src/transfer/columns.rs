//! The five tables of an export and their columns, spelled exactly as docs/files.md lists them.
//! The same names are the CSV headers and the JSON field names.

use crate::domain::fields;

/// One table of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableKind {
    Customers,
    Interactions,
    Feedback,
    Contracts,
    History,
}

/// The customer columns are the exported fields of the domain's table, in its order.
const CUSTOMER_COLUMNS: &[&str] = &fields::EXPORT_KEYS;
const INTERACTION_COLUMNS: &[&str] = &["id", "customer", "date", "kind", "summary", "amount", "sentiment"];
const FEEDBACK_COLUMNS: &[&str] = &["id", "customer", "date", "nps", "csat", "kind", "comment", "resolved"];
const CONTRACT_COLUMNS: &[&str] = &["id", "customer", "kind", "start", "end", "value", "note"];
const HISTORY_COLUMNS: &[&str] = &["id", "customer", "date", "from", "to", "by", "reason", "who"];

impl TableKind {
    /// In the order they are exported and imported: customers first, so that every other
    /// table can refer to them.
    pub const ALL: [TableKind; 5] =
        [TableKind::Customers, TableKind::Interactions, TableKind::Feedback, TableKind::Contracts, TableKind::History];

    /// The table's name: the JSON key and the CSV file's stem.
    pub fn key(self) -> &'static str {
        match self {
            TableKind::Customers => "customers",
            TableKind::Interactions => "interactions",
            TableKind::Feedback => "feedback",
            TableKind::Contracts => "contracts",
            TableKind::History => "history",
        }
    }

    /// The file holding the table in an export folder.
    pub fn file_name(self) -> &'static str {
        match self {
            TableKind::Customers => "customers.csv",
            TableKind::Interactions => "interactions.csv",
            TableKind::Feedback => "feedback.csv",
            TableKind::Contracts => "contracts.csv",
            TableKind::History => "history.csv",
        }
    }

    /// The columns, in file order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            TableKind::Customers => CUSTOMER_COLUMNS,
            TableKind::Interactions => INTERACTION_COLUMNS,
            TableKind::Feedback => FEEDBACK_COLUMNS,
            TableKind::Contracts => CONTRACT_COLUMNS,
            TableKind::History => HISTORY_COLUMNS,
        }
    }

    /// Columns a file of this table cannot do without.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            TableKind::Customers => &["name"],
            TableKind::Interactions => &["customer", "date", "kind"],
            TableKind::Feedback => &["customer", "date"],
            TableKind::Contracts => &["customer", "kind", "start"],
            TableKind::History => &["customer", "date", "to", "by"],
        }
    }

    /// Position of a column (named exactly) in [`Self::columns`].
    pub fn position(self, column: &str) -> Option<usize> {
        self.columns().iter().position(|c| *c == column)
    }

    /// "1 customer", "3 history entries", "2 feedback".
    pub fn count_words(self, n: u64) -> String {
        let (one, many) = match self {
            TableKind::Customers => ("customer", "customers"),
            TableKind::Interactions => ("interaction", "interactions"),
            TableKind::Feedback => ("feedback", "feedback"),
            TableKind::Contracts => ("contract", "contracts"),
            TableKind::History => ("history entry", "history entries"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }

    /// The column a spreadsheet's header name stands for: spaces and dashes read as
    /// underscores, and the usual other names of the contact columns ("Phone Number",
    /// "E-mail", "Company Name") as rapport's. `lowered` is trimmed and lowercased.
    pub fn canonical_name(lowered: &str) -> String {
        let name: String = lowered.chars().map(|c| if c == ' ' || c == '-' { '_' } else { c }).collect();
        let alias = match name.as_str() {
            "phone_number" | "telephone" | "telephone_number" | "tel" | "mobile" | "mobile_phone" | "cell" => "phone",
            "e_mail" | "email_address" | "e_mail_address" | "mail" => "email",
            "company_name" | "organisation" | "organization" | "business" => "company",
            "tag" => "tags",
            _ => return name,
        };
        alias.to_string()
    }

    /// Which table a CSV header describes, from the columns it names (already trimmed,
    /// lowercased and made canonical). `None` when the header fits no table.
    pub fn recognise(header: &[String]) -> Option<TableKind> {
        let has = |c: &str| header.iter().any(|h| h == c);
        if !has("customer") {
            return has("name").then_some(TableKind::Customers);
        }
        if has("start") || has("end") || has("value") {
            Some(TableKind::Contracts)
        } else if has("nps") || has("csat") || has("comment") || has("resolved") {
            Some(TableKind::Feedback)
        } else if has("to") || has("by") || has("from") {
            Some(TableKind::History)
        } else if has("kind") || has("summary") || has("amount") || has("sentiment") {
            Some(TableKind::Interactions)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_names_of_contact_columns_are_understood() {
        for (given, column) in [
            ("phone number", "phone"),
            ("e-mail", "email"),
            ("email address", "email"),
            ("company name", "company"),
            ("referred by", "referred_by"),
            ("next-follow-up", "next_follow_up"),
            ("notes", "notes"),
            ("colour", "colour"),
        ] {
            assert_eq!(TableKind::canonical_name(given), column, "{given}");
        }
    }

    fn header(text: &str) -> Vec<String> {
        text.split(',').map(String::from).collect()
    }

    #[test]
    fn every_table_is_recognised_from_its_own_header() {
        for kind in TableKind::ALL {
            let own: Vec<String> = kind.columns().iter().map(|c| c.to_string()).collect();
            assert_eq!(TableKind::recognise(&own), Some(kind), "{kind:?}");
            assert!(kind.required().iter().all(|r| kind.position(r).is_some()));
        }
    }

    #[test]
    fn spreadsheets_are_recognised_from_a_few_columns() {
        assert_eq!(TableKind::recognise(&header("name,email,company")), Some(TableKind::Customers));
        assert_eq!(TableKind::recognise(&header("customer,date,kind,amount")), Some(TableKind::Interactions));
        assert_eq!(TableKind::recognise(&header("customer,date,nps")), Some(TableKind::Feedback));
        assert_eq!(TableKind::recognise(&header("customer,kind,start")), Some(TableKind::Contracts));
        assert_eq!(TableKind::recognise(&header("customer,date")), None);
        assert_eq!(TableKind::recognise(&header("email,phone")), None);
    }

    #[test]
    fn counts_read_naturally() {
        assert_eq!(TableKind::Customers.count_words(1), "1 customer");
        assert_eq!(TableKind::History.count_words(2), "2 history entries");
        assert_eq!(TableKind::Feedback.count_words(3), "3 feedback");
    }
}
