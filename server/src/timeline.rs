//! The candidate's view of their application: found by its status token,
//! shown as the derived progress and the full history.

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use candor_api::timeline::{self, ApplicationStatus, CompanyRef, PostingRef};

use crate::caching::IfNoneMatch;
use crate::error::AppError;
use crate::extract::Path;
use crate::state::AppState;
use crate::store::{ApplicationId, CompanyId, PostingId};
use crate::tokens::StatusToken;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/applications/{token}", get(status))
}

async fn status(State(app): State<AppState>, Path(token): Path<String>, cached: IfNoneMatch) -> Result<Response, AppError> {
    let application = find(&app, &token).await?;
    cached.private_json(&status_of(&app, application.id, application.company, application.posting).await?)
}

/// The application a token opens. Unknown, malformed and wrong tokens are
/// all the same 404: nothing tells whether an application ever existed.
pub async fn find(app: &AppState, token: &str) -> Result<crate::store::ApplicationRecord, AppError> {
    let token = StatusToken::parse(token).ok_or(AppError::ApplicationNotFound)?;
    let record = app.store.application_by_selector(&token.selector()).await?.ok_or(AppError::ApplicationNotFound)?;
    if token.verifies(&record.token_verifier) { Ok(record) } else { Err(AppError::ApplicationNotFound) }
}

/// Everything the status view shows, derived as of today.
pub async fn status_of(
    app: &AppState,
    id: ApplicationId,
    company: CompanyId,
    posting: PostingId,
) -> Result<ApplicationStatus, AppError> {
    let missing = || AppError::Internal(anyhow::anyhow!("application {} lost its company or posting", id.0));
    let company = app.store.company_by_id(company).await?.ok_or_else(missing)?;
    let posting = app.store.posting_by_id(posting).await?.ok_or_else(missing)?;
    let events = app.store.application_events(id).await?;
    let progress = timeline::derive(&posting.detail.stages, &events, app.clock.today());
    Ok(ApplicationStatus {
        company: CompanyRef { slug: company.public.slug, name: company.public.name },
        posting: PostingRef { slug: posting.detail.summary.slug, title: posting.detail.summary.title },
        progress,
        events,
    })
}
