//! An application's history, and where it stands.
//!
//! The history is an append-only list of events; everything the candidate
//! sees (the current stage, planned and actual dates, the promised date and
//! whether it is overdue, the outcome) is derived from it by [`derive`], here
//! and nowhere else.

use serde::{Deserialize, Serialize};

use crate::day::Day;
use crate::postings::Stage;
use crate::rules::{FieldError, Invalid, multi_line};
use crate::slug::{CompanySlug, PostingSlug};

/// How an application ended, when the company ended it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// An offer was made and accepted: hired.
    Hired,
    NotSelected,
    /// The position itself was closed or put on hold.
    PositionClosed,
}

/// Why a candidate withdrew, as the short list offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WithdrawReason {
    AcceptedAnotherOffer,
    ProcessTooSlow,
    SalaryOrConditions,
    NoLongerInterested,
    PersonalReasons,
    Other,
}

impl WithdrawReason {
    /// The short list, in the order candidates see it.
    pub const ALL: [WithdrawReason; 6] = [
        WithdrawReason::AcceptedAnotherOffer,
        WithdrawReason::ProcessTooSlow,
        WithdrawReason::SalaryOrConditions,
        WithdrawReason::NoLongerInterested,
        WithdrawReason::PersonalReasons,
        WithdrawReason::Other,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The application arrived; acknowledged at once.
    Received,
    /// Moved to the stage with this index in the posting's process.
    StageChanged { stage: u16 },
    /// A message from the company to the candidate.
    Message,
    /// A new date by which the company will get back.
    Promise,
    /// The company closed the application.
    Closed { outcome: Outcome },
    /// The candidate withdrew.
    Withdrawn { reason: WithdrawReason },
    /// The candidate rated the experience.
    Feedback { rating: u8, would_apply_again: bool },
}

/// One entry of the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Event {
    /// Position in this application's history, from 1: the SSE event id.
    pub seq: u64,
    /// When, in RFC 3339 (UTC).
    pub at: String,
    /// The day it happened, for the schedule.
    pub on: Day,
    pub kind: EventKind,
    /// The personal message that came with it (or the candidate's comment).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    /// The date the company promised to get back by, if this event set one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promised: Option<Day>,
}

impl Event {
    /// Whether the candidate heard something from the company through it.
    pub fn is_contact(&self) -> bool {
        matches!(
            self.kind,
            EventKind::Received
                | EventKind::StageChanged { .. }
                | EventKind::Message
                | EventKind::Promise
                | EventKind::Closed { .. }
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StageState {
    Done,
    Current,
    Upcoming,
    /// Passed over: the process moved beyond it without it, or ended before it.
    Skipped,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageProgress {
    pub name: String,
    pub expected_days: u16,
    pub state: StageState,
    /// When the stage would begin if every earlier one took its usual time,
    /// counted from the day the application arrived.
    pub planned_on: Day,
    /// When it actually began.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entered_on: Option<Day>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Closing {
    pub outcome: Outcome,
    pub message: String,
    pub on: Day,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Withdrawal {
    pub reason: WithdrawReason,
    pub comment: String,
    pub on: Day,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rating {
    pub rating: u8,
    pub would_apply_again: bool,
    pub comment: String,
}

/// Where an application stands, as of `today`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Progress {
    pub received_on: Day,
    pub stages: Vec<StageProgress>,
    /// Index of the current stage while the application is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_stage: Option<usize>,
    /// The date the company last promised to get back by, while open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promised: Option<Day>,
    /// Days past the promised date without word from the company; 0 when not overdue.
    pub overdue_days: i64,
    pub last_contact_on: Day,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<Closing>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawal: Option<Withdrawal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
}

impl Progress {
    pub fn is_open(&self) -> bool {
        self.closing.is_none() && self.withdrawal.is_none()
    }
}

/// `GET /api/v1/applications/{token}`: everything the candidate's status
/// view shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationStatus {
    pub company: CompanyRef,
    /// Its title, like the stages' names, in the language applied in where
    /// the posting was written in it.
    pub posting: PostingRef,
    pub progress: Progress,
    pub events: Vec<Event>,
    /// The language the candidate applied in: the status view's, unless
    /// they choose another.
    #[serde(default)]
    pub locale: crate::locale::Locale,
    /// Whether the candidate gets a mail at each step; the acknowledgement
    /// and the outcome are sent either way.
    #[serde(default = "yes")]
    pub mail_updates: bool,
    /// The last day the candidate stays in the company's talent pool, while
    /// they are in it (`privacy::pool_consent_until`); they may leave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub talent_pool_until: Option<crate::day::Day>,
    /// Whether the status page offers to renew that consent for another
    /// year (`privacy::pool_renewable`): its renewal is due, or it lapsed
    /// and the application's data is still kept.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub talent_pool_renewable: bool,
    /// The last day a consent that lapsed unrenewed lasted, while it may
    /// still be renewed: the candidate is out of the pool meanwhile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub talent_pool_lapsed_on: Option<crate::day::Day>,
    /// What the member asked to hear of when a posting opens, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub talent_pool_alerts: Option<crate::pool_alerts::PoolAlerts>,
}

fn yes() -> bool {
    true
}

/// `PUT /api/v1/applications/{token}/mail`: the candidate's choice of mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MailUpdates {
    /// A mail at each step (a stage, a message, a new or missed date).
    pub updates: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompanyRef {
    pub slug: CompanySlug,
    pub name: String,
    /// The company's accent colour, so its pages look like its own.
    pub accent_color: crate::company::HexColor,
    /// Shown on Candor's own status page, where nothing else says whose it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
}

impl From<crate::company::CompanyPublic> for CompanyRef {
    fn from(company: crate::company::CompanyPublic) -> Self {
        CompanyRef {
            slug: company.slug,
            name: company.name,
            accent_color: company.branding.accent_color,
            logo_url: company.branding.logo_url,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostingRef {
    pub slug: PostingSlug,
    pub title: String,
    /// The language of its title and stages' names, which may not be the
    /// reader's: they mark those texts with it.
    #[serde(default)]
    pub lang: crate::locale::Locale,
}

impl From<&crate::postings::PostingSummary> for PostingRef {
    fn from(posting: &crate::postings::PostingSummary) -> Self {
        PostingRef { slug: posting.slug.clone(), title: posting.title.clone(), lang: posting.lang }
    }
}

/// `POST /api/v1/applications/{token}/withdraw`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Withdraw {
    pub reason: WithdrawReason,
    #[serde(default)]
    pub comment: String,
}

/// `POST /api/v1/applications/{token}/feedback`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Feedback {
    /// 1 (poor) to 5 (excellent).
    pub rating: u8,
    pub would_apply_again: bool,
    #[serde(default)]
    pub comment: String,
}

pub const COMMENT_MAX: usize = 2000;

impl Withdraw {
    pub fn validate(&self) -> Result<Withdraw, FieldError> {
        Ok(Withdraw { reason: self.reason, comment: multi_line("comment", &self.comment, 0, COMMENT_MAX)? })
    }
}

impl Feedback {
    pub fn validate(&self) -> Result<Feedback, FieldError> {
        if !(1..=5).contains(&self.rating) {
            return Err(FieldError::new("rating", Invalid::OutOfRange { min: 1, max: 5 }));
        }
        Ok(Feedback { comment: multi_line("comment", &self.comment, 0, COMMENT_MAX)?, ..self.clone() })
    }
}

/// The first promise an application gets: the end of the first stage's usual time.
pub fn first_promise(stages: &[Stage], received_on: Day) -> Day {
    let days = stages.first().map_or(7, |s| i64::from(s.expected_days));
    received_on.add_days(days).unwrap_or(received_on)
}

/// Derives where an application stands from its history. `events` are in
/// `seq` order and start with `Received`.
pub fn derive(stages: &[Stage], events: &[Event], today: Day) -> Progress {
    let received_on = events.first().map_or(today, |e| e.on);
    let mut planned = received_on;
    let mut progress: Vec<StageProgress> = stages
        .iter()
        .map(|s| {
            let stage = StageProgress {
                name: s.name.clone(),
                expected_days: s.expected_days,
                state: StageState::Upcoming,
                planned_on: planned,
                entered_on: None,
            };
            planned = planned.add_days(i64::from(s.expected_days)).unwrap_or(planned);
            stage
        })
        .collect();
    let mut current = (!progress.is_empty()).then_some(0);
    if let Some(first) = progress.first_mut() {
        first.entered_on = Some(received_on);
    }
    let mut promised = None;
    let mut last_contact_on = received_on;
    let mut closing = None;
    let mut withdrawal = None;
    let mut rating = None;
    for event in events {
        if event.is_contact() {
            last_contact_on = event.on;
        }
        if event.promised.is_some() {
            promised = event.promised;
        }
        match &event.kind {
            EventKind::Received | EventKind::Message | EventKind::Promise => {}
            EventKind::StageChanged { stage } => {
                let stage = usize::from(*stage);
                if let Some(entered) = progress.get_mut(stage) {
                    entered.entered_on = Some(event.on);
                    current = Some(stage);
                }
            }
            EventKind::Closed { outcome } => {
                closing = Some(Closing { outcome: *outcome, message: event.message.clone(), on: event.on });
            }
            EventKind::Withdrawn { reason } => {
                withdrawal = Some(Withdrawal { reason: *reason, comment: event.message.clone(), on: event.on });
            }
            EventKind::Feedback { rating: stars, would_apply_again } => {
                rating = Some(Rating {
                    rating: *stars,
                    would_apply_again: *would_apply_again,
                    comment: event.message.clone(),
                });
            }
        }
    }
    let open = closing.is_none() && withdrawal.is_none();
    // A stage that took place is done once the process moved past it or
    // ended in it, whatever the outcome; one it never reached is skipped.
    for (i, stage) in progress.iter_mut().enumerate() {
        stage.state = match current {
            Some(c) if i == c && open => StageState::Current,
            Some(c) if i <= c && stage.entered_on.is_some() => StageState::Done,
            Some(c) if i < c => StageState::Skipped,
            _ if open => StageState::Upcoming,
            _ => StageState::Skipped,
        };
    }
    // A closed process has no open promise; one kept by any word from the
    // company is not overdue either.
    let promised = promised.filter(|_| open);
    let overdue_days = promised.map_or(0, |p| p.days_until(today).max(0));
    Progress {
        received_on,
        stages: progress,
        current_stage: current.filter(|_| open),
        promised,
        overdue_days,
        last_contact_on,
        closing,
        withdrawal,
        rating,
    }
}

/// What the tests of the derivations built on a timeline (this file's,
/// the board's) start from: days, three stages and events.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    pub fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    pub fn stages() -> Vec<Stage> {
        ["Review", "Interview", "Offer"]
            .iter()
            .zip([5, 7, 3])
            .map(|(n, d)| Stage { name: (*n).into(), expected_days: d, description: String::new() })
            .collect()
    }

    pub fn event(seq: u64, on: &str, kind: EventKind, promised: Option<&str>) -> Event {
        Event {
            seq,
            at: format!("{on}T10:00:00Z"),
            on: day(on),
            kind,
            message: String::new(),
            promised: promised.map(day),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{day, event, stages};
    use super::*;

    fn received() -> Event {
        event(1, "2026-11-02", EventKind::Received, Some("2026-11-07"))
    }

    #[test]
    fn a_new_application_stands_at_the_first_stage_with_its_first_promise() {
        assert_eq!(first_promise(&stages(), day("2026-11-02")), day("2026-11-07"));
        let p = derive(&stages(), &[received()], day("2026-11-03"));
        assert_eq!(p.current_stage, Some(0));
        assert_eq!(p.promised, Some(day("2026-11-07")));
        assert_eq!(p.overdue_days, 0);
        let states: Vec<_> = p.stages.iter().map(|s| s.state).collect();
        assert_eq!(states, [StageState::Current, StageState::Upcoming, StageState::Upcoming]);
        let planned: Vec<_> = p.stages.iter().map(|s| s.planned_on.to_string()).collect();
        assert_eq!(planned, ["2026-11-02", "2026-11-07", "2026-11-14"]);
        assert!(p.is_open());
    }

    #[test]
    fn a_missed_promise_is_overdue_by_whole_days() {
        let p = derive(&stages(), &[received()], day("2026-11-10"));
        assert_eq!(p.overdue_days, 3);
        // A new promise moves the date; a message alone does not.
        let message =
            Event { message: "Still reviewing, sorry!".into(), ..event(2, "2026-11-09", EventKind::Message, None) };
        let p = derive(&stages(), &[received(), message.clone()], day("2026-11-10"));
        assert_eq!((p.overdue_days, p.last_contact_on), (3, day("2026-11-09")));
        let promise = event(3, "2026-11-09", EventKind::Promise, Some("2026-11-12"));
        let p = derive(&stages(), &[received(), message, promise], day("2026-11-10"));
        assert_eq!((p.promised, p.overdue_days), (Some(day("2026-11-12")), 0));
    }

    #[test]
    fn stage_changes_record_actual_dates() {
        let moved = event(2, "2026-11-06", EventKind::StageChanged { stage: 1 }, Some("2026-11-13"));
        let p = derive(&stages(), &[received(), moved], day("2026-11-08"));
        assert_eq!(p.current_stage, Some(1));
        assert_eq!(p.stages[0].state, StageState::Done);
        assert_eq!(p.stages[1].entered_on, Some(day("2026-11-06")));
        assert_eq!(p.stages[1].planned_on, day("2026-11-07"), "a day ahead of plan");
        assert_eq!(p.promised, Some(day("2026-11-13")));
        // Jumping straight to the offer skips the interview.
        let jumped = event(2, "2026-11-06", EventKind::StageChanged { stage: 2 }, Some("2026-11-09"));
        let p = derive(&stages(), &[received(), jumped], day("2026-11-08"));
        let states: Vec<_> = p.stages.iter().map(|s| s.state).collect();
        assert_eq!(states, [StageState::Done, StageState::Skipped, StageState::Current]);
    }

    #[test]
    fn an_outcome_ends_the_process_and_any_promise() {
        let closed = Event {
            message: "Thank you, Aino. We chose someone with more orthodontic experience.".into(),
            ..event(2, "2026-11-20", EventKind::Closed { outcome: Outcome::NotSelected }, None)
        };
        let p = derive(&stages(), &[received(), closed], day("2026-11-25"));
        assert!(!p.is_open());
        assert_eq!((p.promised, p.overdue_days, p.current_stage), (None, 0, None));
        let closing = p.closing.unwrap();
        assert_eq!(closing.outcome, Outcome::NotSelected);
        assert!(closing.message.starts_with("Thank you"));
        let states: Vec<_> = p.stages.iter().map(|s| s.state).collect();
        assert_eq!(states, [StageState::Done, StageState::Skipped, StageState::Skipped], "it ended in review");
    }

    #[test]
    fn the_stage_it_ended_in_is_done() {
        let offer = event(2, "2026-11-10", EventKind::StageChanged { stage: 2 }, Some("2026-11-13"));
        let hired = event(3, "2026-11-12", EventKind::Closed { outcome: Outcome::Hired }, None);
        let p = derive(&stages(), &[received(), offer, hired], day("2026-11-30"));
        assert_eq!(p.stages[2].state, StageState::Done);
        assert_eq!(p.stages[1].state, StageState::Skipped);
    }

    #[test]
    fn withdrawal_and_feedback_are_the_candidate_s() {
        let withdrawn = Event {
            message: "Took another job".into(),
            ..event(2, "2026-11-04", EventKind::Withdrawn { reason: WithdrawReason::AcceptedAnotherOffer }, None)
        };
        let feedback = Event {
            message: "Quick and kind".into(),
            ..event(3, "2026-11-05", EventKind::Feedback { rating: 5, would_apply_again: true }, None)
        };
        let p = derive(&stages(), &[received(), withdrawn, feedback], day("2026-11-20"));
        assert_eq!(p.withdrawal.as_ref().map(|w| w.reason), Some(WithdrawReason::AcceptedAnotherOffer));
        assert_eq!(p.rating.as_ref().map(|r| (r.rating, r.would_apply_again)), Some((5, true)));
        assert_eq!(p.overdue_days, 0);
        assert_eq!(p.last_contact_on, day("2026-11-02"), "the candidate's own events are not contact");
    }

    #[test]
    fn candidate_actions_have_rules() {
        let feedback = Feedback { rating: 0, would_apply_again: true, comment: String::new() };
        assert_eq!(feedback.validate().unwrap_err().field, "rating");
        let feedback = Feedback { rating: 5, comment: " Kind and quick ".into(), ..feedback };
        assert_eq!(feedback.validate().unwrap().comment, "Kind and quick");
        let withdraw = Withdraw { reason: WithdrawReason::Other, comment: "x".repeat(COMMENT_MAX + 1) };
        assert_eq!(withdraw.validate().unwrap_err().invalid, Invalid::TooLong { max: COMMENT_MAX });
    }

    #[test]
    fn events_serialise_compactly() {
        let json = serde_json::to_string(&event(2, "2026-11-06", EventKind::StageChanged { stage: 1 }, None)).unwrap();
        assert_eq!(
            json,
            r#"{"seq":2,"at":"2026-11-06T10:00:00Z","on":"2026-11-06","kind":{"stage_changed":{"stage":1}}}"#
        );
    }
}
