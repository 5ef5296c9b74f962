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
use tower_http::services::{ServeDir, ServeFile};
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
    let page = ServeFile::new(dir.join("index.html"));
    Router::new()
        .route("/console", get(|| async { Redirect::permanent("/console/") }))
        .route_service("/console/", page.clone())
        .route_service("/console/{*view}", page.clone())
        .route_service("/report", page)
        .route("/console/api/{*rest}", any(|| async { AppError::RouteNotFound }))
        .nest_service("/console/assets", ServeDir::new(dir))
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
