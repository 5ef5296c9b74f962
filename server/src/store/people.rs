//! The console's people: users with their roles, their sessions, and the
//! one-time links with which they set a password.

use async_trait::async_trait;
use candor_api::Locale;
use candor_api::audit::{AuditAction, SubjectKind};
use candor_api::recruiting::Role;
use time::OffsetDateTime;

use super::audit::{Actor, audit_change};
use super::mail::{NewMail, insert_mail};
use super::sql::{Backend, Conn, Row, Tx, args};
use super::{CompanyId, Conflict, SqlStore, StoreError, UserId};

#[derive(Debug, Clone, PartialEq)]
pub struct NewUser {
    pub company: CompanyId,
    /// Lowercase.
    pub email: String,
    pub name: String,
    pub role: Role,
    /// argon2id, PHC string; `None` until the person sets one.
    pub password_hash: Option<String>,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UserRecord {
    pub id: UserId,
    pub company: CompanyId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: Option<String>,
    /// The console's language they chose; `None` follows the company's default.
    pub locale: Option<Locale>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewPasswordLink {
    pub selector: String,
    pub verifier: Vec<u8>,
    pub user: UserId,
    pub expires_at: OffsetDateTime,
}

/// A set-password link with the person it is for.
#[derive(Debug, Clone, PartialEq)]
pub struct PasswordLinkRecord {
    pub verifier: Vec<u8>,
    pub expires_at: OffsetDateTime,
    pub user: UserRecord,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewSession {
    pub selector: String,
    pub verifier: Vec<u8>,
    pub user: UserId,
    pub csrf_token: String,
    pub expires_at: OffsetDateTime,
}

/// A console session with the person signed in.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRecord {
    pub verifier: Vec<u8>,
    pub csrf_token: String,
    pub expires_at: OffsetDateTime,
    pub user: UserRecord,
}

#[async_trait]
pub trait PeopleStore: Send + Sync {
    /// A console user; `Conflict::UserEmail` when the address is taken in
    /// that company (another company's use of it is no conflict). Kept in
    /// the audit log as invited `by` them, by name, with it.
    async fn create_user(&self, user: &NewUser, by: Option<&Actor>) -> Result<UserId, StoreError>;

    /// Who may be signing in with this address, compared in lowercase: one
    /// account per company that has it, in the order they were made. The
    /// one lookup of people without a company: the caller tells them apart
    /// by their passwords and the company the person names.
    async fn users_by_email(&self, email: &str) -> Result<Vec<UserRecord>, StoreError>;

    async fn user(&self, company: CompanyId, id: UserId) -> Result<Option<UserRecord>, StoreError>;

    /// The company's console users, by name.
    async fn users(&self, company: CompanyId) -> Result<Vec<UserRecord>, StoreError>;

    /// Gives the company's user `id` a role; `Conflict::LastAdmin` if that
    /// would leave the company without an admin, decided in a serialisable
    /// transaction so that two admins demoting each other can't both win.
    /// Tokens the user made with a role above the new one are revoked at `at`.
    /// Kept in the audit log as done `by` them, with the name and both
    /// roles as they were in this transaction.
    async fn set_user_role(
        &self,
        company: CompanyId,
        id: UserId,
        role: Role,
        at: OffsetDateTime,
        by: Option<&Actor>,
    ) -> Result<(), StoreError>;

    /// Removes the company's user `id` with their sessions and any
    /// set-password link, revoking the API tokens they made at `at`; never
    /// the company's last admin (as above). Kept in the audit log as done
    /// `by` them, by the name the person had, with the removal.
    async fn delete_user(
        &self,
        company: CompanyId,
        id: UserId,
        at: OffsetDateTime,
        by: Option<&Actor>,
    ) -> Result<(), StoreError>;

    /// The company's user `id` reads the console in `locale` from now on
    /// (`None`: in the company's default language); `NotFound` if the
    /// company has no such user.
    async fn set_user_locale(&self, company: CompanyId, id: UserId, locale: Option<Locale>) -> Result<(), StoreError>;

    /// Stores a set-password link for the company's user, replacing any
    /// earlier one, with the mail that brings it to them (both or neither),
    /// and kept in the audit log as made `by` them at `at`, by the user's name.
    async fn create_password_link(
        &self,
        company: CompanyId,
        link: &NewPasswordLink,
        mail: Option<&NewMail>,
        at: OffsetDateTime,
        by: Option<&Actor>,
    ) -> Result<(), StoreError>;

    /// By the link's selector (the caller verifies the link).
    async fn password_link(&self, selector: &str) -> Result<Option<PasswordLinkRecord>, StoreError>;

    /// Uses a link: sets its user's password, deletes the link and ends the
    /// user's sessions, all at once. `NotFound` if the link was used meanwhile.
    async fn use_password_link(&self, selector: &str, password_hash: &str) -> Result<(), StoreError>;

    async fn create_session(&self, session: &NewSession) -> Result<(), StoreError>;

    /// By the session cookie's selector (the caller verifies the cookie).
    async fn session(&self, selector: &str) -> Result<Option<SessionRecord>, StoreError>;

    async fn delete_session(&self, selector: &str) -> Result<(), StoreError>;
}

/// The user columns `user_from` reads, as `u`.
macro_rules! user_columns {
    () => {
        "u.id, u.company_id, u.email, u.name, u.role, u.password_hash, u.locale"
    };
}
pub(super) use user_columns;

/// Reads `user_columns!()` starting at column `at`.
fn user_from(row: &Row, at: usize) -> Result<UserRecord, StoreError> {
    let id: UserId = row.get(at)?;
    let role: String = row.get(at + 4)?;
    let role = Role::parse(&role).map_err(|_| StoreError::Corrupt(format!("user {}: role {role:?}", id.0)))?;
    Ok(UserRecord {
        id,
        company: row.get(at + 1)?,
        email: row.get(at + 2)?,
        name: row.get(at + 3)?,
        role,
        password_hash: row.get(at + 5)?,
        locale: match row.get::<Option<String>>(at + 6)? {
            None => None,
            Some(tag) => {
                Some(Locale::parse(&tag).map_err(|_| StoreError::Corrupt(format!("user {}: locale {tag:?}", id.0)))?)
            }
        },
    })
}

/// A row of `user_columns!()` alone.
pub(super) fn user_row(row: &Row) -> Result<UserRecord, StoreError> {
    user_from(row, 0)
}

/// After a change to user `id` of `company` that changed no row: either
/// there is no such user, or the change would have removed the last admin.
async fn refused(c: &mut dyn Conn, company: CompanyId, id: UserId) -> StoreError {
    let sql = "SELECT EXISTS (SELECT 1 FROM users WHERE id = $1 AND company_id = $2)";
    match c.one(sql, args![id, company]).await.map_err(StoreError::from).and_then(|row| row.get::<bool>(0)) {
        Ok(true) => Conflict::LastAdmin.into(),
        Ok(false) => StoreError::NotFound,
        Err(e) => e,
    }
}

/// Whether another admin of the company remains besides user `$1` of company `$2`.
macro_rules! another_admin_remains {
    () => {
        "EXISTS (SELECT 1 FROM users o WHERE o.company_id = $2 AND o.role = 'admin' AND o.id <> $1)"
    };
}

#[async_trait]
impl<B: Backend> PeopleStore for SqlStore<B> {
    async fn create_user(&self, user: &NewUser, by: Option<&Actor>) -> Result<UserId, StoreError> {
        self.run(Tx::Write, (user.clone(), by.cloned()), |c, (u, by)| {
            Box::pin(async move {
                let id: UserId = c
                    .one(
                        "INSERT INTO users (company_id, email, name, role, password_hash, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                        args![
                            u.company,
                            u.email.to_lowercase(),
                            &u.name,
                            u.role.as_str(),
                            u.password_hash.as_ref(),
                            u.created_at
                        ],
                    )
                    .await
                    .map_err(|e| e.unique_as(Conflict::UserEmail))?
                    .get(0)?;
                let subject = (SubjectKind::Person, id.0);
                audit_change(
                    c,
                    u.company,
                    by.as_ref(),
                    u.created_at,
                    AuditAction::PersonInvited,
                    subject,
                    u.name.clone(),
                )
                .await?;
                Ok(id)
            })
        })
        .await
    }

    async fn users_by_email(&self, email: &str) -> Result<Vec<UserRecord>, StoreError> {
        self.run(Tx::Auto, email.to_lowercase(), |c, email| {
            Box::pin(async move {
                let sql = concat!("SELECT ", user_columns!(), " FROM users u WHERE u.email = $1 ORDER BY u.id");
                c.all_as(sql, args![email], user_row).await
            })
        })
        .await
    }

    async fn user(&self, company: CompanyId, id: UserId) -> Result<Option<UserRecord>, StoreError> {
        self.run(Tx::Auto, (company, id), |c, (company, id)| {
            Box::pin(async move {
                let sql = concat!("SELECT ", user_columns!(), " FROM users u WHERE u.id = $1 AND u.company_id = $2");
                c.optional_as(sql, args![*id, *company], user_row).await
            })
        })
        .await
    }

    async fn users(&self, company: CompanyId) -> Result<Vec<UserRecord>, StoreError> {
        let mut users = self
            .run(Tx::Auto, company, |c, company| {
                Box::pin(async move {
                    let sql = concat!("SELECT ", user_columns!(), " FROM users u WHERE u.company_id = $1");
                    c.all_as(sql, args![*company], user_row).await
                })
            })
            .await?;
        // Sorted here, not by the database: its collation differs per backend.
        users.sort_by_key(|u| (u.name.to_lowercase(), u.id));
        Ok(users)
    }

    async fn set_user_role(
        &self,
        company: CompanyId,
        id: UserId,
        role: Role,
        at: OffsetDateTime,
        by: Option<&Actor>,
    ) -> Result<(), StoreError> {
        self.run(Tx::Serializable, (company, id, role, at, by.cloned()), |c, (company, id, role, at, by)| {
            Box::pin(async move {
                // As the person was, for the entry.
                let sql = "SELECT name, role FROM users WHERE id = $1 AND company_id = $2";
                let Some(before) = c.optional(sql, args![*id, *company]).await? else {
                    return Err(StoreError::NotFound);
                };
                let (name, was): (String, String) = (before.get(0)?, before.get(1)?);
                let changed = c
                    .execute(
                        concat!(
                            "UPDATE users SET role = $3 WHERE id = $1 AND company_id = $2 ",
                            "AND ($3 = 'admin' OR role <> 'admin' OR ",
                            another_admin_remains!(),
                            ")"
                        ),
                        args![*id, *company, role.as_str()],
                    )
                    .await?;
                if changed == 0 {
                    return Err(refused(c, *company, *id).await);
                }
                for above in Role::ALL.iter().filter(|r| *r > role) {
                    c.execute(
                        "UPDATE api_tokens SET revoked_at = $3 WHERE created_by = $1 AND company_id = $4 \
                         AND role = $2 AND revoked_at IS NULL",
                        args![*id, above.as_str(), *at, *company],
                    )
                    .await?;
                }
                let label = format!("{name}: {was} → {}", role.as_str());
                audit_change(
                    c,
                    *company,
                    by.as_ref(),
                    *at,
                    AuditAction::RoleChanged,
                    (SubjectKind::Person, id.0),
                    label,
                )
                .await
            })
        })
        .await
    }

    async fn delete_user(
        &self,
        company: CompanyId,
        id: UserId,
        at: OffsetDateTime,
        by: Option<&Actor>,
    ) -> Result<(), StoreError> {
        self.run(Tx::Serializable, (company, id, at, by.cloned()), |c, (company, id, at, by)| {
            Box::pin(async move {
                c.execute(
                    "UPDATE api_tokens SET revoked_at = $3 WHERE created_by = $1 AND company_id = $2 \
                     AND revoked_at IS NULL",
                    args![*id, *company, *at],
                )
                .await?;
                let removed = c
                    .optional(
                        concat!(
                            "DELETE FROM users WHERE id = $1 AND company_id = $2 AND (role <> 'admin' OR ",
                            another_admin_remains!(),
                            ") RETURNING name"
                        ),
                        args![*id, *company],
                    )
                    .await?;
                let Some(removed) = removed else {
                    // The error rolls the revocations back too.
                    return Err(refused(c, *company, *id).await);
                };
                let subject = (SubjectKind::Person, id.0);
                audit_change(c, *company, by.as_ref(), *at, AuditAction::PersonRemoved, subject, removed.get(0)?).await
            })
        })
        .await
    }

    async fn set_user_locale(&self, company: CompanyId, id: UserId, locale: Option<Locale>) -> Result<(), StoreError> {
        self.run(Tx::Auto, (company, id, locale), |c, (company, id, locale)| {
            Box::pin(async move {
                let changed = c
                    .execute(
                        "UPDATE users SET locale = $3 WHERE id = $1 AND company_id = $2",
                        args![*id, *company, locale.map(Locale::tag)],
                    )
                    .await?;
                if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
            })
        })
        .await
    }

    async fn create_password_link(
        &self,
        company: CompanyId,
        link: &NewPasswordLink,
        mail: Option<&NewMail>,
        at: OffsetDateTime,
        by: Option<&Actor>,
    ) -> Result<(), StoreError> {
        let data = (company, link.clone(), mail.cloned(), at, by.cloned());
        self.run(Tx::Write, data, |c, (company, l, mail, at, by)| {
            Box::pin(async move {
                let stored = c
                    .execute(
                        "INSERT INTO password_links (selector, verifier, user_id, expires_at) \
                         SELECT $1, $2, id, $4 FROM users WHERE id = $3 AND company_id = $5 \
                         ON CONFLICT (user_id) DO UPDATE SET selector = excluded.selector, \
                         verifier = excluded.verifier, expires_at = excluded.expires_at",
                        args![&l.selector, &l.verifier, l.user, l.expires_at, *company],
                    )
                    .await?;
                if stored == 0 {
                    return Err(StoreError::NotFound);
                }
                if let Some(mail) = mail {
                    insert_mail(c, mail, None).await?;
                }
                let name: String = c.one("SELECT name FROM users WHERE id = $1", args![l.user]).await?.get(0)?;
                let subject = (SubjectKind::Person, l.user.0);
                audit_change(c, *company, by.as_ref(), *at, AuditAction::PasswordLinkMade, subject, name).await
            })
        })
        .await
    }

    async fn password_link(&self, selector: &str) -> Result<Option<PasswordLinkRecord>, StoreError> {
        self.run(Tx::Auto, selector.to_owned(), |c, selector| {
            Box::pin(async move {
                let sql = concat!(
                    "SELECT l.verifier, l.expires_at, ",
                    user_columns!(),
                    " FROM password_links l JOIN users u ON u.id = l.user_id WHERE l.selector = $1"
                );
                let Some(row) = c.optional(sql, args![selector]).await? else { return Ok(None) };
                Ok(Some(PasswordLinkRecord {
                    verifier: row.get(0)?,
                    expires_at: row.get(1)?,
                    user: user_from(&row, 2)?,
                }))
            })
        })
        .await
    }

    async fn use_password_link(&self, selector: &str, password_hash: &str) -> Result<(), StoreError> {
        self.run(Tx::Write, (selector.to_owned(), password_hash.to_owned()), |c, (selector, hash)| {
            Box::pin(async move {
                let sql = "DELETE FROM password_links WHERE selector = $1 RETURNING user_id";
                let Some(row) = c.optional(sql, args![selector]).await? else { return Err(StoreError::NotFound) };
                let user: UserId = row.get(0)?;
                c.execute("UPDATE users SET password_hash = $2 WHERE id = $1", args![user, hash]).await?;
                c.execute("DELETE FROM sessions WHERE user_id = $1", args![user]).await?;
                Ok(())
            })
        })
        .await
    }

    async fn create_session(&self, session: &NewSession) -> Result<(), StoreError> {
        self.run(Tx::Auto, session.clone(), |c, s| {
            Box::pin(async move {
                c.execute(
                    "INSERT INTO sessions (selector, verifier, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4, $5)",
                    args![&s.selector, &s.verifier, s.user, &s.csrf_token, s.expires_at],
                )
                .await?;
                Ok(())
            })
        })
        .await
    }

    async fn session(&self, selector: &str) -> Result<Option<SessionRecord>, StoreError> {
        self.run(Tx::Auto, selector.to_owned(), |c, selector| {
            Box::pin(async move {
                let sql = concat!(
                    "SELECT s.verifier, s.csrf_token, s.expires_at, ",
                    user_columns!(),
                    " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.selector = $1"
                );
                let Some(row) = c.optional(sql, args![selector]).await? else { return Ok(None) };
                Ok(Some(SessionRecord {
                    verifier: row.get(0)?,
                    csrf_token: row.get(1)?,
                    expires_at: row.get(2)?,
                    user: user_from(&row, 3)?,
                }))
            })
        })
        .await
    }

    async fn delete_session(&self, selector: &str) -> Result<(), StoreError> {
        self.run(Tx::Auto, selector.to_owned(), |c, selector| {
            Box::pin(async move {
                c.execute("DELETE FROM sessions WHERE selector = $1", args![selector]).await?;
                Ok(())
            })
        })
        .await
    }
}
