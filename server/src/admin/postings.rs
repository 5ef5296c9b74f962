//! Postings as admins run them: every posting whatever its status, creating
//! and editing one with its process and screening questions, and opening
//! and closing it. The careers page sees each change at once.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use candor_api::PostingSlug;
use candor_api::posting_admin::{ChangePostingStatus, PostingForAdmin, PostingRow, check_edit, check_opening};
use candor_api::postings::{PostingDraft, PostingStatus};

use crate::auth::recruiter::{Admin, Recruiter};
use crate::http::error::AppError;
use crate::http::extract::{Json, Path};
use crate::http::state::AppState;
use crate::store::{Posting, PostingId, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/recruiter/postings", get(list).post(create))
        .route("/api/v1/recruiter/postings/{posting}", get(read).put(edit))
        .route("/api/v1/recruiter/postings/{posting}/status", post(change_status))
}

#[utoipa::path(get, path = "/api/v1/recruiter/postings", tag = "recruiter", responses((status = 200, description = "Every posting", body = Vec<candor_api::posting_admin::PostingRow>)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn list(State(app): State<AppState>, recruiter: Recruiter) -> Result<axum::Json<Vec<PostingRow>>, AppError> {
    Ok(axum::Json(app.store.company_postings(recruiter.company).await?))
}

/// The company's posting named in the path, whatever its status.
async fn stored(app: &AppState, recruiter: Recruiter, slug: &str) -> Result<Posting, AppError> {
    app.posting_named(recruiter.company, &PostingSlug::parse(slug)?).await
}

/// A posting as the admin views show it.
async fn for_admin(app: &AppState, recruiter: Recruiter, posting: Posting) -> Result<PostingForAdmin, AppError> {
    let applications = app.store.application_count(recruiter.company, posting.id).await?;
    Ok(PostingForAdmin {
        status: posting.status,
        detail: posting.detail,
        translations: posting.translations,
        applications,
    })
}

/// The company's posting `id` as the admin views show it, read again after a change.
async fn changed(app: &AppState, recruiter: Recruiter, id: PostingId) -> Result<PostingForAdmin, AppError> {
    let posting = app.store.posting_by_id(recruiter.company, id).await?.ok_or(AppError::PostingNotFound)?;
    for_admin(app, recruiter, posting).await
}

#[utoipa::path(get, path = "/api/v1/recruiter/postings/{posting}", tag = "recruiter", responses((status = 200, description = "The posting", body = candor_api::posting_admin::PostingForAdmin)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn read(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Path(slug): Path<String>,
) -> Result<axum::Json<PostingForAdmin>, AppError> {
    let posting = stored(&app, recruiter, &slug).await?;
    Ok(axum::Json(for_admin(&app, recruiter, posting).await?))
}

/// A new posting starts as a draft: nobody sees it until an admin opens it.
#[utoipa::path(post, path = "/api/v1/recruiter/postings", tag = "recruiter", request_body = candor_api::postings::PostingDraft, responses((status = 201, description = "Created as a draft", body = candor_api::posting_admin::PostingForAdmin), (status = 409, description = "Conflicts with the current state", body = candor_api::ApiError)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn create(
    State(app): State<AppState>,
    Admin(recruiter): Admin,
    Json(draft): Json<PostingDraft>,
) -> Result<(StatusCode, axum::Json<PostingForAdmin>), AppError> {
    let default_locale = app.company_of(recruiter.company).await?.public.default_locale;
    let valid = draft.validate(app.clock.today(), default_locale)?;
    let id = app.store.create_posting(recruiter.company, &valid, PostingStatus::Draft).await?;
    Ok((StatusCode::CREATED, axum::Json(changed(&app, recruiter, id).await?)))
}

#[utoipa::path(put, path = "/api/v1/recruiter/postings/{posting}", tag = "recruiter", request_body = candor_api::postings::PostingDraft, responses((status = 200, description = "Edited", body = candor_api::posting_admin::PostingForAdmin), (status = 409, description = "Conflicts with the current state", body = candor_api::ApiError)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn edit(
    State(app): State<AppState>,
    Admin(recruiter): Admin,
    Path(slug): Path<String>,
    Json(draft): Json<PostingDraft>,
) -> Result<axum::Json<PostingForAdmin>, AppError> {
    let posting = stored(&app, recruiter, &slug).await?;
    let applications = app.store.application_count(recruiter.company, posting.id).await?;
    let default_locale = app.company_of(recruiter.company).await?.public.default_locale;
    let mut edited = draft.validate(app.clock.today(), default_locale)?;
    edited.detail = check_edit(&posting.detail, edited.detail, applications)?;
    // Someone applied while the edit was checked: `changed_meanwhile`, to check it again.
    app.store.update_posting(recruiter.company, posting.id, &edited, applications).await?;
    Ok(axum::Json(changed(&app, recruiter, posting.id).await?))
}

#[utoipa::path(post, path = "/api/v1/recruiter/postings/{posting}/status", tag = "recruiter", request_body = candor_api::posting_admin::ChangePostingStatus, responses((status = 200, description = "Changed", body = candor_api::posting_admin::PostingForAdmin), (status = 409, description = "Conflicts with the current state", body = candor_api::ApiError)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn change_status(
    State(app): State<AppState>,
    Admin(recruiter): Admin,
    Path(slug): Path<String>,
    Json(change): Json<ChangePostingStatus>,
) -> Result<axum::Json<PostingForAdmin>, AppError> {
    let posting = stored(&app, recruiter, &slug).await?;
    let refused = AppError::StatusChange { from: posting.status.as_str(), to: change.status.as_str() };
    if !posting.status.may_become(change.status) {
        return Err(refused);
    }
    if change.status == PostingStatus::Open {
        check_opening(&posting.detail, app.clock.today())?;
    }
    let today = app.clock.today();
    match app.store.set_posting_status(recruiter.company, posting.id, posting.status, change.status, today).await {
        // Another admin moved it first: theirs stands.
        Err(StoreError::NotFound) => return Err(refused),
        other => other?,
    }
    if change.status == PostingStatus::Open {
        // The talent pool's members who asked to hear of it, by mail.
        crate::applications::pool_alerts::soon(app.clone());
    }
    Ok(axum::Json(changed(&app, recruiter, posting.id).await?))
}
