//! What a report holds, the same for its reader and for the console's
//! preview: the plan against what happened, the funnel, how candidates are
//! treated, the notes with their replies and the posting's answered public
//! questions; candidates by name only for a link that shows names.

use candor_api::Locale;
use candor_api::qa::{PublicQuestion, QuestionState};
use candor_api::reports::{Figures, Plan, Report, ReportCandidate, Shows, figures, order_notes};
use candor_api::timeline::{CompanyRef, PostingRef, Progress, derive};

use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::qa::views::published;
use crate::store::{Company, Posting};

/// Who reads a report, and how.
pub struct Reading {
    pub shows: Shows,
    pub locale: Locale,
    /// The link's person; `None` in the console's preview.
    pub reader: Option<String>,
}

pub async fn report(
    app: &AppState,
    company: &Company,
    posting: &Posting,
    reading: Reading,
) -> Result<Report, AppError> {
    let today = app.clock.today();
    let plan = match app.store.report_plan(company.id, posting.id).await? {
        Some(plan) => plan,
        None => unplanned(posting),
    };
    let applications = app.store.applications_of_posting(company.id, posting.id).await?;
    let progresses: Vec<Progress> =
        applications.iter().map(|(_, events)| derive(&posting.detail.stages, events, today)).collect();
    let Figures { stages, days_late, funnel, weeks, care } = figures(&plan, &progresses, today);
    let candidates = match reading.shows {
        Shows::Counts => Vec::new(),
        Shows::Names => applications
            .iter()
            .zip(&progresses)
            .map(|((application, _), progress)| ReportCandidate {
                name: application.profile.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
                stage: progress.current_stage.filter(|_| progress.is_open()),
                open: progress.is_open(),
                overdue_days: if progress.is_open() { progress.overdue_days.max(0) } else { 0 },
            })
            .collect(),
    };
    let mut notes = app.store.report_notes(company.id, posting.id).await?;
    order_notes(&mut notes);
    let answered = app.store.questions(company.id, Some(posting.id), Some(QuestionState::Answered)).await?;
    // Newest first, as the careers page lists them.
    let questions: Vec<PublicQuestion> = answered.iter().rev().filter_map(published).collect();
    Ok(Report {
        company: CompanyRef::from(company.public.clone()),
        posting: PostingRef::from(&posting.detail.summary),
        reader: reading.reader,
        shows: reading.shows,
        locale: reading.locale,
        today,
        plan,
        stages,
        days_late,
        funnel,
        weeks,
        care,
        candidates,
        notes,
        questions,
    })
}

/// The plan of a posting that has none kept: a draft, or one published
/// before plans were kept. Its stages as they are now, from the day it was
/// published: the nearest there is to what was agreed.
fn unplanned(posting: &Posting) -> Plan {
    let stages: Vec<(String, u16)> = posting.detail.stages.iter().map(|s| (s.name.clone(), s.expected_days)).collect();
    Plan::new(posting.detail.summary.published_on, &stages)
}
