//! The words the sample is made of: the text files in `assets/demo/`, compiled in and
//! checked when read (a broken line is reported with its file and line number).

use crate::domain::{ContractKind, FeedbackKind, InteractionKind, RelationshipType};

const FILES: [(&str, &str); 12] = [
    ("cultures.txt", include_str!("../../assets/demo/cultures.txt")),
    ("given_names.txt", include_str!("../../assets/demo/given_names.txt")),
    ("family_names.txt", include_str!("../../assets/demo/family_names.txt")),
    ("company_names.txt", include_str!("../../assets/demo/company_names.txt")),
    ("trades.txt", include_str!("../../assets/demo/trades.txt")),
    ("owners.txt", include_str!("../../assets/demo/owners.txt")),
    ("tags.txt", include_str!("../../assets/demo/tags.txt")),
    ("interactions.txt", include_str!("../../assets/demo/interactions.txt")),
    ("feedback.txt", include_str!("../../assets/demo/feedback.txt")),
    ("contracts.txt", include_str!("../../assets/demo/contracts.txt")),
    ("notes.txt", include_str!("../../assets/demo/notes.txt")),
    ("email_domains.txt", include_str!("../../assets/demo/email_domains.txt")),
];

/// How a culture writes a full name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameOrder {
    GivenFirst,
    FamilyFirst,
    /// Family name first, no space between the parts.
    FamilyFirstJoined,
}

/// A name as shown, and its plain ASCII spelling for email addresses.
#[derive(Debug, Clone)]
pub struct Word {
    pub text: &'static str,
    pub ascii: String,
}

#[derive(Debug, Clone)]
pub struct Culture {
    pub key: &'static str,
    pub weight: u32,
    pub order: NameOrder,
    pub phones: Vec<&'static str>,
    pub given: Vec<Word>,
    pub family: Vec<Word>,
}

#[derive(Debug, Clone)]
pub struct Tag {
    pub text: &'static str,
    /// The types the tag is typical of; empty for tags anyone may get.
    pub types: Vec<RelationshipType>,
}

/// Every word list, each guaranteed non-empty.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    pub cultures: Vec<Culture>,
    pub companies: Vec<Word>,
    pub trades: Vec<&'static str>,
    pub owners: Vec<&'static str>,
    pub tags: Vec<Tag>,
    /// Interaction summaries, indexed by [`InteractionKind::index`].
    pub summaries: Vec<Vec<&'static str>>,
    /// Feedback comments, indexed by [`FeedbackKind::index`].
    pub comments: Vec<Vec<&'static str>>,
    /// Contract notes, indexed by [`ContractKind::index`].
    pub contract_notes: Vec<Vec<&'static str>>,
    /// Customer notes with the type they fit (`None`: anyone).
    pub notes: Vec<(Option<RelationshipType>, &'static str)>,
    pub email_domains: Vec<&'static str>,
}

/// One meaningful line of a file: its number and its `|`-separated fields.
struct Line {
    file: &'static str,
    number: usize,
    fields: Vec<&'static str>,
}

impl Line {
    fn error(&self, message: impl std::fmt::Display) -> String {
        format!("assets/demo/{}:{}: {message}", self.file, self.number)
    }

    fn field(&self, index: usize) -> Result<&'static str, String> {
        self.fields
            .get(index)
            .copied()
            .filter(|f| !f.is_empty())
            .ok_or_else(|| self.error(format!("field {} is missing", index + 1)))
    }

    fn expect_fields(&self, min: usize, max: usize) -> Result<(), String> {
        if (min..=max).contains(&self.fields.len()) {
            Ok(())
        } else {
            Err(self.error(format!("expected {min} to {max} fields separated by |, found {}", self.fields.len())))
        }
    }
}

fn lines(file: &'static str) -> Result<Vec<Line>, String> {
    let text = FILES.iter().find(|(name, _)| *name == file).map(|(_, text)| *text).unwrap_or_default();
    let mut out = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        if raw.chars().any(char::is_control) {
            return Err(format!("assets/demo/{file}:{number}: contains a control character"));
        }
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        out.push(Line { file, number, fields: trimmed.split('|').map(str::trim).collect() });
    }
    if out.is_empty() {
        return Err(format!("assets/demo/{file} has no entries"));
    }
    Ok(out)
}

/// Lowercase ASCII letters and digits for `text`, folding common Latin accents. `None`
/// when a letter has no plain spelling (the file must then give one).
pub fn fold_ascii(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(plain) = fold_letter(c) {
            out.push_str(plain);
        } else if c.is_alphabetic() {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}

fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' | 'ę' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

fn word(line: &Line, index: usize) -> Result<Word, String> {
    let text = line.field(index)?;
    let ascii = match line.fields.get(index + 1) {
        Some(spelling) => fold_ascii(spelling).filter(|a| a == spelling),
        None => fold_ascii(text),
    };
    let ascii =
        ascii.ok_or_else(|| line.error(format!("'{text}' needs a plain lowercase ASCII spelling after a |")))?;
    Ok(Word { text, ascii })
}

fn relationship(line: &Line, text: &str) -> Result<RelationshipType, String> {
    RelationshipType::parse(text).map_err(|e| line.error(e))
}

/// Lines of the form `kind | text`, grouped by the kind's position in `all`.
fn by_kind<K: Copy>(
    file: &'static str,
    all: &[K],
    parse: impl Fn(&str) -> Result<K, crate::domain::kinds::UnknownKey>,
    index: impl Fn(K) -> usize,
) -> Result<Vec<Vec<&'static str>>, String> {
    let mut groups = vec![Vec::new(); all.len()];
    for line in lines(file)? {
        line.expect_fields(2, 2)?;
        let kind = parse(line.field(0)?).map_err(|e| line.error(e))?;
        groups[index(kind)].push(line.field(1)?);
    }
    if groups.iter().any(Vec::is_empty) {
        return Err(format!("assets/demo/{file} needs at least one line for every kind"));
    }
    Ok(groups)
}

fn single_column(file: &'static str) -> Result<Vec<&'static str>, String> {
    lines(file)?
        .into_iter()
        .map(|line| {
            line.expect_fields(1, 1)?;
            line.field(0)
        })
        .collect()
}

fn cultures() -> Result<Vec<Culture>, String> {
    let mut cultures = Vec::new();
    for line in lines("cultures.txt")? {
        line.expect_fields(4, 4)?;
        let weight = line.field(1)?.parse().map_err(|_| line.error("the weight is not a whole number"))?;
        let order = match line.field(2)? {
            "given-first" => NameOrder::GivenFirst,
            "family-first" => NameOrder::FamilyFirst,
            "family-first-joined" => NameOrder::FamilyFirstJoined,
            other => return Err(line.error(format!("unknown name order '{other}'"))),
        };
        let phones = line.field(3)?.split(';').map(str::trim).filter(|p| !p.is_empty()).collect();
        cultures.push(Culture { key: line.field(0)?, weight, order, phones, given: Vec::new(), family: Vec::new() });
    }
    for (file, family) in [("given_names.txt", false), ("family_names.txt", true)] {
        for line in lines(file)? {
            line.expect_fields(2, 3)?;
            let key = line.field(0)?;
            let culture = cultures
                .iter_mut()
                .find(|c| c.key == key)
                .ok_or_else(|| line.error(format!("culture '{key}' is not in cultures.txt")))?;
            let name = word(&line, 1)?;
            if family { culture.family.push(name) } else { culture.given.push(name) }
        }
    }
    if let Some(c) =
        cultures.iter().find(|c| c.weight == 0 || c.phones.is_empty() || c.given.is_empty() || c.family.is_empty())
    {
        return Err(format!("culture '{}' needs a weight, phone patterns, given names and family names", c.key));
    }
    Ok(cultures)
}

impl Vocabulary {
    /// The compiled-in vocabulary.
    pub fn builtin() -> Result<Vocabulary, String> {
        let companies = lines("company_names.txt")?
            .iter()
            .map(|line| line.expect_fields(1, 2).and_then(|()| word(line, 0)))
            .collect::<Result<_, _>>()?;
        let mut tags = Vec::new();
        for line in lines("tags.txt")? {
            line.expect_fields(1, 2)?;
            let types = match line.fields.get(1) {
                Some(list) => list.split_whitespace().map(|t| relationship(&line, t)).collect::<Result<_, _>>()?,
                None => Vec::new(),
            };
            tags.push(Tag { text: line.field(0)?, types });
        }
        if tags.iter().all(|t| !t.types.is_empty()) {
            return Err("assets/demo/tags.txt needs some tags without types, for anyone".into());
        }
        let mut notes = Vec::new();
        for line in lines("notes.txt")? {
            line.expect_fields(2, 2)?;
            let fits = match line.field(0)? {
                "*" => None,
                key => Some(relationship(&line, key)?),
            };
            notes.push((fits, line.field(1)?));
        }
        if notes.iter().all(|(fits, _)| fits.is_some()) {
            return Err("assets/demo/notes.txt needs some notes marked * for anyone".into());
        }
        Ok(Vocabulary {
            cultures: cultures()?,
            companies,
            trades: single_column("trades.txt")?,
            owners: single_column("owners.txt")?,
            tags,
            summaries: by_kind(
                "interactions.txt",
                InteractionKind::ALL,
                InteractionKind::parse,
                InteractionKind::index,
            )?,
            comments: by_kind("feedback.txt", FeedbackKind::ALL, FeedbackKind::parse, FeedbackKind::index)?,
            contract_notes: by_kind("contracts.txt", ContractKind::ALL, ContractKind::parse, ContractKind::index)?,
            notes,
            email_domains: single_column("email_domains.txt")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_vocabulary_reads_cleanly() {
        let v = Vocabulary::builtin().unwrap();
        assert!(v.cultures.len() >= 10);
        assert!((5..=6).contains(&v.owners.len()));
        assert!(v.cultures.iter().any(|c| c.given.iter().any(|w| !w.text.is_ascii())));
        assert!(v.cultures.iter().any(|c| c.order == NameOrder::FamilyFirstJoined));
        for t in RelationshipType::ALL {
            assert!(v.tags.iter().any(|tag| tag.types.contains(t)), "no tag for {t}");
            assert!(v.notes.iter().any(|(fits, _)| *fits == Some(*t)), "no note for {t}");
        }
    }

    #[test]
    fn names_fold_to_plain_ascii() {
        assert_eq!(fold_ascii("Iñigo").as_deref(), Some("inigo"));
        assert_eq!(fold_ascii("O'Brien").as_deref(), Some("obrien"));
        assert_eq!(fold_ascii("Müller & Töchter").as_deref(), Some("mullertochter"));
        assert_eq!(fold_ascii("Weiß").as_deref(), Some("weiss"));
        assert_eq!(fold_ascii("佐藤"), None);
        assert_eq!(fold_ascii("&"), None);
    }
}
