use reqwest::{Method, header};
use serde_json::{Value, json};

use crate::helpers::{Backend, COMPANY, TestApp, error_of, json, spawn_app, spawn_app_with};

crate::on_both_backends!(
    a_candidate_is_acknowledged_at_once_with_a_private_status_link,
    a_retry_returns_the_same_application,
    a_reused_key_with_other_content_is_refused,
    the_same_address_cannot_apply_twice_to_a_posting,
    bad_submissions_get_a_clear_4xx_and_write_nothing,
    a_token_opens_only_its_own_application,
    the_status_revalidates_with_an_etag,
    too_many_submissions_are_slowed_down,
    behind_a_trusted_proxy_each_client_has_its_own_budget,
);

const POSTING: &str = "dental-hygienist";

fn key(n: u32) -> String {
    format!("test-key-{n:08}-0123456789")
}

fn submission(email: &str) -> Value {
    json!({
        "profile": {
            "name": "Aino Virtanen",
            "email": email,
            "phone": "+358 40 123 4567",
            "headline": "Dental hygienist",
            "work": [{"organisation": "Hammaskulma Oy", "position": "Dental hygienist", "start": "2019-03"}]
        },
        "answers": [
            {"key": "valvira", "value": {"yes_no": true}},
            {"key": "languages", "value": {"text": "Finnish, Swedish, English"}}
        ],
        "consent": {"data_processing": true, "talent_pool": false},
        "locale": "fi"
    })
}

async fn apply_ok(app: &TestApp, key: &str, body: &Value) -> Value {
    let response = app.apply(POSTING, key, body).await;
    let (status, body) = json(response).await;
    assert!(status.is_success(), "{status}: {body}");
    body
}

async fn a_candidate_is_acknowledged_at_once_with_a_private_status_link(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app.apply(POSTING, &key(1), &submission("aino@example.fi")).await;
    let (status, ack) = json(response).await;
    assert_eq!(status, 201);
    let token = ack["status_token"].as_str().unwrap();
    assert_eq!(token.len(), 43, "256 bits, URL-safe");
    let status = &ack["status"];
    // Applied in Finnish, to a posting written in Finnish too.
    assert_eq!((&status["posting"]["title"], &status["locale"]), (&json!("Suuhygienisti"), &json!("fi")));
    assert_eq!(status["company"]["name"], "Northwind Dental");
    assert_eq!(status["events"][0]["kind"], "received");
    assert_eq!(status["progress"]["current_stage"], 0);
    let today = app.state.clock.today();
    let first_stage_days = 4;
    assert_eq!(status["progress"]["promised"], today.add_days(first_stage_days).unwrap().to_string());
    assert_eq!(status["progress"]["overdue_days"], 0);
    assert_eq!(status["progress"]["stages"].as_array().unwrap().len(), 5);

    let (code, seen) = app.status(token).await;
    assert_eq!(code, 200);
    assert_eq!(&seen, status, "the status link shows what the acknowledgement said");
}

async fn a_retry_returns_the_same_application(backend: Backend) {
    let app = spawn_app(backend).await;
    let first = apply_ok(&app, &key(2), &submission("aino@example.fi")).await;
    let response = app.apply(POSTING, &key(2), &submission("aino@example.fi")).await;
    assert_eq!(response.status(), 200, "a retry is not a new application");
    let (_, again) = json(response).await;
    assert_eq!(again["status_token"], first["status_token"]);
    assert_eq!(again["status"]["events"].as_array().unwrap().len(), 1);
}

async fn a_reused_key_with_other_content_is_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    apply_ok(&app, &key(3), &submission("aino@example.fi")).await;
    let (status, body) = json(app.apply(POSTING, &key(3), &submission("eero@example.fi")).await).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (422, "idempotency_key_reused"));
    assert!(body.get("status_token").is_none());
}

async fn the_same_address_cannot_apply_twice_to_a_posting(backend: Backend) {
    let app = spawn_app(backend).await;
    apply_ok(&app, &key(4), &submission("aino@example.fi")).await;
    let (status, body) = json(app.apply(POSTING, &key(5), &submission("AINO@Example.FI")).await).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (409, "already_applied"));
    let text = body.to_string();
    assert!(!text.contains("status_token") && !text.contains("Virtanen") && !text.contains("received"), "{text}");
    // Another posting is another application.
    let response = app.apply("orthodontist", &key(6), &json!({
        "profile": {"name": "Aino Virtanen", "email": "aino@example.fi"},
        "answers": [{"key": "specialist", "value": {"yes_no": false}}, {"key": "experience", "value": {"number": 0}}],
        "consent": {"data_processing": true}
    })).await;
    assert_eq!(response.status(), 201);
}

async fn bad_submissions_get_a_clear_4xx_and_write_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let url = app.url(&format!("/api/v1/companies/northwind/postings/{POSTING}/applications"));
    let post = |key: Option<&str>| {
        let mut request = app.client.post(&url);
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        request
    };
    let with = |change: &dyn Fn(&mut Value)| {
        let mut body = submission("aino@example.fi");
        change(&mut body);
        body
    };
    let cases: Vec<(reqwest::RequestBuilder, u16, &str, Option<&str>)> = vec![
        (post(None).json(&submission("aino@example.fi")), 400, "invalid_header", Some("Idempotency-Key")),
        (post(Some("short")).json(&submission("aino@example.fi")), 400, "invalid_header", Some("Idempotency-Key")),
        (
            post(Some(&key(10))).header(header::CONTENT_TYPE, "application/json").body("{\"profile\":"),
            400,
            "malformed_json",
            None,
        ),
        (post(Some(&key(11))).body(submission("a@b.fi").to_string()), 415, "unsupported_media_type", None),
        (
            post(Some(&key(12))).json(&with(&|b| b["consent"]["data_processing"] = json!("yes"))),
            400,
            "malformed_json",
            None,
        ),
        (
            post(Some(&key(13))).json(&with(&|b| b["consent"]["data_processing"] = json!(false))),
            400,
            "required",
            Some("consent.data_processing"),
        ),
        (
            post(Some(&key(14))).json(&with(&|b| b["profile"]["email"] = json!("not-an-email"))),
            400,
            "not_an_email",
            Some("profile.email"),
        ),
        (post(Some(&key(15))).json(&with(&|b| b["answers"] = json!([]))), 400, "required", Some("answers.valvira")),
        (
            post(Some(&key(16))).json(&with(&|b| b["answers"][0]["value"] = json!({"text": "yes"}))),
            400,
            "wrong_kind",
            Some("answers.valvira"),
        ),
        (
            post(Some(&key(17))).json(&with(&|b| b["website"] = json!("http://cheap-pills.example"))),
            400,
            "rejected",
            None,
        ),
        (
            post(Some(&key(18))).json(&with(&|b| b["profile"]["summary"] = json!("x".repeat(300 * 1024)))),
            413,
            "payload_too_large",
            None,
        ),
        (
            post(Some(&key(19))).json(&with(&|b| b["profile"]["summary"] = json!("x".repeat(3001)))),
            400,
            "too_long",
            Some("profile.summary"),
        ),
    ];
    for (request, status, code, field) in cases {
        let (got, body) = json(request.send().await.unwrap()).await;
        assert_eq!(got.as_u16(), status, "{code}: {body}");
        assert_eq!(error_of(&body), (code.to_owned(), field.map(str::to_owned)), "{body}");
    }
    let closed = app.apply("practice-manager", &key(20), &submission("aino@example.fi")).await;
    assert_eq!(closed.status(), 410);
    let unknown = app.apply("astronaut", &key(21), &submission("aino@example.fi")).await;
    assert_eq!(unknown.status(), 404);
    // Nothing above was stored: the address is still free.
    let response = app.apply(POSTING, &key(22), &submission("aino@example.fi")).await;
    assert_eq!(response.status(), 201);
}

async fn a_token_opens_only_its_own_application(backend: Backend) {
    let app = spawn_app(backend).await;
    let aino = apply_ok(&app, &key(30), &submission("aino@example.fi")).await;
    let eero = apply_ok(&app, &key(31), &json!({
        "profile": {"name": "Eero Mäkinen", "email": "eero@example.fi"},
        "answers": [{"key": "valvira", "value": {"yes_no": false}}, {"key": "languages", "value": {"text": "Finnish"}}],
        "consent": {"data_processing": true}
    })).await;
    let aino_token = aino["status_token"].as_str().unwrap();
    let eero_token = eero["status_token"].as_str().unwrap();
    assert_ne!(aino_token, eero_token);
    let (_, seen) = app.status(eero_token).await;
    assert_eq!(seen, eero["status"]);

    // Same selector, another verifier; random; malformed: all the same 404.
    let forged = format!("{}{}", &aino_token[..22], &eero_token[22..]);
    for token in [forged.as_str(), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "nope", &format!("{aino_token}x")] {
        let (status, body) = app.status(token).await;
        assert_eq!((status.as_u16(), error_of(&body)), (404, ("application_not_found".into(), None)), "{token}");
    }
}

async fn the_status_revalidates_with_an_etag(backend: Backend) {
    let app = spawn_app(backend).await;
    let ack = apply_ok(&app, &key(40), &submission("aino@example.fi")).await;
    let token = ack["status_token"].as_str().unwrap();
    let first = app.candidate(Method::GET, "", token).send().await.unwrap();
    assert_eq!(first.headers()[header::CACHE_CONTROL], "private, no-cache");
    let tag = first.headers()[header::ETAG].clone();
    let again = app.candidate(Method::GET, "", token).header(header::IF_NONE_MATCH, tag).send().await.unwrap();
    assert_eq!(again.status(), 304);
}

async fn too_many_submissions_are_slowed_down(backend: Backend) {
    let app = spawn_app_with(backend, |args| {
        args.apply_burst = 2;
        args.apply_every_seconds = 600;
    })
    .await;
    apply_ok(&app, &key(50), &submission("a1@example.fi")).await;
    apply_ok(&app, &key(51), &submission("a2@example.fi")).await;
    let response = app.apply(POSTING, &key(52), &submission("a3@example.fi")).await;
    assert_eq!(response.status(), 429);
    let retry_after: u64 = response.headers()[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=600).contains(&retry_after), "{retry_after}");
    let (_, body) = json(response).await;
    assert_eq!(error_of(&body).0, "rate_limited");
    // Reading is not limited.
    let (status, _) = app.api("companies/northwind/postings").await;
    assert_eq!(status, 200);
}

/// Applies as the client a proxy names in `X-Real-IP`: the status.
async fn apply_as(app: &TestApp, client: &str, n: u32) -> u16 {
    let response = app
        .client
        .post(app.url(&format!("/api/v1/companies/{COMPANY}/postings/{POSTING}/applications")))
        .header("Idempotency-Key", key(n))
        .header("X-Real-IP", client)
        .json(&submission(&format!("proxied{n}@example.fi")))
        .send()
        .await
        .unwrap();
    response.status().as_u16()
}

async fn behind_a_trusted_proxy_each_client_has_its_own_budget(backend: Backend) {
    let behind = spawn_app_with(backend.clone(), |args| {
        args.apply_burst = 1;
        args.apply_every_seconds = 600;
        args.trust_proxy = true;
    })
    .await;
    assert_eq!(apply_as(&behind, "203.0.113.1", 60).await, 201);
    assert_eq!(apply_as(&behind, "203.0.113.1", 61).await, 429, "the same client, past its budget");
    assert_eq!(apply_as(&behind, "203.0.113.2", 62).await, 201, "another client behind the same proxy");
    assert_eq!(apply_as(&behind, "2001:db8::7", 63).await, 201, "an IPv6 client");

    // Not behind a proxy, the header is anybody's to send: ignored.
    let direct = spawn_app_with(backend, |args| {
        args.apply_burst = 1;
        args.apply_every_seconds = 600;
    })
    .await;
    assert_eq!(apply_as(&direct, "203.0.113.1", 70).await, 201);
    assert_eq!(apply_as(&direct, "203.0.113.2", 71).await, 429, "a header can't buy another budget");
}
