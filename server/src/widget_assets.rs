//! The built widget, served to host pages on any allowed origin.

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, header};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::store::Store;
use crate::tenancy;

/// Serves `dir` (Trunk's output: the loader `candor.js`, the wasm-bindgen
/// glue, its snippets and the `.wasm`), preferring the `.br` and `.gz` files
/// the build wrote beside them. File names carry no hash, so browsers keep
/// them five minutes and then revalidate with `Last-Modified`.
pub fn routes(dir: &Path, store: Arc<dyn Store>) -> Router {
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
        .layer(tenancy::cors(store))
}
