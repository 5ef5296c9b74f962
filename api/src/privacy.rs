//! What a candidate may take away: everything stored about their
//! application, as one JSON document (the GDPR right of access).

use serde::{Deserialize, Serialize};

use crate::apply::Answer;
use crate::cv::CvInfo;
use crate::day::Day;
use crate::locale::Locale;
use crate::pool_alerts::PoolAlerts;
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
    let in_pool = pool_consent_on.is_some_and(|given| pool_consent_lasts(given, today));
    past_retention && !in_pool
}

/// The last day a talent-pool consent given on `given` lasts.
pub fn pool_consent_until(given: Day) -> Day {
    given.add_days(TALENT_POOL_CONSENT_DAYS - 1).unwrap_or(given)
}

/// Whether a talent-pool consent given on `given` still lasts `today`.
pub fn pool_consent_lasts(given: Day, today: Day) -> bool {
    today <= pool_consent_until(given)
}

/// How many days before a consent is a year old its candidate is asked by
/// mail to renew it.
pub const POOL_RENEWAL_NOTICE_DAYS: i64 = 30;

/// The first day a consent given on `given` may be asked to be renewed:
/// [`POOL_RENEWAL_NOTICE_DAYS`] before the day it no longer lasts.
pub fn pool_renewal_from(given: Day) -> Day {
    given.add_days(TALENT_POOL_CONSENT_DAYS - POOL_RENEWAL_NOTICE_DAYS).unwrap_or(given)
}

/// Whether the mail asking to renew a consent given on `given` is due
/// `today`: in its last [`POOL_RENEWAL_NOTICE_DAYS`], not once it lapsed
/// (a mail asking to renew what has already ended would come too late to
/// keep anyone in the pool; the status page still offers it).
pub fn pool_renewal_due(given: Day, today: Day) -> bool {
    pool_renewal_from(given) <= today && pool_consent_lasts(given, today)
}

/// Whether the status page offers to renew a consent given on `given`:
/// once its renewal is due, and after it lapsed (giving it again is a
/// renewal too, while the application's data is kept). Earlier, nothing
/// needs doing, so nothing is offered.
pub fn pool_renewable(given: Day, today: Day) -> bool {
    pool_renewal_from(given) <= today
}

/// Whether a member whose consent was given on `given` and who made their
/// alert choice on `chosen` is mailed of a posting published on
/// `published` that `alerts` match, `today`: while the consent lasts, and
/// only of postings that opened once they asked.
pub fn pool_alert_due(
    given: Day,
    chosen: Day,
    published: Day,
    alerts: &PoolAlerts,
    at: (&str, &str),
    today: Day,
) -> bool {
    pool_consent_lasts(given, today) && chosen <= published && alerts.matches(at.0, at.1)
}

/// `GET /api/v1/recruiter/talent-pool?skill=&place=`: what a recruiter
/// searches the pool by, each matched as words anywhere (case aside) in
/// the candidate's skills, or their location.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PoolSearch {
    #[serde(default)]
    pub skill: String,
    #[serde(default)]
    pub place: String,
}

impl PoolSearch {
    /// Whether `profile` is what was searched for (an empty search finds all).
    pub fn matches(&self, profile: &Profile) -> bool {
        let has = |haystack: &str, needle: &str| haystack.to_lowercase().contains(&needle.trim().to_lowercase());
        let skill = self.skill.trim().is_empty()
            || profile.skills.iter().any(|s| has(s, &self.skill))
            || has(&profile.headline, &self.skill);
        let place = self.place.trim().is_empty() || has(&profile.location, &self.place);
        skill && place
    }
}

/// One candidate in a company's talent pool, as its recruiters see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PoolMember {
    /// The application they joined the pool with (the console's
    /// `/console/applications/{id}`).
    pub application: i64,
    pub name: String,
    #[serde(default)]
    pub headline: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub skills: Vec<String>,
    /// The posting they applied to.
    pub posting: PostingRef,
    /// The day they consented, and the last day it lasts.
    pub consent_on: Day,
    pub consent_until: Day,
}

/// The pool, newest consent first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TalentPool {
    pub members: Vec<PoolMember>,
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

    #[test]
    fn a_consent_lasts_a_year_to_the_day() {
        let given = day("2026-03-01");
        assert_eq!(pool_consent_until(given), day("2027-02-28"));
        assert!(pool_consent_lasts(given, day("2027-02-28")));
        assert!(!pool_consent_lasts(given, day("2027-03-01")));
    }

    #[test]
    fn the_renewal_is_asked_in_the_consents_last_thirty_days() {
        let given = day("2026-03-01");
        assert_eq!(pool_renewal_from(given), day("2027-01-30"));
        assert_eq!(pool_renewal_from(given).days_until(day("2027-03-01")), POOL_RENEWAL_NOTICE_DAYS);
        assert!(!pool_renewal_due(given, day("2027-01-29")));
        assert!(pool_renewal_due(given, day("2027-01-30")));
        assert!(pool_renewal_due(given, day("2027-02-28")), "its last day");
        assert!(!pool_renewal_due(given, day("2027-03-01")), "lapsed: too late to ask by mail");
    }

    #[test]
    fn the_status_page_offers_renewal_once_due_and_after_it_lapsed() {
        let given = day("2026-03-01");
        assert!(!pool_renewable(given, day("2026-03-01")));
        assert!(!pool_renewable(given, day("2027-01-29")));
        assert!(pool_renewable(given, day("2027-01-30")));
        assert!(pool_renewable(given, day("2028-06-01")));
    }

    #[test]
    fn an_alert_is_due_while_the_consent_lasts_for_postings_opened_since() {
        let alerts = PoolAlerts { departments: vec!["Clinic".into()], places: vec![] };
        let (given, chosen) = (day("2026-03-01"), day("2026-04-01"));
        let clinic = ("Clinic", "Oulu");
        assert!(pool_alert_due(given, chosen, day("2026-04-01"), &alerts, clinic, day("2026-04-01")));
        assert!(!pool_alert_due(given, chosen, day("2026-03-31"), &alerts, clinic, day("2026-04-01")), "opened before");
        assert!(!pool_alert_due(given, chosen, day("2026-04-02"), &alerts, ("Office", "Oulu"), day("2026-04-02")));
        assert!(!pool_alert_due(given, chosen, day("2027-03-01"), &alerts, clinic, day("2027-03-01")), "lapsed");
    }

    #[test]
    fn the_pool_is_searched_by_skill_and_place_case_aside() {
        let aino = Profile {
            name: "Aino".into(),
            headline: "Dental hygienist".into(),
            location: "Tampere, Finland".into(),
            skills: vec!["Periodontal care".into(), "Patient education".into()],
            ..Profile::default()
        };
        let search = |skill: &str, place: &str| PoolSearch { skill: skill.into(), place: place.into() }.matches(&aino);
        assert!(search("", ""));
        assert!(search("periodontal", ""));
        assert!(search("HYGIENIST", "tampere"), "the headline names a skill too");
        assert!(!search("orthodontics", ""));
        assert!(!search("", "Helsinki"));
        assert!(search(" care ", " Finland "));
    }
}
