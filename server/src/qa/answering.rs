//! The company's side of Q&A: its questions for the recruiters, answering
//! one in public or declining it (off-topic, a duplicate, spam) with a message only the
//! asker reads, and mailed to them if they left an address. Two
//! recruiters at once: the first one's stands.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use axum::Router;
use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::routing::{get, post};
use candor_api::qa::{AnswerQuestion, DeclineQuestion, QuestionForRecruiter, QuestionState};
use candor_api::timeline::PostingRef;

use super::BODY_MAX;
use super::mailing::settled_mail;
use super::views::for_recruiter;
use crate::auth::recruiter::{Acting, Recruiter};
use crate::http::error::AppError;
use crate::http::extract::{Json, Path};
use crate::http::state::AppState;
use crate::store::{PostingId, QuestionId, Settlement, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/recruiter/questions", get(list))
        .route("/api/v1/recruiter/questions/{id}/answer", post(answer))
        .route("/api/v1/recruiter/questions/{id}/decline", post(decline))
        .layer(DefaultBodyLimit::max(BODY_MAX))
}

/// `GET /api/v1/recruiter/questions?state=pending|answered|declined`:
/// the company's questions, oldest first (the inbox is the pending ones).
#[utoipa::path(get, path = "/api/v1/recruiter/questions", tag = "recruiter", params(("state" = Option<String>, Query, description = "pending, answered or declined")), responses((status = 200, description = "The company's questions", body = Vec<candor_api::qa::QuestionForRecruiter>)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn list(
    State(app): State<AppState>,
    recruiter: Recruiter,
    RawQuery(query): RawQuery,
) -> Result<axum::Json<Vec<QuestionForRecruiter>>, AppError> {
    let mut state = None;
    for (key, value) in form_urlencoded::parse(query.as_deref().unwrap_or_default().as_bytes()) {
        match (key.as_ref(), value.as_ref()) {
            ("state", "pending") => state = Some(QuestionState::Pending),
            ("state", "answered") => state = Some(QuestionState::Answered),
            ("state", "declined") => state = Some(QuestionState::Declined),
            ("state", _) => return Err(AppError::BadPath("state must be pending, answered or declined".into())),
            (other, _) => return Err(AppError::BadPath(format!("unknown query parameter {other:?}"))),
        }
    }
    let now = app.clock.now();
    let records = app.store.questions(recruiter.company, None, state).await?;
    let mut postings: HashMap<PostingId, PostingRef> = HashMap::new();
    let mut out = Vec::with_capacity(records.len());
    for q in records {
        if let Entry::Vacant(slot) = postings.entry(q.posting) {
            let posting = app.posting_of(recruiter.company, q.posting).await?;
            slot.insert(PostingRef::from(&posting.detail.summary));
        }
        out.push(for_recruiter(&q, postings[&q.posting].clone(), now));
    }
    Ok(axum::Json(out))
}

async fn settle(
    app: &AppState,
    recruiter: Recruiter,
    id: i64,
    settlement: Settlement,
) -> Result<axum::Json<QuestionForRecruiter>, AppError> {
    recruiter.may_act()?;
    let id = QuestionId(id);
    // Another company's, or none at all: the same 404.
    let asked = app.store.question(recruiter.company, id).await?.ok_or(AppError::QuestionNotFound)?;
    let at = app.clock.now();
    // Composed before it is known to stand: the store keeps it only with the
    // settlement that does (a second recruiter's is refused, and its mail with it).
    let mail = match asked.email {
        Some(_) => {
            let company = app.company_of(recruiter.company).await?;
            let posting = app.posting_of(recruiter.company, asked.posting).await?;
            settled_mail(app, &company, &posting, &asked, &settlement, at)
        }
        None => None,
    };
    match app.store.settle_question(recruiter.company, id, &settlement, at, mail.as_ref()).await {
        Err(StoreError::NotFound) => return Err(AppError::QuestionNotFound),
        other => other?,
    }
    if mail.is_some() {
        app.mail.ring();
    }
    app.live.question_settled(id);
    let q = app.store.question(recruiter.company, id).await?.ok_or(AppError::QuestionNotFound)?;
    let posting = app.posting_of(recruiter.company, q.posting).await?;
    Ok(axum::Json(for_recruiter(&q, PostingRef::from(&posting.detail.summary), app.clock.now())))
}

#[utoipa::path(post, path = "/api/v1/recruiter/questions/{id}/answer", tag = "recruiter", request_body = candor_api::qa::AnswerQuestion, responses((status = 200, description = "Answered", body = candor_api::qa::QuestionForRecruiter), (status = 409, description = "Conflicts with the current state", body = candor_api::ApiError)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn answer(
    State(app): State<AppState>,
    Acting(recruiter): Acting,
    Path(id): Path<i64>,
    Json(request): Json<AnswerQuestion>,
) -> Result<axum::Json<QuestionForRecruiter>, AppError> {
    let request = request.validate()?;
    settle(&app, recruiter, id, Settlement::Answer(request.answer)).await
}

#[utoipa::path(post, path = "/api/v1/recruiter/questions/{id}/decline", tag = "recruiter", request_body = candor_api::qa::DeclineQuestion, responses((status = 200, description = "Declined", body = candor_api::qa::QuestionForRecruiter), (status = 409, description = "Conflicts with the current state", body = candor_api::ApiError)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn decline(
    State(app): State<AppState>,
    Acting(recruiter): Acting,
    Path(id): Path<i64>,
    Json(request): Json<DeclineQuestion>,
) -> Result<axum::Json<QuestionForRecruiter>, AppError> {
    let request = request.validate()?;
    settle(&app, recruiter, id, Settlement::Decline(request.reason, request.message)).await
}
