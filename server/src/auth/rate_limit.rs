//! Slowing down one client address: applying, asking, signing in and using
//! set-password links each have a budget per address (tower_governor).

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::response::IntoResponse;
use tower_governor::GovernorError;
use tower_governor::GovernorLayer;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::PeerIpKeyExtractor;

use crate::http::error::AppError;

/// How many requests one client may send: `burst` at once, then one
/// every `period`.
#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    pub burst: u32,
    pub period: Duration,
}

/// `router` behind a rate limit per client address, with its own budget:
/// 429 with `Retry-After` past it. Behind a reverse proxy every client has
/// the proxy's address: the limit then applies to all of them together.
pub fn limited_per_client<S: Clone + Send + Sync + 'static>(router: Router<S>, limit: RateLimit) -> Router<S> {
    let config = GovernorConfigBuilder::default()
        .key_extractor(PeerIpKeyExtractor)
        .period(limit.period)
        .burst_size(limit.burst.max(1))
        .finish()
        .expect("a positive period and burst make a valid rate limit");
    let governor = GovernorLayer::new(Arc::new(config)).error_handler(|error| {
        let error = match error {
            GovernorError::TooManyRequests { wait_time, .. } => AppError::RateLimited { retry_after: wait_time.max(1) },
            other => AppError::Internal(anyhow::anyhow!("rate limiter: {other}")),
        };
        error.into_response().map(Body::new)
    });
    router.layer(governor)
}
