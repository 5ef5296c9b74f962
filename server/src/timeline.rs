//! The candidate's view of their application: found by its status token,
//! shown as the derived progress and the full history.

use std::convert::Infallible;

use axum::Router;
use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use candor_api::cv::{self, CV_MAX_BYTES, CvInfo};
use candor_api::timeline::{
    self, ApplicationStatus, CompanyRef, Event, EventKind, Feedback, PostingRef, Progress, Withdraw,
};
use candor_api::{Day, FieldError};
use futures_util::Stream;
use tokio::sync::broadcast;

use candor_api::privacy::Export;

use crate::caching::IfNoneMatch;
use crate::error::AppError;
use crate::extract::{Json, Path, Upload};
use crate::state::AppState;
use crate::store::{
    ApplicationId, ApplicationRecord, CONFLICT_EVENT, CompanyId, NewEvent, Posting, PostingId, StoreError,
};
use crate::tokens::StatusToken;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/applications/{token}", get(status).delete(erase))
        .route("/api/v1/applications/{token}/events", get(live_status))
        .route("/api/v1/applications/{token}/withdraw", post(withdraw))
        .route("/api/v1/applications/{token}/feedback", post(feedback))
        .route("/api/v1/applications/{token}/export", get(export))
        .route(
            "/api/v1/applications/{token}/cv",
            put(upload_cv).get(download_cv).layer(DefaultBodyLimit::max(CV_MAX_BYTES + 1024)),
        )
}

/// `PUT …/cv?file_name=CV.pdf` with the PDF as the body.
async fn upload_cv(
    State(app): State<AppState>,
    Path(token): Path<String>,
    RawQuery(query): RawQuery,
    Upload(body): Upload,
) -> Result<axum::Json<CvInfo>, AppError> {
    let record = find(&app, &token).await?;
    let file_name = form_urlencoded::parse(query.as_deref().unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "file_name")
        .map_or_else(|| Ok("cv.pdf".to_owned()), |(_, v)| cv::file_name(&v))?;
    cv::check_pdf(&body).map_err(|invalid| FieldError::new("cv", invalid))?;
    app.store.put_cv(record.id, &file_name, &body, app.clock.now()).await?;
    Ok(axum::Json(CvInfo { file_name, size: body.len() as u64 }))
}

async fn download_cv(State(app): State<AppState>, Path(token): Path<String>) -> Result<Response, AppError> {
    let record = find(&app, &token).await?;
    cv_download(&app, record.id).await
}

/// A stored CV as a download. Served as an attachment with its type fixed,
/// so that no browser renders an upload in Candor's origin.
pub async fn cv_download(app: &AppState, id: ApplicationId) -> Result<Response, AppError> {
    let (info, content) = app.store.cv(id).await?.ok_or(AppError::CvNotFound)?;
    let disposition = format!("attachment; filename=\"{}\"", info.file_name.replace(['"', '\\'], "_"));
    let disposition =
        HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment; filename=\"cv.pdf\""));
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("application/pdf")),
        (header::CONTENT_DISPOSITION, disposition),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
    ];
    Ok((headers, content).into_response())
}

/// An application with what its rules are checked against: its posting,
/// its history, and where that leaves it today.
pub struct Current {
    pub record: ApplicationRecord,
    pub posting: Posting,
    pub events: Vec<Event>,
    pub progress: Progress,
}

async fn current(app: &AppState, token: &str) -> Result<Current, AppError> {
    current_of(app, find(app, token).await?).await
}

pub async fn current_of(app: &AppState, record: ApplicationRecord) -> Result<Current, AppError> {
    let posting = app
        .store
        .posting_by_id(record.posting)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("application {} lost its posting", record.id.0)))?;
    let events = app.store.application_events(record.id).await?;
    let progress = timeline::derive(&posting.detail.stages, &events, app.clock.today());
    Ok(Current { record, posting, events, progress })
}

/// Appends `event` as the one after `events`, refused if someone else's got
/// there first, and tells the application's open streams.
pub async fn append(
    app: &AppState,
    id: ApplicationId,
    events: &[Event],
    kind: EventKind,
    message: String,
    promised: Option<Day>,
) -> Result<(), AppError> {
    let next = events.last().map_or(1, |e| e.seq + 1);
    let event = NewEvent { at: app.clock.now(), on: app.clock.today(), kind, message, promised };
    match app.store.append_event(id, next, &event).await {
        Ok(_) => {}
        Err(StoreError::Conflict(CONFLICT_EVENT)) => return Err(AppError::ChangedMeanwhile),
        Err(e) => return Err(e.into()),
    }
    app.live.changed(id);
    Ok(())
}

async fn withdraw(
    State(app): State<AppState>,
    Path(token): Path<String>,
    Json(request): Json<Withdraw>,
) -> Result<axum::Json<ApplicationStatus>, AppError> {
    let request = request.validate()?;
    let now = current(&app, &token).await?;
    if !now.progress.is_open() {
        return Err(AppError::ApplicationClosed);
    }
    let id = now.record.id;
    append(&app, id, &now.events, EventKind::Withdrawn { reason: request.reason }, request.comment, None).await?;
    Ok(axum::Json(status_of(&app, id, now.record.company, now.record.posting).await?))
}

/// Offered once the application has ended, however it ended: rejected
/// candidates' ratings count as much as hired ones'.
async fn feedback(
    State(app): State<AppState>,
    Path(token): Path<String>,
    Json(request): Json<Feedback>,
) -> Result<axum::Json<ApplicationStatus>, AppError> {
    let request = request.validate()?;
    let now = current(&app, &token).await?;
    if now.progress.is_open() {
        return Err(AppError::NotEndedYet);
    }
    if now.progress.rating.is_some() {
        return Err(AppError::AlreadyRated);
    }
    let id = now.record.id;
    let kind = EventKind::Feedback { rating: request.rating, would_apply_again: request.would_apply_again };
    append(&app, id, &now.events, kind, request.comment, None).await?;
    Ok(axum::Json(status_of(&app, id, now.record.company, now.record.posting).await?))
}

async fn export(State(app): State<AppState>, Path(token): Path<String>) -> Result<Response, AppError> {
    let now = current(&app, &token).await?;
    let company = app
        .store
        .company_by_id(now.record.company)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("application {} lost its company", now.record.id.0)))?;
    let retention_days = company.public.retention_days;
    let export = Export {
        company: company_ref(company.public),
        posting: PostingRef { slug: now.posting.detail.summary.slug, title: now.posting.detail.summary.title },
        profile: now.record.profile.unwrap_or_default(),
        answers: now.record.answers.unwrap_or_default(),
        talent_pool: now.record.talent_pool,
        locale: now.record.locale,
        events: now.events,
        cv: app.store.cv_info(now.record.id).await?,
        retention_days,
    };
    let headers = [
        (header::CONTENT_DISPOSITION, "attachment; filename=\"candor-application.json\""),
        (header::CACHE_CONTROL, "no-store"),
    ];
    Ok((headers, axum::Json(export)).into_response())
}

async fn erase(State(app): State<AppState>, Path(token): Path<String>) -> Result<StatusCode, AppError> {
    let record = find(&app, &token).await?;
    app.store.erase_application(record.id, app.clock.now()).await?;
    app.live.changed(record.id);
    Ok(StatusCode::NO_CONTENT)
}

/// The status as Server-Sent Events: a `status` event with the whole
/// [`ApplicationStatus`] now and after every change, its id the last event's
/// `seq`. A client that reconnects with `Last-Event-ID` gets a new snapshot
/// only if it missed something.
async fn live_status(
    State(app): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, AppError> {
    let application = find(&app, &token).await?;
    let mut seen: Option<u64> = headers.get("last-event-id").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    // Subscribed before the first read, so no change can fall in between.
    let mut changes = app.live.subscribe();
    let stream = async_stream::stream! {
        loop {
            match status_of(&app, application.id, application.company, application.posting).await {
                Ok(status) => {
                    let last = status.events.last().map_or(0, |e| e.seq);
                    if seen != Some(last) {
                        match SseEvent::default().event("status").id(last.to_string()).json_data(&status) {
                            Ok(event) => yield Ok(event),
                            Err(e) => { tracing::error!(error = %e, "encoding a status event"); return; }
                        }
                        seen = Some(last);
                    }
                }
                Err(e) => {
                    tracing::error!(error = ?e, "reading a watched application");
                    return;
                }
            }
            loop {
                match changes.recv().await {
                    Ok(crate::live::Change::Application(changed)) if changed == application.id => break,
                    Ok(_) => continue,
                    // Fell behind: whatever happened, a reload covers it.
                    Err(broadcast::error::RecvError::Lagged(_)) => break,
                    Err(broadcast::error::RecvError::Closed) => return,
                }
            }
        }
    };
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}

async fn status(
    State(app): State<AppState>,
    Path(token): Path<String>,
    cached: IfNoneMatch,
) -> Result<Response, AppError> {
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

pub fn company_ref(company: candor_api::CompanyPublic) -> CompanyRef {
    CompanyRef {
        slug: company.slug,
        name: company.name,
        accent_color: company.branding.accent_color,
        logo_url: company.branding.logo_url,
    }
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
        company: company_ref(company.public),
        posting: PostingRef { slug: posting.detail.summary.slug, title: posting.detail.summary.title },
        progress,
        events,
    })
}
