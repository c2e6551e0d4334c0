//! The customers the lists show, held as compact rows with their summaries, and the
//! views over them: the groups, the sort orders and the search filter. Nothing here
//! reads history; a view is a list of positions into the rows.
//!
//! Built for 100,000 customers: rows keep their place once added (a row that leaves
//! leaves a hole), so one save moves one row in the sort order instead of re-sorting all
//! of them; the text search looks through is read on the first search, not at start; and
//! a search over many rows is split between two threads.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};

use crate::domain::RelationshipType;
use crate::store::queries::{ListRow, SearchFields};

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

    fn contains(self, row: &ListRow) -> bool {
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

/// What search looks through for one customer: name, company, email, tags and notes,
/// kept in the matcher's own form so that a search does not convert 100,000 strings.
pub fn haystack(fields: SearchFields<'_>) -> Utf32String {
    let SearchFields { name, company, email, tags, notes } = fields;
    Utf32String::from(format!("{name} {company} {email} {} {notes}", tags.replace(';', " ")))
}

/// Lower-cased name, so sorting does not allocate.
fn name_key(row: &ListRow) -> Box<str> {
    row.name.trim().to_lowercase().into_boxed_str()
}

/// Ids are spread evenly enough that a multiply is as good a hash as any, and much
/// cheaper than the default for 100,000 of them.
#[derive(Default)]
struct IdHasher(u64);

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

type IdMap = HashMap<i64, u32, BuildHasherDefault<IdHasher>>;

/// Previous search results, so typing one more character only narrows them.
struct SearchCache {
    query: String,
    /// Matching positions with their scores, in position order.
    matches: Vec<(u32, u32)>,
}

/// Below this many candidates a search runs on one thread.
const PARALLEL_FROM: usize = 4096;

/// Candidates scored per step of a search. A search over more runs in steps between
/// keys and frames (see [`Roster::continue_search`]), so typing never waits for the
/// whole list to be scored: this many take a few milliseconds on two cores.
const SEARCH_STEP: usize = 16_384;

/// A search under way: the candidates still to score and what matched so far.
struct SearchJob {
    query: String,
    pattern: Pattern,
    candidates: Vec<u32>,
    scored: usize,
    found: Vec<(u32, u32)>,
}

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

    /// Whether a search needs [`Roster::set_search_texts`] first.
    pub fn needs_search_texts(&self) -> bool {
        self.haystacks.is_none()
    }

    /// Takes what search looks through, by customer id (rows without one match nothing).
    pub fn set_search_texts(&mut self, texts: Vec<(i64, Utf32String)>) {
        let mut haystacks: Vec<Utf32String> = (0..self.rows.len()).map(|_| Utf32String::default()).collect();
        for (id, text) in texts {
            if let Some(pos) = self.by_id.get(&id) {
                haystacks[*pos as usize] = text;
            }
        }
        self.haystacks = Some(haystacks);
        self.rerun_search();
    }

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

    /// Takes the given positions out of the sort order and puts back those still holding
    /// a row, each at its place.
    fn reposition(&mut self, positions: &[u32]) {
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

    fn resort(&mut self) {
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

    pub fn get(&self, pos: u32) -> Option<&ListRow> {
        self.rows.get(pos as usize).filter(|_| self.present[pos as usize])
    }

    pub fn by_id(&self, id: i64) -> Option<&ListRow> {
        self.by_id.get(&id).and_then(|p| self.get(*p))
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

    fn rerun_search(&mut self) {
        self.search_cache.clear();
        let query = std::mem::take(&mut self.query);
        self.set_query(&query);
    }

    /// Sets the search text; matching positions are cached per query so that typing on
    /// only narrows the previous matches and deleting steps back. Until the search text
    /// has been given, a search matches nothing. A search over many candidates scores
    /// its first step here and the rest in [`Roster::continue_search`].
    pub fn set_query(&mut self, query: &str) {
        self.query = query.to_string();
        self.job = None;
        let wanted = query.trim();
        while self.search_cache.last().is_some_and(|c| !wanted.starts_with(c.query.as_str())) {
            self.search_cache.pop();
        }
        if wanted.is_empty() || self.search_cache.last().is_some_and(|c| c.query == wanted) {
            self.counts = self.count_groups();
            return;
        }
        let candidates: Vec<u32> = match (&self.haystacks, self.search_cache.last()) {
            (None, _) => Vec::new(),
            (Some(_), Some(previous)) => previous.matches.iter().map(|(pos, _)| *pos).collect(),
            (Some(haystacks), None) => (0..haystacks.len() as u32).filter(|p| self.present[*p as usize]).collect(),
        };
        self.job = Some(SearchJob {
            query: wanted.to_string(),
            pattern: Pattern::parse(wanted, CaseMatching::Ignore, Normalization::Smart),
            found: Vec::new(),
            scored: 0,
            candidates,
        });
        if !self.continue_search() {
            // The matches shown are now those of the query this one narrows.
            self.counts = self.count_groups();
        }
    }

    /// Whether a search still has candidates to score.
    pub fn searching(&self) -> bool {
        self.job.is_some()
    }

    /// Scores the next step of the search under way; true when that finished it.
    pub fn continue_search(&mut self) -> bool {
        let Some(job) = &mut self.job else { return false };
        let end = (job.scored + self.search_step).min(job.candidates.len());
        // Without the search text there are no candidates: nothing matches.
        if let Some(haystacks) = &self.haystacks {
            let step = &job.candidates[job.scored..end];
            job.found.extend(score_all(&job.pattern, haystacks, step, &mut self.matchers));
        }
        job.scored = end;
        let finished = end == job.candidates.len();
        if finished && let Some(job) = self.job.take() {
            self.search_cache.push(SearchCache { query: job.query, matches: job.found });
        }
        // Until it ends, a search that narrows another shows (and counts) that one's
        // matches, which have not changed.
        if finished || self.search_cache.is_empty() {
            self.counts = self.count_groups();
        }
        finished
    }

    /// The matches shown: while a search is being scored, those of the query it narrows
    /// (or, for a first search, what it has found so far).
    fn matches(&self) -> Option<&[(u32, u32)]> {
        if self.query.trim().is_empty() {
            return None;
        }
        match (self.search_cache.last(), &self.job) {
            (Some(done), _) => Some(done.matches.as_slice()),
            (None, Some(job)) => Some(job.found.as_slice()),
            (None, None) => None,
        }
    }

    /// How many rows each group holds, counting only search matches while searching.
    pub fn group_counts(&self) -> &[(Group, usize)] {
        &self.counts
    }

    fn count_groups(&self) -> Vec<(Group, usize)> {
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

/// Scores `candidates` (positions, ascending) against the pattern, on two threads when
/// there are many; the result keeps their order.
fn score_all(
    pattern: &Pattern,
    haystacks: &[Utf32String],
    candidates: &[u32],
    matchers: &mut [Matcher; 2],
) -> Vec<(u32, u32)> {
    let score = |part: &[u32], matcher: &mut Matcher| -> Vec<(u32, u32)> {
        part.iter()
            .filter_map(|pos| pattern.score(haystacks[*pos as usize].slice(..), matcher).map(|s| (*pos, s)))
            .collect()
    };
    if candidates.len() < PARALLEL_FROM {
        return score(candidates, &mut matchers[0]);
    }
    let (first, second) = candidates.split_at(candidates.len() / 2);
    let [mine, theirs] = matchers;
    let (mut found, rest) = std::thread::scope(|scope| {
        let other = scope.spawn(|| score(second, theirs));
        let found = score(first, mine);
        // A panic in the other half is a bug in the matcher; score that half here then.
        (found, other.join())
    });
    match rest {
        Ok(rest) => found.extend(rest),
        Err(_) => found.extend(score(second, mine)),
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::signals::{MeanAccumulator, SERIES_MONTHS};
    use crate::domain::{Band, Date, Stage};
    use crate::store::Summary;

    fn day(n: i64) -> Date {
        Date::constant(2026, 1, 1).checked_add(jiff::Span::new().days(n - 200)).unwrap()
    }

    fn row(id: i64, name: &str, n: i64) -> ListRow {
        ListRow {
            id,
            name: name.into(),
            company: format!("Company {}", n % 5),
            relationship: RelationshipType::ALL[(n % 7) as usize],
            pinned: false,
            stage: Stage::Repeat,
            created: day(n % 9),
            archived: false,
            summary: Summary {
                health: (n * 37 % 101) as u8,
                band: Band::Watch,
                satisfaction: None,
                latest_nps: None,
                csat_answers_90: 0,
                csat_good_90: 0,
                trend: None,
                last_interaction: (n % 4 != 0).then(|| day(n % 11)),
                follow_up_on: day(0),
                open_complaints: 0,
                interactions_total: 0,
                purchases_365: 0,
                spend_365: 0,
                monthly: [MeanAccumulator::default(); SERIES_MONTHS],
            },
            suggestion: None,
        }
    }

    const NAMES: [&str; 9] = [
        "ada",
        "Ada",
        "a very long name indeed, longer than thirty-two bytes",
        "Zoë",
        "zoe",
        "Émile Ström",
        "émile ström",
        "ΣΊΣΥΦΟΣ",
        "a very long name indeed, longer",
    ];

    fn text(r: &ListRow) -> Utf32String {
        haystack(SearchFields { name: &r.name, company: &r.company, email: "", tags: "x;y", notes: "" })
    }

    fn texts(rows: &[ListRow]) -> Vec<(i64, Utf32String)> {
        rows.iter().map(|r| (r.id, text(r))).collect()
    }

    fn ids(roster: &Roster, group: Group) -> Vec<i64> {
        roster.view(group).iter().map(|p| roster.get(*p).unwrap().id).collect()
    }

    fn fresh(rows: &[ListRow], sort: SortKey, query: &str) -> Roster {
        let mut r = Roster::new(rows.to_vec());
        r.set_sort(sort);
        r.set_search_texts(texts(rows));
        r.set_query(query);
        r
    }

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

    #[test]
    fn search_matches_nothing_until_it_has_the_text_and_then_finds_it() {
        let rows: Vec<ListRow> = (0..20).map(|i| row(i + 1, NAMES[i as usize % 9], i)).collect();
        let mut roster = Roster::new(rows.clone());
        assert!(roster.needs_search_texts());
        roster.set_query("emile");
        assert!(roster.view(Group::All).is_empty());
        roster.set_search_texts(texts(&rows));
        assert!(!roster.needs_search_texts());
        let found = ids(&roster, Group::All);
        assert!(!found.is_empty());
        let emiles: Vec<i64> = rows.iter().filter(|r| r.name.to_lowercase().contains("mile")).map(|r| r.id).collect();
        assert!(emiles.iter().all(|id| found.contains(id)), "{found:?}");
        assert!(emiles.contains(&found[0]), "the best match first: {found:?}");
        // A reload reads the text again on the next search.
        roster.replace_all(rows);
        assert!(roster.needs_search_texts());
    }

    #[test]
    fn a_search_in_steps_ends_where_a_search_in_one_step_ends() {
        let rows: Vec<ListRow> = (0..50).map(|i| row(i + 1, NAMES[i as usize % 9], i)).collect();
        let mut stepped = Roster::new(rows.clone());
        stepped.search_step = 7;
        stepped.set_search_texts(texts(&rows));
        let typed = ["e", "em", "emi", "em", "z", "zo"];
        for (n, query) in typed.iter().enumerate() {
            let before = ids(&stepped, Group::All);
            stepped.set_query(query);
            let narrows = n > 0 && query.starts_with(typed[n - 1]);
            if stepped.searching() && narrows {
                // While it runs, the matches of the query it narrows stay on screen.
                assert_eq!(ids(&stepped, Group::All), before, "{query}");
            }
            let mut steps = 0;
            while stepped.searching() {
                steps += 1;
                stepped.continue_search();
                assert!(steps < 50, "the search ends");
            }
            let whole = fresh(&rows, SortKey::Name, query);
            assert_eq!(ids(&stepped, Group::All), ids(&whole, Group::All), "{query}");
            assert_eq!(stepped.group_counts(), whole.group_counts(), "{query}");
        }
    }

    #[test]
    fn a_first_search_shows_what_it_found_so_far_and_a_new_key_starts_over() {
        let rows: Vec<ListRow> = (0..40).map(|i| row(i + 1, NAMES[i as usize % 9], i)).collect();
        let mut roster = Roster::new(rows.clone());
        roster.search_step = 10;
        roster.set_search_texts(texts(&rows));
        roster.set_query("a");
        assert!(roster.searching());
        let so_far = ids(&roster, Group::All);
        assert!(!so_far.is_empty() && so_far.iter().all(|id| *id <= 10), "{so_far:?}");
        assert_eq!(roster.group_counts()[0].1, so_far.len());
        // A different query replaces the one under way rather than waiting for it.
        roster.set_query("zo");
        while roster.searching() {
            roster.continue_search();
        }
        assert_eq!(ids(&roster, Group::All), ids(&fresh(&rows, SortKey::Name, "zo"), Group::All));
        assert!(!roster.continue_search(), "nothing left to do");
    }

    #[test]
    fn a_search_on_two_threads_finds_what_one_thread_finds() {
        let hay: Vec<Utf32String> = (0..PARALLEL_FROM * 2 + 17)
            .map(|i| Utf32String::from(format!("{} {} customer-{i}@example.com", NAMES[i % 9], i * 7919 % 1000)))
            .collect();
        let candidates: Vec<u32> = (0..hay.len() as u32).collect();
        let mut matchers = [Matcher::new(Config::DEFAULT), Matcher::new(Config::DEFAULT)];
        for query in ["a", "em 7", "zoe", "xyz"] {
            let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
            let both = score_all(&pattern, &hay, &candidates, &mut matchers);
            let mut one = Vec::new();
            for part in candidates.chunks(PARALLEL_FROM - 1) {
                one.extend(score_all(&pattern, &hay, part, &mut matchers));
            }
            assert_eq!(both, one, "{query}");
        }
    }

    #[test]
    fn the_haystack_holds_every_searchable_field() {
        let fields =
            SearchFields { name: "Ada", company: "Engines", email: "ada@x.org", tags: "vip;north", notes: "Tea." };
        assert_eq!(haystack(fields).to_string(), "Ada Engines ada@x.org vip north Tea.");
    }
}
