//! `rapport reclassify`: evaluates every customer afresh, in one streaming pass over the
//! records, lists each one whose type no longer fits the evidence with the reasons, and
//! ends with a from → to count matrix. `--apply` accepts the pending moves of customers
//! that are not pinned; moves a person rejected earlier are left alone.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

use crate::cli::output::{self, Column, Out, Table};
use crate::cli::{CliResult, ReclassifyArgs, ReportFormat, open_existing_store};
use crate::domain::{Date, DecidedBy, RelationshipType, SuggestionStatus};
use crate::store::Store;

/// A customer whose type differs from the one the evidence points to.
#[derive(Debug, Serialize)]
struct Move {
    id: i64,
    name: String,
    from: RelationshipType,
    to: RelationshipType,
    pinned: bool,
    /// The stored suggestion's status: pending, rejected, or none stored yet.
    status: Option<SuggestionStatus>,
    reasons: Vec<String>,
}

impl Move {
    /// Whether `--apply` moves this customer.
    fn applies(&self) -> bool {
        !self.pinned && self.status == Some(SuggestionStatus::Pending)
    }

    fn rejected(&self) -> bool {
        self.status == Some(SuggestionStatus::Rejected)
    }
}

#[derive(Debug, Serialize)]
struct Cell {
    from: RelationshipType,
    to: RelationshipType,
    count: usize,
}

#[derive(Debug, Serialize)]
struct Report {
    today: Date,
    moves: Vec<Move>,
    matrix: Vec<Cell>,
    applied: usize,
}

pub fn run(db: Option<PathBuf>, args: &ReclassifyArgs) -> CliResult {
    let mut store = open_existing_store(db)?;
    let moves = find_moves(&store)?;
    let applied = if args.apply {
        // Exactly the moves listed: one that changed since is left for review.
        let listed = moves
            .iter()
            .filter(|m| m.applies())
            .map(|m| crate::store::ShownMove { customer_id: m.id, from: m.from, to: m.to })
            .collect();
        store.apply(&crate::store::Write::AcceptAll { by: DecidedBy::Engine, moves: listed })?.customer_ids.len()
    } else {
        0
    };
    let report = Report { today: store.today(), matrix: matrix(&moves), moves, applied };
    output::emit(|out| match args.format {
        ReportFormat::Json => output::write_json(out, &report),
        ReportFormat::Table => write_table(out, &report, args.apply),
    })
}

/// Runs the evaluation pass and keeps the customers (not archived) whose evaluated type
/// differs from their current one. Stored statuses come from the list rows, which are
/// in id order like the evaluations, so the two are merged in step.
fn find_moves(store: &Store) -> CliResult<Vec<Move>> {
    let roster = store.list_rows()?;
    let mut moves = Vec::new();
    let mut next = 0;
    store.evaluate_all(|eval| {
        let to = eval.classification.relationship;
        if eval.archived || to == eval.relationship {
            return Ok(());
        }
        while next < roster.len() && roster[next].id < eval.customer_id {
            next += 1;
        }
        let row = roster.get(next).filter(|r| r.id == eval.customer_id);
        moves.push(Move {
            id: eval.customer_id,
            name: eval.name,
            from: eval.relationship,
            to,
            pinned: eval.pinned,
            status: row.and_then(|r| r.suggestion).filter(|(target, _)| *target == to).map(|(_, status)| status),
            reasons: eval.classification.reasons,
        });
        Ok(())
    })?;
    Ok(moves)
}

/// How many customers would go from each type to each other type, in vocabulary order.
fn matrix(moves: &[Move]) -> Vec<Cell> {
    let n = RelationshipType::ALL.len();
    let mut counts = vec![0usize; n * n];
    for m in moves {
        counts[m.from.index() * n + m.to.index()] += 1;
    }
    let mut cells = Vec::new();
    for from in RelationshipType::ALL {
        for to in RelationshipType::ALL {
            let count = counts[from.index() * n + to.index()];
            if count > 0 {
                cells.push(Cell { from: *from, to: *to, count });
            }
        }
    }
    cells
}

const MOVE_COLUMNS: [Column; 5] = [
    Column::right("ID", 12),
    Column::left("NAME", 28),
    Column::left("FROM → TO", 29),
    Column::left("NOTE", 16),
    Column::left("REASONS", 1000),
];

fn note(m: &Move) -> &'static str {
    match (m.pinned, m.rejected()) {
        (true, true) => "pinned, rejected",
        (true, false) => "pinned",
        (false, true) => "rejected earlier",
        (false, false) => "",
    }
}

fn write_table(out: &mut Out, report: &Report, applying: bool) -> io::Result<()> {
    let moves = &report.moves;
    if moves.is_empty() {
        return writeln!(out, "As of {}, every customer's type fits the evidence: nothing to move.", report.today);
    }
    writeln!(out, "Customers whose type no longer fits the evidence, as of {}:", report.today)?;
    writeln!(out)?;
    let rows: Vec<Vec<String>> = moves
        .iter()
        .map(|m| {
            vec![
                m.id.to_string(),
                m.name.clone(),
                format!("{} → {}", m.from.key(), m.to.key()),
                note(m).to_string(),
                m.reasons.join("; "),
            ]
        })
        .collect();
    Table::new(&MOVE_COLUMNS).write_all(out, &rows)?;
    writeln!(out)?;
    write_matrix(out, &report.matrix)?;
    writeln!(out)?;
    write_summary(out, report, applying)
}

/// The matrix as a table: one row per current type, one column per suggested type,
/// only the types that occur, with totals.
fn write_matrix(out: &mut Out, cells: &[Cell]) -> io::Result<()> {
    let occurs = |pick: fn(&Cell) -> RelationshipType| -> Vec<RelationshipType> {
        RelationshipType::ALL.iter().copied().filter(|t| cells.iter().any(|c| pick(c) == *t)).collect()
    };
    let (froms, tos) = (occurs(|c| c.from), occurs(|c| c.to));
    let count = |from: RelationshipType, to: RelationshipType| {
        cells.iter().filter(|c| c.from == from && c.to == to).map(|c| c.count).sum::<usize>()
    };
    let mut columns = vec![Column::left("FROM \\ TO", 13)];
    columns.extend(tos.iter().map(|t| Column::right(t.key(), 13)));
    columns.push(Column::right("total", 9));
    let mut rows: Vec<Vec<String>> = froms
        .iter()
        .map(|from| {
            let mut row = vec![from.key().to_string()];
            row.extend(tos.iter().map(|to| count(*from, *to).to_string()));
            row.push(tos.iter().map(|to| count(*from, *to)).sum::<usize>().to_string());
            row
        })
        .collect();
    let mut totals = vec!["total".to_string()];
    totals.extend(tos.iter().map(|to| froms.iter().map(|from| count(*from, *to)).sum::<usize>().to_string()));
    totals.push(cells.iter().map(|c| c.count).sum::<usize>().to_string());
    rows.push(totals);
    Table::new(&columns).write_all(out, &rows)
}

fn write_summary(out: &mut Out, report: &Report, applying: bool) -> io::Result<()> {
    let moves = &report.moves;
    let applicable = moves.iter().filter(|m| m.applies()).count();
    let pinned = moves.iter().filter(|m| m.pinned).count();
    let rejected = moves.iter().filter(|m| !m.pinned && m.rejected()).count();
    let customers = |n: usize| if n == 1 { "1 customer".to_string() } else { format!("{n} customers") };
    if applying {
        writeln!(out, "Moved {} to the suggested type.", customers(report.applied))?;
    } else if moves.is_empty() {
        writeln!(out, "Every customer's type matches the evidence.")?;
    } else {
        writeln!(
            out,
            "The evidence points {} to another type; {applicable} of these {} pending, and \
             `rapport reclassify --apply` accepts {}.",
            customers(moves.len()),
            if applicable == 1 { "is" } else { "are" },
            if applicable == 1 { "it" } else { "them" },
        )?;
    }
    if pinned > 0 {
        writeln!(out, "{} pinned: a person set the type, so it stays.", customers(pinned))?;
    }
    if rejected > 0 {
        writeln!(
            out,
            "{} with the move rejected earlier: it stays until the evidence changes; to move one \
             now, set its type by hand (t in the dashboard).",
            customers(rejected)
        )?;
    }
    Ok(())
}
