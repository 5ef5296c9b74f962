//! Stopping the update mails: the stop link every update carries
//! (`/mail/stop?a=<id>&t=<code>`, also the one-click address of its
//! `List-Unsubscribe` header, RFC 8058) and the status page's choice
//! (`PUT /api/v1/application/mail`).
//!
//! The link's code is a keyed hash of the application's id: it is the
//! capability, and it only ever stops mail. A GET shows a page with a
//! button and changes nothing, because mail scanners open every link; the
//! POST (the button, or a mail client's one click) stops them. A wrong or
//! missing code is the same 404 as an unknown application. The mails about
//! the application itself (the acknowledgement, the outcome) still go.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use candor_api::timeline::{ApplicationStatus, MailUpdates};
use candor_api::translation::shown_in;

use super::timeline::{Current, find};
use crate::http::error::AppError;
use crate::http::extract::Json;
use crate::http::secret_header::StatusTokenHeader;
use crate::http::state::AppState;
use crate::mail::escape;
use crate::mail::texts::{fill, texts};
use crate::store::{ApplicationId, ApplicationRecord};

pub fn routes() -> Router<AppState> {
    Router::new().route("/mail/stop", get(page).post(stop)).route("/api/v1/application/mail", put(choose))
}

/// The application a stop link names, once its code is checked.
async fn opened(app: &AppState, query: Option<&str>) -> Result<ApplicationRecord, AppError> {
    let (mut id, mut code) = (None, None);
    for (name, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match &*name {
            "a" => id = value.parse::<i64>().ok(),
            "t" => code = Some(value.into_owned()),
            _ => {}
        }
    }
    let (Some(id), Some(code)) = (id.map(ApplicationId), code) else { return Err(AppError::ApplicationNotFound) };
    // The code first: nothing is read for a link that isn't one.
    if !app.mail.stop_code_opens(id, &code) {
        return Err(AppError::ApplicationNotFound);
    }
    app.store.application_for_stop_link(id).await?.ok_or(AppError::ApplicationNotFound)
}

/// `GET`: what the button would stop. Changes nothing.
#[utoipa::path(get, path = "/mail/stop", tag = "candidate", params(("a" = Option<String>, Query, description = "The application"), ("t" = Option<String>, Query, description = "The keyed code")), responses((status = 200, description = "The page with the button", body = String, content_type = "text/html"), (status = 404, description = "An unknown application or a wrong code", body = candor_api::ApiError)))]
async fn page(State(app): State<AppState>, RawQuery(query): RawQuery) -> Result<Response, AppError> {
    let record = opened(&app, query.as_deref()).await?;
    if !record.mail_updates {
        return done(&app, &record).await;
    }
    let t = texts(record.locale);
    let (company, posting) = names(&app, &record).await?;
    let values = [("company", company.as_str()), ("posting", posting.as_str())];
    // The form posts back to this very address, with the body a one-click
    // client sends.
    let action = escape(&format!("/mail/stop?a={}&t={}", record.id.0, app.mail.stop_code(record.id)));
    let body = format!(
        "<h1>{title}</h1>\n<p>{intro}</p>\n<p>{essential}</p>\n\
         <form method=\"post\" action=\"{action}\">\n\
         <input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">\n\
         <button type=\"submit\">{button}</button>\n</form>",
        title = escape(t.stop_page_title),
        intro = escape(&fill(t.stop_page_intro, &values)),
        essential = escape(t.stop_page_essential),
        button = escape(t.stop_page_button),
    );
    Ok(html(&record, t.stop_page_title, &body))
}

/// `POST`: stops the updates, and says so.
#[utoipa::path(post, path = "/mail/stop", tag = "candidate", params(("a" = Option<String>, Query, description = "The application"), ("t" = Option<String>, Query, description = "The keyed code")), responses((status = 200, description = "Updates stopped", body = String, content_type = "text/html"), (status = 404, description = "An unknown application or a wrong code", body = candor_api::ApiError)))]
async fn stop(State(app): State<AppState>, RawQuery(query): RawQuery) -> Result<Response, AppError> {
    let record = opened(&app, query.as_deref()).await?;
    app.store.set_mail_updates(record.company, record.id, false).await?;
    done(&app, &record).await
}

async fn done(app: &AppState, record: &ApplicationRecord) -> Result<Response, AppError> {
    let t = texts(record.locale);
    let (company, _) = names(app, record).await?;
    let body = format!(
        "<h1>{}</h1>\n<p>{}</p>",
        escape(t.stopped_title),
        escape(&fill(t.stopped_body, &[("company", company.as_str())]))
    );
    Ok(html(record, t.stopped_title, &body))
}

/// The company's name and the posting's title in the candidate's language.
async fn names(app: &AppState, record: &ApplicationRecord) -> Result<(String, String), AppError> {
    let company = app.company_of(record.company).await?;
    let posting = app.posting_of(record.company, record.posting).await?;
    let shown = shown_in(&posting.detail, &posting.translations, record.locale);
    Ok((company.public.name, shown.summary.title))
}

fn html(record: &ApplicationRecord, title: &str, body: &str) -> Response {
    let page = format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>{title}</title>\n<link rel=\"icon\" href=\"data:,\">\n\
         <link rel=\"stylesheet\" href=\"/status.css\">\n</head>\n<body>\n<main class=\"mail-stop\">\n{body}\n</main>\n\
         </body>\n</html>\n",
        lang = record.locale.tag(),
        title = escape(title),
    );
    let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src data:; form-action 'self'; base-uri 'none'; \
             frame-ancestors 'none'",
        ),
    );
    // The address holds the code: keep it from other sites.
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `PUT /api/v1/application/mail`: the candidate's choice, from
/// the status view; answers the status as it now stands.
#[utoipa::path(put, path = "/api/v1/application/mail", tag = "candidate", request_body = candor_api::timeline::MailUpdates, responses((status = 200, description = "Chosen", body = candor_api::timeline::ApplicationStatus)), security(("application" = [])))]
async fn choose(
    State(app): State<AppState>,
    token: StatusTokenHeader,
    Json(choice): Json<MailUpdates>,
) -> Result<axum::Json<ApplicationStatus>, AppError> {
    let record = find(&app, token.text()).await?;
    app.store.set_mail_updates(record.company, record.id, choice.updates).await?;
    let record = ApplicationRecord { mail_updates: choice.updates, ..record };
    Ok(axum::Json(Current::of(&app, record).await?.status(&app).await?))
}
