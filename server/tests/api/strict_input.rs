//! Input the server doesn't take is refused, naming what was wrong: every
//! endpoint with a body answers 413 for an oversize one, 400 for malformed
//! JSON and 415 for another content type; every endpoint refuses a query
//! parameter it doesn't take; a body field a request doesn't have is a 400
//! naming it; a month that isn't one is a 400, whatever its characters. The
//! endpoints are read from the API's document, which holds every route
//! (`api_document.rs`).

use candor_api::recruiting::Role;
use reqwest::{Method, header};
use serde_json::{Value, json};

use crate::helpers::{Backend, COMPANY, TestApp, application, error_of, json, spawn_app};

crate::on_both_backends!(
    every_body_is_refused_when_too_large_malformed_or_of_another_type,
    every_endpoint_refuses_a_query_parameter_it_does_not_take,
    unknown_fields_and_broken_months_are_refused_by_name,
);

const POSTING: &str = "dental-hygienist";
/// Well-formed, and no link's.
const REPORT_SECRET: &str = "r_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/// Every operation of the document: method, path template, whether it takes a body and of which type.
async fn operations(app: &TestApp) -> Vec<(Method, String, Option<String>)> {
    let (_, document) = json(app.client.get(app.url("/api/v1/openapi.json")).send().await.unwrap()).await;
    let mut out = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let body = operation["requestBody"]["content"].as_object().and_then(|c| c.keys().next().cloned());
            out.push((method.to_uppercase().parse().unwrap(), path.clone(), body));
        }
    }
    assert!(out.len() > 60);
    out
}

/// The route with its placeholders filled.
fn filled(route: &str) -> String {
    route.replace("{company}", COMPANY).replace("{posting}", POSTING).replace("{id}", "1")
}

/// Who sends: an admin's API token, a real application's status token, so
/// that the CV's upload reaches its body, and a report link's secret, which
/// is checked only once the body is read (a missing one is refused before).
struct Caller {
    admin: String,
    status_token: String,
}

async fn send(
    app: &TestApp,
    caller: &Caller,
    method: &Method,
    path: &str,
    content_type: &str,
    body: Vec<u8>,
) -> (u16, Value) {
    let response = app
        .client
        .request(method.clone(), app.url(path))
        .bearer_auth(&caller.admin)
        .header("Candor-Application", &caller.status_token)
        .header("Candor-Report", REPORT_SECRET)
        .header(header::CONTENT_TYPE, content_type)
        .header("Idempotency-Key", "strict-input-0123456789")
        .body(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
    let (status, body) = json(response).await;
    (status.as_u16(), body)
}

async fn every_body_is_refused_when_too_large_malformed_or_of_another_type(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.token_with_role(Role::Admin).await;
    let (status_token, _) = app.applied(&application("Aino Virtanen", "aino@example.fi")).await;
    let caller = Caller { admin, status_token };
    let with_bodies: Vec<_> =
        operations(&app).await.into_iter().filter_map(|(m, route, body)| body.map(|b| (m, route, b))).collect();
    assert!(with_bodies.len() > 25, "{with_bodies:?}");
    for (method, route, content_type) in with_bodies {
        let path = filled(&route);
        let what = format!("{method} {route}");
        // Just over the route's limit: a server that answers before reading
        // megabytes more would have the connection cut under the answer.
        let oversize = vec![b' '; limit_of(&route) + 1024];
        let (status, body) = send(&app, &caller, &method, &path, &content_type, oversize).await;
        assert_eq!((status, error_of(&body).0.as_str()), (413, "payload_too_large"), "{what}: {body}");
        let (status, body) = send(&app, &caller, &method, &path, "text/plain", b"{}".to_vec()).await;
        assert_eq!((status, error_of(&body).0.as_str()), (415, "unsupported_media_type"), "{what}: {body}");
        let (malformed, code) = match content_type.as_str() {
            "application/pdf" => (b"%PDx not a pdf".to_vec(), "not_a_pdf"),
            _ => (br#"{"stage": 1,"#.to_vec(), "malformed_json"),
        };
        let (status, body) = send(&app, &caller, &method, &path, &content_type, malformed).await;
        assert_eq!((status, error_of(&body).0.as_str()), (400, code), "{what}: {body}");
    }
    // Without a report link's secret a reply's body is not read at all,
    // well-formed or not: the missing header is named.
    for body in [br#"{"note": 1, "body": "Thanks"}"#.to_vec(), br#"{"note": 1,"#.to_vec()] {
        let response = app
            .client
            .post(app.url("/api/v1/report/replies"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        let (status, body) = json(response).await;
        let refused = (status.as_u16(), error_of(&body));
        assert_eq!(refused, (400, ("invalid_header".into(), Some("Candor-Report".into()))), "{body}");
    }
}

/// Each route's body limit, as the README lists them: a route with a
/// smaller one than said here cuts the connection, one with a larger answers
/// something else than 413, and the test fails either way.
fn limit_of(route: &str) -> usize {
    const KB: usize = 1024;
    match route {
        "/api/v1/companies/{company}/postings/{posting}/applications" => 256 * KB,
        "/api/v1/companies/{company}/postings/{posting}/questions"
        | "/api/v1/recruiter/questions/{id}/answer"
        | "/api/v1/recruiter/questions/{id}/decline" => 16 * KB,
        "/api/v1/companies/{company}/lost-link" => 4 * KB,
        "/api/v1/application/cv" => 5 * KB * KB + KB,
        _ => 2 * KB * KB,
    }
}

async fn every_endpoint_refuses_a_query_parameter_it_does_not_take(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.token_with_role(Role::Admin).await;
    for (method, route, _) in operations(&app).await {
        let path = format!("{}?departmnet=Clinical", filled(&route));
        let response = app.client.request(method.clone(), app.url(&path)).bearer_auth(&admin).send().await.unwrap();
        let (status, body) = json(response).await;
        assert_eq!(status, 400, "{method} {route}: {body}");
        assert_eq!(error_of(&body), ("unknown_parameter".into(), Some("departmnet".into())), "{method} {route}");
    }
    // A parameter the endpoint does take still passes.
    let (status, _) = app.api(&format!("companies/{COMPANY}/postings/{POSTING}?lang=fi")).await;
    assert_eq!(status, 200);
}

async fn unknown_fields_and_broken_months_are_refused_by_name(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut extra = application("Aino Virtanen", "aino@example.fi");
    extra["profile"]["nickname"] = json!("Ai");
    let (status, body) = json(app.apply(POSTING, "strict-input-extra-field-1", &extra).await).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(error_of(&body), ("unknown_field".into(), Some("profile.nickname".into())));
    let mut extra = application("Aino Virtanen", "aino@example.fi");
    extra["consent"]["marketing"] = json!(true);
    let (status, body) = json(app.apply(POSTING, "strict-input-extra-field-2", &extra).await).await;
    assert_eq!((status.as_u16(), error_of(&body)), (400, ("unknown_field".into(), Some("consent.marketing".into()))));

    for (i, month) in ["2019-€ab", "2019-0€", "€€19", "2019-13"].into_iter().enumerate() {
        let mut broken = application("Aino Virtanen", "aino@example.fi");
        broken["profile"]["work"] = json!([{"organisation": "Hammas", "position": "Hygienist", "start": month}]);
        broken["profile"]["education"] = json!([{"institution": "Metropolia", "end": month}]);
        let (status, body) = json(app.apply(POSTING, &format!("strict-input-month-{i}"), &broken).await).await;
        assert_eq!(status, 400, "{month}: {body}");
        let (code, field) = error_of(&body);
        assert_eq!(code, "not_a_month", "{month}: {body}");
        assert!(
            matches!(field.as_deref(), Some("profile.work[0].start" | "profile.education[0].end")),
            "{month}: {body}"
        );
    }
    // And the same profile with real months is taken.
    let mut fine = application("Aino Virtanen", "aino@example.fi");
    fine["profile"]["work"] = json!([{"organisation": "Hammas", "position": "Hygienist", "start": "2019-03"}]);
    let (status, body) = json(app.apply(POSTING, "strict-input-month-fine", &fine).await).await;
    assert_eq!(status, 201, "{body}");
}
