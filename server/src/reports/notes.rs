//! The recruiter's notes on a report, an update or a warning, and the
//! readers' replies to them as the console's inbox shows them, until a
//! recruiter marks each seen.

use std::collections::HashMap;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use candor_api::PostingSlug;
use candor_api::reports::{NewNote, Note, ReplyForRecruiter};
use candor_api::timeline::PostingRef;

use crate::auth::recruiter::Acting;
use crate::clock::rfc3339;
use crate::http::error::AppError;
use crate::http::extract::{Json, Path};
use crate::http::state::AppState;
use crate::store::{Company, NewReportNote, ReportReplyId, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/recruiter/postings/{posting}/report/notes", post(write))
        .route("/api/v1/recruiter/report/replies/{id}/seen", post(seen))
}

/// A note is on the report from the moment it is written; a warning sits
/// on top of it.
async fn write(
    State(app): State<AppState>,
    Acting(recruiter): Acting,
    Path(slug): Path<String>,
    Json(asked): Json<NewNote>,
) -> Result<(StatusCode, axum::Json<Note>), AppError> {
    let posting = app.posting_named(recruiter.company, &PostingSlug::parse(&slug)?).await?;
    let valid = asked.validate()?;
    let note = NewReportNote {
        company: recruiter.company,
        posting: posting.id,
        kind: valid.kind,
        body: valid.body,
        author: recruiter.name(&app).await?,
        written_at: app.clock.now(),
    };
    // A warning's mail to each reader goes with it, in the same
    // transaction, once the report mails exist.
    let mails = Vec::new();
    let note = app.store.create_report_note(&note, mails).await?;
    Ok((StatusCode::CREATED, axum::Json(note)))
}

/// The reply leaves the inbox; another company's is the same 404 as one
/// that doesn't exist.
async fn seen(
    State(app): State<AppState>,
    Acting(recruiter): Acting,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    match app.store.mark_report_reply_seen(recruiter.company, ReportReplyId(id), app.clock.now()).await {
        Err(StoreError::NotFound) => Err(AppError::ReplyNotFound),
        other => other.map(|()| StatusCode::NO_CONTENT).map_err(AppError::from),
    }
}

/// The company's replies no one has marked seen, newest first, for the inbox.
pub async fn unseen(app: &AppState, company: &Company) -> Result<Vec<ReplyForRecruiter>, AppError> {
    let replies = app.store.unseen_report_replies(company.id).await?;
    let mut postings: HashMap<_, PostingRef> = HashMap::new();
    let mut out = Vec::with_capacity(replies.len());
    for reply in replies {
        let posting = match postings.get(&reply.posting) {
            Some(posting) => posting.clone(),
            None => {
                let posting = PostingRef::from(&app.posting_of(company.id, reply.posting).await?.detail.summary);
                postings.insert(reply.posting, posting.clone());
                posting
            }
        };
        out.push(ReplyForRecruiter {
            id: reply.id.0,
            posting,
            note_kind: reply.note_kind,
            note: reply.note,
            by: reply.by,
            body: reply.body,
            at: rfc3339(reply.written_at),
        });
    }
    Ok(out)
}
