//! A customer's stored type and the decisions that led to it. The engine is asked what it
//! would have said at a few past dates; the answers become accepted, applied or rejected
//! moves, the way people use the Review tab and `rapport reclassify --apply`.

use super::activity::Records;
use super::calendar::Calendar;
use super::plan::{Planned, Role};
use super::random::{self, Rng};
use crate::domain::signals::{FeedbackFacts, SignalAccumulator};
use crate::domain::{Classification, DecidedBy, RelationshipType, Rules, classify};

/// Days before today when the whole portfolio was reviewed.
const REVIEWS_AGO: [u32; 4] = [540, 365, 180, 90];
/// A customer is first reviewed once it has been around this long.
const SETTLING_DAYS: u32 = 21;

/// Everything known about one customer, to classify it as of any day.
pub struct Evidence<'a> {
    pub rules: &'a Rules,
    pub calendar: &'a Calendar,
    pub created_ago: u32,
    pub records: &'a Records,
    /// Days ago each customer this one referred was added.
    pub referred: &'a [u32],
}

impl Evidence<'_> {
    /// What the engine concludes from the records as they stood `ago` days before today;
    /// with 0, exactly what a full recomputation of the stored records gives.
    pub fn classify_as_of(&self, ago: u32) -> Classification {
        let mut acc = SignalAccumulator::new(self.calendar.ago(self.created_ago), self.calendar.ago(ago));
        for i in &self.records.interactions {
            acc.add_interaction(i.date, i.kind, i.amount, i.sentiment);
        }
        for f in &self.records.feedback {
            acc.add_feedback(&FeedbackFacts::from(f));
        }
        for c in &self.records.contracts {
            acc.add_contract(c.id, c.kind, c.start, c.end);
        }
        for _ in self.referred.iter().filter(|added| **added >= ago) {
            acc.add_referred_customer();
        }
        // The type only sets the follow-up cadence, which classification does not read.
        let signals = acc.finish(RelationshipType::Transactional, None, self.rules);
        classify(&signals, self.rules)
    }
}

/// One past decision, `ago` days before today.
#[derive(Debug, Clone)]
pub struct PastDecision {
    pub ago: u32,
    pub from: Option<RelationshipType>,
    pub to: RelationshipType,
    pub by: DecidedBy,
    pub reason: String,
}

pub struct Outcome {
    pub relationship: RelationshipType,
    pub pinned: bool,
    /// Oldest first.
    pub history: Vec<PastDecision>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Accept,
    AcceptWithOthers,
    Applied,
    Reject,
}

fn answered(answer: Answer, ago: u32, from: RelationshipType, to: RelationshipType, reasons: &str) -> PastDecision {
    let (by, to, reason) = match answer {
        Answer::Accept => (DecidedBy::User, to, format!("accepted: {reasons}")),
        Answer::AcceptWithOthers => (DecidedBy::User, to, format!("accepted with all others: {reasons}")),
        Answer::Applied => (DecidedBy::Engine, to, format!("applied by reclassify --apply: {reasons}")),
        Answer::Reject => (DecidedBy::User, from, format!("rejected a move to {}: {reasons}", to.key())),
    };
    PastDecision { ago, from: Some(from), to, by, reason }
}

fn by_hand(ago: u32, from: RelationshipType, to: RelationshipType) -> PastDecision {
    let reason = if from == to { "pinned by hand at this type" } else { "set by hand and pinned" };
    PastDecision { ago, from: Some(from), to, by: DecidedBy::User, reason: reason.into() }
}

/// A type a person could reasonably have had in mind instead of `t`.
fn plausible_other(rng: &mut Rng, t: RelationshipType) -> RelationshipType {
    use RelationshipType as T;
    let choices: &[T] = match t {
        T::Transactional => &[T::LongTerm, T::Supportive, T::Loyal],
        T::LongTerm => &[T::Transactional, T::Loyal],
        T::Loyal => &[T::LongTerm, T::Communal],
        T::Collaborative => &[T::LongTerm, T::Loyal],
        T::Communal => &[T::Loyal, T::Transactional],
        T::Contractual => &[T::LongTerm, T::Transactional],
        T::Supportive => &[T::Transactional, T::LongTerm],
    };
    *random::pick(rng, choices)
}

/// Decides the stored type, the pin and the history of `planned`, whose records give
/// `now` today.
pub fn decide(rng: &mut Rng, evidence: &Evidence<'_>, planned: &Planned, now: &Classification) -> Outcome {
    let concluded = now.relationship;
    if planned.role == Role::Current && !planned.tracked {
        return Outcome { relationship: concluded, pinned: false, history: Vec::new() };
    }
    let created = planned.created_ago;
    let pinned_ago = (planned.role == Role::Pinned)
        .then(|| if created > 8 { random::days(rng, 7, created.min(150) - 1) } else { created });

    // Customers start as transactional: with nothing on record, that is what the engine says.
    let mut current = RelationshipType::Transactional;
    let mut history: Vec<PastDecision> = Vec::new();
    let mut rejected = None;
    for review in REVIEWS_AGO {
        if review + SETTLING_DAYS > created || pinned_ago.is_some_and(|p| review <= p + 5) {
            continue;
        }
        let then = evidence.classify_as_of(review);
        let to = then.relationship;
        if to == current {
            rejected = None;
            continue;
        }
        if rejected == Some(to) {
            continue;
        }
        let answer = random::weighted(
            rng,
            &[(Answer::Accept, 50), (Answer::Applied, 25), (Answer::AcceptWithOthers, 15), (Answer::Reject, 10)],
        );
        let ago = review - random::days(rng, 0, 3);
        history.push(answered(answer, ago, current, to, &then.reasons_text()));
        if answer == Answer::Reject {
            rejected = Some(to);
        } else {
            current = to;
            rejected = None;
        }
    }
    let last_ago = history.last().map_or(created, |h| h.ago);

    match planned.role {
        Role::Current => {
            if concluded != current {
                let answer = random::weighted(rng, &[(Answer::Accept, 60), (Answer::Applied, 40)]);
                let ago = random::days(rng, 0, last_ago.saturating_sub(1).min(20));
                history.push(answered(answer, ago, current, concluded, &now.reasons_text()));
            }
            Outcome { relationship: concluded, pinned: false, history }
        }
        Role::Stale => stale(rng, current, concluded, last_ago, history),
        Role::Pinned => {
            let ago = pinned_ago.unwrap_or(created);
            let to = if random::chance(rng, 0.5) { concluded } else { plausible_other(rng, concluded) };
            history.push(if ago >= created {
                PastDecision {
                    ago: created,
                    from: None,
                    to,
                    by: DecidedBy::User,
                    reason: "type set by hand when the customer was added".into(),
                }
            } else {
                by_hand(ago, current, to)
            });
            Outcome { relationship: to, pinned: true, history }
        }
    }
}

/// A customer whose evidence has moved on while its stored type has not: the move the
/// engine now suggests is still waiting for someone's answer.
fn stale(
    rng: &mut Rng,
    current: RelationshipType,
    concluded: RelationshipType,
    last_ago: u32,
    mut history: Vec<PastDecision>,
) -> Outcome {
    if current != concluded {
        return Outcome { relationship: current, pinned: false, history };
    }
    // The latest accepted move has not happened yet.
    if let Some(last) = history.last()
        && last.from.is_some_and(|from| from != last.to)
    {
        let earlier = last.from.unwrap_or(current);
        history.pop();
        return Outcome { relationship: earlier, pinned: false, history };
    }
    // Otherwise someone once set another type by hand, then let the engine speak again.
    let earlier = plausible_other(rng, concluded);
    if last_ago >= 3 {
        let pinned_ago = random::days(rng, 2, (last_ago - 1).min(300));
        history.push(by_hand(pinned_ago, current, earlier));
        history.push(PastDecision {
            ago: random::days(rng, 1, pinned_ago - 1),
            from: Some(earlier),
            to: earlier,
            by: DecidedBy::User,
            reason: "unpinned".into(),
        });
    }
    Outcome { relationship: earlier, pinned: false, history }
}
