//! The public side of Q&A: a posting's answered questions with the
//! company's median answer time, asking one, and the asker following
//! theirs on a private link, live.

use std::convert::Infallible;
use std::net::SocketAddr;

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::sse::{Event as SseEvent, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use candor_api::notifications::Notify;
use candor_api::qa::{
    Ask, AskedQuestion, PostingQuestions, PublicQuestion, QuestionReceipt, QuestionState, median_minutes,
};
use candor_api::timeline::PostingRef;
use candor_api::{CompanySlug, PostingSlug};
use futures_util::Stream;

use super::BODY_MAX;
use super::views::{declined, published};
use crate::auth::rate_limit::{RateLimit, limited_per_client};
use crate::auth::tokens::{QuestionToken, TokenKey};
use crate::clock::rfc3339;
use crate::http::caching::IfNoneMatch;
use crate::http::error::AppError;
use crate::http::extract::{Json, Path};
use crate::http::secret_header::QuestionTokenHeader;
use crate::http::sse;
use crate::http::state::AppState;
use crate::live::Change;
use crate::mail::people::question_arrivals;
use crate::store::{Company, NewQuestion, Posting, PostingStatus, QuestionRecord};

pub fn routes(limit: RateLimit) -> Router<AppState> {
    // Asking has the applications' limits per client address but a budget
    // of its own: a burst of questions doesn't block applying.
    let asking = limited_per_client(
        Router::new()
            .route("/api/v1/companies/{company}/postings/{posting}/questions", post(ask))
            .layer(DefaultBodyLimit::max(BODY_MAX)),
        limit,
    );
    Router::new()
        .route("/api/v1/companies/{company}/postings/{posting}/questions", get(answered))
        .merge(asking)
        .route("/api/v1/question", get(asked))
        .route("/api/v1/question/events", get(live_asked))
        .route("/api/v1/question/address", delete(forget_address))
}

/// The published posting a public request names (a closed posting's
/// answers stay readable, but nobody can ask any more).
async fn public_posting(app: &AppState, company: &str, posting: &str) -> Result<(Company, Posting), AppError> {
    let (company, posting) = (CompanySlug::parse(company)?, PostingSlug::parse(posting)?);
    let company = app.company_named(&company).await?;
    let posting = app.published_posting(company.id, &posting).await?;
    Ok((company, posting))
}

#[utoipa::path(get, path = "/api/v1/companies/{company}/postings/{posting}/questions", tag = "questions", responses((status = 200, description = "Answered questions", body = candor_api::qa::PostingQuestions), (status = 304, description = "Not modified (If-None-Match)"), (status = 410, description = "Closed or expired", body = candor_api::ApiError)))]
async fn answered(
    State(app): State<AppState>,
    Path((company_slug, posting_slug)): Path<(String, String)>,
    cached: IfNoneMatch,
) -> Result<Response, AppError> {
    let (company, posting) = public_posting(&app, &company_slug, &posting_slug).await?;
    let company_answers = app.store.questions(company.id, None, Some(QuestionState::Answered)).await?;
    // Newest answers first: what a visitor reads first is what is current.
    let mut questions: Vec<PublicQuestion> =
        company_answers.iter().filter(|q| q.posting == posting.id).filter_map(published).collect();
    questions.reverse();
    let times: Vec<u64> = company_answers.iter().filter_map(published).map(|q| q.answer_minutes).collect();
    // Revalidated every time: an answer shows up on the next look, not a minute later.
    cached.fresh_json(&PostingQuestions {
        answered_count: times.len() as u64,
        median_answer_minutes: median_minutes(times),
        questions,
    })
}

/// How long a question asked again counts as the same one, not a new one
/// (the same words a week later may be a question of its own).
const REPEAT_WINDOW: time::Duration = time::Duration::days(1);

#[utoipa::path(post, path = "/api/v1/companies/{company}/postings/{posting}/questions", tag = "questions", request_body = candor_api::qa::Ask, responses((status = 201, description = "Asked", body = candor_api::qa::QuestionReceipt), (status = 200, description = "The same question again within a day", body = candor_api::qa::QuestionReceipt), (status = 410, description = "Closed or expired", body = candor_api::ApiError), (status = 429, description = "Too many requests", body = candor_api::ApiError)))]
async fn ask(
    State(app): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
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
    // "The same client" is what the rate limit counts by: the address.
    // Behind a proxy that is the proxy's, as for the limit; the name is
    // part of the question, so two people asking alike there stay apart
    // unless they sign alike.
    let key = TokenKey::of(&app.token_secret);
    let repeat_key = key.question_repeat_key(client.ip(), posting.id, &valid.sameness());
    let now = app.clock.now();
    // Asked again (a second click, a reload): the first one's link, and no
    // second question in the inbox. Checked, then written: two sent in the
    // same instant may both be kept, as before.
    if let Some(first) = app.store.repeated_question(company.id, posting.id, &repeat_key, now - REPEAT_WINDOW).await? {
        // A question from before tokens were derived from stored values has
        // the old derivation's token, which this very client can make again.
        let token = [
            key.question_token(&repeat_key, first.asked_at),
            key.question_token_v1(client.ip(), &repeat_key, first.asked_at),
        ]
        .into_iter()
        .find(|token| token.verifies(&first.token_verifier));
        // A question from before repeats were known has neither: asked anew.
        if let Some(token) = token {
            let question = asked_view(&app, &first).await?;
            return Ok(
                (StatusCode::OK, axum::Json(QuestionReceipt { token: token.reveal(), question })).into_response()
            );
        }
    }
    let token = key.question_token(&repeat_key, now);
    // A note to those of the company's people who want one for each: the
    // posting and the asker's name; the question itself is in the inbox.
    let readers = app.store.notified(company.id, Notify::Each).await?;
    let arrival_mails =
        question_arrivals(&app.mail, &company, &readers, &posting.detail.summary.title, &valid.name, now);
    let mailed = !arrival_mails.is_empty();
    let id = app
        .store
        .create_question(&NewQuestion {
            company: company.id,
            posting: posting.id,
            token_selector: token.selector(),
            token_verifier: token.verifier_hash(),
            text: valid.text,
            name: valid.name,
            asked_at: now,
            repeat_key,
            arrival_mails,
            email: (!valid.email.is_empty()).then_some(valid.email),
            locale: valid.locale.unwrap_or(company.public.default_locale),
        })
        .await?;
    if mailed {
        app.mail.ring();
    }
    let record = app.store.question(company.id, id).await?.ok_or(AppError::QuestionNotFound)?;
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
    let company = app.company_of(q.company).await?;
    let posting = app.posting_of(q.company, q.posting).await?;
    Ok(AskedQuestion {
        company: company.public.into(),
        posting: PostingRef::from(&posting.detail.summary),
        text: q.text.clone(),
        name: q.name.clone(),
        asked_at: rfc3339(q.asked_at),
        state: q.state(),
        answer: published(q),
        declined: declined(q),
        address_kept: q.email.is_some(),
    })
}

#[utoipa::path(get, path = "/api/v1/question", tag = "questions", responses((status = 200, description = "The asker's question", body = candor_api::qa::AskedQuestion), (status = 304, description = "Not modified (If-None-Match)")), security(("question" = [])))]
async fn asked(
    State(app): State<AppState>,
    token: QuestionTokenHeader,
    cached: IfNoneMatch,
) -> Result<Response, AppError> {
    let record = find(&app, token.text()).await?;
    cached.private_json(&asked_view(&app, &record).await?)
}

/// The asker takes their address back: no mail of the answer then, and
/// "Lost your link?" no longer finds the question by it. Answers the
/// question as it now stands; forgetting twice is no error.
#[utoipa::path(delete, path = "/api/v1/question/address", tag = "questions", responses((status = 200, description = "The question, its address forgotten", body = candor_api::qa::AskedQuestion)), security(("question" = [])))]
async fn forget_address(State(app): State<AppState>, token: QuestionTokenHeader) -> Result<Response, AppError> {
    let record = find(&app, token.text()).await?;
    app.store.forget_question_address(record.company, record.id).await?;
    let record = app.store.question(record.company, record.id).await?.ok_or(AppError::QuestionNotFound)?;
    Ok(axum::Json(asked_view(&app, &record).await?).into_response())
}

/// The asker's question as Server-Sent Events: now, and again once it is
/// answered or declined (which happens once: the stream then stays quiet).
#[utoipa::path(get, path = "/api/v1/question/events", tag = "questions", responses((status = 200, description = "Server-Sent Events, each an AskedQuestion", body = String, content_type = "text/event-stream")), security(("question" = [])))]
async fn live_asked(
    State(app): State<AppState>,
    token: QuestionTokenHeader,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, AppError> {
    let record = find(&app, token.text()).await?;
    let (company, id) = (record.company, record.id);
    let mut watching = app.live.watch(Change::Question(id));
    let live = app.live.clone();
    let stream = async_stream::stream! {
        let mut pending = true;
        while pending {
            let view = match app.store.question(company, id).await {
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
            watching.changed().await;
        }
    };
    // Ended, with a reconnect hint, when this instance stops.
    Ok(sse::live(&live, stream))
}
