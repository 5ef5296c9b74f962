//! The demo's mailbox: the demo has no mail server, so every mail Candor
//! writes waits in the outbox, and these pages show them as the
//! candidate's mail client would: a list, newest first, and each mail with
//! its headers, its HTML part and its plain text part.
//!
//! Unlike the console's Outbox, a mail here is shown whole, status link
//! included: in the demo this is the candidate's own mailbox. The HTML part
//! is Candor's own escaped output and is shown in a sandboxed frame anyway
//! (no scripts, its own opaque origin); the page's policy allows the
//! mail's inline styles by their hashes only.

use std::collections::BTreeSet;

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use candor_api::CompanySlug;
use candor_api::mail::MailState;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::{COMPANY, escape, html_page};
use crate::http::state::AppState;
use crate::store::{Company, MailRecord};

/// Mails per page of the list.
const PAGE: u32 = 50;
const MAILBOX_CSS: &str = include_str!("pages/mailbox.css");

/// `/demo/mailbox/` and each mail at `/demo/mailbox/{id}`.
pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/demo/mailbox", get(|| async { axum::response::Redirect::permanent("/demo/mailbox/") }))
        .route("/demo/mailbox/", get(list))
        .route("/demo/mailbox/{id}", get(one))
        .route("/demo/mailbox.css", get(|| async { super::asset("text/css; charset=utf-8", MAILBOX_CSS) }))
        .with_state(state)
}

/// The pages' policy: nothing but the stylesheet, and inline styles only
/// where their hash is listed (the mail's own, in its frame).
fn policy(style_hashes: &BTreeSet<String>) -> String {
    let hashes: String = style_hashes.iter().map(|h| format!(" 'sha256-{h}'")).collect();
    let unsafe_hashes = if hashes.is_empty() { "" } else { " 'unsafe-hashes'" };
    format!(
        "default-src 'none'; style-src 'self'{unsafe_hashes}{hashes}; img-src 'self' data:; frame-src 'self'; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
}

async fn demo_company(app: &AppState) -> Option<Company> {
    let slug = CompanySlug::parse(COMPANY).ok()?;
    app.store.company_by_slug(&slug).await.ok().flatten()
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} · Demo mailbox</title>\n<link rel=\"icon\" href=\"/demo/logo.svg\" type=\"image/svg+xml\">\n\
         <link rel=\"stylesheet\" href=\"/demo/mailbox.css\">\n</head>\n<body>\n\
         <header class=\"bar\"><p class=\"app\"><a href=\"/demo/mailbox/\">Demo mailbox</a></p>\
         <p class=\"note\">Mail Candor wrote in this demo. No mail server is set up, so nothing left this \
         machine: each mail waits in the outbox, and is shown here as it would arrive.</p></header>\n\
         <main id=\"main\">\n{body}\n</main>\n</body>\n</html>\n",
        title = escape(title),
    )
}

fn not_found(what: &str) -> Response {
    let body = format!("<h1>{}</h1><p><a href=\"/demo/mailbox/\">Back to the mailbox</a></p>", escape(what));
    let mut response = html_page(page(what, &body), &policy(&BTreeSet::new()));
    *response.status_mut() = StatusCode::NOT_FOUND;
    response
}

/// "Tue, 1 Dec 2026 15:52 UTC", as a mail client lists a date.
fn date(at: OffsetDateTime) -> String {
    let format = time::macros::format_description!(
        "[weekday repr:short], [day padding:none] [month repr:short] [year] [hour]:[minute] UTC"
    );
    at.to_offset(time::UtcOffset::UTC).format(&format).unwrap_or_default()
}

fn datetime_attr(at: OffsetDateTime) -> String {
    crate::clock::rfc3339(at)
}

/// The delivery state in words (never by colour alone).
fn state(mail: &MailRecord) -> &'static str {
    match mail.state {
        MailState::Pending => "Waiting to be sent",
        MailState::Sent => "Sent",
        MailState::Failed => "Failed",
    }
}

fn from(app: &AppState, company: &Company) -> String {
    format!("{} <{}>", company.public.name, app.mail.from_address())
}

async fn list(State(app): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let Some(company) = demo_company(&app).await else { return not_found("The demo company is missing") };
    let before = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(key, _)| key == "before")
        .and_then(|(_, value)| value.parse::<i64>().ok());
    let mails = match app.store.outbox(company.id, before, PAGE).await {
        Ok(mails) => mails,
        Err(e) => {
            tracing::error!(error = %e, "reading the demo mailbox");
            return (StatusCode::INTERNAL_SERVER_ERROR, "The mailbox could not be read.").into_response();
        }
    };
    let sender = from(&app, &company);
    let mut body = String::from("<h1>Inbox</h1>\n");
    if mails.is_empty() {
        body.push_str(if before.is_some() {
            "<p>No older mails.</p>"
        } else {
            "<p>No mails yet. Apply on the <a href=\"/demo/\">demo careers page</a>, and the acknowledgement \
             arrives here.</p>"
        });
    } else {
        body.push_str("<ol class=\"mails\" aria-label=\"Mails, newest first\">\n");
        for mail in &mails {
            body.push_str(&format!(
                "<li class=\"mail\"><a class=\"subject\" href=\"/demo/mailbox/{id}\">{subject}</a>\
                 <p class=\"who\"><span class=\"label\">From</span> {from}</p>\
                 <p class=\"who\"><span class=\"label\">To</span> {to}</p>\
                 <p class=\"meta\"><time datetime=\"{datetime}\">{date}</time> · \
                 <span class=\"state state-{state_class}\">{state}</span></p></li>\n",
                id = mail.id,
                subject = escape(&mail.subject),
                from = escape(&sender),
                to = escape(&mail.recipient),
                datetime = datetime_attr(mail.created_at),
                date = date(mail.created_at),
                state_class = mail.state.as_str(),
                state = state(mail),
            ));
        }
        body.push_str("</ol>\n");
        if mails.len() == PAGE as usize
            && let Some(last) = mails.last()
        {
            body.push_str(&format!("<p><a href=\"/demo/mailbox/?before={}\">Older mails</a></p>", last.id));
        }
    }
    html_page(page("Inbox", &body), &policy(&BTreeSet::new()))
}

async fn one(State(app): State<AppState>, Path(id): Path<String>, RawQuery(query): RawQuery) -> Response {
    let Some(company) = demo_company(&app).await else { return not_found("The demo company is missing") };
    let Ok(id) = id.parse::<i64>() else { return not_found("No such mail") };
    let mail = match app.store.outbox_mail(company.id, id).await {
        Ok(Some(mail)) => mail,
        Ok(None) => return not_found("No such mail"),
        Err(e) => {
            tracing::error!(error = %e, "reading the demo mailbox");
            return (StatusCode::INTERNAL_SERVER_ERROR, "The mail could not be read.").into_response();
        }
    };
    let text_part = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .any(|(key, value)| key == "part" && value == "text");
    let sender = from(&app, &company);
    let delivery = match mail.state {
        MailState::Pending if !app.mail.delivering => "Waiting in the outbox: no mail server is set up".to_owned(),
        MailState::Pending => format!("Waiting to be sent (tries so far: {})", mail.attempts),
        MailState::Sent => "Sent".to_owned(),
        MailState::Failed => format!("Failed: {}", mail.last_answer),
    };
    let here = format!("/demo/mailbox/{}", mail.id);
    let tab = |href: String, label: &str, current: bool| {
        let current = if current { " aria-current=\"page\"" } else { "" };
        format!("<li><a href=\"{href}\"{current}>{label}</a></li>")
    };
    let mut hashes = BTreeSet::new();
    let part = if text_part {
        format!(
            "<pre class=\"text-part\" lang=\"{}\" aria-label=\"The mail as plain text\">{}</pre>",
            mail.locale.tag(),
            linkify(&mail.text_body)
        )
    } else {
        hashes = style_hashes(&mail.html_body);
        format!(
            "<iframe class=\"html-part\" title=\"The mail as its sender formatted it\" \
             sandbox=\"allow-popups allow-popups-to-escape-sandbox\" srcdoc=\"{}\"></iframe>",
            escape(&links_open_outside(&mail.html_body))
        )
    };
    let body = format!(
        "<p><a href=\"/demo/mailbox/\">← Inbox</a></p>\n\
         <article class=\"open-mail\" aria-labelledby=\"subject\">\n<h1 id=\"subject\" lang=\"{lang}\">{subject}</h1>\n\
         <dl class=\"headers\">\
         <dt>From</dt><dd>{from}</dd>\
         <dt>To</dt><dd>{to}</dd>\
         <dt>Date</dt><dd><time datetime=\"{datetime}\">{date}</time></dd>\
         <dt>Message-ID</dt><dd class=\"id\">{message_id}</dd>\
         <dt>Delivery</dt><dd>{delivery}</dd>\
         </dl>\n\
         <nav aria-label=\"Part of the mail\"><ul class=\"parts\">{html_tab}{text_tab}</ul></nav>\n\
         {part}\n</article>",
        lang = mail.locale.tag(),
        subject = escape(&mail.subject),
        from = escape(&sender),
        to = escape(&mail.recipient),
        datetime = datetime_attr(mail.created_at),
        date = date(mail.created_at),
        message_id = escape(&mail.message_id),
        delivery = escape(&delivery),
        html_tab = tab(here.clone(), "Formatted (HTML)", !text_part),
        text_tab = tab(format!("{here}?part=text"), "Plain text", text_part),
    );
    html_page(page(&mail.subject, &body), &policy(&hashes))
}

/// Opens the mail's links in a new tab, as a mail client does: inside the
/// sandboxed frame they could not go anywhere.
fn links_open_outside(html: &str) -> String {
    html.replacen("<head>", "<head><base target=\"_blank\">", 1)
}

/// The hash of each `style` attribute in Candor's own mail HTML, for the
/// policy (`'unsafe-hashes'` allows exactly those attribute values).
fn style_hashes(html: &str) -> BTreeSet<String> {
    html.split("style=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(value, _)| value))
        .map(|value| {
            let value = value
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            STANDARD.encode(Sha256::digest(value.as_bytes()))
        })
        .collect()
}

/// The plain text, escaped, with its web addresses made links (a mail
/// client does the same).
fn linkify(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (j, word) in line.split(' ').enumerate() {
            if j > 0 {
                out.push(' ');
            }
            if word.starts_with("http://") || word.starts_with("https://") {
                let url = escape(word);
                out.push_str(&format!("<a href=\"{url}\">{url}</a>"));
            } else {
                out.push_str(&escape(word));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_in_the_text_become_links_and_the_rest_stays_text() {
        let text = "Hello <b>Aino</b>,\nOpen: http://x.test/status?lang=en#abc&d\n";
        assert_eq!(
            linkify(text),
            "Hello &lt;b&gt;Aino&lt;/b&gt;,\nOpen: <a href=\"http://x.test/status?lang=en#abc&amp;d\">\
             http://x.test/status?lang=en#abc&amp;d</a>\n"
        );
    }

    #[test]
    fn the_policy_allows_the_mails_own_styles_by_hash_and_no_script() {
        let html = "<head></head><p style=\"margin:0;font-family:'Segoe UI'\">x</p><p style=\"margin:0;font-family:'Segoe UI'\">y</p>";
        let hashes = style_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected = STANDARD.encode(Sha256::digest(b"margin:0;font-family:'Segoe UI'"));
        assert!(hashes.contains(&expected));
        let policy = policy(&hashes);
        assert!(policy.contains(&format!("style-src 'self' 'unsafe-hashes' 'sha256-{expected}';")), "{policy}");
        assert!(policy.starts_with("default-src 'none';") && !policy.contains("script-src"));
        assert!(links_open_outside(html).starts_with("<head><base target=\"_blank\">"));
    }

    #[test]
    fn a_date_reads_as_a_mail_client_lists_it() {
        assert_eq!(date(time::macros::datetime!(2026-12-01 15:52:31 UTC)), "Tue, 1 Dec 2026 15:52 UTC");
    }
}
