//! Applications: what a candidate sent, its append-only history of events
//! (the current state is derived from it, in `candor_api::timeline`), its
//! CV, and the erasure of the personal data in it.

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use candor_api::apply::Answer;
use candor_api::audit::{ActorKind, AuditAction, SubjectKind};
use candor_api::cv::CvInfo;
use candor_api::profile::Profile;
use candor_api::timeline::{Event, EventKind};
use candor_api::{Day, Locale};
use time::OffsetDateTime;

use super::audit::{Actor, audit_change};
use super::mail::{NewMail, insert_mail};
use super::sql::{Backend, Dialect, Json, Row, Tx, Value, args};
use super::{ApplicationId, CompanyId, Conflict, PostingId, SqlStore, StoreError};
use crate::clock::rfc3339;

/// A validated submission, ready to be stored with its first event.
#[derive(Debug, Clone)]
pub struct NewApplication {
    pub company: CompanyId,
    pub posting: PostingId,
    pub token_selector: String,
    pub token_verifier: Vec<u8>,
    pub idempotency_key: String,
    pub request_digest: Vec<u8>,
    /// Lowercased: one application per address and posting, whatever its case.
    pub email_key: String,
    pub profile: Profile,
    pub answers: Vec<Answer>,
    pub talent_pool: bool,
    pub locale: Locale,
    pub received: NewEvent,
    /// The acknowledgement, kept in the same transaction (its application
    /// is the new one).
    pub received_mail: Option<NewMail>,
    /// The notes to the company's people who asked for one, kept in the
    /// same transaction too: they link to the new application, so they are
    /// made once its id is known.
    pub arrival_mails: MailsForId,
}

/// Mails made from the id the store gives a new row, inside the
/// transaction that keeps it: the row and its mails are kept together.
#[derive(Clone, Default)]
pub struct MailsForId(Option<Arc<dyn Fn(ApplicationId) -> Vec<NewMail> + Send + Sync>>);

impl MailsForId {
    pub fn new(make: impl Fn(ApplicationId) -> Vec<NewMail> + Send + Sync + 'static) -> Self {
        MailsForId(Some(Arc::new(make)))
    }

    fn make(&self, id: ApplicationId) -> Vec<NewMail> {
        self.0.as_ref().map(|make| make(id)).unwrap_or_default()
    }
}

impl std::fmt::Debug for MailsForId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "MailsForId(..)" } else { "MailsForId(none)" })
    }
}

/// An event to append; its sequence number is the store's to give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub at: OffsetDateTime,
    pub on: Day,
    pub kind: EventKind,
    pub message: String,
    pub promised: Option<Day>,
}

impl NewEvent {
    /// The event as stored under `seq`.
    fn stored(&self, seq: u64) -> Event {
        Event {
            seq,
            at: rfc3339(self.at),
            on: self.on,
            kind: self.kind.clone(),
            message: self.message.clone(),
            promised: self.promised,
        }
    }
}

/// What storing a submission did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Submitted {
    New(ApplicationId),
    /// The same submission (same idempotency key and content) came before.
    Retry(ApplicationId),
}

/// An application as the server knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ApplicationRecord {
    pub id: ApplicationId,
    pub company: CompanyId,
    pub posting: PostingId,
    pub token_verifier: Vec<u8>,
    /// `None` once the candidate erased their data.
    pub profile: Option<Profile>,
    pub answers: Option<Vec<Answer>>,
    pub talent_pool: bool,
    pub locale: Locale,
    /// What the status token is derived from (with the posting), so that
    /// a mail can carry the link again without the token being stored.
    pub idempotency_key: String,
    /// Whether the candidate still wants the mails that are not essential.
    pub mail_updates: bool,
}

#[async_trait]
pub trait ApplicationStore: Send + Sync {
    /// Stores an application and its `Received` event in one transaction.
    /// A retry (same posting, idempotency key and digest) finds the first;
    /// the same key with other content is `Conflict::IdempotencyKey`; a
    /// second application from one address is `Conflict::ApplicationEmail`.
    async fn submit_application(&self, application: &NewApplication) -> Result<Submitted, StoreError>;

    /// By its status token's selector (the caller verifies the token).
    async fn application_by_selector(&self, selector: &str) -> Result<Option<ApplicationRecord>, StoreError>;

    async fn application(&self, company: CompanyId, id: ApplicationId)
    -> Result<Option<ApplicationRecord>, StoreError>;

    /// A posting's applications, oldest first, each with its history.
    async fn applications_of_posting(
        &self,
        company: CompanyId,
        posting: PostingId,
    ) -> Result<Vec<(ApplicationRecord, Vec<Event>)>, StoreError>;

    /// The company's applications from this (lowercased) address, oldest
    /// first, each with its history: for "Lost your link?". Erased ones
    /// have no address any more and are not found.
    async fn applications_by_email(
        &self,
        company: CompanyId,
        email: &str,
    ) -> Result<Vec<(ApplicationRecord, Vec<Event>)>, StoreError>;

    /// The history in `seq` order.
    async fn application_events(&self, company: CompanyId, id: ApplicationId) -> Result<Vec<Event>, StoreError>;

    /// Appends `event` as number `seq`, which the caller read as the next
    /// free one: if another writer took it first, `Conflict::EventNumber`
    /// and nothing is written, so no action is applied on a stale view.
    /// The mail that tells the candidate of it is kept in the same
    /// transaction: both or neither.
    async fn append_event(
        &self,
        company: CompanyId,
        id: ApplicationId,
        seq: u64,
        event: &NewEvent,
        mail: Option<&NewMail>,
    ) -> Result<Event, StoreError>;

    /// Removes the candidate's personal data (profile, answers, address and
    /// every message text) and retires the status token; the bare history
    /// (kinds and dates) stays for the company's figures. All or nothing,
    /// with its audit entry: erased `by` the candidate, or anonymised by
    /// Candor (retention), labelled by its posting's title. `NotFound` if
    /// there is no such application or it was erased already.
    async fn erase_application(
        &self,
        company: CompanyId,
        id: ApplicationId,
        at: OffsetDateTime,
        by: Option<&Actor>,
    ) -> Result<(), StoreError>;

    /// Stores (or replaces) the application's CV.
    async fn put_cv(
        &self,
        company: CompanyId,
        id: ApplicationId,
        file_name: &str,
        content: &[u8],
        at: OffsetDateTime,
    ) -> Result<(), StoreError>;

    async fn cv(&self, company: CompanyId, id: ApplicationId) -> Result<Option<(CvInfo, Vec<u8>)>, StoreError>;

    async fn cv_info(&self, company: CompanyId, id: ApplicationId) -> Result<Option<CvInfo>, StoreError>;

    /// How many of the company's applications were closed with exactly `message`.
    async fn closings_with_message(&self, company: CompanyId, message: &str) -> Result<u64, StoreError>;
    // Missed promises and the stop link (issue 12, mail).

    /// The applications that may be owed an apology for a missed promise,
    /// each with its history, for every company (the sweep works for all):
    /// their latest promised date is in `[since, today)`, no apology was
    /// written since that promise was made, their company has the mail
    /// on and the candidate still wants updates (and has not erased their
    /// data). Whether one is owed is `candor_api::inbox::late_promise`'s
    /// to say: this only narrows the search, along the promised-date index.
    async fn late_promise_candidates(
        &self,
        today: Day,
        since: Day,
    ) -> Result<Vec<(ApplicationRecord, Vec<Event>)>, StoreError>;

    /// An application by its id alone, for the stop link (`/mail/stop`):
    /// that link carries the id and a keyed hash of it, which the caller
    /// verifies (`Mailer::stop_code_opens`) before it acts, as with the
    /// selector of any other secret. It only ever stops mail.
    async fn application_for_stop_link(&self, id: ApplicationId) -> Result<Option<ApplicationRecord>, StoreError>;

    /// Every application that ended (closed or withdrawn) and still holds
    /// personal data, for every company (the retention job works for all),
    /// with what decides whether it may still be kept:
    /// `candor_api::privacy::retention_over` says.
    async fn ended_applications(&self) -> Result<Vec<EndedApplication>, StoreError>;

    /// The candidate leaves the company's talent pool (from their status
    /// page); their application itself is unchanged.
    async fn leave_talent_pool(&self, company: CompanyId, id: ApplicationId) -> Result<(), StoreError>;

    /// The company's applications whose candidates joined its talent pool
    /// and still hold their data, newest first, each with the day its
    /// consent was given (when it applied, or last renewed it). Whether a consent still lasts is
    /// `candor_api::privacy::pool_consent_lasts`'s to say.
    async fn talent_pool(&self, company: CompanyId) -> Result<Vec<(ApplicationRecord, Day)>, StoreError>;
}

/// An ended application as the retention job weighs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndedApplication {
    pub company: CompanyId,
    pub id: ApplicationId,
    /// The company's retention period now.
    pub retention_days: u32,
    /// The day its talent-pool consent was given (or last renewed), while
    /// it is in the pool; `None` if not.
    pub pool_consent_on: Option<Day>,
    /// The day of its last outcome or withdrawal.
    pub ended_on: Day,
}

macro_rules! select_application {
    ($filter:literal) => {
        concat!(
            "SELECT id, company_id, posting_id, token_verifier, profile, answers, talent_pool, locale, \
             idempotency_key, mail_updates FROM applications WHERE ",
            $filter
        )
    };
}

pub(super) fn application_from(row: &Row) -> Result<ApplicationRecord, StoreError> {
    let id: ApplicationId = row.get(0)?;
    let locale: String = row.get(7)?;
    Ok(ApplicationRecord {
        id,
        company: row.get(1)?,
        posting: row.get(2)?,
        token_verifier: row.get(3)?,
        profile: row.get::<Option<Json<Profile>>>(4)?.map(|Json(p)| p),
        answers: row.get::<Option<Json<Vec<Answer>>>>(5)?.map(|Json(a)| a),
        talent_pool: row.get(6)?,
        locale: Locale::parse(&locale).map_err(|_| StoreError::Corrupt(format!("application {}: locale", id.0)))?,
        idempotency_key: row.get(8)?,
        mail_updates: row.get(9)?,
    })
}

/// Application rows (`select_application!`) each with its history, from
/// event rows that carry their application's id as a seventh column.
fn with_histories(applications: &[Row], events: &[Row]) -> Result<Vec<(ApplicationRecord, Vec<Event>)>, StoreError> {
    let mut histories: HashMap<ApplicationId, Vec<Event>> = HashMap::new();
    for row in events {
        histories.entry(row.get(6)?).or_default().push(event_from(row)?);
    }
    applications
        .iter()
        .map(|row| {
            let application = application_from(row)?;
            let history = histories.remove(&application.id).unwrap_or_default();
            Ok((application, history))
        })
        .collect()
}

/// Reads the event columns `seq, at, on_day, kind, message, promised`.
fn event_from(row: &Row) -> Result<Event, StoreError> {
    let Json(kind) = row.get(3)?;
    Ok(Event {
        seq: row.get(0)?,
        at: rfc3339(row.get(1)?),
        on: row.get(2)?,
        kind,
        message: row.get(4)?,
        promised: row.get(5)?,
    })
}

/// The arguments of `INSERT_EVENT` after the application's id and number.
fn event_values(event: &NewEvent) -> Result<[Value<'_>; 5], StoreError> {
    Ok([
        Value::from(event.at),
        Value::from(event.on),
        Value::json(&event.kind)?,
        Value::from(&event.message),
        Value::from(event.promised),
    ])
}

const INSERT_EVENT: &str = "INSERT INTO application_events (application_id, seq, at, on_day, kind, message, promised) \
     VALUES ($1, $2, $3, $4, $5, $6, $7)";

/// The columns `application_from` reads, in its order, of `a`.
pub(super) const APPLICATION_COLUMNS: &str = "a.id, a.company_id, a.posting_id, a.token_verifier, a.profile, a.answers, \
                                   a.talent_pool, a.locale, a.idempotency_key, a.mail_updates";

#[async_trait]
impl<B: Backend> ApplicationStore for SqlStore<B> {
    async fn submit_application(&self, application: &NewApplication) -> Result<Submitted, StoreError> {
        self.run(Tx::Write, application.clone(), |c, a| {
            Box::pin(async move {
                // Retries of one submission take turns, so that none of them
                // misses the row another is writing: on SQLite the write lock
                // taken at BEGIN does it, on PostgreSQL this lock.
                if c.dialect() == Dialect::Postgres {
                    c.execute(
                        "SELECT pg_advisory_xact_lock(hashtextextended($2, $1))",
                        args![a.posting, &a.idempotency_key],
                    )
                    .await?;
                }
                let earlier = c
                    .optional(
                        "SELECT id, request_digest FROM applications WHERE posting_id = $1 AND idempotency_key = $2",
                        args![a.posting, &a.idempotency_key],
                    )
                    .await?;
                if let Some(row) = earlier {
                    let digest: Vec<u8> = row.get(1)?;
                    return if digest == a.request_digest {
                        Ok(Submitted::Retry(row.get(0)?))
                    } else {
                        Err(Conflict::IdempotencyKey.into())
                    };
                }
                // Only to a posting of the company it names.
                let row = c
                    .optional(
                        "INSERT INTO applications (company_id, posting_id, token_selector, token_verifier, \
                         idempotency_key, request_digest, email, profile, answers, talent_pool, locale, created_at, \
                         pool_consent_on) \
                         SELECT company_id, id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 FROM postings \
                         WHERE id = $2 AND company_id = $1 RETURNING id",
                        &[
                            a.company.into(),
                            a.posting.into(),
                            (&a.token_selector).into(),
                            (&a.token_verifier).into(),
                            (&a.idempotency_key).into(),
                            (&a.request_digest).into(),
                            (&a.email_key).into(),
                            Value::json(&a.profile)?,
                            Value::json(&a.answers)?,
                            a.talent_pool.into(),
                            a.locale.tag().into(),
                            a.received.at.into(),
                            // Consent to the pool is given with the application.
                            a.talent_pool.then_some(a.received.on).into(),
                        ],
                    )
                    .await
                    .map_err(|e| e.unique_as(Conflict::ApplicationEmail))?;
                let id: ApplicationId = row.ok_or(StoreError::NotFound)?.get(0)?;
                let mut values = vec![Value::from(id), Value::Int(1)];
                values.extend(event_values(&a.received)?);
                c.execute(INSERT_EVENT, &values).await?;
                if let Some(mail) = &a.received_mail {
                    insert_mail(c, mail, Some(id)).await?;
                }
                for mail in a.arrival_mails.make(id) {
                    insert_mail(c, &mail, Some(id)).await?;
                }
                Ok(Submitted::New(id))
            })
        })
        .await
    }

    async fn application_by_selector(&self, selector: &str) -> Result<Option<ApplicationRecord>, StoreError> {
        self.run(Tx::Auto, selector.to_owned(), |c, selector| {
            Box::pin(async move {
                c.optional_as(select_application!("token_selector = $1"), args![selector], application_from).await
            })
        })
        .await
    }

    async fn application(
        &self,
        company: CompanyId,
        id: ApplicationId,
    ) -> Result<Option<ApplicationRecord>, StoreError> {
        self.run(Tx::Auto, (company, id), |c, (company, id)| {
            Box::pin(async move {
                let sql = select_application!("id = $1 AND company_id = $2");
                c.optional_as(sql, args![*id, *company], application_from).await
            })
        })
        .await
    }

    async fn applications_of_posting(
        &self,
        company: CompanyId,
        posting: PostingId,
    ) -> Result<Vec<(ApplicationRecord, Vec<Event>)>, StoreError> {
        self.run(Tx::Read, (company, posting), |c, (company, posting)| {
            Box::pin(async move {
                let applications = c
                    .query(
                        select_application!("posting_id = $1 AND company_id = $2 ORDER BY id"),
                        args![*posting, *company],
                    )
                    .await?;
                let rows = c
                    .query(
                        "SELECT e.seq, e.at, e.on_day, e.kind, e.message, e.promised, e.application_id \
                         FROM application_events e JOIN applications a ON a.id = e.application_id \
                         WHERE a.posting_id = $1 AND a.company_id = $2 ORDER BY e.application_id, e.seq",
                        args![*posting, *company],
                    )
                    .await?;
                with_histories(&applications, &rows)
            })
        })
        .await
    }

    async fn applications_by_email(
        &self,
        company: CompanyId,
        email: &str,
    ) -> Result<Vec<(ApplicationRecord, Vec<Event>)>, StoreError> {
        self.run(Tx::Read, (company, email.to_lowercase()), |c, (company, email)| {
            Box::pin(async move {
                let applications = c
                    .query(select_application!("company_id = $1 AND email = $2 ORDER BY id"), args![*company, email])
                    .await?;
                let rows = c
                    .query(
                        "SELECT e.seq, e.at, e.on_day, e.kind, e.message, e.promised, e.application_id \
                         FROM application_events e JOIN applications a ON a.id = e.application_id \
                         WHERE a.company_id = $1 AND a.email = $2 ORDER BY e.application_id, e.seq",
                        args![*company, email],
                    )
                    .await?;
                with_histories(&applications, &rows)
            })
        })
        .await
    }

    async fn application_events(&self, company: CompanyId, id: ApplicationId) -> Result<Vec<Event>, StoreError> {
        self.run(Tx::Auto, (company, id), |c, (company, id)| {
            Box::pin(async move {
                let sql = "SELECT e.seq, e.at, e.on_day, e.kind, e.message, e.promised FROM application_events e \
                           JOIN applications a ON a.id = e.application_id \
                           WHERE e.application_id = $1 AND a.company_id = $2 ORDER BY e.seq";
                c.all_as(sql, args![*id, *company], event_from).await
            })
        })
        .await
    }

    async fn append_event(
        &self,
        company: CompanyId,
        id: ApplicationId,
        seq: u64,
        event: &NewEvent,
        mail: Option<&NewMail>,
    ) -> Result<Event, StoreError> {
        let seq_value = i64::try_from(seq).map_err(|_| StoreError::Corrupt(format!("event number {seq}")))?;
        // One statement needs no transaction around it; with a mail, both
        // go in one.
        let tx = if mail.is_some() { Tx::Write } else { Tx::Auto };
        let data = (company, id, seq_value, event.clone(), mail.cloned());
        self.run(tx, data, |c, (company, id, seq, event, mail)| {
            Box::pin(async move {
                let mut values = vec![Value::from(*id), Value::Int(*seq)];
                values.extend(event_values(event)?);
                values.push(Value::from(*company));
                // Only onto an application of this company.
                let added = c
                    .execute(
                        "INSERT INTO application_events (application_id, seq, at, on_day, kind, message, promised) \
                         SELECT id, $2, $3, $4, $5, $6, $7 FROM applications WHERE id = $1 AND company_id = $8",
                        &values,
                    )
                    .await
                    .map_err(|e| e.unique_as(Conflict::EventNumber))?;
                if added == 0 {
                    return Err(StoreError::NotFound);
                }
                if let Some(mail) = mail {
                    insert_mail(c, mail, Some(*id)).await?;
                }
                Ok(())
            })
        })
        .await?;
        Ok(event.stored(seq))
    }

    async fn erase_application(
        &self,
        company: CompanyId,
        id: ApplicationId,
        at: OffsetDateTime,
        by: Option<&Actor>,
    ) -> Result<(), StoreError> {
        self.run(Tx::Write, (company, id, at, by.cloned()), |c, (company, id, at, by)| {
            Box::pin(async move {
                // Once: a second erasure (another instance's sweep) would
                // move the erasure's time and add a second entry.
                let erased = c
                    .optional(
                        "UPDATE applications SET email = NULL, profile = NULL, answers = NULL, erased_at = $3, \
                         token_selector = 'erased-' || id, idempotency_key = 'erased-' || id, request_digest = $4 \
                         WHERE id = $1 AND company_id = $2 AND erased_at IS NULL \
                         RETURNING posting_id",
                        args![*id, *company, *at, Value::Bytes(&[])],
                    )
                    .await?;
                let Some(erased) = erased else { return Err(StoreError::NotFound) };
                let posting: PostingId = erased.get(0)?;
                c.execute("UPDATE application_events SET message = '' WHERE application_id = $1", args![*id]).await?;
                c.execute("DELETE FROM application_cvs WHERE application_id = $1", args![*id]).await?;
                // The mails held the candidate's address and the recruiter's words.
                c.execute("DELETE FROM outbox WHERE application_id = $1", args![*id]).await?;
                let action = match by.as_ref().map(|a| a.kind) {
                    Some(ActorKind::System) => AuditAction::ApplicationAnonymised,
                    _ => AuditAction::ApplicationErased,
                };
                let subject = (SubjectKind::Application, id.0);
                let title = c.one("SELECT title FROM postings WHERE id = $1", args![posting]).await?.get(0)?;
                audit_change(c, *company, by.as_ref(), *at, action, subject, title).await
            })
        })
        .await
    }

    async fn put_cv(
        &self,
        company: CompanyId,
        id: ApplicationId,
        file_name: &str,
        content: &[u8],
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let data = (company, id, file_name.to_owned(), content.to_vec(), at);
        self.run(Tx::Auto, data, |c, (company, id, file_name, content, at)| {
            Box::pin(async move {
                let stored = c
                    .execute(
                        "INSERT INTO application_cvs (application_id, file_name, content, uploaded_at) \
                         SELECT id, $3, $4, $5 FROM applications WHERE id = $1 AND company_id = $2 \
                         ON CONFLICT (application_id) DO UPDATE SET file_name = excluded.file_name, \
                         content = excluded.content, uploaded_at = excluded.uploaded_at",
                        args![*id, *company, file_name, content, *at],
                    )
                    .await?;
                if stored == 0 { Err(StoreError::NotFound) } else { Ok(()) }
            })
        })
        .await
    }

    async fn cv(&self, company: CompanyId, id: ApplicationId) -> Result<Option<(CvInfo, Vec<u8>)>, StoreError> {
        self.run(Tx::Auto, (company, id), |c, (company, id)| {
            Box::pin(async move {
                let row = c
                    .optional(
                        "SELECT v.file_name, v.content FROM application_cvs v \
                         JOIN applications a ON a.id = v.application_id WHERE a.id = $1 AND a.company_id = $2",
                        args![*id, *company],
                    )
                    .await?;
                let Some(row) = row else { return Ok(None) };
                let content: Vec<u8> = row.get(1)?;
                Ok(Some((CvInfo { file_name: row.get(0)?, size: content.len() as u64 }, content)))
            })
        })
        .await
    }

    async fn cv_info(&self, company: CompanyId, id: ApplicationId) -> Result<Option<CvInfo>, StoreError> {
        self.run(Tx::Auto, (company, id), |c, (company, id)| {
            Box::pin(async move {
                let row = c
                    .optional(
                        "SELECT v.file_name, CAST(octet_length(v.content) AS BIGINT) FROM application_cvs v \
                         JOIN applications a ON a.id = v.application_id WHERE a.id = $1 AND a.company_id = $2",
                        args![*id, *company],
                    )
                    .await?;
                row.map(|row| Ok(CvInfo { file_name: row.get(0)?, size: row.get(1)? })).transpose()
            })
        })
        .await
    }

    async fn closings_with_message(&self, company: CompanyId, message: &str) -> Result<u64, StoreError> {
        self.run(Tx::Auto, (company, message.to_owned()), |c, (company, message)| {
            Box::pin(async move {
                // `->` reads a key of a JSON document on both backends
                // (SQLite's text, PostgreSQL's jsonb).
                c.one(
                    "SELECT count(*) FROM application_events e JOIN applications a ON a.id = e.application_id \
                     WHERE a.company_id = $1 AND e.message = $2 AND e.kind -> 'closed' IS NOT NULL",
                    args![*company, message],
                )
                .await?
                .get(0)
            })
        })
        .await
    }

    async fn late_promise_candidates(
        &self,
        today: Day,
        since: Day,
    ) -> Result<Vec<(ApplicationRecord, Vec<Event>)>, StoreError> {
        self.run(Tx::Read, (today, since), |c, (today, since)| {
            Box::pin(async move {
                // From the events whose promised date falls in the window
                // (the partial index), keeping each application's latest
                // promise only; an apology written after the event that
                // made it was for this very promise.
                let sql = format!(
                    "SELECT {APPLICATION_COLUMNS} FROM application_events p \
                     JOIN applications a ON a.id = p.application_id JOIN companies c ON c.id = a.company_id \
                     WHERE p.promised IS NOT NULL AND p.promised >= $2 AND p.promised < $1 \
                     AND p.seq = (SELECT max(m.seq) FROM application_events m \
                                  WHERE m.application_id = a.id AND m.promised IS NOT NULL) \
                     AND c.late_promise_mail AND a.mail_updates AND a.email IS NOT NULL \
                     AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.application_id = a.id \
                                     AND o.kind = 'promise_late' AND o.created_at >= p.at) \
                     ORDER BY a.id"
                );
                let applications = c.all_as(&sql, args![*today, *since], application_from).await?;
                let mut found = Vec::with_capacity(applications.len());
                for application in applications {
                    let events = c
                        .all_as(
                            "SELECT seq, at, on_day, kind, message, promised FROM application_events \
                             WHERE application_id = $1 ORDER BY seq",
                            args![application.id],
                            event_from,
                        )
                        .await?;
                    found.push((application, events));
                }
                Ok(found)
            })
        })
        .await
    }

    async fn application_for_stop_link(&self, id: ApplicationId) -> Result<Option<ApplicationRecord>, StoreError> {
        self.run(Tx::Auto, id, |c, id| {
            Box::pin(async move {
                let sql = format!("SELECT {APPLICATION_COLUMNS} FROM applications a WHERE a.id = $1");
                c.optional_as(&sql, args![*id], application_from).await
            })
        })
        .await
    }

    async fn leave_talent_pool(&self, company: CompanyId, id: ApplicationId) -> Result<(), StoreError> {
        self.run(Tx::Auto, (company, id), |c, (company, id)| {
            Box::pin(async move {
                let changed = c
                    .execute(
                        "UPDATE applications SET talent_pool = $3 WHERE company_id = $1 AND id = $2",
                        args![*company, *id, false],
                    )
                    .await?;
                if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
            })
        })
        .await
    }

    async fn talent_pool(&self, company: CompanyId) -> Result<Vec<(ApplicationRecord, Day)>, StoreError> {
        self.run(Tx::Read, company, |c, company| {
            Box::pin(async move {
                let sql = format!(
                    "SELECT {APPLICATION_COLUMNS}, a.pool_consent_on FROM applications a \
                     WHERE a.company_id = $1 AND a.talent_pool AND a.erased_at IS NULL AND a.profile IS NOT NULL \
                     AND a.pool_consent_on IS NOT NULL ORDER BY a.id DESC"
                );
                c.all_as(&sql, args![*company], |row| Ok((application_from(row)?, row.get(10)?))).await
            })
        })
        .await
    }

    async fn ended_applications(&self) -> Result<Vec<EndedApplication>, StoreError> {
        self.run(Tx::Read, (), |c, ()| {
            Box::pin(async move {
                let sql = "SELECT a.company_id, a.id, c.retention_days, a.talent_pool, a.pool_consent_on, \
                           max(e.on_day) \
                           FROM applications a JOIN companies c ON c.id = a.company_id \
                           JOIN application_events e ON e.application_id = a.id \
                           WHERE a.erased_at IS NULL \
                           AND (e.kind -> 'closed' IS NOT NULL OR e.kind -> 'withdrawn' IS NOT NULL) \
                           GROUP BY a.company_id, a.id, c.retention_days, a.talent_pool, a.pool_consent_on \
                           ORDER BY a.id";
                c.all_as(sql, args![], |row| {
                    let in_pool: bool = row.get(3)?;
                    let consent_on: Option<Day> = row.get(4)?;
                    Ok(EndedApplication {
                        company: row.get(0)?,
                        id: row.get(1)?,
                        retention_days: row.get(2)?,
                        pool_consent_on: consent_on.filter(|_| in_pool),
                        ended_on: row.get(5)?,
                    })
                })
                .await
            })
        })
        .await
    }
}
