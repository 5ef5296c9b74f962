//! The candidate's private status page, `/status#<token>`: the status link
//! every acknowledgement gives. The token travels in the fragment, so it
//! never reaches this server's logs or another site's `Referer`.

use axum::Router;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use candor_api::Locale;

const PAGE: &str = include_str!("status_page.html");
const CSS: &str = include_str!("status_page.css");

pub fn routes() -> Router {
    Router::new().route("/status", get(page)).route(
        "/status.css",
        get(|| async {
            ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=300")], CSS)
        }),
    )
}

async fn page(headers: HeaderMap) -> Response {
    let locale = Locale::negotiate(accepted_languages(&headers));
    let html = PAGE.replace("{{lang}}", locale.tag());
    let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; \
             img-src 'self' data: https:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    // The page holds no secret itself, but the fragment does: keep it out of other sites.
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// The languages of `Accept-Language`, best first by quality, `q=0` left out.
fn accepted_languages(headers: &HeaderMap) -> Vec<&str> {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(candor_api::locale::accepted_languages)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_language_picks_the_page_language() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("de-DE,de;q=0.9,sv;q=0.8,en;q=0.5"));
        assert_eq!(Locale::negotiate(accepted_languages(&headers)), Locale::Sv);
        assert_eq!(Locale::negotiate(accepted_languages(&HeaderMap::new())), Locale::En);
    }

    #[test]
    fn the_page_loads_only_the_candidate_bundle() {
        assert_eq!(PAGE.matches("<script").count(), 1);
        assert!(PAGE.contains(r#"<script type="module" src="/widget/candidate/candidate.js"></script>"#));
        assert!(!PAGE.contains("style=\""));
    }
}
