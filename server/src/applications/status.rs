//! The candidate's view of their application, found by its status token:
//! the derived progress and the full history, read once or followed live.

use std::convert::Infallible;

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::response::sse::{Event as SseEvent, Sse};
use axum::routing::get;
use futures_util::Stream;

use super::timeline::{find, status_of};
use crate::http::caching::IfNoneMatch;
use crate::http::error::AppError;
use crate::http::secret_header::StatusTokenHeader;
use crate::http::sse;
use crate::http::state::AppState;
use crate::live::Change;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/application", get(status)).route("/api/v1/application/events", get(live_status))
}

#[utoipa::path(get, path = "/api/v1/application", tag = "candidate", responses((status = 200, description = "The status", body = candor_api::timeline::ApplicationStatus), (status = 304, description = "Not modified (If-None-Match)")), security(("application" = [])))]
async fn status(
    State(app): State<AppState>,
    token: StatusTokenHeader,
    cached: IfNoneMatch,
) -> Result<Response, AppError> {
    let application = find(&app, token.text()).await?;
    cached.private_json(&status_of(&app, application).await?)
}

/// The status as Server-Sent Events: a `status` event with the whole
/// `ApplicationStatus` now and after every change, its id the last event's
/// `seq`. A client that reconnects with `Last-Event-ID` gets a new snapshot
/// only if it missed something.
#[utoipa::path(get, path = "/api/v1/application/events", tag = "candidate", responses((status = 200, description = "Server-Sent Events, each an ApplicationStatus", body = String, content_type = "text/event-stream")), security(("application" = [])))]
async fn live_status(
    State(app): State<AppState>,
    token: StatusTokenHeader,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, AppError> {
    let application = find(&app, token.text()).await?;
    let mut seen: Option<u64> = headers.get("last-event-id").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    // Subscribed before the first read, so no change can fall in between.
    let mut watching = app.live.watch(Change::Application(application.id));
    let live = app.live.clone();
    let stream = async_stream::stream! {
        loop {
            // Read again each time: the candidate's own choices (the mail
            // they get) live on the row, not in its events.
            let current = match app.store.application(application.company, application.id).await {
                Ok(Some(current)) => current,
                Ok(None) => return,
                Err(e) => {
                    tracing::error!(error = ?e, "reading a watched application");
                    return;
                }
            };
            match status_of(&app, current).await {
                Ok(status) => {
                    let last = status.events.last().map_or(0, |e| e.seq);
                    if seen != Some(last) {
                        match SseEvent::default().event("status").id(last.to_string()).json_data(&status) {
                            Ok(event) => yield Ok(event),
                            Err(e) => { tracing::error!(error = %e, "encoding a status event"); return; }
                        }
                        seen = Some(last);
                    }
                }
                Err(e) => {
                    tracing::error!(error = ?e, "reading a watched application");
                    return;
                }
            }
            watching.changed().await;
        }
    };
    // Ended, with a reconnect hint, when this instance stops.
    Ok(sse::live(&live, stream))
}
