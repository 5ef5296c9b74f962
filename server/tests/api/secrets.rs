//! Secrets stay out of URLs: the candidate's status token and the asker's
//! question token travel in headers, and an address with a token in its
//! path opens nothing. Candor's pages keep their secrets from other sites.

use reqwest::{Method, StatusCode, header};
use serde_json::json;

use crate::helpers::{Backend, application, error_of, json, spawn_app, spawn_app_with};

crate::on_both_backends!(
    the_status_token_travels_in_its_header_and_never_in_a_path,
    the_question_token_travels_in_its_header_and_never_in_a_path,
    candors_pages_are_never_framed_and_send_no_referrer,
);

async fn the_status_token_travels_in_its_header_and_never_in_a_path(backend: Backend) {
    let app = spawn_app(backend).await;
    let (token, _) = app.applied(&application("Aino Virtanen", "aino@example.fi")).await;
    let (status, seen) = app.status(&token).await;
    assert_eq!((status, seen["posting"]["slug"].as_str()), (StatusCode::OK, Some("dental-hygienist")), "{seen}");

    // Without the header: a 400 that names it, for every candidate route.
    for (method, rest) in [
        (Method::GET, ""),
        (Method::GET, "/events"),
        (Method::GET, "/export"),
        (Method::GET, "/cv"),
        (Method::DELETE, ""),
        (Method::POST, "/withdraw"),
        (Method::POST, "/feedback"),
        (Method::PUT, "/mail"),
    ] {
        let request = app.client.request(method.clone(), app.url(&format!("/api/v1/application{rest}")));
        let (status, body) = json(request.json(&json!({})).send().await.unwrap()).await;
        assert_eq!(
            (status, error_of(&body)),
            (StatusCode::BAD_REQUEST, ("invalid_header".into(), Some("Candor-Application".into()))),
            "{method} {rest}: {body}"
        );
    }
    // A token where the old addresses had it opens nothing.
    for path in [format!("/api/v1/applications/{token}"), format!("/api/v1/applications/{token}/events")] {
        let (status, body) = json(app.get(&path).await).await;
        assert_eq!((status, error_of(&body).0.as_str()), (StatusCode::NOT_FOUND, "route_not_found"), "{path}");
    }
    // A wrong token in the header is the same 404 as an unknown one.
    let (status, body) = app.status("s_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").await;
    assert_eq!((status, error_of(&body).0.as_str()), (StatusCode::NOT_FOUND, "application_not_found"));
    let (status, _) = app.status("ünïcödé").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn the_question_token_travels_in_its_header_and_never_in_a_path(backend: Backend) {
    let app = spawn_app(backend).await;
    let (status, receipt) = app.ask("orthodontist", &json!({"text": "Is there parking for staff?"})).await;
    assert_eq!(status, 201, "{receipt}");
    let token = receipt["token"].as_str().unwrap();
    let (status, seen) = app.asked(token).await;
    assert_eq!((status, seen["text"].as_str()), (StatusCode::OK, Some("Is there parking for staff?")), "{seen}");
    for rest in ["", "/events"] {
        let (status, body) = json(app.get(&format!("/api/v1/question{rest}")).await).await;
        assert_eq!(
            (status, error_of(&body)),
            (StatusCode::BAD_REQUEST, ("invalid_header".into(), Some("Candor-Question".into()))),
            "{rest}"
        );
        let (status, body) = json(app.get(&format!("/api/v1/questions/{token}{rest}")).await).await;
        assert_eq!((status, error_of(&body).0.as_str()), (StatusCode::NOT_FOUND, "route_not_found"));
    }
    // A careers page on another origin may send the header.
    let preflight = app
        .client
        .request(Method::OPTIONS, app.url("/api/v1/question"))
        .header(header::ORIGIN, &app.allowed_origin)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "candor-question")
        .send()
        .await
        .unwrap();
    let allowed = preflight.headers()[header::ACCESS_CONTROL_ALLOW_HEADERS].to_str().unwrap().to_owned();
    assert!(allowed.contains("candor-question") && allowed.contains("candor-application"), "{allowed}");
}

async fn candors_pages_are_never_framed_and_send_no_referrer(backend: Backend) {
    // A console page as Trunk writes it: its loader is an inline script.
    let console = tempfile::tempdir().unwrap();
    let loader = "import init from '/console/assets/console-1a2b.js'; await init();";
    std::fs::write(
        console.path().join("index.html"),
        format!("<!DOCTYPE html><html><head><script type=\"module\">{loader}</script></head><body></body></html>"),
    )
    .unwrap();
    let dir = console.path().to_owned();
    let app = spawn_app_with(backend, move |args| args.console_dir = Some(dir)).await;
    let (_, id) = app.applied(&application("Aino Virtanen", "aino@example.fi")).await;
    let stop = format!("/mail/stop?a={id}&t={}", app.state.mail.stop_code(candor_server::store::ApplicationId(id)));
    for path in ["/status", "/me", "/console/", "/console/postings", "/report", stop.as_str()] {
        let page = app.get(path).await;
        let h = page.headers();
        let policy = h.get(header::CONTENT_SECURITY_POLICY).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        assert!(policy.contains("frame-ancestors 'none'"), "{path}: {policy}");
        assert!(!policy.contains("unsafe-inline") && !policy.contains('*'), "{path}: strict, {policy}");
        assert_eq!(h.get(header::REFERRER_POLICY).map(|v| v.to_str().unwrap()), Some("no-referrer"), "{path}");
    }
    let page = app.get("/console/").await;
    assert_eq!(page.headers()[header::X_FRAME_OPTIONS], "DENY");
    // The loader may run, by its hash, and nothing else inline.
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(loader.as_bytes()));
    let policy = page.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
    assert!(policy.contains(&format!("script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}';")), "{policy}");
    assert!(page.text().await.unwrap().contains(loader));
}
