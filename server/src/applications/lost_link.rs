//! "Lost your link?": a candidate on another device, or with a cleared
//! browser, gives their address and gets one mail listing every application
//! and question of that address with the company, each with its private
//! link (the tokens are derived again, never stored).
//!
//! The answer says nothing: 202 with the same body at once, known address
//! or not, and the lookup and the mail happen after it is sent, so neither
//! its words nor its timing tell whether the address ever applied. Limited
//! per client (like applying, with its own budget) and per address asked
//! for (three an hour; past that the same answer, and no mail).

use std::time::Duration;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Extension, Router};
use candor_api::CompanySlug;
use candor_api::links::{LostLink, LostLinkAccepted};
use candor_api::timeline;
use candor_api::translation::shown_in;

use crate::auth::rate_limit::{KeyedLimit, RateLimit, limited_per_client};
use crate::auth::tokens::{IdempotencyKey, TokenKey};
use crate::clock::day_of;
use crate::http::error::AppError;
use crate::http::extract::{Json, Path};
use crate::http::state::AppState;
use crate::mail::About;
use crate::mail::links::{self, Applied, Asked, Standing};
use crate::qa::mailing::token_of;
use crate::store::Company;

/// How many mails of links one address may be sent per hour, per company.
const PER_ADDRESS: usize = 3;
const WINDOW: Duration = Duration::from_secs(60 * 60);

pub fn routes(limit: RateLimit) -> Router<AppState> {
    limited_per_client(
        Router::new()
            .route("/api/v1/companies/{company}/lost-link", post(lost_link))
            .layer(Extension(KeyedLimit::new(PER_ADDRESS, WINDOW)))
            .layer(DefaultBodyLimit::max(4 * 1024)),
        limit,
    )
}

#[utoipa::path(post, path = "/api/v1/companies/{company}/lost-link", tag = "applying", request_body = candor_api::links::LostLink, responses((status = 202, description = "Accepted, whether the address is known or not", body = candor_api::links::LostLinkAccepted), (status = 429, description = "Too many requests", body = candor_api::ApiError)))]
async fn lost_link(
    State(app): State<AppState>,
    Extension(per_address): Extension<KeyedLimit>,
    Path(company): Path<String>,
    Json(request): Json<LostLink>,
) -> Result<Response, AppError> {
    // What the page itself knows is said: no such company, a mistyped address.
    let company = app.company_named(&CompanySlug::parse(&company)?).await?;
    let asked = request.validate()?;
    let key = TokenKey::of(&app.token_secret).lost_link_key(company.id, &asked.email);
    tokio::spawn(async move {
        if !per_address.take(key) {
            return;
        }
        // Neither the address nor the error's detail of a lookup by it is logged.
        if let Err(e) = send_links(&app, &company, &asked).await {
            tracing::error!(company = company.id.0, error = %e, "the links an address asked for were not kept");
        }
    });
    Ok((StatusCode::ACCEPTED, axum::Json(LostLinkAccepted { accepted: true })).into_response())
}

/// Finds the address's applications and questions and keeps the one mail
/// that lists them; nothing when it has none.
async fn send_links(app: &AppState, company: &Company, asked: &LostLink) -> Result<(), AppError> {
    let (locale, key, today) = (asked.locale, TokenKey::of(&app.token_secret), app.clock.today());
    let mut applied = Vec::new();
    for (record, events) in app.store.applications_by_email(company.id, &asked.email).await? {
        let Some(idempotency_key) = IdempotencyKey::parse(&record.idempotency_key) else { continue };
        let token = key.derive(record.posting, &idempotency_key);
        if !token.verifies(&record.token_verifier) {
            continue;
        }
        let posting = app.posting_of(company.id, record.posting).await?;
        let shown = shown_in(&posting.detail, &posting.translations, locale);
        let progress = timeline::derive(&posting.detail.stages, &events, today);
        let standing = match (&progress.closing, &progress.withdrawal) {
            (Some(closing), _) => Standing::Ended(closing.outcome),
            (None, Some(_)) => Standing::Withdrawn,
            (None, None) => Standing::AtStage(
                progress.current_stage.and_then(|i| shown.stages.get(i)).map(|s| s.name.clone()).unwrap_or_default(),
            ),
        };
        applied.push(Applied {
            title: shown.summary.title.clone(),
            on: progress.received_on,
            standing,
            link: app.mail.status_link(locale, &token.reveal()),
        });
    }
    let mut questions = Vec::new();
    for q in app.store.questions_by_email(company.id, &asked.email).await? {
        let Some(token) = token_of(&key, &q) else { continue };
        let posting = app.posting_of(company.id, q.posting).await?;
        let shown = shown_in(&posting.detail, &posting.translations, locale);
        questions.push(Asked {
            title: shown.summary.title.clone(),
            text: q.text.clone(),
            on: day_of(q.asked_at),
            state: q.state(),
            link: app.mail.status_link(locale, &token.reveal()),
        });
    }
    let Some(letter) = links::letter(&company.public, locale, &applied, &questions) else { return Ok(()) };
    let mail = app
        .mail
        .compose(company.id, About::default(), &asked.email, &letter, app.clock.now())
        .map_err(|e| AppError::Internal(anyhow::anyhow!("composing the links mail: {e}")))?;
    app.store.enqueue_mail(&mail).await?;
    app.mail.ring();
    Ok(())
}
