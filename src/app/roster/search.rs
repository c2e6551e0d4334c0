//! The search filter: what search looks through for each row, and scoring it against
//! the query, narrowing earlier matches and in steps over many rows.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32String};

use super::Roster;

/// What search looks through for one customer (see [`crate::domain::model::SearchFields::joined`]), kept in
/// the matcher's own form so that a search does not convert 100,000 strings.
pub fn haystack(text: String) -> Utf32String {
    Utf32String::from(text)
}

/// Previous search results, so typing one more character only narrows them.
pub(super) struct SearchCache {
    query: String,
    /// Matching positions with their scores, in position order.
    matches: Vec<(u32, u32)>,
}

/// Below this many candidates a search runs on one thread.
const PARALLEL_FROM: usize = 4096;

/// Candidates scored per step of a search. A search over more runs in steps between
/// keys and frames (see [`Roster::continue_search`]), so typing never waits for the
/// whole list to be scored: this many take a few milliseconds on two cores.
pub(super) const SEARCH_STEP: usize = 16_384;

/// A search under way: the candidates still to score and what matched so far.
pub(super) struct SearchJob {
    query: String,
    pattern: Pattern,
    candidates: Vec<u32>,
    scored: usize,
    found: Vec<(u32, u32)>,
}

impl Roster {
    pub fn query(&self) -> &str {
        &self.query
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

    pub(super) fn rerun_search(&mut self) {
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
    pub(super) fn matches(&self) -> Option<&[(u32, u32)]> {
        if self.query.trim().is_empty() {
            return None;
        }
        match (self.search_cache.last(), &self.job) {
            (Some(done), _) => Some(done.matches.as_slice()),
            (None, Some(job)) => Some(job.found.as_slice()),
            (None, None) => None,
        }
    }
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
    use crate::app::roster::fixtures::{NAMES, fresh, ids, row, texts};
    use crate::app::roster::{Group, SortKey};
    use crate::domain::model::{ListRow, SearchFields};
    use nucleo_matcher::Config;

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
        assert_eq!(haystack(fields.joined()).to_string(), "Ada Engines ada@x.org vip north Tea.");
    }
}
