//! The console's Outbox: what Candor sent, or will send, to whom and when,
//! what failed and why, and sending one again.
//!
//! An entry carries no body: every candidate mail holds the private status
//! link, which would let whoever reads it act as the candidate. The
//! recruiter sees what was said through the application itself.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::routing::{get, post};
use candor_api::mail::{Outbox, OutboxEntry};
use candor_api::{FieldError, Invalid};

use crate::auth::recruiter::{Acting, Recruiter};
use crate::clock::rfc3339;
use crate::http::error::AppError;
use crate::http::extract::Path;
use crate::http::state::AppState;
use crate::store::MailRecord;

/// Mails per page: a busy day's worth, small enough to draw at once.
pub const PAGE: u32 = 50;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/recruiter/outbox", get(list))
        .route("/api/v1/recruiter/outbox/{id}/resend", post(resend))
}

/// `GET /api/v1/recruiter/outbox?before=<id>`: newest first, a page at a
/// time; the next page starts before the last id of this one.
#[utoipa::path(get, path = "/api/v1/recruiter/outbox", tag = "recruiter", params(("before" = Option<String>, Query, description = "Mails before this id")), responses((status = 200, description = "50 mails, newest first", body = candor_api::mail::Outbox)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn list(
    State(app): State<AppState>,
    recruiter: Recruiter,
    RawQuery(query): RawQuery,
) -> Result<axum::Json<Outbox>, AppError> {
    // Read by hand: a query that isn't an id gets the API's JSON 400, not
    // the framework's plain text.
    let before = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(key, _)| key == "before")
        .map(|(_, value)| value.trim().to_owned());
    let before = match before.as_deref() {
        None | Some("") => None,
        Some(text) => Some(
            text.parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .ok_or_else(|| FieldError::new("before", Invalid::NotANumber))?,
        ),
    };
    let mails = app.store.outbox(recruiter.company, before, PAGE).await?;
    Ok(axum::Json(Outbox { mails: mails.into_iter().map(entry).collect(), delivering: app.mail.delivering }))
}

/// `POST /api/v1/recruiter/outbox/{id}/resend`: the very same message goes
/// again, now (a viewer only reads). Answers the entry as it is then.
#[utoipa::path(post, path = "/api/v1/recruiter/outbox/{id}/resend", tag = "recruiter", responses((status = 200, description = "Sent again", body = candor_api::mail::OutboxEntry)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn resend(
    State(app): State<AppState>,
    Acting(recruiter): Acting,
    Path(id): Path<i64>,
) -> Result<axum::Json<OutboxEntry>, AppError> {
    app.store.resend_mail(recruiter.company, id, app.clock.now()).await?;
    app.mail.ring();
    let mail = app.store.outbox_mail(recruiter.company, id).await?.ok_or(crate::store::StoreError::NotFound)?;
    Ok(axum::Json(entry(mail)))
}

/// A kept mail as the Outbox lists it, without its body.
pub fn entry(mail: MailRecord) -> OutboxEntry {
    OutboxEntry {
        id: mail.id,
        kind: mail.kind,
        recipient: mail.recipient,
        subject: mail.subject,
        locale: mail.locale,
        state: mail.state,
        attempts: mail.attempts,
        created_at: rfc3339(mail.created_at),
        sent_at: mail.sent_at.map(rfc3339),
        last_attempt_at: mail.last_attempt_at.map(rfc3339),
        last_answer: mail.last_answer,
        application: mail.application.map(|a| a.0),
    }
}
