//! `POST /api/test/clock?advance_days=N`, mounted only with the hidden
//! `serve --test-clock`: browser journeys let a promised date pass without
//! sleeping for days.

use std::sync::Arc;

use axum::Router;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::routing::post;

use crate::clock::AdjustableClock;

#[derive(serde::Deserialize)]
struct Advance {
    advance_days: i64,
}

pub fn routes(clock: Arc<AdjustableClock>) -> Router {
    Router::new().route(
        "/api/test/clock",
        post(move |Query(Advance { advance_days }): Query<Advance>| async move {
            clock.advance_days(advance_days.clamp(-3650, 3650));
            StatusCode::NO_CONTENT
        }),
    )
}
