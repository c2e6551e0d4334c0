//! Rows, search texts and views for the tests of the roster's parts.

use nucleo_matcher::Utf32String;

use super::{Group, Roster, SortKey, haystack};
use crate::domain::RelationshipType;
use crate::domain::model::Summary;
use crate::domain::model::{ListRow, SearchFields};
use crate::domain::signals::{MeanAccumulator, SERIES_MONTHS};
use crate::domain::{Band, Date, Stage};

pub(super) fn day(n: i64) -> Date {
    Date::constant(2026, 1, 1).checked_add(jiff::Span::new().days(n - 200)).unwrap()
}

pub(super) fn row(id: i64, name: &str, n: i64) -> ListRow {
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

pub(super) const NAMES: [&str; 9] = [
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

pub(super) fn text(r: &ListRow) -> Utf32String {
    haystack(SearchFields { name: &r.name, company: &r.company, email: "", tags: "x;y", notes: "" }.joined())
}

pub(super) fn texts(rows: &[ListRow]) -> Vec<(i64, Utf32String)> {
    rows.iter().map(|r| (r.id, text(r))).collect()
}

pub(super) fn ids(roster: &Roster, group: Group) -> Vec<i64> {
    roster.view(group).iter().map(|p| roster.get(*p).unwrap().id).collect()
}

pub(super) fn fresh(rows: &[ListRow], sort: SortKey, query: &str) -> Roster {
    let mut r = Roster::new(rows.to_vec());
    r.set_sort(sort);
    r.set_search_texts(texts(rows));
    r.set_query(query);
    r
}
