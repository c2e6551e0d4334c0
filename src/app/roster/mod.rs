//! The customers the lists show, held as compact rows with their summaries, and the
//! views over them: the groups, the sort orders and the search filter. Nothing here
//! reads history; a view is a list of positions into the rows.
//!
//! Built for 100,000 customers: rows keep their place once added (a row that leaves
//! leaves a hole), so one save moves one row in the sort order instead of re-sorting all
//! of them; the text search looks through is read on the first search, not at start; and
//! a search over many rows is split between two threads.

mod ordering;
mod rows;
mod search;

#[cfg(test)]
mod fixtures;

use nucleo_matcher::{Config, Matcher, Utf32String};

use crate::domain::model::ListRow;

pub use ordering::SortKey;
pub use rows::{GROUPS, Group};
pub use search::haystack;

use ordering::name_key;
use rows::IdMap;
use search::{SEARCH_STEP, SearchCache, SearchJob};

/// The rows and the current view over them.
pub struct Roster {
    /// Rows by position, as read; a row that left stays here, marked absent, until
    /// everything is reloaded.
    rows: Vec<ListRow>,
    present: Vec<bool>,
    name_keys: Vec<Box<str>>,
    active: usize,
    by_id: IdMap,
    sort: SortKey,
    /// Positions of the rows present, in sort order; `rank[pos]` is a row's place in it.
    sorted: Vec<u32>,
    rank: Vec<u32>,
    /// What search looks through, by position; read on the first search.
    haystacks: Option<Vec<Utf32String>>,
    query: String,
    search_cache: Vec<SearchCache>,
    /// The search being scored, when it needs more than one step.
    job: Option<SearchJob>,
    search_step: usize,
    /// One matcher per thread a search runs on.
    matchers: [Matcher; 2],
    /// Rows per group for the current rows and search, counted when either changes.
    counts: Vec<(Group, usize)>,
}

impl Roster {
    pub fn new(rows: Vec<ListRow>) -> Roster {
        let mut roster = Roster {
            rows: Vec::new(),
            present: Vec::new(),
            name_keys: Vec::new(),
            active: 0,
            by_id: IdMap::default(),
            sort: SortKey::Name,
            sorted: Vec::new(),
            rank: Vec::new(),
            haystacks: None,
            query: String::new(),
            search_cache: Vec::new(),
            job: None,
            search_step: SEARCH_STEP,
            matchers: [Matcher::new(Config::DEFAULT), Matcher::new(Config::DEFAULT)],
            counts: Vec::new(),
        };
        roster.replace_all(rows);
        roster
    }

    /// Replaces every row, keeping the sort and the search text; what search looks
    /// through is read again on the next search.
    pub fn replace_all(&mut self, rows: Vec<ListRow>) {
        self.name_keys = rows.iter().map(name_key).collect();
        self.present = vec![true; rows.len()];
        self.active = rows.len();
        self.by_id = IdMap::with_capacity_and_hasher(rows.len(), Default::default());
        for (pos, row) in rows.iter().enumerate() {
            self.by_id.insert(row.id, pos as u32);
        }
        self.rows = rows;
        self.haystacks = None;
        self.resort();
        self.rerun_search();
    }

    /// The positions a group shows now: in sort order, or best match first while searching
    /// (equal scores in sort order).
    pub fn view(&self, group: Group) -> Vec<u32> {
        match self.matches() {
            Some(matches) => {
                // Best score first, then sort order, packed in one number to sort by.
                let mut keys: Vec<u64> = matches
                    .iter()
                    .filter(|(pos, _)| self.get(*pos).is_some_and(|r| group.contains(r)))
                    .map(|(pos, score)| (u64::from(u32::MAX - score) << 32) | u64::from(self.rank[*pos as usize]))
                    .collect();
                keys.sort_unstable();
                keys.into_iter().map(|k| self.sorted[(k & 0xffff_ffff) as usize]).collect()
            }
            None => match group {
                Group::All => self.sorted.clone(),
                _ => self.sorted.iter().copied().filter(|p| self.get(*p).is_some_and(|r| group.contains(r))).collect(),
            },
        }
    }
}
