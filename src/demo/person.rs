//! Who a customer is: name, company, contact details, owner, tags and a note.

use std::collections::HashSet;

use super::profile::Profile;
use super::random::{self, Rng};
use super::vocabulary::{NameOrder, Vocabulary, Word};
use crate::domain::RelationshipType;

#[derive(Debug, Clone, Default)]
pub struct Identity {
    pub name: String,
    pub company: String,
    pub email: Option<String>,
    pub phone: String,
    pub owner: String,
    pub tags: Vec<String>,
    pub notes: String,
}

/// Hands out identities, keeping every email address unique.
pub struct People<'v> {
    vocabulary: &'v Vocabulary,
    culture_weights: Vec<(usize, u32)>,
    /// Tags and notes typical of each type (by type index), then those for anyone.
    typical_tags: Vec<Vec<&'v str>>,
    general_tags: Vec<&'v str>,
    typical_notes: Vec<Vec<&'v str>>,
    general_notes: Vec<&'v str>,
    emails: HashSet<String>,
}

impl<'v> People<'v> {
    pub fn new(vocabulary: &'v Vocabulary) -> People<'v> {
        let culture_weights = vocabulary.cultures.iter().enumerate().map(|(i, c)| (i, c.weight)).collect();
        let typical_tags = RelationshipType::ALL
            .iter()
            .map(|t| vocabulary.tags.iter().filter(|tag| tag.types.contains(t)).map(|tag| tag.text).collect())
            .collect();
        let general_tags = vocabulary.tags.iter().filter(|t| t.types.is_empty()).map(|t| t.text).collect();
        let typical_notes = RelationshipType::ALL
            .iter()
            .map(|t| vocabulary.notes.iter().filter(|(fits, _)| *fits == Some(*t)).map(|(_, n)| *n).collect())
            .collect();
        let general_notes = vocabulary.notes.iter().filter(|(fits, _)| fits.is_none()).map(|(_, n)| *n).collect();
        People {
            vocabulary,
            culture_weights,
            typical_tags,
            general_tags,
            typical_notes,
            general_notes,
            emails: HashSet::new(),
        }
    }

    pub fn identity(&mut self, rng: &mut Rng, target: RelationshipType) -> Identity {
        let v = self.vocabulary;
        let culture = &v.cultures[random::weighted(rng, &self.culture_weights)];
        let given = random::pick(rng, &culture.given);
        let family = random::pick(rng, &culture.family);
        let name = match culture.order {
            NameOrder::GivenFirst => format!("{} {}", given.text, family.text),
            NameOrder::FamilyFirst => format!("{} {}", family.text, given.text),
            NameOrder::FamilyFirstJoined => format!("{}{}", family.text, given.text),
        };
        let profile = Profile::of(target);
        let business = !random::chance(rng, profile.private);
        let (company, domain) = if business {
            let stem = random::pick(rng, &v.companies);
            let trade = random::pick(rng, &v.trades);
            (format!("{} {trade}", stem.text), format!("{}.example", stem.ascii))
        } else {
            (String::new(), random::pick(rng, &v.email_domains).to_string())
        };
        let email = random::chance(rng, 0.93).then(|| self.unique_email(rng, given, family, &domain));
        let phone = if random::chance(rng, 0.85) {
            let pattern = *random::pick(rng, &culture.phones);
            fill_digits(rng, pattern)
        } else {
            String::new()
        };
        let owner = if random::chance(rng, 0.95) { random::pick(rng, &v.owners).to_string() } else { String::new() };
        Identity { name, company, email, phone, owner, tags: self.tags(rng, target), notes: self.note(rng, target) }
    }

    fn unique_email(&mut self, rng: &mut Rng, given: &Word, family: &Word, domain: &str) -> String {
        let local = match random::days(rng, 0, 9) {
            0..=5 => format!("{}.{}", given.ascii, family.ascii),
            6..=7 => format!("{}{}", &given.ascii[..1], family.ascii),
            _ => given.ascii.clone(),
        };
        let mut email = format!("{local}@{domain}");
        let mut n = 2;
        while !self.emails.insert(email.clone()) {
            email = format!("{local}{n}@{domain}");
            n += 1;
        }
        email
    }

    fn tags(&self, rng: &mut Rng, target: RelationshipType) -> Vec<String> {
        let mut tags: Vec<String> = Vec::new();
        let typical = &self.typical_tags[target.index()];
        if !typical.is_empty() && random::chance(rng, 0.6) {
            tags.push(random::pick(rng, typical).to_string());
        }
        for _ in 0..random::days(rng, 0, 2) {
            let tag = random::pick(rng, &self.general_tags);
            if !tags.iter().any(|t| t == tag) {
                tags.push(tag.to_string());
            }
        }
        tags
    }

    fn note(&self, rng: &mut Rng, target: RelationshipType) -> String {
        if !random::chance(rng, 0.45) {
            return String::new();
        }
        let fitting = &self.typical_notes[target.index()];
        if !fitting.is_empty() && random::chance(rng, 0.5) {
            return random::pick(rng, fitting).to_string();
        }
        random::pick(rng, &self.general_notes).to_string()
    }
}

/// A phone pattern with every `#` replaced by a digit.
fn fill_digits(rng: &mut Rng, pattern: &str) -> String {
    pattern.chars().map(|c| if c == '#' { char::from(b'0' + random::days(rng, 0, 9) as u8) } else { c }).collect()
}
