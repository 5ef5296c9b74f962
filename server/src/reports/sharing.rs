//! Sharing a posting's report: the links, each for one named reader (made,
//! listed with when each was last opened, revoked), and the report as a
//! reader of either kind of link sees it, for the console.
//!
//! A link's secret is shown once, in the answer that makes it, after `#`
//! in its address, and mailed to its reader with it (in one transaction);
//! afterwards it is only derived again for the reader's own mails
//! (`TokenKey::report_token`), never listed.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{delete, get};
use candor_api::reports::{LINK_DAYS_DEFAULT, NewShareLink, Report, ShareLink, ShareLinkCreated, ShareLinks, Shows};
use candor_api::{FieldError, Invalid, Locale, PostingSlug};
use serde::Deserialize;

use super::content::{Reading, report};
use super::mails::ForLink;
use crate::auth::recruiter::{Acting, Recruiter};
use crate::auth::tokens::{ReportToken, TokenKey};
use crate::clock::rfc3339;
use crate::http::error::AppError;
use crate::http::extract::{Json, Path};
use crate::http::state::AppState;
use crate::mail::counted;
use crate::store::{NewReportLink, Posting, ReportLinkId, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/recruiter/postings/{posting}/report", get(preview))
        .route("/api/v1/recruiter/postings/{posting}/report/links", get(list).post(create))
        .route("/api/v1/recruiter/report/links/{id}", delete(revoke))
}

/// `?shows=names|counts&lang=fi`, both optional.
#[derive(Debug, Default, Deserialize)]
pub struct PreviewQuery {
    #[serde(default)]
    shows: Option<String>,
    #[serde(default)]
    lang: Option<String>,
}

/// The caller's company's posting the path names, whatever its status.
async fn posting(app: &AppState, recruiter: Recruiter, slug: &str) -> Result<Posting, AppError> {
    app.posting_named(recruiter.company, &PostingSlug::parse(slug)?).await
}

/// The report as a reader of a link that shows `?shows=` (the company's
/// default when not said) would see it now, in `?lang=`, else in the
/// recruiter's console language, else the company's.
#[utoipa::path(get, path = "/api/v1/recruiter/postings/{posting}/report", tag = "recruiter", params(("shows" = Option<String>, Query, description = "counts or names"), ("lang" = Option<String>, Query, description = "The language")), responses((status = 200, description = "The report as a link shows it", body = candor_api::reports::Report)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn preview(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Path(slug): Path<String>,
    Query(query): Query<PreviewQuery>,
) -> Result<axum::Json<Report>, AppError> {
    let posting = posting(&app, recruiter, &slug).await?;
    let company = app.company_of(recruiter.company).await?;
    let shows = match query.shows.as_deref() {
        None | Some("") => company.reports.default_shows,
        Some(raw) => Shows::parse(raw).ok_or_else(|| FieldError::new("shows", Invalid::NotAChoice))?,
    };
    let own = match recruiter.user {
        Some(user) => app.store.user(recruiter.company, user).await?.and_then(|u| u.locale),
        None => None,
    };
    let asked = Locale::from_param("lang", query.lang.as_deref().unwrap_or_default())?;
    let locale = asked.or(own).unwrap_or(company.public.default_locale);
    let reading = Reading { shows, locale, reader: None };
    Ok(axum::Json(report(&app, &company, &posting, reading).await?))
}

#[utoipa::path(get, path = "/api/v1/recruiter/postings/{posting}/report/links", tag = "recruiter", responses((status = 200, description = "The share links", body = candor_api::reports::ShareLinks)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn list(
    State(app): State<AppState>,
    recruiter: Recruiter,
    Path(slug): Path<String>,
) -> Result<axum::Json<ShareLinks>, AppError> {
    let posting = posting(&app, recruiter, &slug).await?;
    let company = app.company_of(recruiter.company).await?;
    let links = app.store.report_links(recruiter.company, posting.id).await?;
    Ok(axum::Json(ShareLinks {
        links: links.into_iter().map(|l| l.link).collect::<Vec<ShareLink>>(),
        default_shows: company.reports.default_shows,
        default_days: LINK_DAYS_DEFAULT,
    }))
}

#[utoipa::path(post, path = "/api/v1/recruiter/postings/{posting}/report/links", tag = "recruiter", request_body = candor_api::reports::NewShareLink, responses((status = 201, description = "Made; the link is shown this once", body = candor_api::reports::ShareLinkCreated)), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn create(
    State(app): State<AppState>,
    Acting(recruiter): Acting,
    Path(slug): Path<String>,
    Json(asked): Json<NewShareLink>,
) -> Result<(StatusCode, axum::Json<ShareLinkCreated>), AppError> {
    let posting = posting(&app, recruiter, &slug).await?;
    let company = app.company_of(recruiter.company).await?;
    // The API answers with one failure: the first, as every other endpoint.
    let valid = asked
        .validate(company.reports.default_shows, company.public.default_locale)
        .map_err(|all| all.into_iter().next().map_or(AppError::Rejected, AppError::Invalid))?;
    let (now, today) = (app.clock.now(), app.clock.today());
    let expires_on = today
        .add_days(i64::from(valid.expires_in_days))
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("a link's last day is past the calendar's")))?;
    let seed = ReportToken::random_seed();
    let token = TokenKey::of(&app.token_secret).report_token(&seed);
    let actor = recruiter.actor(&app).await?;
    let created_by = actor.name.clone();
    // The mail that brings the link to its reader goes with it, in the
    // same transaction: the link as it will be listed, before it has an id.
    let shared = ShareLink {
        id: 0,
        name: valid.name.clone(),
        email: valid.email.clone(),
        shows: valid.shows,
        locale: valid.locale,
        created_at: rfc3339(now),
        created_by: created_by.clone(),
        expires_on,
        last_opened_at: None,
        revoked_at: None,
    };
    // A person is named as who shared it; an API token is not a person.
    let by = recruiter.user.map(|_| created_by.as_str());
    let mail = ForLink { company: &company, posting_title: &posting.detail.summary.title, link: &shared, seed: &seed }
        .compose(&app, now, |reader| reader.shared(by));
    let new = NewReportLink {
        company: recruiter.company,
        posting: posting.id,
        name: valid.name,
        email: valid.email,
        shows: valid.shows,
        locale: valid.locale,
        seed: seed.to_vec(),
        selector: token.selector(),
        verifier: token.verifier_hash(),
        created_by,
        created_at: now,
        expires_on,
    };
    let mailed = mail.as_ref().map(|m| m.kind);
    let stored = app.store.create_report_link(&new, mail, Some(&actor)).await?;
    if let Some(kind) = mailed {
        counted::written(kind);
        app.mail.ring();
    }
    let url = app.mail.report_link(&token.reveal());
    Ok((StatusCode::CREATED, axum::Json(ShareLinkCreated { link: stored.link, url })))
}

/// The link opens nothing from now on; another company's is the same 404
/// as one that doesn't exist.
#[utoipa::path(delete, path = "/api/v1/recruiter/report/links/{id}", tag = "recruiter", responses((status = 204, description = "Revoked")), security(("bearer" = []), ("session" = [], "csrf" = [])))]
async fn revoke(
    State(app): State<AppState>,
    Acting(recruiter): Acting,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    let by = recruiter.actor(&app).await?;
    match app.store.revoke_report_link(recruiter.company, ReportLinkId(id), app.clock.now(), Some(&by)).await {
        Err(StoreError::NotFound) => return Err(AppError::ReportLinkNotFound),
        other => other?,
    }
    Ok(StatusCode::NO_CONTENT)
}
