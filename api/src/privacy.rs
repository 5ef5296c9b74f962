//! What a candidate may take away: everything stored about their
//! application, as one JSON document (the GDPR right of access).

use serde::{Deserialize, Serialize};

use crate::apply::Answer;
use crate::cv::CvInfo;
use crate::day::Day;
use crate::locale::Locale;
use crate::profile::Profile;
use crate::timeline::{CompanyRef, Event, PostingRef};

/// `GET /api/v1/applications/{token}/export`: everything stored about an
/// application, for the candidate to keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Export {
    pub company: CompanyRef,
    pub posting: PostingRef,
    pub profile: Profile,
    pub answers: Vec<Answer>,
    pub talent_pool: bool,
    pub locale: Locale,
    pub events: Vec<Event>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cv: Option<CvInfo>,
    /// What the company does with it, and for how long.
    pub retention_days: u32,
}

/// How long a candidate's talent-pool consent lasts from the day they gave
/// it: a year, unless they renew it.
pub const TALENT_POOL_CONSENT_DAYS: i64 = 365;

/// Whether an ended application's personal data must go today (the
/// retention job's rule). A company keeps it for `retention_days` whole
/// days after the day the application ended (closed or withdrawn), the
/// period every candidate is told when applying; then it goes, unless the
/// candidate joined the talent pool on `pool_consent_on` and that consent
/// still lasts.
pub fn retention_over(ended_on: Day, retention_days: u32, pool_consent_on: Option<Day>, today: Day) -> bool {
    let past_retention = ended_on.days_until(today) > i64::from(retention_days);
    let in_pool = pool_consent_on.is_some_and(|given| given.days_until(today) < TALENT_POOL_CONSENT_DAYS);
    past_retention && !in_pool
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    #[test]
    fn retention_counts_whole_days_after_the_end() {
        let ended = day("2026-01-10");
        assert!(!retention_over(ended, 30, None, day("2026-02-09")), "the 30th day after is still kept");
        assert!(retention_over(ended, 30, None, day("2026-02-10")), "the 31st is past");
        assert!(!retention_over(ended, 30, None, day("2026-01-01")), "a clock before the end keeps it");
    }

    #[test]
    fn the_talent_pool_keeps_it_while_the_consent_lasts() {
        let ended = day("2026-01-10");
        let consent = Some(day("2026-01-01"));
        assert!(!retention_over(ended, 30, consent, day("2026-12-31")), "364 days after consenting");
        assert!(retention_over(ended, 30, consent, day("2027-01-01")), "a year on, unrenewed");
        // A pool member whose company's period is longer keeps the longer one.
        assert!(!retention_over(ended, 730, consent, day("2027-06-01")));
    }
}
