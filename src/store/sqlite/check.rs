//! `rapport check`: SQLite's own integrity and foreign key checks, then the program's
//! consistency: every customer in use has a summary, stored summaries and stages equal a
//! fresh computation for the date they were computed for, suggestions agree with the
//! engine, and each list card says what the rest says. Reads only.

use rusqlite::{Connection, OptionalExtension};

use super::listing::stored_card;
use super::summary::{self, Evaluation, SUMMARY_COLUMNS, Summary, summary_from_row};
use super::{Sqlite, spend};
use crate::domain::model::ListRow;
use crate::store::error::Result;
use crate::store::reports::CheckReport;
use crate::text::inert;

fn integrity(conn: &Connection, report: &mut CheckReport) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    report.problems.extend(lines.into_iter().filter(|l| l != "ok").map(|l| format!("SQLite integrity: {l}")));
    Ok(())
}

fn foreign_keys(conn: &Connection, report: &mut CheckReport) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows =
        stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?)))?;
    for row in rows {
        let (table, rowid, parent) = row?;
        let which = rowid.map_or(String::new(), |id| format!(" {id}"));
        report.problems.push(format!("{table} row{which} points at a row of {parent} that does not exist"));
    }
    Ok(())
}

fn counts(conn: &Connection, report: &mut CheckReport) -> Result<()> {
    let counts = conn.query_row(
        "SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM customers WHERE archived = 1), \
         (SELECT count(*) FROM interactions), (SELECT count(*) FROM feedback), \
         (SELECT count(*) FROM contracts), (SELECT count(*) FROM history)",
        [],
        |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?]),
    )?;
    [report.customers, report.archived, report.interactions, report.feedback, report.contracts, report.history] =
        counts;
    Ok(())
}

/// The names of the fields in which two summaries differ.
fn differences(stored: &Summary, fresh: &Summary) -> Vec<&'static str> {
    let checks = [
        ("health", stored.health == fresh.health),
        ("band", stored.band == fresh.band),
        ("satisfaction", stored.satisfaction == fresh.satisfaction),
        ("latest NPS", stored.latest_nps == fresh.latest_nps),
        ("CSAT answers", stored.csat_answers_90 == fresh.csat_answers_90 && stored.csat_good_90 == fresh.csat_good_90),
        ("trend", stored.trend == fresh.trend),
        ("last interaction", stored.last_interaction == fresh.last_interaction),
        ("follow-up date", stored.follow_up_on == fresh.follow_up_on),
        ("open complaints", stored.open_complaints == fresh.open_complaints),
        ("interaction count", stored.interactions_total == fresh.interactions_total),
        ("purchases", stored.purchases_365 == fresh.purchases_365 && stored.spend_365 == fresh.spend_365),
        ("monthly satisfaction", stored.monthly == fresh.monthly),
    ];
    checks.into_iter().filter(|(_, same)| !same).map(|(name, _)| name).collect()
}

impl Sqlite {
    /// Checks the whole database without changing it. Everything is read in one read
    /// transaction: other processes may be writing meanwhile, and records read before a
    /// write compared with summaries read after it would disagree for no fault of the file.
    pub(super) fn check(&self) -> Result<CheckReport> {
        self.in_read(Sqlite::check_snapshot)
    }

    fn check_snapshot(&self) -> Result<CheckReport> {
        let mut report = CheckReport::default();
        integrity(&self.conn, &mut report)?;
        if !report.problems.is_empty() {
            report.notes.push("the consistency checks were skipped because the file itself is damaged".into());
            return Ok(report);
        }
        foreign_keys(&self.conn, &mut report)?;
        counts(&self.conn, &mut report)?;
        for id in spend::customers_past_range(&self.conn)? {
            report.problems.push(format!(
                "customer {id}: the total spend is past what rapport can count; an amount or the spend before rapport is wrong"
            ));
        }
        self.check_summaries(&mut report)?;
        Ok(report)
    }

    fn who(&self, id: i64) -> Result<String> {
        let name: Option<String> =
            self.conn.query_row("SELECT name FROM customers WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        Ok(match name {
            Some(name) => format!("customer {id} ({})", inert(name.trim())),
            None => format!("customer {id}"),
        })
    }

    fn check_summaries(&self, report: &mut CheckReport) -> Result<()> {
        // A summary computed for another day or other rules is not wrong, only waiting
        // for a refresh; it is compared with nothing and counted.
        let basis = self.ctx.basis();
        let waiting: i64 =
            self.conn.query_row("SELECT count(*) FROM summaries WHERE basis != ?1", [&basis], |r| r.get(0))?;
        if waiting > 0 {
            report.notes.push(format!(
                "{waiting} summar{} computed for another day or other rules and wait{} for a refresh, so {} not \
                 compared; the next command that writes, or an open dashboard, refreshes them",
                if waiting == 1 { "y was" } else { "ies were" },
                if waiting == 1 { "s" } else { "" },
                if waiting == 1 { "it was" } else { "they were" },
            ));
        }
        let date = self.ctx.today;
        // The summary and its card in one read.
        let sql = format!("SELECT card, basis, {SUMMARY_COLUMNS} FROM summaries WHERE customer_id = ?1");
        let mut found = Vec::new();
        summary::evaluate_all(&self.conn, date, &self.ctx.rules, |eval| {
            let id = eval.customer_id;
            let stored = self
                .conn
                .prepare_cached(&sql)?
                .query_row([id], |r| {
                    let current = r.get_ref(1)?.as_str().is_ok_and(|b| b == basis);
                    Ok((summary_from_row(r, 2)?, stored_card(id, r.get_ref(0)?), current))
                })
                .optional()?;
            if stored.as_ref().is_some_and(|(_, _, current)| !current) {
                return Ok(());
            }
            let stored = stored.map(|(summary, card, _)| (summary, card));
            let (stored, card) = stored.map_or((None, None), |(summary, card)| (Some(summary), card));
            let suggestion = summary::load_suggestion(&self.conn, id)?;
            let problems = judge(&eval, stored.as_ref(), suggestion.as_ref());
            // The card copies the rest: while that is wrong, the card is not worth a word.
            if problems.is_empty()
                && stored.is_some()
                && let Some(problem) = judge_card(&eval, suggestion.as_ref(), card)
            {
                found.push((eval.customer_id, problem));
            }
            found.extend(problems.into_iter().map(|p| (eval.customer_id, p)));
            Ok(())
        })?;
        for (id, problem) in found {
            report.problems.push(format!("{} {problem} (as of {date})", self.who(id)?));
        }
        Ok(())
    }
}

/// What is wrong with a customer's list card, the copy of its record, summary and
/// suggestion that the lists read.
fn judge_card(
    eval: &Evaluation,
    suggestion: Option<&summary::StoredSuggestion>,
    card: Option<ListRow>,
) -> Option<String> {
    let expected = eval.list_row(eval.stage, suggestion.map(|s| (s.to, s.status)));
    match card {
        None => Some("has no readable list card, so the lists read its tables instead".into()),
        Some(card) if card != expected => Some("has a list card that disagrees with its record".into()),
        Some(_) => None,
    }
}

/// What is wrong with one customer's derived data, each as the end of a sentence that
/// starts with the customer.
fn judge(eval: &Evaluation, stored: Option<&Summary>, suggestion: Option<&summary::StoredSuggestion>) -> Vec<String> {
    let mut problems = Vec::new();
    match stored {
        None if !eval.archived => problems.push("has no summary".to_string()),
        None => {}
        Some(stored) => {
            let differ = differences(stored, &Summary::from_signals(&eval.signals));
            if !differ.is_empty() {
                problems
                    .push(format!("has a stored summary that disagrees with its records in: {}", differ.join(", ")));
            }
        }
    }
    let engine = &eval.classification;
    if engine.stage != eval.stage {
        problems.push(format!("is at stage {} but its records say {}", eval.stage.key(), engine.stage.key()));
    }
    match suggestion {
        Some(_) if eval.archived => problems.push("is archived but still has a suggestion".into()),
        None if !eval.archived && engine.relationship != eval.relationship => problems.push(format!(
            "should have a suggestion to move from {} to {}, but none is stored",
            eval.relationship.key(),
            engine.relationship.key()
        )),
        Some(s) if !eval.archived && engine.relationship == eval.relationship => problems
            .push(format!("has a suggestion to move to {} although the engine agrees with its type", s.to.key())),
        Some(s) if s.to != engine.relationship || s.from != eval.relationship => problems.push(format!(
            "has a suggestion from {} to {}, but it is {} and the engine says {}",
            s.from.key(),
            s.to.key(),
            eval.relationship.key(),
            engine.relationship.key()
        )),
        _ => {}
    }
    problems
}
