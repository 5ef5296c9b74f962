use std::time::Duration;

use candor_api::recruiting::Role;
use reqwest::{Method, header};
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, application, error_of, json, spawn_app};

crate::on_both_backends!(
    a_recruiter_moves_writes_and_closes_and_the_candidate_sees_each_step,
    the_recruiter_api_needs_a_token_of_the_company_and_a_role_that_may_act,
    bad_recruiter_requests_get_a_clear_4xx,
    the_status_stream_delivers_each_action_live_and_catches_up,
    the_admin_command_creates_working_tokens,
);

const POSTING: &str = "dental-hygienist";

async fn act(app: &TestApp, id: i64, action: &str, body: Value) -> (u16, Value) {
    let response = app
        .recruiter(Method::POST, &format!("applications/{id}/{action}"), &app.recruiter_token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let (status, body) = json(response).await;
    (status.as_u16(), body)
}

fn in_days(app: &TestApp, n: i64) -> String {
    app.state.clock.today().add_days(n).unwrap().to_string()
}

async fn a_recruiter_moves_writes_and_closes_and_the_candidate_sees_each_step(backend: Backend) {
    let app = spawn_app(backend).await;
    let (token, id) = app.applied(&application("Aino Virtanen", "aino@example.fi")).await;

    let (status, view) = act(
        &app,
        id,
        "stage",
        json!({"stage": 1, "message": "Thanks Aino! Can we call you Tuesday?", "promised": in_days(&app, 5)}),
    )
    .await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["profile"]["name"], "Aino Virtanen");
    assert_eq!(view["answers"][0]["key"], "valvira");
    let (_, seen) = app.status(&token).await;
    assert_eq!(seen, view["status"], "the candidate sees what the recruiter sees");
    assert_eq!(seen["progress"]["current_stage"], 1);
    assert_eq!(seen["progress"]["promised"], in_days(&app, 5));
    assert_eq!(seen["events"][1]["message"], "Thanks Aino! Can we call you Tuesday?");

    let (status, _) =
        act(&app, id, "messages", json!({"message": "We need two more days, sorry.", "promised": in_days(&app, 7)}))
            .await;
    assert_eq!(status, 200);
    let (_, seen) = app.status(&token).await;
    assert_eq!(seen["progress"]["promised"], in_days(&app, 7));
    assert_eq!(seen["events"].as_array().unwrap().len(), 3);

    let (status, view) = act(&app, id, "close", json!({"outcome": "not_selected", "message": "Aino, thank you for your time. We chose someone with orthodontic experience."})).await;
    assert_eq!(status, 200);
    assert_eq!(view["status"]["progress"]["closing"]["outcome"], "not_selected");
    assert!(view["status"]["progress"].get("promised").is_none(), "no open promise after the outcome");

    for (action, body) in [
        ("messages", json!({"message": "One more thing"})),
        ("close", json!({"outcome": "hired", "message": "Changed our minds"})),
        ("stage", json!({"stage": 2, "message": "x", "promised": in_days(&app, 1)})),
    ] {
        let (status, body) = act(&app, id, action, body).await;
        assert_eq!((status, error_of(&body).0.as_str()), (409, "application_closed"), "{action}");
    }
    let (_, seen) = app.status(&token).await;
    assert_eq!(seen["events"].as_array().unwrap().len(), 4, "nothing was added after the outcome");
}

async fn the_recruiter_api_needs_a_token_of_the_company_and_a_role_that_may_act(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, id) = app.applied(&application("Aino Virtanen", "aino@example.fi")).await;
    let path = format!("applications/{id}");

    let anonymous = app.client.get(app.url(&format!("/api/v1/recruiter/{path}"))).send().await.unwrap();
    assert_eq!(anonymous.headers()[header::WWW_AUTHENTICATE], "Bearer");
    let (status, body) = json(anonymous).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (401, "unauthorized"));
    for bad in [
        "nonsense",
        "candor_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        &app.recruiter_token[..app.recruiter_token.len() - 1],
    ] {
        let (status, _) = json(app.recruiter(Method::GET, &path, bad).send().await.unwrap()).await;
        assert_eq!(status, 401, "{bad}");
    }

    let viewer = app.token_with_role(Role::Viewer).await;
    let (status, _) = json(app.recruiter(Method::GET, &path, &viewer).send().await.unwrap()).await;
    assert_eq!(status, 200, "a viewer reads");
    let response = app
        .recruiter(Method::POST, &format!("{path}/messages"), &viewer)
        .json(&json!({"message": "hi"}))
        .send()
        .await
        .unwrap();
    let (status, body) = json(response).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (403, "forbidden"), "a viewer does not act");

    // Another company's token sees none of Northwind's applications.
    let acme_token = app.another_company_token("acme").await;
    let (status, body) = json(app.recruiter(Method::GET, &path, &acme_token).send().await.unwrap()).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (404, "application_not_found"));
    let (status, _) = json(
        app.recruiter(Method::GET, &format!("postings/{POSTING}/applications"), &acme_token).send().await.unwrap(),
    )
    .await;
    assert_eq!(status, 404, "nor its postings");
    let response = app
        .recruiter(Method::POST, &format!("{path}/messages"), &acme_token)
        .json(&json!({"message": "hi"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
}

async fn bad_recruiter_requests_get_a_clear_4xx(backend: Backend) {
    let app = spawn_app(backend).await;
    let (token, id) = app.applied(&application("Aino Virtanen", "aino@example.fi")).await;
    let cases = [
        ("stage", json!({"stage": 1, "message": "Next: interview"}), 400, "required", Some("promised")),
        (
            "stage",
            json!({"stage": 9, "message": "x", "promised": in_days(&app, 3)}),
            400,
            "out_of_range",
            Some("stage"),
        ),
        ("stage", json!({"stage": 1, "message": " ", "promised": in_days(&app, 3)}), 400, "required", Some("message")),
        (
            "stage",
            json!({"stage": 1, "message": "x", "promised": in_days(&app, -1)}),
            400,
            "in_the_past",
            Some("promised"),
        ),
        ("stage", json!({"stage": "one", "message": "x"}), 400, "malformed_json", None),
        ("messages", json!({"message": "x", "promised": "next week"}), 400, "malformed_json", None),
        ("close", json!({"outcome": "ghosted", "message": "x"}), 400, "malformed_json", None),
        ("close", json!({"outcome": "hired", "message": ""}), 400, "required", Some("message")),
    ];
    for (action, body, status, code, field) in cases {
        let (got, answer) = act(&app, id, action, body.clone()).await;
        assert_eq!(got, status, "{action} {body}: {answer}");
        assert_eq!(error_of(&answer), (code.to_owned(), field.map(str::to_owned)), "{action} {body}");
    }
    let (status, _) = act(&app, 999_999, "messages", json!({"message": "x"})).await;
    assert_eq!(status, 404);
    let (status, _) =
        json(app.recruiter(Method::GET, "applications/abc", &app.recruiter_token).send().await.unwrap()).await;
    assert_eq!(status, 400);
    let (_, seen) = app.status(&token).await;
    assert_eq!(seen["events"].as_array().unwrap().len(), 1, "no refused action wrote anything");
}

/// Reads SSE frames until one with data arrives or `wait` passes.
pub async fn next_status(
    response: &mut reqwest::Response,
    buffer: &mut String,
    wait: Duration,
) -> Option<(u64, Value)> {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        if let Some(end) = buffer.find("\n\n") {
            let frame: String = buffer.drain(..end + 2).collect();
            let id = frame.lines().find_map(|l| l.strip_prefix("id:")).map(|v| v.trim().parse().unwrap());
            let data =
                frame.lines().find_map(|l| l.strip_prefix("data:")).map(|v| serde_json::from_str(v.trim()).unwrap());
            if let (Some(id), Some(data)) = (id, data) {
                return Some((id, data));
            }
            continue;
        }
        match tokio::time::timeout_at(deadline, response.chunk()).await {
            Ok(Ok(Some(bytes))) => buffer.push_str(std::str::from_utf8(&bytes).unwrap()),
            _ => return None,
        }
    }
}

async fn the_status_stream_delivers_each_action_live_and_catches_up(backend: Backend) {
    let app = spawn_app(backend).await;
    let (token, id) = app.applied(&application("Aino Virtanen", "aino@example.fi")).await;
    let mut stream = app.candidate(Method::GET, "/events", &token).send().await.unwrap();
    assert_eq!(stream.status(), 200);
    assert!(stream.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/event-stream"));
    let mut buffer = String::new();
    let (first, status) =
        next_status(&mut stream, &mut buffer, Duration::from_secs(5)).await.expect("the current status at once");
    assert_eq!((first, status["events"].as_array().unwrap().len()), (1, 1));

    let started = std::time::Instant::now();
    act(&app, id, "messages", json!({"message": "Your application is with the clinic manager."})).await;
    let (second, status) =
        next_status(&mut stream, &mut buffer, Duration::from_secs(5)).await.expect("the change, live");
    assert!(started.elapsed() < Duration::from_secs(1), "within a second: {:?}", started.elapsed());
    assert_eq!(second, 2);
    assert_eq!(status["events"][1]["message"], "Your application is with the clinic manager.");

    // Another application's change is not this stream's business.
    let (_, other) = app.applied(&application("Eero Laine", "eero@example.fi")).await;
    act(&app, other, "messages", json!({"message": "Hello Eero"})).await;
    assert!(next_status(&mut stream, &mut buffer, Duration::from_millis(300)).await.is_none());
    drop(stream);

    // Reconnecting up to date: nothing to catch up on. Behind: a new snapshot.
    let mut current = app.candidate(Method::GET, "/events", &token).header("Last-Event-ID", "2").send().await.unwrap();
    assert!(next_status(&mut current, &mut String::new(), Duration::from_millis(300)).await.is_none());
    let mut behind = app.candidate(Method::GET, "/events", &token).header("Last-Event-ID", "1").send().await.unwrap();
    let (id_now, status) =
        next_status(&mut behind, &mut String::new(), Duration::from_secs(5)).await.expect("catch-up");
    assert_eq!((id_now, status["events"].as_array().unwrap().len()), (2, 2));

    let unknown = app.candidate(Method::GET, "/events", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    let (status, body) = json(unknown.send().await.unwrap()).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (404, "application_not_found"));
}

async fn the_admin_command_creates_working_tokens(backend: Backend) {
    let app = spawn_app(backend).await;
    let output =
        app.candor_admin(&["token", "create", "--company", "northwind", "--role", "viewer", "--name", "test"], "");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let token = String::from_utf8(output.stdout).unwrap().trim().to_owned();
    assert!(token.starts_with("candor_"));
    let (status, _) =
        json(app.recruiter(Method::GET, &format!("postings/{POSTING}/applications"), &token).send().await.unwrap())
            .await;
    assert_eq!(status, 200);
    // Kept in the audit log as the command line's, by the token's name.
    let admin = app.token_with_role(Role::Admin).await;
    let (status, log) = json(app.recruiter(Method::GET, "audit?action=token_made", &admin).send().await.unwrap()).await;
    assert_eq!(status, 200, "{log}");
    let entries = log["entries"].as_array().unwrap();
    let seen: Vec<_> = entries.iter().map(|e| (&e["actor_kind"], &e["actor_name"], &e["subject_label"])).collect();
    assert_eq!(seen, [(&json!("system"), &json!("candor admin"), &json!("test"))], "{log}");

    let refused = app.candor_admin(&["token", "create", "--company", "nobody", "--role", "recruiter"], "");
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("no company"));
}
