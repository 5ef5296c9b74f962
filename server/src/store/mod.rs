//! Storage: one trait, one implementation per database.
//!
//! Handlers speak to `dyn Store` and never write SQL. SQLite (rusqlite, WAL)
//! is the embedded default; PostgreSQL (tokio-postgres on a deadpool pool) is
//! the scale-out choice. The database URL's scheme picks one, and each applies
//! its own versioned migrations at start-up.

mod cached;
mod postgres;
mod sqlite;

use std::sync::Arc;

use async_trait::async_trait;
use candor_api::apply::Answer;
use candor_api::company::CompanySettings;
use candor_api::cv::CvInfo;
pub use candor_api::posting_admin::PostingRow;
use candor_api::profile::Profile;
use candor_api::qa::{DeclineReason, QuestionState};
use candor_api::recruiting::{ApiTokenInfo, Role};
use candor_api::timeline::{Event, EventKind};
use candor_api::{CompanyPublic, CompanySlug, Day, Locale, Origin, PostingDetail, PostingSlug, PostingSummary};

pub use self::cached::CachedStore;
pub use self::postgres::PostgresStore;
pub use self::sqlite::SqliteStore;

/// A company's row id. Never leaves the server: the public name is its slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CompanyId(pub i64);

/// A posting's row id. Never leaves the server: the public name is its slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PostingId(pub i64);

/// An application's row id. Never leaves the server: candidates hold a
/// status token, recruiters (later) an opaque reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ApplicationId(pub i64);

/// A company as the server knows it: the public part plus private settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Company {
    pub id: CompanyId,
    pub public: CompanyPublic,
    /// Days without a candidate-visible event before an application raises an alarm.
    pub silence_alarm_days: u32,
}

/// What a new company starts with.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCompany {
    pub public: CompanyPublic,
    pub silence_alarm_days: u32,
}

pub use candor_api::postings::PostingStatus;

/// The posting columns an admin writes, in the order each backend's
/// `posting_values` gives them: one list for creating and for editing.
const POSTING_COLUMNS: [&str; 13] = [
    "title",
    "department",
    "city",
    "country",
    "workplace",
    "employment_type",
    "teaser",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "description",
    "closes_on",
];

/// `INSERT` of a posting: company, slug, status and publication day as
/// parameters 1 to 4, then `POSTING_COLUMNS`. `placeholder(n)` writes the
/// backend's parameter `n` (`?n` or `$n`).
fn posting_insert_sql(placeholder: impl Fn(usize) -> String) -> String {
    let columns = POSTING_COLUMNS.join(", ");
    let values: Vec<String> = (1..=4 + POSTING_COLUMNS.len()).map(placeholder).collect();
    format!("INSERT INTO postings (company_id, slug, status, published_on, {columns}) VALUES ({})", values.join(", "))
}

/// `UPDATE` of a posting: id and company as parameters 1 and 2, then `POSTING_COLUMNS`.
fn posting_update_sql(placeholder: impl Fn(usize) -> String) -> String {
    let set: Vec<String> =
        POSTING_COLUMNS.iter().enumerate().map(|(i, c)| format!("{c} = {}", placeholder(i + 3))).collect();
    format!("UPDATE postings SET {} WHERE id = {} AND company_id = {}", set.join(", "), placeholder(1), placeholder(2))
}

fn posting_status(raw: &str) -> Result<PostingStatus, StoreError> {
    PostingStatus::parse(raw).map_err(|_| StoreError::Corrupt(format!("posting status {raw:?}")))
}

#[derive(Debug, Clone, PartialEq)]
pub struct Posting {
    pub id: PostingId,
    pub status: PostingStatus,
    pub detail: PostingDetail,
}

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
}

/// An event to append; its sequence number is the store's to give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub at: time::OffsetDateTime,
    pub on: Day,
    pub kind: EventKind,
    pub message: String,
    pub promised: Option<Day>,
}

impl NewEvent {
    /// The event as stored under `seq`.
    fn stored(&self, seq: u64) -> Result<Event, StoreError> {
        Ok(Event {
            seq,
            at: self.at_text()?,
            on: self.on,
            kind: self.kind.clone(),
            message: self.message.clone(),
            promised: self.promised,
        })
    }

    fn at_text(&self) -> Result<String, StoreError> {
        Ok(self
            .at
            .replace_nanosecond(0)
            .unwrap_or(self.at)
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(anyhow::Error::from)?)
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
}

/// An API token as stored: whose it is and what it may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenRecord {
    pub company: CompanyId,
    pub role: Role,
    pub verifier: Vec<u8>,
    pub revoked: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row to change does not exist.
    #[error("not found")]
    NotFound,
    /// A unique name is taken (a company or posting slug).
    #[error("{0} is already taken")]
    Conflict(&'static str),
    /// A stored value no longer satisfies the rules it was written under.
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Backend(#[from] anyhow::Error),
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
    async fn company_by_slug(&self, slug: &CompanySlug) -> Result<Option<Company>, StoreError>;

    async fn create_company(&self, company: &NewCompany) -> Result<CompanyId, StoreError>;

    /// Lets `origin` embed the company's widget; allowing it twice is harmless.
    async fn allow_origin(&self, company: CompanyId, origin: &Origin) -> Result<(), StoreError>;

    async fn is_origin_allowed(&self, company: &CompanySlug, origin: &Origin) -> Result<bool, StoreError>;

    /// Whether any company allows `origin`: the widget's files are shared by all.
    async fn is_origin_allowed_anywhere(&self, origin: &Origin) -> Result<bool, StoreError>;

    /// Open postings, newest first, ties broken by creation order; shared,
    /// so that a cached list is handed out without copying.
    async fn open_postings(&self, company: CompanyId) -> Result<Arc<Vec<PostingSummary>>, StoreError>;

    async fn posting(&self, company: CompanyId, slug: &PostingSlug) -> Result<Option<Posting>, StoreError>;

    /// Stores a posting validated by `PostingDraft::validate`, all or nothing.
    async fn create_posting(
        &self,
        company: CompanyId,
        posting: &PostingDetail,
        status: PostingStatus,
    ) -> Result<PostingId, StoreError>;

    async fn company_by_id(&self, id: CompanyId) -> Result<Option<Company>, StoreError>;

    /// Every posting of the company whatever its status, newest first, with
    /// how many have applied to each.
    async fn company_postings(&self, company: CompanyId) -> Result<Vec<PostingRow>, StoreError>;

    /// How many have applied to a posting, erased applications included.
    async fn application_count(&self, posting: PostingId) -> Result<u64, StoreError>;

    /// Replaces a posting's texts, process and questions, all or nothing, if
    /// as many have applied as the caller checked the edit against;
    /// `Conflict(CONFLICT_APPLIED_MEANWHILE)` otherwise.
    async fn update_posting(
        &self,
        company: CompanyId,
        id: PostingId,
        posting: &PostingDetail,
        applications_seen: u64,
    ) -> Result<(), StoreError>;

    /// Moves a posting from `from` to `to`; `NotFound` if it is no longer in
    /// `from` (someone else moved it). A draft that opens is published on `on`.
    async fn set_posting_status(
        &self,
        company: CompanyId,
        id: PostingId,
        from: PostingStatus,
        to: PostingStatus,
        on: Day,
    ) -> Result<(), StoreError>;

    /// Replaces the company's settings and its allowed origins, all or nothing.
    async fn update_company(
        &self,
        id: CompanyId,
        settings: &CompanySettings,
        origins: &[Origin],
    ) -> Result<(), StoreError>;

    /// The origins allowed to embed the company's widget, sorted.
    async fn origins(&self, company: CompanyId) -> Result<Vec<Origin>, StoreError>;

    async fn posting_by_id(&self, id: PostingId) -> Result<Option<Posting>, StoreError>;

    /// The secret stored under `name`; `candidate` becomes it if there is
    /// none yet (the first instance to start wins, the others read it).
    async fn secret(&self, name: &str, candidate: [u8; 32]) -> Result<[u8; 32], StoreError>;

    /// Stores an application and its `Received` event in one transaction.
    /// A retry (same posting, idempotency key and digest) finds the first;
    /// the same key with other content is `Conflict("idempotency key")`; a
    /// second application from one address is `Conflict("application e-mail")`.
    async fn submit_application(&self, application: &NewApplication) -> Result<Submitted, StoreError>;

    async fn application_by_selector(&self, selector: &str) -> Result<Option<ApplicationRecord>, StoreError>;

    async fn application_by_id(&self, id: ApplicationId) -> Result<Option<ApplicationRecord>, StoreError>;

    /// A posting's applications, oldest first, each with its history.
    async fn applications_of_posting(
        &self,
        posting: PostingId,
    ) -> Result<Vec<(ApplicationRecord, Vec<Event>)>, StoreError>;

    /// The history in `seq` order.
    async fn application_events(&self, id: ApplicationId) -> Result<Vec<Event>, StoreError>;

    /// Appends `event` as number `seq`, which the caller read as the next
    /// free one: if another writer took it first, `Conflict(CONFLICT_EVENT)`
    /// and nothing is written, so no action is applied on a stale view.
    async fn append_event(&self, id: ApplicationId, seq: u64, event: &NewEvent) -> Result<Event, StoreError>;

    /// Removes the candidate's personal data (profile, answers, address and
    /// every message text) and retires the status token; the bare history
    /// (kinds and dates) stays for the company's figures. All or nothing.
    async fn erase_application(&self, id: ApplicationId, at: time::OffsetDateTime) -> Result<(), StoreError>;

    /// Stores (or replaces) the application's CV.
    async fn put_cv(
        &self,
        id: ApplicationId,
        file_name: &str,
        content: &[u8],
        at: time::OffsetDateTime,
    ) -> Result<(), StoreError>;

    async fn cv(&self, id: ApplicationId) -> Result<Option<(CvInfo, Vec<u8>)>, StoreError>;

    async fn cv_info(&self, id: ApplicationId) -> Result<Option<CvInfo>, StoreError>;

    /// Stores a token; `created_by` is the console user who made it, whose
    /// removal or demotion revokes it.
    async fn create_api_token(
        &self,
        company: CompanyId,
        role: Role,
        name: &str,
        selector: &str,
        verifier: &[u8],
        created_by: Option<UserId>,
    ) -> Result<(), StoreError>;

    async fn api_token_by_selector(&self, selector: &str) -> Result<Option<ApiTokenRecord>, StoreError>;

    /// The company's tokens, newest first, revoked ones included.
    async fn api_tokens(&self, company: CompanyId) -> Result<Vec<ApiTokenInfo>, StoreError>;

    /// Revokes one of the company's tokens; `NotFound` for another company's.
    async fn revoke_api_token(&self, company: CompanyId, id: i64, at: time::OffsetDateTime) -> Result<(), StoreError>;

    /// A console user; `Conflict` when the e-mail address is taken.
    async fn create_user(&self, user: &NewUser) -> Result<UserId, StoreError>;

    /// By e-mail address, compared in lowercase.
    async fn user_by_email(&self, email: &str) -> Result<Option<UserRecord>, StoreError>;

    async fn user_by_id(&self, id: UserId) -> Result<Option<UserRecord>, StoreError>;

    async fn create_session(&self, session: &NewSession) -> Result<(), StoreError>;

    async fn session_by_selector(&self, selector: &str) -> Result<Option<SessionRecord>, StoreError>;

    async fn delete_session(&self, selector: &str) -> Result<(), StoreError>;

    /// The company's console users, by name.
    async fn users(&self, company: CompanyId) -> Result<Vec<UserRecord>, StoreError>;

    /// Gives the company's user `id` a role; `Conflict(CONFLICT_LAST_ADMIN)`
    /// if that would leave the company without an admin, decided in the
    /// same statement so that two admins demoting each other can't both win.
    /// Tokens the user made with a role above the new one are revoked at `at`.
    async fn set_user_role(
        &self,
        company: CompanyId,
        id: UserId,
        role: Role,
        at: time::OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// Removes the company's user `id` with their sessions and any
    /// set-password link, revoking the API tokens they made at `at`; never
    /// the company's last admin (as above).
    async fn delete_user(&self, company: CompanyId, id: UserId, at: time::OffsetDateTime) -> Result<(), StoreError>;

    /// Stores a user's set-password link, replacing any earlier one.
    async fn create_password_link(&self, link: &NewPasswordLink) -> Result<(), StoreError>;

    async fn password_link(&self, selector: &str) -> Result<Option<PasswordLinkRecord>, StoreError>;

    /// Uses a link: sets its user's password, deletes the link and ends the
    /// user's sessions, all at once. `NotFound` if the link was used meanwhile.
    async fn use_password_link(&self, selector: &str, password_hash: &str) -> Result<(), StoreError>;

    /// How many of the company's applications were closed with exactly `message`.
    async fn closings_with_message(&self, company: CompanyId, message: &str) -> Result<u64, StoreError>;

    async fn create_question(&self, question: &NewQuestion) -> Result<QuestionId, StoreError>;

    async fn question_by_selector(&self, selector: &str) -> Result<Option<QuestionRecord>, StoreError>;

    async fn question_by_id(&self, id: QuestionId) -> Result<Option<QuestionRecord>, StoreError>;

    /// A posting's or a company's questions, oldest first, optionally in one state.
    async fn questions(
        &self,
        scope: QuestionScope,
        state: Option<QuestionState>,
    ) -> Result<Vec<QuestionRecord>, StoreError>;

    /// Answers or declines a pending question. `Conflict` when it is no
    /// longer pending (two recruiters at once: the first one wins).
    async fn settle_question(
        &self,
        id: QuestionId,
        settlement: &Settlement,
        at: time::OffsetDateTime,
    ) -> Result<(), StoreError>;
}

pub const CONFLICT_QUESTION: &str = "question";
pub const CONFLICT_USER: &str = "user e-mail";
pub const CONFLICT_LAST_ADMIN: &str = "the company's last admin";
pub const CONFLICT_APPLIED_MEANWHILE: &str = "an application that arrived meanwhile";

/// The condition under which a user may stop being an admin: another admin
/// of the company remains. Written for both backends' placeholders.
macro_rules! another_admin_remains {
    ($company:literal, $id:literal) => {
        concat!(
            "EXISTS (SELECT 1 FROM users o WHERE o.company_id = ",
            $company,
            " AND o.role = 'admin' AND o.id <> ",
            $id,
            ")"
        )
    };
}
pub(crate) use another_admin_remains;

/// The roles above `role`: a token with one of them outranks its maker once
/// the maker has `role`.
fn roles_above(role: Role) -> &'static [&'static str] {
    match role {
        Role::Viewer => &["recruiter", "admin"],
        Role::Recruiter => &["admin"],
        Role::Admin => &[],
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UserId(pub i64);

#[derive(Debug, Clone, PartialEq)]
pub struct NewUser {
    pub company: CompanyId,
    /// Lowercase.
    pub email: String,
    pub name: String,
    pub role: Role,
    /// argon2id, PHC string; `None` until the person sets one.
    pub password_hash: Option<String>,
    pub created_at: time::OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UserRecord {
    pub id: UserId,
    pub company: CompanyId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewPasswordLink {
    pub selector: String,
    pub verifier: Vec<u8>,
    pub user: UserId,
    pub expires_at: time::OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PasswordLinkRecord {
    pub verifier: Vec<u8>,
    pub user: UserId,
    pub expires_at: time::OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewSession {
    pub selector: String,
    pub verifier: Vec<u8>,
    pub user: UserId,
    pub csrf_token: String,
    pub expires_at: time::OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SessionRecord {
    pub verifier: Vec<u8>,
    pub user: UserId,
    pub csrf_token: String,
    pub expires_at: time::OffsetDateTime,
}

/// A question's row id: the recruiters' handle on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct QuestionId(pub i64);

#[derive(Debug, Clone, PartialEq)]
pub struct NewQuestion {
    pub company: CompanyId,
    pub posting: PostingId,
    pub token_selector: String,
    pub token_verifier: Vec<u8>,
    pub text: String,
    pub name: String,
    pub asked_at: time::OffsetDateTime,
}

/// What happened to a question that is no longer pending.
#[derive(Debug, Clone, PartialEq)]
pub enum Settlement {
    Answer(String),
    Decline(DeclineReason, String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuestionRecord {
    pub id: QuestionId,
    pub company: CompanyId,
    pub posting: PostingId,
    pub token_verifier: Vec<u8>,
    pub text: String,
    pub name: String,
    pub asked_at: time::OffsetDateTime,
    /// `None` while pending.
    pub settled: Option<(Settlement, time::OffsetDateTime)>,
}

impl QuestionRecord {
    pub fn state(&self) -> QuestionState {
        match &self.settled {
            None => QuestionState::Pending,
            Some((Settlement::Answer(_), _)) => QuestionState::Answered,
            Some((Settlement::Decline(..), _)) => QuestionState::Declined,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionScope {
    Posting(PostingId),
    Company(CompanyId),
}

fn state_name(state: QuestionState) -> &'static str {
    match state {
        QuestionState::Pending => "pending",
        QuestionState::Answered => "answered",
        QuestionState::Declined => "declined",
    }
}

fn reason_name(reason: DeclineReason) -> &'static str {
    match reason {
        DeclineReason::Spam => "spam",
        DeclineReason::OffTopic => "off_topic",
    }
}

/// The columns a settlement is stored in: state, answer, answered_at?,
/// decline reason, decline message, declined_at? (the times are `at` where set).
fn settlement_columns(settlement: &Settlement) -> (&'static str, &str, bool, Option<&'static str>, &str) {
    match settlement {
        Settlement::Answer(answer) => ("answered", answer.as_str(), true, None, ""),
        Settlement::Decline(reason, message) => ("declined", "", false, Some(reason_name(*reason)), message.as_str()),
    }
}

/// Rebuilds a settlement from its stored columns.
fn settlement_from_columns(
    id: i64,
    state: &str,
    answer: String,
    answered_at: Option<time::OffsetDateTime>,
    reason: Option<String>,
    message: String,
    declined_at: Option<time::OffsetDateTime>,
) -> Result<Option<(Settlement, time::OffsetDateTime)>, StoreError> {
    let corrupt = || StoreError::Corrupt(format!("question {id}: state {state:?}"));
    match (state, answered_at, reason.as_deref(), declined_at) {
        ("pending", ..) => Ok(None),
        ("answered", Some(at), _, _) => Ok(Some((Settlement::Answer(answer), at))),
        ("declined", _, Some("spam"), Some(at)) => Ok(Some((Settlement::Decline(DeclineReason::Spam, message), at))),
        ("declined", _, Some("off_topic"), Some(at)) => {
            Ok(Some((Settlement::Decline(DeclineReason::OffTopic, message), at)))
        }
        _ => Err(corrupt()),
    }
}

pub const CONFLICT_EVENT: &str = "event number";

pub const CONFLICT_EMAIL: &str = "application e-mail";
pub const CONFLICT_IDEMPOTENCY: &str = "idempotency key";

/// Opens the database named by `url` (`sqlite://path`, or `postgres://…`),
/// applying any pending migrations, behind the public-read cache.
pub async fn open(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    let database: Arc<dyn Store> = if let Some(path) = url.strip_prefix("sqlite://") {
        Arc::new(SqliteStore::open(path.as_ref()).await?)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Arc::new(PostgresStore::connect(url).await?)
    } else {
        anyhow::bail!("unsupported database URL {url:?}: use sqlite://<path> or postgres://<…>")
    };
    Ok(Arc::new(CachedStore::new(database)))
}

/// Rebuilds a posting summary from stored columns, checking the rules again:
/// a row that no longer satisfies them is reported, never served half-read.
#[allow(clippy::too_many_arguments)]
fn summary_from_columns(
    slug: &str,
    title: String,
    department: String,
    city: String,
    country: String,
    workplace: &str,
    employment_type: &str,
    teaser: String,
    salary: Option<(i64, i64, String, String)>,
    published_on: candor_api::Day,
    closes_on: Option<candor_api::Day>,
) -> Result<PostingSummary, StoreError> {
    use candor_api::{EmploymentType, Location, PayPeriod, SalaryRange, Workplace};
    let corrupt = |what: &str| StoreError::Corrupt(format!("posting {slug:?}: {what}"));
    let salary = match salary {
        None => None,
        Some((min, max, currency, period)) => Some(SalaryRange {
            min: u32::try_from(min).map_err(|_| corrupt("salary_min"))?,
            max: u32::try_from(max).map_err(|_| corrupt("salary_max"))?,
            currency,
            period: PayPeriod::parse(&period).map_err(|_| corrupt("salary_period"))?,
        }),
    };
    Ok(PostingSummary {
        slug: PostingSlug::parse(slug).map_err(|_| corrupt("slug"))?,
        title,
        department,
        location: Location { city, country },
        workplace: Workplace::parse(workplace).map_err(|_| corrupt("workplace"))?,
        employment_type: EmploymentType::parse(employment_type).map_err(|_| corrupt("employment_type"))?,
        teaser,
        salary,
        published_on,
        closes_on,
    })
}
