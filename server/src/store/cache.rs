//! The public reads every careers page makes, kept in memory: a company, its
//! open postings (per language asked for), one posting (with all its
//! translations, from which each answer picks one), and the CORS check each
//! cross-origin request makes.
//!
//! The store's writes invalidate what they touch at once (every write to a
//! company, its postings or its origins, in `companies.rs` and
//! `postings.rs`), so one instance never serves its own stale data. Another instance's writes show within `TTL`, well
//! inside the minute that public answers already say they may be cached
//! (`Cache-Control: public, max-age=60`).

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use candor_api::{CompanySlug, Locale, Origin, PostingSlug, PostingSummary};
use moka::future::Cache;

use super::{Company, CompanyId, Posting, StoreError};

pub const TTL: Duration = Duration::from_secs(10);
const CAPACITY: u64 = 10_000;

pub struct PublicCache {
    pub companies: Cache<CompanySlug, Option<Company>>,
    /// Keyed by company and the language asked for (`None`: the default's):
    /// one language's list never answers for another.
    pub open_postings: Cache<(CompanyId, Option<Locale>), Arc<Vec<PostingSummary>>>,
    pub postings: Cache<(CompanyId, PostingSlug), Option<Posting>>,
    /// Keyed by company (`None`: any company) and origin.
    pub origins: Cache<(Option<CompanySlug>, Origin), bool>,
}

impl Default for PublicCache {
    fn default() -> Self {
        fn cache<K, V>() -> Cache<K, V>
        where
            K: std::hash::Hash + Eq + Send + Sync + 'static,
            V: Clone + Send + Sync + 'static,
        {
            Cache::builder().max_capacity(CAPACITY).time_to_live(TTL).support_invalidation_closures().build()
        }
        PublicCache { companies: cache(), open_postings: cache(), postings: cache(), origins: cache() }
    }
}

impl PublicCache {
    /// After a change to a company or its postings.
    pub async fn forget_company(&self, id: CompanyId) {
        for lang in std::iter::once(None).chain(Locale::ALL.map(Some)) {
            self.open_postings.invalidate(&(id, lang)).await;
        }
        // Few entries per company: a predicate beats keeping an index. It can
        // only fail if the caches were built without predicate support.
        let postings = self.postings.invalidate_entries_if(move |(company, _), _| *company == id);
        let companies = self.companies.invalidate_entries_if(move |_, c| c.as_ref().is_some_and(|c| c.id == id));
        if let Err(e) = postings.and(companies) {
            tracing::error!(error = %e, "invalidating cached public reads failed");
        }
    }

    /// After an origin was allowed: a refusal cached for it (for any company) must go.
    pub fn forget_origin(&self, origin: &Origin) {
        let origin = origin.clone();
        if let Err(e) = self.origins.invalidate_entries_if(move |(_, o), _| *o == origin) {
            tracing::error!(error = %e, "invalidating cached origin checks failed");
        }
    }
}

/// `key` from `cache` if there is one; a hit returns at once, without
/// building the load's future (measured: that alone cost the public list a
/// few per cent, BENCHMARKS.md), and concurrent misses of one key share one
/// load. Without a cache, the load.
pub async fn load<K, V, F, Fut>(cache: Option<&Cache<K, V>>, key: K, init: F) -> Result<V, StoreError>
where
    K: std::hash::Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<V, StoreError>>,
{
    let Some(cache) = cache else { return init().await };
    if let Some(hit) = cache.get(&key).await {
        return Ok(hit);
    }
    cache.try_get_with(key, init()).await.map_err(|e: Arc<StoreError>| match &*e {
        StoreError::NotFound => StoreError::NotFound,
        StoreError::Conflict(conflict) => StoreError::Conflict(*conflict),
        other => StoreError::Backend(anyhow::anyhow!("{other}")),
    })
}
