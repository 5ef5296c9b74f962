//! Progress reports (issue 13): a recruiter shares a posting's report by a
//! link made for one named reader, who opens it without an account, by the
//! link's secret in the `Candor-Report` header, and answers a note; the
//! answer waits in the console's inbox. A link expires after its last day,
//! can be revoked, and shows candidates' names only if made to.

use candor_api::recruiting::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, error_of, json, spawn_app, spawn_app_with};

crate::on_both_backends!(
    a_link_opens_the_report_without_an_account_and_records_when,
    a_link_opens_through_its_last_day_and_then_is_gone,
    a_revoked_or_forged_link_opens_nothing,
    a_viewer_reads_reports_but_shares_and_writes_nothing,
    bad_input_is_refused_at_its_field_and_nothing_is_kept,
    a_readers_reply_waits_in_the_inbox_until_seen,
    the_report_counts_the_plan_against_what_happened,
    the_report_page_is_the_consoles,
    the_demo_shows_a_report_whose_link_is_printed_nowhere,
);

const POSTING: &str = "dental-hygienist";

/// A share link of `posting` made with the demo recruiter's token: the
/// status, and the answer (the link and its URL, secret after `#`).
async fn share(app: &TestApp, posting: &str, body: &Value) -> (StatusCode, Value) {
    let path = format!("postings/{posting}/report/links");
    json(app.recruiter(Method::POST, &path, &app.recruiter_token).json(body).send().await.unwrap()).await
}

/// A link for Anna Berg: its id and its secret.
async fn shared(app: &TestApp, posting: &str, body: Value) -> (i64, String) {
    let (status, made) = share(app, posting, &body).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let secret = made["url"].as_str().unwrap().split_once('#').unwrap().1.to_owned();
    (made["link"]["id"].as_i64().unwrap(), secret)
}

fn anna() -> Value {
    json!({"name": "Anna Berg", "email": "anna@client.example"})
}

/// The reader's request with the link's secret.
fn reader(app: &TestApp, method: Method, path: &str, secret: &str) -> reqwest::RequestBuilder {
    app.client.request(method, app.url(path)).header("Candor-Report", secret)
}

async fn read(app: &TestApp, secret: &str) -> (StatusCode, Value) {
    json(reader(app, Method::GET, "/api/v1/report", secret).send().await.unwrap()).await
}

async fn note(app: &TestApp, posting: &str, kind: &str, body: &str) -> Value {
    let path = format!("postings/{posting}/report/notes");
    let request = app.recruiter(Method::POST, &path, &app.recruiter_token).json(&json!({"kind": kind, "body": body}));
    let (status, note) = json(request.send().await.unwrap()).await;
    assert_eq!(status, StatusCode::CREATED, "{note}");
    note
}

async fn links(app: &TestApp, posting: &str) -> Value {
    let path = format!("postings/{posting}/report/links");
    let (status, links) = json(app.recruiter(Method::GET, &path, &app.recruiter_token).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{links}");
    links
}

async fn advance_days(app: &TestApp, days: i64) {
    let response = app.client.post(app.url(&format!("/api/test/clock?advance_days={days}"))).send().await.unwrap();
    assert_eq!(response.status(), 204);
}

async fn a_link_opens_the_report_without_an_account_and_records_when(backend: Backend) {
    let app = spawn_app(backend).await;
    let (status, made) = share(&app, POSTING, &anna()).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let url = made["url"].as_str().unwrap();
    let (page, secret) = url.split_once('#').unwrap();
    assert_eq!(page, app.url("/report"), "the secret is after #, in no path or query");
    assert!(secret.starts_with("r_"), "{secret}");
    let link = &made["link"];
    assert_eq!(link["name"], "Anna Berg");
    assert_eq!(link["email"], "anna@client.example");
    assert_eq!(link["shows"], "counts", "the company's default");
    assert_eq!(link["locale"], "en", "the company's language");
    assert_eq!(link["expires_on"], app.in_days(90));
    assert_eq!(link["created_by"], "Demo recruiter", "the API token's name");
    assert!(link.get("last_opened_at").is_none(), "{link}");

    let response = reader(&app, Method::GET, "/api/v1/report", secret).send().await.unwrap();
    assert_eq!(response.headers()["cache-control"], "private, no-store");
    let (status, report) = json(response).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["reader"], "Anna Berg");
    assert_eq!(report["posting"]["slug"], POSTING);
    assert_eq!(report["company"]["name"], "Northwind Dental");
    assert_eq!(report["shows"], "counts");
    assert_eq!(report["today"], app.in_days(0));
    assert!(!report["plan"]["stages"].as_array().unwrap().is_empty(), "{report}");

    let listed = links(&app, POSTING).await;
    assert_eq!(listed["default_shows"], "counts");
    assert_eq!(listed["default_days"], 90);
    let listed_link = &listed["links"][0];
    assert!(listed_link["last_opened_at"].as_str().is_some(), "opening is recorded: {listed_link}");
    assert!(!listed.to_string().contains(&secret[2..]), "the secret is shown once, never listed");

    // In its own language, or another one asked for.
    let fi = json!({"name": "Anna Berg", "email": "anna@client.example", "locale": "fi", "shows": "names"});
    let (_, finnish) = shared(&app, POSTING, fi).await;
    assert_eq!(read(&app, &finnish).await.1["locale"], "fi");
    let asked = reader(&app, Method::GET, "/api/v1/report?lang=sv", &finnish).send().await.unwrap();
    assert_eq!(json(asked).await.1["locale"], "sv");
    let listed = links(&app, POSTING).await;
    let names: Vec<&str> = listed["links"].as_array().unwrap().iter().map(|l| l["shows"].as_str().unwrap()).collect();
    assert_eq!(names, ["names", "counts"], "newest first");

    // The secret is never a path segment: there is no such route.
    let (status, body) = app.api(&format!("report/{secret}")).await;
    assert_eq!((status, error_of(&body).0.as_str()), (StatusCode::NOT_FOUND, "route_not_found"));
}

async fn a_link_opens_through_its_last_day_and_then_is_gone(backend: Backend) {
    let app = spawn_app_with(backend, |args| args.test_clock = true).await;
    let (_, secret) =
        shared(&app, POSTING, json!({"name": "Anna Berg", "email": "a@b.example", "expires_in_days": 2})).await;
    let note = note(&app, POSTING, "update", "Four candidates so far.").await;
    assert_eq!(read(&app, &secret).await.0, StatusCode::OK);
    advance_days(&app, 2).await;
    assert_eq!(read(&app, &secret).await.0, StatusCode::OK, "its last day");
    advance_days(&app, 1).await;
    let (status, body) = read(&app, &secret).await;
    assert_eq!((status, error_of(&body).0.as_str()), (StatusCode::GONE, "report_link_expired"));
    let reply = json!({"note": note["id"], "body": "Thanks"});
    let replied = reader(&app, Method::POST, "/api/v1/report/replies", &secret).json(&reply).send().await.unwrap();
    let (status, body) = json(replied).await;
    assert_eq!((status, error_of(&body).0.as_str()), (StatusCode::GONE, "report_link_expired"));
}

async fn a_revoked_or_forged_link_opens_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let (id, secret) = shared(&app, POSTING, anna()).await;
    let note = note(&app, POSTING, "update", "Four candidates so far.").await;

    // Another company's token can't revoke it: the same 404 as no link at all.
    let theirs = app.another_company_token("acme").await;
    let revoke = |token: &str, id: i64| app.recruiter(Method::DELETE, &format!("report/links/{id}"), token).send();
    let (status, body) = json(revoke(&theirs, id).await.unwrap()).await;
    assert_eq!((status, error_of(&body).0.as_str()), (StatusCode::NOT_FOUND, "report_link_not_found"));
    let (_, none) = json(revoke(&theirs, 987_654).await.unwrap()).await;
    assert_eq!(none, body);
    assert_eq!(read(&app, &secret).await.0, StatusCode::OK, "still open");

    assert_eq!(revoke(&app.recruiter_token, id).await.unwrap().status(), StatusCode::NO_CONTENT);
    let (status, body) = read(&app, &secret).await;
    assert_eq!((status, error_of(&body).0.as_str()), (StatusCode::NOT_FOUND, "report_link_not_found"));
    let reply = json!({"note": note["id"], "body": "Thanks"});
    let replied = reader(&app, Method::POST, "/api/v1/report/replies", &secret).json(&reply).send().await.unwrap();
    assert_eq!(replied.status(), StatusCode::NOT_FOUND);
    assert!(links(&app, POSTING).await["links"][0]["revoked_at"].as_str().is_some());
    assert_eq!(revoke(&app.recruiter_token, id).await.unwrap().status(), StatusCode::NO_CONTENT, "again: harmless");

    // A forged secret (a live link's selector, another verifier) is the same 404.
    let (_, live) = shared(&app, POSTING, anna()).await;
    let mut forged = live.clone().into_bytes();
    let last = forged.len() - 2;
    forged[last] = if forged[last] == b'A' { b'B' } else { b'A' };
    let (status, forged_body) = read(&app, std::str::from_utf8(&forged).unwrap()).await;
    assert_eq!((status, &forged_body), (StatusCode::NOT_FOUND, &body));
    let (status, _) = read(&app, "r_not-a-secret").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = app.api("report").await;
    assert_eq!((status, error_of(&body).0.as_str()), (StatusCode::BAD_REQUEST, "invalid_header"));
    assert_eq!(read(&app, &live).await.0, StatusCode::OK);
}

async fn a_viewer_reads_reports_but_shares_and_writes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let (id, secret) = shared(&app, POSTING, anna()).await;
    let note = note(&app, POSTING, "warning", "Candidates expect a higher salary.").await;
    let reply = json!({"note": note["id"], "body": "Raise the range."});
    let replied = reader(&app, Method::POST, "/api/v1/report/replies", &secret).json(&reply).send().await.unwrap();
    let (_, reply) = json(replied).await;
    let viewer = app.token_with_role(Role::Viewer).await;
    let reads = [format!("postings/{POSTING}/report"), format!("postings/{POSTING}/report/links")];
    for path in &reads {
        let (status, body) = json(app.recruiter(Method::GET, path, &viewer).send().await.unwrap()).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
    }
    let writes = [
        (Method::POST, format!("postings/{POSTING}/report/links"), anna()),
        (Method::POST, format!("postings/{POSTING}/report/links"), json!({"name": ""})),
        (Method::POST, format!("postings/{POSTING}/report/notes"), json!({"kind": "update", "body": "Hi"})),
        (Method::DELETE, format!("report/links/{id}"), Value::Null),
        (Method::POST, format!("report/replies/{}/seen", reply["id"]), Value::Null),
    ];
    for (method, path, body) in writes {
        let mut request = app.recruiter(method.clone(), &path, &viewer);
        if !body.is_null() {
            request = request.json(&body);
        }
        let (status, answer) = json(request.send().await.unwrap()).await;
        assert_eq!((status, error_of(&answer).0.as_str()), (StatusCode::FORBIDDEN, "forbidden"), "{method} {path}");
    }
    assert_eq!(links(&app, POSTING).await["links"].as_array().unwrap().len(), 1);
    assert!(links(&app, POSTING).await["links"][0].get("revoked_at").is_none());
    let (_, inbox) = app.api_as("recruiter/inbox", &app.recruiter_token).await;
    assert_eq!(inbox["report_replies"].as_array().unwrap().len(), 1, "still unseen");
}

async fn bad_input_is_refused_at_its_field_and_nothing_is_kept(backend: Backend) {
    let app = spawn_app(backend).await;
    let refused = [
        (json!({"name": "", "email": "a@b.example"}), "name"),
        (json!({"name": "Anna", "email": "nope"}), "email"),
        (json!({"name": "Anna", "email": "a@b.example", "expires_in_days": 400}), "expires_in_days"),
        (json!({"name": "Anna", "email": "a@b.example", "expires_in_days": 0}), "expires_in_days"),
        (json!({"name": "Anna\nBerg", "email": "a@b.example"}), "name"),
    ];
    for (body, field) in refused {
        let (status, answer) = share(&app, POSTING, &body).await;
        assert_eq!((status, error_of(&answer).1.as_deref()), (StatusCode::BAD_REQUEST, Some(field)), "{body}");
    }
    let (status, answer) = share(&app, POSTING, &json!({"name": "Anna", "email": "a@b.example", "shows": "all"})).await;
    assert_eq!((status, error_of(&answer).0.as_str()), (StatusCode::BAD_REQUEST, "malformed_json"));
    let (status, _) = share(&app, "no-such-posting", &anna()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let path = format!("postings/{POSTING}/report/notes");
    for (body, expected) in [
        (json!({"kind": "update", "body": "  "}), Some("body")),
        (json!({"kind": "update", "body": "x".repeat(4_001)}), Some("body")),
        (json!({"kind": "gossip", "body": "Hi"}), None),
    ] {
        let request = app.recruiter(Method::POST, &path, &app.recruiter_token).json(&body);
        let (status, answer) = json(request.send().await.unwrap()).await;
        assert_eq!((status, error_of(&answer).1.as_deref()), (StatusCode::BAD_REQUEST, expected), "{body}");
    }
    for (query, field) in [("shows=everything", "shows"), ("lang=xx", "lang")] {
        let (status, answer) =
            app.api_as(&format!("recruiter/postings/{POSTING}/report?{query}"), &app.recruiter_token).await;
        assert_eq!((status, error_of(&answer).1.as_deref()), (StatusCode::BAD_REQUEST, Some(field)), "{query}");
    }

    // The reader's reply, with a live link.
    let (_, secret) = shared(&app, POSTING, anna()).await;
    let note = note(&app, POSTING, "update", "Four candidates so far.").await;
    for body in [json!({"note": note["id"], "body": ""}), json!({"note": note["id"], "body": "x".repeat(2_001)})] {
        let replied = reader(&app, Method::POST, "/api/v1/report/replies", &secret).json(&body).send().await.unwrap();
        let (status, answer) = json(replied).await;
        assert_eq!((status, error_of(&answer).1.as_deref()), (StatusCode::BAD_REQUEST, Some("body")));
    }

    // The company's report settings.
    let admin = app.token_with_role(Role::Admin).await;
    let (_, mut settings) = app.api_as("recruiter/company", &admin).await;
    assert_eq!(settings["reports"], json!({"default_shows": "counts", "digest_weekday": 1}));
    settings["reports"] = json!({"default_shows": "names", "digest_weekday": 8});
    let put = app.recruiter(Method::PUT, "company", &admin).json(&settings).send().await.unwrap();
    let (status, answer) = json(put).await;
    assert_eq!((status, error_of(&answer).1.as_deref()), (StatusCode::BAD_REQUEST, Some("digest_weekday")));

    // Nothing was kept but the one link and note made on purpose.
    assert_eq!(links(&app, POSTING).await["links"].as_array().unwrap().len(), 1);
    let (_, report) = read(&app, &secret).await;
    assert_eq!(report["notes"].as_array().unwrap().len(), 1);
    assert!(report["notes"][0]["replies"].as_array().unwrap().is_empty());
    assert_eq!(app.api_as("recruiter/company", &admin).await.1["reports"]["default_shows"], "counts");

    // A good change is kept and becomes the new links' default.
    settings["reports"] = json!({"default_shows": "names", "digest_weekday": 5});
    let put = app.recruiter(Method::PUT, "company", &admin).json(&settings).send().await.unwrap();
    assert_eq!(put.status(), StatusCode::OK);
    assert_eq!(app.api_as("recruiter/company", &admin).await.1["reports"]["digest_weekday"], 5);
    assert_eq!(links(&app, POSTING).await["default_shows"], "names");
    let (status, made) = share(&app, POSTING, &anna()).await;
    assert_eq!((status, made["link"]["shows"].as_str()), (StatusCode::CREATED, Some("names")));
}

async fn a_readers_reply_waits_in_the_inbox_until_seen(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, secret) = shared(&app, POSTING, anna()).await;
    note(&app, POSTING, "update", "Four candidates so far.").await;
    let warning = note(&app, POSTING, "warning", "Candidates expect a higher salary.").await;
    note(&app, POSTING, "update", "Two interviews booked.").await;
    assert_eq!(warning["author"], "Demo recruiter");
    let (_, report) = read(&app, &secret).await;
    let bodies: Vec<&str> = report["notes"].as_array().unwrap().iter().map(|n| n["body"].as_str().unwrap()).collect();
    assert_eq!(bodies, ["Candidates expect a higher salary.", "Two interviews booked.", "Four candidates so far."]);

    let body = json!({"note": warning["id"], "body": "Fine, raise the range to 5,500."});
    let replied = reader(&app, Method::POST, "/api/v1/report/replies", &secret).json(&body).send().await.unwrap();
    assert_eq!(replied.headers()["cache-control"], "private, no-store");
    let (status, reply) = json(replied).await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");
    assert_eq!(
        (reply["by"].as_str(), reply["body"].as_str()),
        (Some("Anna Berg"), Some("Fine, raise the range to 5,500."))
    );
    let (_, report) = read(&app, &secret).await;
    assert_eq!(report["notes"][0]["replies"][0]["body"], "Fine, raise the range to 5,500.");

    let (_, inbox) = app.api_as("recruiter/inbox", &app.recruiter_token).await;
    let waiting = inbox["report_replies"].as_array().unwrap();
    assert_eq!(waiting.len(), 1, "{inbox}");
    assert_eq!(waiting[0]["posting"]["slug"], POSTING);
    assert_eq!(waiting[0]["note_kind"], "warning");
    assert_eq!(waiting[0]["note"], "Candidates expect a higher salary.");
    assert_eq!(waiting[0]["by"], "Anna Berg");
    assert_eq!(waiting[0]["body"], "Fine, raise the range to 5,500.");

    // A note of another posting is not this link's to answer.
    let elsewhere = note(&app, "senior-backend-engineer", "update", "Elsewhere.").await;
    let body = json!({"note": elsewhere["id"], "body": "Sneaky"});
    let replied = reader(&app, Method::POST, "/api/v1/report/replies", &secret).json(&body).send().await.unwrap();
    let (status, answer) = json(replied).await;
    assert_eq!((status, error_of(&answer).0.as_str()), (StatusCode::NOT_FOUND, "note_not_found"));
    let body = json!({"note": 987_654, "body": "Nowhere"});
    let replied = reader(&app, Method::POST, "/api/v1/report/replies", &secret).json(&body).send().await.unwrap();
    assert_eq!(json(replied).await.1, answer, "the same as a note that doesn't exist");

    // Seen: out of the inbox, once and for all.
    let seen = format!("report/replies/{}/seen", reply["id"]);
    let done = app.recruiter(Method::POST, &seen, &app.recruiter_token).send().await.unwrap();
    assert_eq!(done.status(), StatusCode::NO_CONTENT);
    let (_, inbox) = app.api_as("recruiter/inbox", &app.recruiter_token).await;
    assert!(inbox["report_replies"].as_array().unwrap().is_empty(), "{inbox}");
    let again = app.recruiter(Method::POST, &seen, &app.recruiter_token).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NO_CONTENT);
    let theirs = app.another_company_token("acme").await;
    let (status, answer) = json(app.recruiter(Method::POST, &seen, &theirs).send().await.unwrap()).await;
    assert_eq!((status, error_of(&answer).0.as_str()), (StatusCode::NOT_FOUND, "reply_not_found"));
}

async fn the_report_counts_the_plan_against_what_happened(backend: Backend) {
    let app = spawn_app_with(backend, |args| args.test_clock = true).await;
    let admin = app.token_with_role(Role::Admin).await;
    let mut draft = json!({
        "slug": "dental-assistant", "title": "Dental Assistant", "department": "Clinic",
        "location": {"city": "Oulu", "country": "FI"}, "workplace": "on_site", "employment_type": "full_time",
        "teaser": "", "description": "Run the clinic.",
        "stages": [{"name": "Review", "expected_days": 3}, {"name": "Interview", "expected_days": 5}]
    });
    let made = app.recruiter(Method::POST, "postings", &admin).json(&draft).send().await.unwrap();
    assert_eq!(made.status(), StatusCode::CREATED);
    let opened =
        app.recruiter(Method::POST, "postings/dental-assistant/status", &admin).json(&json!({"status": "open"}));
    assert_eq!(opened.send().await.unwrap().status(), StatusCode::OK);
    let body = json!({"profile": {"name": "Aino Virtanen", "email": "aino@example.fi"}, "answers": [],
                      "consent": {"data_processing": true}});
    let applied = app.apply("dental-assistant", "report-figures-aino-1", &body).await;
    assert_eq!(applied.status(), StatusCode::CREATED);
    // Retimed once open: the plan agreed stays as it was.
    draft["stages"][0]["expected_days"] = json!(10);
    let edited = app.recruiter(Method::PUT, "postings/dental-assistant", &admin).json(&draft).send().await.unwrap();
    assert_eq!(edited.status(), StatusCode::OK);
    let (_, counts) = shared(&app, "dental-assistant", anna()).await;
    let (_, report) = read(&app, &counts).await;
    let plan = &report["plan"];
    assert_eq!(plan["opened_on"], app.in_days(0));
    assert_eq!(plan["stages"][0]["expected_days"], 3, "as opened, not as retimed");
    assert_eq!(plan["stages"][0]["ends_on"], app.in_days(3));
    assert_eq!(plan["stages"][1]["ends_on"], app.in_days(8));
    assert_eq!(report["days_late"], 0, "{report}");
    assert_eq!(report["funnel"]["per_stage"], json!([1, 0]));
    assert_eq!(report["stages"][0]["status"], "current");

    // A week on, no one has moved on: Review ran four days past its plan.
    advance_days(&app, 7).await;
    let (_, report) = read(&app, &counts).await;
    assert_eq!(report["today"], app.in_days(0));
    assert_eq!(report["stages"][0]["days_late"], 4, "{report}");
    assert_eq!(report["stages"][1]["status"], "upcoming");
    assert_eq!(report["stages"][1]["days_late"], 4, "the interviews should have begun four days ago");
    assert_eq!(report["days_late"], 4, "the search is four days behind");
    assert_eq!(report["weeks"].as_array().unwrap().len(), 2);
    assert_eq!(report["care"]["overdue_promises"], 1, "the promise of day 3 passed: {}", report["care"]);

    // Counts only: no candidate named anywhere in it.
    assert_eq!(report["shows"], "counts");
    assert!(report.get("candidates").is_none(), "{report}");
    assert!(!report.to_string().contains("Aino"), "{report}");
    // A link that shows names, and the console's preview of one, name her.
    let (_, names) =
        shared(&app, "dental-assistant", json!({"name": "Anna", "email": "a@b.example", "shows": "names"})).await;
    let (_, named) = read(&app, &names).await;
    let candidate = &named["candidates"][0];
    assert_eq!(candidate["name"], "Aino Virtanen");
    assert_eq!((candidate["stage"].as_u64(), candidate["open"].as_bool()), (Some(0), Some(true)));
    assert_eq!(candidate["overdue_days"], 4);
    let (_, preview) = app.api_as("recruiter/postings/dental-assistant/report?shows=names", &app.recruiter_token).await;
    assert_eq!(preview["candidates"][0]["name"], "Aino Virtanen");
    assert!(preview.get("reader").is_none(), "{preview}");
    let (_, preview) = app.api_as("recruiter/postings/dental-assistant/report", &app.recruiter_token).await;
    assert!(preview.get("candidates").is_none(), "the company's default shows counts");

    // A closing with a message counts for the candidates' care.
    let (_, list) = app.api_as("recruiter/postings/dental-assistant/applications", &admin).await;
    let id = list[0]["id"].as_i64().unwrap();
    app.acts(&format!("applications/{id}/close"), &json!({"outcome": "not_selected", "message": "Thank you, Aino."}))
        .await;
    let (_, report) = read(&app, &counts).await;
    assert_eq!(report["care"]["closed_with_message_share"], 1.0, "{}", report["care"]);
    assert_eq!(report["funnel"]["ended"], 1);
}

async fn the_report_page_is_the_consoles(backend: Backend) {
    let console = tempfile::tempdir().unwrap();
    std::fs::write(console.path().join("index.html"), "<!DOCTYPE html><title>Candor console page</title>").unwrap();
    let dir = console.path().to_owned();
    let app = spawn_app_with(backend, move |args| args.console_dir = Some(dir)).await;
    let page = app.get("/report").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("Candor console page"));
}

async fn the_demo_shows_a_report_whose_link_is_printed_nowhere(backend: Backend) {
    let app = spawn_app(backend).await;
    let reported = candor_server::demo::seed::REPORTED;
    let (status, report) = app.api_as(&format!("recruiter/postings/{reported}/report"), &app.recruiter_token).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    let kinds: Vec<&str> = report["notes"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["warning", "update"], "the warning on top");
    assert!(report["notes"][0]["body"].as_str().unwrap().starts_with("Candidates expect a higher salary"));
    let listed = links(&app, reported).await;
    let listed = listed["links"].as_array().unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["name"], "Dr. Anna Berg, clinic director");
    assert!(!app.addresses.contains("/report"), "{}", app.addresses);

    // Seeding again at the next start adds nothing.
    candor_server::demo::seed(&app.state, &[]).await.unwrap();
    assert_eq!(links(&app, reported).await["links"].as_array().unwrap().len(), 1);
    let (_, again) = app.api_as(&format!("recruiter/postings/{reported}/report"), &app.recruiter_token).await;
    assert_eq!(again["notes"].as_array().unwrap().len(), 2);
}
