//! One customer's records: interactions, feedback and contracts over its time with the
//! business, following its behaviour profile. Dates are counted in days before today.

use jiff::civil::Weekday;

use super::calendar::Calendar;
use super::plan::Planned;
use super::profile::Profile;
use super::random::{self, Rng};
use super::vocabulary::Vocabulary;
use crate::domain::{Contract, ContractKind, Feedback, FeedbackKind, Interaction, InteractionKind, RelationshipType};

/// A customer's records, each list in date order; ids and customer ids are filled in
/// when the records are written.
#[derive(Debug, Default)]
pub struct Records {
    pub interactions: Vec<Interaction>,
    pub feedback: Vec<Feedback>,
    pub contracts: Vec<Contract>,
    /// Days ago of the most recent interaction.
    pub last_interaction_ago: Option<u32>,
}

impl Records {
    fn clear(&mut self) {
        self.interactions.clear();
        self.feedback.clear();
        self.contracts.clear();
        self.last_interaction_ago = None;
    }
}

/// Share of customers of a type who have not bought anything yet.
fn prospect_share(target: RelationshipType) -> f64 {
    match target {
        RelationshipType::Transactional => 0.2,
        RelationshipType::Communal => 0.08,
        _ => 0.0,
    }
}

pub struct Activity<'a> {
    pub vocabulary: &'a Vocabulary,
    pub calendar: &'a Calendar,
}

/// The state of one customer's generation.
struct Run<'a, 'r> {
    activity: &'a Activity<'a>,
    rng: &'r mut Rng,
    planned: &'a Planned,
    profile: Profile,
    /// Days ago the routine activity stops (0: it goes on until today).
    until: u32,
    mood: f64,
    typical_amount: f64,
    days: Vec<u32>,
}

impl Activity<'_> {
    /// Fills `out` with the records of `planned`, who buys for a business when `business`.
    pub fn generate(&self, rng: &mut Rng, planned: &Planned, business: bool, out: &mut Records) {
        out.clear();
        let profile = Profile::of(planned.target);
        let mood = random::between(rng, profile.mood.0, profile.mood.1);
        let (low, high): (f64, f64) = if business { (15_000.0, 400_000.0) } else { (1_500.0, 25_000.0) };
        let mut typical_amount = 10f64.powf(random::between(rng, low.log10(), high.log10()));
        if planned.target == RelationshipType::Contractual {
            typical_amount *= 1.6;
        }
        let until = planned.lapsed_ago.unwrap_or(0);
        let mut run = Run { activity: self, rng, planned, profile, until, mood, typical_amount, days: Vec::new() };
        run.routine(out);
        if planned.lapsed_ago.is_none() {
            run.recent_pattern(out);
        }
        run.feedback(out);
        run.contracts(out);
        out.interactions.sort_by_key(|i| i.date);
        out.feedback.sort_by_key(|f| f.date);
        out.last_interaction_ago = out.interactions.last().map(|i| self.calendar.days_ago(i.date));
    }
}

impl<'a> Run<'a, '_> {
    fn calendar(&self) -> &'a Calendar {
        self.activity.calendar
    }

    /// Event days from the customer's arrival until `until`, about `mean_gap` apart.
    fn schedule(&mut self, mean_gap: u32) {
        self.days.clear();
        let (from, to) = (self.planned.created_ago, self.until);
        if mean_gap == 0 || from < to {
            return;
        }
        let mut day = i64::from(from) - i64::from(random::days(self.rng, 0, mean_gap));
        while day >= i64::from(to) {
            self.days.push(day as u32);
            let gap = random::days(self.rng, (mean_gap * 2 / 5).max(1), mean_gap * 8 / 5);
            day -= i64::from(gap);
        }
    }

    fn routine(&mut self, out: &mut Records) {
        let prospect = random::chance(self.rng, prospect_share(self.planned.target));
        for &kind in InteractionKind::ALL {
            if kind == InteractionKind::Purchase && prospect {
                continue;
            }
            self.schedule(self.profile.gap(kind));
            for index in 0..self.days.len() {
                let day = self.days[index];
                self.interaction(out, kind, day);
            }
        }
    }

    /// What makes the profile's type show today: recent contact, co-creation, community
    /// or support.
    fn recent_pattern(&mut self, out: &mut Records) {
        let newest = self.planned.created_ago;
        let (kind, count, within) = match self.planned.target {
            RelationshipType::LongTerm => (InteractionKind::Call, 1, 40),
            RelationshipType::Collaborative => (InteractionKind::CoCreation, random::days(self.rng, 2, 3), 170),
            RelationshipType::Communal => (InteractionKind::Community, random::days(self.rng, 2, 4), 170),
            RelationshipType::Supportive => (InteractionKind::Support, random::days(self.rng, 3, 5), 85),
            _ => return,
        };
        for _ in 0..count {
            let day = random::days(self.rng, 0, within.min(newest));
            self.interaction(out, kind, day);
        }
        if self.planned.target == RelationshipType::Supportive {
            self.keep_support_positive(out);
        }
    }

    /// Support in the last 90 days went well on the whole: the mean mood is not negative.
    fn keep_support_positive(&mut self, out: &mut Records) {
        let recent = self.calendar().ago(89);
        let mut recent_support: Vec<&mut Interaction> =
            out.interactions.iter_mut().filter(|i| i.kind == InteractionKind::Support && i.date >= recent).collect();
        let mut sum: i32 = recent_support.iter().map(|i| i32::from(i.sentiment.unwrap_or(0))).sum();
        for i in recent_support.iter_mut() {
            while sum < 0 && i.sentiment.unwrap_or(0) < 2 {
                i.sentiment = Some(i.sentiment.unwrap_or(0) + 1);
                sum += 1;
            }
        }
    }

    fn interaction(&mut self, out: &mut Records, kind: InteractionKind, day: u32) {
        let day = self.on_a_weekday(kind, day);
        let amount = (kind == InteractionKind::Purchase).then(|| self.amount());
        let sentiment = match kind {
            InteractionKind::Support => Some(self.sentiment(day)),
            InteractionKind::Call | InteractionKind::Meeting if random::chance(self.rng, 0.25) => {
                Some(self.sentiment(day))
            }
            _ => None,
        };
        let summary = random::pick(self.rng, &self.activity.vocabulary.summaries[kind.index()]).to_string();
        out.interactions.push(Interaction {
            id: 0,
            customer_id: 0,
            date: self.calendar().ago(day),
            kind,
            summary,
            amount,
            sentiment,
        });
    }

    /// Calls and meetings happen on working days: a weekend one moves to the Friday before.
    fn on_a_weekday(&self, kind: InteractionKind, day: u32) -> u32 {
        if !matches!(kind, InteractionKind::Call | InteractionKind::Meeting) {
            return day;
        }
        let back = match self.calendar().ago(day).weekday() {
            Weekday::Saturday => 1,
            Weekday::Sunday => 2,
            _ => 0,
        };
        if day + back <= self.planned.created_ago { day + back } else { day }
    }

    /// A purchase near the customer's usual amount, priced the way shops price things.
    fn amount(&mut self) -> i64 {
        let cents = (self.typical_amount * random::between(self.rng, 0.6, 1.5)) as i64;
        match cents {
            ..10_000 => (cents / 100) * 100 + *random::pick(self.rng, &[0, 50, 90, 95, 99]),
            10_000..100_000 => (cents / 100) * 100,
            _ => (cents / 1_000) * 1_000,
        }
    }

    /// The mood `day` days ago: it sours in the months before a customer goes quiet.
    fn mood_on(&self, day: u32) -> f64 {
        match self.planned.lapsed_ago {
            Some(lapsed) if day < lapsed + 180 => self.mood * 0.45,
            _ => self.mood,
        }
    }

    fn sentiment(&mut self, day: u32) -> i8 {
        let raw = (self.mood_on(day) - 0.5) * 4.0 + random::between(self.rng, -1.2, 1.2);
        raw.round().clamp(-2.0, 2.0) as i8
    }

    fn nps(&mut self, mood: f64) -> u8 {
        (mood * 10.0 + random::between(self.rng, -1.5, 1.5)).round().clamp(0.0, 10.0) as u8
    }

    fn csat(&mut self, mood: f64) -> u8 {
        (1.0 + mood * 4.0 + random::between(self.rng, -0.8, 0.8)).round().clamp(1.0, 5.0) as u8
    }

    fn feedback(&mut self, out: &mut Records) {
        self.schedule(self.profile.feedback);
        for index in 0..self.days.len() {
            let day = self.days[index];
            let mood = self.mood_on(day);
            let kind = random::weighted(self.rng, &self.profile.feedback_weights(mood));
            let f = self.answer(kind, day, mood);
            out.feedback.push(f);
        }
        match self.planned.lapsed_ago {
            Some(lapsed) => self.parting_answer(out, lapsed),
            None if self.planned.target == RelationshipType::Loyal => self.promoter_lately(out),
            None => {}
        }
    }

    fn answer(&mut self, kind: FeedbackKind, day: u32, mood: f64) -> Feedback {
        let (nps, csat, comment) = match kind {
            FeedbackKind::General => {
                let nps = random::chance(self.rng, 0.65).then(|| self.nps(mood));
                let csat = (nps.is_none() || random::chance(self.rng, 0.5)).then(|| self.csat(mood));
                (nps, csat, random::chance(self.rng, 0.35))
            }
            FeedbackKind::Praise => {
                let csat = random::chance(self.rng, 0.7).then(|| self.csat(mood).max(4));
                (random::chance(self.rng, 0.4).then(|| self.nps(mood).max(9)), csat, true)
            }
            FeedbackKind::Complaint => {
                let csat = random::chance(self.rng, 0.5).then(|| self.csat(mood).min(2));
                (random::chance(self.rng, 0.25).then(|| self.nps(mood).min(6)), csat, true)
            }
            FeedbackKind::Idea => (None, random::chance(self.rng, 0.2).then(|| self.csat(mood)), true),
        };
        let resolved = kind == FeedbackKind::Complaint
            && (self.planned.target == RelationshipType::Loyal
                || random::chance(self.rng, if day > 45 { 0.93 } else { 0.4 }));
        let comment = if comment {
            random::pick(self.rng, &self.activity.vocabulary.comments[kind.index()]).to_string()
        } else {
            String::new()
        };
        Feedback { id: 0, customer_id: 0, date: self.calendar().ago(day), nps, csat, kind, comment, resolved }
    }

    /// The last word of a customer who went quiet: a low score, often a complaint left open.
    fn parting_answer(&mut self, out: &mut Records, lapsed: u32) {
        let mood = self.mood_on(lapsed);
        let mut f = if random::chance(self.rng, 0.55) {
            let mut f = self.answer(FeedbackKind::Complaint, lapsed, mood);
            f.resolved = random::chance(self.rng, 0.3);
            f
        } else {
            self.answer(FeedbackKind::General, lapsed, mood)
        };
        f.nps = Some(random::days(self.rng, 1, 5) as u8);
        out.feedback.push(f);
    }

    /// A loyal customer's latest NPS answer is a promoter's, given lately.
    fn promoter_lately(&mut self, out: &mut Records) {
        let score = random::days(self.rng, 9, 10) as u8;
        let half_year = self.calendar().ago(180);
        let latest = out.feedback.iter_mut().filter(|f| f.nps.is_some() && f.date >= half_year).max_by_key(|f| f.date);
        match latest {
            Some(f) => {
                f.nps = Some(score);
                if f.kind == FeedbackKind::Complaint {
                    f.kind = FeedbackKind::General;
                    f.comment.clear();
                }
            }
            None => {
                let day = random::days(self.rng, 3, 60.min(self.planned.created_ago));
                let mut f = self.answer(FeedbackKind::General, day, self.mood);
                f.nps = Some(score);
                out.feedback.push(f);
            }
        }
    }

    fn contracts(&mut self, out: &mut Records) {
        let created = self.planned.created_ago;
        if self.planned.target == RelationshipType::Contractual {
            let kind = self.contract_kind();
            let start = if created > 30 { random::days(self.rng, 30, created) } else { created };
            let end = random::chance(self.rng, 0.55).then(|| self.calendar().ahead(random::days(self.rng, 30, 720)));
            if created >= start + 90 && random::chance(self.rng, 0.35) {
                // The agreement before this one, renewed into it.
                let previous = self.contract(kind, created, Some(self.calendar().ago(start + 1)));
                out.contracts.push(previous);
            }
            let current = self.contract(kind, start, end);
            out.contracts.push(current);
        } else if created >= 150 && random::chance(self.rng, 0.07) {
            let kind = self.contract_kind();
            let start = random::days(self.rng, 120, created);
            let end = self.calendar().ago(random::days(self.rng, 1, start - 30));
            let ended = self.contract(kind, start, Some(end));
            out.contracts.push(ended);
        }
    }

    fn contract_kind(&mut self) -> ContractKind {
        random::weighted(
            self.rng,
            &[
                (ContractKind::Supply, 34),
                (ContractKind::Service, 28),
                (ContractKind::Distribution, 22),
                (ContractKind::Other, 9),
                (ContractKind::Franchise, 7),
            ],
        )
    }

    fn contract(&mut self, kind: ContractKind, start_ago: u32, end: Option<crate::domain::Date>) -> Contract {
        let (low, high) = match kind {
            ContractKind::Supply => (500_000, 5_000_000),
            ContractKind::Distribution => (1_000_000, 10_000_000),
            ContractKind::Franchise => (2_000_000, 15_000_000),
            ContractKind::Service => (100_000, 2_000_000),
            ContractKind::Other => (50_000, 500_000),
        };
        let value =
            random::chance(self.rng, 0.9).then(|| i64::from(random::days(self.rng, low, high)) / 10_000 * 10_000);
        let note = random::pick(self.rng, &self.activity.vocabulary.contract_notes[kind.index()]).to_string();
        Contract { id: 0, customer_id: 0, kind, start: self.calendar().ago(start_ago), end, value, note }
    }
}
