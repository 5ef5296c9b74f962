//! Mail for the company's own people, against a real SMTP server
//! (aiosmtpd, `smtp.rs`): an invitation and a password reset bring their
//! one-time link by mail, and that link sets the password; each person
//! chooses a mail per new application and question, one morning digest of
//! what waits, or none.

use std::time::{Duration, Instant};

use candor_api::Locale;
use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, application, error_of, json};
use crate::smtp::{Received, Sending, SmtpServer, app_sending_to};

crate::on_both_backends!(
    an_invitation_and_a_reset_bring_their_link_by_mail_and_it_sets_the_password,
    those_who_chose_each_hear_of_every_new_application_and_question,
    the_digest_goes_once_a_day_with_what_waits,
    nothing_waiting_sends_no_digest,
);

const FROM: &str = "Northwind careers <jobs@candor.test>";
const PASSWORD: &str = "northwind-demo-2026";
const ADMIN: &str = "admin@northwind.example";
const RECRUITER: &str = "recruiter@northwind.example";
const VIEWER: &str = "viewer@northwind.example";

async fn app_mailing_to(backend: Backend, smtp: &SmtpServer) -> TestApp {
    app_sending_to(backend, smtp, Sending { from: FROM, test_clock: true, ..Sending::default() }).await
}

type Person = (String, String);

/// A request to the recruiter API as a signed-in person.
async fn as_person(
    app: &TestApp,
    method: Method,
    path: &str,
    (cookie, csrf): &Person,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut request = app
        .client
        .request(method, app.url(&format!("/api/v1/recruiter/{path}")))
        .header(header::COOKIE, cookie)
        .header("X-CSRF-Token", csrf);
    if let Some(body) = body {
        request = request.json(&body);
    }
    json(request.send().await.unwrap()).await
}

async fn choose(app: &TestApp, person: &Person, notify: &str) {
    let (status, body) = as_person(app, Method::PUT, "me/notifications", person, Some(json!({"notify": notify}))).await;
    assert_eq!((status.as_u16(), &body), (200, &json!({"notify": notify})));
}

/// The mails `to` has received so far.
fn mails_to(smtp: &SmtpServer, to: &str) -> Vec<Received> {
    smtp.received().into_iter().filter(|m| m.to() == to).collect()
}

/// Waits until `to` has received `count` mails, and returns them.
async fn wait_for_mails_to(smtp: &SmtpServer, to: &str, count: usize) -> Vec<Received> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let mails = mails_to(smtp, to);
        if mails.len() >= count {
            return mails;
        }
        assert!(Instant::now() < deadline, "{count} mails to {to} expected, {} arrived", mails.len());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The set-password secret a mail's link carries (after `#`).
fn link_token(mail: &Received) -> String {
    let text = mail.text();
    let at = text.find("/console/#set-password=").expect("a set-password link in the mail");
    text[at + "/console/#set-password=".len()..].split_whitespace().next().unwrap().to_owned()
}

async fn post_console(app: &TestApp, path: &str, body: Value) -> StatusCode {
    app.client.post(app.url(path)).json(&body).send().await.unwrap().status()
}

async fn advance_days(app: &TestApp, days: i64) {
    let response = app.client.post(app.url(&format!("/api/test/clock?advance_days={days}"))).send().await.unwrap();
    assert_eq!(response.status(), 204);
}

/// What every one of these mails must be, as for the candidates' mails.
fn assert_well_formed(mail: &Received) {
    assert!(mail.header("Date").is_some());
    assert!(mail.message_id().ends_with("@candor.test"), "{}", mail.message_id());
    assert!(mail.header("From").unwrap().contains("<jobs@candor.test>"));
    assert!(mail.header("Content-Type").unwrap().starts_with("multipart/alternative"));
    let html = mail.html();
    assert!(!html.is_empty() && !html.contains("<img") && !html.contains("url("), "no remote content");
}

async fn an_invitation_and_a_reset_bring_their_link_by_mail_and_it_sets_the_password(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_mailing_to(backend, &smtp).await;
    let admin = app.sign_in(ADMIN, PASSWORD).await.expect("the demo admin signs in");

    let invite = json!({"email": "nina@northwind.example", "name": "Nina Nieminen", "role": "recruiter"});
    let (status, shown) = as_person(&app, Method::POST, "people", &admin, Some(invite)).await;
    assert_eq!(status, 201, "{shown}");
    assert_eq!(shown["mailed"], true, "{shown}");
    let invited = &wait_for_mails_to(&smtp, "nina@northwind.example", 1).await[0];
    assert_well_formed(invited);
    assert_eq!(invited.subject(), "You're invited to Northwind Dental's hiring console");
    let text = invited.text();
    assert!(text.starts_with("Hello Nina Nieminen,"), "{text}");
    assert!(
        text.contains("Maria Admin has invited you to Northwind Dental's console"),
        "who, to which company: {text}"
    );
    assert!(text.contains("The link works once, until "), "until when: {text}");
    // The very link the console shows once, on the server's address, its secret after `#`.
    assert!(text.contains(&format!("{}{}", app.address, shown["path"].as_str().unwrap())), "{text}");
    assert!(invited.header("List-Unsubscribe").is_none(), "essential: it can't be stopped");
    let token = link_token(invited);

    // The link from the mail opens the set-password page and sets the password.
    let owner = app.client.post(app.url("/console/api/password/owner")).json(&json!({"token": token})).send().await;
    let (status, owner) = json(owner.unwrap()).await;
    assert_eq!((status.as_u16(), owner["email"].as_str()), (200, Some("nina@northwind.example")));
    let first = "a first long passphrase of Nina's";
    let set = post_console(&app, "/console/api/password", json!({"token": token, "password": first})).await;
    assert_eq!(set, StatusCode::NO_CONTENT);
    assert!(app.sign_in("nina@northwind.example", first).await.is_some(), "she signs in");

    // A reset: a new link, by mail, that replaces the password.
    let (_, people) = as_person(&app, Method::GET, "people", &admin, None).await;
    let nina = people.as_array().unwrap().iter().find(|p| p["email"] == "nina@northwind.example").unwrap()["id"]
        .as_i64()
        .unwrap();
    let (status, shown) = as_person(&app, Method::POST, &format!("people/{nina}/link"), &admin, None).await;
    assert_eq!((status.as_u16(), &shown["mailed"]), (200, &json!(true)), "{shown}");
    let mails = wait_for_mails_to(&smtp, "nina@northwind.example", 2).await;
    let reset = &mails[1];
    assert_well_formed(reset);
    assert_eq!(reset.subject(), "Set a new password for Northwind Dental's console");
    assert!(reset.text().contains("Maria Admin has made you a link"), "{}", reset.text());
    let token = link_token(reset);
    let second = "a second long passphrase of Nina's";
    let set = post_console(&app, "/console/api/password", json!({"token": token, "password": second})).await;
    assert_eq!(set, StatusCode::NO_CONTENT);
    assert!(app.sign_in("nina@northwind.example", second).await.is_some());
    assert!(app.sign_in("nina@northwind.example", first).await.is_none(), "the old password is gone");
    let again = post_console(&app, "/console/api/password", json!({"token": token, "password": first})).await;
    assert_eq!(again, StatusCode::NOT_FOUND, "the mailed link works once: used, it is gone");

    // Once each.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(smtp.received().len(), 2, "an invitation and a reset, nothing else");
    assert_ne!(mails[0].message_id(), mails[1].message_id());
}

async fn those_who_chose_each_hear_of_every_new_application_and_question(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_mailing_to(backend, &smtp).await;
    let recruiter = app.sign_in(RECRUITER, PASSWORD).await.unwrap();
    let admin = app.sign_in(ADMIN, PASSWORD).await.unwrap();
    // The demo's people start with no mail; the recruiter asks for each.
    assert_eq!(as_person(&app, Method::GET, "me/notifications", &admin, None).await.1, json!({"notify": "none"}));
    choose(&app, &recruiter, "each").await;
    assert_eq!(as_person(&app, Method::GET, "me/notifications", &recruiter, None).await.1, json!({"notify": "each"}));
    // A choice the API doesn't know, and an API token (no one), are refused.
    let (status, body) =
        as_person(&app, Method::PUT, "me/notifications", &recruiter, Some(json!({"notify": "hourly"}))).await;
    assert_eq!(status, 400, "{body}");
    let by_token = app.recruiter(Method::GET, "me/notifications", &app.recruiter_token).send().await.unwrap();
    let (status, body) = json(by_token).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (403, "person_only"));

    let (_, aino) = app.applied(&application("Aino Virtanen", "aino@example.fi")).await;
    let note = &wait_for_mails_to(&smtp, RECRUITER, 1).await[0];
    assert_well_formed(note);
    assert_eq!(note.subject(), "New application for Dental Hygienist: Aino Virtanen");
    let text = note.text();
    assert!(text.starts_with("Hello Rasmus Recruiter,"), "{text}");
    assert!(text.contains(&format!("{}/console/applications/{aino}", app.address)), "a link to it: {text}");
    assert!(!text.contains("aino@example.fi") && !note.html().contains("aino@example.fi"), "the name, not the data");
    assert!(text.contains("/console/settings"), "where it is changed: {text}");

    let (status, _) = app.ask("dental-hygienist", &json!({"text": "Is there parking?", "name": "Sam"})).await;
    assert_eq!(status, 201);
    let notes = wait_for_mails_to(&smtp, RECRUITER, 2).await;
    assert_eq!(notes[1].subject(), "New question about Dental Hygienist");
    assert!(notes[1].text().contains("Sam has asked a question about Dental Hygienist"), "{}", notes[1].text());
    assert!(notes[1].text().contains(&format!("{}/console/", app.address)));
    // Asked again (a second click): the same question, no second note.
    let (status, _) = app.ask("dental-hygienist", &json!({"text": "Is there parking?", "name": "Sam"})).await;
    assert_eq!(status, 200);

    // 'none': nothing more, while the candidate still hears.
    choose(&app, &recruiter, "none").await;
    app.applied(&application("Eero Laine", "eero@example.fi")).await;
    wait_for_mails_to(&smtp, "eero@example.fi", 1).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(mails_to(&smtp, RECRUITER).len(), 2, "one per application and question while 'each'");
    assert!(mails_to(&smtp, ADMIN).is_empty(), "the admin chose none");
}

async fn the_digest_goes_once_a_day_with_what_waits(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_mailing_to(backend, &smtp).await;
    let token = app.recruiter_token.clone();
    let act = |id: i64, body: Value| {
        let request = app.recruiter(Method::POST, &format!("applications/{id}/messages"), &token).json(&body);
        async move { assert_eq!(request.send().await.unwrap().status(), 200) }
    };
    // Aino is promised word in 2 days, Bea in 30; a question waits.
    let (_, aino) = app.applied(&application("Aino Virtanen", "aino@example.fi")).await;
    let (_, bea) = app.applied(&application("Bea Berg", "bea@example.se")).await;
    act(aino, json!({"message": "We'll be in touch on Friday.", "promised": app.in_days(2)})).await;
    act(bea, json!({"message": "We'll be back in a month.", "promised": app.in_days(30)})).await;
    assert_eq!(app.ask("dental-hygienist", &json!({"text": "Is there parking?", "name": "Sam"})).await.0, 201);
    let aino_promised = app.state.clock.today().add_days(2).unwrap();

    // Eight days on, Aino's promise has passed; Bea is promised word today.
    advance_days(&app, 8).await;
    act(bea, json!({"message": "Our answer comes today.", "promised": app.in_days(0)})).await;
    let viewer = app.sign_in(VIEWER, PASSWORD).await.unwrap();
    choose(&app, &viewer, "digest").await;

    let digest = &wait_for_mails_to(&smtp, VIEWER, 1).await[0];
    assert_well_formed(digest);
    assert_eq!(digest.subject(), "What waits for you at Northwind Dental today");
    let text = digest.text();
    let promised = candor_server::mail::texts::texts(Locale::En).day(aino_promised);
    for line in [
        "Unanswered questions:\n\n• Dental Hygienist: Sam\n".to_owned(),
        format!("Silence alarms:\n\n• Dental Hygienist: Aino Virtanen (promised word by {promised})\n"),
        "Promises due today:\n\n• Dental Hygienist: Bea Berg\n".to_owned(),
    ] {
        assert!(text.contains(&line), "{line:?} in {text}");
    }
    assert!(!text.contains("Bea Berg (") && !text.contains("example.se"), "{text}");
    assert!(text.contains(&format!("{}/console/", app.address)));

    // Once that day, however often the task looks.
    tokio::time::sleep(Duration::from_secs(7)).await;
    assert_eq!(mails_to(&smtp, VIEWER).len(), 1, "one digest a day");

    // The next day, the next one: Bea's promise has passed too now.
    advance_days(&app, 1).await;
    let digests = wait_for_mails_to(&smtp, VIEWER, 2).await;
    assert_ne!(digests[0].message_id(), digests[1].message_id());
    assert!(digests[1].text().contains("• Dental Hygienist: Bea Berg (promised word by"), "{}", digests[1].text());
    assert!(!digests[1].text().contains("Promises due today"), "{}", digests[1].text());
    tokio::time::sleep(Duration::from_secs(6)).await;
    assert_eq!(mails_to(&smtp, VIEWER).len(), 2);
}

async fn nothing_waiting_sends_no_digest(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_mailing_to(backend, &smtp).await;
    let recruiter = app.sign_in(RECRUITER, PASSWORD).await.unwrap();
    choose(&app, &recruiter, "digest").await;
    tokio::time::sleep(Duration::from_secs(6)).await;
    advance_days(&app, 1).await;
    tokio::time::sleep(Duration::from_secs(6)).await;
    assert!(smtp.received().is_empty(), "nothing waits: no mail");
    let slug = candor_api::CompanySlug::parse(crate::helpers::COMPANY).unwrap();
    let company = app.state.store.company_by_slug(&slug).await.unwrap().unwrap().id;
    assert!(app.state.store.outbox(company, None, 10).await.unwrap().is_empty(), "nor any in the outbox");
}
