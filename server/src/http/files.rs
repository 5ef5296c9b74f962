//! Files in answers: the built bundles (the widget for host pages on any
//! allowed origin, the console on Candor's own), and a stored CV as a
//! download.

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use candor_api::cv::CvInfo;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use super::cors;
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
pub fn console(dir: &Path) -> Router {
    if !dir.join("index.html").is_file() {
        tracing::warn!(dir = %dir.display(), "the console is not built there; /console/ will answer 404 (run the demo or test script)");
    }
    Router::new()
        .route("/console", get(|| async { Redirect::permanent("/console/") }))
        .route_service("/console/", ServeFile::new(dir.join("index.html")))
        .nest_service("/console/assets", ServeDir::new(dir))
}

/// A stored CV as a download. Served as an attachment with its type fixed,
/// so that no browser renders an upload in Candor's origin.
pub fn pdf_download(info: &CvInfo, content: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", info.file_name.replace(['"', '\\'], "_"));
    let disposition =
        HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment; filename=\"cv.pdf\""));
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("application/pdf")),
        (header::CONTENT_DISPOSITION, disposition),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
    ];
    (headers, content).into_response()
}
