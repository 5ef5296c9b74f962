//! Applying to a posting: one request carrying the profile, the answers and
//! the consent, acknowledged at once with the first event and promise.

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use candor_api::apply::{Acknowledgement, ApplicationRequest};
use candor_api::notifications::Notify;
use candor_api::timeline::{self, EventKind};
use candor_api::translation::shown_in;
use candor_api::{CompanySlug, PostingSlug};

use super::timeline::{MailTo, application_status, event_mail};
use crate::auth::rate_limit::{RateLimit, limited_per_client};
use crate::auth::tokens::{IdempotencyKey, TokenKey, request_digest};
use crate::http::error::AppError;
use crate::http::extract::{Json, Path};
use crate::http::state::AppState;
use crate::mail::people::application_arrivals;
use crate::store::{MailsForId, NewApplication, NewEvent, PostingStatus, Submitted};

/// A profile with a long work history and long answers is well under this;
/// the CV travels separately.
pub const BODY_MAX: usize = 256 * 1024;

pub fn routes(limit: RateLimit) -> Router<AppState> {
    limited_per_client(
        Router::new()
            .route("/api/v1/companies/{company}/postings/{posting}/applications", post(submit))
            .layer(DefaultBodyLimit::max(BODY_MAX)),
        limit,
    )
}

#[utoipa::path(post, path = "/api/v1/companies/{company}/postings/{posting}/applications", tag = "applying", request_body = candor_api::apply::ApplicationRequest, params(("Idempotency-Key" = String, Header, description = "16 to 128 letters, digits, - or _; a retry with the same key returns the same application")), responses((status = 201, description = "Received", body = candor_api::apply::Acknowledgement), (status = 200, description = "The same submission again", body = candor_api::apply::Acknowledgement), (status = 409, description = "Conflicts with the current state", body = candor_api::ApiError), (status = 410, description = "Closed or expired", body = candor_api::ApiError), (status = 422, description = "Idempotency-Key reused for another submission", body = candor_api::ApiError), (status = 429, description = "Too many requests", body = candor_api::ApiError)))]
async fn submit(
    State(app): State<AppState>,
    Path((company_slug, posting_slug)): Path<(String, String)>,
    headers: HeaderMap,
    Json(request): Json<ApplicationRequest>,
) -> Result<Response, AppError> {
    let key = idempotency_key(&headers)?;
    let company = app.company_named(&CompanySlug::parse(&company_slug)?).await?;
    let posting = app.published_posting(company.id, &PostingSlug::parse(&posting_slug)?).await?;
    if posting.status != PostingStatus::Open {
        return Err(AppError::PostingClosed);
    }
    // Said plainly, but without saying why: a bot must not learn which field gave it away.
    if request.is_from_a_bot() {
        return Err(AppError::Rejected);
    }
    // Against the questions as the candidate read them: a choice is one of
    // the options in their language (the stored answer is that option).
    let questions = shown_in(&posting.detail, &posting.translations, request.locale).screening_questions;
    let valid = request.validate(&questions)?;
    let token = TokenKey::of(&app.token_secret).derive(posting.id, &key);
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
        received_mail: None,
        arrival_mails: MailsForId::default(),
    };
    let to = MailTo {
        name: &application.profile.name,
        email: &application.profile.email,
        locale: application.locale,
        token: &token,
        application: None,
        updates_wanted: true,
    };
    let received_mail = event_mail(&app, &company, &posting, &to, &application.received);
    let mailed_to = received_mail.as_ref().map(|mail| mail.recipient.clone());
    // The company's people who want a mail for each: the name and the
    // posting, nothing more of the candidate's.
    let readers = app.store.notified(company.id, Notify::Each).await?;
    let arrival_mails = if readers.is_empty() {
        MailsForId::default()
    } else {
        let (mailer, company, at) = (app.mail.clone(), company.clone(), application.received.at);
        let (title, name) = (posting.detail.summary.title.clone(), application.profile.name.clone());
        MailsForId::new(move |id| application_arrivals(&mailer, &company, &readers, &title, &name, id, at))
    };
    let application = NewApplication { received_mail, arrival_mails, ..application };
    let (status, id) = match app.store.submit_application(&application).await? {
        Submitted::New(id) => {
            if let Some(mail) = &application.received_mail {
                crate::mail::counted::written(mail.kind);
            }
            app.mail.ring();
            (StatusCode::CREATED, id)
        }
        Submitted::Retry(id) => (StatusCode::OK, id),
    };
    let events = app.store.application_events(company.id, id).await?;
    let progress = timeline::derive(&posting.detail.stages, &events, today);
    let acknowledgement = Acknowledgement {
        status_token: token.reveal(),
        mailed_to,
        status: application_status(&company, &posting, events, progress, request.locale),
    };
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
