//! `GET /api/v1/recruiter/metrics`: the company's figures, overall and per
//! open posting (computed by `candor_api::metrics` from the events).

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use candor_api::metrics::{MetricsReport, PostingMetrics, compute};
use candor_api::qa::QuestionState;
use candor_api::timeline::{Event, PostingRef};

use crate::error::AppError;
use crate::recruiter::Recruiter;
use crate::state::AppState;
use crate::store::PostingStatus;
use crate::store::{QuestionRecord, QuestionScope, Settlement};

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/recruiter/metrics", get(metrics))
}

fn answer_minutes(q: &QuestionRecord) -> Option<u64> {
    match &q.settled {
        Some((Settlement::Answer(_), at)) => u64::try_from((*at - q.asked_at).whole_minutes()).ok(),
        _ => None,
    }
}

async fn metrics(State(app): State<AppState>, recruiter: Recruiter) -> Result<axum::Json<MetricsReport>, AppError> {
    let today = app.clock.today();
    let answered =
        app.store.questions(QuestionScope::Company(recruiter.company), Some(QuestionState::Answered)).await?;
    let mut everything: Vec<Vec<Event>> = Vec::new();
    let mut per_posting = Vec::new();
    // Closed postings count too: most of a company's record is in them.
    for row in app.store.company_postings(recruiter.company).await? {
        if row.status == PostingStatus::Draft {
            continue;
        }
        let summary = &row.summary;
        let Some(posting) = app.store.posting(recruiter.company, &summary.slug).await? else { continue };
        let histories: Vec<Vec<Event>> =
            app.store.applications_of_posting(posting.id).await?.into_iter().map(|(_, events)| events).collect();
        let answers: Vec<u64> =
            answered.iter().filter(|q| q.posting == posting.id).filter_map(answer_minutes).collect();
        let refs: Vec<&[Event]> = histories.iter().map(Vec::as_slice).collect();
        per_posting.push(PostingMetrics {
            posting: PostingRef { slug: summary.slug.clone(), title: summary.title.clone() },
            metrics: compute(&refs, &answers, today),
        });
        everything.extend(histories);
    }
    let refs: Vec<&[Event]> = everything.iter().map(Vec::as_slice).collect();
    let all_answers: Vec<u64> = answered.iter().filter_map(answer_minutes).collect();
    Ok(axum::Json(MetricsReport { overall: compute(&refs, &all_answers, today), per_posting }))
}
