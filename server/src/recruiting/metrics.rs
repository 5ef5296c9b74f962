//! `GET /api/v1/recruiter/metrics`: the company's figures, overall and per
//! published posting (computed by `candor_api::metrics` from the events).

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use candor_api::metrics::{MetricsReport, PostingMetrics, compute};
use candor_api::qa::QuestionState;
use candor_api::timeline::{Event, PostingRef};

use super::postings::published;
use crate::auth::recruiter::Recruiter;
use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::qa::views;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/recruiter/metrics", get(metrics))
}

#[utoipa::path(get, path = "/api/v1/recruiter/metrics", tag = "recruiter", responses((status = 200, description = "The metrics", body = candor_api::metrics::MetricsReport)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn metrics(State(app): State<AppState>, recruiter: Recruiter) -> Result<axum::Json<MetricsReport>, AppError> {
    let today = app.clock.today();
    let answered = app.store.questions(recruiter.company, None, Some(QuestionState::Answered)).await?;
    let mut everything: Vec<Vec<Event>> = Vec::new();
    let mut per_posting = Vec::new();
    // Closed postings count too: most of a company's record is in them.
    for published in published(&app, recruiter.company).await? {
        let posting = &published.posting;
        let histories: Vec<Vec<Event>> = published.applications.into_iter().map(|(_, events)| events).collect();
        let answers: Vec<u64> =
            answered.iter().filter(|q| q.posting == posting.id).filter_map(views::answer_minutes).collect();
        let refs: Vec<&[Event]> = histories.iter().map(Vec::as_slice).collect();
        per_posting.push(PostingMetrics {
            posting: PostingRef::from(&posting.detail.summary),
            metrics: compute(&refs, &answers, today),
        });
        everything.extend(histories);
    }
    let refs: Vec<&[Event]> = everything.iter().map(Vec::as_slice).collect();
    let all_answers: Vec<u64> = answered.iter().filter_map(views::answer_minutes).collect();
    Ok(axum::Json(MetricsReport { overall: compute(&refs, &all_answers, today), per_posting }))
}
