//! The retention job: ended applications lose their personal data once the
//! company's retention period after their end has passed; open ones and
//! talent-pool members whose consent lasts are kept; the bare history stays
//! for the figures. In-process after the clock moves, and from the command
//! line.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, application, json, spawn_app_with};

crate::on_both_backends!(
    ended_applications_are_anonymised_after_the_retention_period,
    the_retention_job_runs_from_the_command_line,
);

/// The demo company's period (its settings say 180).
const RETENTION_DAYS: i64 = 180;

async fn advance(app: &TestApp, days: i64) {
    let response = app.client.post(app.url(&format!("/api/test/clock?advance_days={days}"))).send().await.unwrap();
    assert_eq!(response.status(), 204);
}

async fn close(app: &TestApp, id: i64) {
    app.acts(&format!("applications/{id}/close"), &json!({"outcome": "not_selected", "message": "Thank you."})).await;
}

/// The application as its recruiter sees it.
async fn seen(app: &TestApp, id: i64) -> Value {
    let request = app.recruiter(Method::GET, &format!("applications/{id}"), &app.recruiter_token);
    let (status, body) = json(request.send().await.unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

/// Waits (briefly) for the sweep the clock's move started to erase `token`'s application.
async fn erased(app: &TestApp, token: &str) -> bool {
    for _ in 0..50 {
        if app.status(token).await.0 == StatusCode::NOT_FOUND {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

async fn ended_applications_are_anonymised_after_the_retention_period(backend: Backend) {
    let app = spawn_app_with(backend, |args| args.test_clock = true).await;
    let (closed_token, closed) = app.applied(&application("Aino Virtanen", "aino@example.fi")).await;
    let mut pooled = application("Eero Laine", "eero@example.fi");
    pooled["consent"]["talent_pool"] = json!(true);
    let (pool_token, pool) = app.applied(&pooled).await;
    let (open_token, _) = app.applied(&application("Mikael Berg", "mikael@example.fi")).await;
    let (withdrawn_token, _) = app.applied(&application("Ola Nordmann", "ola@example.no")).await;
    close(&app, closed).await;
    close(&app, pool).await;
    let request = app.candidate(Method::POST, "/withdraw", &withdrawn_token);
    let (status, _) = json(request.json(&json!({"reason": "other", "comment": ""})).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::OK);

    // The last day of the period: everything is kept.
    advance(&app, RETENTION_DAYS).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    for token in [&closed_token, &pool_token, &open_token, &withdrawn_token] {
        assert_eq!(app.status(token).await.0, StatusCode::OK, "kept through the period");
    }

    // The day after: the ended ones go, but for the pool member.
    advance(&app, 1).await;
    assert!(erased(&app, &closed_token).await, "the closed application is anonymised");
    assert!(erased(&app, &withdrawn_token).await, "the withdrawn one too");
    assert_eq!(app.status(&open_token).await.0, StatusCode::OK, "an open application is never due");
    assert_eq!(app.status(&pool_token).await.0, StatusCode::OK, "the talent pool keeps it while consent lasts");
    let gone = seen(&app, closed).await;
    assert!(!gone.to_string().contains("Aino") && !gone.to_string().contains("aino@example.fi"), "{gone}");
    assert!(!gone.to_string().contains("Thank you."), "the messages go too: {gone}");
    let history = gone["status"]["events"].as_array().map_or(0, Vec::len);
    assert!(history >= 2, "the bare history stays for the figures: {gone}");

    // A year after consenting, unrenewed, the pool member's goes too.
    advance(&app, 365 - RETENTION_DAYS - 1).await;
    assert!(erased(&app, &pool_token).await, "consent lapsed");
    assert!(!seen(&app, pool).await.to_string().contains("Eero"));
    assert_eq!(app.status(&open_token).await.0, StatusCode::OK);
}

async fn the_retention_job_runs_from_the_command_line(backend: Backend) {
    let app = spawn_app_with(backend, |args| args.test_clock = true).await;
    // Applied and closed 400 days ago, as the server's clock has it; the
    // command line goes by the real one.
    advance(&app, -400).await;
    let (token, id) = app.applied(&application("Aino Virtanen", "aino@example.fi")).await;
    close(&app, id).await;
    let (kept, _) = app.applied(&application("Mikael Berg", "mikael@example.fi")).await;
    assert_eq!(app.status(&token).await.0, StatusCode::OK, "the server's today is 400 days ago");

    let run = app.candor_admin(&["retention", "run"], "");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(String::from_utf8_lossy(&run.stdout).trim(), "1", "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(app.status(&token).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.status(&kept).await.0, StatusCode::OK);
    let again = app.candor_admin(&["retention", "run"], "");
    assert_eq!(String::from_utf8_lossy(&again.stdout).trim(), "0", "nothing twice");

    // The audit log says Candor did it, once, naming the posting only.
    let admin = app.token_with_role(candor_api::recruiting::Role::Admin).await;
    let (status, log) =
        json(app.recruiter(Method::GET, "audit?action=application_anonymised", &admin).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{log}");
    let entries = log["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{log}");
    assert_eq!((&entries[0]["actor_kind"], &entries[0]["subject_id"]), (&json!("system"), &json!(id)));
    assert!(!log.to_string().contains("Aino") && !log.to_string().contains("aino@"), "{log}");
}
