//! The company's console users, as admins manage them: invite someone with a
//! role, change a role, remove someone, and hand out one-time set-password
//! links (for an invitation, or for someone who forgot their password). An
//! admin never chooses or sees anyone's password.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use candor_api::console::{
    ChangeRole, Invite, LinkOwner, PASSWORD_LINK_HOURS, PasswordLink, PasswordLinkFor, Person, SetPassword,
    check_password,
};

use crate::apply::{RateLimit, limited_per_client};
use crate::console::hash_password;
use crate::error::AppError;
use crate::extract::{Json, Path};
use crate::recruiter::Recruiter;
use crate::state::AppState;
use crate::store::{NewPasswordLink, NewUser, StoreError, UserId, UserRecord};
use crate::tokens::PasswordLinkToken;

pub fn routes(limit: RateLimit) -> Router<AppState> {
    // Guessing links is slowed per client address like signing in is.
    let use_link = limited_per_client(
        Router::new()
            .route("/console/api/password", post(set_password))
            .route("/console/api/password/owner", post(link_for)),
        limit,
    );
    Router::new()
        .route("/api/v1/recruiter/people", get(list).post(invite))
        .route("/api/v1/recruiter/people/{id}", axum::routing::delete(remove))
        .route("/api/v1/recruiter/people/{id}/role", put(change_role))
        .route("/api/v1/recruiter/people/{id}/link", post(new_link))
        .merge(use_link)
}

fn person(user: &UserRecord, recruiter: Recruiter) -> Person {
    Person {
        id: user.id.0,
        email: user.email.clone(),
        name: user.name.clone(),
        role: user.role,
        password_set: user.password_hash.is_some(),
        is_you: recruiter.user == Some(user.id),
    }
}

/// The company's user `id`, for an admin of that company.
async fn colleague(app: &AppState, recruiter: Recruiter, id: i64) -> Result<UserRecord, AppError> {
    recruiter.must_be_admin()?;
    app.store.user_by_id(UserId(id)).await?.filter(|u| u.company == recruiter.company).ok_or(AppError::PersonNotFound)
}

async fn list(State(app): State<AppState>, recruiter: Recruiter) -> Result<axum::Json<Vec<Person>>, AppError> {
    recruiter.must_be_admin()?;
    let users = app.store.users(recruiter.company).await?;
    Ok(axum::Json(users.iter().map(|u| person(u, recruiter)).collect()))
}

/// A fresh link for `user`, replacing any earlier one.
async fn link(app: &AppState, user: &UserRecord, recruiter: Recruiter) -> Result<PasswordLink, AppError> {
    let token = PasswordLinkToken::random();
    let expires_at = app.clock.now() + time::Duration::hours(PASSWORD_LINK_HOURS);
    app.store
        .create_password_link(&NewPasswordLink {
            selector: token.selector(),
            verifier: token.verifier_hash(),
            user: user.id,
            expires_at,
        })
        .await?;
    Ok(PasswordLink {
        person: person(user, recruiter),
        path: format!("/console/#set-password={}", token.reveal()),
        expires_at: crate::clock::rfc3339(expires_at),
    })
}

async fn invite(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Json(invite): Json<Invite>,
) -> Result<(StatusCode, axum::Json<PasswordLink>), AppError> {
    recruiter.must_be_admin()?;
    let invite = invite.validate()?;
    let new = NewUser {
        company: recruiter.company,
        email: invite.email,
        name: invite.name,
        role: invite.role,
        password_hash: None,
        created_at: app.clock.now(),
    };
    let id = app.store.create_user(&new).await?;
    let user = app.store.user_by_id(id).await?.ok_or(StoreError::NotFound)?;
    Ok((StatusCode::CREATED, axum::Json(link(&app, &user, recruiter).await?)))
}

async fn new_link(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Path(id): Path<i64>,
) -> Result<axum::Json<PasswordLink>, AppError> {
    let user = colleague(&app, recruiter, id).await?;
    Ok(axum::Json(link(&app, &user, recruiter).await?))
}

async fn change_role(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Path(id): Path<i64>,
    Json(change): Json<ChangeRole>,
) -> Result<axum::Json<Person>, AppError> {
    let user = colleague(&app, recruiter, id).await?;
    if recruiter.user == Some(user.id) {
        return Err(AppError::OwnAccount);
    }
    app.store.set_user_role(recruiter.company, user.id, change.role, app.clock.now()).await.map_err(last_admin)?;
    Ok(axum::Json(person(&UserRecord { role: change.role, ..user }, recruiter)))
}

async fn remove(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    let user = colleague(&app, recruiter, id).await?;
    if recruiter.user == Some(user.id) {
        return Err(AppError::OwnAccount);
    }
    app.store.delete_user(recruiter.company, user.id, app.clock.now()).await.map_err(last_admin)?;
    Ok(StatusCode::NO_CONTENT)
}

fn last_admin(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict(crate::store::CONFLICT_LAST_ADMIN) => AppError::LastAdmin,
        other => other.into(),
    }
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
    let user = app.store.user_by_id(record.user).await?.ok_or(AppError::LinkNotFound)?;
    Ok((token, user))
}

/// A POST with the token in the body, never in the path: the secret stays
/// out of access logs, as it stays after `#` in the link itself.
async fn link_for(
    State(app): State<AppState>,
    Json(request): Json<LinkOwner>,
) -> Result<axum::Json<PasswordLinkFor>, AppError> {
    let (_, user) = link_owner(&app, &request.token).await?;
    let company = app.store.company_by_id(user.company).await?.ok_or(AppError::CompanyNotFound)?;
    Ok(axum::Json(PasswordLinkFor { email: user.email, name: user.name, company_name: company.public.name }))
}

/// Sets the password and ends every session the person had: a link handed
/// out because a password leaked must lock the leaker out.
async fn set_password(State(app): State<AppState>, Json(request): Json<SetPassword>) -> Result<StatusCode, AppError> {
    let (token, _) = link_owner(&app, &request.token).await?;
    check_password(&request.password)?;
    let hash = hash_password(request.password).await?;
    match app.store.use_password_link(&token.selector(), &hash).await {
        Err(StoreError::NotFound) => Err(AppError::LinkExpired),
        other => other.map(|()| StatusCode::NO_CONTENT).map_err(AppError::from),
    }
}
