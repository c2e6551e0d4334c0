//! The default classification rules (see docs/domain.md), each threshold just below, at and just
//! above, the order the rules are checked in, the loyalty stages, and the reasons in
//! plain words. Pure: records → Signals::compute → classify, with today fixed.

use crate::support::date;
use crate::support::records::{Records, ago};
use rapport::domain::*;

use InteractionKind::*;
use RelationshipType::*;

/// One row of a table: what the records are, the type they should give, and phrases the
/// reasons must contain.
struct Case {
    name: &'static str,
    records: Records,
    expect: RelationshipType,
    reasons: &'static [&'static str],
}

fn case(name: &'static str, records: Records, expect: RelationshipType, reasons: &'static [&'static str]) -> Case {
    Case { name, records, expect, reasons }
}

/// Checks every case and reports all the failures at once.
fn check(cases: Vec<Case>) {
    let mut failures = Vec::new();
    for c in &cases {
        let got = c.records.classify();
        let text = got.reasons_text();
        if got.relationship != c.expect {
            failures.push(format!("{}: expected {}, got {} ({text})", c.name, c.expect, got.relationship));
            continue;
        }
        for phrase in c.reasons {
            if !text.contains(phrase) {
                failures.push(format!("{}: reasons lack {phrase:?}: {text}", c.name));
            }
        }
        if let Some(bad) = got.reasons.iter().find(|r| !reads_as_words(r)) {
            failures.push(format!("{}: reason {bad:?} does not read as plain words", c.name));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

/// No signal keys, debug output or empty phrases.
fn reads_as_words(reason: &str) -> bool {
    !reason.trim().is_empty()
        && !reason.contains('_')
        && !reason.contains("Some(")
        && !reason.contains("None")
        && !reason.contains("NaN")
}

#[test]
fn contractual_needs_a_contract_active_today() {
    let with = |start: i64, end: Option<i64>| Records::new().created(200).contract(ago(start), end.map(ago));
    check(vec![
        case(
            "open-ended, started a month ago",
            with(30, None),
            Contractual,
            &["supply contract active since 2026-05-16"],
        ),
        case("starts today", with(0, None), Contractual, &["active since 2026-06-15"]),
        case("ends today", with(100, Some(0)), Contractual, &["supply contract active"]),
        case("ends tomorrow", with(100, Some(-1)), Contractual, &[]),
        case("ended yesterday", with(100, Some(1)), Transactional, &["no closer relationship pattern fits"]),
        case("starts tomorrow", with(-1, None), Transactional, &[]),
    ]);
}

#[test]
fn collaborative_needs_two_co_creations_in_180_days() {
    check(vec![
        case("1 co-creation", Records::new().log(10, CoCreation), Transactional, &[]),
        case(
            "2 co-creations",
            Records::new().logs(2, 10, CoCreation),
            Collaborative,
            &["2 ideas or co-creations in 6 months"],
        ),
        case(
            "3 co-creations",
            Records::new().logs(3, 10, CoCreation),
            Collaborative,
            &["3 ideas or co-creations in 6 months"],
        ),
        case("a co-creation and an idea", Records::new().log(10, CoCreation).idea(20), Collaborative, &["2 ideas"]),
        case(
            "2, one of them 180 days ago",
            Records::new().log(10, CoCreation).log(180, CoCreation),
            Transactional,
            &[],
        ),
    ]);
}

#[test]
fn communal_needs_community_or_referrals_with_some_community() {
    check(vec![
        case("1 community activity", Records::new().log(5, Community), Transactional, &[]),
        case(
            "2 community activities",
            Records::new().logs(2, 5, Community),
            Communal,
            &["2 community activities in 6 months"],
        ),
        case("3 community activities", Records::new().logs(3, 5, Community), Communal, &["3 community activities"]),
        case(
            "2 referrals and 1 community activity",
            Records::new().logs(2, 5, Referral).log(5, Community),
            Communal,
            &["2 referrals made", "1 community activity in 6 months"],
        ),
        case(
            "2 referred customers and 1 community",
            Records::new().referred(2).log(5, Community),
            Communal,
            &["2 referrals made"],
        ),
        case(
            "1 referral and 1 community activity",
            Records::new().log(5, Referral).log(5, Community),
            Transactional,
            &[],
        ),
        case("5 referrals without community", Records::new().logs(5, 5, Referral), Transactional, &[]),
        case("2 community, one 180 days ago", Records::new().log(5, Community).log(180, Community), Transactional, &[]),
    ]);
}

/// Loyal: tenure, purchases in 365 days, latest NPS, open complaints. Nothing but
/// purchases and feedback, so there is no contact and a failed loyal falls to transactional.
fn loyal(tenure: i64, purchases: usize, nps: Option<u8>) -> Records {
    let days: Vec<i64> = (0..purchases as i64).map(|i| 10 + 30 * i).collect();
    let r = Records::new().created(tenure).purchases(&days);
    match nps {
        Some(score) => r.nps(5, score),
        None => r,
    }
}

#[test]
fn loyal_needs_tenure_purchases_a_promoter_score_and_no_open_complaint() {
    check(vec![
        case("tenure 364 days", loyal(364, 6, Some(9)), Transactional, &[]),
        case("tenure 365 days", loyal(365, 6, Some(9)), Loyal, &["customer for 12 months"]),
        case("tenure 366 days", loyal(366, 6, Some(9)), Loyal, &[]),
        case("5 purchases", loyal(400, 5, Some(9)), Transactional, &[]),
        case("6 purchases", loyal(400, 6, Some(9)), Loyal, &["6 purchases in 12 months"]),
        case("7 purchases", loyal(400, 7, Some(9)), Loyal, &["7 purchases in 12 months"]),
        case("NPS 8", loyal(400, 6, Some(8)), Transactional, &[]),
        case("NPS 9", loyal(400, 6, Some(9)), Loyal, &["NPS 9 (promoter)"]),
        case("NPS 10", loyal(400, 6, Some(10)), Loyal, &["NPS 10 (promoter)"]),
        case("no NPS answer", loyal(400, 6, None), Transactional, &[]),
        case("an older promoter score then a passive one", loyal(400, 6, Some(8)).nps(50, 10), Transactional, &[]),
        case("no complaint", loyal(400, 6, Some(9)), Loyal, &["no open complaint"]),
        case("1 open complaint", loyal(400, 6, Some(9)).complaint(3, false), Transactional, &[]),
        case("1 resolved complaint", loyal(400, 6, Some(9)).complaint(3, true), Loyal, &["no open complaint"]),
        case(
            "6 purchases, all older than 365 days",
            Records::new().created(800).purchases(&[400, 420, 440, 460, 480, 500]).nps(5, 9),
            Transactional,
            &[],
        ),
    ]);
}

#[test]
fn loyal_reasons_read_as_one_plain_line() {
    let got = loyal(365, 6, Some(9)).classify();
    assert_eq!(got.relationship, Loyal);
    assert_eq!(
        got.reasons_text(),
        "customer for 12 months; 6 purchases in 12 months; NPS 9 (promoter); no open complaint"
    );
    let got = loyal(426, 6, Some(10)).classify();
    assert!(got.reasons_text().starts_with("customer for 14 months; "), "{}", got.reasons_text());
}

/// Long-term: purchases in distinct months, CSAT, and contact within 60 days.
fn long_term(purchase_days: &[i64], contact: Option<i64>) -> Records {
    let r = Records::new().created(200).purchases(purchase_days);
    match contact {
        Some(days) => r.log(days, Call),
        None => r,
    }
}

/// Days ago in four different months (today is 2026-06-15): June, May, March, February.
const FOUR_MONTHS: [i64; 4] = [5, 40, 80, 120];

#[test]
fn long_term_needs_repeat_purchases_over_months_fair_csat_and_recent_contact() {
    let csat_mean_3_9 = (0..9).fold(long_term(&FOUR_MONTHS, Some(10)), |r, _| r.csat(10, 4)).csat(11, 3);
    check(vec![
        case("2 purchases", long_term(&FOUR_MONTHS[..2], Some(10)), Transactional, &[]),
        case(
            "3 purchases in 3 months",
            long_term(&FOUR_MONTHS[..3], Some(10)),
            LongTerm,
            &["3 purchases in 12 months", "purchases in 3 different months", "last contact 10 days ago"],
        ),
        case("4 purchases in 4 months", long_term(&FOUR_MONTHS, Some(10)), LongTerm, &["4 purchases in 12 months"]),
        case("4 purchases in 2 months", long_term(&[1, 2, 40, 41], Some(10)), Transactional, &[]),
        case(
            "4 purchases in 3 months",
            long_term(&[1, 2, 40, 80], Some(10)),
            LongTerm,
            &["purchases in 3 different months"],
        ),
        case("CSAT 3.9", csat_mean_3_9, Transactional, &[]),
        case("CSAT 4", long_term(&FOUR_MONTHS, Some(10)).csat(3, 4), LongTerm, &["CSAT 4.0 over 90 days"]),
        case("CSAT 4.5", long_term(&FOUR_MONTHS, Some(10)).csat(3, 4).csat(4, 5), LongTerm, &["CSAT 4.5"]),
        case("no CSAT", long_term(&FOUR_MONTHS, Some(10)), LongTerm, &["no CSAT answer in 90 days"]),
        case("only an old low CSAT", long_term(&FOUR_MONTHS, Some(10)).csat(100, 1), LongTerm, &["no CSAT answer"]),
        case("contact 59 days ago", long_term(&FOUR_MONTHS, Some(59)), LongTerm, &["last contact 59 days ago"]),
        case("contact 60 days ago", long_term(&FOUR_MONTHS, Some(60)), LongTerm, &["last contact 60 days ago"]),
        case("contact 61 days ago", long_term(&FOUR_MONTHS, Some(61)), Transactional, &[]),
        case("contact today", long_term(&FOUR_MONTHS, Some(0)), LongTerm, &["last contact today"]),
        case("no contact besides purchases", long_term(&FOUR_MONTHS, None), Transactional, &[]),
    ]);
}

#[test]
fn purchase_months_never_read_as_more_than_the_months_there_are() {
    // A purchase on the first of each month for a year, and one on 2025-06-16 (364 days
    // ago): thirteen calendar months within the 365 days.
    let r = (0..12).fold(Records::new().created(364).log(1, Call), |r, back| {
        r.interaction_on(dates::month_start_back(date("2026-06-15"), back), Purchase, Some(100), None)
    });
    let r = r.interaction_on(date("2025-06-16"), Purchase, Some(100), None);
    let got = r.classify();
    assert_eq!(got.relationship, LongTerm);
    let text = got.reasons_text();
    assert!(text.contains("13 different months"), "{text}");
    assert!(!text.contains("of the last 12 months"), "13 months cannot be 'of the last 12 months': {text}");
}

#[test]
fn supportive_needs_three_support_requests_that_went_well() {
    let supports = |moods: &[Option<i8>]| moods.iter().fold(Records::new(), |r, m| r.support(10, *m));
    let mean_minus_0_1: Vec<Option<i8>> = (0..10).map(|i| Some(if i == 0 { -1 } else { 0 })).collect();
    check(vec![
        case("2 requests", supports(&[Some(0), Some(0)]), Transactional, &[]),
        case(
            "3 requests, mood 0",
            supports(&[Some(0), Some(0), Some(0)]),
            Supportive,
            &["3 support requests in 90 days", "support mood +0.0 on average"],
        ),
        case("3 requests, mood +0.3", supports(&[Some(1), Some(0), Some(0)]), Supportive, &["support mood +0.3"]),
        case("10 requests, mood −0.1", supports(&mean_minus_0_1), Transactional, &[]),
        case("3 requests without a mood", supports(&[None, None, None]), Transactional, &[]),
        case("3 requests, one with a mood", supports(&[None, Some(1), None]), Supportive, &[]),
        case(
            "3 requests, one 90 days ago",
            Records::new().support(10, Some(1)).support(20, Some(1)).support(90, Some(1)),
            Transactional,
            &[],
        ),
    ]);
}

#[test]
fn transactional_is_the_fallback() {
    check(vec![
        case(
            "nothing logged",
            Records::new(),
            Transactional,
            &["no closer relationship pattern fits", "0 purchases in 12 months", "no interaction yet"],
        ),
        case(
            "one purchase",
            Records::new().purchase(3, 500),
            Transactional,
            &["1 purchase in 12 months", "last interaction 3 days ago"],
        ),
    ]);
}

/// A customer who matches every rule; `dropped` removes the evidence of the first rules.
fn matches_everything(dropped: usize) -> Records {
    let mut r = Records::new().created(400);
    if dropped < 1 {
        r = r.contract(ago(50), None);
    }
    if dropped < 2 {
        r = r.logs(2, 7, CoCreation);
    }
    if dropped < 3 {
        r = r.logs(2, 8, Community);
    }
    if dropped < 4 {
        r = r.nps(5, 9);
    }
    if dropped < 5 {
        r = r.purchases(&[5, 40, 80, 120, 160, 200]);
    }
    if dropped < 6 {
        r = r.support(3, Some(0)).support(4, Some(1)).support(6, Some(0));
    }
    r
}

#[test]
fn the_first_matching_rule_wins() {
    let order = [Contractual, Collaborative, Communal, Loyal, LongTerm, Supportive, Transactional];
    for (dropped, expected) in order.into_iter().enumerate() {
        let got = matches_everything(dropped).classify();
        assert_eq!(got.relationship, expected, "with the evidence of the first {dropped} rules removed");
    }
    // The loyal customer above also passes long_term's test: loyal comes first.
    let loyal_and_long_term = matches_everything(3).log(2, Call);
    assert_eq!(loyal_and_long_term.classify().relationship, Loyal);
    let without_nps = matches_everything(4);
    assert_eq!(without_nps.classify().relationship, LongTerm);
}

#[test]
fn the_first_matching_alternative_gives_the_reasons() {
    let got = Records::new().logs(3, 5, Community).logs(2, 5, Referral).classify();
    assert_eq!(got.relationship, Communal);
    assert_eq!(got.reasons, vec!["3 community activities in 6 months".to_string()]);
}

#[test]
fn stages_follow_purchases_and_advocacy() {
    let stage = |r: Records| r.classify().stage;
    assert_eq!(stage(Records::new()), Stage::Prospect);
    assert_eq!(stage(Records::new().log(1, Call)), Stage::Prospect);
    assert_eq!(stage(Records::new().purchases(&[1])), Stage::OneTime);
    assert_eq!(stage(Records::new().purchases(&[1, 2])), Stage::Repeat);
    assert_eq!(stage(Records::new().purchases(&[1, 2, 3])), Stage::Repeat);
    assert_eq!(stage(Records::new().created(800).purchases(&[500, 700])), Stage::Repeat, "all purchases count");
    assert_eq!(stage(Records::new().purchases(&[-1, 1])), Stage::OneTime, "a purchase dated tomorrow does not");
    assert_eq!(stage(Records::new().log(3, Referral).nps(2, 9)), Stage::Advocate, "even before a purchase");
    assert_eq!(stage(Records::new().referred(1).nps(2, 10).purchases(&[1, 2])), Stage::Advocate);
    assert_eq!(stage(Records::new().log(3, Referral).nps(2, 8).purchases(&[1, 2, 3])), Stage::Repeat);
    assert_eq!(stage(Records::new().nps(2, 10).purchases(&[1, 2])), Stage::Repeat, "a promoter who referred nobody");
    assert_eq!(stage(Records::new().log(3, Referral).purchases(&[1])), Stage::OneTime, "no NPS answer");
}

#[test]
fn the_default_rules_are_those_of_the_design() {
    let rules = Rules::default_rules();
    let order: Vec<RelationshipType> = rules.rules.iter().map(|r| r.relationship).collect();
    assert_eq!(order, [Contractual, Collaborative, Communal, Loyal, LongTerm, Supportive, Transactional]);
    let cadence: Vec<u32> = RelationshipType::ALL.iter().map(|t| rules.cadence(*t)).collect();
    assert_eq!(cadence, [180, 30, 45, 21, 60, 30, 14]);
}
