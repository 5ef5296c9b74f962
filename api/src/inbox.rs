//! The recruiters' inbox: what is waiting on the company. Unanswered
//! questions, oldest first, and "silence alarms": open applications whose
//! promised date has passed, or whose candidate has heard nothing for the
//! company's alarm period. Silence can't be overlooked if it is counted.

use serde::{Deserialize, Serialize};

use crate::day::Day;
use crate::qa::QuestionForRecruiter;
use crate::timeline::{PostingRef, Progress};

/// Why an application is raising an alarm; the missed promise wins when
/// both hold, as it is what the candidate was told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SilenceAlarm {
    pub application_id: i64,
    pub posting: PostingRef,
    /// Empty once the candidate erased their data.
    pub name: String,
    pub silence: Silence,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostingCounts {
    pub posting: PostingRef,
    pub open_applications: u32,
    pub alarms: u32,
    pub unanswered_questions: u32,
}

/// `GET /api/v1/recruiter/inbox`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    /// Pending questions, oldest first.
    pub questions: Vec<QuestionForRecruiter>,
    /// Longest silence first.
    pub alarms: Vec<SilenceAlarm>,
    pub per_posting: Vec<PostingCounts>,
    /// The company's alarm period, in days.
    pub silence_alarm_days: u32,
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

    #[test]
    fn alarms_sort_by_days_waited() {
        assert_eq!(Silence::PromiseMissed { promised: day("2026-11-20"), overdue_days: 3 }.days(), 3);
        assert_eq!(Silence::NoContact { last_contact_on: day("2026-11-01"), silent_days: 22 }.days(), 22);
    }
}
