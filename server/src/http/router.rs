//! How the routes of every feature become one service: the API's answers
//! for unknown paths and methods, CORS, and the layers every answer passes
//! through. Which features there are is `startup.rs`'s to say, so that this
//! folder stays below them.

use axum::response::IntoResponse;
use axum::routing::any;
use axum::{Router, middleware};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

use super::cors;
use super::error::AppError;
use super::prometheus;
use super::query::{self, QueryParameters};
use super::state::AppState;

/// The JSON API v1 from the features' routes, which carry their full path
/// under `/api/v1/` (a nested router costs a second routing pass on every
/// request): an unknown path or method answers in the API's JSON error,
/// and cross-origin callers are checked against each company's origins.
/// Every feature route refuses the query parameters it doesn't take.
pub fn api(features: Router<AppState>, state: AppState, parameters: QueryParameters) -> Router {
    features
        .route_layer(middleware::from_fn_with_state(parameters, query::refuse_unknown))
        .route("/api/v1/{*rest}", any(|| async { AppError::RouteNotFound }))
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed })
        .layer(cors::layer(state.store.clone()))
        .with_state(state)
}

/// Everything one Candor origin serves, behind the layers every answer
/// passes through: a JSON 404, compression, a panic answered as a 500,
/// and each answer counted for `/metrics` (outermost, so that it counts
/// the 500 of a panic too; after routing, so that it knows the route).
pub fn site(routes: Router) -> Router {
    // Per-request tracing costs about a fifth of the public list's
    // throughput even when its events are filtered out, so the layer is
    // there only when someone asked for it (CANDOR_LOG=tower_http=debug).
    // Failures are logged either way, by AppError.
    let trace_requests = tracing::enabled!(target: "tower_http::trace::on_response", tracing::Level::DEBUG);
    let app = routes.fallback(|| async { AppError::RouteNotFound }).layer(CompressionLayer::new()).layer(
        CatchPanicLayer::custom(|_| AppError::Internal(anyhow::anyhow!("a request handler panicked")).into_response()),
    );
    let app = app.layer(middleware::from_fn(prometheus::track));
    // The path only: a query can hold a capability (the stop link's code).
    let trace = TraceLayer::new_for_http().make_span_with(|request: &axum::extract::Request| {
        tracing::debug_span!("request", method = %request.method(), path = %request.uri().path())
    });
    if trace_requests { app.layer(trace) } else { app }
}
