//! The first pass: who the customers are in outline (when they arrived, which behaviour
//! they follow, who referred whom) before any record is made. Small enough to keep whole
//! for 100,000 customers, and it lets every customer know in advance how many people it
//! will refer.

use super::profile::TARGET_WEIGHTS;
use super::random::{self, PLAN_STREAM, Rng};
use crate::domain::RelationshipType;

/// The oldest a customer can be, in days: the sample covers two years.
pub const HISTORY_DAYS: u32 = 730;

/// What happens to a customer's stored type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Stored as the engine concludes.
    Current,
    /// Stored as an earlier type, so a suggestion is waiting for review.
    Stale,
    /// Set by hand and pinned.
    Pinned,
}

#[derive(Debug, Clone)]
pub struct Planned {
    /// Days before today the customer was added.
    pub created_ago: u32,
    pub target: RelationshipType,
    /// The customer went quiet this many days ago.
    pub lapsed_ago: Option<u32>,
    pub role: Role,
    /// Whether past reclassifications are kept in the history.
    pub tracked: bool,
    pub archived: bool,
    /// Position of the customer who referred this one.
    pub referred_by: Option<usize>,
}

pub struct Plan {
    pub customers: Vec<Planned>,
    /// For each customer, how many days ago each person it referred was added.
    pub referred: Vec<Vec<u32>>,
}

const STALE_SHARE: f64 = 0.08;
const PINNED_SHARE: f64 = 0.03;
const REFERRED_SHARE: f64 = 0.11;

impl Plan {
    pub fn new(seed: u64, count: usize) -> Plan {
        let mut rng = random::rng_for(seed, PLAN_STREAM, 0);
        // Ids follow arrival: the first customer is the oldest.
        let mut created: Vec<u32> = (0..count).map(|_| arrival(&mut rng)).collect();
        created.sort_unstable_by(|a, b| b.cmp(a));
        let mut customers = Vec::with_capacity(count);
        let mut referred = vec![Vec::new(); count];
        // Earlier customers likely to refer others, listed once per chance.
        let mut referrers: Vec<usize> = Vec::new();
        for (index, created_ago) in created.into_iter().enumerate() {
            let target = target_for(&mut rng, created_ago);
            let lapsed_ago = lapse(&mut rng, target, created_ago);
            let role = match rng_roll(&mut rng) {
                r if r < STALE_SHARE => Role::Stale,
                r if r < STALE_SHARE + PINNED_SHARE => Role::Pinned,
                _ => Role::Current,
            };
            let referred_by = (!referrers.is_empty() && random::chance(&mut rng, REFERRED_SHARE))
                .then(|| *random::pick(&mut rng, &referrers));
            if let Some(r) = referred_by {
                referred[r].push(created_ago);
            }
            let tracked = role != Role::Current || random::chance(&mut rng, 0.5);
            let archived = lapsed_ago.is_some() && role == Role::Current && random::chance(&mut rng, 0.08);
            let times = match target {
                RelationshipType::Communal => 4,
                RelationshipType::Loyal => 2,
                RelationshipType::LongTerm | RelationshipType::Collaborative => 1,
                _ => 0,
            };
            referrers.extend(std::iter::repeat_n(index, times));
            customers.push(Planned { created_ago, target, lapsed_ago, role, tracked, archived, referred_by });
        }
        Plan { customers, referred }
    }
}

fn rng_roll(rng: &mut Rng) -> f64 {
    random::between(rng, 0.0, 1.0)
}

/// Days ago a customer arrived: a steady flow over two years, a little slower lately.
fn arrival(rng: &mut Rng) -> u32 {
    let oldest = HISTORY_DAYS as f64;
    let skew = random::between(rng, 0.0, 1.0).powf(0.85);
    ((oldest - 2.0) * skew) as u32 + 2
}

fn target_for(rng: &mut Rng, created_ago: u32) -> RelationshipType {
    let target = random::weighted(rng, &TARGET_WEIGHTS);
    // Loyalty takes more than a year; a newer customer heading there is long-term so far.
    match target {
        RelationshipType::Loyal if created_ago < 420 => RelationshipType::LongTerm,
        other => other,
    }
}

fn lapse(rng: &mut Rng, target: RelationshipType, created_ago: u32) -> Option<u32> {
    let share = if target == RelationshipType::Contractual { 0.05 } else { 0.13 };
    if created_ago < 160 || !random::chance(rng, share) {
        return None;
    }
    Some(random::days(rng, 100, (created_ago - 40).min(520)))
}
