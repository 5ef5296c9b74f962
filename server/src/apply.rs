//! Applying to a posting: one request carrying the profile, the answers and
//! the consent, acknowledged at once with the first event and promise.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use candor_api::apply::{Acknowledgement, ApplicationRequest};
use candor_api::timeline::{self, EventKind};
use candor_api::{CompanySlug, PostingSlug};
use tower_governor::GovernorError;
use tower_governor::GovernorLayer;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::PeerIpKeyExtractor;

use crate::error::AppError;
use crate::extract::{Json, Path};
use crate::state::AppState;
use crate::store::{
    CONFLICT_EMAIL, CONFLICT_IDEMPOTENCY, NewApplication, NewEvent, PostingStatus, StoreError, Submitted,
};
use crate::tenancy::company;
use crate::timeline::status_of;
use crate::tokens::{IdempotencyKey, request_digest};

/// A profile with a long work history and long answers is well under this;
/// the CV travels separately.
pub const BODY_MAX: usize = 256 * 1024;

/// How many applications one client may send: `burst` at once, then one
/// every `period`.
#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    pub burst: u32,
    pub period: Duration,
}

pub fn routes(limit: RateLimit) -> Router<AppState> {
    limited_per_client(
        Router::new()
            .route("/api/v1/companies/{company}/postings/{posting}/applications", post(submit))
            .layer(DefaultBodyLimit::max(BODY_MAX)),
        limit,
    )
}

/// `router` behind a rate limit per client address (tower_governor), with
/// its own budget: 429 with `Retry-After` past it. Behind a reverse proxy
/// every client has the proxy's address: the limit then applies to all of
/// them together.
pub fn limited_per_client<S: Clone + Send + Sync + 'static>(router: Router<S>, limit: RateLimit) -> Router<S> {
    let config = GovernorConfigBuilder::default()
        .key_extractor(PeerIpKeyExtractor)
        .period(limit.period)
        .burst_size(limit.burst.max(1))
        .finish()
        .expect("a positive period and burst make a valid rate limit");
    let governor = GovernorLayer::new(Arc::new(config)).error_handler(|error| {
        let error = match error {
            GovernorError::TooManyRequests { wait_time, .. } => AppError::RateLimited { retry_after: wait_time.max(1) },
            other => AppError::Internal(anyhow::anyhow!("rate limiter: {other}")),
        };
        error.into_response().map(Body::new)
    });
    router.layer(governor)
}

async fn submit(
    State(app): State<AppState>,
    Path((company_slug, posting_slug)): Path<(String, String)>,
    headers: HeaderMap,
    Json(request): Json<ApplicationRequest>,
) -> Result<Response, AppError> {
    let key = idempotency_key(&headers)?;
    let company = company(&app, &CompanySlug::parse(&company_slug)?).await?;
    let posting =
        app.store.posting(company.id, &PostingSlug::parse(&posting_slug)?).await?.ok_or(AppError::PostingNotFound)?;
    match posting.status {
        PostingStatus::Open => {}
        PostingStatus::Closed => return Err(AppError::PostingClosed),
        PostingStatus::Draft => return Err(AppError::PostingNotFound),
    }
    // Said plainly, but without saying why: a bot must not learn which field gave it away.
    if request.is_from_a_bot() {
        return Err(AppError::Rejected);
    }
    let valid = request.validate(&posting.detail.screening_questions)?;
    let token = app.token_key.derive(posting.id, &key);
    let today = app.clock.today();
    let application = NewApplication {
        company: company.id,
        posting: posting.id,
        token_selector: token.selector(),
        token_verifier: token.verifier_hash(),
        idempotency_key: key.as_str().to_owned(),
        // Of the request as parsed, so a retry that differs only in
        // whitespace or key order is still the same submission.
        request_digest: request_digest(&serde_json::to_vec(&request).map_err(anyhow::Error::from)?),
        email_key: valid.profile.email.to_lowercase(),
        profile: valid.profile,
        answers: valid.answers,
        talent_pool: valid.consent.talent_pool,
        locale: valid.locale,
        received: NewEvent {
            at: app.clock.now(),
            on: today,
            kind: EventKind::Received,
            message: String::new(),
            promised: Some(timeline::first_promise(&posting.detail.stages, today)),
        },
    };
    let (status, id) = match app.store.submit_application(&application).await {
        Ok(Submitted::New(id)) => (StatusCode::CREATED, id),
        Ok(Submitted::Retry(id)) => (StatusCode::OK, id),
        Err(StoreError::Conflict(CONFLICT_EMAIL)) => return Err(AppError::AlreadyApplied),
        Err(StoreError::Conflict(CONFLICT_IDEMPOTENCY)) => return Err(AppError::IdempotencyKeyReused),
        Err(e) => return Err(e.into()),
    };
    let acknowledgement =
        Acknowledgement { status_token: token.reveal(), status: status_of(&app, id, company.id, posting.id).await? };
    Ok((status, axum::Json(acknowledgement)).into_response())
}

fn idempotency_key(headers: &HeaderMap) -> Result<IdempotencyKey, AppError> {
    const HEADER: &str = "Idempotency-Key";
    let raw = headers.get(HEADER).ok_or(AppError::BadHeader {
        header: HEADER,
        message: "is required: a random value (16 to 128 letters, digits, - or _) per submission, the same on retries",
    })?;
    raw.to_str()
        .ok()
        .and_then(IdempotencyKey::parse)
        .ok_or(AppError::BadHeader { header: HEADER, message: "must be 16 to 128 letters, digits, - or _" })
}
