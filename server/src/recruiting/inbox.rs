//! `GET /api/v1/recruiter/inbox`: what is waiting on the company. The
//! console's inbox is drawn from it, and the morning digest (`digest.rs`)
//! from the same computation; the rule for a silence alarm lives in
//! `candor_api::inbox`. A missed promise's alarm says when the candidate
//! was written to about it (`applications::late`); the replies of reports'
//! readers wait here too (`reports::notes`).

use std::cmp::Reverse;
use std::collections::HashMap;

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use candor_api::board::{PromiseState, promise_state};
use candor_api::inbox::{Inbox, PostingCounts, Silence, SilenceAlarm, silence};
use candor_api::qa::QuestionState;
use candor_api::timeline::{PostingRef, derive};

use super::postings::published;
use crate::applications::late::once_key;
use crate::auth::recruiter::Recruiter;
use crate::clock::day_of;
use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::qa::views::for_recruiter;
use crate::reports::notes::unseen;
use crate::store::{Company, PostingId, PostingStatus};

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/recruiter/inbox", get(inbox))
}

#[utoipa::path(get, path = "/api/v1/recruiter/inbox", tag = "recruiter", responses((status = 200, description = "What waits", body = candor_api::inbox::Inbox)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn inbox(State(app): State<AppState>, recruiter: Recruiter) -> Result<axum::Json<Inbox>, AppError> {
    let company = app.company_of(recruiter.company).await?;
    Ok(axum::Json(waiting(&app, &company).await?.inbox))
}

/// What waits on a company today: its inbox, and the open applications
/// whose promised date is today (the board's "due" on its last day), which
/// the morning digest lists too.
pub struct Waiting {
    pub inbox: Inbox,
    pub due_today: Vec<DueToday>,
}

pub struct DueToday {
    pub application_id: i64,
    pub posting: PostingRef,
    /// Empty once the candidate erased their data.
    pub name: String,
}

pub async fn waiting(app: &AppState, company: &Company) -> Result<Waiting, AppError> {
    let (today, now) = (app.clock.today(), app.clock.now());
    let pending = app.store.questions(company.id, None, Some(QuestionState::Pending)).await?;
    // The missed promises the candidate was written to about, by their key.
    let told: HashMap<String, _> =
        app.store.late_mails(company.id).await?.into_iter().map(|(_, key, at)| (key, day_of(at))).collect();
    let mut refs: HashMap<PostingId, PostingRef> = HashMap::new();
    let mut alarms = Vec::new();
    let mut due_today = Vec::new();
    let mut per_posting = Vec::new();
    for published in published(app, company.id).await? {
        let posting = &published.posting;
        let posting_ref = PostingRef::from(&posting.detail.summary);
        refs.insert(posting.id, posting_ref.clone());
        let mut counts =
            PostingCounts { posting: posting_ref.clone(), open_applications: 0, alarms: 0, unanswered_questions: 0 };
        for (application, events) in published.applications {
            let progress = derive(&posting.detail.stages, &events, today);
            if progress.is_open() {
                counts.open_applications += 1;
            }
            let name = application.profile.map(|p| p.name).unwrap_or_default();
            if matches!(promise_state(&progress, today), Some(PromiseState::DueSoon { by, .. }) if by == today) {
                due_today.push(DueToday {
                    application_id: application.id.0,
                    posting: posting_ref.clone(),
                    name: name.clone(),
                });
            }
            if let Some(silence) = silence(&progress, today, company.silence_alarm_days) {
                counts.alarms += 1;
                let told_late_on = match &silence {
                    Silence::PromiseMissed { promised, .. } => told.get(&once_key(application.id, *promised)).copied(),
                    Silence::NoContact { .. } => None,
                };
                alarms.push(SilenceAlarm {
                    application_id: application.id.0,
                    posting: posting_ref.clone(),
                    name,
                    silence,
                    told_late_on,
                });
            }
        }
        counts.unanswered_questions = pending.iter().filter(|q| q.posting == posting.id).count() as u32;
        // A closed posting takes no more applications, but those it has still
        // wait for answers: it is listed while any is open or a question waits.
        let still_busy = counts.open_applications > 0 || counts.unanswered_questions > 0;
        if posting.status == PostingStatus::Open || still_busy {
            per_posting.push(counts);
        }
    }
    alarms.sort_by_key(|a| Reverse(a.silence.days()));
    let mut questions = Vec::with_capacity(pending.len());
    for q in &pending {
        // Questions are asked of published postings only, and nothing goes
        // back to draft: each is among the postings above.
        let posting = refs.get(&q.posting).cloned().ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!("question {} is about an unpublished posting", q.id.0))
        })?;
        questions.push(for_recruiter(q, posting, now));
    }
    let inbox = Inbox {
        questions,
        alarms,
        per_posting,
        silence_alarm_days: company.silence_alarm_days,
        report_replies: unseen(app, company).await?,
    };
    Ok(Waiting { inbox, due_today })
}
