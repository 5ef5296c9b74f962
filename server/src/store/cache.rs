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
//!
//! A company's reads are keyed by its generation, which each write to it
//! moves on: what was read before the write, even a read still under way
//! while the write commits, sits under a key no later read asks for, and
//! ages out. (Removing entries instead lost to such a read, and moka's
//! predicate invalidation spares an entry written in the same clock tick:
//! concurrent writes and reads of postings served a posting as its draft
//! after it opened.)

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use candor_api::{CompanySlug, Locale, Origin, PostingSlug, PostingSummary};
use moka::future::Cache;

use super::{Company, CompanyId, Posting, StoreError};

pub const TTL: Duration = Duration::from_secs(10);
const CAPACITY: u64 = 10_000;

/// Which write to a company (or, for the companies themselves, to any
/// company) a cached read comes after.
pub type Generation = u64;

pub struct PublicCache {
    /// Keyed by the generation of all companies: a company's id is what
    /// its slug is read for.
    pub companies: Cache<(Generation, CompanySlug), Option<Company>>,
    /// Keyed by company and the language asked for (`None`: the default's):
    /// one language's list never answers for another.
    pub open_postings: Cache<(CompanyId, Generation, Option<Locale>), Arc<Vec<PostingSummary>>>,
    pub postings: Cache<(CompanyId, Generation, PostingSlug), Option<Posting>>,
    /// Keyed by company (`None`: any company) and origin.
    pub origins: Cache<(Option<CompanySlug>, Origin), bool>,
    companies_generation: AtomicU64,
    generations: Mutex<HashMap<CompanyId, Generation>>,
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
        PublicCache {
            companies: cache(),
            open_postings: cache(),
            postings: cache(),
            origins: cache(),
            companies_generation: AtomicU64::new(0),
            generations: Mutex::new(HashMap::new()),
        }
    }
}

impl PublicCache {
    /// The generation `company`'s postings are read under now.
    pub fn generation(&self, company: CompanyId) -> Generation {
        *self.generations.lock().unwrap_or_else(|e| e.into_inner()).get(&company).unwrap_or(&0)
    }

    /// The generation companies are read under now.
    pub fn companies_generation(&self) -> Generation {
        self.companies_generation.load(Ordering::SeqCst)
    }

    /// After a change to a company or its postings: its reads from before
    /// are asked for no more.
    pub async fn forget_company(&self, id: CompanyId) {
        *self.generations.lock().unwrap_or_else(|e| e.into_inner()).entry(id).or_default() += 1;
        self.companies_generation.fetch_add(1, Ordering::SeqCst);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The race the generations close: a read that loaded before a write
    /// (a posting still a draft) is under a key no read after it asks for.
    #[tokio::test]
    async fn a_read_from_before_a_write_is_never_served_after_it() {
        let cache = PublicCache::default();
        let (northwind, acme) = (CompanyId(1), CompanyId(2));
        let key = |cache: &PublicCache, company| (company, cache.generation(company), None);
        let before = key(&cache, northwind);
        let loaded = load(Some(&cache.open_postings), before, || async { Ok(Arc::new(Vec::new())) });
        assert!(loaded.await.unwrap().is_empty());
        let acme_before = key(&cache, acme);
        let companies_before = cache.companies_generation();
        cache.forget_company(northwind).await;
        assert_ne!(key(&cache, northwind), before, "northwind's reads from before are asked for no more");
        assert_eq!(key(&cache, acme), acme_before, "another company's are");
        assert_ne!(cache.companies_generation(), companies_before);
        let fresh = load(Some(&cache.open_postings), key(&cache, northwind), || async {
            Err::<Arc<Vec<PostingSummary>>, _>(StoreError::NotFound)
        });
        assert!(matches!(fresh.await, Err(StoreError::NotFound)), "read again, not served from before");
    }
}
