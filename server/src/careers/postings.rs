//! The public read path for postings: the list with its filters, and one
//! posting with its process, each in the visitor's language (`?lang=`,
//! which the widget sends) where the company wrote a translation into it.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use candor_api::translation::{lang_from_pairs, shown_in};
use candor_api::{CompanySlug, Facets, PostingList, PostingQuery, PostingSlug, PostingSummary};

use crate::http::caching::IfNoneMatch;
use crate::http::error::AppError;
use crate::http::extract::Path;
use crate::http::state::AppState;
use crate::store::PostingStatus;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/companies/{company}/postings", get(list))
        .route("/api/v1/companies/{company}/postings/{posting}", get(detail))
}

#[utoipa::path(get, path = "/api/v1/companies/{company}/postings", tag = "careers", params(("department" = Option<String>, Query, description = "Only this department"), ("location" = Option<String>, Query, description = "Only this location"), ("remote" = Option<String>, Query, description = "true or false"), ("q" = Option<String>, Query, description = "Words to search for"), ("lang" = Option<String>, Query, description = "The language to show postings in")), responses((status = 200, description = "Open postings with facets", body = candor_api::PostingList), (status = 304, description = "Not modified (If-None-Match)")))]
async fn list(
    State(app): State<AppState>,
    Path(company_slug): Path<String>,
    RawQuery(raw): RawQuery,
    cached: IfNoneMatch,
) -> Result<Response, AppError> {
    let company_slug = CompanySlug::parse(&company_slug)?;
    let pairs: Vec<_> = form_urlencoded::parse(raw.as_deref().unwrap_or_default().as_bytes()).collect();
    let query = PostingQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))?;
    let company = app.company_named(&company_slug).await?;
    let open = app.store.open_postings(company.id, query.lang).await?;
    if query.is_empty() {
        let (body, tag) = app.rendered_lists.of(company.id, query.lang, &open, || list_of(&open, &query))?;
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

#[utoipa::path(get, path = "/api/v1/companies/{company}/postings/{posting}", tag = "careers", params(("lang" = Option<String>, Query, description = "The language to show the posting in")), responses((status = 200, description = "One open posting", body = candor_api::PostingDetail), (status = 304, description = "Not modified (If-None-Match)"), (status = 410, description = "Closed or expired", body = candor_api::ApiError)))]
async fn detail(
    State(app): State<AppState>,
    Path((company_slug, posting_slug)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
    cached: IfNoneMatch,
) -> Result<Response, AppError> {
    let (company_slug, posting_slug) = (CompanySlug::parse(&company_slug)?, PostingSlug::parse(&posting_slug)?);
    let pairs: Vec<_> = form_urlencoded::parse(raw.as_deref().unwrap_or_default().as_bytes()).collect();
    let lang = lang_from_pairs(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))?;
    let company = app.company_named(&company_slug).await?;
    let posting = app.published_posting(company.id, &posting_slug).await?;
    match posting.status {
        PostingStatus::Open => match lang {
            Some(wanted) => cached.json(&shown_in(&posting.detail, &posting.translations, wanted)),
            None => cached.json(&posting.detail),
        },
        _ => Err(AppError::PostingClosed),
    }
}
