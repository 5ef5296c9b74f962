//! The talent pool: candidates who chose it when applying are listed to the
//! company's recruiters, searchable by skill and place, with their consent's
//! days, until they leave it from their status page or the consent lapses;
//! a month before it is a year old they are asked by mail to renew it,
//! which is one click on their status page.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Backend, COMPANY, TestApp, application, error_of, json, spawn_app_with};

crate::on_both_backends!(
    the_pool_lists_who_chose_it_until_they_leave_or_it_lapses,
    a_member_is_asked_once_to_renew_and_renewing_keeps_them_a_year_more,
    only_a_member_renews_and_a_lapsed_one_may_until_their_data_goes,
    a_member_hears_once_of_each_matching_posting_that_opens_while_their_consent_lasts,
);

async fn pool(app: &TestApp, query: &str, token: &str) -> (StatusCode, Value) {
    json(app.recruiter(Method::GET, &format!("talent-pool{query}"), token).send().await.unwrap()).await
}

fn names(pool: &Value) -> Vec<&str> {
    pool["members"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect()
}

async fn the_pool_lists_who_chose_it_until_they_leave_or_it_lapses(backend: Backend) {
    let app = spawn_app_with(backend, |args| args.test_clock = true).await;
    let member = |name: &str, email: &str, city: &str, skills: &[&str]| {
        let mut body = application(name, email);
        body["profile"]["location"] = json!(city);
        body["profile"]["skills"] = json!(skills);
        body["consent"]["talent_pool"] = json!(true);
        body
    };
    let (aino, aino_id) =
        app.applied(&member("Aino Virtanen", "aino@example.fi", "Tampere", &["Periodontal care", "Sedation"])).await;
    let (eero, _) = app.applied(&member("Eero Laine", "eero@example.fi", "Helsinki", &["Orthodontics"])).await;
    let (_, _) = app.applied(&application("Mikael Berg", "mikael@example.fi")).await;

    let (status, all) = pool(&app, "", &app.recruiter_token).await;
    assert_eq!(status, StatusCode::OK, "{all}");
    assert_eq!(names(&all), ["Eero Laine", "Aino Virtanen"], "newest first, and only who chose it");
    let first = &all["members"][1];
    assert_eq!(first["application"], aino_id);
    assert_eq!(first["posting"]["slug"], "dental-hygienist");
    assert_eq!(first["consent_on"], app.in_days(0));
    assert_eq!(first["consent_until"], app.in_days(364));
    assert!(!all.to_string().contains("aino@example.fi"), "no addresses in the list: {all}");

    let (_, found) = pool(&app, "?skill=periodontal&place=tampere", &app.recruiter_token).await;
    assert_eq!(names(&found), ["Aino Virtanen"]);
    let (_, found) = pool(&app, "?place=Helsinki", &app.recruiter_token).await;
    assert_eq!(names(&found), ["Eero Laine"]);
    let (_, none) = pool(&app, "?skill=welding", &app.recruiter_token).await;
    assert_eq!(names(&none), Vec::<&str>::new());
    let (status, body) = pool(&app, "?skil=typo", &app.recruiter_token).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "an unknown parameter is refused: {body}");
    assert!(body.to_string().contains("skil"), "{body}");

    // The candidate sees they are in it, and leaves from their status page.
    let (_, seen) = app.status(&aino).await;
    assert_eq!(seen["talent_pool_until"], app.in_days(364));
    let left = app.candidate(Method::POST, "/talent-pool/leave", &aino).send().await.unwrap();
    let (status, seen) = json(left).await;
    assert_eq!((status, seen.get("talent_pool_until")), (StatusCode::OK, None), "{seen}");
    let (_, after) = pool(&app, "", &app.recruiter_token).await;
    assert_eq!(names(&after), ["Eero Laine"]);
    let (status, body) = json(app.candidate(Method::POST, "/talent-pool/leave", "nope").send().await.unwrap()).await;
    assert_eq!((status, error_of(&body).0.as_str()), (StatusCode::NOT_FOUND, "application_not_found"));

    // A year on, unrenewed, the consent has lapsed.
    let response = app.client.post(app.url("/api/test/clock?advance_days=365")).send().await.unwrap();
    assert_eq!(response.status(), 204);
    let (_, lapsed) = pool(&app, "", &app.recruiter_token).await;
    assert_eq!(names(&lapsed), Vec::<&str>::new());
    let (_, seen) = app.status(&eero).await;
    assert_eq!(seen.get("talent_pool_until"), None, "{seen}");
}

async fn advance(app: &TestApp, days: i64) {
    let response = app.client.post(app.url(&format!("/api/test/clock?advance_days={days}"))).send().await.unwrap();
    assert_eq!(response.status(), 204);
}

/// The renewal mails kept for `to`, each as its text (the outbox as the
/// store has it: the console's list carries no body).
async fn renewal_mails(app: &TestApp, to: &str) -> Vec<String> {
    let slug = candor_api::CompanySlug::parse(COMPANY).unwrap();
    let company = app.state.store.company_by_slug(&slug).await.unwrap().unwrap().id;
    let mails = app.state.store.outbox(company, None, 100).await.unwrap();
    mails
        .into_iter()
        .filter(|m| m.recipient == to && m.kind == candor_api::mail::MailKind::PoolRenewal)
        .map(|m| m.text_body)
        .collect()
}

/// Waits (briefly) for the sweep the clock's move started to have kept
/// `n` renewal mails for `to`.
async fn renewal_mails_reach(app: &TestApp, to: &str, n: usize) -> Vec<String> {
    for _ in 0..50 {
        let mails = renewal_mails(app, to).await;
        if mails.len() >= n {
            return mails;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    renewal_mails(app, to).await
}

fn pool_member(name: &str, email: &str) -> Value {
    let mut body = application(name, email);
    body["consent"]["talent_pool"] = json!(true);
    body
}

async fn renew(app: &TestApp, token: &str) -> (StatusCode, Value) {
    json(app.candidate(Method::POST, "/talent-pool/renew", token).send().await.unwrap()).await
}

async fn a_member_is_asked_once_to_renew_and_renewing_keeps_them_a_year_more(backend: Backend) {
    let app = spawn_app_with(backend, |args| args.test_clock = true).await;
    let (aino, _) = app.applied(&pool_member("Aino Virtanen", "aino@example.fi")).await;
    let (eero, _) = app.applied(&pool_member("Eero Laine", "eero@example.fi")).await;
    let until = app.in_days(364);

    // Not yet: 31 days before the consent is a year old.
    advance(&app, 334).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(renewal_mails(&app, "aino@example.fi").await.len(), 0);
    let (_, seen) = app.status(&aino).await;
    assert_eq!((seen["talent_pool_until"].as_str(), seen.get("talent_pool_renewable")), (Some(&*until), None));

    // 30 days before: one mail each, saying until when and how to renew.
    advance(&app, 1).await;
    let mails = renewal_mails_reach(&app, "aino@example.fi", 1).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(mails[0].contains("Renew for another year"), "{}", mails[0]);
    assert!(mails[0].contains("/status?lang=en#"), "the status link, its token after #: {}", mails[0]);
    assert_eq!(renewal_mails_reach(&app, "eero@example.fi", 1).await.len(), 1);
    let (_, seen) = app.status(&aino).await;
    assert_eq!(seen["talent_pool_renewable"], true, "{seen}");
    assert_eq!(seen["talent_pool_until"].as_str(), Some(&*until));

    // The next sweeps ask nothing more of the same consent.
    advance(&app, 1).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(renewal_mails(&app, "aino@example.fi").await.len(), 1);

    // Renewed: a year from today, and nothing due any more.
    let (status, renewed) = renew(&app, &aino).await;
    assert_eq!(status, StatusCode::OK, "{renewed}");
    assert_eq!(renewed["talent_pool_until"], app.in_days(364));
    assert_eq!(renewed.get("talent_pool_renewable"), None, "{renewed}");

    // A year after applying: Eero, unrenewed, is out of the pool; Aino stays,
    // and gets no second mail until her renewed consent is nearly a year old.
    advance(&app, 29).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (_, members) = pool(&app, "", &app.recruiter_token).await;
    assert_eq!(names(&members), ["Aino Virtanen"]);
    let (_, seen) = app.status(&eero).await;
    assert_eq!(seen.get("talent_pool_until"), None, "{seen}");
    assert_eq!(seen["talent_pool_lapsed_on"].as_str(), Some(&*until));
    assert_eq!(seen["talent_pool_renewable"], true);
    assert_eq!(renewal_mails(&app, "aino@example.fi").await.len(), 1);
    assert_eq!(renewal_mails(&app, "eero@example.fi").await.len(), 1);

    // Her renewed consent (given on day 336) is asked again a year on.
    advance(&app, 336 + 335 - 365).await;
    assert_eq!(renewal_mails_reach(&app, "aino@example.fi", 2).await.len(), 2);
}

async fn only_a_member_renews_and_a_lapsed_one_may_until_their_data_goes(backend: Backend) {
    let app = spawn_app_with(backend, |args| args.test_clock = true).await;
    let (aino, _) = app.applied(&pool_member("Aino Virtanen", "aino@example.fi")).await;
    let (eero, _) = app.applied(&pool_member("Eero Laine", "eero@example.fi")).await;
    let (mikael, _) = app.applied(&application("Mikael Berg", "mikael@example.fi")).await;

    let (status, body) = renew(&app, &mikael).await;
    assert_eq!((status, error_of(&body).0.as_str()), (StatusCode::CONFLICT, "not_in_talent_pool"), "never joined");
    app.candidate(Method::POST, "/talent-pool/leave", &eero).send().await.unwrap();
    let (status, body) = renew(&app, &eero).await;
    assert_eq!((status, error_of(&body).0.as_str()), (StatusCode::CONFLICT, "not_in_talent_pool"), "left it");
    let (status, body) = renew(&app, "nope").await;
    assert_eq!((status, error_of(&body).0.as_str()), (StatusCode::NOT_FOUND, "application_not_found"));

    // Lapsed unrenewed, but the application's data is kept: renewing it
    // brings her back into the pool for a year from today.
    advance(&app, 400).await;
    let (_, members) = pool(&app, "", &app.recruiter_token).await;
    assert_eq!(names(&members), Vec::<&str>::new());
    let (status, renewed) = renew(&app, &aino).await;
    assert_eq!(status, StatusCode::OK, "{renewed}");
    assert_eq!(renewed["talent_pool_until"], app.in_days(364));
    assert_eq!(renewed.get("talent_pool_lapsed_on"), None, "{renewed}");
    let (_, members) = pool(&app, "", &app.recruiter_token).await;
    assert_eq!(names(&members), ["Aino Virtanen"]);
    assert_eq!(members["members"][0]["consent_on"], app.in_days(0), "the console shows the renewed consent's day");
}

/// The pool alerts kept for `to`, each as its subject.
async fn alert_mails(app: &TestApp, to: &str) -> Vec<String> {
    let slug = candor_api::CompanySlug::parse(COMPANY).unwrap();
    let company = app.state.store.company_by_slug(&slug).await.unwrap().unwrap().id;
    let mails = app.state.store.outbox(company, None, 100).await.unwrap();
    let alerts = mails.into_iter().filter(|m| m.recipient == to && m.kind == candor_api::mail::MailKind::PoolAlert);
    alerts.map(|m| format!("{}\n{}", m.subject, m.text_body)).collect()
}

fn draft(slug: &str, title: &str, department: &str, city: &str) -> Value {
    json!({
        "slug": slug,
        "title": title,
        "department": department,
        "location": {"city": city, "country": "fi"},
        "workplace": "on_site",
        "employment_type": "part_time",
        "teaser": "The first smile our patients see.",
        "description": "You welcome patients and keep the day running.",
        "stages": [{"name": "Application review", "expected_days": 5}],
        "screening_questions": []
    })
}

/// Drafts and opens a posting as an admin.
async fn open_posting(app: &TestApp, admin: &str, body: &Value) {
    let slug = body["slug"].as_str().unwrap();
    let created = app.recruiter(Method::POST, "postings", admin).json(body).send().await.unwrap();
    assert_eq!(created.status(), StatusCode::CREATED, "{}", created.text().await.unwrap());
    let opened = app.recruiter(Method::POST, &format!("postings/{slug}/status"), admin);
    let (status, body) = json(opened.json(&json!({"status": "open"})).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn choose_alerts(app: &TestApp, token: &str, alerts: Value) -> (StatusCode, Value) {
    let request = app.candidate(Method::PUT, "/talent-pool/alerts", token).json(&json!({ "alerts": alerts }));
    json(request.send().await.unwrap()).await
}

/// Waits (briefly) for the sweep a posting's opening started.
async fn alerts_reach(app: &TestApp, to: &str, n: usize) -> Vec<String> {
    for _ in 0..50 {
        let mails = alert_mails(app, to).await;
        if mails.len() >= n {
            return mails;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    alert_mails(app, to).await
}

async fn a_member_hears_once_of_each_matching_posting_that_opens_while_their_consent_lasts(backend: Backend) {
    let app = spawn_app_with(backend, |args| args.test_clock = true).await;
    let admin = app.token_with_role(candor_api::recruiting::Role::Admin).await;
    let (aino, _) = app.applied(&pool_member("Aino Virtanen", "aino@example.fi")).await;
    let (eero, _) = app.applied(&pool_member("Eero Laine", "eero@example.fi")).await;
    let (mikael, _) = app.applied(&application("Mikael Berg", "mikael@example.fi")).await;

    // Bad choices name their field; a non-member can't choose.
    let (status, body) = choose_alerts(&app, &aino, json!({"departments": [" "]})).await;
    assert_eq!(
        (status, error_of(&body)),
        (StatusCode::BAD_REQUEST, ("required".into(), Some("departments[0]".into())))
    );
    let (status, body) = choose_alerts(&app, &aino, json!({"department": []})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "an unknown field is refused: {body}");
    let (status, body) = choose_alerts(&app, &mikael, json!({"departments": []})).await;
    assert_eq!((status, error_of(&body).0.as_str()), (StatusCode::CONFLICT, "not_in_talent_pool"));

    let choice = json!({"departments": ["front desk"], "places": ["Tampere", "Oulu"]});
    let (status, seen) = choose_alerts(&app, &aino, choice.clone()).await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    assert_eq!(seen["talent_pool_alerts"], choice);
    let (_, seen) = choose_alerts(&app, &eero, json!({"departments": [], "places": []})).await;
    assert_eq!(seen["talent_pool_alerts"], json!({"departments": [], "places": []}), "every opening");

    // A matching posting opens: one mail each; a non-matching one: none for Aino.
    open_posting(&app, &admin, &draft("receptionist", "Clinic Receptionist", "Front desk", "Tampere")).await;
    let mails = alerts_reach(&app, "aino@example.fi", 1).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(mails[0].starts_with("Northwind Dental has opened a position: Clinic Receptionist"), "{}", mails[0]);
    assert!(mails[0].contains("#candor/northwind/receptionist"), "the posting on the careers page: {}", mails[0]);
    assert!(mails[0].contains("/status?lang=en#"), "the status page, to change the choice: {}", mails[0]);
    assert_eq!(alerts_reach(&app, "eero@example.fi", 1).await.len(), 1);
    open_posting(&app, &admin, &draft("nurse", "Dental Nurse", "Clinic", "Oulu")).await;
    assert_eq!(alerts_reach(&app, "eero@example.fi", 2).await.len(), 2, "Eero asked for every opening");
    assert_eq!(alert_mails(&app, "aino@example.fi").await.len(), 1, "another department: not Aino's");
    assert_eq!(alert_mails(&app, "mikael@example.fi").await.len(), 0);

    // Paused and opened again, it is the same posting: no second mail.
    let pause = app.recruiter(Method::POST, "postings/receptionist/status", &admin).json(&json!({"status": "closed"}));
    assert_eq!(pause.send().await.unwrap().status(), StatusCode::OK);
    open_again(&app, &admin, "receptionist").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(alert_mails(&app, "aino@example.fi").await.len(), 1);

    // A year on, unrenewed: a matching opening mails no one.
    advance(&app, 365).await;
    open_posting(&app, &admin, &draft("hygienist-tampere", "Hygienist", "Front desk", "Tampere")).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(alert_mails(&app, "aino@example.fi").await.len(), 1, "lapsed: no alert");
    assert_eq!(alert_mails(&app, "eero@example.fi").await.len(), 2);
    let (_, seen) = app.status(&eero).await;
    assert_eq!(
        seen["talent_pool_alerts"],
        json!({"departments": [], "places": []}),
        "the choice is kept for a renewal"
    );
}

async fn open_again(app: &TestApp, admin: &str, slug: &str) {
    let opened = app.recruiter(Method::POST, &format!("postings/{slug}/status"), admin);
    let (status, body) = json(opened.json(&json!({"status": "open"})).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}
