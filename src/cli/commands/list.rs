//! `rapport list`: customers with their signals, read from the stored summaries (never
//! from the raw history), sorted by name. A table for people, CSV or JSON for programs.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::ops::Range;
use std::path::PathBuf;

use serde::Serialize;

use super::input;
use crate::cli::output::{self, Column, JsonArray, Out, Table};
use crate::cli::{CliResult, ListArgs, ListFormat, open_existing_store};
use crate::domain::fields::{Place, fields_in};
use crate::domain::model::RosterRow;
use crate::domain::signals::Band;
use crate::domain::{Date, RelationshipType, Stage, SuggestionStatus, Trend};

/// One listed customer, as CSV and JSON write it (field names are the CSV header).
#[derive(Serialize)]
struct Listed<'a> {
    id: i64,
    name: &'a str,
    company: &'a str,
    email: Option<&'a str>,
    relationship: RelationshipType,
    pinned: bool,
    stage: Stage,
    owner: &'a str,
    health: u8,
    band: Band,
    satisfaction: Option<f64>,
    nps: Option<u8>,
    last_contact: Option<Date>,
    follow_up: Date,
    follow_up_due: bool,
    trend: Option<Trend>,
    open_complaints: u32,
    interactions: u32,
    suggestion: Option<RelationshipType>,
}

impl<'a> Listed<'a> {
    fn of(row: &'a RosterRow, today: Date) -> Listed<'a> {
        let s = &row.list.summary;
        Listed {
            id: row.list.id,
            name: &row.list.name,
            company: &row.list.company,
            email: Some(row.contacts.email.as_str()).filter(|e| !e.is_empty()),
            relationship: row.list.relationship,
            pinned: row.list.pinned,
            stage: row.list.stage,
            owner: &row.contacts.owner,
            health: s.health,
            band: s.band,
            satisfaction: s.satisfaction,
            nps: s.latest_nps,
            last_contact: s.last_interaction,
            follow_up: s.follow_up_on,
            follow_up_due: s.follow_up_due(today),
            trend: s.trend,
            open_complaints: s.open_complaints,
            interactions: s.interactions_total,
            suggestion: pending_target(row),
        }
    }
}

/// The type a pending suggestion proposes; a rejected one is not shown.
fn pending_target(row: &RosterRow) -> Option<RelationshipType> {
    row.list.suggestion.filter(|(_, status)| *status == SuggestionStatus::Pending).map(|(to, _)| to)
}

pub fn run(db: Option<PathBuf>, args: &ListArgs) -> CliResult {
    let wanted = args.relationship.as_deref().map(|t| input::key("type", t, RelationshipType::parse)).transpose()?;
    let store = open_existing_store(db)?;
    let today = store.today();
    let roster = store.roster()?;
    let chosen = roster.iter().filter(|r| {
        wanted.is_none_or(|t| r.list.relationship == t) && (!args.at_risk || r.list.summary.band == Band::AtRisk)
    });
    let rows = sorted_by_name(chosen);
    output::emit(|out| match args.format {
        ListFormat::Table => write_table(out, &rows, today),
        ListFormat::Csv => write_csv(out, &rows, today),
        ListFormat::Json => write_json(out, &rows, today),
    })
}

/// The rows sorted by name ignoring case, then by id. The lowercased names share one
/// buffer, so a large list costs no allocation per row.
fn sorted_by_name<'a>(rows: impl Iterator<Item = &'a RosterRow>) -> Vec<&'a RosterRow> {
    let mut names = String::new();
    let mut keyed: Vec<(Range<usize>, &RosterRow)> = rows
        .map(|row| {
            let start = names.len();
            names.extend(row.list.name.chars().flat_map(char::to_lowercase));
            (start..names.len(), row)
        })
        .collect();
    let bytes = names.as_bytes();
    keyed.sort_unstable_by(|(a, x), (b, y)| bytes[a.clone()].cmp(&bytes[b.clone()]).then(x.list.id.cmp(&y.list.id)));
    keyed.into_iter().map(|(_, row)| row).collect()
}

fn write_csv(out: &mut Out, rows: &[&RosterRow], today: Date) -> io::Result<()> {
    let mut csv = output::csv_writer(out);
    if rows.is_empty() {
        // Serialising writes the header with the first record; an empty list still gets one.
        csv.write_record(header()).map_err(output::csv_io)?;
    }
    for row in rows {
        csv.serialize(Listed::of(row, today)).map_err(output::csv_io)?;
    }
    csv.flush()
}

/// The CSV header, for an empty list: the listed fields of the domain's customer table,
/// then the summary's; the same names as [`Listed`]'s fields.
fn header() -> Vec<&'static str> {
    fields_in(Place::List).map(|f| f.key).chain(SUMMARY_HEADER).collect()
}

const SUMMARY_HEADER: [&str; 11] = [
    "health",
    "band",
    "satisfaction",
    "nps",
    "last_contact",
    "follow_up",
    "follow_up_due",
    "trend",
    "open_complaints",
    "interactions",
    "suggestion",
];

fn write_json(out: &mut Out, rows: &[&RosterRow], today: Date) -> io::Result<()> {
    let mut array = JsonArray::begin(out)?;
    for row in rows {
        array.push(out, &Listed::of(row, today))?;
    }
    array.end(out)
}

const COLUMNS: [Column; 18] = [
    Column::right("ID", 12),
    Column::left("NAME", 28),
    Column::left("COMPANY", 20),
    Column::left("EMAIL", 28),
    Column::left("TYPE", 13),
    Column::left("PIN", 3),
    Column::left("STAGE", 9),
    Column::left("OWNER", 14),
    Column::right("HEALTH", 6),
    Column::left("BAND", 7),
    Column::right("SAT", 3),
    Column::right("NPS", 3),
    Column::left("LAST CONTACT", 12),
    Column::left("FOLLOW-UP", 14),
    Column::left("TREND", 5),
    Column::right("COMPLAINTS", 10),
    Column::right("INTERACTIONS", 12),
    Column::left("SUGGESTS", 13),
];

/// The cells of one table row that need formatting, in buffers reused from row to row.
#[derive(Default)]
struct Cells {
    id: String,
    health: String,
    satisfaction: String,
    nps: String,
    last_contact: String,
    follow_up: String,
    complaints: String,
    interactions: String,
}

impl Cells {
    fn fill<'a>(&'a mut self, row: &'a RosterRow, today: Date) -> [&'a str; 18] {
        let s = &row.list.summary;
        for buf in [
            &mut self.id,
            &mut self.health,
            &mut self.satisfaction,
            &mut self.nps,
            &mut self.last_contact,
            &mut self.follow_up,
            &mut self.complaints,
            &mut self.interactions,
        ] {
            buf.clear();
        }
        // Writing to a String cannot fail.
        let _ = write!(self.id, "{}", row.list.id);
        let _ = write!(self.health, "{}", s.health);
        if let Some(v) = s.satisfaction {
            let _ = write!(self.satisfaction, "{v:.0}");
        }
        if let Some(n) = s.latest_nps {
            let _ = write!(self.nps, "{n}");
        }
        if let Some(d) = s.last_interaction {
            let _ = write!(self.last_contact, "{d}");
        }
        let due = if s.follow_up_due(today) { " due" } else { "" };
        let _ = write!(self.follow_up, "{}{due}", s.follow_up_on);
        if s.open_complaints > 0 {
            let _ = write!(self.complaints, "{}", s.open_complaints);
        }
        let _ = write!(self.interactions, "{}", s.interactions_total);
        let this: &'a Cells = self;
        [
            &this.id,
            &row.list.name,
            &row.list.company,
            &row.contacts.email,
            row.list.relationship.key(),
            if row.list.pinned { "yes" } else { "" },
            row.list.stage.key(),
            &row.contacts.owner,
            &this.health,
            s.band.label(),
            &this.satisfaction,
            &this.nps,
            &this.last_contact,
            &this.follow_up,
            s.trend.map_or("", Trend::key),
            &this.complaints,
            &this.interactions,
            pending_target(row).map_or("", RelationshipType::key),
        ]
    }
}

fn write_table(out: &mut Out, rows: &[&RosterRow], today: Date) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "No customers to list.");
    }
    let mut table = Table::new(&COLUMNS);
    let mut cells = Cells::default();
    for row in rows {
        table.measure(&cells.fill(row, today));
    }
    table.write_header(out)?;
    for row in rows {
        table.write_row(out, &cells.fill(row, today))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_names_the_fields_a_row_writes() {
        let listed = Listed {
            id: 1,
            name: "Ada",
            company: "",
            email: None,
            relationship: RelationshipType::Loyal,
            pinned: false,
            stage: Stage::Repeat,
            owner: "",
            health: 50,
            band: Band::Watch,
            satisfaction: None,
            nps: None,
            last_contact: None,
            follow_up: "2026-06-15".parse().unwrap(),
            follow_up_due: false,
            trend: None,
            open_complaints: 0,
            interactions: 0,
            suggestion: None,
        };
        let mut csv = csv::Writer::from_writer(Vec::new());
        csv.serialize(listed).unwrap();
        let written = String::from_utf8(csv.into_inner().unwrap()).unwrap();
        assert_eq!(written.lines().next(), Some(header().join(",").as_str()));
    }
}
