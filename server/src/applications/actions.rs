//! What a candidate does with their application: withdraw it (saying why),
//! and rate the experience once it has ended.

use axum::Router;
use axum::extract::State;
use axum::routing::post;
use candor_api::timeline::{ApplicationStatus, EventKind, Feedback, Withdraw};

use super::timeline::Current;
use crate::http::error::AppError;
use crate::http::extract::Json;
use crate::http::secret_header::StatusTokenHeader;
use crate::http::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/application/withdraw", post(withdraw))
        .route("/api/v1/application/feedback", post(feedback))
}

#[utoipa::path(post, path = "/api/v1/application/withdraw", tag = "candidate", request_body = candor_api::timeline::Withdraw, responses((status = 200, description = "Withdrawn", body = candor_api::timeline::ApplicationStatus), (status = 409, description = "Conflicts with the current state", body = candor_api::ApiError)), security(("application" = [])))]
async fn withdraw(
    State(app): State<AppState>,
    token: StatusTokenHeader,
    Json(request): Json<Withdraw>,
) -> Result<axum::Json<ApplicationStatus>, AppError> {
    let request = request.validate()?;
    let now = Current::opened_by(&app, token.text()).await?;
    now.must_be_open()?;
    let now = now.append(&app, EventKind::Withdrawn { reason: request.reason }, request.comment, None).await?;
    Ok(axum::Json(now.status(&app).await?))
}

/// Offered once the application has ended, however it ended: rejected
/// candidates' ratings count as much as hired ones'.
#[utoipa::path(post, path = "/api/v1/application/feedback", tag = "candidate", request_body = candor_api::timeline::Feedback, responses((status = 200, description = "Rated", body = candor_api::timeline::ApplicationStatus), (status = 409, description = "Conflicts with the current state", body = candor_api::ApiError)), security(("application" = [])))]
async fn feedback(
    State(app): State<AppState>,
    token: StatusTokenHeader,
    Json(request): Json<Feedback>,
) -> Result<axum::Json<ApplicationStatus>, AppError> {
    let request = request.validate()?;
    let now = Current::opened_by(&app, token.text()).await?;
    if now.progress.is_open() {
        return Err(AppError::NotEndedYet);
    }
    if now.progress.rating.is_some() {
        return Err(AppError::AlreadyRated);
    }
    let kind = EventKind::Feedback { rating: request.rating, would_apply_again: request.would_apply_again };
    let now = now.append(&app, kind, request.comment, None).await?;
    Ok(axum::Json(now.status(&app).await?))
}
