//! API tokens for the recruiter API and integrations (stored as a selector
//! and a hash), and the server's own secrets.

use async_trait::async_trait;
use candor_api::audit::{AuditAction, SubjectKind};
use candor_api::recruiting::{ApiTokenInfo, Role};
use time::OffsetDateTime;

use super::audit::{Actor, audit_change};
use super::sql::{Backend, Row, Tx, Value, args};
use super::{ApiTokenId, CompanyId, SqlStore, StoreError, UserId};
use crate::clock::rfc3339;

/// A token being issued: what is kept of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedToken {
    pub role: Role,
    pub name: String,
    pub selector: String,
    pub verifier: Vec<u8>,
    /// The console user who made it, whose removal or demotion revokes it.
    pub created_by: Option<UserId>,
    pub created_at: OffsetDateTime,
}

/// An API token as stored: whose it is and what it may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenRecord {
    pub id: ApiTokenId,
    pub company: CompanyId,
    pub role: Role,
    pub verifier: Vec<u8>,
    pub revoked: bool,
}

#[async_trait]
pub trait TokenStore: Send + Sync {
    /// Stores a token; the answer lists it as `api_tokens` would. Kept in
    /// the audit log as made `by` them, by its name, with it.
    async fn create_api_token(
        &self,
        company: CompanyId,
        token: &IssuedToken,
        by: Option<&Actor>,
    ) -> Result<ApiTokenInfo, StoreError>;

    /// By the token's selector (the caller verifies the token).
    async fn api_token_by_selector(&self, selector: &str) -> Result<Option<ApiTokenRecord>, StoreError>;

    /// The company's tokens, newest first, revoked ones included.
    async fn api_tokens(&self, company: CompanyId) -> Result<Vec<ApiTokenInfo>, StoreError>;

    /// Revokes one of the company's tokens (a revoked one keeps its first
    /// revocation time); `NotFound` for another company's. Kept in the
    /// audit log as revoked `by` them, by its name, with the revocation: a
    /// token revoked already changes nothing and gets no second entry.
    async fn revoke_api_token(
        &self,
        company: CompanyId,
        id: ApiTokenId,
        at: OffsetDateTime,
        by: Option<&Actor>,
    ) -> Result<(), StoreError>;

    /// The secret stored under `name`; `candidate` becomes it if there is
    /// none yet (the first instance to start wins, the others read it).
    async fn secret(&self, name: &str, candidate: [u8; 32]) -> Result<[u8; 32], StoreError>;
}

macro_rules! select_token {
    ($filter:literal) => {
        concat!(
            "SELECT t.id, t.name, t.role, t.created_at, t.revoked_at, u.name FROM api_tokens t \
             LEFT JOIN users u ON u.id = t.created_by WHERE ",
            $filter
        )
    };
}

fn info_from(row: &Row) -> Result<ApiTokenInfo, StoreError> {
    let id: i64 = row.get(0)?;
    let role: String = row.get(2)?;
    Ok(ApiTokenInfo {
        id,
        name: row.get(1)?,
        role: Role::parse(&role).map_err(|_| StoreError::Corrupt(format!("api token {id}: role")))?,
        created_at: rfc3339(row.get(3)?),
        revoked_at: row.get::<Option<OffsetDateTime>>(4)?.map(rfc3339),
        made_by: row.get(5)?,
    })
}

#[async_trait]
impl<B: Backend> TokenStore for SqlStore<B> {
    async fn create_api_token(
        &self,
        company: CompanyId,
        token: &IssuedToken,
        by: Option<&Actor>,
    ) -> Result<ApiTokenInfo, StoreError> {
        self.run(Tx::Write, (company, token.clone(), by.cloned()), |c, (company, t, by)| {
            Box::pin(async move {
                // Made by a user of the same company, if by anyone.
                let sql = "INSERT INTO api_tokens (company_id, role, name, selector, verifier, created_at, created_by) \
                           SELECT id, $2, $3, $4, $5, $6, $7 FROM companies WHERE id = $1 \
                           AND (CAST($7 AS BIGINT) IS NULL OR EXISTS (SELECT 1 FROM users WHERE id = $7 AND company_id = $1)) \
                           RETURNING id";
                let args = args![*company, t.role.as_str(), &t.name, &t.selector, &t.verifier, t.created_at, t.created_by];
                let id: ApiTokenId = c.optional(sql, args).await?.ok_or(StoreError::NotFound)?.get(0)?;
                let subject = (SubjectKind::ApiToken, id.0);
                audit_change(c, *company, by.as_ref(), t.created_at, AuditAction::TokenMade, subject, t.name.clone())
                    .await?;
                info_from(&c.one(select_token!("t.id = $1"), args![id]).await?)
            })
        })
        .await
    }

    async fn api_token_by_selector(&self, selector: &str) -> Result<Option<ApiTokenRecord>, StoreError> {
        self.run(Tx::Auto, selector.to_owned(), |c, selector| {
            Box::pin(async move {
                let sql =
                    "SELECT company_id, role, verifier, revoked_at IS NOT NULL, id FROM api_tokens WHERE selector = $1";
                let Some(row) = c.optional(sql, args![selector]).await? else { return Ok(None) };
                let role: String = row.get(1)?;
                let role = Role::parse(&role).map_err(|_| StoreError::Corrupt(format!("api token role {role:?}")))?;
                Ok(Some(ApiTokenRecord {
                    id: row.get(4)?,
                    company: row.get(0)?,
                    role,
                    verifier: row.get(2)?,
                    revoked: row.get(3)?,
                }))
            })
        })
        .await
    }

    async fn api_tokens(&self, company: CompanyId) -> Result<Vec<ApiTokenInfo>, StoreError> {
        self.run(Tx::Auto, company, |c, company| {
            Box::pin(async move {
                c.all_as(select_token!("t.company_id = $1 ORDER BY t.id DESC"), args![*company], info_from).await
            })
        })
        .await
    }

    async fn revoke_api_token(
        &self,
        company: CompanyId,
        id: ApiTokenId,
        at: OffsetDateTime,
        by: Option<&Actor>,
    ) -> Result<(), StoreError> {
        self.run(Tx::Write, (company, id, at, by.cloned()), |c, (company, id, at, by)| {
            Box::pin(async move {
                let revoked = c
                    .optional(
                        "UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND company_id = $2 \
                         AND revoked_at IS NULL RETURNING name",
                        args![*id, *company, *at],
                    )
                    .await?;
                let Some(row) = revoked else {
                    let sql = "SELECT 1 FROM api_tokens WHERE id = $1 AND company_id = $2";
                    return c.optional(sql, args![*id, *company]).await?.map(|_| ()).ok_or(StoreError::NotFound);
                };
                let subject = (SubjectKind::ApiToken, id.0);
                audit_change(c, *company, by.as_ref(), *at, AuditAction::TokenRevoked, subject, row.get(0)?).await
            })
        })
        .await
    }

    async fn secret(&self, name: &str, candidate: [u8; 32]) -> Result<[u8; 32], StoreError> {
        self.run(Tx::Write, (name.to_owned(), candidate), |c, (name, candidate)| {
            Box::pin(async move {
                c.execute(
                    "INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    &[Value::from(name), Value::Bytes(candidate)],
                )
                .await?;
                let value: Vec<u8> =
                    c.one("SELECT value FROM server_secrets WHERE name = $1", args![name]).await?.get(0)?;
                value.try_into().map_err(|_| StoreError::Corrupt(format!("secret {name:?} is not 32 bytes")))
            })
        })
        .await
    }
}
