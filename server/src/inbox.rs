//! `GET /api/v1/recruiter/inbox`: what is waiting on the company. The
//! console's inbox is drawn from it; the rule for a silence alarm lives in
//! `candor_api::inbox`.

use std::cmp::Reverse;
use std::collections::HashMap;

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use candor_api::inbox::{Inbox, PostingCounts, SilenceAlarm, silence};
use candor_api::qa::QuestionState;
use candor_api::timeline::{PostingRef, derive};

use crate::error::AppError;
use crate::qa::for_recruiter;
use crate::recruiter::Recruiter;
use crate::state::AppState;
use crate::store::PostingStatus;
use crate::store::QuestionScope;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/recruiter/inbox", get(inbox))
}

async fn inbox(State(app): State<AppState>, recruiter: Recruiter) -> Result<axum::Json<Inbox>, AppError> {
    let company = app.store.company_by_id(recruiter.company).await?.ok_or(AppError::CompanyNotFound)?;
    let (today, now) = (app.clock.today(), app.clock.now());
    let pending = app.store.questions(QuestionScope::Company(company.id), Some(QuestionState::Pending)).await?;
    let mut refs: HashMap<i64, PostingRef> = HashMap::new();
    let mut alarms = Vec::new();
    let mut per_posting = Vec::new();
    // A closed posting takes no more applications, but those it has still
    // wait for answers: it is listed while any is open or a question waits.
    for row in app.store.company_postings(company.id).await? {
        if row.status == PostingStatus::Draft {
            continue;
        }
        let summary = &row.summary;
        let Some(posting) = app.store.posting(company.id, &summary.slug).await? else { continue };
        let posting_ref = PostingRef { slug: summary.slug.clone(), title: summary.title.clone() };
        refs.insert(posting.id.0, posting_ref.clone());
        let mut counts =
            PostingCounts { posting: posting_ref.clone(), open_applications: 0, alarms: 0, unanswered_questions: 0 };
        for (application, events) in app.store.applications_of_posting(posting.id).await? {
            let progress = derive(&posting.detail.stages, &events, today);
            if progress.is_open() {
                counts.open_applications += 1;
            }
            if let Some(silence) = silence(&progress, today, company.silence_alarm_days) {
                counts.alarms += 1;
                alarms.push(SilenceAlarm {
                    application_id: application.id.0,
                    posting: posting_ref.clone(),
                    name: application.profile.map(|p| p.name).unwrap_or_default(),
                    silence,
                });
            }
        }
        counts.unanswered_questions = pending.iter().filter(|q| q.posting == posting.id).count() as u32;
        let still_busy = counts.open_applications > 0 || counts.unanswered_questions > 0;
        if row.status == PostingStatus::Open || still_busy {
            per_posting.push(counts);
        }
    }
    alarms.sort_by_key(|a| Reverse(a.silence.days()));
    let mut questions = Vec::with_capacity(pending.len());
    for q in &pending {
        let posting = match refs.get(&q.posting.0) {
            Some(r) => r.clone(),
            // Asked before the posting closed.
            None => {
                let p = app.store.posting_by_id(q.posting).await?.ok_or(AppError::PostingNotFound)?;
                PostingRef { slug: p.detail.summary.slug, title: p.detail.summary.title }
            }
        };
        questions.push(for_recruiter(q, posting, now));
    }
    Ok(axum::Json(Inbox { questions, alarms, per_posting, silence_alarm_days: company.silence_alarm_days }))
}
