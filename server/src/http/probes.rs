//! `GET /healthz` and `GET /readyz`, for a load balancer or an
//! orchestrator. Alive is "this process answers"; ready is "send me
//! requests": the database answers, with every migration this binary
//! carries applied, and the instance is not stopping (once `SIGTERM`
//! came, the proxy should route around it while it finishes).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use super::error::AppError;
use super::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/healthz", get(alive)).route("/readyz", get(ready))
}

async fn alive() -> Json<Value> {
    Json(json!({"status": "alive"}))
}

async fn ready(State(state): State<AppState>) -> Result<Json<Value>, AppError> {
    if state.live.is_closing() {
        return Err(AppError::NotReady("this instance is stopping"));
    }
    let schema = state.store.schema().await.map_err(|e| {
        tracing::warn!(error = %e, "not ready: the database does not answer");
        AppError::NotReady("the database does not answer")
    })?;
    if !schema.is_current() {
        tracing::warn!(applied = schema.applied, expected = schema.expected, "not ready: migrations missing");
        return Err(AppError::NotReady("the database lacks migrations this version needs"));
    }
    Ok(Json(json!({"status": "ready", "schema": schema.applied})))
}
