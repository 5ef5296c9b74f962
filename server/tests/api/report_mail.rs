//! A progress report's mails (issue 13), against a real SMTP server
//! (aiosmtpd, `smtp.rs`): making a link mails its person the link, which
//! opens the report; a warning note reaches every live link's person at
//! once, and no one whose link was revoked or has expired; the weekly
//! summary arrives on the company's weekday with the report's figures,
//! once a day whatever the sweeps, and again a week later.

use std::time::{Duration, Instant};

use candor_api::recruiting::Role;
use candor_server::reports::digest::sweep;
use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, json};
use crate::smtp::{Received, Sending, SmtpServer, app_sending_to};

crate::on_both_backends!(
    making_a_link_mails_its_person_the_link_that_opens_the_report,
    a_warning_reaches_every_live_links_person_at_once,
    the_weekly_summary_comes_on_the_companys_weekday_with_the_figures_once_a_day,
);

const FROM: &str = "Northwind careers <jobs@candor.test>";
const POSTING: &str = "dental-hygienist";
const ANNA: &str = "anna@client.example";

async fn app_mailing_to(backend: Backend, smtp: &SmtpServer) -> TestApp {
    app_sending_to(backend, smtp, Sending { from: FROM, retry_seconds: 1, test_clock: true }).await
}

/// A link of `posting` made with the demo recruiter's token: its id and its URL.
async fn share(app: &TestApp, posting: &str, body: Value) -> (i64, String) {
    let path = format!("postings/{posting}/report/links");
    let response = app.recruiter(Method::POST, &path, &app.recruiter_token).json(&body).send().await.unwrap();
    let (status, made) = json(response).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    (made["link"]["id"].as_i64().unwrap(), made["url"].as_str().unwrap().to_owned())
}

fn reader(name: &str, email: &str) -> Value {
    json!({"name": name, "email": email})
}

async fn note(app: &TestApp, posting: &str, kind: &str, body: &str) {
    let path = format!("postings/{posting}/report/notes");
    let request = app.recruiter(Method::POST, &path, &app.recruiter_token).json(&json!({"kind": kind, "body": body}));
    let (status, note) = json(request.send().await.unwrap()).await;
    assert_eq!(status, StatusCode::CREATED, "{note}");
}

/// The report the secret in a mail's link opens, as its reader's page asks for it.
async fn open_report(app: &TestApp, mail: &Received) -> Value {
    let secret = report_secret(mail);
    let response = app.client.get(app.url("/api/v1/report")).header("Candor-Report", secret).send().await.unwrap();
    let (status, report) = json(response).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    report
}

/// The secret a mail's report link carries (after `#`).
fn report_secret(mail: &Received) -> String {
    let text = mail.text();
    let at = text.find("/report#").expect("a report link in the mail");
    text[at + "/report#".len()..].split_whitespace().next().unwrap().to_owned()
}

fn mails_to(smtp: &SmtpServer, to: &str) -> Vec<Received> {
    smtp.received().into_iter().filter(|m| m.to() == to).collect()
}

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

/// Lets the sender deliver whatever is due.
async fn settle() {
    tokio::time::sleep(Duration::from_millis(1500)).await;
}

async fn advance_days(app: &TestApp, days: i64) {
    let response = app.client.post(app.url(&format!("/api/test/clock?advance_days={days}"))).send().await.unwrap();
    assert_eq!(response.status(), 204);
}

/// The company's weekly summaries go out on the weekday `days` from today
/// (so that no other day of a story is one).
async fn summaries_in(app: &TestApp, days: i64) {
    let admin = app.token_with_role(Role::Admin).await;
    let (_, mut settings) = app.api_as("recruiter/company", &admin).await;
    let weekday = app.state.clock.today().add_days(days).unwrap().iso_weekday();
    settings["reports"]["digest_weekday"] = json!(weekday);
    let response = app.recruiter(Method::PUT, "company", &admin).json(&settings).send().await.unwrap();
    let (status, body) = json(response).await;
    assert_eq!((status, &body["reports"]["digest_weekday"]), (StatusCode::OK, &json!(weekday)), "{body}");
}

/// What every report mail must be, as for every other mail.
fn assert_well_formed(mail: &Received) {
    assert!(mail.header("Date").is_some());
    assert!(mail.message_id().ends_with("@candor.test"), "{}", mail.message_id());
    assert!(mail.header("From").unwrap().contains("<jobs@candor.test>"));
    assert!(mail.header("Content-Type").unwrap().starts_with("multipart/alternative"));
    assert_eq!(mail.header("Auto-Submitted").as_deref(), Some("auto-generated"));
    let html = mail.html();
    assert!(!html.is_empty() && !html.contains("<img") && !html.contains("url("), "no remote content");
    assert!(mail.text().contains("Please don't forward this mail"), "the link is a key: {}", mail.text());
}

/// The kinds of mail the Outbox lists to the address `to`.
async fn outbox_kinds(app: &TestApp, to: &str) -> Vec<String> {
    let (_, outbox) = app.api_as("recruiter/outbox", &app.recruiter_token).await;
    let mails = outbox["mails"].as_array().unwrap().iter().filter(|m| m["recipient"] == to);
    mails.map(|m| m["kind"].as_str().unwrap().to_owned()).collect()
}

async fn making_a_link_mails_its_person_the_link_that_opens_the_report(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_mailing_to(backend, &smtp).await;
    let (_, url) = share(&app, POSTING, reader("Anna Berg", ANNA)).await;

    let mail = &wait_for_mails_to(&smtp, ANNA, 1).await[0];
    assert_well_formed(mail);
    assert_eq!(mail.subject(), "Northwind Dental has shared the progress of Dental Hygienist with you", "by a token");
    let text = mail.text();
    assert!(text.starts_with("Hello Anna Berg,"), "{text}");
    assert!(text.contains("Northwind Dental has made you a link to the progress report"), "{text}");
    assert!(text.contains("The report shows figures only"), "the company's default: {text}");
    let until = app.in_days(90);
    assert!(text.contains("until "), "until when: {text}");
    assert!(text.contains(&format!("Open the report:\n{url}\n")), "the very link made: {text}");
    assert!(url.starts_with(&format!("{}/report#r_", app.address)), "{url}");
    assert!(mail.header("List-Unsubscribe").is_none(), "it ends with the link, as it says: {text}");
    assert!(text.contains("The mails stop when the link ends on"), "{text}");

    // The link from the mail opens the report, for her.
    let report = open_report(&app, mail).await;
    assert_eq!(report["reader"], "Anna Berg");
    assert_eq!(report["posting"]["slug"], POSTING);
    let (_, links) = app.api_as(&format!("recruiter/postings/{POSTING}/report/links"), &app.recruiter_token).await;
    assert_eq!(links["links"][0]["expires_on"], until.as_str());
    assert!(links["links"][0]["last_opened_at"].is_string(), "opened from the mail: {links}");

    // Made by a person, in the reader's language: named, in Finnish.
    let (cookie, csrf) = app.sign_in("recruiter@northwind.example", "northwind-demo-2026").await.unwrap();
    let body = json!({"name": "Aino Laine", "email": "aino@client.example", "locale": "fi", "shows": "names"});
    let made = app
        .client
        .post(app.url(&format!("/api/v1/recruiter/postings/{POSTING}/report/links")))
        .header(header::COOKIE, cookie)
        .header("X-CSRF-Token", csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), StatusCode::CREATED);
    let finnish = &wait_for_mails_to(&smtp, "aino@client.example", 1).await[0];
    assert_well_formed_fi(finnish);
    assert_eq!(finnish.subject(), "Rasmus Recruiter jakoi kanssasi haun etenemisen: Dental Hygienist");
    let text = finnish.text();
    assert!(text.starts_with("Hei Aino Laine,"), "{text}");
    assert!(text.contains("Rasmus Recruiter yrityksestä Northwind Dental"), "{text}");
    assert!(text.contains("ehdokkaiden nimet"), "a link that shows names: {text}");
    assert_eq!(open_report(&app, finnish).await["locale"], "fi");

    assert_eq!(outbox_kinds(&app, ANNA).await, ["report_shared"]);
    assert_eq!(outbox_kinds(&app, "aino@client.example").await, ["report_shared"]);
    settle().await;
    assert_eq!(mails_to(&smtp, ANNA).len(), 1, "one mail per link");
}

/// [`assert_well_formed`] for a mail in Finnish.
fn assert_well_formed_fi(mail: &Received) {
    assert!(mail.header("Date").is_some() && mail.message_id().ends_with("@candor.test"));
    assert!(mail.header("Content-Type").unwrap().starts_with("multipart/alternative"));
    assert!(mail.text().contains("Älä välitä tätä viestiä eteenpäin"), "{}", mail.text());
    assert!(mail.html().contains("lang=\"fi\""));
}

async fn a_warning_reaches_every_live_links_person_at_once(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_mailing_to(backend, &smtp).await;
    // No weekly summary on any day this story passes.
    summaries_in(&app, 4).await;
    share(&app, POSTING, reader("Anna Berg", ANNA)).await;
    let (ben, _) = share(&app, POSTING, reader("Ben Brink", "ben@client.example")).await;
    let lasting = json!({"name": "Cara Cole", "email": "cara@client.example", "expires_in_days": 1});
    share(&app, POSTING, lasting).await;
    share(&app, "orthodontist", reader("Dan Dahl", "dan@client.example")).await;
    for to in [ANNA, "ben@client.example", "cara@client.example", "dan@client.example"] {
        wait_for_mails_to(&smtp, to, 1).await;
    }
    let revoked = app.recruiter(Method::DELETE, &format!("report/links/{ben}"), &app.recruiter_token).send().await;
    assert_eq!(revoked.unwrap().status(), StatusCode::NO_CONTENT);
    advance_days(&app, 2).await;

    // An update waits for the weekly summary.
    note(&app, POSTING, "update", "Four candidates so far.").await;
    settle().await;
    assert_eq!(mails_to(&smtp, ANNA).len(), 1, "no mail for an update");

    let words = "Candidates expect a higher salary: <b>5,500</b>.\nShall we raise the range?";
    note(&app, POSTING, "warning", words).await;
    let warning = &wait_for_mails_to(&smtp, ANNA, 2).await[1];
    assert_well_formed(warning);
    assert_eq!(warning.subject(), "Dental Hygienist: a warning about the search");
    let text = warning.text();
    assert!(text.starts_with("Hello Anna Berg,"), "{text}");
    assert!(text.contains("Northwind Dental has written a warning about the search for Dental Hygienist"), "{text}");
    assert!(text.contains("Warning from Demo recruiter, "), "who wrote it: {text}");
    assert!(text.contains("> Candidates expect a higher salary: <b>5,500</b>.\n> Shall we raise the range?"), "{text}");
    let html = warning.html();
    assert!(html.contains("Candidates expect a higher salary: &lt;b&gt;5,500&lt;/b&gt;."), "escaped: {html}");
    assert!(!html.contains("<b>5,500"), "the recruiter's words are never markup");
    // Its link opens the report, the warning on top.
    let report = open_report(&app, warning).await;
    assert_eq!(report["notes"][0]["kind"], "warning");
    assert_eq!(report["notes"][0]["body"], words);

    settle().await;
    assert_eq!(mails_to(&smtp, "ben@client.example").len(), 1, "a revoked link's person hears nothing more");
    assert_eq!(mails_to(&smtp, "cara@client.example").len(), 1, "nor an expired one's");
    assert_eq!(mails_to(&smtp, "dan@client.example").len(), 1, "nor another posting's reader");
    assert_eq!(outbox_kinds(&app, ANNA).await, ["report_warning", "report_shared"], "newest first");
    assert_eq!(outbox_kinds(&app, "ben@client.example").await, ["report_shared"]);
}

async fn the_weekly_summary_comes_on_the_companys_weekday_with_the_figures_once_a_day(backend: Backend) {
    let smtp = SmtpServer::start();
    let app = app_mailing_to(backend, &smtp).await;
    let admin = app.token_with_role(Role::Admin).await;
    let draft = json!({
        "slug": "dental-assistant", "title": "Dental Assistant", "department": "Clinic",
        "location": {"city": "Oulu", "country": "FI"}, "workplace": "on_site", "employment_type": "full_time",
        "teaser": "", "description": "Run the clinic.",
        "stages": [{"name": "Review", "expected_days": 2}, {"name": "Interview", "expected_days": 5}]
    });
    let made = app.recruiter(Method::POST, "postings", &admin).json(&draft).send().await.unwrap();
    assert_eq!(made.status(), StatusCode::CREATED);
    let opened =
        app.recruiter(Method::POST, "postings/dental-assistant/status", &admin).json(&json!({"status": "open"}));
    assert_eq!(opened.send().await.unwrap().status(), StatusCode::OK);
    for (i, (name, email)) in
        [("Aino Virtanen", "aino@example.fi"), ("Ben Berg", "ben@example.fi"), ("Cy Cole", "cy@example.fi")]
            .into_iter()
            .enumerate()
    {
        let body = json!({"profile": {"name": name, "email": email}, "answers": [],
                          "consent": {"data_processing": true}});
        let (status, ack) = json(app.apply("dental-assistant", &format!("weekly-summary-{i}"), &body).await).await;
        assert_eq!(status, StatusCode::CREATED, "{ack}");
    }
    let (_, list) = app.api_as("recruiter/postings/dental-assistant/applications", &admin).await;
    let cy = list.as_array().unwrap().iter().find(|a| a["email"] == "cy@example.fi").unwrap()["id"].as_i64().unwrap();
    app.acts(&format!("applications/{cy}/close"), &json!({"outcome": "not_selected", "message": "Thank you, Cy."}))
        .await;

    summaries_in(&app, 5).await;
    share(&app, "dental-assistant", reader("Anna Berg", ANNA)).await;
    let (ben, _) = share(&app, "dental-assistant", reader("Ben Brink", "ben@client.example")).await;
    wait_for_mails_to(&smtp, "ben@client.example", 1).await;
    let revoked = app.recruiter(Method::DELETE, &format!("report/links/{ben}"), &app.recruiter_token).send().await;
    assert_eq!(revoked.unwrap().status(), StatusCode::NO_CONTENT);
    note(&app, "dental-assistant", "update", "Two strong candidates & <one> to call.").await;
    wait_for_mails_to(&smtp, ANNA, 1).await;

    // Not the weekday yet.
    advance_days(&app, 4).await;
    sweep(&app.state).await.expect("the sweep runs");
    settle().await;
    assert_eq!(mails_to(&smtp, ANNA).len(), 1, "no summary before its weekday");

    // The weekday: the summary, with the report's own figures.
    advance_days(&app, 1).await;
    let summary = &wait_for_mails_to(&smtp, ANNA, 2).await[1];
    assert_well_formed(summary);
    assert_eq!(summary.subject(), "Dental Assistant: the week's progress");
    let report = open_report(&app, summary).await;
    assert_eq!(report["days_late"], 3, "Review was due over on day 2: {report}");
    let text = summary.text();
    let overdue = report["care"]["overdue_promises"].as_u64().unwrap();
    for said in [
        "Hello Anna Berg,".to_owned(),
        "Here is how the search for Dental Assistant at Northwind Dental stands on ".to_owned(),
        "The search is 3 days behind its plan.".to_owned(),
        "Candidates per stage now:".to_owned(),
        "• Review: 2".to_owned(),
        "• Interview: 0".to_owned(),
        "• Closed or withdrawn: 1".to_owned(),
        format!("Promises to candidates now overdue: {overdue}"),
        "Applications closed with a personal message: 1 of 1 (100%)".to_owned(),
        "Update from Demo recruiter, ".to_owned(),
        "> Two strong candidates & <one> to call.".to_owned(),
    ] {
        assert!(text.contains(&said), "{said:?} in {text}");
    }
    assert!(overdue >= 2, "Review's promises of day 2 passed: {}", report["care"]);
    assert!(!text.contains("Aino") && !text.contains("Cy Cole"), "a summary names no candidate: {text}");
    assert!(summary.html().contains("Two strong candidates &amp; &lt;one&gt; to call."), "{}", summary.html());

    // Once a day, however often it is swept and the clock is told to move.
    assert_eq!(sweep(&app.state).await.expect("the sweep runs"), 0);
    advance_days(&app, 0).await;
    settle().await;
    assert_eq!(mails_to(&smtp, ANNA).len(), 2, "one summary a day");
    assert_eq!(mails_to(&smtp, "ben@client.example").len(), 1, "none on a revoked link");
    advance_days(&app, 1).await;
    settle().await;
    assert_eq!(mails_to(&smtp, ANNA).len(), 2, "the next day is not the weekday");

    // A week on, the next.
    advance_days(&app, 6).await;
    let next = &wait_for_mails_to(&smtp, ANNA, 3).await[2];
    assert_eq!(next.subject(), "Dental Assistant: the week's progress");
    assert!(next.text().contains("No notes were written this week."), "{}", next.text());
    assert_ne!(next.message_id(), summary.message_id());
    assert_eq!(outbox_kinds(&app, ANNA).await, ["report_digest", "report_digest", "report_shared"]);
}
