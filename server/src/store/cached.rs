//! A read-through cache in front of any `Store`, for the public reads every
//! careers page makes: a company, its open postings, one posting, and the
//! CORS check each cross-origin request makes.
//!
//! Writes through this store invalidate what they touch at once, so one
//! instance never serves its own stale data. Another instance's writes show
//! within `TTL`, well inside the minute that public answers already say they
//! may be cached (`Cache-Control: public, max-age=60`).

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use candor_api::{CompanySlug, Day, Origin, PostingDetail, PostingSlug, PostingSummary};
use moka::future::Cache;

use candor_api::company::CompanySettings;
use candor_api::cv::CvInfo;
use candor_api::qa::QuestionState;
use candor_api::recruiting::{ApiTokenInfo, Role};
use candor_api::timeline::Event;

use super::{
    ApiTokenRecord, ApplicationId, ApplicationRecord, Company, CompanyId, NewApplication, NewCompany, NewEvent,
    NewPasswordLink, NewQuestion, NewSession, NewUser, PasswordLinkRecord, Posting, PostingId, PostingRow,
    PostingStatus, QuestionId, QuestionRecord, QuestionScope, SessionRecord, Settlement, Store, StoreError, Submitted,
    UserId, UserRecord,
};

pub const TTL: Duration = Duration::from_secs(10);
const CAPACITY: u64 = 10_000;

pub struct CachedStore {
    inner: Arc<dyn Store>,
    companies: Cache<CompanySlug, Option<Company>>,
    open_postings: Cache<CompanyId, Arc<Vec<PostingSummary>>>,
    postings: Cache<(CompanyId, PostingSlug), Option<Posting>>,
    origins: Cache<(Option<CompanySlug>, Origin), bool>,
}

impl CachedStore {
    pub fn new(inner: Arc<dyn Store>) -> Self {
        fn cache<K, V>() -> Cache<K, V>
        where
            K: std::hash::Hash + Eq + Send + Sync + 'static,
            V: Clone + Send + Sync + 'static,
        {
            Cache::builder().max_capacity(CAPACITY).time_to_live(TTL).support_invalidation_closures().build()
        }
        CachedStore { inner, companies: cache(), open_postings: cache(), postings: cache(), origins: cache() }
    }

    async fn forget_company(&self, id: CompanyId) {
        self.open_postings.invalidate(&id).await;
        // Few entries per company: a predicate beats keeping an index. It can
        // only fail if the caches were built without predicate support.
        let postings = self.postings.invalidate_entries_if(move |(company, _), _| *company == id);
        let companies = self.companies.invalidate_entries_if(move |_, c| c.as_ref().is_some_and(|c| c.id == id));
        if let Err(e) = postings.and(companies) {
            tracing::error!(error = %e, "invalidating cached public reads failed");
        }
    }
}

/// A hit returns at once; concurrent misses of one key share one load.
async fn load<K, V, F, Fut>(cache: &Cache<K, V>, key: K, init: F) -> Result<V, StoreError>
where
    K: std::hash::Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<V, StoreError>>,
{
    if let Some(hit) = cache.get(&key).await {
        return Ok(hit);
    }
    cache.try_get_with(key, init()).await.map_err(|e: Arc<StoreError>| match &*e {
        StoreError::NotFound => StoreError::NotFound,
        StoreError::Conflict(what) => StoreError::Conflict(what),
        other => StoreError::Backend(anyhow::anyhow!("{other}")),
    })
}

#[async_trait]
impl Store for CachedStore {
    async fn company_by_slug(&self, slug: &CompanySlug) -> Result<Option<Company>, StoreError> {
        load(&self.companies, slug.clone(), || self.inner.company_by_slug(slug)).await
    }

    async fn create_company(&self, company: &NewCompany) -> Result<CompanyId, StoreError> {
        let id = self.inner.create_company(company).await?;
        // An earlier "no such company" must not outlive its creation.
        self.companies.invalidate(&company.public.slug).await;
        Ok(id)
    }

    async fn allow_origin(&self, company: CompanyId, origin: &Origin) -> Result<(), StoreError> {
        let result = self.inner.allow_origin(company, origin).await;
        // A refusal cached for this origin (for any company) must go.
        let origin = origin.clone();
        if let Err(e) = self.origins.invalidate_entries_if(move |(_, o), _| *o == origin) {
            tracing::error!(error = %e, "invalidating cached origin checks failed");
        }
        result
    }

    async fn is_origin_allowed(&self, company: &CompanySlug, origin: &Origin) -> Result<bool, StoreError> {
        let key = (Some(company.clone()), origin.clone());
        load(&self.origins, key, || self.inner.is_origin_allowed(company, origin)).await
    }

    async fn is_origin_allowed_anywhere(&self, origin: &Origin) -> Result<bool, StoreError> {
        load(&self.origins, (None, origin.clone()), || self.inner.is_origin_allowed_anywhere(origin)).await
    }

    async fn open_postings(&self, company: CompanyId) -> Result<Arc<Vec<PostingSummary>>, StoreError> {
        load(&self.open_postings, company, || self.inner.open_postings(company)).await
    }

    async fn posting(&self, company: CompanyId, slug: &PostingSlug) -> Result<Option<Posting>, StoreError> {
        load(&self.postings, (company, slug.clone()), || self.inner.posting(company, slug)).await
    }

    async fn create_posting(
        &self,
        company: CompanyId,
        posting: &PostingDetail,
        status: PostingStatus,
    ) -> Result<PostingId, StoreError> {
        let result = self.inner.create_posting(company, posting, status).await;
        self.forget_company(company).await;
        result
    }

    async fn update_posting(
        &self,
        company: CompanyId,
        id: PostingId,
        posting: &PostingDetail,
        applications_seen: u64,
    ) -> Result<(), StoreError> {
        let result = self.inner.update_posting(company, id, posting, applications_seen).await;
        self.forget_company(company).await;
        result
    }

    async fn set_posting_status(
        &self,
        company: CompanyId,
        id: PostingId,
        from: PostingStatus,
        to: PostingStatus,
        on: Day,
    ) -> Result<(), StoreError> {
        let result = self.inner.set_posting_status(company, id, from, to, on).await;
        self.forget_company(company).await;
        result
    }

    async fn update_company(
        &self,
        id: CompanyId,
        settings: &CompanySettings,
        origins: &[Origin],
    ) -> Result<(), StoreError> {
        let result = self.inner.update_company(id, settings, origins).await;
        self.forget_company(id).await;
        // Any origin's cached answer may have changed, for this company and
        // for "any company": few entries, and settings change rarely.
        self.origins.invalidate_all();
        result
    }

    // Private reads and applications are not cached: they are per candidate,
    // and must reflect each write at once.

    async fn company_by_id(&self, id: CompanyId) -> Result<Option<Company>, StoreError> {
        self.inner.company_by_id(id).await
    }

    async fn company_postings(&self, company: CompanyId) -> Result<Vec<PostingRow>, StoreError> {
        self.inner.company_postings(company).await
    }

    async fn application_count(&self, posting: PostingId) -> Result<u64, StoreError> {
        self.inner.application_count(posting).await
    }

    async fn origins(&self, company: CompanyId) -> Result<Vec<Origin>, StoreError> {
        self.inner.origins(company).await
    }

    async fn users(&self, company: CompanyId) -> Result<Vec<UserRecord>, StoreError> {
        self.inner.users(company).await
    }

    async fn set_user_role(
        &self,
        company: CompanyId,
        id: UserId,
        role: Role,
        at: time::OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.inner.set_user_role(company, id, role, at).await
    }

    async fn delete_user(&self, company: CompanyId, id: UserId, at: time::OffsetDateTime) -> Result<(), StoreError> {
        self.inner.delete_user(company, id, at).await
    }

    async fn create_password_link(&self, link: &NewPasswordLink) -> Result<(), StoreError> {
        self.inner.create_password_link(link).await
    }

    async fn password_link(&self, selector: &str) -> Result<Option<PasswordLinkRecord>, StoreError> {
        self.inner.password_link(selector).await
    }

    async fn use_password_link(&self, selector: &str, password_hash: &str) -> Result<(), StoreError> {
        self.inner.use_password_link(selector, password_hash).await
    }

    async fn posting_by_id(&self, id: PostingId) -> Result<Option<Posting>, StoreError> {
        self.inner.posting_by_id(id).await
    }

    async fn secret(&self, name: &str, candidate: [u8; 32]) -> Result<[u8; 32], StoreError> {
        self.inner.secret(name, candidate).await
    }

    async fn submit_application(&self, application: &NewApplication) -> Result<Submitted, StoreError> {
        self.inner.submit_application(application).await
    }

    async fn application_by_selector(&self, selector: &str) -> Result<Option<ApplicationRecord>, StoreError> {
        self.inner.application_by_selector(selector).await
    }

    async fn application_events(&self, id: ApplicationId) -> Result<Vec<Event>, StoreError> {
        self.inner.application_events(id).await
    }

    async fn application_by_id(&self, id: ApplicationId) -> Result<Option<ApplicationRecord>, StoreError> {
        self.inner.application_by_id(id).await
    }

    async fn applications_of_posting(
        &self,
        posting: PostingId,
    ) -> Result<Vec<(ApplicationRecord, Vec<Event>)>, StoreError> {
        self.inner.applications_of_posting(posting).await
    }

    async fn append_event(&self, id: ApplicationId, seq: u64, event: &NewEvent) -> Result<Event, StoreError> {
        self.inner.append_event(id, seq, event).await
    }

    async fn erase_application(&self, id: ApplicationId, at: time::OffsetDateTime) -> Result<(), StoreError> {
        self.inner.erase_application(id, at).await
    }

    async fn put_cv(
        &self,
        id: ApplicationId,
        file_name: &str,
        content: &[u8],
        at: time::OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.inner.put_cv(id, file_name, content, at).await
    }

    async fn cv(&self, id: ApplicationId) -> Result<Option<(CvInfo, Vec<u8>)>, StoreError> {
        self.inner.cv(id).await
    }

    async fn cv_info(&self, id: ApplicationId) -> Result<Option<CvInfo>, StoreError> {
        self.inner.cv_info(id).await
    }

    async fn create_api_token(
        &self,
        company: CompanyId,
        role: Role,
        name: &str,
        selector: &str,
        verifier: &[u8],
        created_by: Option<UserId>,
    ) -> Result<(), StoreError> {
        self.inner.create_api_token(company, role, name, selector, verifier, created_by).await
    }

    async fn api_token_by_selector(&self, selector: &str) -> Result<Option<ApiTokenRecord>, StoreError> {
        self.inner.api_token_by_selector(selector).await
    }

    async fn api_tokens(&self, company: CompanyId) -> Result<Vec<ApiTokenInfo>, StoreError> {
        self.inner.api_tokens(company).await
    }

    async fn revoke_api_token(&self, company: CompanyId, id: i64, at: time::OffsetDateTime) -> Result<(), StoreError> {
        self.inner.revoke_api_token(company, id, at).await
    }

    async fn create_user(&self, user: &NewUser) -> Result<UserId, StoreError> {
        self.inner.create_user(user).await
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<UserRecord>, StoreError> {
        self.inner.user_by_email(email).await
    }

    async fn user_by_id(&self, id: UserId) -> Result<Option<UserRecord>, StoreError> {
        self.inner.user_by_id(id).await
    }

    async fn create_session(&self, session: &NewSession) -> Result<(), StoreError> {
        self.inner.create_session(session).await
    }

    async fn session_by_selector(&self, selector: &str) -> Result<Option<SessionRecord>, StoreError> {
        self.inner.session_by_selector(selector).await
    }

    async fn delete_session(&self, selector: &str) -> Result<(), StoreError> {
        self.inner.delete_session(selector).await
    }

    async fn closings_with_message(&self, company: CompanyId, message: &str) -> Result<u64, StoreError> {
        self.inner.closings_with_message(company, message).await
    }

    async fn create_question(&self, question: &NewQuestion) -> Result<QuestionId, StoreError> {
        self.inner.create_question(question).await
    }

    async fn question_by_selector(&self, selector: &str) -> Result<Option<QuestionRecord>, StoreError> {
        self.inner.question_by_selector(selector).await
    }

    async fn question_by_id(&self, id: QuestionId) -> Result<Option<QuestionRecord>, StoreError> {
        self.inner.question_by_id(id).await
    }

    async fn questions(
        &self,
        scope: QuestionScope,
        state: Option<QuestionState>,
    ) -> Result<Vec<QuestionRecord>, StoreError> {
        self.inner.questions(scope, state).await
    }

    async fn settle_question(
        &self,
        id: QuestionId,
        settlement: &Settlement,
        at: time::OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.inner.settle_question(id, settlement, at).await
    }
}
