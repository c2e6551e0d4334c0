//! The sort orders: how two rows compare in each, and keeping the rows' positions in
//! that order as rows come, change and go.

use super::Roster;
use crate::domain::model::ListRow;

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

/// Lower-cased name, so sorting does not allocate.
pub(super) fn name_key(row: &ListRow) -> Box<str> {
    row.name.trim().to_lowercase().into_boxed_str()
}

impl Roster {
    pub fn sort(&self) -> SortKey {
        self.sort
    }

    pub fn set_sort(&mut self, sort: SortKey) {
        self.sort = sort;
        self.resort();
    }

    /// Takes the given positions out of the sort order and puts back those still holding
    /// a row, each at its place.
    pub(super) fn reposition(&mut self, positions: &[u32]) {
        if positions.len() > 64 {
            self.resort();
            return;
        }
        self.sorted.retain(|p| !positions.contains(p));
        let mut placed: Vec<u32> = positions.iter().copied().filter(|p| self.get(*p).is_some()).collect();
        placed.sort_unstable();
        placed.dedup();
        for pos in placed {
            let at = self.sorted.partition_point(|other| self.before(*other, pos));
            self.sorted.insert(at, pos);
        }
        self.rerank();
    }

    fn sorted_row(&self, pos: u32) -> Sorted<'_> {
        let row = &self.rows[pos as usize];
        Sorted {
            name_key: &self.name_keys[pos as usize],
            id: row.id,
            last_interaction: row.summary.last_interaction,
            created: row.created,
            health: row.summary.health,
        }
    }

    /// Whether the row at `a` comes before the row at `b` in the current sort order.
    fn before(&self, a: u32, b: u32) -> bool {
        order(self.sort, &self.sorted_row(a), &self.sorted_row(b)) == std::cmp::Ordering::Less
    }

    pub(super) fn resort(&mut self) {
        let sort = self.sort;
        let mut keyed: Vec<(u128, u32)> = (0..self.rows.len() as u32)
            .filter(|p| self.present[*p as usize])
            .map(|p| (prefix(sort, &self.sorted_row(p)), p))
            .collect();
        // Integers first; then the few rows whose numbers tie, by the whole order.
        keyed.sort_unstable();
        for run in keyed.chunk_by_mut(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
            // Each row's keys are read once, not at every comparison; names short enough
            // compare as numbers too (see `Tied`).
            let mut tied: Vec<Tied<'_>> = run.iter().map(|(_, p)| Tied::new(sort, self.sorted_row(*p), *p)).collect();
            tied.sort_unstable_by(|a, b| a.cmp(b, sort));
            for (slot, t) in run.iter_mut().zip(tied) {
                slot.1 = t.pos;
            }
        }
        self.sorted = keyed.into_iter().map(|(_, pos)| pos).collect();
        self.rerank();
    }

    fn rerank(&mut self) {
        self.rank.clear();
        self.rank.resize(self.rows.len(), u32::MAX);
        for (place, pos) in self.sorted.iter().enumerate() {
            self.rank[*pos as usize] = place as u32;
        }
    }
}

/// What a row sorts by: the key its name sorts by and the rest of what the orders use,
/// copied so that comparing two rows does not reach into either.
struct Sorted<'a> {
    name_key: &'a str,
    id: i64,
    last_interaction: Option<crate::domain::Date>,
    created: crate::domain::Date,
    health: u8,
}

/// How two rows compare in a sort order; names break ties, then ids.
fn order(sort: SortKey, x: &Sorted<'_>, y: &Sorted<'_>) -> std::cmp::Ordering {
    let by_name = || x.name_key.cmp(y.name_key).then(x.id.cmp(&y.id));
    match sort {
        SortKey::Name => by_name(),
        SortKey::LastContact => y.last_interaction.cmp(&x.last_interaction).then_with(by_name),
        SortKey::Created => y.created.cmp(&x.created).then(y.id.cmp(&x.id)),
        SortKey::Health => x.health.cmp(&y.health).then_with(by_name),
    }
}

/// A number that orders rows as [`order`] does wherever two numbers differ, so most
/// comparisons of a sort are one integer comparison: the first bytes of the name key,
/// after the date or the health the order puts first (for the newest first, the date
/// and the id, which is the whole order).
fn prefix(sort: SortKey, e: &Sorted<'_>) -> u128 {
    let mut bytes = [0u8; 16];
    let key = e.name_key.as_bytes();
    let n = key.len().min(16);
    bytes[..n].copy_from_slice(&key[..n]);
    let name = u128::from_be_bytes(bytes);
    match sort {
        SortKey::Name => name,
        // Newest first: the later the date, the smaller the number; never contacted last.
        SortKey::LastContact => {
            let day = e.last_interaction.map_or(u128::from(u32::MAX), |d| u128::from(u32::MAX - 1 - day_number(d)));
            (day << 96) | (name >> 32)
        }
        // Newest first, then the higher id: the whole order, so nothing ties.
        SortKey::Created => (u128::from(u32::MAX - day_number(e.created)) << 64) | u128::from(u64::MAX - e.id as u64),
        SortKey::Health => (u128::from(e.health) << 120) | (name >> 8),
    }
}

/// How many bytes of the name key [`prefix`] holds in each order.
fn name_bytes_in_prefix(sort: SortKey) -> usize {
    match sort {
        SortKey::Name => 16,
        SortKey::LastContact => 12,
        SortKey::Health => 15,
        SortKey::Created => 0,
    }
}

/// A row whose [`prefix`] ties with others'. Within a tie the order is the name after
/// the bytes the prefix held, then the id; for a name that ends within the next 16
/// bytes, that is `(next, len, id)` as numbers, exactly (zero padding only makes names
/// equal that the length then tells apart). Longer names compare in full.
struct Tied<'a> {
    sorted: Sorted<'a>,
    pos: u32,
    next: u128,
    short: bool,
}

impl<'a> Tied<'a> {
    fn new(sort: SortKey, sorted: Sorted<'a>, pos: u32) -> Tied<'a> {
        let from = name_bytes_in_prefix(sort);
        let key = sorted.name_key.as_bytes();
        let rest = key.get(from..).unwrap_or_default();
        let mut bytes = [0u8; 16];
        let n = rest.len().min(16);
        bytes[..n].copy_from_slice(&rest[..n]);
        Tied { next: u128::from_be_bytes(bytes), short: rest.len() <= 16, sorted, pos }
    }

    fn cmp(&self, other: &Tied<'_>, sort: SortKey) -> std::cmp::Ordering {
        if self.short && other.short && sort != SortKey::Created {
            let key = |t: &Tied<'_>| (t.next, t.sorted.name_key.len(), t.sorted.id);
            key(self).cmp(&key(other))
        } else {
            order(sort, &self.sorted, &other.sorted)
        }
    }
}

fn day_number(d: crate::domain::Date) -> u32 {
    (i32::from(d.year()) * 512 + i32::from(d.month()) * 32 + i32::from(d.day())).max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::roster::Group;
    use crate::app::roster::fixtures::{NAMES, day, fresh, ids, row, text};

    #[test]
    fn updates_keep_the_same_order_as_sorting_everything_again() {
        for sort in [SortKey::Name, SortKey::LastContact, SortKey::Created, SortKey::Health] {
            for query in ["", "co"] {
                let mut rows: Vec<ListRow> = (0..60).map(|i| row(i * 3 + 10, NAMES[i as usize % 9], i)).collect();
                let mut roster = fresh(&rows, sort, query);
                let mut next_id = 1;
                for step in 0..40i64 {
                    let at = (step * 7 % rows.len() as i64) as usize;
                    let changed = match step % 5 {
                        0 => {
                            rows[at].name = NAMES[(step as usize + 4) % 9].into();
                            rows[at].clone()
                        }
                        1 => {
                            rows[at].summary.health = (step * 13 % 100) as u8;
                            rows[at].summary.last_interaction = Some(day(step % 6));
                            rows[at].clone()
                        }
                        2 => {
                            let mut gone = rows.remove(at);
                            gone.archived = true;
                            gone
                        }
                        3 => {
                            // A customer back from the archive may have any id.
                            next_id += 1;
                            rows.push(row(next_id, NAMES[step as usize % 9], step));
                            rows[rows.len() - 1].clone()
                        }
                        _ => {
                            let gone = rows.remove(at);
                            roster.remove(gone.id);
                            assert_eq!(ids(&roster, Group::All), ids(&fresh(&rows, sort, query), Group::All));
                            continue;
                        }
                    };
                    let text = Some(text(&changed));
                    roster.update(vec![(changed, text)]);
                    let expected = fresh(&rows, sort, query);
                    assert_eq!(roster.len(), rows.len());
                    for group in Group::all() {
                        assert_eq!(ids(&roster, group), ids(&expected, group), "{sort:?} {query:?} step {step}");
                    }
                    assert_eq!(roster.group_counts(), expected.group_counts());
                }
            }
        }
    }
}
