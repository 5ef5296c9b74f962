//! The demo: Northwind Dental's data, and careers pages that embed the widget
//! the way a company's own site would, under a strict Content-Security-Policy
//! and a stylesheet that tries its best to break the widget; and the mailbox
//! that shows the mails the demo wrote (`mailbox.rs`), as it has no mail server.

pub mod mailbox;
pub mod seed;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

pub use seed::{COMPANY, seed};

/// An address where nothing listens: the API-down page points the widget there.
pub const DEAD_API: &str = "http://127.0.0.1:9";

const CAREERS_EN: &str = include_str!("pages/careers.en.html");
const CAREERS_FI: &str = include_str!("pages/careers.fi.html");
const API_DOWN: &str = include_str!("pages/api-down.html");
const SITE_CSS: &str = include_str!("pages/site.css");
const LOGO: &str = include_str!("pages/logo.svg");

/// The demo pages on Candor's own origin, under `/demo/`.
pub fn pages(candor: &str) -> Router {
    let page = |template: &'static str, connect_extra: &'static str| {
        let html = render(template, candor, "/demo", "/demo/", "");
        let csp = csp(candor, &format!("'self' {connect_extra}"));
        get(move || async move { html_page(html, &csp) })
    };
    Router::new()
        .route("/demo", get(|| async { Redirect::permanent("/demo/") }))
        .route("/demo/", page(CAREERS_EN, ""))
        .route("/demo/fi/", page(CAREERS_FI, ""))
        .route("/demo/api-down/", page(API_DOWN, DEAD_API))
        .route("/demo/site.css", get(|| async { asset("text/css; charset=utf-8", SITE_CSS) }))
        .route("/demo/logo.svg", get(|| async { asset("image/svg+xml", LOGO) }))
}

/// The company's own careers site on a second origin, embedding the widget
/// from Candor's origin as a real customer would.
pub fn site(candor: &str, site: &str) -> Router {
    let banner = format!(
        "<div class=\"demo-banner\" role=\"note\">Demo: this page is served from <strong>{}</strong>, \
         another origin than Candor's <strong>{}</strong>.</div>",
        escape(site),
        escape(candor)
    );
    let html = render(CAREERS_EN, candor, "", "/", &banner);
    let csp = csp(candor, candor);
    Router::new()
        .route("/", get(move || async move { html_page(html, &csp) }))
        .route("/site.css", get(|| async { asset("text/css; charset=utf-8", SITE_CSS) }))
        .route("/logo.svg", get(|| async { asset("image/svg+xml", LOGO) }))
}

/// A policy a careful company would set: scripts only from itself and
/// Candor, no inline script or style, no eval but WebAssembly compilation.
fn csp(candor: &str, connect: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' {candor} 'wasm-unsafe-eval'; connect-src {connect}; \
         style-src 'self'; img-src 'self' {candor} data:; font-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

fn render(template: &str, candor: &str, assets: &str, home: &str, banner: &str) -> String {
    template
        .replace("{{candor}}", &escape(candor))
        .replace("{{assets}}", assets)
        .replace("{{home}}", home)
        .replace("{{dead_api}}", DEAD_API)
        .replace("{{banner}}", banner)
}

/// Escapes a configured URL for an HTML attribute or text.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn html_page(html: String, csp: &str) -> Response {
    let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
    if let Ok(csp) = HeaderValue::from_str(csp) {
        response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=300")], body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_carry_no_inline_script_and_load_the_widget_from_candor() {
        for template in [CAREERS_EN, CAREERS_FI, API_DOWN] {
            let html = render(template, "http://127.0.0.1:8080", "/demo", "/demo/", "");
            assert!(html.contains(r#"<script type="module" src="http://127.0.0.1:8080/widget/candor.js"></script>"#));
            assert_eq!(html.matches("<script").count(), 1, "only the widget's module script");
            assert!(!html.contains("{{"), "every placeholder is filled");
            assert!(!html.contains("style=\""), "no inline style: the policy forbids it");
        }
    }

    #[test]
    fn the_policy_forbids_inline_script_and_eval() {
        let policy = csp("http://candor.test", "'self'");
        assert!(policy.contains("script-src 'self' http://candor.test 'wasm-unsafe-eval';"));
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"));
    }
}
