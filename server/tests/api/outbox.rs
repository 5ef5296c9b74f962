//! The Outbox, as the console reads it, and the demo's mailbox: without a
//! mail server every mail is still written and listed; with one that is
//! down or refuses, each entry shows its tries and the server's answer;
//! resending sends the very same message once; a viewer reads but can't
//! resend; another company sees nothing. The console never gets a mail's
//! body (it carries the candidate's private link); the demo mailbox, the
//! candidate's own in the demo, shows it whole.

use std::time::{Duration, Instant};

use candor_api::mail::{MailKind, MailState, Outbox, OutboxEntry};
use candor_api::recruiting::Role;
use candor_api::{CompanySlug, Locale};
use candor_server::mail::{About, Letter};
use reqwest::{Method, header};
use serde_json::json;

use crate::helpers::{Backend, TestApp, application, error_of, json, spawn_app};
use crate::smtp::{Sending, SmtpServer, app_sending_to};

crate::on_both_backends!(
    without_a_mail_server_every_mail_waits_in_the_outbox_newest_first,
    the_outbox_comes_in_pages_of_fifty,
    a_refused_mail_shows_the_servers_answer_and_a_resend_delivers_it_once,
    a_mail_server_that_is_down_shows_in_the_tries,
    a_viewer_reads_the_outbox_but_cannot_resend,
    the_demo_mailbox_shows_each_mail_whole_as_a_mail_client_would,
);

async fn outbox(app: &TestApp, token: &str, query: &str) -> Outbox {
    let (status, body) = json(app.recruiter(Method::GET, &format!("outbox{query}"), token).send().await.unwrap()).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).expect("an Outbox")
}

async fn move_to_first_stage(app: &TestApp, id: i64) {
    let promised = app.state.clock.today().add_days(5).unwrap().to_string();
    let response = app
        .recruiter(Method::POST, &format!("applications/{id}/stage"), &app.recruiter_token)
        .json(&json!({"stage": 1, "message": "Could we talk on Tuesday?", "promised": promised}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

async fn without_a_mail_server_every_mail_waits_in_the_outbox_newest_first(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut body = application("Aino Virtanen", "aino@example.fi");
    body["locale"] = json!("fi");
    let (status_token, id) = app.applied(&body).await;
    move_to_first_stage(&app, id).await;

    let viewer = app.token_with_role(Role::Viewer).await;
    let response = app.recruiter(Method::GET, "outbox", &viewer).send().await.unwrap();
    let raw = response.text().await.unwrap();
    let answer: Outbox = serde_json::from_str(&raw).unwrap();
    assert!(!answer.delivering, "no mail server is set up");
    let kinds: Vec<MailKind> = answer.mails.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [MailKind::StageChanged, MailKind::Received], "newest first");
    for mail in &answer.mails {
        assert_eq!(mail.recipient, "aino@example.fi");
        assert_eq!(mail.locale, Locale::Fi);
        assert_eq!((mail.state, mail.attempts), (MailState::Pending, 0), "nothing was tried: {mail:?}");
        assert_eq!(mail.application, Some(id));
        assert!(mail.sent_at.is_none() && mail.last_attempt_at.is_none(), "{mail:?}");
        assert!(time::OffsetDateTime::parse(&mail.created_at, &time::format_description::well_known::Rfc3339).is_ok());
    }
    assert_eq!(answer.mails[1].subject, "Hakemuksesi tehtävään Suuhygienisti on perillä");
    // The console never gets the candidate's private link, nor the body it is in.
    assert!(!raw.contains(&status_token), "{raw}");
    assert!(!raw.contains("/status?") && !raw.contains("text_body") && !raw.contains("html_body"), "{raw}");

    // The next page starts before the last id.
    let older = outbox(&app, &viewer, &format!("?before={}", answer.mails[0].id)).await;
    assert_eq!(older.mails, answer.mails[1..]);
    assert!(outbox(&app, &viewer, &format!("?before={}", answer.mails[1].id)).await.mails.is_empty());
    // An id that isn't one is the API's own error.
    for bad in ["abc", "-3", "0", "1.5"] {
        let (status, body) =
            json(app.recruiter(Method::GET, &format!("outbox?before={bad}"), &viewer).send().await.unwrap()).await;
        assert_eq!(status, 400, "{bad}: {body}");
        assert_eq!(error_of(&body), ("not_a_number".to_owned(), Some("before".to_owned())), "{bad}");
    }

    // Another company sees none of it, and can't resend it.
    let theirs = app.another_company_token("acme").await;
    assert!(outbox(&app, &theirs, "").await.mails.is_empty());
    let path = format!("outbox/{}/resend", answer.mails[0].id);
    let (status, _) = json(app.recruiter(Method::POST, &path, &theirs).send().await.unwrap()).await;
    assert_eq!(status, 404);
    assert_eq!(outbox(&app, &viewer, "").await, answer, "nothing changed");
}

async fn the_outbox_comes_in_pages_of_fifty(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, id) = app.applied(&application("Ola Nowak", "ola@example.pl")).await;
    for n in 0..50 {
        let response = app
            .recruiter(Method::POST, &format!("applications/{id}/messages"), &app.recruiter_token)
            .json(&json!({"message": format!("One more thing, number {n}.")}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }
    let first = outbox(&app, &app.recruiter_token, "").await;
    assert_eq!(first.mails.len(), 50);
    let next = outbox(&app, &app.recruiter_token, &format!("?before={}", first.mails[49].id)).await;
    assert_eq!(next.mails.len(), 1, "51 mails: the acknowledgement is on the second page");
    assert_eq!(next.mails[0].kind, MailKind::Received);
    let ids: Vec<i64> = first.mails.iter().chain(&next.mails).map(|m| m.id).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first, each once: {ids:?}");
}

async fn app_mailing_to(backend: Backend, smtp: &SmtpServer) -> TestApp {
    app_sending_to(backend, smtp, Sending { retry_seconds: 1, ..Sending::default() }).await
}

/// Waits until the newest mail is as `done` wants it.
async fn newest_when(app: &TestApp, what: &str, done: impl Fn(&OutboxEntry) -> bool) -> OutboxEntry {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let mails = outbox(app, &app.recruiter_token, "").await.mails;
        if let Some(mail) = mails.first().filter(|m| done(m)) {
            return mail.clone();
        }
        assert!(Instant::now() < deadline, "{what}: {mails:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn a_refused_mail_shows_the_servers_answer_and_a_resend_delivers_it_once(backend: Backend) {
    let smtp = SmtpServer::start();
    smtp.refuse("550 5.1.1 <mikael@example.se>: mailbox unavailable");
    let app = app_mailing_to(backend, &smtp).await;
    app.applied(&application("Mikael Berg", "mikael@example.se")).await;

    // Refused for good at the first try: it is not tried again.
    let failed = newest_when(&app, "the refusal is recorded", |m| m.state == MailState::Failed).await;
    assert_eq!(failed.attempts, 1);
    assert!(failed.last_answer.contains("550") && failed.last_answer.contains("mailbox unavailable"), "{failed:?}");
    assert!(failed.last_attempt_at.is_some() && failed.sent_at.is_none(), "{failed:?}");
    assert!(outbox(&app, &app.recruiter_token, "").await.delivering);
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let still = outbox(&app, &app.recruiter_token, "").await.mails;
    assert_eq!((still[0].state, still[0].attempts), (MailState::Failed, 1), "{still:?}");
    assert!(smtp.received().is_empty());

    // The address is fixed at the other end; the recruiter sends it again.
    smtp.accept();
    let path = format!("outbox/{}/resend", failed.id);
    let (status, answer) = json(app.recruiter(Method::POST, &path, &app.recruiter_token).send().await.unwrap()).await;
    assert_eq!(status, 200, "{answer}");
    let answer: OutboxEntry = serde_json::from_value(answer).unwrap();
    assert_eq!(answer.id, failed.id);
    assert!(answer.state == MailState::Pending || answer.state == MailState::Sent, "{answer:?}");
    let received = smtp.wait_for(1).await;
    let sent = newest_when(&app, "the resend is recorded", |m| m.state == MailState::Sent).await;
    assert_eq!(sent.attempts, 1, "counted afresh from the resend");
    assert!(sent.last_answer.starts_with("250") && sent.sent_at.is_some(), "{sent:?}");
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(smtp.received().len(), 1, "delivered once");
    let message_id = received[0].message_id();
    assert!(message_id.ends_with("@candor.test"), "{message_id}");

    // A sent one can go again too: the very same message, the same Message-ID.
    let (status, _) = json(app.recruiter(Method::POST, &path, &app.recruiter_token).send().await.unwrap()).await;
    assert_eq!(status, 200);
    let again = smtp.wait_for(2).await;
    assert_eq!(again[1].message_id(), message_id);
    assert_eq!(again[1].raw, received[0].raw, "the very same message");
}

async fn a_mail_server_that_is_down_shows_in_the_tries(backend: Backend) {
    let mut smtp = SmtpServer::down();
    let app = app_mailing_to(backend, &smtp).await;
    app.applied(&application("Mikael Berg", "mikael@example.se")).await;
    let tried = newest_when(&app, "tried twice", |m| m.attempts >= 2).await;
    assert_eq!(tried.state, MailState::Pending, "a refused connection is tried again: {tried:?}");
    assert!(!tried.last_answer.is_empty() && tried.last_attempt_at.is_some(), "{tried:?}");

    smtp.resume();
    smtp.wait_for(1).await;
    let sent = newest_when(&app, "sent once the server is back", |m| m.state == MailState::Sent).await;
    assert!(sent.attempts > tried.attempts, "{sent:?}");
    assert!(sent.last_answer.starts_with("250"), "{sent:?}");
}

async fn a_viewer_reads_the_outbox_but_cannot_resend(backend: Backend) {
    let app = spawn_app(backend).await;
    app.applied(&application("Aino Virtanen", "aino@example.fi")).await;
    let viewer = app.token_with_role(Role::Viewer).await;
    let mails = outbox(&app, &viewer, "").await.mails;
    assert_eq!(mails.len(), 1);
    // Refused before anything is read: the same for a mail that doesn't exist.
    for id in [mails[0].id, 987_654_321] {
        let path = format!("outbox/{id}/resend");
        let (status, body) = json(app.recruiter(Method::POST, &path, &viewer).send().await.unwrap()).await;
        assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (403, "forbidden"), "{body}");
    }
    // A recruiter may: nothing is sent here, so it waits again.
    let path = format!("outbox/{}/resend", mails[0].id);
    let (status, body) = json(app.recruiter(Method::POST, &path, &app.recruiter_token).send().await.unwrap()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["state"], "pending");
    let (status, _) =
        json(app.recruiter(Method::POST, "outbox/987654321/resend", &app.recruiter_token).send().await.unwrap()).await;
    assert_eq!(status, 404);
}

async fn the_demo_mailbox_shows_each_mail_whole_as_a_mail_client_would(backend: Backend) {
    let app = spawn_app(backend).await;
    let name = "Aino <b>Virtanen</b>";
    let (status_token, id) = app.applied(&application(name, "aino@example.fi")).await;
    move_to_first_stage(&app, id).await;
    assert!(app.addresses.contains(&format!("demo mailbox:    {}/demo/mailbox/", app.address)), "{}", app.addresses);

    let list = app.get("/demo/mailbox/").await;
    assert_eq!(list.status(), 200);
    let policy = list.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
    assert!(policy.starts_with("default-src 'none';") && !policy.contains("script"), "{policy}");
    let html = list.text().await.unwrap();
    let mails = outbox(&app, &app.recruiter_token, "").await.mails;
    let (moved, received) = (&mails[0], &mails[1]);
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("{needle} in {html}"));
    assert!(at(&format!("/demo/mailbox/{}\"", moved.id)) < at(&format!("/demo/mailbox/{}\"", received.id)));
    assert!(html.contains("We have your application for Dental Hygienist"), "{html}");
    assert!(html.contains("Northwind Dental &lt;candor@localhost&gt;"), "the sender: {html}");
    assert!(html.contains("aino@example.fi") && html.contains("Waiting to be sent"), "{html}");
    assert!(!html.contains("<script"), "{html}");

    // One mail: its headers and its HTML part in a sandboxed frame, whose
    // inline styles the policy allows by their hashes alone.
    let one = app.get(&format!("/demo/mailbox/{}", received.id)).await;
    assert_eq!(one.status(), 200);
    let policy = one.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
    assert!(policy.contains("'unsafe-hashes' 'sha256-") && !policy.contains("unsafe-inline"), "{policy}");
    let html = one.text().await.unwrap();
    assert!(html.contains("<iframe class=\"html-part\"") && html.contains("sandbox=\"allow-popups"), "{html}");
    assert!(!html.contains("allow-scripts") && !html.contains("allow-same-origin"), "{html}");
    assert!(html.contains("srcdoc=\"&lt;!DOCTYPE html&gt;"), "the part, escaped into the attribute");
    assert!(html.contains("Aino &amp;lt;b&amp;gt;Virtanen"), "the name is text in the mail, and escaped again");
    assert!(html.contains("<dt>Message-ID</dt>") && html.contains(&format!("/demo/mailbox/{}?part=text", received.id)));
    // The plain text, with the private link whole: this is the candidate's mailbox.
    let text = app.get(&format!("/demo/mailbox/{}?part=text", received.id)).await.text().await.unwrap();
    let link = format!("{}/status?lang=en#{status_token}", app.address);
    assert!(text.contains(&format!("<a href=\"{link}\">{link}</a>")), "{text}");
    assert!(text.contains("Aino &lt;b&gt;Virtanen&lt;/b&gt;"), "{text}");
    assert!(text.contains("aria-current=\"page\">Plain text"), "{text}");

    for missing in ["/demo/mailbox/987654321", "/demo/mailbox/abc"] {
        assert_eq!(app.get(missing).await.status(), 404, "{missing}");
    }
    // Only the demo company's mails: another company's never show here.
    app.another_company_token("acme").await;
    let acme = app.state.store.company_by_slug(&CompanySlug::parse("acme").unwrap()).await.unwrap().unwrap();
    let letter = Letter {
        kind: MailKind::Links,
        locale: Locale::En,
        company_name: "Acme".into(),
        accent: "#123456".into(),
        subject: "Acme's own mail".into(),
        greeting: String::new(),
        paragraphs: vec!["Only for Acme.".into()],
        entries: Vec::new(),
        quotes: Vec::new(),
        button: None,
        after_button: Vec::new(),
        signature: "Acme".into(),
        why: "Because.".into(),
        stop: None,
    };
    let theirs = app.state.mail.compose(acme.id, About::default(), "x@acme.example", &letter, app.state.clock.now());
    assert!(app.state.store.enqueue_mail(&theirs.unwrap()).await.unwrap());
    let acme_mail = app.state.store.outbox(acme.id, None, 1).await.unwrap().remove(0);
    assert_eq!(app.get(&format!("/demo/mailbox/{}", acme_mail.id)).await.status(), 404);
    assert!(!app.get("/demo/mailbox/").await.text().await.unwrap().contains("Acme"));
}
