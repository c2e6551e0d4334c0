//! Signals (see docs/domain.md): each one from a customer's records and a fixed today, with the
//! edges of every window. Pure: no database.

use crate::support::records::{Records, ago};
use crate::support::{date, today};
use rapport::domain::signals::{NpsCategory, csat_percent, portfolio_nps};
use rapport::domain::*;

use InteractionKind::*;

#[test]
fn recency_and_contact_gap() {
    let s = Records::new().purchase(3, 100).log(10, Call).log(40, Note).signals();
    assert_eq!(s.recency_days, Some(3));
    assert_eq!(s.last_interaction, Some(ago(3)));
    assert_eq!(s.contact_gap_days, Some(10), "purchases are not contact");
    assert_eq!(s.last_contact, Some(ago(10)));

    let s = Records::new().purchase(7, 100).signals();
    assert_eq!((s.recency_days, s.contact_gap_days), (Some(7), None));

    let s = Records::new().signals();
    assert_eq!((s.recency_days, s.contact_gap_days, s.last_interaction), (None, None, None));

    let s = Records::new().log(0, Support).signals();
    assert_eq!((s.recency_days, s.contact_gap_days), (Some(0), Some(0)));
}

#[test]
fn purchases_and_spend_over_90_and_365_days() {
    let s = Records::new()
        .purchase(0, 100)
        .purchase(89, 200)
        .purchase(90, 400)
        .purchase(364, 800)
        .purchase(365, 1_600)
        .signals();
    assert_eq!(s.purchases_90, 2, "day 89 is inside the 90 days, day 90 is not");
    assert_eq!(s.purchases_365, 4, "day 364 is inside the 365 days, day 365 is not");
    assert_eq!(s.purchases_total, 5);
    assert_eq!(s.spend_365, 1_500);
    assert_eq!(s.spend_total, 3_100);
}

#[test]
fn a_purchase_without_an_amount_counts_but_spends_nothing() {
    let s = Records::new().interaction_on(ago(5), Purchase, None, None).purchase(6, 250).signals();
    assert_eq!((s.purchases_365, s.spend_365, s.spend_total), (2, 250, 250));
}

#[test]
fn distinct_purchase_months_in_365_days() {
    // Two in June 2026, one in April 2026, one on 2025-06-16 (day 364); 2025-06-15 is day 365.
    let s = Records::new()
        .interaction_on(date("2026-06-01"), Purchase, Some(1), None)
        .interaction_on(date("2026-06-10"), Purchase, Some(1), None)
        .interaction_on(date("2026-04-30"), Purchase, Some(1), None)
        .interaction_on(date("2025-06-16"), Purchase, Some(1), None)
        .interaction_on(date("2025-06-15"), Purchase, Some(1), None)
        .signals();
    assert_eq!(s.purchase_months_365, 3);
    assert_eq!(s.purchases_365, 4);

    // One purchase a month for a whole year touches thirteen calendar months.
    let monthly = (0..13).fold(Records::new(), |r, back| {
        let on = if back == 12 { date("2025-06-16") } else { dates::month_start_back(today(), back) };
        r.interaction_on(on, Purchase, Some(1), None)
    });
    assert_eq!(monthly.signals().purchase_months_365, 13);

    let s = Records::new().log(3, Call).signals();
    assert_eq!(s.purchase_months_365, 0);
}

#[test]
fn tenure_counts_from_the_earliest_dated_record() {
    let r = Records::new().created(100);
    assert_eq!(r.signals().tenure_days, 100);
    assert_eq!(r.signals().first_seen, ago(100));

    let r = r.log(400, Note);
    assert_eq!(r.signals().tenure_days, 400, "an interaction logged before the customer was created counts");
    let r = r.nps(500, 7);
    assert_eq!(r.signals().tenure_days, 500, "so does feedback");
    let r = r.contract(ago(600), Some(ago(300)));
    assert_eq!(r.signals().tenure_days, 600, "and a contract, even one that has ended");
    assert_eq!(r.signals().first_seen, ago(600));

    assert_eq!(Records::new().signals().tenure_days, 0);
}

#[test]
fn referrals_are_referral_interactions_plus_referred_customers() {
    let s = Records::new().log(3, Referral).log(700, Referral).referred(3).signals();
    assert_eq!(s.referrals_made, 5, "referrals have no time window");
    assert_eq!(Records::new().referred(1).signals().referrals_made, 1);
    assert_eq!(Records::new().signals().referrals_made, 0);
}

#[test]
fn co_creation_counts_ideas_over_180_days() {
    let s = Records::new().log(179, CoCreation).idea(10).log(180, CoCreation).idea(180).signals();
    assert_eq!(s.co_creation_180, 2, "day 179 counts, day 180 does not; ideas count like co-creation");
    let s = Records::new().complaint(3, false).nps(3, 10).signals();
    assert_eq!(s.co_creation_180, 0, "other feedback is not co-creation");
}

#[test]
fn community_over_180_days() {
    let s = Records::new().log(0, Community).log(179, Community).log(180, Community).signals();
    assert_eq!(s.community_180, 2);
}

#[test]
fn support_and_its_mean_sentiment_over_90_days() {
    let s = Records::new().support(0, Some(2)).support(89, Some(-1)).support(90, Some(-2)).support(5, None).signals();
    assert_eq!(s.support_90, 3, "day 90 is outside; a request without a mood still counts");
    assert_eq!(s.support_sentiment_90, Some(0.5), "the mean covers the requests with a mood");

    let s = Records::new().support(1, None).signals();
    assert_eq!((s.support_90, s.support_sentiment_90), (1, None));
    let s = Records::new().log(1, Call).signals();
    assert_eq!((s.support_90, s.support_sentiment_90), (0, None));
}

#[test]
fn csat_is_the_mean_of_the_last_90_days() {
    let r = Records::new().csat(0, 5).csat(89, 4).csat(90, 1);
    let s = r.signals();
    assert_eq!(s.csat_90, Some(4.5), "day 90 is outside");
    assert_eq!((s.csat_answers_90, s.csat_good_90), (2, 2));

    let s = r.csat(10, 3).signals();
    assert_eq!(s.csat_90, Some(4.0));
    assert_eq!((s.csat_answers_90, s.csat_good_90), (3, 2), "only 4 and 5 are good answers");

    let s = Records::new().csat(120, 5).signals();
    assert_eq!((s.csat_90, s.csat_answers_90), (None, 0));
}

#[test]
fn latest_nps_and_its_category() {
    let s = Records::new().nps(100, 10).nps(5, 6).nps(50, 9).signals();
    assert_eq!(s.latest_nps, Some(6), "the latest answer, not the best or the last logged");
    assert_eq!(s.nps_category, Some(NpsCategory::Detractor));

    for (score, category) in [
        (0, NpsCategory::Detractor),
        (6, NpsCategory::Detractor),
        (7, NpsCategory::Passive),
        (8, NpsCategory::Passive),
        (9, NpsCategory::Promoter),
        (10, NpsCategory::Promoter),
    ] {
        let s = Records::new().nps(1, score).signals();
        assert_eq!((s.latest_nps, s.nps_category), (Some(score), Some(category)), "NPS {score}");
    }

    let s = Records::new().csat(1, 5).signals();
    assert_eq!((s.latest_nps, s.nps_category), (None, None));
}

#[test]
fn nps_ties_on_one_date_go_to_the_answer_logged_last() {
    let mut r = Records::new().nps(4, 3).nps(4, 9);
    assert_eq!(r.signals().latest_nps, Some(9));
    // The order the records arrive in does not matter; the later id wins.
    r.feedback.reverse();
    assert_eq!(r.signals().latest_nps, Some(9));
    assert_eq!(r.signals().nps_category, Some(NpsCategory::Promoter));
}

#[test]
fn open_complaints_are_unresolved_complaints_of_any_age() {
    let s = Records::new().complaint(1, false).complaint(2, true).complaint(500, false).complaint(3, false).signals();
    assert_eq!(s.open_complaints, 3);
    assert_eq!(Records::new().complaint(1, true).signals().open_complaints, 0);
}

#[test]
fn satisfaction_averages_csat_and_nps_and_is_unknown_without_answers() {
    let at = |r: Records| r.signals().satisfaction;
    assert_eq!(at(Records::new()), None, "no answer: unknown, not 0");
    assert_eq!(at(Records::new().csat(1, 1)), Some(0.0), "the worst CSAT is a known 0");
    assert_eq!(at(Records::new().nps(1, 0)), Some(0.0));
    assert_eq!(at(Records::new().csat(1, 5)), Some(100.0));
    assert_eq!(at(Records::new().nps(1, 10)), Some(100.0));
    assert_eq!(at(Records::new().csat(1, 5).nps(1, 0)), Some(50.0));
    assert_eq!(at(Records::new().csat(1, 3).nps(2, 8)), Some(65.0));
    assert_eq!(at(Records::new().csat(100, 5)), None, "CSAT counts for 90 days");
    assert_eq!(at(Records::new().nps(400, 7)), Some(70.0), "the latest NPS counts however old");
}

#[test]
fn health_weights_come_from_the_rules() {
    let h = Rules::default_rules().health;
    assert_eq!((h.satisfaction_weight, h.engagement_weight, h.loyalty_weight), (0.4, 0.3, 0.3));
    assert_eq!((h.healthy_from, h.watch_from), (70, 40));
}

#[test]
fn health_bands_at_39_40_69_70() {
    // Contact today and nothing else: engagement 100, loyalty 0, so health = 0.4 × satisfaction + 30.
    // CSAT 2 is satisfaction 25 (health 40), CSAT 5 is 100 (health 70).
    // Last contact 225 days ago on the 180-day transactional cadence: engagement 87.5 and
    // tenure 225 days (loyalty 9.25) take one point off.
    let cases =
        [(0, 2, 40, Band::Watch), (0, 5, 70, Band::Healthy), (225, 2, 39, Band::AtRisk), (225, 5, 69, Band::Watch)];
    for (days, csat, health, band) in cases {
        let s = Records::new().created(days).log(days, Note).csat(0, csat).signals();
        assert_eq!((s.health, s.band), (health, band), "contact {days} days ago, CSAT {csat}");
    }
    let h = Rules::default_rules().health;
    assert_eq!(
        [h.band(39), h.band(40), h.band(69), h.band(70)],
        [Band::AtRisk, Band::Watch, Band::Watch, Band::Healthy]
    );
    assert_eq!((h.band(0), h.band(100)), (Band::AtRisk, Band::Healthy));
}

#[test]
fn unknown_satisfaction_is_left_out_of_health_rather_than_counted_as_0() {
    let unknown = Records::new().log(0, Note).signals();
    assert_eq!((unknown.satisfaction, unknown.health), (None, 50), "engagement 100 and loyalty 0 share the weight");
    let zero = Records::new().log(0, Note).csat(0, 1).signals();
    assert_eq!((zero.satisfaction, zero.health, zero.band), (Some(0.0), 30, Band::AtRisk));
}

#[test]
fn loyalty_blends_frequency_tenure_and_referrals() {
    let full = Records::new().created(730).purchases(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]).referred(3).signals();
    assert_eq!(full.loyalty, 100.0);
    assert_eq!(Records::new().signals().loyalty, 0.0);
    let half_frequency = Records::new().purchases(&[0; 6]).signals();
    assert_eq!(half_frequency.loyalty, 25.0, "6 of 12 purchases is half of the 50% frequency part");
}

#[test]
fn engagement_follows_each_types_cadence() {
    let cadences = [
        (RelationshipType::Transactional, 180),
        (RelationshipType::LongTerm, 30),
        (RelationshipType::Loyal, 45),
        (RelationshipType::Collaborative, 21),
        (RelationshipType::Communal, 60),
        (RelationshipType::Contractual, 30),
        (RelationshipType::Supportive, 14),
    ];
    for (t, cadence) in cadences {
        let engagement = |days: i64| {
            let s = Records::new().typed(t).created(days).log(days, Call).signals();
            assert_eq!(i64::from(s.cadence_days), cadence, "{t}");
            s.engagement.expect("a customer with a call has a known engagement")
        };
        assert_eq!(engagement(0), 100.0, "{t}");
        assert_eq!(engagement(cadence), 100.0, "{t}: still 100 at the cadence");
        assert!(engagement(cadence + 1) < 100.0, "{t}: falls after the cadence");
        assert_eq!(engagement(2 * cadence), 50.0, "{t}: half way to three times the cadence");
        assert_eq!(engagement(3 * cadence), 0.0, "{t}");
        assert_eq!(engagement(10 * cadence), 0.0, "{t}");
    }
}

#[test]
fn a_customer_never_contacted_has_unknown_engagement_and_is_not_at_risk() {
    let s = Records::new().typed(RelationshipType::LongTerm).created(60).signals();
    assert!(s.never_contacted);
    assert_eq!(s.engagement, None);
    // Nothing known but a little tenure: health is loyalty alone, below the at-risk line,
    // yet the customer waits for a first contact instead of being counted as at risk.
    assert!(s.health < 40, "health {}", s.health);
    assert_eq!(s.band, Band::Watch);
    // Feedback is a contact, though engagement stays unknown without an interaction:
    // satisfaction (CSAT 5: 100) and loyalty share the weight.
    let scored = Records::new().typed(RelationshipType::LongTerm).created(60).csat(0, 5).signals();
    assert!(!scored.never_contacted);
    let expected = ((0.4 * 100.0 + 0.3 * scored.loyalty) / 0.7_f64).round() as u8;
    assert_eq!((scored.engagement, scored.health, scored.band), (None, expected, Band::Watch));
    assert_eq!(expected, 58);
    // A first interaction makes engagement known.
    let called = Records::new().typed(RelationshipType::LongTerm).created(60).log(0, Call).signals();
    assert_eq!((called.never_contacted, called.engagement), (false, Some(100.0)));
}

#[test]
fn follow_up_is_due_a_cadence_after_the_last_interaction() {
    // Transactional: 180 days.
    let s = Records::new().created(179).log(179, Purchase).signals();
    assert_eq!((s.follow_up_on, s.follow_up_due), (ago(-1), false));
    let s = Records::new().created(180).log(180, Purchase).log(200, Call).signals();
    assert_eq!((s.follow_up_on, s.follow_up_due), (today(), true));

    let s = Records::new().typed(RelationshipType::Supportive).created(20).log(15, Note).signals();
    assert_eq!((s.follow_up_on, s.follow_up_due), (ago(1), true));

    let s = Records::new().typed(RelationshipType::LongTerm).created(10).signals();
    assert_eq!((s.follow_up_on, s.follow_up_due), (ago(-20), false), "no interaction: from the created date");
}

#[test]
fn an_explicit_follow_up_date_wins_over_the_cadence() {
    let s = Records::new().created(300).log(250, Call).follow_up(ago(-1)).signals();
    assert_eq!((s.follow_up_on, s.follow_up_due), (ago(-1), false));
    let s = Records::new().log(0, Call).follow_up(ago(1)).signals();
    assert_eq!((s.follow_up_on, s.follow_up_due), (ago(1), true));
    let s = Records::new().follow_up(today()).signals();
    assert!(s.follow_up_due, "due on the day itself");
}

#[test]
fn twelve_month_satisfaction_series() {
    let s = Records::new()
        .csat(0, 5) // this month: 100
        .feedback_on(date("2025-07-01"), FeedbackKind::General, Some(5), None, false) // 11 months back: 50
        .feedback_on(date("2025-06-30"), FeedbackKind::General, Some(10), None, false) // 12 months back: left out
        .feedback_on(date("2026-03-02"), FeedbackKind::General, None, Some(1), false) // March: 0 …
        .feedback_on(date("2026-03-20"), FeedbackKind::Praise, None, Some(5), false) // … and 100
        .feedback_on(date("2026-05-05"), FeedbackKind::General, Some(0), Some(5), false) // May: one answer, 50
        .complaint(3, false) // no score: not in the series
        .signals();
    let mut expected = [None; 12];
    expected[11] = Some(100.0);
    expected[0] = Some(50.0);
    expected[8] = Some(50.0);
    expected[10] = Some(50.0);
    assert_eq!(s.series(), expected);
    assert_eq!(s.monthly_satisfaction[8].count, 2);
    assert_eq!(s.monthly_satisfaction[11].count, 1);
}

#[test]
fn trend_compares_the_last_90_days_with_the_90_before() {
    let trend = |recent: Records| recent.signals().trend;
    // Prior period (days 90–179): CSAT 4, satisfaction 75.
    let prior = || Records::new().csat(120, 4);
    assert_eq!(trend(prior().csat(10, 5)), Some(Trend::Up));
    assert_eq!(trend(prior().nps(10, 8)), Some(Trend::Up), "+5 points is the threshold");
    assert_eq!(trend(prior().feedback_on(ago(10), FeedbackKind::General, Some(8), Some(4), false)), Some(Trend::Flat));
    assert_eq!(trend(prior().csat(10, 4)), Some(Trend::Flat));
    assert_eq!(trend(prior().nps(10, 7)), Some(Trend::Down), "−5 points");
    assert_eq!(trend(prior().csat(89, 1)), Some(Trend::Down), "day 89 is recent");
    assert_eq!(trend(prior()), None, "nothing recent to compare");
    assert_eq!(trend(Records::new().csat(10, 5)), None, "nothing before to compare with");
    assert_eq!(trend(Records::new().csat(90, 1).csat(0, 5)), Some(Trend::Up), "day 90 is the period before");
    assert_eq!(trend(Records::new().csat(180, 1).csat(0, 5)), None, "day 180 is in neither period");
}

#[test]
fn portfolio_nps_and_csat_percent() {
    assert_eq!(portfolio_nps(3, 1, 1), Some(40));
    assert_eq!(portfolio_nps(0, 0, 4), Some(-100));
    assert_eq!(portfolio_nps(5, 0, 0), Some(100));
    assert_eq!(portfolio_nps(1, 2, 0), Some(33));
    assert_eq!(portfolio_nps(2, 1, 0), Some(67));
    assert_eq!(portfolio_nps(0, 3, 0), Some(0));
    assert_eq!(portfolio_nps(0, 0, 0), None);
    assert_eq!(csat_percent(3, 4), Some(75.0));
    assert_eq!(csat_percent(0, 2), Some(0.0));
    assert_eq!(csat_percent(0, 0), None);
}

#[test]
fn records_dated_after_today_are_left_out() {
    let base = Records::new().created(30).log(20, Call).purchase(25, 500).csat(5, 4);
    let with_future = base
        .clone()
        .purchase(-1, 9_999)
        .log(-1, Referral)
        .log(-3, Community)
        .log(-3, Community)
        .log(-2, CoCreation)
        .support(-1, Some(-2))
        .nps(-1, 0)
        .csat(-1, 1)
        .complaint(-1, false)
        .idea(-2)
        .contract(ago(-1), None);
    assert_eq!(with_future.signals(), base.signals());
}

#[test]
fn history_before_rapport_counts_in_stage_spend_and_tenure_not_in_the_windows() {
    // A shop's export: 8 orders, 1,234.50, the last 200 days ago, a customer for 3 years.
    let s = Records::new().prior(8, 123_450, Some(ago(200)), Some(ago(3 * 365))).signals();
    assert_eq!((s.purchases_total, s.prior_orders), (8, 8));
    assert_eq!((s.spend_total, s.prior_spend), (123_450, 123_450));
    assert_eq!((s.purchases_90, s.purchases_365, s.spend_365), (0, 0, 0), "only dated purchases count in windows");
    assert_eq!(s.tenure_days, 3 * 365);
    assert_eq!(s.first_seen, ago(3 * 365));
    assert_eq!(Records::new().prior(8, 123_450, None, None).classify().stage, Stage::Repeat);
    assert_eq!(Records::new().prior(1, 500, None, None).classify().stage, Stage::OneTime);
    // A purchase logged in rapport adds to the history before it.
    let both = Records::new().prior(1, 500, None, None).purchase(10, 2_000).signals();
    assert_eq!((both.purchases_total, both.spend_total, both.purchases_365), (2, 2_500, 1));
    assert_eq!(Records::new().prior(1, 500, None, None).purchase(10, 2_000).classify().stage, Stage::Repeat);
}

#[test]
fn a_spend_without_an_order_count_is_at_least_one_order() {
    let s = Records::new().prior(0, 8_990, None, None).signals();
    assert_eq!(s.purchases_total, 1);
    assert_eq!(Records::new().prior(0, 0, Some(ago(30)), None).classify().stage, Stage::OneTime);
    assert_eq!(Records::new().prior(0, 0, None, Some(ago(30))).classify().stage, Stage::Prospect);
}

#[test]
fn a_last_order_before_rapport_lengthens_tenure_but_is_no_contact() {
    let s = Records::new().created(10).prior(3, 9_000, Some(ago(400)), None).signals();
    assert_eq!(s.tenure_days, 400);
    assert_eq!((s.recency_days, s.engagement), (None, None), "an order elsewhere is not an interaction");
    assert!(s.never_contacted);
    assert_ne!(s.band, Band::AtRisk);
    // The follow-up counts from when the customer came to rapport.
    assert_eq!(s.follow_up_on, rapport::domain::dates::add_days(ago(10), i64::from(s.cadence_days)));
}
