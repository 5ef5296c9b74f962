//! Progress reports for the people a search is for: a hiring manager, an
//! agency's client. A recruiter shares a posting's report by a link made for
//! one named person, writes notes on it (an update, or a warning that sits
//! on top), and the reader can answer a note. The report compares the
//! schedule planned when the search opened with what has happened, stage by
//! stage; the arithmetic is here, on days, so the console, the reader's page
//! and the mails agree.

use serde::{Deserialize, Serialize};

use crate::day::Day;
use crate::locale::Locale;
use crate::qa::PublicQuestion;
// In a module of their own, as a company's settings hold them too.
pub use crate::report_settings::{ReportSettings, Shows};
use crate::rules::{FieldError, Invalid, Problems, multi_line, single_line};
use crate::timeline::{CompanyRef, PostingRef, Progress};

/// A link lasts this many days unless its maker says otherwise.
pub const LINK_DAYS_DEFAULT: u32 = 90;
/// And at most this many: a link is for one search, not for ever.
pub const LINK_DAYS_MAX: u32 = 365;
pub const READER_NAME_MAX: usize = 120;
pub const NOTE_MAX: usize = 4_000;
pub const REPLY_MAX: usize = 2_000;

/// `POST /api/v1/recruiter/postings/{posting}/report/links`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewShareLink {
    /// Who the link is for ("Dr. Anna Berg, clinic director").
    pub name: String,
    /// Where their weekly summary and the warnings go.
    pub email: String,
    /// `None`: the company's default ([`ReportSettings::default_shows`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shows: Option<Shows>,
    /// `None`: [`LINK_DAYS_DEFAULT`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in_days: Option<u32>,
    /// The reader's language; `None`: the company's default language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// A [`NewShareLink`] that keeps the rules, with the defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareLinkRequest {
    pub name: String,
    pub email: String,
    pub shows: Shows,
    pub expires_in_days: u32,
    pub locale: Locale,
}

impl NewShareLink {
    /// Every broken rule at once; `defaults` are the company's.
    pub fn validate(&self, default_shows: Shows, default_locale: Locale) -> Result<ShareLinkRequest, Vec<FieldError>> {
        let mut problems = Problems::default();
        let name = problems.check(single_line("name", &self.name, 1, READER_NAME_MAX));
        let email = problems.check(crate::profile::parse_email("email", &self.email));
        let expires_in_days = self.expires_in_days.unwrap_or(LINK_DAYS_DEFAULT);
        if !(1..=LINK_DAYS_MAX).contains(&expires_in_days) {
            problems.push(FieldError::new(
                "expires_in_days",
                Invalid::OutOfRange { min: 1, max: i64::from(LINK_DAYS_MAX) },
            ));
        }
        problems.or_all(ShareLinkRequest {
            name,
            email,
            shows: self.shows.unwrap_or(default_shows),
            expires_in_days,
            locale: self.locale.unwrap_or(default_locale),
        })
    }
}

/// A share link as the console lists it. Its secret is never in it: the
/// maker sees the link once ([`ShareLinkCreated`]) and its reader has it by
/// mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShareLink {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub shows: Shows,
    pub locale: Locale,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// Who made it.
    pub created_by: String,
    /// The last day it opens.
    pub expires_on: Day,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_opened_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
}

impl ShareLink {
    /// Whether it still opens the report on `today`.
    pub fn is_live(&self, today: Day) -> bool {
        self.revoked_at.is_none() && today <= self.expires_on
    }
}

/// The answer to making a link: the link itself, with its secret after `#`
/// (kept out of every server's and proxy's log), shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShareLinkCreated {
    pub link: ShareLink,
    pub url: String,
}

/// `GET …/report/links`: the posting's links, newest first, and what a new
/// one gets unless told otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShareLinks {
    pub links: Vec<ShareLink>,
    pub default_shows: Shows,
    pub default_days: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// How the search is going.
    Update,
    /// Something the reader should act on now ("candidates expect a higher
    /// salary"): on top of the report, and mailed at once.
    Warning,
}

/// `POST …/report/notes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewNote {
    pub kind: NoteKind,
    pub body: String,
}

impl NewNote {
    pub fn validate(&self) -> Result<NewNote, FieldError> {
        Ok(NewNote { kind: self.kind, body: multi_line("body", &self.body, 1, NOTE_MAX)? })
    }
}

/// `POST /api/v1/report/replies`: the reader answers a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewReply {
    pub note: i64,
    pub body: String,
}

impl NewReply {
    pub fn validate(&self) -> Result<NewReply, FieldError> {
        Ok(NewReply { note: self.note, body: multi_line("body", &self.body, 1, REPLY_MAX)? })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reply {
    pub id: i64,
    pub body: String,
    /// The name of the link's person.
    pub by: String,
    /// RFC 3339, UTC.
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Note {
    pub id: i64,
    pub kind: NoteKind,
    pub body: String,
    /// The recruiter who wrote it.
    pub author: String,
    /// RFC 3339, UTC.
    pub written_at: String,
    /// Oldest first, as a conversation reads.
    pub replies: Vec<Reply>,
}

/// The order a report shows its notes in: warnings on top, then newest
/// first within each kind. `written_at` is RFC 3339 UTC to the second, so
/// its text sorts as its time; the id breaks ties within one second.
pub fn order_notes(notes: &mut [Note]) {
    notes.sort_by(|a, b| {
        (b.kind == NoteKind::Warning)
            .cmp(&(a.kind == NoteKind::Warning))
            .then_with(|| b.written_at.cmp(&a.written_at))
            .then_with(|| b.id.cmp(&a.id))
    });
}

/// A reader's reply waiting in the console's inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplyForRecruiter {
    pub id: i64,
    pub posting: PostingRef,
    pub note_kind: NoteKind,
    /// The note answered, as written.
    pub note: String,
    pub by: String,
    pub body: String,
    /// RFC 3339, UTC.
    pub at: String,
}

/// The schedule as planned when the search opened: stage after stage, each
/// for its expected days, from the day the posting was first published.
/// Kept as it was then: a stage retimed later doesn't rewrite the plan the
/// client agreed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Plan {
    pub opened_on: Day,
    pub stages: Vec<PlannedStage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlannedStage {
    pub name: String,
    pub expected_days: u16,
    pub starts_on: Day,
    /// The day it should be over: the next stage's planned start.
    pub ends_on: Day,
}

impl Plan {
    /// The plan of `stages` (name and expected days) for a search opened on `opened_on`.
    pub fn new(opened_on: Day, stages: &[(String, u16)]) -> Plan {
        let mut starts_on = opened_on;
        let stages = stages
            .iter()
            .map(|(name, days)| {
                let ends_on = starts_on.add_days(i64::from(*days)).unwrap_or(starts_on);
                let stage = PlannedStage { name: name.clone(), expected_days: *days, starts_on, ends_on };
                starts_on = ends_on;
                stage
            })
            .collect();
        Plan { opened_on, stages }
    }

    /// The day the whole search should be over.
    pub fn ends_on(&self) -> Day {
        self.stages.last().map_or(self.opened_on, |s| s.ends_on)
    }

    /// The plan laid out in weeks from the opening day: each week's dates
    /// and the stages planned to run in it (by index).
    pub fn weeks(&self) -> Vec<PlanWeek> {
        let days = self.opened_on.days_until(self.ends_on()).max(1);
        let count = (days + 6) / 7;
        (0..count)
            .map(|w| {
                let starts_on = self.opened_on.add_days(w * 7).unwrap_or(self.opened_on);
                let ends_on = starts_on.add_days(6).unwrap_or(starts_on);
                let stages = self
                    .stages
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.expected_days > 0 && s.starts_on <= ends_on && s.ends_on > starts_on)
                    .map(|(i, _)| i)
                    .collect();
                PlanWeek { number: w as u32 + 1, starts_on, ends_on, stages }
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanWeek {
    /// 1 for the week the search opened.
    pub number: u32,
    pub starts_on: Day,
    /// Its last day.
    pub ends_on: Day,
    pub stages: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StageStatus {
    /// The search has moved beyond it: a candidate reached a later stage.
    Done,
    /// The furthest stage a candidate has reached.
    Current,
    /// No candidate has reached it yet.
    Upcoming,
}

/// One stage, planned against what happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageActual {
    pub name: String,
    pub planned_start: Day,
    pub planned_end: Day,
    /// When the first candidate reached it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_start: Option<Day>,
    /// When the first candidate reached the stage after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_end: Option<Day>,
    pub status: StageStatus,
    /// Days behind the plan (negative: ahead). A done stage counts when it
    /// ended; the current one when it began, or how far it has run past its
    /// planned end, whichever is more; one not begun, how long past its
    /// planned start it still hasn't.
    pub days_late: i64,
}

/// How each stage went against the plan, as of `today`, from where every
/// application stands.
pub fn plan_against_actual(plan: &Plan, applications: &[Progress], today: Day) -> Vec<StageActual> {
    let reached: Vec<Option<Day>> = (0..plan.stages.len())
        .map(|i| applications.iter().filter_map(|p| p.stages.get(i).and_then(|s| s.entered_on)).min())
        .collect();
    let furthest = reached.iter().rposition(Option::is_some);
    plan.stages
        .iter()
        .enumerate()
        .map(|(i, stage)| {
            let actual_start = reached[i];
            // A stage ends when the search moves beyond it: the first arrival
            // in any later stage (one may be passed over).
            let actual_end = reached[i + 1..].iter().flatten().min().copied().filter(|_| actual_start.is_some());
            let status = match (actual_start, furthest) {
                (None, _) => StageStatus::Upcoming,
                (Some(_), Some(f)) if f > i => StageStatus::Done,
                _ => StageStatus::Current,
            };
            let days_late = match (status, actual_start, actual_end) {
                (StageStatus::Done, _, Some(end)) => stage.ends_on.days_until(end),
                (_, Some(start), _) => stage.starts_on.days_until(start).max(stage.ends_on.days_until(today)),
                _ => stage.starts_on.days_until(today).max(0),
            };
            StageActual {
                name: stage.name.clone(),
                planned_start: stage.starts_on,
                planned_end: stage.ends_on,
                actual_start,
                actual_end,
                status,
                days_late,
            }
        })
        .collect()
}

/// How far the whole search is behind its plan (negative: ahead): the
/// furthest stage reached, as [`StageActual::days_late`] counts it, or the
/// first stage while none is reached.
pub fn search_days_late(stages: &[StageActual]) -> i64 {
    stages.iter().rfind(|s| s.status == StageStatus::Current).or_else(|| stages.first()).map_or(0, |s| s.days_late)
}

/// How many candidates stand in each stage on a day, and how many have ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Funnel {
    /// Per stage, in the plan's order.
    pub per_stage: Vec<u32>,
    /// Closed with an outcome or withdrawn by then.
    pub ended: u32,
}

/// The funnel on `day`: every application that had arrived by then, in the
/// stage it stood in that day, or ended.
pub fn funnel_on(stage_count: usize, applications: &[Progress], day: Day) -> Funnel {
    let mut funnel = Funnel { per_stage: vec![0; stage_count], ended: 0 };
    for p in applications.iter().filter(|p| p.received_on <= day) {
        let ended_on = p.closing.as_ref().map(|c| c.on).or(p.withdrawal.as_ref().map(|w| w.on));
        if ended_on.is_some_and(|on| on <= day) {
            funnel.ended += 1;
            continue;
        }
        let stage = p.stages.iter().rposition(|s| s.entered_on.is_some_and(|on| on <= day)).unwrap_or(0);
        if let Some(count) = funnel.per_stage.get_mut(stage) {
            *count += 1;
        }
    }
    funnel
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekFunnel {
    pub number: u32,
    /// The day it was counted on: the week's last day, or today for this week.
    pub on: Day,
    pub funnel: Funnel,
}

/// The funnel at the end of every week since the search opened, this week
/// counted as of today.
pub fn funnel_by_week(plan: &Plan, applications: &[Progress], today: Day) -> Vec<WeekFunnel> {
    let weeks = (plan.opened_on.days_until(today).max(0) / 7) + 1;
    (0..weeks)
        .map(|w| {
            let end = plan.opened_on.add_days(w * 7 + 6).unwrap_or(today);
            let on = if end > today { today } else { end };
            WeekFunnel { number: w as u32 + 1, on, funnel: funnel_on(plan.stages.len(), applications, on) }
        })
        .collect()
}

/// A candidate as a report that shows names lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportCandidate {
    /// Empty once the candidate erased their data.
    pub name: String,
    /// Their stage while open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<usize>,
    pub open: bool,
    /// Days past a promise made to them, 0 when none.
    pub overdue_days: i64,
}

/// How the candidates are being treated, which a client's brand shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Care {
    /// Open applications whose promised date passed without a word.
    pub overdue_promises: u32,
    /// Applications the company closed, and those closed with a message
    /// written to the candidate.
    pub closed: u32,
    pub closed_with_message: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_with_message_share: Option<f64>,
}

pub fn care(applications: &[Progress]) -> Care {
    let overdue_promises = applications.iter().filter(|p| p.is_open() && p.overdue_days > 0).count() as u32;
    let closed = applications.iter().filter(|p| p.closing.is_some()).count() as u32;
    let closed_with_message =
        applications.iter().filter(|p| p.closing.as_ref().is_some_and(|c| !c.message.trim().is_empty())).count() as u32;
    Care {
        overdue_promises,
        closed,
        closed_with_message,
        closed_with_message_share: (closed > 0).then(|| f64::from(closed_with_message) / f64::from(closed)),
    }
}

/// `GET /api/v1/report` (the reader's, by the link's secret in the
/// `Candor-Report` header) and `GET /api/v1/recruiter/postings/{posting}/report`
/// (the console's, shown as a reader of `shows` would see it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    pub company: CompanyRef,
    pub posting: PostingRef,
    /// The link's person; `None` in the console's preview.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reader: Option<String>,
    pub shows: Shows,
    /// The language the reader reads it in.
    pub locale: Locale,
    pub today: Day,
    pub plan: Plan,
    pub stages: Vec<StageActual>,
    /// [`search_days_late`].
    pub days_late: i64,
    pub funnel: Funnel,
    pub weeks: Vec<WeekFunnel>,
    pub care: Care,
    /// Only when `shows` is [`Shows::Names`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<ReportCandidate>,
    /// In [`order_notes`]'s order.
    pub notes: Vec<Note>,
    /// The posting's answered public questions, newest first.
    pub questions: Vec<PublicQuestion>,
}

/// The figures of a report, from the plan and where every application stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub stages: Vec<StageActual>,
    pub days_late: i64,
    pub funnel: Funnel,
    pub weeks: Vec<WeekFunnel>,
    pub care: Care,
}

pub fn figures(plan: &Plan, applications: &[Progress], today: Day) -> Figures {
    let stages = plan_against_actual(plan, applications, today);
    Figures {
        days_late: search_days_late(&stages),
        funnel: funnel_on(plan.stages.len(), applications, today),
        weeks: funnel_by_week(plan, applications, today),
        care: care(applications),
        stages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::{Closing, Outcome, StageProgress, StageState};

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    /// Opened Monday 2026-11-02: Screening 5 days, Interview 7, Offer 3.
    fn plan() -> Plan {
        Plan::new(day("2026-11-02"), &[("Screening".into(), 5), ("Interview".into(), 7), ("Offer".into(), 3)])
    }

    /// An application that arrived on `received` and entered the stages on `entered`.
    fn app(received: &str, entered: &[&str]) -> Progress {
        let stages = (0..3)
            .map(|i| StageProgress {
                name: format!("Stage {i}"),
                expected_days: 5,
                state: StageState::Upcoming,
                planned_on: day(received),
                entered_on: entered.get(i).map(|d| day(d)),
            })
            .collect();
        Progress {
            received_on: day(received),
            stages,
            current_stage: Some(entered.len().saturating_sub(1)),
            promised: None,
            overdue_days: 0,
            last_contact_on: day(received),
            closing: None,
            withdrawal: None,
            rating: None,
        }
    }

    fn closed(mut p: Progress, on: &str, message: &str) -> Progress {
        p.closing = Some(Closing { outcome: Outcome::NotSelected, message: message.into(), on: day(on) });
        p.current_stage = None;
        p
    }

    #[test]
    fn the_plan_runs_stage_after_stage_from_the_opening_day() {
        let p = plan();
        let spans: Vec<(Day, Day)> = p.stages.iter().map(|s| (s.starts_on, s.ends_on)).collect();
        assert_eq!(
            spans,
            vec![
                (day("2026-11-02"), day("2026-11-07")),
                (day("2026-11-07"), day("2026-11-14")),
                (day("2026-11-14"), day("2026-11-17")),
            ]
        );
        assert_eq!(p.ends_on(), day("2026-11-17"));
    }

    #[test]
    fn the_plan_is_laid_out_week_by_week_with_the_stages_each_week_holds() {
        let weeks = plan().weeks();
        assert_eq!(weeks.len(), 3, "15 days make three weeks");
        assert_eq!((weeks[0].starts_on, weeks[0].ends_on), (day("2026-11-02"), day("2026-11-08")));
        assert_eq!(weeks[0].stages, vec![0, 1], "screening ends and the interviews begin in week 1");
        assert_eq!(weeks[1].stages, vec![1, 2], "the offer begins on the 14th, in week 2");
        assert_eq!(weeks[2].number, 3);
        assert_eq!(weeks[2].stages, vec![2], "and its last day, the 16th, is in week 3");
    }

    #[test]
    fn a_stage_that_ended_three_days_late_shows_three_days_late() {
        // Screening was due over on the 7th; the first interview was on the 10th.
        let apps = [app("2026-11-02", &["2026-11-02", "2026-11-10"])];
        let stages = plan_against_actual(&plan(), &apps, day("2026-11-11"));
        assert_eq!(stages[0].status, StageStatus::Done);
        assert_eq!(stages[0].actual_end, Some(day("2026-11-10")));
        assert_eq!(stages[0].days_late, 3);
        assert_eq!(stages[1].status, StageStatus::Current);
        assert_eq!(stages[1].days_late, 3, "the interviews began three days after their planned start");
        assert_eq!(search_days_late(&stages), 3);
        assert_eq!(stages[2].status, StageStatus::Upcoming);
        assert_eq!(stages[2].days_late, 0, "the offer isn't due to begin yet");
    }

    #[test]
    fn a_current_stage_running_past_its_planned_end_is_late_by_the_overrun() {
        // Interviews began on time (the 7th) but none has moved on by the 18th: 4 days past the 14th.
        let apps = [app("2026-11-02", &["2026-11-02", "2026-11-07"])];
        let stages = plan_against_actual(&plan(), &apps, day("2026-11-18"));
        assert_eq!(stages[1].days_late, 4);
        assert_eq!(stages[2].days_late, 4, "the offer should have begun on the 14th");
        assert_eq!(search_days_late(&stages), 4);
    }

    #[test]
    fn a_search_ahead_of_its_plan_shows_how_far_ahead() {
        // Interviews began on the 4th, three days before the 7th.
        let apps = [app("2026-11-02", &["2026-11-02", "2026-11-04"]), app("2026-11-03", &["2026-11-03"])];
        let stages = plan_against_actual(&plan(), &apps, day("2026-11-05"));
        assert_eq!(stages[0].days_late, -3, "screening was over three days early");
        assert_eq!(stages[1].days_late, -3);
        assert_eq!(search_days_late(&stages), -3, "ahead of the plan by three days");
    }

    #[test]
    fn a_search_no_one_has_applied_to_is_late_once_its_first_stage_should_have_begun() {
        let stages = plan_against_actual(&plan(), &[], day("2026-11-02"));
        assert_eq!(search_days_late(&stages), 0, "the opening day itself is on time");
        let stages = plan_against_actual(&plan(), &[], day("2026-11-06"));
        assert!(stages.iter().all(|s| s.status == StageStatus::Upcoming));
        assert_eq!(search_days_late(&stages), 4);
    }

    #[test]
    fn a_passed_over_stage_ends_when_a_later_one_is_reached() {
        // Straight from screening to the offer on the 12th.
        let mut a = app("2026-11-02", &["2026-11-02"]);
        a.stages[2].entered_on = Some(day("2026-11-12"));
        let stages = plan_against_actual(&plan(), &[a], day("2026-11-13"));
        assert_eq!(stages[0].actual_end, Some(day("2026-11-12")));
        assert_eq!(stages[1].status, StageStatus::Upcoming);
        assert_eq!(stages[2].status, StageStatus::Current);
        assert_eq!(stages[2].days_late, -2, "the offer began two days before the 14th");
    }

    #[test]
    fn the_funnel_counts_each_candidate_where_they_stood_that_day() {
        let apps = [
            app("2026-11-02", &["2026-11-02", "2026-11-09"]),
            app("2026-11-03", &["2026-11-03"]),
            closed(app("2026-11-04", &["2026-11-04"]), "2026-11-10", "Thank you, Ada"),
            app("2026-11-12", &["2026-11-12"]),
        ];
        assert_eq!(funnel_on(3, &apps, day("2026-11-08")), Funnel { per_stage: vec![3, 0, 0], ended: 0 });
        assert_eq!(funnel_on(3, &apps, day("2026-11-12")), Funnel { per_stage: vec![2, 1, 0], ended: 1 });
        let weeks = funnel_by_week(&plan(), &apps, day("2026-11-12"));
        assert_eq!(weeks.len(), 2);
        assert_eq!(weeks[0].on, day("2026-11-08"), "week 1 counted on its last day");
        assert_eq!(weeks[1].on, day("2026-11-12"), "this week counted as of today");
        assert_eq!(weeks[1].funnel.per_stage, vec![2, 1, 0]);
    }

    #[test]
    fn care_counts_missed_promises_and_closings_with_a_message() {
        let mut late = app("2026-11-02", &["2026-11-02"]);
        late.overdue_days = 2;
        let apps = [
            late,
            closed(app("2026-11-02", &["2026-11-02"]), "2026-11-05", "We chose someone else; thank you."),
            closed(app("2026-11-02", &["2026-11-02"]), "2026-11-05", "  "),
        ];
        let c = care(&apps);
        assert_eq!((c.overdue_promises, c.closed, c.closed_with_message), (1, 2, 1));
        assert_eq!(c.closed_with_message_share, Some(0.5));
    }

    #[test]
    fn warnings_sit_on_top_and_each_kind_reads_newest_first() {
        let note = |id, kind, at: &str| Note {
            id,
            kind,
            body: String::new(),
            author: String::new(),
            written_at: at.into(),
            replies: vec![],
        };
        let mut notes = vec![
            note(1, NoteKind::Update, "2026-11-03T09:00:00Z"),
            note(2, NoteKind::Warning, "2026-11-04T09:00:00Z"),
            note(3, NoteKind::Update, "2026-11-05T09:00:00Z"),
            note(4, NoteKind::Warning, "2026-11-02T09:00:00Z"),
        ];
        order_notes(&mut notes);
        assert_eq!(notes.iter().map(|n| n.id).collect::<Vec<_>>(), vec![2, 4, 3, 1]);
    }

    #[test]
    fn a_link_takes_the_companys_defaults_and_refuses_a_bad_address_and_expiry() {
        let asked =
            NewShareLink { name: " Anna Berg ".into(), email: "anna@client.example".into(), ..Default::default() };
        let link = asked.validate(Shows::Names, Locale::Fi).unwrap();
        assert_eq!(
            (link.name.as_str(), link.shows, link.expires_in_days, link.locale),
            ("Anna Berg", Shows::Names, 90, Locale::Fi)
        );
        let bad = NewShareLink {
            name: String::new(),
            email: "nope".into(),
            expires_in_days: Some(400),
            ..Default::default()
        };
        let fields: Vec<String> =
            bad.validate(Shows::Counts, Locale::En).unwrap_err().into_iter().map(|e| e.field.into_owned()).collect();
        assert_eq!(fields, vec!["name", "email", "expires_in_days"]);
    }

    #[test]
    fn a_link_opens_through_its_last_day_and_never_once_revoked() {
        let mut link = ShareLink {
            id: 1,
            name: "A".into(),
            email: "a@b.example".into(),
            shows: Shows::Counts,
            locale: Locale::En,
            created_at: "2026-11-01T00:00:00Z".into(),
            created_by: "R".into(),
            expires_on: day("2026-11-30"),
            last_opened_at: None,
            revoked_at: None,
        };
        assert!(link.is_live(day("2026-11-30")));
        assert!(!link.is_live(day("2026-12-01")));
        link.revoked_at = Some("2026-11-02T00:00:00Z".into());
        assert!(!link.is_live(day("2026-11-02")));
    }
}
