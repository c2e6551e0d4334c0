//! Seeded randomness. Every customer draws from its own stream, derived from the seed and
//! its position, so one customer's data never depends on how much another one drew.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub type Rng = ChaCha8Rng;

/// Streams: the overall plan, then one per customer.
pub const PLAN_STREAM: u64 = 0;
pub const CUSTOMER_STREAM: u64 = 1;

/// The generator for `stream` and `index` under `seed`.
pub fn rng_for(seed: u64, stream: u64, index: u64) -> Rng {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    bytes[8..16].copy_from_slice(&stream.to_le_bytes());
    bytes[16..24].copy_from_slice(&index.to_le_bytes());
    ChaCha8Rng::from_seed(bytes)
}

/// One item of a list the vocabulary guarantees is not empty.
pub fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// One item, each as likely as its weight.
pub fn weighted<T: Copy>(rng: &mut Rng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut roll = rng.random_range(0..total.max(1));
    for (item, weight) in items {
        if roll < *weight {
            return *item;
        }
        roll -= weight;
    }
    items[items.len() - 1].0
}

/// True with probability `p`.
pub fn chance(rng: &mut Rng, p: f64) -> bool {
    rng.random_bool(p.clamp(0.0, 1.0))
}

/// A whole number of days in `low..=high` (just `low` when the range is empty).
pub fn days(rng: &mut Rng, low: u32, high: u32) -> u32 {
    if high <= low { low } else { rng.random_range(low..=high) }
}

/// A number in `low..high`.
pub fn between(rng: &mut Rng, low: f64, high: f64) -> f64 {
    if high <= low { low } else { rng.random_range(low..high) }
}
