//! Which web origins may call a company's part of the API: the CORS
//! allowlist each company keeps.

use std::sync::Arc;
use std::time::Duration;

use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, Method, header};
use candor_api::{CompanySlug, Origin};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::store::Store;

/// The company a request path is about (`…/companies/{slug}/…`), if any.
fn company_in_path(path: &str) -> Option<CompanySlug> {
    let mut segments = path.split('/');
    segments.find(|s| *s == "companies")?;
    CompanySlug::parse(segments.next()?).ok()
}

/// CORS for Candor's public surface. A request about one company is allowed
/// from that company's origins; one about no company in particular (the
/// widget's files, shared by all) from any company's origins. No cookies
/// cross origins: the widget never sends credentials.
pub fn layer(store: Arc<dyn Store>) -> CorsLayer {
    let allow = AllowOrigin::async_predicate(move |origin: HeaderValue, parts: &Parts| {
        let company = company_in_path(parts.uri.path());
        let store = store.clone();
        async move {
            let Some(origin) = origin.to_str().ok().and_then(|o| Origin::parse(o).ok()) else { return false };
            let allowed = match &company {
                Some(company) => store.is_origin_allowed(company, &origin).await,
                None => store.is_origin_allowed_anywhere(&origin).await,
            };
            allowed.unwrap_or_else(|e| {
                tracing::error!(error = ?e, "checking the CORS allowlist failed; refusing the origin");
                false
            })
        }
    });
    CorsLayer::new()
        .allow_origin(allow)
        .allow_methods([Method::GET, Method::HEAD, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([
            header::CONTENT_TYPE,
            HeaderName::from_static("idempotency-key"),
            HeaderName::from_static("last-event-id"),
            // The candidate's and the asker's secrets (`secret_header.rs`).
            HeaderName::from_static("candor-application"),
            HeaderName::from_static("candor-question"),
        ])
        .expose_headers([header::ETAG, header::RETRY_AFTER])
        .max_age(Duration::from_secs(3600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_company_a_path_is_about() {
        assert_eq!(company_in_path("/api/v1/companies/northwind/postings").unwrap().as_str(), "northwind");
        assert_eq!(company_in_path("/companies/acme").unwrap().as_str(), "acme");
        assert_eq!(company_in_path("/widget/candor.js"), None);
        assert_eq!(company_in_path("/api/v1/companies/Not%20A%20Slug"), None);
        assert_eq!(company_in_path("/api/v1/companies"), None);
    }
}
