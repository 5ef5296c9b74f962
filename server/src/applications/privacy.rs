//! The candidate's rights over their data (GDPR): take everything stored
//! about the application away as JSON, erase it, or leave the talent pool
//! (or renew its consent for another year, and choose which openings it
//! hears of).

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use candor_api::audit::{AuditAction, SubjectKind};
use candor_api::pool_alerts::PoolAlertsChoice;
use candor_api::privacy::Export;
use candor_api::timeline::PostingRef;

use super::timeline::{Current, find};
use crate::http::error::AppError;
use crate::http::extract::Json;
use crate::http::secret_header::StatusTokenHeader;
use crate::http::state::AppState;
use crate::store::{Actor, ApplicationRecord, NewAudit};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/application", axum::routing::delete(erase))
        .route("/api/v1/application/export", get(export))
        .route("/api/v1/application/talent-pool/leave", post(leave_talent_pool))
        .route("/api/v1/application/talent-pool/renew", post(renew_talent_pool))
        .route("/api/v1/application/talent-pool/alerts", axum::routing::put(set_pool_alerts))
}

#[utoipa::path(get, path = "/api/v1/application/export", tag = "candidate", responses((status = 200, description = "Everything stored, as a download", body = candor_api::privacy::Export)), security(("application" = [])))]
async fn export(State(app): State<AppState>, token: StatusTokenHeader) -> Result<Response, AppError> {
    let now = Current::opened_by(&app, token.text()).await?;
    let title = now.posting.detail.summary.title.clone();
    audit(&app, &now.record, AuditAction::ApplicationExported, title).await?;
    let company = app.company_of(now.record.company).await?;
    let retention_days = company.public.retention_days;
    let export = Export {
        company: company.public.into(),
        posting: PostingRef::from(&now.posting.detail.summary),
        profile: now.record.profile.unwrap_or_default(),
        answers: now.record.answers.unwrap_or_default(),
        talent_pool: now.record.talent_pool,
        locale: now.record.locale,
        events: now.events,
        cv: app.store.cv_info(now.record.company, now.record.id).await?,
        retention_days,
    };
    let headers = [
        (header::CONTENT_DISPOSITION, "attachment; filename=\"candor-application.json\""),
        (header::CACHE_CONTROL, "no-store"),
    ];
    Ok((headers, axum::Json(export)).into_response())
}

/// The candidate leaves the company's talent pool; the status as it now stands.
#[utoipa::path(post, path = "/api/v1/application/talent-pool/leave", tag = "candidate", responses((status = 200, description = "Out of the talent pool; the status as it now stands", body = candor_api::timeline::ApplicationStatus)), security(("application" = [])))]
async fn leave_talent_pool(
    State(app): State<AppState>,
    token: StatusTokenHeader,
) -> Result<axum::Json<candor_api::timeline::ApplicationStatus>, AppError> {
    let record = find(&app, token.text()).await?;
    app.store.leave_talent_pool(record.company, record.id).await?;
    app.live.changed(record.id);
    let record = crate::store::ApplicationRecord { talent_pool: false, ..record };
    Ok(axum::Json(Current::of(&app, record).await?.status(&app).await?))
}

/// The candidate renews their talent-pool consent for a year from today:
/// while it lasts (its renewal asked by mail a month before), and also once
/// it lapsed, while the application's data is still kept (giving it again
/// is a renewal too). Refused when they never joined the pool or left it.
#[utoipa::path(post, path = "/api/v1/application/talent-pool/renew", tag = "candidate", responses((status = 200, description = "In the talent pool for a year from today; the status as it now stands", body = candor_api::timeline::ApplicationStatus), (status = 409, description = "Not in the talent pool: never joined, or left it (`not_in_talent_pool`)", body = candor_api::ApiError)), security(("application" = [])))]
async fn renew_talent_pool(
    State(app): State<AppState>,
    token: StatusTokenHeader,
) -> Result<axum::Json<candor_api::timeline::ApplicationStatus>, AppError> {
    let record = find(&app, token.text()).await?;
    if !app.store.renew_pool_consent(record.company, record.id, app.clock.today()).await? {
        return Err(AppError::NotInTalentPool);
    }
    app.live.changed(record.id);
    Ok(axum::Json(Current::of(&app, record).await?.status(&app).await?))
}

/// A pool member chooses the departments and places of the openings they
/// hear of by mail, or `null` for none: each posting that opens from today
/// and matches (`privacy::pool_alert_due`) is mailed once while their
/// consent lasts.
#[utoipa::path(put, path = "/api/v1/application/talent-pool/alerts", tag = "candidate", request_body = candor_api::pool_alerts::PoolAlertsChoice, responses((status = 200, description = "Kept; the status as it now stands", body = candor_api::timeline::ApplicationStatus), (status = 400, description = "A name is empty or too long, or too many are named", body = candor_api::ApiError), (status = 409, description = "Not in the talent pool (`not_in_talent_pool`)", body = candor_api::ApiError)), security(("application" = [])))]
async fn set_pool_alerts(
    State(app): State<AppState>,
    token: StatusTokenHeader,
    Json(choice): Json<PoolAlertsChoice>,
) -> Result<axum::Json<candor_api::timeline::ApplicationStatus>, AppError> {
    if let Some(alerts) = &choice.alerts {
        alerts.validate()?;
    }
    let record = find(&app, token.text()).await?;
    let today = app.clock.today();
    if !app.store.set_pool_alerts(record.company, record.id, choice.alerts.as_ref(), today).await? {
        return Err(AppError::NotInTalentPool);
    }
    app.live.changed(record.id);
    Ok(axum::Json(Current::of(&app, record).await?.status(&app).await?))
}

#[utoipa::path(delete, path = "/api/v1/application", tag = "candidate", responses((status = 204, description = "Erased")), security(("application" = [])))]
async fn erase(State(app): State<AppState>, token: StatusTokenHeader) -> Result<StatusCode, AppError> {
    let record = find(&app, token.text()).await?;
    // Its audit entry goes with it, labelled by the store with the posting's title.
    app.store.erase_application(record.company, record.id, app.clock.now(), Some(&Actor::candidate())).await?;
    app.live.changed(record.id);
    Ok(StatusCode::NO_CONTENT)
}

/// Keeps in the audit log what the candidate read, by their link: the
/// log names them by role and their application by its posting's title.
/// A read has no transaction to join, so this comes before the data is
/// answered, and none is if it fails.
async fn audit(app: &AppState, record: &ApplicationRecord, action: AuditAction, title: String) -> Result<(), AppError> {
    let entry = NewAudit {
        at: app.clock.now(),
        actor: Actor::candidate(),
        action,
        subject_kind: SubjectKind::Application,
        subject_id: record.id.0,
        subject_label: title,
    };
    Ok(app.store.record_audit(record.company, &entry).await?)
}
