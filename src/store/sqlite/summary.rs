//! Per-customer summaries: the signals the screens read, kept current in the same
//! transaction as every write, and recomputed for everyone when the date moves on or the
//! rules change. Also the suggestions that follow from them.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::rows::{self, parse_stored_date};
use super::{card, customer_row};
pub use crate::domain::model::{Evaluation, StoredSuggestion, Summary};
use crate::domain::model::{ListRow, Suggested};
use crate::domain::signals::{FeedbackFacts, MeanAccumulator, SERIES_MONTHS, SignalAccumulator};
use crate::domain::{
    Band, ContractKind, Customer, Date, FeedbackKind, PriorHistory, RelationshipType, Rules, Stage, SuggestionStatus,
    Trend, classify,
};
use crate::store::change::NewSuggestion;
use crate::store::context::Context;
use crate::store::error::Result;

/// Twelve (half points, count) pairs, little-endian u32s.
pub fn encode_monthly(monthly: &[MeanAccumulator; SERIES_MONTHS]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(SERIES_MONTHS * 8);
    for m in monthly {
        bytes.extend_from_slice(&m.half_points.to_le_bytes());
        bytes.extend_from_slice(&m.count.to_le_bytes());
    }
    bytes
}

pub fn decode_monthly(bytes: &[u8]) -> [MeanAccumulator; SERIES_MONTHS] {
    let mut out = [MeanAccumulator::default(); SERIES_MONTHS];
    for (slot, chunk) in out.iter_mut().zip(bytes.chunks_exact(8)) {
        let word = |r: std::ops::Range<usize>| u32::from_le_bytes(chunk[r].try_into().unwrap_or([0; 4]));
        *slot = MeanAccumulator { half_points: word(0..4), count: word(4..8) };
    }
    out
}

pub const SUMMARY_COLUMNS: &str = "health, band, satisfaction, latest_nps, csat_answers_90, csat_good_90, trend, \
     last_interaction, follow_up_on, open_complaints, interactions_total, purchases_365, spend_365_cents, monthly";

/// A summary from a row whose columns start at `at` in [`SUMMARY_COLUMNS`] order.
pub fn summary_from_row(row: &rusqlite::Row, at: usize) -> rusqlite::Result<Summary> {
    let band = rows::text_at(row, at + 1)?;
    let trend = rows::opt_text_at(row, at + 6)?;
    let monthly = row.get_ref(at + 13)?.as_blob()?;
    Ok(Summary {
        health: row.get(at)?,
        band: Band::parse(band).unwrap_or(Band::Watch),
        satisfaction: row.get(at + 2)?,
        latest_nps: row.get(at + 3)?,
        csat_answers_90: row.get(at + 4)?,
        csat_good_90: row.get(at + 5)?,
        trend: trend.and_then(Trend::parse),
        last_interaction: rows::opt_date_at(row, at + 7)?,
        follow_up_on: rows::date_at(row, at + 8)?,
        open_complaints: row.get(at + 9)?,
        interactions_total: row.get(at + 10)?,
        purchases_365: row.get(at + 11)?,
        spend_365: row.get(at + 12)?,
        monthly: decode_monthly(monthly),
    })
}

/// Writes a customer's summary and, beside it, its list card.
fn write_summary(conn: &Connection, row: &ListRow, rev: i64, basis: &str) -> Result<()> {
    let s = &row.summary;
    let mut stmt = conn.prepare_cached(
        "INSERT OR REPLACE INTO summaries (customer_id, rev, health, band, satisfaction, latest_nps, csat_answers_90, \
         csat_good_90, trend, last_interaction, follow_up_on, open_complaints, interactions_total, purchases_365, \
         spend_365_cents, monthly, card, basis) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?;
    stmt.execute(params![
        row.id,
        rev,
        s.health,
        s.band.key(),
        s.satisfaction,
        s.latest_nps,
        s.csat_answers_90,
        s.csat_good_90,
        s.trend.map(Trend::key),
        s.last_interaction.map(|d| d.to_string()),
        s.follow_up_on.to_string(),
        s.open_complaints,
        s.interactions_total,
        s.purchases_365,
        s.spend_365,
        encode_monthly(&s.monthly),
        card::encode(row),
        basis,
    ])?;
    Ok(())
}

/// Reads one customer's records and evaluates them.
pub fn evaluate_one(conn: &Connection, customer: &Customer, today: Date, rules: &Rules) -> Result<Evaluation> {
    let mut acc = SignalAccumulator::new(customer.created, today);
    acc.add_prior(&customer.prior);
    let mut stmt =
        conn.prepare_cached("SELECT date, kind, amount_cents, sentiment FROM interactions WHERE customer_id = ?1")?;
    let mut q = stmt.query([customer.id])?;
    while let Some(row) = q.next()? {
        let (date, kind) = (rows::date_at(row, 0)?, rows::interaction_kind_at(row, 1)?);
        acc.add_interaction(date, kind, row.get(2)?, row.get(3)?);
    }
    let mut stmt =
        conn.prepare_cached("SELECT id, date, kind, nps, csat, resolved FROM feedback WHERE customer_id = ?1")?;
    let mut q = stmt.query([customer.id])?;
    while let Some(row) = q.next()? {
        acc.add_feedback(&feedback_facts(row, 0)?);
    }
    let mut stmt = conn.prepare_cached("SELECT id, kind, start, end FROM contracts WHERE customer_id = ?1")?;
    let mut q = stmt.query([customer.id])?;
    while let Some(row) = q.next()? {
        let kind = ContractKind::parse(&row.get::<_, String>(1)?).unwrap_or(ContractKind::Other);
        acc.add_contract(row.get(0)?, kind, rows::date_at(row, 2)?, rows::opt_date_at(row, 3)?);
    }
    let referred: u32 = conn
        .prepare_cached("SELECT count(*) FROM customers WHERE referred_by = ?1")?
        .query_row([customer.id], |r| r.get(0))?;
    for _ in 0..referred {
        acc.add_referred_customer();
    }
    let signals = acc.finish(customer.relationship, customer.next_follow_up, rules);
    let classification = classify(&signals, rules);
    Ok(Evaluation {
        customer_id: customer.id,
        name: customer.name.clone(),
        company: customer.company.clone(),
        created: customer.created,
        relationship: customer.relationship,
        pinned: customer.pinned,
        archived: customer.archived,
        stage: customer.stage,
        signals,
        classification,
    })
}

/// Feedback facts from a row whose columns start at `at`: id, date, kind, nps, csat, resolved.
fn feedback_facts(row: &rusqlite::Row, at: usize) -> rusqlite::Result<FeedbackFacts> {
    Ok(FeedbackFacts {
        id: row.get(at)?,
        date: rows::date_at(row, at + 1)?,
        kind: FeedbackKind::parse(rows::text_at(row, at + 2)?).unwrap_or(FeedbackKind::General),
        nps: row.get(at + 3)?,
        csat: row.get(at + 4)?,
        resolved: row.get(at + 5)?,
    })
}

/// Stores what an evaluation implies: the summary, the stage and the suggestion, and
/// the list card that shows all three.
pub fn apply_evaluation(
    conn: &Connection,
    eval: &Evaluation,
    existing: Option<&StoredSuggestion>,
    rev: i64,
    ctx: &Context,
) -> Result<Option<NewSuggestion>> {
    let today = ctx.today;
    let stage = eval.classification.stage;
    if stage != eval.stage {
        conn.prepare_cached("UPDATE customers SET stage = ?2 WHERE id = ?1")?
            .execute(params![eval.customer_id, stage.key()])?;
    }
    let (suggestion, new) = store_suggestion(conn, eval, existing, today)?;
    write_summary(conn, &eval.list_row(stage, suggestion), rev, &ctx.basis())?;
    Ok(new)
}

/// What an evaluation makes of a customer's suggestion.
pub enum Outcome {
    /// No move is suggested: any stored suggestion goes.
    None,
    /// The stored one stands as it is.
    Unchanged(StoredSuggestion),
    /// The suggestion becomes this; `new` when its target is new (a person is asked again).
    Becomes { suggestion: StoredSuggestion, new: bool },
}

impl Outcome {
    /// The suggestion as it stands after the evaluation.
    pub fn stored(&self) -> Option<&StoredSuggestion> {
        match self {
            Outcome::None => None,
            Outcome::Unchanged(s) | Outcome::Becomes { suggestion: s, .. } => Some(s),
        }
    }

    pub fn shown(&self) -> Suggested {
        self.stored().map(|s| (s.to, s.status))
    }
}

/// What `eval` makes of the suggestion `existing`, on `today`. Nothing is read or written.
pub fn outcome(eval: &Evaluation, existing: Option<&StoredSuggestion>, today: Date) -> Outcome {
    let to = eval.classification.relationship;
    if eval.archived || to == eval.relationship {
        return Outcome::None;
    }
    let reasons = eval.classification.reasons_text();
    let same_target = existing.is_some_and(|s| s.to == to && s.from == eval.relationship);
    if let Some(s) = existing.filter(|s| same_target && s.reasons == reasons) {
        return Outcome::Unchanged(s.clone());
    }
    // A rejected suggestion stays rejected while it points at the same type; only a new
    // target asks the person again.
    let (status, since) = match existing {
        Some(s) if same_target => (s.status, s.since),
        _ => (SuggestionStatus::Pending, today),
    };
    Outcome::Becomes {
        suggestion: StoredSuggestion { from: eval.relationship, to, reasons, since, status },
        new: !same_target,
    }
}

/// Brings the stored suggestion in line with the evaluation. Returns the suggestion as
/// it now stands, and whether it is a new one.
fn store_suggestion(
    conn: &Connection,
    eval: &Evaluation,
    existing: Option<&StoredSuggestion>,
    today: Date,
) -> Result<(Suggested, Option<NewSuggestion>)> {
    let result = outcome(eval, existing, today);
    let shown = result.shown();
    let Outcome::Becomes { suggestion: s, new } = result else {
        if matches!(result, Outcome::None) && existing.is_some() {
            conn.prepare_cached("DELETE FROM suggestions WHERE customer_id = ?1")?.execute([eval.customer_id])?;
        }
        return Ok((shown, None));
    };
    conn.prepare_cached(
        "INSERT OR REPLACE INTO suggestions (customer_id, from_type, to_type, reasons, since, status) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        eval.customer_id,
        s.from.key(),
        s.to.key(),
        s.reasons,
        s.since.to_string(),
        status_key(s.status)
    ])?;
    let new = new.then_some(NewSuggestion { customer_id: eval.customer_id, from: s.from, to: s.to });
    Ok((shown, new))
}

pub fn status_key(status: SuggestionStatus) -> &'static str {
    match status {
        SuggestionStatus::Pending => "pending",
        SuggestionStatus::Rejected => "rejected",
    }
}

fn suggestion_from_row(row: &rusqlite::Row, at: usize) -> rusqlite::Result<StoredSuggestion> {
    let status: String = row.get(at + 4)?;
    Ok(StoredSuggestion {
        from: rows::relationship_at(row, at)?,
        to: rows::relationship_at(row, at + 1)?,
        reasons: row.get(at + 2)?,
        since: rows::date_at(row, at + 3)?,
        status: if status == "rejected" { SuggestionStatus::Rejected } else { SuggestionStatus::Pending },
    })
}

pub fn load_suggestion(conn: &Connection, customer_id: i64) -> Result<Option<StoredSuggestion>> {
    Ok(conn
        .prepare_cached("SELECT from_type, to_type, reasons, since, status FROM suggestions WHERE customer_id = ?1")?
        .query_row([customer_id], |r| suggestion_from_row(r, 0))
        .optional()?)
}

/// Re-evaluates one customer inside the caller's transaction.
pub fn refresh_one(conn: &Connection, customer_id: i64, rev: i64, ctx: &Context) -> Result<Option<NewSuggestion>> {
    let Some(customer) = customer_row::customer_by_id(conn, customer_id)? else {
        return Ok(None);
    };
    let eval = evaluate_one(conn, &customer, ctx.today, &ctx.rules)?;
    let existing = load_suggestion(conn, customer_id)?;
    apply_evaluation(conn, &eval, existing.as_ref(), rev, ctx)
}

/// Maps customer ids to positions; dense ids use a table, sparse ones a hash map.
struct IdIndex {
    min: i64,
    dense: Vec<u32>,
    sparse: HashMap<i64, u32>,
}

impl IdIndex {
    fn new(ids: &[i64]) -> IdIndex {
        let (min, max) = (ids.iter().copied().min().unwrap_or(0), ids.iter().copied().max().unwrap_or(0));
        let span = (max - min + 1).max(0) as usize;
        if span <= ids.len().saturating_mul(4).max(1024) {
            let mut dense = vec![u32::MAX; span];
            for (pos, id) in ids.iter().enumerate() {
                dense[(id - min) as usize] = pos as u32;
            }
            IdIndex { min, dense, sparse: HashMap::new() }
        } else {
            IdIndex { min, dense: Vec::new(), sparse: ids.iter().enumerate().map(|(p, id)| (*id, p as u32)).collect() }
        }
    }

    fn get(&self, id: i64) -> Option<usize> {
        if self.dense.is_empty() {
            self.sparse.get(&id).map(|p| *p as usize)
        } else {
            let slot = usize::try_from(id - self.min).ok()?;
            self.dense.get(slot).filter(|p| **p != u32::MAX).map(|p| *p as usize)
        }
    }
}

struct CustomerFacts {
    id: i64,
    name: String,
    company: String,
    created: Date,
    relationship: RelationshipType,
    pinned: bool,
    archived: bool,
    stage: Stage,
    next_follow_up: Option<Date>,
}

/// Evaluates every customer in one pass over each table, calling `each` in id order.
/// Memory stays at one small accumulator per customer, whatever the history's size.
pub fn evaluate_all(
    conn: &Connection,
    today: Date,
    rules: &Rules,
    each: impl FnMut(Evaluation) -> Result<()>,
) -> Result<()> {
    evaluate_range(conn, i64::MIN, i64::MAX, today, rules, each)
}

/// The same for the customers with ids `first..=last`.
pub fn evaluate_range(
    conn: &Connection,
    first: i64,
    last: i64,
    today: Date,
    rules: &Rules,
    mut each: impl FnMut(Evaluation) -> Result<()>,
) -> Result<()> {
    let mut facts = Vec::new();
    let mut accs = Vec::new();
    let mut referrers = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT id, relationship, pinned, archived, stage, next_follow_up, created, referred_by, name, company, \
             prior_orders, prior_spend_cents, prior_last_order, prior_since FROM customers \
             WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
        )?;
        let mut q = stmt.query([first, last])?;
        while let Some(row) = q.next()? {
            let created = rows::date_at(row, 6)?;
            facts.push(CustomerFacts {
                id: row.get(0)?,
                name: rows::text_at(row, 8)?.to_owned(),
                company: rows::text_at(row, 9)?.to_owned(),
                created,
                relationship: rows::relationship_at(row, 1)?,
                pinned: row.get(2)?,
                archived: row.get(3)?,
                stage: Stage::parse(&row.get::<_, String>(4)?).unwrap_or(Stage::Prospect),
                next_follow_up: rows::opt_date_at(row, 5)?,
            });
            let mut acc = SignalAccumulator::new(created, today);
            acc.add_prior(&PriorHistory {
                orders: row.get(10)?,
                spend: row.get(11)?,
                last_order: rows::opt_date_at(row, 12)?,
                since: rows::opt_date_at(row, 13)?,
            });
            accs.push(acc);
        }
        // Referrals made count whoever was referred, in the range or not.
        let mut stmt = conn.prepare_cached("SELECT referred_by FROM customers WHERE referred_by BETWEEN ?1 AND ?2")?;
        let mut q = stmt.query([first, last])?;
        while let Some(row) = q.next()? {
            referrers.push(row.get::<_, i64>(0)?);
        }
    }
    let ids: Vec<i64> = facts.iter().map(|f| f.id).collect();
    let index = IdIndex::new(&ids);
    for r in referrers {
        if let Some(p) = index.get(r) {
            accs[p].add_referred_customer();
        }
    }
    // Everyone: one plain scan of each table in its own order (through the index SQLite
    // would fetch every row by a second lookup). Some: the index range.
    let whole = first == i64::MIN && last == i64::MAX;
    let by_customer = if whole { "?1 <= ?2" } else { "customer_id BETWEEN ?1 AND ?2" };
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT customer_id, date, kind, amount_cents, sentiment FROM interactions WHERE {by_customer}"
        ))?;
        let mut q = stmt.query([first, last])?;
        while let Some(row) = q.next()? {
            if let Some(p) = index.get(row.get(0)?) {
                let date_text = row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
                let Some(date) = parse_stored_date(date_text) else { continue };
                accs[p].add_interaction(date, rows::interaction_kind_at(row, 2)?, row.get(3)?, row.get(4)?);
            }
        }
    }
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT customer_id, id, date, kind, nps, csat, resolved FROM feedback WHERE {by_customer}"
        ))?;
        let mut q = stmt.query([first, last])?;
        while let Some(row) = q.next()? {
            if let Some(p) = index.get(row.get(0)?) {
                accs[p].add_feedback(&feedback_facts(row, 1)?);
            }
        }
    }
    {
        let mut stmt = conn
            .prepare_cached(&format!("SELECT customer_id, id, kind, start, end FROM contracts WHERE {by_customer}"))?;
        let mut q = stmt.query([first, last])?;
        while let Some(row) = q.next()? {
            if let Some(p) = index.get(row.get(0)?) {
                let kind = ContractKind::parse(&row.get::<_, String>(2)?).unwrap_or(ContractKind::Other);
                accs[p].add_contract(row.get(1)?, kind, rows::date_at(row, 3)?, rows::opt_date_at(row, 4)?);
            }
        }
    }
    for (f, acc) in facts.into_iter().zip(accs.iter()) {
        let signals = acc.finish(f.relationship, f.next_follow_up, rules);
        let classification = classify(&signals, rules);
        each(Evaluation {
            customer_id: f.id,
            name: f.name,
            company: f.company,
            created: f.created,
            relationship: f.relationship,
            pinned: f.pinned,
            archived: f.archived,
            stage: f.stage,
            signals,
            classification,
        })?;
    }
    Ok(())
}

/// Recomputes and stores every summary, stage and suggestion in the caller's transaction.
pub fn refresh_all(conn: &Connection, rev: i64, ctx: &Context) -> Result<usize> {
    let mut existing: HashMap<i64, StoredSuggestion> = HashMap::new();
    {
        let mut stmt =
            conn.prepare("SELECT customer_id, from_type, to_type, reasons, since, status FROM suggestions")?;
        let mut q = stmt.query([])?;
        while let Some(row) = q.next()? {
            existing.insert(row.get(0)?, suggestion_from_row(row, 1)?);
        }
    }
    let mut count = 0;
    evaluate_all(conn, ctx.today, &ctx.rules, |eval| {
        apply_evaluation(conn, &eval, existing.get(&eval.customer_id), rev, ctx)?;
        count += 1;
        Ok(())
    })?;
    Ok(count)
}
