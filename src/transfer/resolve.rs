//! Settling who a row belongs to. A `customer` (or `referred_by`) value may be an id from
//! the same import, an email, or an exact name, of a customer in the import or already
//! in the database; a name shared by several customers is refused, never guessed.

use std::collections::HashMap;
use std::rc::Rc;

use crate::store::{ImportLookups, StoreError};

/// Whom a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The customer at this position in the import's customers.
    Imported(usize),
    /// A customer already in the database, by id.
    Existing(i64),
}

/// How emails are compared: trimmed, ASCII letters in one case (as the database's
/// unique index on emails compares them).
pub fn key(text: &str) -> String {
    text.trim().to_ascii_lowercase()
}

/// How names are compared: trimmed, every letter in one case ("Zoë" is "ZOË"), as the
/// database's FOLD collation compares them.
fn name_key(text: &str) -> String {
    crate::text::fold(text.trim())
}

/// What the import's customers can be found by. A customer of the import may come from
/// several rows (merged by email or source reference); its position is its number in
/// the order first seen.
#[derive(Debug, Default)]
pub struct CustomerIndex {
    by_id: HashMap<i64, usize>,
    by_email: HashMap<String, usize>,
    by_source: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    /// Customers of the import that update one in the database, by that one's id.
    updating: HashMap<i64, usize>,
    lines: Vec<u64>,
    file: Option<Rc<str>>,
}

impl CustomerIndex {
    /// A new customer first seen on `line`; returns its position.
    pub fn add(&mut self, file: &Rc<str>, line: u64) -> usize {
        self.file.get_or_insert_with(|| file.clone());
        self.lines.push(line);
        self.lines.len() - 1
    }

    /// Lets a row's id, email, source reference and name find the customer at
    /// `position`. A key already taken keeps pointing where it did.
    pub fn note(&mut self, position: usize, file_id: Option<i64>, email: &str, source: &str, name: &str) {
        if let Some(id) = file_id {
            self.by_id.entry(id).or_insert(position);
        }
        if !email.trim().is_empty() {
            self.by_email.entry(key(email)).or_insert(position);
        }
        if !source.trim().is_empty() {
            self.by_source.entry(source.trim().to_string()).or_insert(position);
        }
        if !name.trim().is_empty() {
            let same = self.by_name.entry(name_key(name)).or_default();
            if !same.contains(&position) {
                same.push(position);
            }
        }
    }

    /// Notes that the customer at `position` is the database's customer `id`.
    pub fn updates(&mut self, position: usize, id: i64) {
        self.updating.insert(id, position);
    }

    /// The customer of the import that updates the database's customer `id`, if any.
    pub fn updating(&self, id: i64) -> Option<usize> {
        self.updating.get(&id).copied()
    }

    /// The customer of the import that uses `email`, if any.
    pub fn with_email(&self, email: &str) -> Option<usize> {
        self.by_email.get(&key(email)).copied()
    }

    /// The customer of the import with the source reference `source`, if any.
    pub fn with_source(&self, source: &str) -> Option<usize> {
        self.by_source.get(source.trim()).copied()
    }

    /// The line where the customer at `position` was first seen.
    pub fn line(&self, position: usize) -> u64 {
        self.lines.get(position).copied().unwrap_or(0)
    }

    fn describe(&self, target: Target) -> String {
        match target {
            Target::Imported(p) => {
                format!("line {} of {}", self.lines[p], self.file.as_deref().unwrap_or("the import"))
            }
            Target::Existing(id) => format!("id {id} in the database"),
        }
    }
}

/// Resolves references, remembering every answer so that loading (which cannot ask the
/// database while it writes) finds exactly what checking found.
#[derive(Debug, Default)]
pub struct Resolver {
    pub index: CustomerIndex,
    answers: HashMap<String, Result<Target, String>>,
}

impl Resolver {
    /// Resolves `reference` against the import, and against `db` when given. The outer
    /// error is the database failing; the inner one a reason to report for the row.
    pub fn resolve(
        &mut self,
        db: Option<&dyn ImportLookups>,
        reference: &str,
    ) -> Result<Result<Target, String>, StoreError> {
        let reference = reference.trim();
        if let Some(answer) = self.answers.get(reference) {
            return Ok(answer.clone());
        }
        let answer = self.lookup(db, reference)?;
        self.answers.insert(reference.to_string(), answer.clone());
        Ok(answer)
    }

    /// The answer checking found for `reference`, if it was asked.
    pub fn known(&self, reference: &str) -> Option<&Result<Target, String>> {
        self.answers.get(reference.trim())
    }

    fn lookup(&self, db: Option<&dyn ImportLookups>, r: &str) -> Result<Result<Target, String>, StoreError> {
        let index = &self.index;
        let quoted = crate::text::capped(r, 40);
        let place = if db.is_some() { "in this import or the database" } else { "in this import" };
        if let Ok(id) = r.parse::<i64>() {
            if let Some(p) = index.by_id.get(&id) {
                return Ok(Ok(Target::Imported(*p)));
            }
            if let Some(db) = db
                && db.customer_exists(id)?
            {
                return Ok(Ok(Target::Existing(id)));
            }
        }
        if r.contains('@') {
            if let Some(p) = index.by_email.get(&key(r)) {
                return Ok(Ok(Target::Imported(*p)));
            }
            if let Some(db) = db
                && let Some((id, _)) = db.email_holder(r)?
            {
                return Ok(Ok(Target::Existing(id)));
            }
        }
        let mut found: Vec<Target> = index
            .by_name
            .get(&name_key(r))
            .map(|ps| ps.iter().map(|p| Target::Imported(*p)).collect())
            .unwrap_or_default();
        if let Some(db) = db {
            // A customer this import updates is already among the import's own.
            let named = db.customer_ids_named(r)?.into_iter().filter(|id| index.updating(*id).is_none());
            found.extend(named.map(Target::Existing));
        }
        Ok(match found.as_slice() {
            [one] => Ok(*one),
            [] if r.parse::<i64>().is_ok() => Err(format!("no customer with id {quoted} {place}")),
            [] => Err(format!("no customer '{quoted}' {place}; give an id, an email or the exact name")),
            many => {
                let shown: Vec<String> = many.iter().take(5).map(|t| index.describe(*t)).collect();
                let more = if many.len() > 5 { ", …" } else { "" };
                Err(format!(
                    "'{quoted}' names {} customers ({}{more}); use the id or the email",
                    many.len(),
                    shown.join(", ")
                ))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolver() -> Resolver {
        let file: Rc<str> = Rc::from("c.csv");
        let mut r = Resolver::default();
        for (file_id, email, name, line) in [
            (Some(7), "ada@example.com", "Ada Lovelace", 2),
            (None, "", "Sam", 3),
            (Some(9), "sam@example.com", "sam ", 4),
        ] {
            let p = r.index.add(&file, line);
            r.index.note(p, file_id, email, "", name);
        }
        r
    }

    #[test]
    fn ids_emails_and_exact_names_resolve_within_the_import() {
        let mut r = resolver();
        assert_eq!(r.resolve(None, "7").unwrap(), Ok(Target::Imported(0)));
        assert_eq!(r.resolve(None, " ADA@example.com ").unwrap(), Ok(Target::Imported(0)));
        assert_eq!(r.resolve(None, "ada lovelace").unwrap(), Ok(Target::Imported(0)));
        assert_eq!(r.resolve(None, "9").unwrap(), Ok(Target::Imported(2)));
        assert_eq!(r.known("7"), Some(&Ok(Target::Imported(0))));
    }

    #[test]
    fn unknown_and_ambiguous_references_are_explained() {
        let mut r = resolver();
        assert_eq!(r.resolve(None, "8").unwrap(), Err("no customer with id 8 in this import".into()));
        assert_eq!(
            r.resolve(None, "Ada").unwrap(),
            Err("no customer 'Ada' in this import; give an id, an email or the exact name".into())
        );
        assert_eq!(
            r.resolve(None, "SAM").unwrap(),
            Err("'SAM' names 2 customers (line 3 of c.csv, line 4 of c.csv); use the id or the email".into())
        );
        assert_eq!(r.index.with_email("Sam@Example.com").map(|p| r.index.line(p)), Some(4));
    }
}
