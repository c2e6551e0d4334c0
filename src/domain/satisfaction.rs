//! Satisfaction on one scale: each answer in half points, monthly means, the NPS
//! categories, the trend's direction and the portfolio's NPS and CSAT share.

use serde::Serialize;

/// Months in the satisfaction series.
pub const SERIES_MONTHS: usize = 12;

/// Where a latest NPS answer falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NpsCategory {
    Promoter,
    Passive,
    Detractor,
}

impl NpsCategory {
    pub fn of(score: u8) -> Self {
        match score {
            9.. => NpsCategory::Promoter,
            7..=8 => NpsCategory::Passive,
            _ => NpsCategory::Detractor,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            NpsCategory::Promoter => "promoter",
            NpsCategory::Passive => "passive",
            NpsCategory::Detractor => "detractor",
        }
    }
}

/// Direction of satisfaction over the last 90 days against the 90 before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Trend {
    Up,
    Flat,
    Down,
}

impl Trend {
    pub fn key(self) -> &'static str {
        match self {
            Trend::Up => "up",
            Trend::Flat => "flat",
            Trend::Down => "down",
        }
    }

    pub fn arrow(self) -> &'static str {
        match self {
            Trend::Up => "↑",
            Trend::Flat => "→",
            Trend::Down => "↓",
        }
    }

    pub fn parse(text: &str) -> Option<Trend> {
        [Trend::Up, Trend::Flat, Trend::Down].into_iter().find(|t| t.key() == text)
    }
}

/// A running mean kept as an exact sum of half points, so that sums are associative and
/// every pass over the same records gives the same result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MeanAccumulator {
    /// Sum of satisfaction values, each counted in half points (0–200).
    pub half_points: u32,
    pub count: u32,
}

impl MeanAccumulator {
    pub fn add_half_points(&mut self, half_points: u32) {
        self.half_points += half_points;
        self.count += 1;
    }

    pub fn merge(&mut self, other: MeanAccumulator) {
        self.half_points += other.half_points;
        self.count += other.count;
    }

    /// The mean on a 0–100 scale, or `None` without answers.
    pub fn mean(self) -> Option<f64> {
        (self.count > 0).then(|| f64::from(self.half_points) / 2.0 / f64::from(self.count))
    }
}

/// Satisfaction of one feedback answer in half points: CSAT 1→0 … 5→100 and NPS 0→0 …
/// 10→100, averaged over the scores present. `None` when the answer has no score.
pub fn answer_half_points(nps: Option<u8>, csat: Option<u8>) -> Option<u32> {
    let csat_points = csat.map(|c| u32::from(c.clamp(1, 5) - 1) * 25);
    let nps_points = nps.map(|n| u32::from(n.min(10)) * 10);
    match (csat_points, nps_points) {
        (Some(c), Some(n)) => Some(c + n),
        (Some(one), None) | (None, Some(one)) => Some(one * 2),
        (None, None) => None,
    }
}

/// Portfolio NPS (−100..100) from each customer's latest answer: % promoters − % detractors.
pub fn portfolio_nps(promoters: u64, passives: u64, detractors: u64) -> Option<i64> {
    let total = promoters + passives + detractors;
    (total > 0).then(|| {
        let score = (promoters as f64 - detractors as f64) * 100.0 / total as f64;
        score.round() as i64
    })
}

/// Share of CSAT answers that are 4 or 5, as a percentage.
pub fn csat_percent(good: u64, answers: u64) -> Option<f64> {
    (answers > 0).then(|| good as f64 * 100.0 / answers as f64)
}
