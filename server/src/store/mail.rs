//! The outbox: every mail Candor sends, kept whole from the moment the
//! event it tells of is stored (in that same transaction, see
//! `applications.rs`) until a sender records the mail server's answer.
//!
//! Delivery is at least once: a sender leases the mails it takes
//! (`due_mails`), so two instances never send one mail at the same time,
//! and a sender that died mid-send leaves a lease that runs out, after
//! which the mail goes again, the very same message with the same
//! `Message-ID`, which receiving servers and clients collapse.

use std::time::Duration;

use async_trait::async_trait;
use candor_api::Locale;
use candor_api::mail::{MailKind, MailState};
use time::OffsetDateTime;

use super::sql::{Backend, Conn, Row, Tx, args};
use super::{ApplicationId, CompanyId, QuestionId, SqlStore, StoreError, UserId};

/// A mail composed and ready to keep.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMail {
    pub company: CompanyId,
    /// The application it tells of; for the mail that acknowledges a new
    /// application, the store fills in the id it gives.
    pub application: Option<ApplicationId>,
    pub question: Option<QuestionId>,
    pub user: Option<UserId>,
    pub kind: MailKind,
    pub recipient: String,
    pub locale: Locale,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    /// With its angle brackets, as in the header.
    pub message_id: String,
    /// The whole message as it is sent, every time.
    pub raw: Vec<u8>,
    /// For a mail that may exist only once: a second one with this key is
    /// not kept.
    pub once_key: Option<String>,
    pub created_at: OffsetDateTime,
}

/// A mail a sender has taken to deliver.
#[derive(Debug, Clone, PartialEq)]
pub struct DueMail {
    pub id: i64,
    pub kind: MailKind,
    pub recipient: String,
    pub raw: Vec<u8>,
    /// Including the one now being made.
    pub attempts: u32,
}

/// A kept mail as the console and the demo mailbox read it.
#[derive(Debug, Clone, PartialEq)]
pub struct MailRecord {
    pub id: i64,
    pub application: Option<ApplicationId>,
    pub question: Option<QuestionId>,
    pub kind: MailKind,
    pub recipient: String,
    pub locale: Locale,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub message_id: String,
    pub created_at: OffsetDateTime,
    pub state: MailState,
    pub attempts: u32,
    pub last_attempt_at: Option<OffsetDateTime>,
    pub last_answer: String,
    pub sent_at: Option<OffsetDateTime>,
}

/// How a delivery attempt ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Delivery {
    /// The server accepted it, with these words.
    Sent(String),
    /// It failed and is tried again at this time.
    Retry(String, OffsetDateTime),
    /// It failed for good.
    Failed(String),
}

#[async_trait]
pub trait MailStore: Send + Sync {
    /// Keeps a mail that tells of no event (the links an address asked
    /// for, a set-password link, a digest). `false` when one with its
    /// `once_key` is kept already.
    async fn enqueue_mail(&self, mail: &NewMail) -> Result<bool, StoreError>;

    /// Takes up to `limit` mails whose time has come, for `lease`: for
    /// every company, as the one sender does its work for all.
    async fn due_mails(&self, now: OffsetDateTime, lease: Duration, limit: u32) -> Result<Vec<DueMail>, StoreError>;

    /// Records how an attempt ended, and gives the lease back.
    async fn record_delivery(&self, id: i64, at: OffsetDateTime, delivery: &Delivery) -> Result<(), StoreError>;

    /// Gives back the lease of mails taken but not tried (the sender is
    /// stopping), uncounting the try, so that another sender takes them now
    /// rather than once the lease runs out.
    async fn release_mails(&self, ids: &[i64]) -> Result<(), StoreError>;

    /// The company's mails, newest first: up to `limit` before the id
    /// `before` (for the next page).
    async fn outbox(&self, company: CompanyId, before: Option<i64>, limit: u32) -> Result<Vec<MailRecord>, StoreError>;

    async fn outbox_mail(&self, company: CompanyId, id: i64) -> Result<Option<MailRecord>, StoreError>;

    /// Puts a mail back in line to be sent now, the same message again.
    async fn resend_mail(&self, company: CompanyId, id: i64, at: OffsetDateTime) -> Result<(), StoreError>;

    /// Whether the candidate still wants the mails that are not essential.
    async fn set_mail_updates(&self, company: CompanyId, id: ApplicationId, wanted: bool) -> Result<(), StoreError>;

    // Missed promises (issue 12, item 4).

    /// The company's missed-promise mails that were not given up: for each,
    /// its application, its `once_key` (which names the promised date) and
    /// when it was written.
    async fn late_mails(&self, company: CompanyId) -> Result<Vec<(ApplicationId, String, OffsetDateTime)>, StoreError>;
}

/// Keeps `mail` on the connection of the caller's transaction, for
/// `application` if it names none itself. `false` if its `once_key` was taken.
pub(super) async fn insert_mail(
    c: &mut dyn Conn,
    mail: &NewMail,
    application: Option<ApplicationId>,
) -> Result<bool, StoreError> {
    // ON CONFLICT rather than catching the violation: on PostgreSQL a
    // failed statement would end the caller's transaction with it.
    let kept = c
        .execute(
            "INSERT INTO outbox (company_id, application_id, question_id, user_id, kind, essential, recipient, locale, \
             subject, text_body, html_body, message_id, raw, once_key, created_at, state, next_attempt_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'pending', $15) \
             ON CONFLICT (once_key) DO NOTHING",
            &[
                mail.company.into(),
                mail.application.or(application).into(),
                mail.question.into(),
                mail.user.into(),
                mail.kind.as_str().into(),
                mail.kind.is_essential().into(),
                (&mail.recipient).into(),
                mail.locale.tag().into(),
                (&mail.subject).into(),
                (&mail.text_body).into(),
                (&mail.html_body).into(),
                (&mail.message_id).into(),
                (&mail.raw).into(),
                mail.once_key.as_ref().into(),
                mail.created_at.into(),
            ],
        )
        .await?;
    Ok(kept == 1)
}

const MAIL_COLUMNS: &str = "id, application_id, question_id, kind, recipient, locale, subject, text_body, html_body, \
                            message_id, created_at, state, attempts, last_attempt_at, last_answer, sent_at";

fn mail_from(row: &Row) -> Result<MailRecord, StoreError> {
    let id: i64 = row.get(0)?;
    let corrupt = |what: &str| StoreError::Corrupt(format!("mail {id}: {what}"));
    let kind: String = row.get(3)?;
    let locale: String = row.get(5)?;
    let state: String = row.get(11)?;
    Ok(MailRecord {
        id,
        application: row.get(1)?,
        question: row.get(2)?,
        kind: MailKind::parse(&kind).ok_or_else(|| corrupt("kind"))?,
        recipient: row.get(4)?,
        locale: Locale::parse(&locale).map_err(|_| corrupt("locale"))?,
        subject: row.get(6)?,
        text_body: row.get(7)?,
        html_body: row.get(8)?,
        message_id: row.get(9)?,
        created_at: row.get(10)?,
        state: MailState::parse(&state).ok_or_else(|| corrupt("state"))?,
        attempts: row.get(12)?,
        last_attempt_at: row.get(13)?,
        last_answer: row.get(14)?,
        sent_at: row.get(15)?,
    })
}

#[async_trait]
impl<B: Backend> MailStore for SqlStore<B> {
    async fn enqueue_mail(&self, mail: &NewMail) -> Result<bool, StoreError> {
        self.run(Tx::Auto, mail.clone(), |c, mail| Box::pin(async move { insert_mail(c, mail, None).await })).await
    }

    async fn due_mails(&self, now: OffsetDateTime, lease: Duration, limit: u32) -> Result<Vec<DueMail>, StoreError> {
        let until = now + lease;
        self.run(Tx::Write, (now, until, limit), |c, (now, until, limit)| {
            Box::pin(async move {
                // The outer conditions again: on PostgreSQL a row another
                // sender leased meanwhile is checked anew and skipped.
                let rows = c
                    .query(
                        "UPDATE outbox SET lease_until = $2, attempts = attempts + 1, last_attempt_at = $1 \
                         WHERE id IN (SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= $1 \
                         AND (lease_until IS NULL OR lease_until <= $1) ORDER BY id LIMIT $3) \
                         AND state = 'pending' AND (lease_until IS NULL OR lease_until <= $1) \
                         RETURNING id, kind, recipient, raw, attempts",
                        args![*now, *until, *limit],
                    )
                    .await?;
                let mut due = rows
                    .iter()
                    .map(|row| {
                        let id: i64 = row.get(0)?;
                        let kind: String = row.get(1)?;
                        Ok(DueMail {
                            id,
                            kind: MailKind::parse(&kind)
                                .ok_or_else(|| StoreError::Corrupt(format!("mail {id}: kind")))?,
                            recipient: row.get(2)?,
                            raw: row.get(3)?,
                            attempts: row.get(4)?,
                        })
                    })
                    .collect::<Result<Vec<_>, StoreError>>()?;
                due.sort_by_key(|m| m.id);
                Ok(due)
            })
        })
        .await
    }

    async fn record_delivery(&self, id: i64, at: OffsetDateTime, delivery: &Delivery) -> Result<(), StoreError> {
        self.run(Tx::Auto, (id, at, delivery.clone()), |c, (id, at, delivery)| {
            Box::pin(async move {
                let (state, answer, next) = match delivery {
                    Delivery::Sent(answer) => (MailState::Sent, answer, None),
                    Delivery::Retry(answer, next) => (MailState::Pending, answer, Some(*next)),
                    Delivery::Failed(answer) => (MailState::Failed, answer, None),
                };
                c.execute(
                    "UPDATE outbox SET state = $2, last_answer = $3, lease_until = NULL, \
                     next_attempt_at = COALESCE($4, next_attempt_at), \
                     sent_at = CASE WHEN $2 = 'sent' THEN $5 ELSE sent_at END WHERE id = $1",
                    args![*id, state.as_str(), answer.as_str(), next, *at],
                )
                .await?;
                Ok(())
            })
        })
        .await
    }

    async fn release_mails(&self, ids: &[i64]) -> Result<(), StoreError> {
        self.run(Tx::Write, ids.to_vec(), |c, ids| {
            Box::pin(async move {
                for id in ids.iter() {
                    c.execute(
                        "UPDATE outbox SET lease_until = NULL, attempts = attempts - 1 \
                         WHERE id = $1 AND state = 'pending' AND lease_until IS NOT NULL AND attempts > 0",
                        args![*id],
                    )
                    .await?;
                }
                Ok(())
            })
        })
        .await
    }

    async fn outbox(&self, company: CompanyId, before: Option<i64>, limit: u32) -> Result<Vec<MailRecord>, StoreError> {
        self.run(Tx::Auto, (company, before, limit), |c, (company, before, limit)| {
            Box::pin(async move {
                let sql = format!(
                    "SELECT {MAIL_COLUMNS} FROM outbox WHERE company_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR id < $2) \
                     ORDER BY id DESC LIMIT $3"
                );
                c.all_as(&sql, args![*company, *before, *limit], mail_from).await
            })
        })
        .await
    }

    async fn outbox_mail(&self, company: CompanyId, id: i64) -> Result<Option<MailRecord>, StoreError> {
        self.run(Tx::Auto, (company, id), |c, (company, id)| {
            Box::pin(async move {
                let sql = format!("SELECT {MAIL_COLUMNS} FROM outbox WHERE company_id = $1 AND id = $2");
                c.optional_as(&sql, args![*company, *id], mail_from).await
            })
        })
        .await
    }

    async fn resend_mail(&self, company: CompanyId, id: i64, at: OffsetDateTime) -> Result<(), StoreError> {
        self.run(Tx::Auto, (company, id, at), |c, (company, id, at)| {
            Box::pin(async move {
                let changed = c
                    .execute(
                        "UPDATE outbox SET state = 'pending', next_attempt_at = $3, lease_until = NULL, attempts = 0 \
                         WHERE company_id = $1 AND id = $2",
                        args![*company, *id, *at],
                    )
                    .await?;
                if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
            })
        })
        .await
    }

    async fn set_mail_updates(&self, company: CompanyId, id: ApplicationId, wanted: bool) -> Result<(), StoreError> {
        self.run(Tx::Auto, (company, id, wanted), |c, (company, id, wanted)| {
            Box::pin(async move {
                let changed = c
                    .execute(
                        "UPDATE applications SET mail_updates = $3 WHERE company_id = $1 AND id = $2",
                        args![*company, *id, *wanted],
                    )
                    .await?;
                if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
            })
        })
        .await
    }

    async fn late_mails(&self, company: CompanyId) -> Result<Vec<(ApplicationId, String, OffsetDateTime)>, StoreError> {
        self.run(Tx::Auto, company, |c, company| {
            Box::pin(async move {
                c.all_as(
                    "SELECT application_id, once_key, created_at FROM outbox WHERE company_id = $1 \
                     AND kind = 'promise_late' AND state <> 'failed' AND application_id IS NOT NULL \
                     AND once_key IS NOT NULL ORDER BY id",
                    args![*company],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )
                .await
            })
        })
        .await
    }
}
