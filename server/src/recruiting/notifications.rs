//! `GET` and `PUT /api/v1/recruiter/me/notifications`: what mail the
//! signed-in person gets of the work that waits (a mail per new
//! application and question, one morning digest, or none). Any role may
//! choose: a viewer watching the pipeline may want to hear too. An API
//! token is no person, and is refused.

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use candor_api::notifications::Notifications;

use crate::auth::recruiter::Recruiter;
use crate::http::error::AppError;
use crate::http::extract::Json;
use crate::http::state::AppState;
use crate::store::UserId;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/recruiter/me/notifications", get(read).put(choose))
}

fn person(recruiter: Recruiter) -> Result<UserId, AppError> {
    recruiter.user.ok_or(AppError::PersonOnly)
}

#[utoipa::path(get, path = "/api/v1/recruiter/me/notifications", tag = "recruiter", responses((status = 200, description = "The person's choice", body = candor_api::notifications::Notifications)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn read(State(app): State<AppState>, recruiter: Recruiter) -> Result<axum::Json<Notifications>, AppError> {
    let notify = app.store.notify(recruiter.company, person(recruiter)?).await?;
    Ok(axum::Json(Notifications { notify }))
}

#[utoipa::path(put, path = "/api/v1/recruiter/me/notifications", tag = "recruiter", request_body = candor_api::notifications::Notifications, responses((status = 200, description = "Chosen", body = candor_api::notifications::Notifications)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn choose(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Json(choice): Json<Notifications>,
) -> Result<axum::Json<Notifications>, AppError> {
    app.store.set_notify(recruiter.company, person(recruiter)?, choice.notify).await?;
    Ok(axum::Json(choice))
}
