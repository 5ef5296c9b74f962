//! Promises kept by the software (issue 12, item 4), against a real SMTP
//! server: the day after a promised date passes without a word, the
//! candidate gets one short, honest mail in their language, and the
//! recruiter's silence alarm says they were told. A word before the date,
//! the company's setting or the candidate's own choice means no mail.

use std::time::Duration;

use candor_server::applications::late::sweep;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, application, json};
use crate::smtp::{Received, Sending, SmtpServer, app_sending_to};

crate::on_both_backends!(
    a_silent_promise_is_apologised_for_once_in_the_candidates_language,
    a_word_before_the_date_owes_no_apology,
    the_company_setting_and_the_candidates_choice_hold_the_mail_back,
);

async fn app_with_clock_mailing_to(backend: Backend, smtp: &SmtpServer) -> TestApp {
    app_sending_to(backend, smtp, Sending { retry_seconds: 1, test_clock: true, ..Sending::default() }).await
}

async fn advance_days(app: &TestApp, days: i64) {
    let response = app.client.post(app.url(&format!("/api/test/clock?advance_days={days}"))).send().await.unwrap();
    assert_eq!(response.status(), 204);
}

/// Sweeps (besides the server's own sweeps, which the clock's move set
/// off) and lets the sender deliver what is due.
async fn sweep_and_settle(app: &TestApp) {
    sweep(&app.state).await.expect("the sweep runs");
    tokio::time::sleep(Duration::from_millis(1500)).await;
}

fn subjects(smtp: &SmtpServer) -> Vec<String> {
    smtp.received().iter().map(Received::subject).collect()
}

fn in_language(name: &str, email: &str, locale: &str) -> Value {
    let mut body = application(name, email);
    body["locale"] = json!(locale);
    body
}

/// The value of a counter line of `/metrics` (0 when it never moved).
async fn counter(app: &TestApp, line_start: &str) -> f64 {
    let text = app.get("/metrics").await.text().await.unwrap();
    text.lines().filter(|l| l.starts_with(line_start)).filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok()).sum()
}

async fn a_silent_promise_is_apologised_for_once_in_the_candidates_language(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_with_clock_mailing_to(backend, &smtp).await;
    let (token, id) = app.applied(&in_language("Aino Virtanen", "aino@example.fi", "fi")).await;
    smtp.wait_for(1).await;
    let (_, status) = app.status(&token).await;
    let promised = status["progress"]["promised"].as_str().unwrap().to_owned();
    let late_before = counter(&app, "candor_late_promise_mails_total").await;
    let written_before = counter(&app, "candor_mails_written_total{kind=\"promise_late\"}").await;

    // The promise's own day is not late yet.
    let due_in = app.state.clock.today().days_until(candor_api::Day::parse(&promised).unwrap());
    advance_days(&app, due_in).await;
    sweep_and_settle(&app).await;
    assert_eq!(smtp.received().len(), 1, "{:?}", subjects(&smtp));

    // The day after, it is.
    advance_days(&app, 1).await;
    let late = &smtp.wait_for(2).await[1];
    assert_eq!(late.to(), "aino@example.fi");
    assert_eq!(late.subject(), "Suuhygienisti: olemme myöhässä");
    let text = late.text();
    assert!(text.starts_with("Hei Aino Virtanen,"), "{text}");
    let date = candor_api::Day::parse(&promised).unwrap();
    let said = format!("Lupasimme olla yhteydessä viimeistään {}. Olemme myöhässä", finnish_date(date));
    assert!(text.contains(&said), "{said:?} in {text}");
    assert_eq!(late.status_token().as_deref(), Some(token.as_str()), "the status link");
    assert!(late.header("List-Unsubscribe").is_some(), "an update, which can be stopped");

    // Swept again, that day and the next: nothing more.
    sweep_and_settle(&app).await;
    advance_days(&app, 1).await;
    sweep_and_settle(&app).await;
    assert_eq!(smtp.received().len(), 2, "one apology per promise: {:?}", subjects(&smtp));

    // The recruiter's silence alarm rings, and says the candidate was told.
    let (_, inbox) = json(app.recruiter(Method::GET, "inbox", &app.recruiter_token).send().await.unwrap()).await;
    let alarm = inbox["alarms"].as_array().unwrap().iter().find(|a| a["application_id"] == id).expect("an alarm");
    assert_eq!(alarm["silence"]["kind"], "promise_missed");
    assert_eq!(alarm["silence"]["promised"], promised.as_str());
    assert_eq!(alarm["told_late_on"], app.in_days(-1), "written the day after the date");

    // Counted.
    assert!(counter(&app, "candor_late_promise_mails_total").await >= late_before + 1.0);
    assert!(counter(&app, "candor_mails_written_total{kind=\"promise_late\"}").await >= written_before + 1.0);
    assert!(counter(&app, "candor_mails_sent_total{kind=\"promise_late\"}").await >= 1.0);

    // A new promise that passes in silence too is a new apology.
    app.acts(
        &format!("applications/{id}/messages"),
        &json!({"message": "Anteeksi, tarvitsemme kaksi päivää.", "promised": app.in_days(2)}),
    )
    .await;
    smtp.wait_for(3).await;
    advance_days(&app, 3).await;
    let again = &smtp.wait_for(4).await[3];
    assert_eq!(again.subject(), "Suuhygienisti: olemme myöhässä");
    sweep_and_settle(&app).await;
    assert_eq!(smtp.received().len(), 4, "{:?}", subjects(&smtp));
}

fn finnish_date(day: candor_api::Day) -> String {
    const MONTHS: [&str; 12] = [
        "tammikuuta",
        "helmikuuta",
        "maaliskuuta",
        "huhtikuuta",
        "toukokuuta",
        "kesäkuuta",
        "heinäkuuta",
        "elokuuta",
        "syyskuuta",
        "lokakuuta",
        "marraskuuta",
        "joulukuuta",
    ];
    format!("{}. {} {}", day.day(), MONTHS[usize::from(day.month()) - 1], day.year())
}

async fn a_word_before_the_date_owes_no_apology(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_with_clock_mailing_to(backend, &smtp).await;
    let (_, messaged) = app.applied(&application("Mikael Berg", "mikael@example.se")).await;
    let (_, renewed) = app.applied(&application("Sara Lind", "sara@example.se")).await;
    smtp.wait_for(2).await;
    advance_days(&app, 2).await;
    // Before the first promise's date: a message (the date stands), and a new date.
    app.acts(
        &format!("applications/{messaged}/messages"),
        &json!({"message": "Still reading, thank you for waiting."}),
    )
    .await;
    app.acts(
        &format!("applications/{renewed}/messages"),
        &json!({"message": "A week more, sorry.", "promised": app.in_days(10)}),
    )
    .await;
    smtp.wait_for(4).await;

    advance_days(&app, 4).await;
    sweep_and_settle(&app).await;
    assert_eq!(smtp.received().len(), 4, "no apology: {:?}", subjects(&smtp));
    assert!(!subjects(&smtp).iter().any(|s| s.contains("late")));
}

async fn the_company_setting_and_the_candidates_choice_hold_the_mail_back(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_with_clock_mailing_to(backend, &smtp).await;
    let (stopped_token, _) = app.applied(&application("Ola Nowak", "ola@example.pl")).await;
    let (_, waiting) = app.applied(&application("Eva de Vries", "eva@example.nl")).await;
    smtp.wait_for(2).await;
    // Ola stops the updates from the status page.
    let response =
        app.candidate(Method::PUT, "/mail", &stopped_token).json(&json!({"updates": false})).send().await.unwrap();
    let (status, body) = json(response).await;
    assert_eq!((status.as_u16(), &body["mail_updates"]), (200, &json!(false)), "{body}");
    // The company turns the mail off.
    late_promise_mail(&app, false).await;

    advance_days(&app, 5).await;
    sweep_and_settle(&app).await;
    assert_eq!(smtp.received().len(), 2, "{:?}", subjects(&smtp));
    let (_, inbox) = json(app.recruiter(Method::GET, "inbox", &app.recruiter_token).send().await.unwrap()).await;
    let alarm = inbox["alarms"].as_array().unwrap().iter().find(|a| a["application_id"] == waiting).unwrap().clone();
    assert_eq!(alarm["silence"]["kind"], "promise_missed", "the alarm rings all the same");
    assert_eq!(alarm.get("told_late_on"), None, "nobody was told");

    // On again: Eva hears, Ola, who stopped the updates, doesn't.
    late_promise_mail(&app, true).await;
    sweep_and_settle(&app).await;
    let received = smtp.received();
    assert_eq!(received.len(), 3, "{:?}", subjects(&smtp));
    assert_eq!(
        (received[2].to(), received[2].subject()),
        ("eva@example.nl".to_owned(), "Dental Hygienist: we're late".to_owned())
    );
}

/// Turns the company's late-promise mail on or off, as an admin does.
async fn late_promise_mail(app: &TestApp, on: bool) {
    let admin = app.token_with_role(candor_api::recruiting::Role::Admin).await;
    let (_, mut settings) = json(app.recruiter(Method::GET, "company", &admin).send().await.unwrap()).await;
    assert_eq!(settings["late_promise_mail"], json!(!on), "{settings}");
    settings["late_promise_mail"] = json!(on);
    let response = app.recruiter(Method::PUT, "company", &admin).json(&settings).send().await.unwrap();
    let (status, body) = json(response).await;
    assert_eq!((status.as_u16(), &body["late_promise_mail"]), (200, &json!(on)), "{body}");
}
