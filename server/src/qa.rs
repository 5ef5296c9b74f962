//! Public Q&A per posting: anyone asks, recruiters answer (or decline with
//! a reason), answered questions are published with how long the answer
//! took, and the asker follows their question on a private link, live.

use std::convert::Infallible;

use axum::Router;
use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::http::StatusCode;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use candor_api::qa::{
    AnswerQuestion, Ask, AskedQuestion, DeclineQuestion, Declined, PostingQuestions, PublicQuestion,
    QuestionForRecruiter, QuestionReceipt, QuestionState, median_minutes,
};
use candor_api::timeline::PostingRef;
use candor_api::{CompanySlug, PostingSlug};
use futures_util::Stream;
use time::OffsetDateTime;
use tokio::sync::broadcast;

use crate::apply::RateLimit;
use crate::caching::IfNoneMatch;
use crate::clock::rfc3339;
use crate::error::AppError;
use crate::extract::{Json, Path};
use crate::live::Change;
use crate::recruiter::Recruiter;
use crate::state::AppState;
use crate::store::{
    CONFLICT_QUESTION, NewQuestion, Posting, PostingStatus, QuestionId, QuestionRecord, QuestionScope, Settlement,
    StoreError,
};
use crate::tenancy::company;
use crate::tokens::QuestionToken;

const BODY_MAX: usize = 16 * 1024;

pub fn routes(limit: RateLimit) -> Router<AppState> {
    // Asking has the applications' limits per client address but a budget
    // of its own: a burst of questions doesn't block applying.
    let asking = crate::apply::limited_per_client(
        Router::new()
            .route("/api/v1/companies/{company}/postings/{posting}/questions", post(ask))
            .layer(DefaultBodyLimit::max(BODY_MAX)),
        limit,
    );
    Router::new()
        .route("/api/v1/companies/{company}/postings/{posting}/questions", get(answered))
        .merge(asking)
        .route("/api/v1/questions/{token}", get(asked))
        .route("/api/v1/questions/{token}/events", get(live_asked))
        .route("/api/v1/recruiter/questions", get(inbox))
        .route("/api/v1/recruiter/questions/{id}/answer", post(answer))
        .route("/api/v1/recruiter/questions/{id}/decline", post(decline))
        .layer(DefaultBodyLimit::max(BODY_MAX))
}

fn minutes_between(from: OffsetDateTime, to: OffsetDateTime) -> u64 {
    u64::try_from((to - from).whole_minutes()).unwrap_or(0)
}

/// An answered question as it is published; `None` for any other.
fn published(q: &QuestionRecord) -> Option<PublicQuestion> {
    match &q.settled {
        Some((Settlement::Answer(answer), at)) => Some(PublicQuestion {
            text: q.text.clone(),
            name: q.name.clone(),
            asked_at: rfc3339(q.asked_at),
            answer: answer.clone(),
            answered_at: rfc3339(*at),
            answer_minutes: minutes_between(q.asked_at, *at),
        }),
        _ => None,
    }
}

fn declined(q: &QuestionRecord) -> Option<Declined> {
    match &q.settled {
        Some((Settlement::Decline(reason, message), at)) => {
            Some(Declined { reason: *reason, message: message.clone(), declined_at: rfc3339(*at) })
        }
        _ => None,
    }
}

/// The posting a public request names, if it is published (open or closed:
/// a closed posting's answers stay readable, but nobody can ask any more).
async fn public_posting(
    app: &AppState,
    company_slug: &str,
    posting_slug: &str,
) -> Result<(crate::store::Company, Posting), AppError> {
    let company = company(app, &CompanySlug::parse(company_slug)?).await?;
    let posting =
        app.store.posting(company.id, &PostingSlug::parse(posting_slug)?).await?.ok_or(AppError::PostingNotFound)?;
    if posting.status == PostingStatus::Draft {
        return Err(AppError::PostingNotFound);
    }
    Ok((company, posting))
}

async fn answered(
    State(app): State<AppState>,
    Path((company_slug, posting_slug)): Path<(String, String)>,
    cached: IfNoneMatch,
) -> Result<Response, AppError> {
    let (company, posting) = public_posting(&app, &company_slug, &posting_slug).await?;
    let mut questions: Vec<PublicQuestion> = app
        .store
        .questions(QuestionScope::Posting(posting.id), Some(QuestionState::Answered))
        .await?
        .iter()
        .filter_map(published)
        .collect();
    // Newest answers first: what a visitor reads first is what is current.
    questions.reverse();
    let company_answers =
        app.store.questions(QuestionScope::Company(company.id), Some(QuestionState::Answered)).await?;
    let times: Vec<u64> = company_answers.iter().filter_map(published).map(|q| q.answer_minutes).collect();
    // Revalidated every time: an answer shows up on the next look, not a minute later.
    cached.fresh_json(&PostingQuestions {
        answered_count: times.len() as u64,
        median_answer_minutes: median_minutes(times),
        questions,
    })
}

async fn ask(
    State(app): State<AppState>,
    Path((company_slug, posting_slug)): Path<(String, String)>,
    Json(request): Json<Ask>,
) -> Result<Response, AppError> {
    let (company, posting) = public_posting(&app, &company_slug, &posting_slug).await?;
    if posting.status != PostingStatus::Open {
        return Err(AppError::PostingClosed);
    }
    // Said plainly, but without saying why (as for applications).
    if request.is_bot() {
        return Err(AppError::Rejected);
    }
    let valid = request.validate()?;
    let token = QuestionToken::random();
    let id = app
        .store
        .create_question(&NewQuestion {
            company: company.id,
            posting: posting.id,
            token_selector: token.selector(),
            token_verifier: token.verifier_hash(),
            text: valid.text,
            name: valid.name,
            asked_at: app.clock.now(),
        })
        .await?;
    let record = app.store.question_by_id(id).await?.ok_or(AppError::QuestionNotFound)?;
    let question = asked_view(&app, &record).await?;
    Ok((StatusCode::CREATED, axum::Json(QuestionReceipt { token: token.reveal(), question })).into_response())
}

/// The question a private token opens; 404 alike for malformed, unknown and
/// wrong tokens.
async fn find(app: &AppState, token: &str) -> Result<QuestionRecord, AppError> {
    let token = QuestionToken::parse(token).ok_or(AppError::QuestionNotFound)?;
    let record = app.store.question_by_selector(&token.selector()).await?.ok_or(AppError::QuestionNotFound)?;
    if token.verifies(&record.token_verifier) { Ok(record) } else { Err(AppError::QuestionNotFound) }
}

async fn asked_view(app: &AppState, q: &QuestionRecord) -> Result<AskedQuestion, AppError> {
    let company = app
        .store
        .company_by_id(q.company)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("question {} lost its company", q.id.0)))?;
    let posting = app
        .store
        .posting_by_id(q.posting)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("question {} lost its posting", q.id.0)))?;
    Ok(AskedQuestion {
        company: crate::timeline::company_ref(company.public),
        posting: PostingRef { slug: posting.detail.summary.slug, title: posting.detail.summary.title },
        text: q.text.clone(),
        name: q.name.clone(),
        asked_at: rfc3339(q.asked_at),
        state: q.state(),
        answer: published(q),
        declined: declined(q),
    })
}

async fn asked(
    State(app): State<AppState>,
    Path(token): Path<String>,
    cached: IfNoneMatch,
) -> Result<Response, AppError> {
    let record = find(&app, &token).await?;
    cached.private_json(&asked_view(&app, &record).await?)
}

/// The asker's question as Server-Sent Events: now, and again once it is
/// answered or declined (which happens once: the stream then ends).
async fn live_asked(
    State(app): State<AppState>,
    Path(token): Path<String>,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, AppError> {
    let record = find(&app, &token).await?;
    let id = record.id;
    let mut changes = app.live.subscribe();
    let stream = async_stream::stream! {
        let mut pending = true;
        while pending {
            let view = match app.store.question_by_id(id).await {
                Ok(Some(record)) => { pending = record.state() == QuestionState::Pending; asked_view(&app, &record).await }
                Ok(None) => return,
                Err(e) => Err(e.into()),
            };
            // The id says which of its two states the question is in.
            let seq = if pending { "1" } else { "2" };
            match view.map(|v| SseEvent::default().event("question").id(seq).json_data(&v)) {
                Ok(Ok(event)) => yield Ok(event),
                Ok(Err(e)) => { tracing::error!(error = %e, "encoding a question event"); return; }
                Err(e) => { tracing::error!(error = ?e, "reading a watched question"); return; }
            }
            if !pending {
                // Nothing more will happen to it. Held open rather than
                // ended, so that EventSource doesn't reconnect to hear it again.
                std::future::pending::<()>().await;
            }
            loop {
                match changes.recv().await {
                    Ok(Change::Question(changed)) if changed == id => break,
                    Ok(_) => continue,
                    Err(broadcast::error::RecvError::Lagged(_)) => break,
                    Err(broadcast::error::RecvError::Closed) => return,
                }
            }
        }
    };
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}

/// `GET /api/v1/recruiter/questions?state=pending|answered|declined`:
/// the company's questions, oldest first (the inbox is the pending ones).
async fn inbox(
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
    let records = app.store.questions(QuestionScope::Company(recruiter.company), state).await?;
    let mut postings = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(records.len());
    for q in records {
        if let std::collections::hash_map::Entry::Vacant(slot) = postings.entry(q.posting) {
            let posting = app.store.posting_by_id(q.posting).await?.ok_or(AppError::PostingNotFound)?;
            slot.insert(PostingRef { slug: posting.detail.summary.slug, title: posting.detail.summary.title });
        }
        out.push(for_recruiter(&q, postings[&q.posting].clone(), now));
    }
    Ok(axum::Json(out))
}

/// One of the caller's company's questions, or the 404 any other gets.
async fn own_question(app: &AppState, recruiter: Recruiter, id: i64) -> Result<QuestionId, AppError> {
    let id = QuestionId(id);
    app.store.question_by_id(id).await?.filter(|q| q.company == recruiter.company).ok_or(AppError::QuestionNotFound)?;
    Ok(id)
}

async fn settle(
    app: &AppState,
    recruiter: Recruiter,
    id: i64,
    settlement: Settlement,
) -> Result<axum::Json<QuestionForRecruiter>, AppError> {
    recruiter.may_act()?;
    let id = own_question(app, recruiter, id).await?;
    match app.store.settle_question(id, &settlement, app.clock.now()).await {
        Ok(()) => {}
        Err(StoreError::Conflict(CONFLICT_QUESTION)) => return Err(AppError::QuestionSettled),
        Err(e) => return Err(e.into()),
    }
    app.live.question_settled(id);
    let q = app.store.question_by_id(id).await?.ok_or(AppError::QuestionNotFound)?;
    let posting = app.store.posting_by_id(q.posting).await?.ok_or(AppError::PostingNotFound)?;
    let posting = PostingRef { slug: posting.detail.summary.slug, title: posting.detail.summary.title };
    Ok(axum::Json(for_recruiter(&q, posting, app.clock.now())))
}

/// A question as the recruiters' inbox shows it; its age runs until it was
/// settled, or until `now` while it waits.
pub fn for_recruiter(q: &QuestionRecord, posting: PostingRef, now: OffsetDateTime) -> QuestionForRecruiter {
    let until = q.settled.as_ref().map_or(now, |(_, at)| *at);
    QuestionForRecruiter {
        id: q.id.0,
        posting,
        text: q.text.clone(),
        name: q.name.clone(),
        asked_at: rfc3339(q.asked_at),
        state: q.state(),
        age_minutes: minutes_between(q.asked_at, until),
        answer: published(q).map(|p| p.answer).unwrap_or_default(),
        declined: declined(q),
    }
}

async fn answer(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Path(id): Path<i64>,
    Json(request): Json<AnswerQuestion>,
) -> Result<axum::Json<QuestionForRecruiter>, AppError> {
    let request = request.validate()?;
    settle(&app, recruiter, id, Settlement::Answer(request.answer)).await
}

async fn decline(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Path(id): Path<i64>,
    Json(request): Json<DeclineQuestion>,
) -> Result<axum::Json<QuestionForRecruiter>, AppError> {
    let request = request.validate()?;
    settle(&app, recruiter, id, Settlement::Decline(request.reason, request.message)).await
}
