//! The list card: everything a list shows about one customer, packed into one BLOB kept
//! beside its summary and rewritten with it.
//!
//! A list of 100,000 customers reads one column per row instead of two dozen spread over
//! three tables, which is most of what opening the dashboard costs. The card is a copy:
//! the customer's own row, its summary and its suggestion stay the record, `rapport
//! check` compares the card with them, and a card that is missing or unreadable is read
//! from them instead.
//!
//! Layout (version 1): a version byte; relationship, stage, band, trend and suggestion
//! codes and a flag byte; health; then LEB128 numbers (dates as year·512 + month·32 +
//! day); satisfaction as 8 little-endian bytes when present; the twelve monthly
//! accumulators; name and company, each as a length and UTF-8 bytes.

use crate::domain::model::{ListRow, Summary};
use crate::domain::signals::{MeanAccumulator, SERIES_MONTHS};
use crate::domain::{Band, Date, RelationshipType, Stage, SuggestionStatus, Trend};

const VERSION: u8 = 1;

const PINNED: u8 = 1;
const ARCHIVED: u8 = 2;
const HAS_SATISFACTION: u8 = 4;
const HAS_NPS: u8 = 8;
const HAS_LAST_INTERACTION: u8 = 16;

const TRENDS: [Trend; 3] = [Trend::Up, Trend::Flat, Trend::Down];

fn index_of<T: PartialEq>(all: &[T], value: &T) -> u8 {
    all.iter().position(|v| v == value).unwrap_or(0) as u8
}

fn put_number(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn date_number(d: Date) -> u64 {
    (i64::from(d.year()) * 512 + i64::from(d.month()) * 32 + i64::from(d.day())).max(0) as u64
}

fn put_text(out: &mut Vec<u8>, text: &str) {
    put_number(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

/// Packs a list row (its id is the summary's key and is not repeated).
pub fn encode(row: &ListRow) -> Vec<u8> {
    let s = &row.summary;
    let mut out = Vec::with_capacity(64 + row.name.len() + row.company.len());
    let mut flags = 0;
    for (on, flag) in [
        (row.pinned, PINNED),
        (row.archived, ARCHIVED),
        (s.satisfaction.is_some(), HAS_SATISFACTION),
        (s.latest_nps.is_some(), HAS_NPS),
        (s.last_interaction.is_some(), HAS_LAST_INTERACTION),
    ] {
        if on {
            flags |= flag;
        }
    }
    let suggestion = match row.suggestion {
        None => 0,
        Some((to, status)) => 1 + 2 * to.index() as u8 + u8::from(status == SuggestionStatus::Rejected),
    };
    let trend = s.trend.map_or(0, |t| 1 + index_of(&TRENDS, &t));
    out.extend_from_slice(&[
        VERSION,
        row.relationship.index() as u8,
        row.stage.index() as u8,
        index_of(&Band::ALL, &s.band),
        trend,
        suggestion,
        flags,
        s.health,
        s.latest_nps.unwrap_or(0),
    ]);
    put_number(&mut out, date_number(row.created));
    put_number(&mut out, date_number(s.follow_up_on));
    put_number(&mut out, s.last_interaction.map_or(0, date_number));
    if let Some(v) = s.satisfaction {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for n in [s.csat_answers_90, s.csat_good_90, s.open_complaints, s.interactions_total, s.purchases_365] {
        put_number(&mut out, u64::from(n));
    }
    // Spend is never negative, but a zigzag keeps any value exact.
    put_number(&mut out, ((s.spend_365 << 1) ^ (s.spend_365 >> 63)) as u64);
    for m in &s.monthly {
        put_number(&mut out, u64::from(m.half_points));
        put_number(&mut out, u64::from(m.count));
    }
    put_text(&mut out, &row.name);
    put_text(&mut out, &row.company);
    out
}

/// Reads a card back; `None` for anything that is not a whole, valid card of this version.
pub fn decode(id: i64, bytes: &[u8]) -> Option<ListRow> {
    let mut r = Reader { bytes, at: 0 };
    if r.byte()? != VERSION {
        return None;
    }
    let relationship = *RelationshipType::ALL.get(usize::from(r.byte()?))?;
    let stage = *Stage::ALL.get(usize::from(r.byte()?))?;
    let band = *Band::ALL.get(usize::from(r.byte()?))?;
    let trend = match r.byte()? {
        0 => None,
        t => Some(*TRENDS.get(usize::from(t - 1))?),
    };
    let suggestion = match r.byte()? {
        0 => None,
        code => {
            let to = *RelationshipType::ALL.get(usize::from((code - 1) / 2))?;
            let status = if (code - 1) % 2 == 1 { SuggestionStatus::Rejected } else { SuggestionStatus::Pending };
            Some((to, status))
        }
    };
    let flags = r.byte()?;
    let health = r.byte()?;
    let nps = r.byte()?;
    let created = r.date()?;
    let follow_up_on = r.date()?;
    let last_interaction = r.number()?;
    let satisfaction = if flags & HAS_SATISFACTION != 0 { Some(f64::from_le_bytes(r.array()?)) } else { None };
    let mut counts = [0u32; 5];
    for c in &mut counts {
        *c = r.small()?;
    }
    let zigzag = r.number()?;
    let spend_365 = ((zigzag >> 1) as i64) ^ -((zigzag & 1) as i64);
    let mut monthly = [MeanAccumulator::default(); SERIES_MONTHS];
    for m in &mut monthly {
        *m = MeanAccumulator { half_points: r.small()?, count: r.small()? };
    }
    let name = r.text()?;
    let company = r.text()?;
    if r.at != bytes.len() {
        return None;
    }
    let [csat_answers_90, csat_good_90, open_complaints, interactions_total, purchases_365] = counts;
    Some(ListRow {
        id,
        name,
        company,
        relationship,
        pinned: flags & PINNED != 0,
        stage,
        created,
        archived: flags & ARCHIVED != 0,
        summary: Summary {
            health,
            band,
            satisfaction,
            latest_nps: (flags & HAS_NPS != 0).then_some(nps),
            csat_answers_90,
            csat_good_90,
            trend,
            last_interaction: if flags & HAS_LAST_INTERACTION != 0 { Some(date_of(last_interaction)?) } else { None },
            follow_up_on,
            open_complaints,
            interactions_total,
            purchases_365,
            spend_365,
            monthly,
        },
        suggestion,
    })
}

fn date_of(n: u64) -> Option<Date> {
    let year = i16::try_from(n / 512).ok()?;
    Date::new(year, ((n % 512) / 32) as i8, (n % 32) as i8).ok()
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(N)?)?;
        self.at += N;
        slice.try_into().ok()
    }

    fn number(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    fn small(&mut self) -> Option<u32> {
        u32::try_from(self.number()?).ok()
    }

    fn date(&mut self) -> Option<Date> {
        date_of(self.number()?)
    }

    fn text(&mut self) -> Option<String> {
        let len = usize::try_from(self.number()?).ok()?;
        let slice = self.bytes.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        String::from_utf8(slice.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn sample() -> ListRow {
        let mut monthly = [MeanAccumulator::default(); SERIES_MONTHS];
        monthly[3] = MeanAccumulator { half_points: 1_000_000, count: 3 };
        monthly[11] = MeanAccumulator { half_points: 150, count: 1 };
        ListRow {
            id: 42,
            name: "Zoë Ōtsuka-Ångström".into(),
            company: "Fjord & Co".into(),
            relationship: RelationshipType::Communal,
            pinned: true,
            stage: Stage::Advocate,
            created: date("2019-02-28"),
            archived: false,
            summary: Summary {
                health: 73,
                band: Band::Healthy,
                satisfaction: Some(87.5),
                latest_nps: Some(0),
                csat_answers_90: 4,
                csat_good_90: 3,
                trend: Some(Trend::Down),
                last_interaction: Some(date("2026-06-14")),
                follow_up_on: date("2026-07-14"),
                open_complaints: 1,
                interactions_total: 2_000_000,
                purchases_365: 17,
                spend_365: 1_234_567_890_123,
                monthly,
            },
            suggestion: Some((RelationshipType::Supportive, SuggestionStatus::Rejected)),
        }
    }

    #[test]
    fn a_card_reads_back_as_the_row_it_was_made_from() {
        let row = sample();
        assert_eq!(decode(42, &encode(&row)), Some(row.clone()));

        let mut bare = row;
        bare.name = "A".into();
        bare.company = String::new();
        bare.pinned = false;
        bare.archived = true;
        bare.summary.satisfaction = None;
        bare.summary.latest_nps = None;
        bare.summary.trend = None;
        bare.summary.last_interaction = None;
        bare.summary.band = Band::AtRisk;
        bare.suggestion = Some((RelationshipType::Transactional, SuggestionStatus::Pending));
        assert_eq!(decode(42, &encode(&bare)), Some(bare.clone()));
        bare.suggestion = None;
        assert_eq!(decode(7, &encode(&bare)).map(|r| (r.id, r.suggestion)), Some((7, None)));
    }

    #[test]
    fn every_type_stage_band_and_trend_survives() {
        let mut row = sample();
        for (i, t) in RelationshipType::ALL.iter().enumerate() {
            row.relationship = *t;
            row.stage = Stage::ALL[i % Stage::ALL.len()];
            row.summary.band = Band::ALL[i % 3];
            row.summary.trend = Some(TRENDS[i % 3]);
            row.suggestion = Some((*t, SuggestionStatus::Pending));
            assert_eq!(decode(42, &encode(&row)), Some(row.clone()), "{t:?}");
        }
    }

    #[test]
    fn a_cut_short_padded_or_foreign_card_is_refused() {
        let bytes = encode(&sample());
        for len in 0..bytes.len() {
            assert_eq!(decode(42, &bytes[..len]), None, "cut at {len}");
        }
        let mut padded = bytes.clone();
        padded.push(0);
        assert_eq!(decode(42, &padded), None);
        let mut newer = bytes.clone();
        newer[0] = VERSION + 1;
        assert_eq!(decode(42, &newer), None);
        let mut bad_type = bytes.clone();
        bad_type[1] = 200;
        assert_eq!(decode(42, &bad_type), None);
        assert_eq!(decode(42, &[VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff]), None);
    }
}
