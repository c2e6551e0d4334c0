//! Which system wrote a customer file, told by its header, and what each of its columns
//! means to rapport. A profile lists a system's columns; anything else is looked up
//! among the words people head columns with ([`words`]).
//!
//! - [`systems`]: the exports of Google Contacts, Outlook, Thunderbird, HubSpot, Salesforce,
//!   Pipedrive, Zoho, Shopify, WooCommerce, Stripe and Square, as they really are.
//! - [`words`]: header words in English, French, Spanish, German, Portuguese, Italian and Dutch.

mod systems;
mod words;

use std::fmt::Write as _;

pub use words::CONTACT_HINTS;

/// What one column of a file feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feed {
    /// One of rapport's own columns of the table, taken as written.
    Column(&'static str),
    /// Parts of the name, joined when the file has no whole name.
    First,
    Middle,
    Last,
    /// rapport's own id when it is a whole number above 0, else a source reference.
    IdOrSource,
    /// The system's own id, kept as the customer's source reference.
    SourceId,
    /// Values that may be several (in several columns, or a ` ::: ` list in one): the
    /// first is the customer's, the others go to the notes.
    Email,
    Phone,
    /// Several notes columns are joined, one per line.
    Notes,
    /// Tags split at commas, semicolons and ` ::: `.
    Tags,
    /// Kept in the notes as "Header: value" (custom fields whose meaning only the person knows).
    LabelledNote,
    /// Known to the profile and deliberately left out (addresses, consent, statistics).
    Skip,
}

impl Feed {
    /// What the column mapping says the column becomes.
    pub fn describe(self, profile: &Profile) -> String {
        match self {
            Feed::Column("name") => "name".into(),
            Feed::Column("prior_orders") => "orders before rapport".into(),
            Feed::Column("prior_spend") => "spend before rapport".into(),
            Feed::Column("prior_last_order") => "last order before rapport".into(),
            Feed::Column("prior_since") => "customer since (before rapport)".into(),
            Feed::Column("source_ref") => "source reference".into(),
            Feed::Column(column) => column.replace('_', " "),
            Feed::First => "name (first name)".into(),
            Feed::Middle => "name (middle name)".into(),
            Feed::Last => "name (last name)".into(),
            Feed::IdOrSource => "id (a whole number), else source reference".into(),
            Feed::SourceId if profile.key.is_empty() => "source reference".into(),
            Feed::SourceId => format!("source reference ({}:…)", profile.key),
            Feed::Email => "email (further addresses go to the notes)".into(),
            Feed::Phone => "phone (further numbers go to the notes)".into(),
            Feed::Notes => "notes".into(),
            Feed::Tags => "tags (split at , ; and :::)".into(),
            Feed::LabelledNote => "notes, as \"column: value\"".into(),
            Feed::Skip => "not kept".into(),
        }
    }
}

/// One system's customer export.
#[derive(Debug)]
pub struct Profile {
    /// A short name, also the prefix of the source references it gives ("shopify:6812…");
    /// empty for spreadsheets, whose own ids are kept as they are.
    pub key: &'static str,
    /// What the notice calls the file: "a Shopify customer export (2023 layout)".
    pub label: &'static str,
    /// Header words (normalised) that all appear in this system's export and together
    /// tell it from the others' exports.
    pub signature: &'static [&'static str],
    /// What the system's columns feed, by normalised header.
    pub columns: &'static [(&'static str, Feed)],
}

/// A spreadsheet kept by hand, or any file no profile fits: the common words only.
pub static SPREADSHEET: Profile = Profile { key: "", label: "a spreadsheet", signature: &[], columns: &[] };

/// rapport's own `customers.csv`: every column is read exactly as written.
pub static RAPPORT: Profile = Profile { key: "", label: "a rapport export", signature: &[], columns: &[] };

/// A header name made comparable: lower case without accents, each run of other
/// characters than letters and digits one space, each run of digits one `#`, and words
/// run together in camel case apart ("E-mail 2 - Value" → "e mail # value", "MobilePhone"
/// → "mobile phone").
pub fn normalise(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut gap = false;
    let mut digits = false;
    let mut lower_before = false;
    for c in header.trim_start_matches('\u{feff}').chars() {
        if c.is_ascii_digit() {
            if !digits {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                out.push('#');
            }
            (gap, digits, lower_before) = (false, true, false);
        } else if c.is_alphanumeric() {
            let camel = lower_before && c.is_uppercase();
            if (gap || digits || camel) && !out.is_empty() {
                out.push(' ');
            }
            crate::text::push_plain_lower(&mut out, c);
            (gap, digits, lower_before) = (false, false, c.is_lowercase());
        } else {
            (gap, digits, lower_before) = (true, false, false);
        }
    }
    out
}

/// The profile whose signature the header fits best (the most specific one), if any.
pub fn recognise(keys: &[String]) -> Option<&'static Profile> {
    systems::ALL
        .iter()
        .filter(|p| p.signature.iter().all(|s| keys.iter().any(|k| k == s)))
        .max_by_key(|p| p.signature.len())
}

/// What a column headed `key` feeds in a file of `profile`, and its rank among the
/// profile's columns (a lower rank is preferred when several give an email or a phone):
/// the profile's own columns first, then the common words (with a trailing number left
/// off: "Phone 2" is a phone).
pub fn feed_of(profile: &Profile, key: &str) -> Option<(Feed, usize)> {
    let columns = profile.columns.iter().enumerate();
    let exact = columns.clone().find(|(_, (c, _))| *c == key);
    let prefix = || {
        columns.clone().find(|(_, (c, _))| {
            c.strip_suffix(" *").is_some_and(|p| key.strip_prefix(p).is_some_and(|rest| rest.starts_with(' ')))
        })
    };
    if let Some((rank, (_, feed))) = exact.or_else(prefix) {
        return Some((*feed, rank));
    }
    let word = |k: &str| words::WORDS.iter().find(|(w, _)| *w == k).map(|(_, f)| (*f, profile.columns.len()));
    let unnumbered = key.strip_suffix(" #").unwrap_or(key);
    word(key).or_else(|| word(unnumbered))
}

/// In a file with a first-name column and no family-name column, the word for the whole
/// name means the family name ("Prénom, Nom"); with a family-name column and no
/// first-name one, some languages' word means the first name ("Nombre, Apellidos").
pub fn settle_name_words(keys: &[String], feeds: &mut [Option<Feed>]) {
    let has = |feeds: &[Option<Feed>], f: Feed| feeds.contains(&Some(f));
    let (first, last) = (has(feeds, Feed::First), has(feeds, Feed::Last));
    for (key, feed) in keys.iter().zip(feeds.iter_mut()) {
        if *feed != Some(Feed::Column("name")) {
            continue;
        }
        if first && !last && words::NAME_MEANS_LAST_BESIDE_FIRST.contains(&key.as_str()) {
            *feed = Some(Feed::Last);
        } else if last && !first && words::NAME_MEANS_FIRST_BESIDE_LAST.contains(&key.as_str()) {
            *feed = Some(Feed::First);
        }
    }
}

/// Whether a column left out looks as if it held an email, a phone number or a company.
pub fn looks_like_contact(key: &str) -> bool {
    // "Mailing street" is an address, not an email.
    let word_hints = |word: &str| word != "mailing" && CONTACT_HINTS.iter().any(|hint| word.starts_with(hint));
    key.split(' ').any(word_hints)
}

/// The profiles' keys and labels, for the README and tests.
pub fn known() -> impl Iterator<Item = &'static Profile> {
    systems::ALL.iter()
}

/// A list of names for a notice, each cut to a readable length and the list capped:
/// "Address1, Address2, City and 14 more".
pub fn capped_list(names: &[String]) -> String {
    const SHOWN: usize = 8;
    let mut out = String::new();
    for (i, name) in names.iter().take(SHOWN).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&crate::text::fitted(name, 40));
    }
    if names.len() > SHOWN {
        let _ = write!(out, " and {} more", names.len() - SHOWN);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_compared_without_case_accents_punctuation_or_numbers() {
        assert_eq!(normalise("E-mail 2 - Value"), "e mail # value");
        assert_eq!(normalise(" Tél. professionnel "), "tel professionnel");
        assert_eq!(normalise("\u{feff}Prénom"), "prenom");
        assert_eq!(normalise("Person - Email - Work"), "person email work");
        assert_eq!(normalise("Created (UTC)"), "created utc");
        assert_eq!(normalise("Default Address Address1"), "default address address #");
        assert_eq!(normalise("Schlagwörter"), "schlagworter");
        assert_eq!(normalise("Straße"), "strasse");
        assert_eq!(normalise("MobilePhone"), "mobile phone");
        assert_eq!(normalise("IMAddress"), "imaddress");
        assert_eq!(normalise("Company__c"), "company c");
    }

    #[test]
    fn common_words_in_several_languages() {
        let feed = |h: &str| feed_of(&SPREADSHEET, &normalise(h)).map(|(f, _)| f);
        assert_eq!(feed("Courriel"), Some(Feed::Email));
        assert_eq!(feed("Correo electrónico"), Some(Feed::Email));
        assert_eq!(feed("E-Mail"), Some(Feed::Email));
        assert_eq!(feed("Téléphone"), Some(Feed::Phone));
        assert_eq!(feed("Phone 2"), Some(Feed::Phone));
        assert_eq!(feed("Société"), Some(Feed::Column("company")));
        assert_eq!(feed("Nom"), Some(Feed::Column("name")));
        assert_eq!(feed("Étiquettes"), Some(Feed::Tags));
        assert_eq!(feed("Colour"), None);
    }

    #[test]
    fn the_word_for_name_follows_the_columns_beside_it() {
        let settle = |headers: &[&str]| {
            let keys: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
            let mut feeds: Vec<Option<Feed>> = keys.iter().map(|k| feed_of(&SPREADSHEET, k).map(|(f, _)| f)).collect();
            settle_name_words(&keys, &mut feeds);
            feeds
        };
        assert_eq!(settle(&["Prénom", "Nom"]), [Some(Feed::First), Some(Feed::Last)]);
        assert_eq!(settle(&["Nombre", "Apellidos"]), [Some(Feed::First), Some(Feed::Last)]);
        assert_eq!(settle(&["Vorname", "Name"]), [Some(Feed::First), Some(Feed::Last)]);
        assert_eq!(settle(&["Nom", "Courriel"]), [Some(Feed::Column("name")), Some(Feed::Email)]);
    }

    #[test]
    fn left_out_columns_that_look_like_contact_data() {
        assert!(looks_like_contact(&normalise("Work E-mail")));
        assert!(looks_like_contact(&normalise("Mobile number (private)")));
        assert!(!looks_like_contact(&normalise("Favourite colour")));
        assert!(!looks_like_contact(&normalise("MailingStreet")));
    }

    #[test]
    fn no_word_is_listed_twice() {
        let mut seen = std::collections::HashSet::new();
        for (word, _) in words::WORDS {
            assert!(seen.insert(*word), "{word} is listed twice");
            assert_eq!(normalise(word), *word, "{word} is not normalised");
        }
    }
}
