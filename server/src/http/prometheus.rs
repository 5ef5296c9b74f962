//! `GET /metrics`: the server's figures in Prometheus's text format.
//! Counts, times and depths only (requests by route, mails by kind, open
//! streams, the outbox, the database pool), nothing about a company or a
//! person, so it is served on the main port without a key.
//!
//! The requests are counted by a middleware here, by the route's pattern
//! (`/api/v1/companies/{company}/postings`), never by the path a request
//! named: that keeps the series few and holds no slug a company chose.

use std::sync::OnceLock;
use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use super::state::AppState;

pub const REQUESTS: &str = "candor_http_requests_total";
pub const REQUEST_SECONDS: &str = "candor_http_request_duration_seconds";
pub const OPEN_STREAMS: &str = "candor_open_streams";
pub const OUTBOX_PENDING: &str = "candor_outbox_pending";
pub const OUTBOX_OLDEST_SECONDS: &str = "candor_outbox_oldest_pending_seconds";
pub const POOL_CONNECTIONS: &str = "candor_db_pool_connections";
pub const POOL_MAX: &str = "candor_db_pool_max_connections";

/// Prometheus' text exposition format.
const TEXT_FORMAT: &str = "text/plain; version=0.0.4; charset=utf-8";

/// From a fast cached read (well under a millisecond) to a slow write that
/// waits for the disk or a lock.
const LATENCY_BUCKETS: [f64; 12] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5];

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Sets up the process's one recorder the first time it is asked (a
/// process may build several servers, as the tests do: they share it);
/// `None` when something else installed a recorder first.
pub fn install() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(REQUEST_SECONDS.to_owned()), &LATENCY_BUCKETS)
                .and_then(|builder| builder.install_recorder());
            match recorder {
                Ok(handle) => {
                    describe();
                    Some(handle)
                }
                Err(e) => {
                    tracing::warn!(error = %e, "metrics are not recorded");
                    None
                }
            }
        })
        .as_ref()
}

fn describe() {
    metrics::describe_counter!(REQUESTS, "Requests answered, by method, route pattern and status");
    metrics::describe_histogram!(
        REQUEST_SECONDS,
        metrics::Unit::Seconds,
        "Time to answer a request (to its head, for a stream), by method and route pattern"
    );
    metrics::describe_gauge!(OPEN_STREAMS, "Live status and question streams open on this instance");
    metrics::describe_gauge!(OUTBOX_PENDING, "Mails in the outbox not yet sent, across every instance");
    metrics::describe_gauge!(OUTBOX_OLDEST_SECONDS, "How long the oldest unsent mail has waited (0 when none)");
    metrics::describe_gauge!(POOL_CONNECTIONS, "This instance's database connections, by state (in_use, idle)");
    metrics::describe_gauge!(POOL_MAX, "The most database connections this instance opens");
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/metrics", get(scrape))
}

async fn scrape(State(state): State<AppState>) -> Response {
    let Some(handle) = install() else {
        return ([(header::CONTENT_TYPE, TEXT_FORMAT)], String::new()).into_response();
    };
    // Read when asked: the outbox is shared by every instance, and a
    // gauge kept up to date by each write would be this instance's view.
    match state.store.outbox_depth().await {
        Ok(depth) => {
            metrics::gauge!(OUTBOX_PENDING).set(depth.pending as f64);
            let age = depth.oldest.map_or(0.0, |at| (state.clock.now() - at).as_seconds_f64().max(0.0));
            metrics::gauge!(OUTBOX_OLDEST_SECONDS).set(age);
        }
        // The page still answers, with the outbox's last figures.
        Err(e) => tracing::warn!(error = %e, "the outbox's depth could not be read"),
    }
    let pool = state.store.pool_use();
    metrics::gauge!(POOL_CONNECTIONS, "state" => "in_use").set(pool.open.saturating_sub(pool.idle) as f64);
    metrics::gauge!(POOL_CONNECTIONS, "state" => "idle").set(pool.idle as f64);
    metrics::gauge!(POOL_MAX).set(pool.max as f64);
    handle.run_upkeep();
    ([(header::CONTENT_TYPE, TEXT_FORMAT)], handle.render()).into_response()
}

/// Counts and times every request, by the pattern of the route that
/// answered it (`unmatched` for the 404s of paths no route has).
pub async fn track(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let route = route.unwrap_or_else(|| "unmatched".to_owned());
    let status = response.status().as_u16().to_string();
    metrics::histogram!(REQUEST_SECONDS, "method" => method.clone(), "route" => route.clone())
        .record(started.elapsed().as_secs_f64());
    metrics::counter!(REQUESTS, "method" => method, "route" => route, "status" => status).increment(1);
    response
}

/// Held by each open stream: the gauge counts it until it is dropped, by
/// its end or by the browser going away.
pub struct StreamOpen(());

impl StreamOpen {
    pub fn open() -> Self {
        metrics::gauge!(OPEN_STREAMS).increment(1.0);
        StreamOpen(())
    }
}

impl Drop for StreamOpen {
    fn drop(&mut self) {
        metrics::gauge!(OPEN_STREAMS).decrement(1.0);
    }
}
