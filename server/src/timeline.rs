//! The candidate's view of their application: found by its status token,
//! shown as the derived progress and the full history.

use std::convert::Infallible;

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::routing::get;
use futures_util::Stream;
use tokio::sync::broadcast;
use candor_api::timeline::{self, ApplicationStatus, CompanyRef, PostingRef};

use crate::caching::IfNoneMatch;
use crate::error::AppError;
use crate::extract::Path;
use crate::state::AppState;
use crate::store::{ApplicationId, CompanyId, PostingId};
use crate::tokens::StatusToken;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/applications/{token}", get(status))
        .route("/api/v1/applications/{token}/events", get(live_status))
}

/// The status as Server-Sent Events: a `status` event with the whole
/// [`ApplicationStatus`] now and after every change, its id the last event's
/// `seq`. A client that reconnects with `Last-Event-ID` gets a new snapshot
/// only if it missed something.
async fn live_status(
    State(app): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, AppError> {
    let application = find(&app, &token).await?;
    let mut seen: Option<u64> = headers.get("last-event-id").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    // Subscribed before the first read, so no change can fall in between.
    let mut changes = app.live.subscribe();
    let stream = async_stream::stream! {
        loop {
            match status_of(&app, application.id, application.company, application.posting).await {
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
            loop {
                match changes.recv().await {
                    Ok(changed) if changed == application.id => break,
                    Ok(_) => continue,
                    // Fell behind: whatever happened, a reload covers it.
                    Err(broadcast::error::RecvError::Lagged(_)) => break,
                    Err(broadcast::error::RecvError::Closed) => return,
                }
            }
        }
    };
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}

async fn status(State(app): State<AppState>, Path(token): Path<String>, cached: IfNoneMatch) -> Result<Response, AppError> {
    let application = find(&app, &token).await?;
    cached.private_json(&status_of(&app, application.id, application.company, application.posting).await?)
}

/// The application a token opens. Unknown, malformed and wrong tokens are
/// all the same 404: nothing tells whether an application ever existed.
pub async fn find(app: &AppState, token: &str) -> Result<crate::store::ApplicationRecord, AppError> {
    let token = StatusToken::parse(token).ok_or(AppError::ApplicationNotFound)?;
    let record = app.store.application_by_selector(&token.selector()).await?.ok_or(AppError::ApplicationNotFound)?;
    if token.verifies(&record.token_verifier) { Ok(record) } else { Err(AppError::ApplicationNotFound) }
}

/// Everything the status view shows, derived as of today.
pub async fn status_of(
    app: &AppState,
    id: ApplicationId,
    company: CompanyId,
    posting: PostingId,
) -> Result<ApplicationStatus, AppError> {
    let missing = || AppError::Internal(anyhow::anyhow!("application {} lost its company or posting", id.0));
    let company = app.store.company_by_id(company).await?.ok_or_else(missing)?;
    let posting = app.store.posting_by_id(posting).await?.ok_or_else(missing)?;
    let events = app.store.application_events(id).await?;
    let progress = timeline::derive(&posting.detail.stages, &events, app.clock.today());
    Ok(ApplicationStatus {
        company: CompanyRef { slug: company.public.slug, name: company.public.name },
        posting: PostingRef { slug: posting.detail.summary.slug, title: posting.detail.summary.title },
        progress,
        events,
    })
}
