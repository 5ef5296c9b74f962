//! Using a one-time set-password link (made by an admin, see
//! `admin::people`): the person it was made for reads whose it is, then
//! sets a password. The secret travels in request bodies, never in a path:
//! it stays out of access logs, as it stays after `#` in the link itself.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use candor_api::console::{LinkOwner, PasswordLinkFor, SetPassword, check_password};

use super::passwords::hash_password;
use super::rate_limit::{RateLimit, limited_per_client};
use super::tokens::PasswordLinkToken;
use crate::http::error::AppError;
use crate::http::extract::Json;
use crate::http::state::AppState;
use crate::store::{StoreError, UserRecord};

pub fn routes(limit: RateLimit) -> Router<AppState> {
    // Guessing links is slowed per client address like signing in is.
    limited_per_client(
        Router::new()
            .route("/console/api/password", post(set_password))
            .route("/console/api/password/owner", post(owner)),
        limit,
    )
}

/// The user a link belongs to, if the link is genuine and still good.
async fn link_owner(app: &AppState, token: &str) -> Result<(PasswordLinkToken, UserRecord), AppError> {
    let token = PasswordLinkToken::parse(token.trim()).ok_or(AppError::LinkNotFound)?;
    let record = app.store.password_link(&token.selector()).await?.ok_or(AppError::LinkNotFound)?;
    if !token.verifies(&record.verifier) {
        return Err(AppError::LinkNotFound);
    }
    if record.expires_at <= app.clock.now() {
        return Err(AppError::LinkExpired);
    }
    Ok((token, record.user))
}

#[utoipa::path(post, path = "/console/api/password/owner", tag = "console", request_body = candor_api::console::LinkOwner, responses((status = 200, description = "Whose link it is", body = candor_api::console::PasswordLinkFor), (status = 404, description = "Unknown link", body = candor_api::ApiError), (status = 410, description = "Closed or expired", body = candor_api::ApiError), (status = 429, description = "Too many requests", body = candor_api::ApiError)))]
async fn owner(
    State(app): State<AppState>,
    Json(request): Json<LinkOwner>,
) -> Result<axum::Json<PasswordLinkFor>, AppError> {
    let (_, user) = link_owner(&app, &request.token).await?;
    let company = app.company_of(user.company).await?;
    Ok(axum::Json(PasswordLinkFor { email: user.email, name: user.name, company_name: company.public.name }))
}

/// Sets the password and ends every session the person had: a link handed
/// out because a password leaked must lock the leaker out.
#[utoipa::path(post, path = "/console/api/password", tag = "console", request_body = candor_api::console::SetPassword, responses((status = 204, description = "Password set"), (status = 404, description = "Unknown link", body = candor_api::ApiError), (status = 410, description = "Closed or expired", body = candor_api::ApiError), (status = 429, description = "Too many requests", body = candor_api::ApiError)))]
async fn set_password(State(app): State<AppState>, Json(request): Json<SetPassword>) -> Result<StatusCode, AppError> {
    let (token, _) = link_owner(&app, &request.token).await?;
    check_password(&request.password)?;
    let hash = hash_password(request.password).await?;
    match app.store.use_password_link(&token.selector(), &hash).await {
        Err(StoreError::NotFound) => Err(AppError::LinkExpired),
        other => other.map(|()| StatusCode::NO_CONTENT).map_err(AppError::from),
    }
}
