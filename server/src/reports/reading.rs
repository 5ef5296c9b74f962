//! The reader's side: the report opened by a link's secret, with no
//! account, and a reply to one of its notes.
//!
//! The secret travels in the `Candor-Report` header, never in a path or a
//! query (which servers and proxies log): the page at `/report` reads it
//! from after `#` in its address. An unknown, forged or revoked link is
//! one 404, so a guess learns nothing; a link past its last day is a 410,
//! so its reader knows to ask for a new one.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use candor_api::Locale;
use candor_api::reports::{NewReply, Reply};
use serde::Deserialize;

use super::content::{Reading, report};
use crate::auth::tokens::ReportToken;
use crate::http::error::AppError;
use crate::http::extract::Json;
use crate::http::secret_header::ReportTokenHeader;
use crate::http::state::AppState;
use crate::store::{NewReportReply, ReportLinkRecord, ReportNoteId, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/report", get(read)).route("/api/v1/report/replies", post(reply))
}

/// `?lang=fi`: another language than the link's.
#[derive(Debug, Default, Deserialize)]
pub struct ReadQuery {
    #[serde(default)]
    lang: Option<String>,
}

/// The live link whose secret the request carries.
async fn link_of(app: &AppState, secret: &ReportTokenHeader) -> Result<ReportLinkRecord, AppError> {
    let token = ReportToken::parse(secret.text()).ok_or(AppError::ReportLinkNotFound)?;
    let record = app.store.report_link_by_selector(&token.selector()).await?.ok_or(AppError::ReportLinkNotFound)?;
    if !token.verifies(&record.verifier) || record.link.revoked_at.is_some() {
        return Err(AppError::ReportLinkNotFound);
    }
    if !record.link.is_live(app.clock.today()) {
        return Err(AppError::ReportLinkExpired);
    }
    Ok(record)
}

/// What only this reader may read: kept by no cache on the way.
fn private(response: impl IntoResponse) -> Response {
    let mut response = response.into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
}

#[utoipa::path(get, path = "/api/v1/report", tag = "report reader", params(("lang" = Option<String>, Query, description = "Another language than the link's")), responses((status = 200, description = "The report", body = candor_api::reports::Report), (status = 404, description = "Unknown or revoked link", body = candor_api::ApiError), (status = 410, description = "Closed or expired", body = candor_api::ApiError)), security(("report" = [])))]
async fn read(
    State(app): State<AppState>,
    secret: ReportTokenHeader,
    Query(query): Query<ReadQuery>,
) -> Result<Response, AppError> {
    let link = link_of(&app, &secret).await?;
    let locale = Locale::from_param("lang", query.lang.as_deref().unwrap_or_default())?.unwrap_or(link.link.locale);
    let company = app.company_of(link.company).await?;
    let posting = app.posting_of(link.company, link.posting).await?;
    let reading = Reading { shows: link.link.shows, locale, reader: Some(link.link.name.clone()) };
    let report = report(&app, &company, &posting, reading).await?;
    app.store.report_link_opened(link.company, link.id, app.clock.now()).await?;
    Ok(private(axum::Json(report)))
}

/// The reader answers a note of their report; it waits in the console's inbox.
#[utoipa::path(post, path = "/api/v1/report/replies", tag = "report reader", request_body = candor_api::reports::NewReply, responses((status = 201, description = "Sent", body = candor_api::reports::Reply), (status = 404, description = "Unknown link or note", body = candor_api::ApiError), (status = 410, description = "Closed or expired", body = candor_api::ApiError)), security(("report" = [])))]
async fn reply(
    State(app): State<AppState>,
    secret: ReportTokenHeader,
    Json(asked): Json<NewReply>,
) -> Result<Response, AppError> {
    let link = link_of(&app, &secret).await?;
    let valid = asked.validate()?;
    let new = NewReportReply {
        company: link.company,
        link: link.id,
        note: ReportNoteId(valid.note),
        body: valid.body,
        written_at: app.clock.now(),
    };
    let reply: Reply = match app.store.create_report_reply(&new).await {
        Err(StoreError::NotFound) => return Err(AppError::NoteNotFound),
        other => other?,
    };
    Ok(private((StatusCode::CREATED, axum::Json(reply))))
}
