//! The public read path for postings: the list with its filters, and one
//! posting with its process.

use axum::extract::{RawQuery, State};
use axum::routing::get;
use axum::{Json, Router};
use candor_api::{CompanySlug, Facets, PostingDetail, PostingList, PostingQuery, PostingSlug};

use crate::error::AppError;
use crate::extract::Path;
use crate::state::AppState;
use crate::store::PostingStatus;
use crate::tenancy::company;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/companies/{company}/postings", get(list))
        .route("/companies/{company}/postings/{posting}", get(detail))
}

async fn list(
    State(app): State<AppState>,
    Path(company_slug): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<PostingList>, AppError> {
    let company_slug = CompanySlug::parse(&company_slug)?;
    let pairs: Vec<_> = form_urlencoded::parse(raw.as_deref().unwrap_or_default().as_bytes()).collect();
    let query = PostingQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))?;
    let company = company(&app, &company_slug).await?;
    let open = app.store.open_postings(company.id).await?;
    let facets = Facets::of(&open);
    let total_open = open.len();
    let postings = open.into_iter().filter(|p| query.matches(p)).collect();
    Ok(Json(PostingList { postings, total_open, facets }))
}

async fn detail(
    State(app): State<AppState>,
    Path((company_slug, posting_slug)): Path<(String, String)>,
) -> Result<Json<PostingDetail>, AppError> {
    let company_slug = CompanySlug::parse(&company_slug)?;
    let posting_slug = PostingSlug::parse(&posting_slug)?;
    let company = company(&app, &company_slug).await?;
    let posting = app.store.posting(company.id, &posting_slug).await?.ok_or(AppError::PostingNotFound)?;
    match posting.status {
        PostingStatus::Open => Ok(Json(posting.detail)),
        PostingStatus::Closed => Err(AppError::PostingClosed),
        // A draft does not exist for the public.
        PostingStatus::Draft => Err(AppError::PostingNotFound),
    }
}
