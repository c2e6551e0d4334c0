//! Behaviour profiles: how a customer aimed at each relationship type tends to act. The
//! generator follows the profile; the engine then decides the type from what happened.

use crate::domain::{FeedbackKind, InteractionKind, RelationshipType};

/// How common each type is among the sample's customers (roughly, in percent).
pub const TARGET_WEIGHTS: [(RelationshipType, u32); 7] = [
    (RelationshipType::Transactional, 22),
    (RelationshipType::LongTerm, 21),
    (RelationshipType::Loyal, 15),
    (RelationshipType::Supportive, 11),
    (RelationshipType::Contractual, 11),
    (RelationshipType::Communal, 10),
    (RelationshipType::Collaborative, 9),
];

/// A profile: the mean number of days between two events of each kind (0: never), and
/// the customer's usual mood.
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    pub purchase: u32,
    pub call: u32,
    pub email: u32,
    pub meeting: u32,
    pub support: u32,
    pub community: u32,
    pub co_creation: u32,
    pub referral: u32,
    pub note: u32,
    pub feedback: u32,
    /// Satisfaction on 0..1: lowest and highest starting point.
    pub mood: (f64, f64),
    /// Weight of an idea among feedback, against general 40.
    pub ideas: u32,
    /// Share of customers who buy as private persons rather than for a business.
    pub private: f64,
}

impl Profile {
    pub fn of(target: RelationshipType) -> Profile {
        use RelationshipType as T;
        let base = Profile {
            purchase: 0,
            call: 0,
            email: 0,
            meeting: 0,
            support: 0,
            community: 0,
            co_creation: 0,
            referral: 0,
            note: 0,
            feedback: 0,
            mood: (0.5, 0.9),
            ideas: 3,
            private: 0.4,
        };
        match target {
            T::Transactional => Profile {
                purchase: 130,
                email: 220,
                call: 500,
                support: 400,
                note: 600,
                feedback: 200,
                mood: (0.3, 0.85),
                ..base
            },
            T::LongTerm => Profile {
                purchase: 60,
                call: 55,
                email: 50,
                meeting: 200,
                support: 300,
                referral: 900,
                note: 300,
                feedback: 120,
                mood: (0.75, 0.9),
                ..base
            },
            T::Loyal => Profile {
                purchase: 42,
                call: 75,
                email: 65,
                meeting: 260,
                support: 400,
                community: 900,
                referral: 400,
                note: 400,
                feedback: 120,
                mood: (0.85, 1.0),
                ..base
            },
            T::Collaborative => Profile {
                purchase: 70,
                call: 80,
                email: 55,
                meeting: 100,
                support: 400,
                co_creation: 130,
                note: 400,
                feedback: 90,
                mood: (0.6, 0.95),
                ideas: 30,
                private: 0.2,
                ..base
            },
            T::Communal => Profile {
                purchase: 85,
                call: 200,
                email: 90,
                support: 500,
                community: 55,
                referral: 220,
                note: 500,
                feedback: 130,
                mood: (0.7, 1.0),
                ..base
            },
            T::Contractual => Profile {
                purchase: 38,
                call: 70,
                email: 45,
                meeting: 120,
                support: 300,
                note: 350,
                feedback: 130,
                mood: (0.5, 0.9),
                private: 0.0,
                ..base
            },
            T::Supportive => Profile {
                purchase: 170,
                call: 200,
                email: 110,
                support: 75,
                note: 500,
                feedback: 110,
                mood: (0.45, 0.8),
                ..base
            },
        }
    }

    /// The mean gap for interactions of `kind` (0: never).
    pub fn gap(&self, kind: InteractionKind) -> u32 {
        use InteractionKind as K;
        match kind {
            K::Purchase => self.purchase,
            K::Call => self.call,
            K::Email => self.email,
            K::Meeting => self.meeting,
            K::Support => self.support,
            K::Community => self.community,
            K::CoCreation => self.co_creation,
            K::Referral => self.referral,
            K::Note => self.note,
        }
    }

    /// Weights of the feedback kinds for a customer in mood `mood` (0..1).
    pub fn feedback_weights(&self, mood: f64) -> [(FeedbackKind, u32); 4] {
        [
            (FeedbackKind::General, 40),
            (FeedbackKind::Praise, (mood * 28.0) as u32),
            (FeedbackKind::Complaint, ((1.0 - mood) * 34.0) as u32 + 2),
            (FeedbackKind::Idea, self.ideas),
        ]
    }
}
