//! The customers the lists show, held as compact rows with their summaries, and the
//! views over them: the groups, the sort orders and the search filter. Nothing here
//! reads history; a view is a list of positions into the rows.

use std::collections::HashMap;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::domain::RelationshipType;
use crate::store::queries::RosterRow;

/// A group of the Customers tab: everyone, or one relationship type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    All,
    Type(RelationshipType),
}

impl Group {
    /// All, then the seven types in their display order.
    pub fn all() -> Vec<Group> {
        std::iter::once(Group::All).chain(RelationshipType::ALL.iter().map(|t| Group::Type(*t))).collect()
    }

    pub fn label(self) -> &'static str {
        match self {
            Group::All => "All",
            Group::Type(t) => t.label(),
        }
    }

    fn contains(self, row: &RosterRow) -> bool {
        match self {
            Group::All => true,
            Group::Type(t) => row.relationship == t,
        }
    }
}

/// The orders `s` cycles through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Name,
    LastContact,
    Created,
    Health,
}

impl SortKey {
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Name => SortKey::LastContact,
            SortKey::LastContact => SortKey::Created,
            SortKey::Created => SortKey::Health,
            SortKey::Health => SortKey::Name,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::LastContact => "last contact",
            SortKey::Created => "newest",
            SortKey::Health => "health (lowest first)",
        }
    }
}

struct Entry {
    row: RosterRow,
    /// Lower-cased name, so sorting does not allocate.
    name_key: String,
    /// What search looks through: name, company, email, tags and notes.
    haystack: String,
}

impl Entry {
    fn new(row: RosterRow) -> Entry {
        let name_key = row.name.trim().to_lowercase();
        let haystack =
            format!("{} {} {} {} {}", row.name, row.company, row.email, row.tags.replace(';', " "), row.notes);
        Entry { row, name_key, haystack }
    }
}

/// Previous search results, so typing one more character only narrows them.
struct SearchCache {
    query: String,
    /// Matching positions with their scores.
    matches: Vec<(u32, u32)>,
}

/// The rows and the current view over them.
pub struct Roster {
    entries: Vec<Entry>,
    by_id: HashMap<i64, usize>,
    sort: SortKey,
    /// Positions in sort order; `rank[pos]` is a row's place in it.
    sorted: Vec<u32>,
    rank: Vec<u32>,
    query: String,
    search_cache: Vec<SearchCache>,
    matcher: Matcher,
    /// Rows per group for the current rows and search, counted when either changes.
    counts: Vec<(Group, usize)>,
}

impl Roster {
    pub fn new(rows: Vec<RosterRow>) -> Roster {
        let mut roster = Roster {
            entries: Vec::new(),
            by_id: HashMap::new(),
            sort: SortKey::Name,
            sorted: Vec::new(),
            rank: Vec::new(),
            query: String::new(),
            search_cache: Vec::new(),
            matcher: Matcher::new(Config::DEFAULT),
            counts: Vec::new(),
        };
        roster.replace_all(rows);
        roster
    }

    /// Replaces every row, keeping the sort and the search.
    pub fn replace_all(&mut self, rows: Vec<RosterRow>) {
        self.entries = rows.into_iter().map(Entry::new).collect();
        self.reindex();
    }

    /// Brings in fresh rows for some customers; archived ones leave the lists.
    pub fn update(&mut self, rows: Vec<RosterRow>) {
        if rows.is_empty() {
            return;
        }
        for row in rows {
            match (self.by_id.get(&row.id).copied(), row.archived) {
                (Some(pos), true) => {
                    self.entries.swap_remove(pos);
                    self.by_id.remove(&row.id);
                    if let Some(moved) = self.entries.get(pos) {
                        self.by_id.insert(moved.row.id, pos);
                    }
                }
                (Some(pos), false) => self.entries[pos] = Entry::new(row),
                (None, true) => {}
                (None, false) => {
                    self.by_id.insert(row.id, self.entries.len());
                    self.entries.push(Entry::new(row));
                }
            }
        }
        self.reindex();
    }

    /// Drops a customer that no longer exists (an undone addition).
    pub fn remove(&mut self, id: i64) {
        if let Some(pos) = self.by_id.remove(&id) {
            self.entries.swap_remove(pos);
            self.reindex();
        }
    }

    fn reindex(&mut self) {
        self.by_id = self.entries.iter().enumerate().map(|(i, e)| (e.row.id, i)).collect();
        self.search_cache.clear();
        self.resort();
        // The cache is empty, so this re-runs the search over the new rows.
        let query = std::mem::take(&mut self.query);
        self.set_query(&query);
    }

    fn resort(&mut self) {
        let entries = &self.entries;
        let mut sorted: Vec<u32> = (0..entries.len() as u32).collect();
        let by_name = |a: &u32, b: &u32| {
            let (x, y) = (&entries[*a as usize], &entries[*b as usize]);
            x.name_key.cmp(&y.name_key).then(x.row.id.cmp(&y.row.id))
        };
        match self.sort {
            SortKey::Name => sorted.sort_unstable_by(by_name),
            SortKey::LastContact => sorted.sort_unstable_by(|a, b| {
                let (x, y) = (&entries[*a as usize].row, &entries[*b as usize].row);
                y.summary.last_interaction.cmp(&x.summary.last_interaction).then_with(|| by_name(a, b))
            }),
            SortKey::Created => sorted.sort_unstable_by(|a, b| {
                let (x, y) = (&entries[*a as usize].row, &entries[*b as usize].row);
                y.created.cmp(&x.created).then(y.id.cmp(&x.id))
            }),
            SortKey::Health => sorted.sort_unstable_by(|a, b| {
                let (x, y) = (&entries[*a as usize].row, &entries[*b as usize].row);
                x.summary.health.cmp(&y.summary.health).then_with(|| by_name(a, b))
            }),
        }
        let mut rank = vec![0u32; sorted.len()];
        for (place, pos) in sorted.iter().enumerate() {
            rank[*pos as usize] = place as u32;
        }
        self.sorted = sorted;
        self.rank = rank;
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn rows(&self) -> impl Iterator<Item = &RosterRow> {
        self.entries.iter().map(|e| &e.row)
    }

    pub fn get(&self, pos: u32) -> Option<&RosterRow> {
        self.entries.get(pos as usize).map(|e| &e.row)
    }

    pub fn by_id(&self, id: i64) -> Option<&RosterRow> {
        self.by_id.get(&id).map(|p| &self.entries[*p].row)
    }

    pub fn sort(&self) -> SortKey {
        self.sort
    }

    pub fn set_sort(&mut self, sort: SortKey) {
        self.sort = sort;
        self.resort();
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// Sets the search text; matching positions are cached per query so that typing on
    /// only narrows the previous matches and deleting steps back.
    pub fn set_query(&mut self, query: &str) {
        self.query = query.to_string();
        let wanted = query.trim();
        while self.search_cache.last().is_some_and(|c| !wanted.starts_with(c.query.as_str())) {
            self.search_cache.pop();
        }
        if wanted.is_empty() || self.search_cache.last().is_some_and(|c| c.query == wanted) {
            self.counts = self.count_groups();
            return;
        }
        let pattern = Pattern::parse(wanted, CaseMatching::Ignore, Normalization::Smart);
        let mut buf = Vec::new();
        let entries = &self.entries;
        let matcher = &mut self.matcher;
        let mut score = |pos: u32| {
            pattern.score(Utf32Str::new(&entries[pos as usize].haystack, &mut buf), matcher).map(|s| (pos, s))
        };
        let matches: Vec<(u32, u32)> = match self.search_cache.last() {
            Some(previous) => previous.matches.iter().filter_map(|(pos, _)| score(*pos)).collect(),
            None => (0..entries.len() as u32).filter_map(&mut score).collect(),
        };
        self.search_cache.push(SearchCache { query: wanted.to_string(), matches });
        self.counts = self.count_groups();
    }

    fn matches(&self) -> Option<&[(u32, u32)]> {
        if self.query.trim().is_empty() { None } else { self.search_cache.last().map(|c| c.matches.as_slice()) }
    }

    /// How many rows each group holds, counting only search matches while searching.
    pub fn group_counts(&self) -> &[(Group, usize)] {
        &self.counts
    }

    fn count_groups(&self) -> Vec<(Group, usize)> {
        let mut per_type = [0usize; 7];
        let mut total = 0;
        let mut count = |row: &RosterRow| {
            per_type[row.relationship.index()] += 1;
            total += 1;
        };
        match self.matches() {
            Some(matches) => matches.iter().for_each(|(pos, _)| count(&self.entries[*pos as usize].row)),
            None => self.entries.iter().for_each(|e| count(&e.row)),
        }
        Group::all()
            .into_iter()
            .map(|g| match g {
                Group::All => (g, total),
                Group::Type(t) => (g, per_type[t.index()]),
            })
            .collect()
    }

    /// The positions a group shows now: in sort order, or best match first while searching.
    pub fn view(&self, group: Group) -> Vec<u32> {
        match self.matches() {
            Some(matches) => {
                let mut hits: Vec<(u32, u32)> = matches
                    .iter()
                    .copied()
                    .filter(|(pos, _)| group.contains(&self.entries[*pos as usize].row))
                    .collect();
                hits.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(self.rank[a.0 as usize].cmp(&self.rank[b.0 as usize])));
                hits.into_iter().map(|(pos, _)| pos).collect()
            }
            None => match group {
                Group::All => self.sorted.clone(),
                _ => self.sorted.iter().copied().filter(|p| group.contains(&self.entries[*p as usize].row)).collect(),
            },
        }
    }
}
