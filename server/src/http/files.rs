//! Files in answers: the built bundles (the widget for host pages on any
//! allowed origin, the console on Candor's own), and a stored CV as a
//! download.

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{any, get};
use candor_api::cv::CvInfo;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use super::cors;
use super::error::AppError;
use crate::store::Store;

/// Serves `dir` (Trunk's output: the loader `candor.js`, the wasm-bindgen
/// glue, its snippets and the `.wasm`), preferring the `.br` and `.gz` files
/// the build wrote beside them. File names carry no hash, so browsers keep
/// them five minutes and then revalidate with `Last-Modified`.
pub fn widget(dir: &Path, store: Arc<dyn Store>) -> Router {
    if !dir.join("candor.js").is_file() {
        tracing::warn!(dir = %dir.display(), "the widget is not built there; /widget/ will answer 404 (run the demo or test script, or trunk build)");
    }
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    Router::new()
        .fallback_service(files)
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=300"),
        ))
        .layer(cors::layer(store))
}

/// The console's page and files (`trunk build` in `console/`), at `/console/`.
/// Every view has its own path (`/console/applications/7`), so the page is
/// the answer for any path under `/console/` that is not its API or its
/// files: a reload or a link sent to a colleague opens that view. A missing
/// asset or API path still answers 404. The same page answers `/report`,
/// where a progress report's reader opens their link (the bundle draws only
/// the report there; the link's secret after `#` never reaches the server
/// in the address).
pub fn console(dir: &Path) -> Router {
    if !dir.join("index.html").is_file() {
        tracing::warn!(dir = %dir.display(), "the console is not built there; /console/ will answer 404 (run the demo or test script)");
    }
    let index = dir.join("index.html");
    let page = get(move || console_page(index.clone()));
    Router::new()
        .route("/console", get(|| async { Redirect::permanent("/console/") }))
        .route("/console/", page.clone())
        .route("/console/{*view}", page.clone())
        .route("/report", page)
        .route("/console/api/{*rest}", any(|| async { AppError::RouteNotFound }))
        .nest_service("/console/assets", ServeDir::new(dir))
}

/// The console's page with the headers that keep it to itself: never
/// framed (a page framing the console could lay its own content over a
/// button), no referrer (a report reader's page holds its secret after
/// `#`), and a Content-Security-Policy that lets nothing but Candor's own
/// files run. Trunk writes the loader as an inline module script whose text
/// names the build's hashed files, so its hash is taken from the page as
/// it is on disk now (read at each request: the page is small, and a
/// rebuilt console is served right without a restart).
async fn console_page(index: std::path::PathBuf) -> Response {
    let Ok(html) = tokio::fs::read_to_string(&index).await else {
        return AppError::RouteNotFound.into_response();
    };
    let scripts: String = inline_scripts(&html).map(|s| format!(" 'sha256-{}'", sha256_base64(s))).collect();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; connect-src 'self'; style-src 'self'; \
         img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    );
    let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
    let h = response.headers_mut();
    if let Ok(policy) = HeaderValue::from_str(&policy) {
        h.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// The texts of a page's inline `<script>` elements (those without `src`).
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (tag, after) = rest.split_once('>')?;
        let (text, _) = after.split_once("</script>")?;
        (!tag.contains("src=")).then_some(text)
    })
}

fn sha256_base64(text: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text.as_bytes()))
}

/// A stored CV as a download. Served as an attachment with its type fixed,
/// so that no browser renders an upload in Candor's origin.
pub fn pdf_download(info: &CvInfo, content: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", safe_name(info));
    pdf(disposition, Vec::new(), content)
}

/// A stored CV shown in the console's own page (an `<iframe>`): inline, but
/// only as a PDF (its type fixed, never sniffed: uploads are checked to be
/// PDFs) and only framed by Candor's own origin, with nothing of its own
/// allowed to load or run beyond the browser's PDF viewer.
pub fn pdf_inline(info: &CvInfo, content: Vec<u8>) -> Response {
    let disposition = format!("inline; filename=\"{}\"", safe_name(info));
    let policy = HeaderValue::from_static("default-src 'none'; frame-ancestors 'self'");
    let frames = HeaderValue::from_static("SAMEORIGIN");
    pdf(disposition, vec![(header::CONTENT_SECURITY_POLICY, policy), (header::X_FRAME_OPTIONS, frames)], content)
}

fn safe_name(info: &CvInfo) -> String {
    info.file_name.replace(['"', '\\'], "_")
}

fn pdf(disposition: String, mut headers: Vec<(header::HeaderName, HeaderValue)>, content: Vec<u8>) -> Response {
    let disposition =
        HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment; filename=\"cv.pdf\""));
    headers.extend([
        (header::CONTENT_TYPE, HeaderValue::from_static("application/pdf")),
        (header::CONTENT_DISPOSITION, disposition),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
    ]);
    let mut response = content.into_response();
    for (name, value) in headers {
        response.headers_mut().insert(name, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_inline_scripts_only() {
        let page = r#"<head><script src="/a.js"></script><script type="module">import init from '/x.js';</script></head>
<body><script>b()</script></body>"#;
        assert_eq!(inline_scripts(page).collect::<Vec<_>>(), ["import init from '/x.js';", "b()"]);
        // The value a browser checks `'sha256-…'` against (RFC 6234's "abc").
        assert_eq!(sha256_base64("abc"), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
    }
}
