//! The recruiter's notes on a report, an update or a warning (mailed at
//! once to every reader whose link is live), and the readers' replies to
//! them as the console's inbox shows them, until a recruiter marks each
//! seen.

use std::collections::HashMap;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use candor_api::PostingSlug;
use candor_api::reports::{NewNote, Note, NoteKind, ReplyForRecruiter};
use candor_api::timeline::PostingRef;

use super::mails;
use crate::auth::recruiter::Acting;
use crate::clock::rfc3339;
use crate::http::error::AppError;
use crate::http::extract::{Json, Path};
use crate::http::state::AppState;
use crate::mail::counted;
use crate::store::{Company, NewReportNote, ReportReplyId, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/recruiter/postings/{posting}/report/notes", post(write))
        .route("/api/v1/recruiter/report/replies/{id}/seen", post(seen))
}

/// A note is on the report from the moment it is written; a warning sits
/// on top of it.
#[utoipa::path(post, path = "/api/v1/recruiter/postings/{posting}/report/notes", tag = "recruiter", request_body = candor_api::reports::NewNote, responses((status = 201, description = "Written", body = candor_api::reports::Note)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn write(
    State(app): State<AppState>,
    Acting(recruiter): Acting,
    Path(slug): Path<String>,
    Json(asked): Json<NewNote>,
) -> Result<(StatusCode, axum::Json<Note>), AppError> {
    let posting = app.posting_named(recruiter.company, &PostingSlug::parse(&slug)?).await?;
    let valid = asked.validate()?;
    let now = app.clock.now();
    let note = NewReportNote {
        company: recruiter.company,
        posting: posting.id,
        kind: valid.kind,
        body: valid.body,
        author: recruiter.name(&app).await?,
        written_at: now,
    };
    // A warning reaches every reader at once: its mail to each live link's
    // person goes with it, in the same transaction. An update waits for
    // the weekly summary.
    let mails = match note.kind {
        NoteKind::Update => Vec::new(),
        NoteKind::Warning => {
            let company = app.company_of(recruiter.company).await?;
            let links = app.store.report_links(recruiter.company, posting.id).await?;
            let told = Note {
                id: 0,
                kind: note.kind,
                body: note.body.clone(),
                author: note.author.clone(),
                written_at: rfc3339(now),
                replies: Vec::new(),
            };
            mails::warnings(&app, &company, &posting.detail.summary.title, &links, &told, now)
        }
    };
    let kinds: Vec<_> = mails.iter().map(|m| m.kind).collect();
    let note = app.store.create_report_note(&note, mails).await?;
    if !kinds.is_empty() {
        kinds.into_iter().for_each(counted::written);
        app.mail.ring();
    }
    Ok((StatusCode::CREATED, axum::Json(note)))
}

/// The reply leaves the inbox; another company's is the same 404 as one
/// that doesn't exist.
#[utoipa::path(post, path = "/api/v1/recruiter/report/replies/{id}/seen", tag = "recruiter", responses((status = 204, description = "Marked seen")), security(("bearer" = []), ("session" = [], "csrf" = [])))]
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
