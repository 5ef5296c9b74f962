//! Mail stories against a real SMTP server (aiosmtpd, `smtp.rs`): each
//! kind of mail arrives once, in the candidate's language, and its link
//! opens their application; a mail server that is down and comes back
//! gets each mail once; a server killed between an event and its mail
//! sends that mail once after the restart.

use std::time::{Duration, Instant};

use candor_api::mail::MailState;
use candor_server::store::CompanyId;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Backend, Database, TestApp, application, json};
use crate::smtp::{Received, Sending, SmtpServer, app_sending_to};

crate::on_both_backends!(
    every_step_of_an_application_reaches_the_candidate_once_in_their_language,
    a_mail_server_that_is_down_then_back_gets_each_mail_once,
    a_candidate_who_stopped_updates_still_hears_the_outcome,
    a_server_killed_between_an_event_and_its_mail_sends_it_once_after_the_restart,
    erasing_an_application_takes_its_mails_with_it,
);

const FROM: &str = "Northwind careers <jobs@candor.test>";

async fn app_mailing_to(backend: Backend, smtp: &SmtpServer, retry_seconds: u64) -> TestApp {
    app_sending_to(backend, smtp, Sending { from: FROM, retry_seconds, ..Sending::default() }).await
}

/// What every mail must be, as a mail tester checks it: valid MIME with
/// both parts, the headers a receiving server wants, the configured
/// sender's domain, and nothing fetched from elsewhere.
fn assert_well_formed(mail: &Received) {
    let raw = String::from_utf8_lossy(&mail.raw);
    assert!(mail.header("Date").is_some(), "Date: {raw}");
    let id = mail.message_id();
    assert!(id.ends_with("@candor.test"), "Message-ID {id:?} on the sender's domain");
    let from = mail.header("From").unwrap();
    assert!(from.contains("<jobs@candor.test>"), "From: {from}");
    assert!(from.contains("Northwind Dental"), "the company's name is the sender's name: {from}");
    assert!(mail.header("MIME-Version").is_some());
    let content_type = mail.header("Content-Type").unwrap();
    assert!(content_type.starts_with("multipart/alternative"), "{content_type}");
    assert!(!mail.text().is_empty() && !mail.html().is_empty(), "a plain text and an HTML part");
    let html = mail.html();
    assert!(!html.contains("<img") && !html.contains("<link") && !html.contains("url("), "no remote content");
    assert_eq!(mail.header("Auto-Submitted").as_deref(), Some("auto-generated"));
}

fn finnish(name: &str, email: &str) -> Value {
    let mut body = application(name, email);
    body["locale"] = json!("fi");
    body
}

async fn every_step_of_an_application_reaches_the_candidate_once_in_their_language(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_mailing_to(backend, &smtp, 60).await;
    let (token, id) = app.applied(&finnish("Aino Virtanen", "aino@example.fi")).await;

    let received = &smtp.wait_for(1).await[0];
    assert_well_formed(received);
    assert_eq!(received.to(), "aino@example.fi");
    assert_eq!(received.subject(), "Hakemuksesi tehtävään Suuhygienisti on perillä");
    let text = received.text();
    assert!(text.starts_with("Hei Aino Virtanen,"), "{text}");
    assert!(text.contains("Kuulet meistä viimeistään"), "the first promised date: {text}");
    // The link opens this very application, in a browser that has nothing stored.
    assert_eq!(received.status_token().as_deref(), Some(token.as_str()));
    let (status, seen) = app.status(&token).await;
    assert_eq!((status.as_u16(), seen["posting"]["slug"].as_str()), (200, Some("dental-hygienist")));
    // The acknowledgement is essential: it says why, and can't be unsubscribed.
    assert!(received.header("List-Unsubscribe").is_none());
    assert!(text.contains("vaikka olisit lopettanut muut päivitykset"), "{text}");

    let words = "Kiitos Aino! <b>Sopiiko</b> tiistai?\nSoitamme klo 10.";
    app.acts(&format!("applications/{id}/stage"), &json!({"stage": 1, "message": words, "promised": app.in_days(5)}))
        .await;
    let moved = &smtp.wait_for(2).await[1];
    assert_well_formed(moved);
    assert!(moved.subject().starts_with("Suuhygienisti: hakemuksesi eteni"), "{}", moved.subject());
    assert!(moved.text().contains("> Kiitos Aino! <b>Sopiiko</b> tiistai?\n> Soitamme klo 10."), "{}", moved.text());
    assert!(moved.html().contains("Kiitos Aino! &lt;b&gt;Sopiiko&lt;/b&gt; tiistai?"), "words as text, never markup");
    let unsubscribe = moved.header("List-Unsubscribe").expect("an update can be stopped");
    assert!(unsubscribe.starts_with('<') && unsubscribe.contains("/mail/stop?"), "{unsubscribe}");
    assert_eq!(moved.header("List-Unsubscribe-Post").as_deref(), Some("List-Unsubscribe=One-Click"));

    app.acts(
        &format!("applications/{id}/messages"),
        &json!({"message": "Tarvitsemme kaksi päivää lisää.", "promised": app.in_days(7)}),
    )
    .await;
    let message = &smtp.wait_for(3).await[2];
    assert_well_formed(message);
    assert!(message.text().contains("> Tarvitsemme kaksi päivää lisää."));

    app.acts(
        &format!("applications/{id}/close"),
        &json!({"outcome": "not_selected", "message": "Kiitos ajastasi, Aino."}),
    )
    .await;
    let outcome = &smtp.wait_for(4).await[3];
    assert_well_formed(outcome);
    assert_eq!(outcome.subject(), "Hakemuksesi tehtävään Suuhygienisti: päätös");
    assert!(outcome.text().contains("> Kiitos ajastasi, Aino."));
    assert!(outcome.header("List-Unsubscribe").is_none(), "the outcome is essential");

    // Once each: nothing more arrives, and every Message-ID is its own.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let all = smtp.received();
    assert_eq!(all.len(), 4);
    let mut ids: Vec<String> = all.iter().map(Received::message_id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 4);
    for mail in &all {
        assert_eq!(mail.status_token().as_deref(), Some(token.as_str()), "every mail carries the link");
    }

    // The outbox says what went, to whom, with the server's answer.
    let company = demo_company(&app).await;
    let kept = app.state.store.outbox(company, None, 10).await.unwrap();
    assert_eq!(kept.len(), 4);
    for mail in &kept {
        assert_eq!(mail.state, MailState::Sent, "{mail:?}");
        assert!(mail.last_answer.starts_with("250"), "{}", mail.last_answer);
        assert_eq!(mail.recipient, "aino@example.fi");
    }
}

async fn demo_company(app: &TestApp) -> CompanyId {
    let slug = candor_api::CompanySlug::parse(crate::helpers::COMPANY).unwrap();
    app.state.store.company_by_slug(&slug).await.unwrap().unwrap().id
}

async fn a_mail_server_that_is_down_then_back_gets_each_mail_once(backend: Backend) {
    let mut smtp = SmtpServer::down();
    let app = app_mailing_to(backend, &smtp, 1).await;
    app.applied(&application("Mikael Berg", "mikael@example.se")).await;
    let company = demo_company(&app).await;

    // It is tried, refused, and waits for the next try.
    let deadline = Instant::now() + Duration::from_secs(20);
    let tried = loop {
        let kept = app.state.store.outbox(company, None, 10).await.unwrap();
        if let Some(mail) = kept.first().filter(|m| m.attempts >= 1 && !m.last_answer.is_empty()) {
            break mail.clone();
        }
        assert!(Instant::now() < deadline, "the mail was never tried: {kept:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(tried.state, MailState::Pending, "a refused connection is tried again: {tried:?}");

    smtp.resume();
    let received = smtp.wait_for(1).await;
    assert_eq!(received[0].message_id(), tried.message_id.trim_matches(['<', '>']));
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(smtp.received().len(), 1, "delivered once");
    let kept = app.state.store.outbox(company, None, 10).await.unwrap();
    assert_eq!(kept[0].state, MailState::Sent);
}

async fn a_candidate_who_stopped_updates_still_hears_the_outcome(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_mailing_to(backend, &smtp, 60).await;
    let (_, id) = app.applied(&application("Ola Nowak", "ola@example.pl")).await;
    smtp.wait_for(1).await;
    let company = demo_company(&app).await;
    app.state.store.set_mail_updates(company, candor_server::store::ApplicationId(id), false).await.unwrap();

    app.acts(
        &format!("applications/{id}/stage"),
        &json!({"stage": 1, "message": "See you on Monday.", "promised": app.in_days(5)}),
    )
    .await;
    app.acts(&format!("applications/{id}/close"), &json!({"outcome": "hired", "message": "Welcome aboard, Ola!"}))
        .await;
    let received = smtp.wait_for(2).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let all = smtp.received();
    assert_eq!(
        all.len(),
        2,
        "the stage change was not mailed: {:?}",
        all.iter().map(Received::subject).collect::<Vec<_>>()
    );
    assert_eq!(received[1].subject(), "The outcome of your application for Dental Hygienist");
    assert!(received[1].text().contains("Welcome aboard, Ola!"));
}

/// `candor serve --demo` as its own process on `database`, delivering to
/// `smtp` if given: killed with SIGKILL when dropped, as a crash would.
struct Process {
    child: std::process::Child,
    address: String,
}

impl Process {
    fn start(database: &str, widget_dir: &std::path::Path, smtp: Option<&SmtpServer>) -> Process {
        use std::io::BufRead;
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_candor"));
        command
            .args(["serve", "--demo", "--port", "0", "--demo-site-port", "0", "--database-url", database])
            .arg("--widget-dir")
            .arg(widget_dir)
            .args(["--mail-from", FROM, "--mail-retry-seconds", "1"])
            .env_remove("CANDOR_SMTP_URL")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null());
        if let Some(smtp) = smtp {
            command.args(["--smtp-url", &smtp.url()]);
        }
        let mut child = command.spawn().expect("candor starts");
        let stdout = child.stdout.take().unwrap();
        let mut lines = std::io::BufReader::new(stdout).lines();
        let address = loop {
            let line = lines.next().expect("candor prints its address").unwrap();
            if let Some(address) = line.strip_prefix("Candor is listening on ") {
                break address.trim().to_owned();
            }
        };
        // Keep reading, so the process never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Process { child, address }
    }

    /// SIGKILL: no shutdown, no flushing, nothing the process could finish.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

async fn a_server_killed_between_an_event_and_its_mail_sends_it_once_after_the_restart(backend: Backend) {
    let database = Database::fresh(backend).await;
    let widget_dir = tempfile::tempdir().unwrap();
    std::fs::write(widget_dir.path().join("candor.js"), "export {};\n").unwrap();

    // The event is stored with its mail; the process dies before any send
    // (no mail server yet).
    let first = Process::start(&database.url, widget_dir.path(), None);
    let response = reqwest::Client::new()
        .post(format!("{}/api/v1/companies/northwind/postings/dental-hygienist/applications", first.address))
        .header("Idempotency-Key", "killed-between-event-and-mail")
        .json(&application("Eeva Kallio", "eeva@example.fi"))
        .send()
        .await
        .unwrap();
    let (status, ack) = json(response).await;
    assert_eq!(status, 201, "{ack}");
    assert_eq!(ack["mailed_to"], "eeva@example.fi", "the acknowledgement says where the link went");
    first.kill();

    let smtp = SmtpServer::start();
    let second = Process::start(&database.url, widget_dir.path(), Some(&smtp));
    let received = smtp.wait_for(1).await;
    assert_eq!(received[0].to(), "eeva@example.fi");
    assert_eq!(received[0].status_token().as_deref(), ack["status_token"].as_str());
    tokio::time::sleep(Duration::from_secs(2)).await;
    second.kill();

    // Another restart sends nothing again.
    let third = Process::start(&database.url, widget_dir.path(), Some(&smtp));
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(smtp.received().len(), 1, "delivered once");
    third.kill();
}

async fn erasing_an_application_takes_its_mails_with_it(backend: Backend) {
    let mut smtp = SmtpServer::down();
    let app = app_mailing_to(backend, &smtp, 1).await;
    let (token, _) = app.applied(&application("Sara Lind", "sara@example.se")).await;
    let company = demo_company(&app).await;
    assert_eq!(app.state.store.outbox(company, None, 10).await.unwrap().len(), 1);

    let erased = app.candidate(Method::DELETE, "", &token).send().await.unwrap();
    assert!(erased.status().is_success(), "{}", erased.status());
    assert!(app.state.store.outbox(company, None, 10).await.unwrap().is_empty(), "the mail held her address");

    // The mail that was waiting never goes.
    smtp.resume();
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(smtp.received().is_empty());
}
