//! Storage: what Candor keeps, behind one contract for every backend.
//!
//! Handlers speak to `dyn Store` and never write SQL. The contract is split
//! by feature (`companies`, `postings`, `applications`, `qa`, `people`,
//! `tokens`, `mail`, `notifications`, `reports`, `audit`); each feature file holds its records, its trait and the one
//! implementation of it, written once in the SQL both backends speak
//! (`sql.rs`). A backend (`sqlite.rs`, the embedded default; `postgres.rs`,
//! for scale-out) only lends connections and runs transactions; the
//! database URL's scheme picks one, and each applies its own versioned
//! migrations at start-up. `cache.rs` keeps the public reads every careers
//! page makes.
//!
//! Isolation lives here: every method that reads or writes a company's
//! data takes that company and puts it in the statement, so a handler
//! that forgot to check can't reach another company's row. The only
//! lookups without a company are those by a public name (a company's slug,
//! an origin), by the address someone signs in with (one account per
//! company that has it: `users_by_email`), and by the selector of a secret
//! the caller holds (a status, question, API, session, set-password or
//! report-link token), which the caller then verifies.

mod applications;
mod audit;
mod cache;
mod changes;
mod companies;
mod health;
mod mail;
mod notifications;
mod people;
mod postgres;
mod postings;
mod qa;
mod reports;
pub(crate) mod sql;
mod sqlite;
mod talent_pool;
mod tokens;

use std::sync::Arc;

pub use self::applications::{
    ApplicationRecord, ApplicationStore, EndedApplication, MailsForId, NewApplication, NewEvent, Submitted,
};
pub use self::audit::{Actor, AuditFilter, AuditStore, NewAudit};
use self::cache::PublicCache;
pub use self::changes::{Change, ChangeId, ChangeStore, Heard, Listening};
pub use self::companies::{Company, CompanyStore, NewCompany};
pub use self::health::{HealthStore, OutboxDepth, Schema};
pub use self::mail::{Delivery, DueMail, MailRecord, MailStore, NewMail};
pub use self::notifications::{NotifyStore, digest_key};
pub use self::people::{
    NewPasswordLink, NewSession, NewUser, PasswordLinkRecord, PeopleStore, SessionRecord, UserRecord,
};
pub use self::postgres::Postgres;
pub use self::postings::{Posting, PostingStatus, PostingStore};
pub use self::qa::{NewQuestion, QuestionRecord, QuestionStore, SettledAddress, Settlement};
pub use self::reports::{
    NewReportLink, NewReportNote, NewReportReply, ReportLinkRecord, ReportStore, UnseenReply, report_digest_key,
};
pub use self::sql::PoolUse;
pub use self::sqlite::{Sqlite, backup as backup_sqlite};
pub use self::talent_pool::{PoolAlertCandidate, PoolConsent, TalentPoolStore, pool_alert_key};
pub use self::tokens::{ApiTokenRecord, IssuedToken, TokenStore};
pub use candor_api::posting_admin::PostingRow;

/// Declares a row id: a newtype, so that a posting's id can't be passed
/// where an application's is expected. Never leaves the server except where
/// recruiters need a handle (applications, questions, people, tokens).
macro_rules! row_id {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl From<$name> for sql::Value<'_> {
            fn from(id: $name) -> Self {
                sql::Value::Int(id.0)
            }
        }

        impl sql::FromCell for $name {
            const WHAT: &'static str = "a row id";
            fn from_cell(cell: &sql::Cell) -> Option<Self> {
                <i64 as sql::FromCell>::from_cell(cell).map($name)
            }
        }
    )*};
}

row_id! {
    /// A company: the public name is its slug.
    CompanyId;
    /// A posting: the public name is its slug.
    PostingId;
    /// An application: candidates hold a status token instead.
    ApplicationId;
    /// A question: askers hold a question token instead.
    QuestionId;
    /// A console user.
    UserId;
    /// An API token (its secret is never stored).
    ApiTokenId;
    /// A report's share link (its secret is never stored).
    ReportLinkId;
    /// A recruiter's note on a report.
    ReportNoteId;
    /// A reader's reply to a note.
    ReportReplyId;
}

/// Why the store refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row to read or change does not exist (for this company).
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Conflict(#[from] Conflict),
    /// A stored value no longer satisfies the rules it was written under.
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Backend(#[from] anyhow::Error),
}

/// What a write ran into: each names what was there first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Conflict {
    #[error("company slug is already taken")]
    CompanySlug,
    #[error("posting slug is already taken")]
    PostingSlug,
    /// One application per address and posting.
    #[error("an application from this address exists already")]
    ApplicationEmail,
    /// The same idempotency key came with a different submission.
    #[error("the idempotency key was used for another submission")]
    IdempotencyKey,
    /// Another event took the number this one was to have: the caller
    /// acted on a stale view.
    #[error("another event came first")]
    EventNumber,
    /// Someone applied since the caller checked an edit against the count.
    #[error("an application arrived meanwhile")]
    AppliedMeanwhile,
    #[error("the question is no longer pending")]
    QuestionSettled,
    #[error("this e-mail address already has an account in this company")]
    UserEmail,
    /// The change would leave the company without an admin.
    #[error("the company's last admin")]
    LastAdmin,
    /// A concurrent transaction changed what this one read, and it lost
    /// each time it was tried.
    #[error("a concurrent change")]
    Concurrent,
}

/// The whole contract: every feature's part.
pub trait Store:
    CompanyStore
    + PostingStore
    + ApplicationStore
    + QuestionStore
    + PeopleStore
    + TokenStore
    + MailStore
    + NotifyStore
    + ReportStore
    + AuditStore
    + TalentPoolStore
    + HealthStore
    + ChangeStore
{
}

impl<
    T: CompanyStore
        + PostingStore
        + ApplicationStore
        + QuestionStore
        + PeopleStore
        + TokenStore
        + MailStore
        + NotifyStore
        + ReportStore
        + AuditStore
        + TalentPoolStore
        + HealthStore
        + ChangeStore,
> Store for T
{
}

/// The one implementation of the contract, over either backend.
pub struct SqlStore<B> {
    backend: B,
    /// The public reads; `None` to read through every time.
    cache: Option<PublicCache>,
}

pub type SqliteStore = SqlStore<Sqlite>;
pub type PostgresStore = SqlStore<Postgres>;

impl<B: sql::Backend> SqlStore<B> {
    pub fn new(backend: B, cached: Caching) -> Self {
        SqlStore { backend, cache: (cached == Caching::PublicReads).then(PublicCache::default) }
    }

    /// A write to a company or its postings, after which its cached public
    /// reads go (also when it failed: it may have raced one that didn't).
    async fn write_company<D, T>(
        &self,
        company: CompanyId,
        tx: sql::Tx,
        data: D,
        work: sql::Work<D, T>,
    ) -> Result<T, StoreError>
    where
        D: Send + Sync + 'static,
        T: Send + 'static,
    {
        let result = self.run(tx, data, work).await;
        if let Some(cache) = &self.cache {
            cache.forget_company(company).await;
        }
        self.publish(Change::Company(company));
        result
    }

    async fn run<D, T>(&self, tx: sql::Tx, data: D, work: sql::Work<D, T>) -> Result<T, StoreError>
    where
        D: Send + Sync + 'static,
        T: Send + 'static,
    {
        self.backend.run(tx, data, work).await
    }
}

/// Whether a store keeps the public reads (see `cache.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caching {
    PublicReads,
    Off,
}

/// Opens the database named by `url` (`sqlite://path`, or `postgres://…`),
/// applying any pending migrations.
pub async fn open(url: &str, caching: Caching) -> anyhow::Result<Arc<dyn Store>> {
    Ok(if let Some(path) = url.strip_prefix("sqlite://") {
        Arc::new(SqlStore::new(Sqlite::open(path.as_ref()).await?, caching))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Arc::new(SqlStore::new(Postgres::connect(url).await?, caching))
    } else {
        anyhow::bail!("unsupported database URL {url:?}: use sqlite://<path> or postgres://<…>")
    })
}
