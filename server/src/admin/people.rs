//! The company's console users, as admins manage them: invite someone with a
//! role, change a role, remove someone, and hand out one-time set-password
//! links (for an invitation, or for someone who forgot their password; the
//! person uses it through `auth::password_links`). An admin never chooses
//! or sees anyone's password.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use candor_api::console::{ChangeRole, Invite, PASSWORD_LINK_HOURS, PasswordLink, Person};

use crate::auth::recruiter::{Admin, Recruiter};
use crate::auth::tokens::PasswordLinkToken;
use crate::clock::rfc3339;
use crate::http::error::AppError;
use crate::http::extract::{Json, Path};
use crate::http::state::AppState;
use crate::mail::About;
use crate::mail::people::{LinkFor, compose, password_link};
use crate::store::{Actor, NewPasswordLink, NewUser, StoreError, UserId, UserRecord};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/recruiter/people", get(list).post(invite))
        .route("/api/v1/recruiter/people/{id}", axum::routing::delete(remove))
        .route("/api/v1/recruiter/people/{id}/role", put(change_role))
        .route("/api/v1/recruiter/people/{id}/link", post(new_link))
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

/// The company's user `id`, for an admin of that company; anyone else's is
/// the same 404 as no one's.
async fn colleague(app: &AppState, recruiter: Recruiter, id: i64) -> Result<UserRecord, AppError> {
    recruiter.must_be_admin()?;
    app.store.user(recruiter.company, UserId(id)).await?.ok_or(AppError::PersonNotFound)
}

/// The change an admin makes to someone else: never to themselves.
async fn other_colleague(app: &AppState, recruiter: Recruiter, id: i64) -> Result<UserRecord, AppError> {
    let user = colleague(app, recruiter, id).await?;
    if recruiter.user == Some(user.id) { Err(AppError::OwnAccount) } else { Ok(user) }
}

#[utoipa::path(get, path = "/api/v1/recruiter/people", tag = "recruiter", responses((status = 200, description = "The company's people", body = Vec<candor_api::console::Person>)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn list(State(app): State<AppState>, Admin(recruiter): Admin) -> Result<axum::Json<Vec<Person>>, AppError> {
    let users = app.store.users(recruiter.company).await?;
    Ok(axum::Json(users.iter().map(|u| person(u, recruiter)).collect()))
}

/// A fresh link for `user`, replacing any earlier one, kept with the mail
/// that brings it to them (and, when `audited`, with its audit entry). The
/// answer shows it too, this once: a company without a mail server (or a
/// person whose address can't take mail) is handed it there.
async fn link(
    app: &AppState,
    user: &UserRecord,
    recruiter: Recruiter,
    why: LinkFor,
    audited: Option<&Actor>,
) -> Result<PasswordLink, AppError> {
    let token = PasswordLinkToken::random();
    let now = app.clock.now();
    let expires_at = now + time::Duration::hours(PASSWORD_LINK_HOURS);
    let path = format!("/console/#set-password={}", token.reveal());
    let company = app.company_of(recruiter.company).await?;
    // Who made it, when a person did (an admin's API token is no one).
    let by = match recruiter.user {
        Some(id) => app.store.user(recruiter.company, id).await?.map(|u| u.name),
        None => None,
    };
    let letter = password_link(&company, user, by.as_deref(), why, format!("{}{path}", app.mail.base_url), expires_at);
    let mail = compose(&app.mail, &company, user, About::default(), &letter, now);
    let link =
        NewPasswordLink { selector: token.selector(), verifier: token.verifier_hash(), user: user.id, expires_at };
    app.store.create_password_link(recruiter.company, &link, mail.as_ref(), now, audited).await?;
    if mail.is_some() {
        app.mail.ring();
    }
    Ok(PasswordLink { person: person(user, recruiter), path, expires_at: rfc3339(expires_at), mailed: mail.is_some() })
}

#[utoipa::path(post, path = "/api/v1/recruiter/people", tag = "recruiter", request_body = candor_api::console::Invite, responses((status = 201, description = "Invited", body = candor_api::console::PasswordLink), (status = 409, description = "Conflicts with the current state", body = candor_api::ApiError)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn invite(
    State(app): State<AppState>,
    Admin(recruiter): Admin,
    Json(invite): Json<Invite>,
) -> Result<(StatusCode, axum::Json<PasswordLink>), AppError> {
    let invite = invite.validate()?;
    let by = recruiter.actor(&app).await?;
    let new = NewUser {
        company: recruiter.company,
        email: invite.email,
        name: invite.name,
        role: invite.role,
        password_hash: None,
        created_at: app.clock.now(),
    };
    let id = app.store.create_user(&new, Some(&by)).await?;
    let user = app.store.user(recruiter.company, id).await?.ok_or(StoreError::NotFound)?;
    // The invitation's entry tells of its first link too.
    Ok((StatusCode::CREATED, axum::Json(link(&app, &user, recruiter, LinkFor::Invitation, None).await?)))
}

#[utoipa::path(post, path = "/api/v1/recruiter/people/{id}/link", tag = "recruiter", responses((status = 200, description = "A new link", body = candor_api::console::PasswordLink), (status = 409, description = "Conflicts with the current state", body = candor_api::ApiError)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn new_link(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Path(id): Path<i64>,
) -> Result<axum::Json<PasswordLink>, AppError> {
    let user = colleague(&app, recruiter, id).await?;
    // A person who never set a password is still being invited.
    let why = if user.password_hash.is_some() { LinkFor::Reset } else { LinkFor::Invitation };
    let by = recruiter.actor(&app).await?;
    Ok(axum::Json(link(&app, &user, recruiter, why, Some(&by)).await?))
}

#[utoipa::path(put, path = "/api/v1/recruiter/people/{id}/role", tag = "recruiter", request_body = candor_api::console::ChangeRole, responses((status = 200, description = "Changed", body = candor_api::console::Person), (status = 409, description = "Conflicts with the current state", body = candor_api::ApiError)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn change_role(
    State(app): State<AppState>,
    Admin(recruiter): Admin,
    Path(id): Path<i64>,
    Json(change): Json<ChangeRole>,
) -> Result<axum::Json<Person>, AppError> {
    let user = other_colleague(&app, recruiter, id).await?;
    let by = recruiter.actor(&app).await?;
    app.store.set_user_role(recruiter.company, user.id, change.role, app.clock.now(), Some(&by)).await?;
    Ok(axum::Json(person(&UserRecord { role: change.role, ..user }, recruiter)))
}

#[utoipa::path(delete, path = "/api/v1/recruiter/people/{id}", tag = "recruiter", responses((status = 204, description = "Removed"), (status = 409, description = "Conflicts with the current state", body = candor_api::ApiError)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn remove(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    let user = other_colleague(&app, recruiter, id).await?;
    let by = recruiter.actor(&app).await?;
    app.store.delete_user(recruiter.company, user.id, app.clock.now(), Some(&by)).await?;
    Ok(StatusCode::NO_CONTENT)
}
