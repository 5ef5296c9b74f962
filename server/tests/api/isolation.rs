//! Companies never see each other: every recruiter and console endpoint,
//! called with another company's API token and with another company's
//! console session on this company's ids, answers 404 with nothing of this
//! company's data, and answers exactly as it does for an id that doesn't
//! exist. The endpoints are read from the server's routes, so one added
//! without a place here fails this test.

use std::collections::BTreeSet;

use candor_api::CompanySlug;
use candor_api::recruiting::Role;
use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};

use crate::helpers::{Backend, COMPANY, TestApp, application, json, routes_in_sources, spawn_app};

crate::on_both_backends!(another_company_reaches_nothing_of_this_one_by_token_or_session);

const POSTING: &str = "dental-hygienist";
/// Words that only this company's data holds: none may reach the other one.
const OURS: [&str; 9] = [
    "Northwind",
    "northwind",
    "Aino",
    "aino@example.fi",
    "Is there parking",
    "Hygienist",
    "Anna Berg",
    "Candidates expect",
    "Raise the range",
];

/// How the other company calls.
enum Caller {
    Token(String),
    Session { cookie: String, csrf: String },
}

impl Caller {
    async fn send(&self, app: &TestApp, method: Method, path: &str, body: Option<&Value>) -> (StatusCode, String) {
        let mut request = app.client.request(method, app.url(path));
        request = match self {
            Caller::Token(token) => request.bearer_auth(token),
            Caller::Session { cookie, csrf } => request.header(header::COOKIE, cookie).header("x-csrf-token", csrf),
        };
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.expect("the request is sent");
        (response.status(), response.text().await.unwrap())
    }
}

/// An endpoint about one of the company's rows; `{}` stands for its id or slug.
struct ById {
    method: Method,
    route: &'static str,
    body: Option<Value>,
}

fn by_id() -> Vec<ById> {
    let stage = json!({"stage": 1, "message": "Hello", "promised": "2030-01-10"});
    let draft = json!({
        "slug": "x", "title": "X", "department": "X", "location": {"city": "Oulu", "country": "FI"},
        "workplace": "on_site", "employment_type": "full_time", "teaser": "", "description": "X",
        "stages": [{"name": "Review", "expected_days": 3}]
    });
    let at = |method: Method, route: &'static str, body: Option<Value>| ById { method, route, body };
    vec![
        at(Method::GET, "/api/v1/recruiter/postings/{posting}/applications", None),
        at(Method::GET, "/api/v1/recruiter/postings/{posting}", None),
        at(Method::PUT, "/api/v1/recruiter/postings/{posting}", Some(draft)),
        at(Method::POST, "/api/v1/recruiter/postings/{posting}/status", Some(json!({"status": "closed"}))),
        at(Method::GET, "/api/v1/recruiter/applications/{id}", None),
        at(Method::POST, "/api/v1/recruiter/applications/{id}/stage", Some(stage)),
        at(Method::POST, "/api/v1/recruiter/applications/{id}/messages", Some(json!({"message": "Hello"}))),
        at(
            Method::POST,
            "/api/v1/recruiter/applications/{id}/close",
            Some(json!({"outcome": "hired", "message": "Yes"})),
        ),
        at(Method::GET, "/api/v1/recruiter/applications/{id}/cv", None),
        at(Method::GET, "/api/v1/recruiter/applications/{id}/cv/inline", None),
        at(Method::POST, "/api/v1/recruiter/questions/{id}/answer", Some(json!({"answer": "Yes, there is."}))),
        at(
            Method::POST,
            "/api/v1/recruiter/questions/{id}/decline",
            Some(json!({"reason": "spam", "message": "This looks like an advert."})),
        ),
        at(Method::DELETE, "/api/v1/recruiter/people/{id}", None),
        at(Method::PUT, "/api/v1/recruiter/people/{id}/role", Some(json!({"role": "viewer"}))),
        at(Method::POST, "/api/v1/recruiter/people/{id}/link", None),
        at(Method::DELETE, "/api/v1/recruiter/tokens/{id}", None),
        at(Method::POST, "/api/v1/recruiter/outbox/{id}/resend", None),
        at(Method::GET, "/api/v1/recruiter/postings/{posting}/report", None),
        at(Method::GET, "/api/v1/recruiter/postings/{posting}/report/links", None),
        at(
            Method::POST,
            "/api/v1/recruiter/postings/{posting}/report/links",
            Some(json!({"name": "Planted Reader", "email": "planted@acme.example"})),
        ),
        at(
            Method::POST,
            "/api/v1/recruiter/postings/{posting}/report/notes",
            Some(json!({"kind": "warning", "body": "Planted"})),
        ),
        at(Method::DELETE, "/api/v1/recruiter/report/links/{id}", None),
        at(Method::POST, "/api/v1/recruiter/report/replies/{id}/seen", None),
    ]
}

/// The company-wide endpoints: the other company reads and writes its own,
/// and sees nothing of this one. `n` tells two callers' new rows apart.
fn company_wide(n: usize) -> Vec<(Method, &'static str, Option<Value>, StatusCode)> {
    let draft = json!({
        "slug": format!("their-own-{n}"), "title": "Their own", "department": "X",
        "location": {"city": "Oulu", "country": "FI"}, "workplace": "on_site", "employment_type": "full_time",
        "teaser": "", "description": "X", "stages": [{"name": "Review", "expected_days": 3}]
    });
    let settings = json!({
        "name": "Acme", "branding": {"accent_color": "#123456"}, "default_locale": "en",
        "retention_days": 30, "silence_alarm_days": 7, "origins": []
    });
    let invite = json!({"email": format!("new-{n}@acme.example"), "name": "New", "role": "viewer"});
    let ok = StatusCode::OK;
    let created = StatusCode::CREATED;
    vec![
        (Method::GET, "/api/v1/recruiter/inbox", None, ok),
        (Method::GET, "/api/v1/recruiter/outbox", None, ok),
        (Method::GET, "/api/v1/recruiter/audit", None, ok),
        (Method::GET, "/api/v1/recruiter/metrics", None, ok),
        (Method::GET, "/api/v1/recruiter/talent-pool", None, ok),
        (Method::GET, "/api/v1/recruiter/questions", None, ok),
        (Method::GET, "/api/v1/recruiter/postings", None, ok),
        (Method::POST, "/api/v1/recruiter/postings", Some(draft), created),
        (Method::GET, "/api/v1/recruiter/company", None, ok),
        (Method::PUT, "/api/v1/recruiter/company", Some(settings), ok),
        (Method::GET, "/api/v1/recruiter/people", None, ok),
        (Method::POST, "/api/v1/recruiter/people", Some(invite), created),
        (Method::GET, "/api/v1/recruiter/tokens", None, ok),
        (Method::POST, "/api/v1/recruiter/tokens", Some(json!({"name": "Theirs", "role": "viewer"})), created),
        (Method::POST, "/api/v1/recruiter/messages/check", Some(json!({"message": CLOSING})), ok),
        // The signed-in person's own choice (an API token is no one: 403).
        (Method::GET, "/api/v1/recruiter/me/notifications", None, ok),
        (Method::PUT, "/api/v1/recruiter/me/notifications", Some(json!({"notify": "digest"})), ok),
        // The console's own endpoint knows sessions only (an API token gets 401).
        (Method::GET, "/console/api/session", None, ok),
        // The signed-in person's own language: theirs, wherever the other company's ids are.
        (Method::PUT, "/console/api/session/locale", Some(json!({"locale": "fi"})), ok),
    ]
}

/// Not about any company's rows: signing in, out, and using a set-password
/// link (found by its secret, which the API tests of people cover).
const NOT_COMPANY_SCOPED: [(&str, &str); 4] = [
    ("POST", "/console/api/login"),
    ("POST", "/console/api/logout"),
    ("POST", "/console/api/password"),
    ("POST", "/console/api/password/owner"),
];

const CLOSING: &str = "Aino, thank you: we chose someone with orthodontic experience.";

/// This company's ids of each kind that exist, and ones that don't.
struct Ids {
    application: i64,
    question: i64,
    person: i64,
    token: i64,
    mail: i64,
    report_link: i64,
    report_reply: i64,
}

async fn our_data(app: &TestApp) -> Ids {
    let (status_token, _) = app.applied(&application("Aino Virtanen", "aino@example.fi")).await;
    let pdf = b"%PDF-1.7\nAino's CV\n%%EOF\n".to_vec();
    let cv = app.candidate(Method::PUT, "/cv", &status_token).header(header::CONTENT_TYPE, "application/pdf");
    let cv = cv.body(pdf).send().await;
    assert_eq!(cv.unwrap().status(), 200);
    assert_eq!(app.ask(POSTING, &json!({"text": "Is there parking for staff?"})).await.0, 201);

    let admin = app.token_with_role(Role::Admin).await;
    let get =
        |path: &'static str| async { json(app.recruiter(Method::GET, path, &admin).send().await.unwrap()).await.1 };
    let applications = get("postings/dental-hygienist/applications").await;
    let application = applications[0]["id"].as_i64().unwrap();
    let closed = app
        .recruiter(Method::POST, &format!("applications/{application}/close"), &admin)
        .json(&json!({"outcome": "not_selected", "message": CLOSING}))
        .send()
        .await
        .unwrap();
    assert_eq!(closed.status(), 200);
    let questions = get("questions").await;
    let people = get("people").await;
    let tokens = get("tokens").await;
    let outbox = get("outbox").await;
    let (report_link, report_reply) = our_report(app, &admin).await;
    Ids {
        application,
        question: questions[0]["id"].as_i64().unwrap(),
        person: people[0]["id"].as_i64().unwrap(),
        token: tokens[0]["id"].as_i64().unwrap(),
        mail: outbox["mails"][0]["id"].as_i64().unwrap(),
        report_link,
        report_reply,
    }
}

/// A share link of the posting's report, a warning on it, and its reader's
/// reply: the link's id and the reply's.
async fn our_report(app: &TestApp, admin: &str) -> (i64, i64) {
    let path = format!("postings/{POSTING}/report/links");
    let made =
        app.recruiter(Method::POST, &path, admin).json(&json!({"name": "Anna Berg", "email": "anna@client.example"}));
    let (status, made) = json(made.send().await.unwrap()).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let secret = made["url"].as_str().unwrap().split_once('#').unwrap().1.to_owned();
    let note = json!({"kind": "warning", "body": "Candidates expect a higher salary."});
    let written = app.recruiter(Method::POST, &format!("postings/{POSTING}/report/notes"), admin).json(&note);
    let (status, note) = json(written.send().await.unwrap()).await;
    assert_eq!(status, StatusCode::CREATED, "{note}");
    let reply = json!({"note": note["id"], "body": "Raise the range to 5,500."});
    let replied = app.client.post(app.url("/api/v1/report/replies")).header("Candor-Report", &secret).json(&reply);
    let (status, reply) = json(replied.send().await.unwrap()).await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    (made["link"]["id"].as_i64().unwrap(), reply["id"].as_i64().unwrap())
}

fn path_for(route: &str, ids: &Ids, exists: bool) -> String {
    let id = |real: i64| if exists { real } else { 987_654_321 };
    let posting = if exists { POSTING } else { "no-such-posting" };
    // `/api/v1/recruiter/report/links/{id}`: the kind is the next part.
    let kind = match route.split('/').nth(4).unwrap_or_default() {
        "report" => route.split('/').nth(5).unwrap_or_default(),
        kind => kind,
    };
    let number = match kind {
        "applications" => id(ids.application),
        "questions" => id(ids.question),
        "people" => id(ids.person),
        "tokens" => id(ids.token),
        "outbox" => id(ids.mail),
        "links" => id(ids.report_link),
        "replies" => id(ids.report_reply),
        _ => 0,
    };
    route.replace("{posting}", posting).replace("{id}", &number.to_string())
}

/// The other company: its own admin token, and a session of its own admin.
async fn the_other_company(app: &TestApp) -> Vec<(&'static str, Caller)> {
    let token = app.another_company_token("acme").await;
    let acme = app.state.store.company_by_slug(&CompanySlug::parse("acme").unwrap()).await.unwrap().unwrap();
    let password = "acme's own long passphrase";
    let hash = candor_server::auth::passwords::hash_password(password.into()).await.unwrap();
    let admin = candor_server::store::NewUser {
        company: acme.id,
        email: "boss@acme.example".into(),
        name: "Bea Boss".into(),
        role: Role::Admin,
        password_hash: Some(hash),
        created_at: app.state.clock.now(),
    };
    app.state.store.create_user(&admin, None).await.unwrap();
    let login = app
        .client
        .post(app.url("/console/api/login"))
        .json(&json!({"email": "boss@acme.example", "password": password}))
        .send()
        .await
        .unwrap();
    let cookie = login.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
    let (_, session) = json(login).await;
    let csrf = session["csrf_token"].as_str().unwrap().to_owned();
    vec![("API token", Caller::Token(token)), ("console session", Caller::Session { cookie, csrf })]
}

async fn another_company_reaches_nothing_of_this_one_by_token_or_session(backend: Backend) {
    let app = spawn_app(backend).await;
    let ids = our_data(&app).await;
    let before = app.api(&format!("companies/{COMPANY}/postings/{POSTING}")).await.1;
    for (n, (how, caller)) in the_other_company(&app).await.into_iter().enumerate() {
        for endpoint in by_id() {
            let body = endpoint.body.as_ref();
            let ours = caller.send(&app, endpoint.method.clone(), &path_for(endpoint.route, &ids, true), body).await;
            let none = caller.send(&app, endpoint.method.clone(), &path_for(endpoint.route, &ids, false), body).await;
            let what = format!("{how}: {} {}", endpoint.method, endpoint.route);
            assert_eq!(ours.0, StatusCode::NOT_FOUND, "{what}: {}", ours.1);
            assert_eq!(ours, none, "{what}: the same answer as for an id that doesn't exist");
            assert!(!OURS.iter().any(|word| ours.1.contains(word)), "{what}: {}", ours.1);
        }
        for (method, route, body, expected) in company_wide(n) {
            let (status, answer) = caller.send(&app, method.clone(), route, body.as_ref()).await;
            let expected = match (&caller, route.starts_with("/console/")) {
                (Caller::Token(_), true) => StatusCode::UNAUTHORIZED,
                (Caller::Token(_), false) if route.contains("/me/") => StatusCode::FORBIDDEN,
                _ => expected,
            };
            assert_eq!(status, expected, "{how}: {method} {route}: {answer}");
            assert!(!OURS.iter().any(|word| answer.contains(word)), "{how}: {method} {route}: {answer}");
            if route.ends_with("messages/check") {
                assert_eq!(serde_json::from_str::<Value>(&answer).unwrap()["sent_to_others"], 0, "{how}");
            }
        }
    }
    // Nothing the other company sent changed anything here.
    assert_eq!(app.api(&format!("companies/{COMPANY}/postings/{POSTING}")).await.1, before);
    let admin = app.token_with_role(Role::Admin).await;
    let (_, people) = json(app.recruiter(Method::GET, "people", &admin).send().await.unwrap()).await;
    let people = people.as_array().unwrap();
    assert_eq!(people.len(), 3, "nobody was removed: {people:?}");
    let tried_on = people.iter().find(|p| p["id"] == ids.person).unwrap();
    assert_eq!(tried_on["role"], "admin", "{tried_on}");
    let (_, tokens) = json(app.recruiter(Method::GET, "tokens", &admin).send().await.unwrap()).await;
    assert!(tokens.as_array().unwrap().iter().all(|t| t.get("revoked_at").is_none()), "{tokens}");
    let (_, application) =
        json(app.recruiter(Method::GET, &format!("applications/{}", ids.application), &admin).send().await.unwrap())
            .await;
    assert_eq!(application["status"]["events"].as_array().unwrap().len(), 2, "received and closed, nothing more");
    let (_, question) = json(app.recruiter(Method::GET, "questions", &admin).send().await.unwrap()).await;
    assert_eq!(question[0]["state"], "pending");
    let links = format!("postings/{POSTING}/report/links");
    let (_, links) = json(app.recruiter(Method::GET, &links, &admin).send().await.unwrap()).await;
    let links = links["links"].as_array().unwrap();
    assert_eq!(links.len(), 1, "no link was planted: {links:?}");
    assert!(links[0].get("revoked_at").is_none(), "{links:?}");
    let (_, report) =
        json(app.recruiter(Method::GET, &format!("postings/{POSTING}/report"), &admin).send().await.unwrap()).await;
    assert_eq!(report["notes"].as_array().unwrap().len(), 1, "no note was planted: {report}");
    let (_, inbox) = json(app.recruiter(Method::GET, "inbox", &admin).send().await.unwrap()).await;
    assert_eq!(inbox["report_replies"].as_array().unwrap().len(), 1, "the reply is still unseen: {inbox}");
}

#[test]
fn every_recruiter_and_console_endpoint_has_its_place_here() {
    let routes = routes_in_sources(&["/api/v1/recruiter", "/console/api"]);
    assert!(routes.len() > 25, "read the routes: {routes:?}");
    let covered: BTreeSet<(String, String)> = by_id()
        .iter()
        .map(|e| (e.method.to_string(), e.route.to_owned()))
        .chain(company_wide(0).iter().map(|(method, route, ..)| (method.to_string(), (*route).to_owned())))
        .chain(NOT_COMPANY_SCOPED.iter().map(|(method, route)| ((*method).to_owned(), (*route).to_owned())))
        .collect();
    let missing: Vec<&(String, String)> = routes.difference(&covered).collect();
    assert!(missing.is_empty(), "endpoints the isolation test doesn't try: {missing:?}");
}
