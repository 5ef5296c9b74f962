//! A company's applications as recruiters work them: a posting's list, one
//! application, its CV, and the actions (move to a stage, send a message,
//! close with an outcome). Every action appends one event through
//! `applications::timeline` and reaches the candidate's open status view at once.

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use candor_api::audit::{AuditAction, SubjectKind};
use candor_api::cv::CvInfo;
use candor_api::recruiting::{
    ApplicationForRecruiter, ApplicationListItem, Close, MessageCheck, MessageCheckResult, MoveToStage, SendMessage,
};
use candor_api::timeline::{self, EventKind};
use candor_api::{Day, PostingSlug};

use crate::applications::timeline::Current;
use crate::auth::recruiter::{Acting, Recruiter};
use crate::http::error::AppError;
use crate::http::extract::{Json, Path};
use crate::http::files::{pdf_download, pdf_inline};
use crate::http::state::AppState;
use crate::store::{ApplicationId, Posting};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/recruiter/postings/{posting}/applications", get(list))
        .route("/api/v1/recruiter/applications/{id}", get(read))
        .route("/api/v1/recruiter/applications/{id}/stage", post(move_to_stage))
        .route("/api/v1/recruiter/applications/{id}/messages", post(send_message))
        .route("/api/v1/recruiter/applications/{id}/close", post(close))
        .route("/api/v1/recruiter/applications/{id}/cv", get(cv))
        .route("/api/v1/recruiter/applications/{id}/cv/inline", get(cv_inline))
        .route("/api/v1/recruiter/messages/check", post(check_message))
}

#[utoipa::path(get, path = "/api/v1/recruiter/postings/{posting}/applications", tag = "recruiter", responses((status = 200, description = "The posting's applications", body = Vec<candor_api::recruiting::ApplicationListItem>)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn list(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Path(posting): Path<String>,
) -> Result<axum::Json<Vec<ApplicationListItem>>, AppError> {
    let posting = app.posting_named(recruiter.company, &PostingSlug::parse(&posting)?).await?;
    let today = app.clock.today();
    let items = app
        .store
        .applications_of_posting(recruiter.company, posting.id)
        .await?
        .into_iter()
        .map(|(application, events)| {
            let profile = application.profile.unwrap_or_default();
            ApplicationListItem {
                id: application.id.0,
                name: profile.name,
                email: profile.email,
                progress: timeline::derive(&posting.detail.stages, &events, today),
                today,
            }
        })
        .collect();
    Ok(axum::Json(items))
}

/// The caller's company's application `id`; any other is the same 404 as
/// one that doesn't exist.
async fn current(app: &AppState, recruiter: Recruiter, id: i64) -> Result<Current, AppError> {
    let record = app.store.application(recruiter.company, ApplicationId(id)).await?;
    Current::of(app, record.ok_or(AppError::ApplicationNotFound)?).await
}

/// The application as recruiters see it.
async fn view(app: &AppState, current: Current) -> Result<ApplicationForRecruiter, AppError> {
    let record = current.record.clone();
    Ok(ApplicationForRecruiter {
        id: record.id.0,
        cv: app.store.cv_info(record.company, record.id).await?,
        status: current.status_for_recruiters(app).await?,
        profile: record.profile,
        answers: record.answers.unwrap_or_default(),
        talent_pool: record.talent_pool,
        locale: record.locale,
    })
}

#[utoipa::path(get, path = "/api/v1/recruiter/applications/{id}", tag = "recruiter", responses((status = 200, description = "One application", body = candor_api::recruiting::ApplicationForRecruiter)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn read(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Path(id): Path<i64>,
) -> Result<axum::Json<ApplicationForRecruiter>, AppError> {
    let current = current(&app, recruiter, id).await?;
    let title = current.posting.detail.summary.title.clone();
    let view = view(&app, current).await?;
    // Kept before it is answered: an application no one could log is not shown.
    recruiter.audit(&app, AuditAction::ApplicationViewed, (SubjectKind::Application, id), &title).await?;
    Ok(axum::Json(view))
}

#[utoipa::path(get, path = "/api/v1/recruiter/applications/{id}/cv", tag = "recruiter", responses((status = 200, description = "The CV, as an attachment", body = inline(crate::http::api_docs::File), content_type = "application/pdf")), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn cv(State(app): State<AppState>, recruiter: Recruiter, Path(id): Path<i64>) -> Result<Response, AppError> {
    let (info, content) = stored_cv(&app, recruiter, id, AuditAction::CvDownloaded).await?;
    Ok(pdf_download(&info, content))
}

/// The CV to read in the console's page, beside the download.
#[utoipa::path(get, path = "/api/v1/recruiter/applications/{id}/cv/inline", tag = "recruiter", responses((status = 200, description = "The CV, inline", body = inline(crate::http::api_docs::File), content_type = "application/pdf")), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn cv_inline(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (info, content) = stored_cv(&app, recruiter, id, AuditAction::CvViewed).await?;
    Ok(pdf_inline(&info, content))
}

/// The CV, kept in the audit log as read by the caller before it is
/// handed over (and not handed over if that fails).
async fn stored_cv(
    app: &AppState,
    recruiter: Recruiter,
    id: i64,
    action: AuditAction,
) -> Result<(CvInfo, Vec<u8>), AppError> {
    let current = current(app, recruiter, id).await?;
    let cv = app.store.cv(recruiter.company, ApplicationId(id)).await?.ok_or(AppError::CvNotFound)?;
    recruiter.audit(app, action, (SubjectKind::Application, id), &current.posting.detail.summary.title).await?;
    Ok(cv)
}

#[utoipa::path(post, path = "/api/v1/recruiter/applications/{id}/stage", tag = "recruiter", request_body = candor_api::recruiting::MoveToStage, responses((status = 200, description = "Moved", body = candor_api::recruiting::ApplicationForRecruiter), (status = 409, description = "Conflicts with the current state", body = candor_api::ApiError)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn move_to_stage(
    State(app): State<AppState>,
    Acting(recruiter): Acting,
    Path(id): Path<i64>,
    Json(request): Json<MoveToStage>,
) -> Result<axum::Json<ApplicationForRecruiter>, AppError> {
    act(&app, recruiter, id, |posting, today| {
        let valid = request.validate(&posting.detail.stages, today)?;
        Ok((EventKind::StageChanged { stage: valid.stage }, valid.message, valid.promised))
    })
    .await
}

#[utoipa::path(post, path = "/api/v1/recruiter/applications/{id}/messages", tag = "recruiter", request_body = candor_api::recruiting::SendMessage, responses((status = 200, description = "Sent", body = candor_api::recruiting::ApplicationForRecruiter), (status = 409, description = "Conflicts with the current state", body = candor_api::ApiError)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn send_message(
    State(app): State<AppState>,
    Acting(recruiter): Acting,
    Path(id): Path<i64>,
    Json(request): Json<SendMessage>,
) -> Result<axum::Json<ApplicationForRecruiter>, AppError> {
    act(&app, recruiter, id, |_, today| {
        let valid = request.validate(today)?;
        Ok((EventKind::Message, valid.message, valid.promised))
    })
    .await
}

#[utoipa::path(post, path = "/api/v1/recruiter/applications/{id}/close", tag = "recruiter", request_body = candor_api::recruiting::Close, responses((status = 200, description = "Closed", body = candor_api::recruiting::ApplicationForRecruiter), (status = 409, description = "Conflicts with the current state", body = candor_api::ApiError)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn close(
    State(app): State<AppState>,
    Acting(recruiter): Acting,
    Path(id): Path<i64>,
    Json(request): Json<Close>,
) -> Result<axum::Json<ApplicationForRecruiter>, AppError> {
    act(&app, recruiter, id, |_, _| {
        let valid = request.validate()?;
        Ok((EventKind::Closed { outcome: valid.outcome }, valid.message, None))
    })
    .await
}

type Action = (EventKind, String, Option<Day>);

/// One recruiter action by a caller who may act (`Acting`, refused before
/// the body is read): check the application is open, build the event from
/// the request, and append it as the next one (refused if someone else's
/// action got there first).
async fn act(
    app: &AppState,
    recruiter: Recruiter,
    id: i64,
    build: impl FnOnce(&Posting, Day) -> Result<Action, AppError>,
) -> Result<axum::Json<ApplicationForRecruiter>, AppError> {
    let current = current(app, recruiter, id).await?;
    current.must_be_open()?;
    let (kind, message, promised) = build(&current.posting, app.clock.today())?;
    let current = current.append(app, kind, message, promised).await?;
    Ok(axum::Json(view(app, current).await?))
}

/// Whether a closing message was already sent word for word to others.
#[utoipa::path(post, path = "/api/v1/recruiter/messages/check", tag = "recruiter", request_body = candor_api::recruiting::MessageCheck, responses((status = 200, description = "How many were closed with this message", body = candor_api::recruiting::MessageCheckResult)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn check_message(
    State(app): State<AppState>,
    // Only those who may send messages have a use for the check.
    Acting(recruiter): Acting,
    Json(request): Json<MessageCheck>,
) -> Result<axum::Json<MessageCheckResult>, AppError> {
    let request = request.validate()?;
    let sent_to_others = app.store.closings_with_message(recruiter.company, &request.message).await?;
    Ok(axum::Json(MessageCheckResult { sent_to_others }))
}
