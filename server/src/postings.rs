//! The public read path for postings: the list with its filters, and one
//! posting with its process.

use std::sync::Arc;

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::HeaderValue;
use axum::response::Response;
use axum::routing::get;
use bytes::Bytes;
use candor_api::{CompanySlug, Facets, PostingList, PostingQuery, PostingSlug, PostingSummary};

use crate::caching::{self, IfNoneMatch};
use crate::error::AppError;
use crate::extract::Path;
use crate::state::AppState;
use crate::store::{CompanyId, PostingStatus};
use crate::tenancy::company;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/companies/{company}/postings", get(list))
        .route("/api/v1/companies/{company}/postings/{posting}", get(detail))
}

async fn list(
    State(app): State<AppState>,
    Path(company_slug): Path<String>,
    RawQuery(raw): RawQuery,
    cached: IfNoneMatch,
) -> Result<Response, AppError> {
    let company_slug = CompanySlug::parse(&company_slug)?;
    let pairs: Vec<_> = form_urlencoded::parse(raw.as_deref().unwrap_or_default().as_bytes()).collect();
    let query = PostingQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))?;
    let company = company(&app, &company_slug).await?;
    let open = app.store.open_postings(company.id).await?;
    if query.is_empty() {
        let (body, tag) = app.rendered_lists.unfiltered(company.id, &open)?;
        return Ok(cached.respond(body, tag));
    }
    cached.json(&list_of(&open, &query))
}

fn list_of(open: &[PostingSummary], query: &PostingQuery) -> PostingList {
    PostingList {
        postings: open.iter().filter(|p| query.matches(p)).cloned().collect(),
        total_open: open.len(),
        facets: Facets::of(open),
    }
}

/// The unfiltered list as JSON with its ETag, rendered once per snapshot of
/// a company's open postings: most requests ask for exactly that, and
/// serving bytes keeps the list within reach of a plain static handler's
/// throughput (see BENCHMARKS.md). A snapshot is recognised by identity: the
/// store hands out a new `Arc` whenever the postings change.
#[derive(Clone)]
pub struct RenderedLists(moka::sync::Cache<CompanyId, (Arc<Vec<PostingSummary>>, Bytes, HeaderValue)>);

impl Default for RenderedLists {
    fn default() -> Self {
        RenderedLists(moka::sync::Cache::builder().max_capacity(10_000).build())
    }
}

impl RenderedLists {
    fn unfiltered(
        &self,
        company: CompanyId,
        open: &Arc<Vec<PostingSummary>>,
    ) -> Result<(Bytes, HeaderValue), AppError> {
        if let Some((snapshot, body, tag)) = self.0.get(&company) {
            if Arc::ptr_eq(&snapshot, open) {
                return Ok((body, tag));
            }
        }
        let body =
            Bytes::from(serde_json::to_vec(&list_of(open, &PostingQuery::default())).map_err(anyhow::Error::from)?);
        let tag = caching::tag_of(&body);
        self.0.insert(company, (open.clone(), body.clone(), tag.clone()));
        Ok((body, tag))
    }
}

async fn detail(
    State(app): State<AppState>,
    Path((company_slug, posting_slug)): Path<(String, String)>,
    cached: IfNoneMatch,
) -> Result<Response, AppError> {
    let company_slug = CompanySlug::parse(&company_slug)?;
    let posting_slug = PostingSlug::parse(&posting_slug)?;
    let company = company(&app, &company_slug).await?;
    let posting = app.store.posting(company.id, &posting_slug).await?.ok_or(AppError::PostingNotFound)?;
    match posting.status {
        PostingStatus::Open => cached.json(&posting.detail),
        PostingStatus::Closed => Err(AppError::PostingClosed),
        // A draft does not exist for the public.
        PostingStatus::Draft => Err(AppError::PostingNotFound),
    }
}
