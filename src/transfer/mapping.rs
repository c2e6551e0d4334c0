//! From a file's header to rapport's columns: which table the file holds, which system
//! wrote it (see [`super::profiles`]), and what each column becomes. Rows are then
//! translated into [`RawRow`]s in rapport's own columns, which the rest of the import
//! checks as it checks rapport's own files.

use super::assemble::{Found, emails_of, spreadsheet_text, tags_of, values_of};
use super::columns::TableKind;
use super::error::TransferError;
use super::profiles::{self, Feed, Profile, RAPPORT, SPREADSHEET};
use super::raw::RawRow;

/// One column of the file and what it feeds.
#[derive(Debug, Clone)]
struct Mapped {
    /// As the file spells it.
    header: String,
    /// Normalised, for matching.
    key: String,
    feed: Option<Feed>,
    /// Preference among columns giving the same kind of value (lower first).
    rank: usize,
}

/// What each column of a file becomes.
#[derive(Debug, Clone)]
pub struct ColumnMap {
    pub kind: TableKind,
    pub profile: &'static Profile,
    columns: Vec<Mapped>,
}

/// The columns of rapport's own `customers.csv` that other files also have; the others
/// (relationship, stage, created, source_ref, prior_…) only rapport's own files have.
const SHARED: &[&str] = &["id", "name", "company", "email", "phone", "tags", "owner", "notes"];

fn rapport_only(column: &str) -> bool {
    TableKind::Customers.position(column).is_some() && !SHARED.contains(&column)
}

fn unreadable_header(file: &str) -> TransferError {
    TransferError::Invalid(format!(
        "cannot tell what {file} holds from its header; a customer file needs a column for the name (or first \
         and last name), the company or the email, or pass --kind customers|interactions|feedback|contracts"
    ))
}

/// rapport's column name for a header as rapport's own files and simple sheets write it.
fn canonical(header: &str) -> String {
    TableKind::canonical_name(&header.trim().to_lowercase())
}

impl ColumnMap {
    /// Reads a header. With `kind` the file must hold that table; without it the table is
    /// recognised from the columns.
    pub fn new(file: &str, headers: &[String], kind: Option<TableKind>) -> Result<ColumnMap, TransferError> {
        let canonical: Vec<String> = headers.iter().map(|h| canonical(h)).collect();
        let kind = match kind {
            Some(kind) => kind,
            None if canonical.iter().any(|c| c == "customer") => {
                TableKind::recognise(&canonical).ok_or_else(|| unreadable_header(file))?
            }
            None => TableKind::Customers,
        };
        let map = if kind == TableKind::Customers {
            ColumnMap::customers(headers, &canonical)
        } else {
            ColumnMap::owned(kind, headers, &canonical)
        };
        map.check(file)?;
        Ok(map)
    }

    fn owned(kind: TableKind, headers: &[String], canonical: &[String]) -> ColumnMap {
        let columns = headers
            .iter()
            .zip(canonical)
            .map(|(header, c)| Mapped {
                header: header.trim().to_string(),
                key: c.clone(),
                feed: kind.columns().iter().find(|k| **k == c.as_str()).map(|k| Feed::Column(k)),
                rank: 0,
            })
            .collect();
        ColumnMap { kind, profile: &RAPPORT, columns }
    }

    fn customers(headers: &[String], canonical: &[String]) -> ColumnMap {
        let keys: Vec<String> = headers.iter().map(|h| profiles::normalise(h)).collect();
        let own = |c: &str| TableKind::Customers.columns().iter().find(|k| **k == c).copied();
        let rapport_format =
            canonical.iter().all(|c| c.is_empty() || own(c).is_some()) && canonical.iter().any(|c| rapport_only(c));
        let profile = if rapport_format { &RAPPORT } else { profiles::recognise(&keys).unwrap_or(&SPREADSHEET) };
        let mut feeds: Vec<Option<(Feed, usize)>> = keys
            .iter()
            .zip(canonical)
            .map(|(key, c)| {
                let rapport_column = || match own(c) {
                    Some("id") => Some((Feed::IdOrSource, 0)),
                    Some(column) => Some((Feed::Column(column), 0)),
                    None => None,
                };
                if rapport_format { rapport_column() } else { profiles::feed_of(profile, key).or_else(rapport_column) }
            })
            .collect();
        let mut plain: Vec<Option<Feed>> = feeds.iter().map(|f| f.map(|(feed, _)| feed)).collect();
        if !rapport_format {
            profiles::settle_name_words(&keys, &mut plain);
        }
        for (slot, settled) in feeds.iter_mut().zip(plain) {
            if let (Some((feed, _)), Some(new)) = (slot.as_mut(), settled) {
                *feed = new;
            }
        }
        let columns = headers
            .iter()
            .zip(keys)
            .zip(feeds)
            .map(|((header, key), feed)| Mapped {
                header: header.trim().to_string(),
                key,
                feed: feed.map(|(f, _)| f),
                rank: feed.map_or(usize::MAX, |(_, r)| r),
            })
            .collect();
        ColumnMap { kind: TableKind::Customers, profile, columns }
    }

    fn check(&self, file: &str) -> Result<(), TransferError> {
        // In rapport's own files each column is one field; other systems' files may give
        // a field in several columns (the first with a value wins), but not twice the
        // same column.
        let exact = self.is_rapport_format();
        for (i, m) in self.columns.iter().enumerate() {
            let Some(feed @ (Feed::Column(_) | Feed::IdOrSource)) = m.feed else { continue };
            if self.columns[..i].iter().any(|o| o.feed == Some(feed) && (exact || o.key == m.key)) {
                return Err(TransferError::Invalid(format!(
                    "{file}:1: the column '{}' appears twice in the header (or under another name); keep one",
                    crate::text::fitted(&m.header, 60)
                )));
            }
        }
        let feeds = || self.columns.iter().filter_map(|m| m.feed);
        if self.kind == TableKind::Customers {
            let identifies = |f: Feed| {
                matches!(f, Feed::First | Feed::Last | Feed::Email | Feed::Column("name") | Feed::Column("company"))
            };
            if !feeds().any(identifies) {
                return Err(unreadable_header(file));
            }
            return Ok(());
        }
        let missing: Vec<&str> =
            self.kind.required().iter().copied().filter(|r| !feeds().any(|f| f == Feed::Column(r))).collect();
        if !missing.is_empty() {
            return Err(TransferError::Invalid(format!(
                "{file}:1: the header has no {} column; {} files need: {}",
                missing.iter().map(|m| format!("'{}'", crate::text::capped(m, 40))).collect::<Vec<_>>().join(", "),
                self.kind.key(),
                self.kind.required().join(", ")
            )));
        }
        Ok(())
    }

    /// How many columns the header names.
    pub fn width(&self) -> usize {
        self.columns.len()
    }

    /// Whether rows are rapport's own (or another table's), read exactly as written.
    pub fn is_rapport_format(&self) -> bool {
        std::ptr::eq(self.profile, &RAPPORT)
    }

    /// Each column of the file with what it becomes ("ignored" for the unknown ones).
    pub fn describe(&self) -> Vec<(String, String)> {
        self.columns
            .iter()
            .filter(|m| !m.header.is_empty())
            .map(|m| (m.header.clone(), m.feed.map_or_else(|| "ignored".into(), |f| f.describe(self.profile))))
            .collect()
    }

    /// For each of rapport's columns the file feeds, the file's own name for it (the first
    /// column that gives it), so that a problem names a column the person can find.
    pub fn labels(&self) -> Vec<(&'static str, String)> {
        let mut labels: Vec<(&'static str, String)> = Vec::new();
        for m in &self.columns {
            let column = match m.feed {
                Some(Feed::Column(c)) => c,
                Some(Feed::First | Feed::Middle | Feed::Last) => "name",
                Some(Feed::Email) => "email",
                Some(Feed::Phone) => "phone",
                Some(Feed::Notes | Feed::LabelledNote) => "notes",
                Some(Feed::Tags) => "tags",
                Some(Feed::SourceId) => "source_ref",
                Some(Feed::IdOrSource) => "id",
                Some(Feed::Skip) | None => continue,
            };
            if !labels.iter().any(|(c, _)| *c == column) {
                labels.push((column, m.header.clone()));
            }
        }
        labels
    }

    /// Columns rapport does not know, as the file spells them.
    pub fn ignored(&self) -> Vec<String> {
        self.columns.iter().filter(|m| m.feed.is_none() && !m.header.is_empty()).map(|m| m.header.clone()).collect()
    }

    /// Unknown columns whose names suggest an email, a phone number or a company.
    pub fn contact_like_ignored(&self) -> Vec<String> {
        self.columns
            .iter()
            .filter(|m| m.feed.is_none() && profiles::looks_like_contact(&m.key))
            .map(|m| m.header.clone())
            .collect()
    }

    /// Puts the values of one record into `row`, in rapport's columns.
    pub fn translate<'v>(&self, values: impl Iterator<Item = &'v str>, row: &mut RawRow) {
        if self.kind != TableKind::Customers || self.is_rapport_format() {
            for (m, value) in self.columns.iter().zip(values) {
                // rapport's own files mark cells a spreadsheet would run as formulas.
                let value = super::formula::unmark(value);
                match m.feed {
                    Some(Feed::Column(column)) => row.put(column, value),
                    // rapport's own ids are checked as ids, never taken for another system's.
                    Some(Feed::IdOrSource) => row.put("id", value),
                    _ => {}
                }
            }
            return;
        }
        let mut found = Found::default();
        for (m, value) in self.columns.iter().zip(values) {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match m.feed {
                Some(Feed::Column(column)) => row.fill(column, value),
                Some(Feed::First) => found.first.push(value),
                Some(Feed::Middle) => found.middle.push(value),
                Some(Feed::Last) => found.last.push(value),
                Some(Feed::IdOrSource) => id_or_source(row, value),
                Some(Feed::SourceId) => {
                    let id = spreadsheet_text(value);
                    if self.profile.key.is_empty() {
                        row.fill("source_ref", id);
                    } else {
                        row.fill("source_ref", &format!("{}:{id}", self.profile.key));
                    }
                }
                Some(Feed::Email) => found.emails.extend(emails_of(value).map(|v| (m.rank, v))),
                Some(Feed::Phone) => found.phones.extend(values_of(value).map(|v| (m.rank, spreadsheet_text(v)))),
                Some(Feed::Notes) => found.notes.push(value.to_string()),
                Some(Feed::LabelledNote) => found.notes.push(format!("{}: {value}", m.header)),
                Some(Feed::Tags) => found.tags.extend(tags_of(value)),
                Some(Feed::Skip) | None => {}
            }
        }
        found.finish(row);
    }
}

/// rapport's own id when the value is a whole number above 0, else the file's own id.
fn id_or_source(row: &mut RawRow, value: &str) {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return;
    }
    if trimmed.parse::<i64>().is_ok_and(|id| id > 0) {
        row.put("id", value);
    } else {
        row.fill("source_ref", trimmed);
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;

    fn map(header: &str) -> ColumnMap {
        let headers: Vec<String> = header.split(',').map(String::from).collect();
        ColumnMap::new("f.csv", &headers, None).unwrap()
    }

    fn row(map: &ColumnMap, values: &[&str]) -> RawRow {
        let mut row = RawRow::new(map.kind, Rc::from("f.csv"));
        map.translate(values.iter().copied(), &mut row);
        row
    }

    #[test]
    fn a_name_is_built_from_its_parts_and_extra_values_go_to_the_notes() {
        let m = map("First Name,Middle Name,Last Name,E-mail,E-mail 2,Phone,Mobile,Notes,Tags");
        assert!(std::ptr::eq(m.profile, &SPREADSHEET));
        let r = row(
            &m,
            &[
                "Ada",
                "King",
                "Lovelace",
                "ada@example.com",
                "ADA@example.com",
                "555-0100",
                "555 0101",
                "Poet",
                "vip, wholesale",
            ],
        );
        assert_eq!(r.get("name"), "Ada King Lovelace");
        assert_eq!(r.get("email"), "ada@example.com");
        assert_eq!(r.get("phone"), "555-0100");
        assert_eq!(r.get("notes"), "Poet\nOther phone: 555 0101");
        assert_eq!(r.get("tags"), "vip;wholesale");
    }

    #[test]
    fn without_a_person_the_company_or_the_email_names_the_customer() {
        let m = map("First Name,Last Name,Company,Email");
        assert_eq!(row(&m, &["", "", "Acme Plumbing", ""]).get("name"), "Acme Plumbing");
        assert_eq!(row(&m, &["", "", "", "shopper@example.com"]).get("name"), "shopper@example.com");
    }

    #[test]
    fn ids_that_are_not_rapport_ids_become_source_references() {
        let m = map("id,name");
        assert_eq!(row(&m, &["12", "Ada"]).get("id"), "12");
        let r = row(&m, &["C-001", "Ada"]);
        assert_eq!((r.get("id"), r.get("source_ref")), ("", "C-001"));
    }

    #[test]
    fn rapport_files_are_read_exactly() {
        let m = map("id,name,tags,notes,relationship");
        assert!(m.is_rapport_format());
        let r = row(&m, &["3", " Zoë ", "a,b;c", "  kept  ", "loyal"]);
        assert_eq!((r.get("name"), r.get("tags"), r.get("notes")), (" Zoë ", "a,b;c", "  kept  "));
    }

    #[test]
    fn google_lists_and_labels_are_split() {
        let m = map("Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value");
        assert_eq!(m.profile.key, "google");
        let r = row(
            &m,
            &[
                "Ada Lovelace",
                "Ada",
                "Lovelace",
                "* myContacts ::: VIP ::: * Friends",
                "* Home",
                "a@example.com ::: b@example.com",
            ],
        );
        assert_eq!(r.get("tags"), "VIP;Friends");
        assert_eq!(r.get("email"), "a@example.com");
        assert_eq!(r.get("notes"), "Other email: b@example.com");
    }

    #[test]
    fn the_mapping_tells_what_each_column_becomes() {
        let m = map("Name,Colour,Work Fax number,Email");
        assert_eq!(m.ignored(), ["Colour", "Work Fax number"]);
        assert_eq!(m.contact_like_ignored(), ["Work Fax number"]);
        assert_eq!(m.describe()[3], ("Email".to_string(), "email (further addresses go to the notes)".to_string()));
    }

    #[test]
    fn headers_that_name_nothing_rapport_can_use_are_refused() {
        let headers: Vec<String> = ["colour", "size"].iter().map(|s| s.to_string()).collect();
        assert!(
            ColumnMap::new("f.csv", &headers, None).unwrap_err().to_string().contains("cannot tell what f.csv holds")
        );
    }
}
