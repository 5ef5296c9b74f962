//! `GET /metrics`: the server's counters in Prometheus's text format.
//! Counts only (mails by kind, late promises), nothing about a company or
//! a person, so it is served on the main port without a key.

use std::sync::OnceLock;

use axum::Router;
use axum::http::header;
use axum::routing::get;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Sets up the process's one recorder the first time it is asked (a
/// process may build several servers, as the tests do: they share it);
/// `None` when something else installed a recorder first.
pub fn install() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| match PrometheusBuilder::new().install_recorder() {
            Ok(handle) => Some(handle),
            Err(e) => {
                tracing::warn!(error = %e, "metrics are not recorded");
                None
            }
        })
        .as_ref()
}

pub fn routes() -> Router {
    Router::new().route(
        "/metrics",
        get(|| async {
            let text = install().map(|h| {
                h.run_upkeep();
                h.render()
            });
            ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], text.unwrap_or_default())
        }),
    )
}
