//! The recruiter API: a company's applications read and moved on with API
//! tokens (`Authorization: Bearer candor_…`). Every action appends one event
//! and reaches the candidate's open status view at once.

use axum::Router;
use axum::extract::{FromRequestParts, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::response::Response;
use axum::routing::{get, post};
use candor_api::recruiting::{
    ApiTokenInfo, ApplicationForRecruiter, ApplicationListItem, Close, CreatedApiToken, MessageCheck,
    MessageCheckResult, MoveToStage, NewApiToken, Role, SendMessage,
};
use candor_api::timeline::{self as derive_timeline, EventKind, Progress};
use candor_api::{Day, PostingSlug};

use crate::error::AppError;
use crate::extract::{Json, Path};
use crate::state::AppState;
use crate::store::{ApplicationId, CompanyId, Posting, UserId};
use crate::timeline::{self, status_of};
use crate::tokens::ApiToken;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/recruiter/postings/{posting}/applications", get(list))
        .route("/api/v1/recruiter/applications/{id}", get(read))
        .route("/api/v1/recruiter/applications/{id}/stage", post(move_to_stage))
        .route("/api/v1/recruiter/applications/{id}/messages", post(send_message))
        .route("/api/v1/recruiter/applications/{id}/close", post(close))
        .route("/api/v1/recruiter/applications/{id}/cv", get(cv))
        .route("/api/v1/recruiter/messages/check", post(check_message))
        .route("/api/v1/recruiter/tokens", get(list_tokens).post(create_token))
        .route("/api/v1/recruiter/tokens/{id}", axum::routing::delete(revoke_token))
}

/// Who is calling: a company and a role, from an API token.
#[derive(Debug, Clone, Copy)]
pub struct Recruiter {
    pub company: CompanyId,
    pub role: Role,
    /// The signed-in person; `None` for an API token.
    pub user: Option<UserId>,
}

impl Recruiter {
    /// Company settings, people and tokens are an admin's.
    pub fn must_be_admin(&self) -> Result<(), AppError> {
        if self.role == Role::Admin { Ok(()) } else { Err(AppError::Forbidden) }
    }

    pub fn may_act(&self) -> Result<(), AppError> {
        if self.role.can_act() { Ok(()) } else { Err(AppError::Forbidden) }
    }
}

impl FromRequestParts<AppState> for Recruiter {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Self::Rejection> {
        let Some(authorization) = parts.headers.get(header::AUTHORIZATION) else {
            // No token: a person signed in to the console, with their own role.
            let jar = axum_extra::extract::cookie::CookieJar::from_headers(&parts.headers);
            let signed_in = crate::console::signed_in(app, &parts.method, &parts.headers, &jar).await?;
            return Ok(Recruiter {
                company: signed_in.user.company,
                role: signed_in.user.role,
                user: Some(signed_in.user.id),
            });
        };
        let token = authorization
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .and_then(|t| ApiToken::parse(t.trim()))
            .ok_or(AppError::Unauthorized)?;
        let record = app.store.api_token_by_selector(&token.selector()).await?.ok_or(AppError::Unauthorized)?;
        if record.revoked || !token.verifies(&record.verifier) {
            return Err(AppError::Unauthorized);
        }
        Ok(Recruiter { company: record.company, role: record.role, user: None })
    }
}

async fn list(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Path(posting): Path<String>,
) -> Result<axum::Json<Vec<ApplicationListItem>>, AppError> {
    let slug = PostingSlug::parse(&posting)?;
    let posting = app.store.posting(recruiter.company, &slug).await?.ok_or(AppError::PostingNotFound)?;
    let today = app.clock.today();
    let items = app
        .store
        .applications_of_posting(posting.id)
        .await?
        .into_iter()
        .map(|(application, events)| {
            let profile = application.profile.unwrap_or_default();
            ApplicationListItem {
                id: application.id.0,
                name: profile.name,
                email: profile.email,
                progress: derive_timeline::derive(&posting.detail.stages, &events, today),
            }
        })
        .collect();
    Ok(axum::Json(items))
}

async fn read(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Path(id): Path<i64>,
) -> Result<axum::Json<ApplicationForRecruiter>, AppError> {
    Ok(axum::Json(view(&app, recruiter, ApplicationId(id)).await?))
}

/// The application as recruiters see it, if it is the caller's company's.
async fn view(app: &AppState, recruiter: Recruiter, id: ApplicationId) -> Result<ApplicationForRecruiter, AppError> {
    let application = app
        .store
        .application_by_id(id)
        .await?
        .filter(|a| a.company == recruiter.company)
        .ok_or(AppError::ApplicationNotFound)?;
    Ok(ApplicationForRecruiter {
        id: id.0,
        status: status_of(app, id, application.company, application.posting).await?,
        profile: application.profile,
        answers: application.answers.unwrap_or_default(),
        cv: app.store.cv_info(id).await?,
        talent_pool: application.talent_pool,
    })
}

async fn cv(State(app): State<AppState>, recruiter: Recruiter, Path(id): Path<i64>) -> Result<Response, AppError> {
    let id = ApplicationId(id);
    app.store
        .application_by_id(id)
        .await?
        .filter(|a| a.company == recruiter.company)
        .ok_or(AppError::ApplicationNotFound)?;
    timeline::cv_download(&app, id).await
}

async fn move_to_stage(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Path(id): Path<i64>,
    Json(request): Json<MoveToStage>,
) -> Result<axum::Json<ApplicationForRecruiter>, AppError> {
    act(&app, recruiter, ApplicationId(id), |posting, _, today| {
        let valid = request.validate(&posting.detail.stages, today)?;
        Ok((EventKind::StageChanged { stage: valid.stage }, valid.message, valid.promised))
    })
    .await
}

async fn send_message(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Path(id): Path<i64>,
    Json(request): Json<SendMessage>,
) -> Result<axum::Json<ApplicationForRecruiter>, AppError> {
    act(&app, recruiter, ApplicationId(id), |_, _, today| {
        let valid = request.validate(today)?;
        Ok((EventKind::Message, valid.message, valid.promised))
    })
    .await
}

async fn close(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Path(id): Path<i64>,
    Json(request): Json<Close>,
) -> Result<axum::Json<ApplicationForRecruiter>, AppError> {
    act(&app, recruiter, ApplicationId(id), |_, _, _| {
        let valid = request.validate()?;
        Ok((EventKind::Closed { outcome: valid.outcome }, valid.message, None))
    })
    .await
}

type Action = (EventKind, String, Option<Day>);

/// One recruiter action: check the caller may act on this open application,
/// build the event from the request, append it as the next one (refused if
/// someone else's action got there first), and tell the candidate's streams.
async fn act(
    app: &AppState,
    recruiter: Recruiter,
    id: ApplicationId,
    build: impl FnOnce(&Posting, &Progress, Day) -> Result<Action, AppError>,
) -> Result<axum::Json<ApplicationForRecruiter>, AppError> {
    recruiter.may_act()?;
    let application = app
        .store
        .application_by_id(id)
        .await?
        .filter(|a| a.company == recruiter.company)
        .ok_or(AppError::ApplicationNotFound)?;
    let timeline::Current { posting, events, progress, .. } = timeline::current_of(app, application).await?;
    if !progress.is_open() {
        return Err(AppError::ApplicationClosed);
    }
    let today = app.clock.today();
    let (kind, message, promised) = build(&posting, &progress, today)?;
    timeline::append(app, id, &events, kind, message, promised).await?;
    Ok(axum::Json(view(app, recruiter, id).await?))
}

/// Whether a closing message was already sent word for word to others.
async fn check_message(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Json(request): Json<MessageCheck>,
) -> Result<axum::Json<MessageCheckResult>, AppError> {
    // Only those who may send messages have a use for the check.
    recruiter.may_act()?;
    let request = request.validate()?;
    let sent_to_others = app.store.closings_with_message(recruiter.company, &request.message).await?;
    Ok(axum::Json(MessageCheckResult { sent_to_others }))
}

async fn list_tokens(
    State(app): State<AppState>,
    recruiter: Recruiter,
) -> Result<axum::Json<Vec<ApiTokenInfo>>, AppError> {
    recruiter.must_be_admin()?;
    Ok(axum::Json(app.store.api_tokens(recruiter.company).await?))
}

/// Creates a token and shows it this once; only its hash is kept.
async fn create_token(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Json(request): Json<NewApiToken>,
) -> Result<(axum::http::StatusCode, axum::Json<CreatedApiToken>), AppError> {
    recruiter.must_be_admin()?;
    let request = request.validate()?;
    let token =
        crate::admin::create_token(&*app.store, recruiter.company, request.role, &request.name, recruiter.user).await?;
    let info = app
        .store
        .api_tokens(recruiter.company)
        .await?
        .into_iter()
        .find(|t| t.name == request.name && t.revoked_at.is_none())
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("a token just created is not listed")))?;
    Ok((axum::http::StatusCode::CREATED, axum::Json(CreatedApiToken { token: token.reveal(), info })))
}

async fn revoke_token(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Path(id): Path<i64>,
) -> Result<axum::http::StatusCode, AppError> {
    recruiter.must_be_admin()?;
    app.store.revoke_api_token(recruiter.company, id, app.clock.now()).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}
