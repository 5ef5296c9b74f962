//! Who is calling the recruiter API: a company and a role, from an API
//! token (`Authorization: Bearer candor_…`) or a console session. Every
//! recruiter handler takes a [`Recruiter`], and the store calls it makes
//! take `recruiter.company`: that is what keeps companies apart.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use axum_extra::extract::cookie::CookieJar;
use candor_api::recruiting::Role;

use super::sessions::signed_in;
use super::tokens::ApiToken;
use crate::http::error::AppError;
use crate::http::state::AppState;
use candor_api::audit::{ActorKind, AuditAction, SubjectKind};

use crate::store::{Actor, ApiTokenId, CompanyId, NewAudit, UserId};

#[derive(Debug, Clone, Copy)]
pub struct Recruiter {
    pub company: CompanyId,
    pub role: Role,
    /// The signed-in person; `None` for an API token.
    pub user: Option<UserId>,
    /// The API token; `None` for a signed-in person.
    pub token: Option<ApiTokenId>,
}

impl Recruiter {
    /// Company settings, postings, people and tokens are an admin's.
    pub fn must_be_admin(&self) -> Result<(), AppError> {
        if self.role == Role::Admin { Ok(()) } else { Err(AppError::AdminOnly) }
    }

    /// Moving applications and answering questions; a viewer only reads.
    pub fn may_act(&self) -> Result<(), AppError> {
        if self.role.can_act() { Ok(()) } else { Err(AppError::Forbidden) }
    }

    /// Who is acting, by name, as what they write is signed: the person
    /// signed in, or the API token's name.
    pub async fn name(&self, app: &AppState) -> Result<String, AppError> {
        let name = match (self.user, self.token) {
            (Some(user), _) => app.store.user(self.company, user).await?.map(|u| u.name),
            (None, Some(token)) => {
                app.store.api_tokens(self.company).await?.into_iter().find(|t| t.id == token.0).map(|t| t.name)
            }
            (None, None) => None,
        };
        name.ok_or_else(|| AppError::Internal(anyhow::anyhow!("the caller of company {} is gone", self.company.0)))
    }

    /// Who is acting, as the audit log keeps them.
    pub async fn actor(&self, app: &AppState) -> Result<Actor, AppError> {
        let (kind, id) = match (self.user, self.token) {
            (Some(user), _) => (ActorKind::Person, Some(user.0)),
            (None, token) => (ActorKind::ApiToken, token.map(|t| t.0)),
        };
        Ok(Actor { kind, id, name: self.name(app).await? })
    }

    /// Keeps in the audit log that the caller read a subject (viewed an
    /// application, read a CV). A read has no transaction to join, so this
    /// comes after the read and before the answer, and the caller answers
    /// only once it is kept: no data leaves without its entry. A change's
    /// entry goes with the change instead: its store method takes
    /// [`Recruiter::actor`].
    pub async fn audit(
        &self,
        app: &AppState,
        action: AuditAction,
        subject: (SubjectKind, i64),
        label: &str,
    ) -> Result<(), AppError> {
        let entry = NewAudit {
            at: app.clock.now(),
            actor: self.actor(app).await?,
            action,
            subject_kind: subject.0,
            subject_id: subject.1,
            subject_label: label.to_owned(),
        };
        Ok(app.store.record_audit(self.company, &entry).await?)
    }
}

impl FromRequestParts<AppState> for Recruiter {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Self::Rejection> {
        let Some(authorization) = parts.headers.get(header::AUTHORIZATION) else {
            // No token: a person signed in to the console, with their own role.
            let jar = CookieJar::from_headers(&parts.headers);
            let user = signed_in(app, &parts.method, &parts.headers, &jar).await?.user;
            return Ok(Recruiter { company: user.company, role: user.role, user: Some(user.id), token: None });
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
        Ok(Recruiter { company: record.company, role: record.role, user: None, token: Some(record.id) })
    }
}

/// A [`Recruiter`] who is an admin, as an extractor: a handler taking it
/// refuses everyone else (403) before its body is read, so a viewer's
/// malformed body gets the same answer as a well-formed one.
#[derive(Debug, Clone, Copy)]
pub struct Admin(pub Recruiter);

impl FromRequestParts<AppState> for Admin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Self::Rejection> {
        let recruiter = Recruiter::from_request_parts(parts, app).await?;
        recruiter.must_be_admin()?;
        Ok(Admin(recruiter))
    }
}

/// A [`Recruiter`] who may act (not a viewer), as an extractor: refused
/// (403) before the body is read or checked, like [`Admin`].
#[derive(Debug, Clone, Copy)]
pub struct Acting(pub Recruiter);

impl FromRequestParts<AppState> for Acting {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Self::Rejection> {
        let recruiter = Recruiter::from_request_parts(parts, app).await?;
        recruiter.may_act()?;
        Ok(Acting(recruiter))
    }
}
