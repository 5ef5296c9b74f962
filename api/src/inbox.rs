//! The recruiters' inbox: what is waiting on the company. Unanswered
//! questions, oldest first, and "silence alarms": open applications whose
//! promised date has passed, or whose candidate has heard nothing for the
//! company's alarm period. Silence can't be overlooked if it is counted.

use serde::{Deserialize, Serialize};

use crate::day::Day;
use crate::qa::QuestionForRecruiter;
use crate::reports::ReplyForRecruiter;
use crate::timeline::{Event, PostingRef, Progress};

/// Why an application is raising an alarm; the missed promise wins when
/// both hold, as it is what the candidate was told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Silence {
    PromiseMissed { promised: Day, overdue_days: i64 },
    NoContact { last_contact_on: Day, silent_days: i64 },
}

impl Silence {
    /// How long the candidate has been left waiting past what is acceptable,
    /// in days: what the inbox sorts by.
    pub fn days(&self) -> i64 {
        match self {
            Silence::PromiseMissed { overdue_days, .. } => *overdue_days,
            Silence::NoContact { silent_days, .. } => *silent_days,
        }
    }
}

/// The alarm an application raises as of `today`, if any. Ended
/// applications (an outcome, or withdrawn) never do.
pub fn silence(progress: &Progress, today: Day, alarm_days: u32) -> Option<Silence> {
    if !progress.is_open() {
        return None;
    }
    if let (Some(promised), true) = (progress.promised, progress.overdue_days > 0) {
        return Some(Silence::PromiseMissed { promised, overdue_days: progress.overdue_days });
    }
    let silent_days = progress.last_contact_on.days_until(today);
    (silent_days >= i64::from(alarm_days))
        .then_some(Silence::NoContact { last_contact_on: progress.last_contact_on, silent_days })
}

/// A missed promise's apology is written for this many days after the
/// date: a server that was down over the day still apologises when it is
/// back, but a promise missed long before the mail existed (a first start
/// with old data) is not apologised for out of the blue.
pub const LATE_MAIL_WITHIN_DAYS: i64 = 7;

/// The promised date the candidate is owed an apology for as of `today`:
/// the application is open, its current promise passed (within
/// [`LATE_MAIL_WITHIN_DAYS`]) and nothing reached the candidate since the
/// event that made the promise: no stage change, message, new promise or
/// outcome. A word before the date (or after it) says more than an
/// apology would, so none is owed then; the silence alarm still rings
/// for the missed date itself ([`silence`]).
pub fn late_promise(progress: &Progress, events: &[Event], today: Day) -> Option<Day> {
    if !progress.is_open() || progress.overdue_days <= 0 {
        return None;
    }
    let promised = progress.promised?;
    if promised.days_until(today) > LATE_MAIL_WITHIN_DAYS {
        return None;
    }
    let made = events.iter().rposition(|e| e.promised.is_some())?;
    let word_since = events[made + 1..].iter().any(Event::is_contact);
    (!word_since).then_some(promised)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SilenceAlarm {
    pub application_id: i64,
    pub posting: PostingRef,
    /// Empty once the candidate erased their data.
    pub name: String,
    pub silence: Silence,
    /// The day Candor wrote to the candidate that the promise was missed
    /// (and that their recruiter was reminded: this alarm), if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub told_late_on: Option<Day>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostingCounts {
    pub posting: PostingRef,
    pub open_applications: u32,
    pub alarms: u32,
    pub unanswered_questions: u32,
}

/// `GET /api/v1/recruiter/inbox`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Inbox {
    /// Pending questions, oldest first.
    pub questions: Vec<QuestionForRecruiter>,
    /// Longest silence first.
    pub alarms: Vec<SilenceAlarm>,
    pub per_posting: Vec<PostingCounts>,
    /// The company's alarm period, in days.
    pub silence_alarm_days: u32,
    /// Replies of progress reports' readers to the recruiters' notes that
    /// no one has marked seen yet, newest first.
    #[serde(default)]
    pub report_replies: Vec<ReplyForRecruiter>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::{Closing, Outcome};

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    fn open(promised: Option<&str>, overdue_days: i64, last_contact_on: &str) -> Progress {
        Progress {
            received_on: day("2026-11-01"),
            stages: vec![],
            current_stage: Some(0),
            promised: promised.map(day),
            overdue_days,
            last_contact_on: day(last_contact_on),
            closing: None,
            withdrawal: None,
            rating: None,
        }
    }

    #[test]
    fn a_missed_promise_raises_an_alarm_the_day_after() {
        let p = open(Some("2026-11-20"), 3, "2026-11-20");
        assert_eq!(
            silence(&p, day("2026-11-23"), 7),
            Some(Silence::PromiseMissed { promised: day("2026-11-20"), overdue_days: 3 })
        );
        let kept = open(Some("2026-11-23"), 0, "2026-11-20");
        assert_eq!(silence(&kept, day("2026-11-23"), 7), None, "due today is not overdue");
    }

    #[test]
    fn silence_for_the_alarm_period_raises_one_too() {
        let p = open(Some("2026-12-30"), 0, "2026-11-16");
        assert_eq!(silence(&p, day("2026-11-22"), 7), None, "six days");
        assert_eq!(
            silence(&p, day("2026-11-23"), 7),
            Some(Silence::NoContact { last_contact_on: day("2026-11-16"), silent_days: 7 })
        );
        assert_eq!(silence(&p, day("2026-11-23"), 14), None, "the company's own period");
    }

    #[test]
    fn the_promise_wins_over_plain_silence_and_ended_applications_are_quiet() {
        let both = open(Some("2026-11-10"), 13, "2026-11-01");
        assert!(matches!(silence(&both, day("2026-11-23"), 7), Some(Silence::PromiseMissed { .. })));
        let closed = Progress {
            closing: Some(Closing {
                outcome: Outcome::NotSelected,
                message: "Thank you".into(),
                on: day("2026-11-02"),
            }),
            ..open(None, 0, "2026-11-02")
        };
        assert_eq!(silence(&closed, day("2026-12-23"), 7), None);
    }

    mod late {
        use super::super::*;
        use crate::timeline::fixtures::{day, event, stages};
        use crate::timeline::{EventKind, Outcome, derive};

        fn received() -> Event {
            event(1, "2026-11-02", EventKind::Received, Some("2026-11-07"))
        }

        fn owed(events: &[Event], today: &str) -> Option<Day> {
            late_promise(&derive(&stages(), events, day(today)), events, day(today))
        }

        #[test]
        fn an_apology_is_owed_from_the_day_after_a_silent_promise() {
            assert_eq!(owed(&[received()], "2026-11-07"), None, "due today is not late");
            assert_eq!(owed(&[received()], "2026-11-08"), Some(day("2026-11-07")));
            assert_eq!(owed(&[received()], "2026-11-14"), Some(day("2026-11-07")));
            assert_eq!(owed(&[received()], "2026-11-15"), None, "too long ago to apologise out of the blue");
        }

        #[test]
        fn any_word_since_the_promise_owes_none() {
            let message = event(2, "2026-11-05", EventKind::Message, None);
            assert_eq!(owed(&[received(), message], "2026-11-08"), None, "a message before the date");
            let after = event(2, "2026-11-08", EventKind::Message, None);
            assert_eq!(owed(&[received(), after], "2026-11-09"), None, "a message after it, before the mail");
            let renewed = event(2, "2026-11-06", EventKind::Promise, Some("2026-11-10"));
            assert_eq!(owed(&[received(), renewed.clone()], "2026-11-09"), None, "a new promise, not yet due");
            assert_eq!(owed(&[received(), renewed], "2026-11-11"), Some(day("2026-11-10")), "which can pass too");
            let moved = event(2, "2026-11-06", EventKind::StageChanged { stage: 1 }, Some("2026-11-09"));
            assert_eq!(owed(&[received(), moved], "2026-11-10"), Some(day("2026-11-09")));
        }

        #[test]
        fn the_candidates_own_steps_are_no_word_and_an_ended_application_owes_none() {
            let rated = event(2, "2026-11-05", EventKind::Feedback { rating: 4, would_apply_again: true }, None);
            assert_eq!(owed(&[received(), rated], "2026-11-08"), Some(day("2026-11-07")));
            let closed = event(2, "2026-11-05", EventKind::Closed { outcome: Outcome::NotSelected }, None);
            assert_eq!(owed(&[received(), closed], "2026-11-08"), None);
            let withdrawn =
                event(2, "2026-11-05", EventKind::Withdrawn { reason: crate::timeline::WithdrawReason::Other }, None);
            assert_eq!(owed(&[received(), withdrawn], "2026-11-08"), None);
        }
    }

    #[test]
    fn alarms_sort_by_days_waited() {
        assert_eq!(Silence::PromiseMissed { promised: day("2026-11-20"), overdue_days: 3 }.days(), 3);
        assert_eq!(Silence::NoContact { last_contact_on: day("2026-11-01"), silent_days: 22 }.days(), 22);
    }
}
