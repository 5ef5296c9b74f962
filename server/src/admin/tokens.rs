//! API tokens as admins manage them: listed (never their secrets), made
//! (the secret shown this once), revoked (kept for the record).

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use candor_api::recruiting::{ApiTokenInfo, CreatedApiToken, NewApiToken};

use crate::auth::recruiter::Admin;
use crate::auth::tokens::issue_api_token;
use crate::http::error::AppError;
use crate::http::extract::{Json, Path};
use crate::http::state::AppState;
use crate::store::ApiTokenId;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/recruiter/tokens", get(list).post(create))
        .route("/api/v1/recruiter/tokens/{id}", axum::routing::delete(revoke))
}

#[utoipa::path(get, path = "/api/v1/recruiter/tokens", tag = "recruiter", responses((status = 200, description = "The company's API tokens", body = Vec<candor_api::recruiting::ApiTokenInfo>)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn list(State(app): State<AppState>, Admin(recruiter): Admin) -> Result<axum::Json<Vec<ApiTokenInfo>>, AppError> {
    Ok(axum::Json(app.store.api_tokens(recruiter.company).await?))
}

/// Makes a token for the caller's company; the maker's access is its limit.
#[utoipa::path(post, path = "/api/v1/recruiter/tokens", tag = "recruiter", request_body = candor_api::recruiting::NewApiToken, responses((status = 201, description = "Created; the token is shown this once", body = candor_api::recruiting::CreatedApiToken)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn create(
    State(app): State<AppState>,
    Admin(recruiter): Admin,
    Json(request): Json<NewApiToken>,
) -> Result<(StatusCode, axum::Json<CreatedApiToken>), AppError> {
    let request = request.validate()?;
    let by = recruiter.actor(&app).await?;
    let (company, now) = (recruiter.company, app.clock.now());
    let (token, info) =
        issue_api_token(&*app.store, company, request.role, &request.name, recruiter.user, now, Some(&by)).await?;
    Ok((StatusCode::CREATED, axum::Json(CreatedApiToken { token: token.reveal(), info })))
}

#[utoipa::path(delete, path = "/api/v1/recruiter/tokens/{id}", tag = "recruiter", responses((status = 204, description = "Revoked")), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn revoke(
    State(app): State<AppState>,
    Admin(recruiter): Admin,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    let by = recruiter.actor(&app).await?;
    app.store.revoke_api_token(recruiter.company, ApiTokenId(id), app.clock.now(), Some(&by)).await?;
    Ok(StatusCode::NO_CONTENT)
}
