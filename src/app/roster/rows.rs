//! The rows themselves: the index by id, bringing rows in and taking them out, and the
//! groups with how many rows each holds.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use nucleo_matcher::Utf32String;

use super::Roster;
use super::ordering::name_key;
use crate::domain::RelationshipType;
use crate::domain::model::ListRow;

/// A group of the Customers tab: everyone, or one relationship type.
/// All and one group per relationship type.
pub const GROUPS: usize = RelationshipType::ALL.len() + 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    All,
    Type(RelationshipType),
}

impl Group {
    /// All, then the seven types in their display order.
    pub fn all() -> [Group; GROUPS] {
        std::array::from_fn(|i| if i == 0 { Group::All } else { Group::Type(RelationshipType::ALL[i - 1]) })
    }

    pub fn label(self) -> &'static str {
        match self {
            Group::All => "All",
            Group::Type(t) => t.label(),
        }
    }

    pub(super) fn contains(self, row: &ListRow) -> bool {
        match self {
            Group::All => true,
            Group::Type(t) => row.relationship == t,
        }
    }
}

/// Ids are spread evenly enough that a multiply is as good a hash as any, and much
/// cheaper than the default for 100,000 of them.
#[derive(Default)]
pub(super) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_i64(&mut self, id: i64) {
        self.0 = (id as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

pub(super) type IdMap = HashMap<i64, u32, BuildHasherDefault<IdHasher>>;

impl Roster {
    /// Brings in fresh rows for some customers, each with what search looks through when
    /// that has been read; archived ones leave the lists.
    pub fn update(&mut self, rows: Vec<(ListRow, Option<Utf32String>)>) {
        if rows.is_empty() {
            return;
        }
        let mut moved = Vec::new();
        for (row, text) in rows {
            let pos = match (self.by_id.get(&row.id).copied(), row.archived) {
                (Some(pos), true) => {
                    self.take(pos);
                    moved.push(pos);
                    continue;
                }
                (Some(pos), false) => pos,
                (None, true) => continue,
                (None, false) => {
                    let pos = self.rows.len() as u32;
                    self.by_id.insert(row.id, pos);
                    self.name_keys.push(name_key(&row));
                    self.present.push(true);
                    self.rows.push(row);
                    self.active += 1;
                    if let Some(h) = &mut self.haystacks {
                        h.push(text.unwrap_or_default());
                    }
                    moved.push(pos);
                    continue;
                }
            };
            if let (Some(h), Some(text)) = (&mut self.haystacks, text) {
                h[pos as usize] = text;
            }
            self.name_keys[pos as usize] = name_key(&row);
            self.rows[pos as usize] = row;
            moved.push(pos);
        }
        self.reposition(&moved);
        self.rerun_search();
    }

    /// Drops a customer that no longer exists (an undone addition).
    pub fn remove(&mut self, id: i64) {
        if let Some(pos) = self.by_id.get(&id).copied() {
            self.take(pos);
            self.reposition(&[pos]);
            self.rerun_search();
        }
    }

    fn take(&mut self, pos: u32) {
        if std::mem::take(&mut self.present[pos as usize]) {
            self.by_id.remove(&self.rows[pos as usize].id);
            self.active -= 1;
        }
        if let Some(h) = &mut self.haystacks {
            h[pos as usize] = Utf32String::default();
        }
    }

    /// How many customers the lists hold.
    pub fn len(&self) -> usize {
        self.active
    }

    pub fn is_empty(&self) -> bool {
        self.active == 0
    }

    pub fn rows(&self) -> impl Iterator<Item = &ListRow> {
        self.rows.iter().zip(&self.present).filter(|(_, here)| **here).map(|(row, _)| row)
    }

    /// How many of the rows have a suggestion waiting for a decision.
    pub fn suggestions_waiting(&self) -> usize {
        self.rows().filter(|r| r.suggestion_pending()).count()
    }

    pub fn get(&self, pos: u32) -> Option<&ListRow> {
        self.rows.get(pos as usize).filter(|_| self.present[pos as usize])
    }

    pub fn by_id(&self, id: i64) -> Option<&ListRow> {
        self.by_id.get(&id).and_then(|p| self.get(*p))
    }

    /// How many rows each group holds, counting only search matches while searching.
    pub fn group_counts(&self) -> &[(Group, usize)] {
        &self.counts
    }

    pub(super) fn count_groups(&self) -> Vec<(Group, usize)> {
        let mut per_type = [0usize; 7];
        let mut total = 0;
        let mut count = |row: &ListRow| {
            per_type[row.relationship.index()] += 1;
            total += 1;
        };
        match self.matches() {
            Some(matches) => matches.iter().filter_map(|(pos, _)| self.get(*pos)).for_each(&mut count),
            None => self.rows().for_each(&mut count),
        }
        Group::all()
            .into_iter()
            .map(|g| match g {
                Group::All => (g, total),
                Group::Type(t) => (g, per_type[t.index()]),
            })
            .collect()
    }
}
