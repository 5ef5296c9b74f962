use reqwest::{Method, header};
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, application, error_of, json, spawn_app};

crate::on_both_backends!(
    a_candidate_withdraws_with_a_reason_then_rates_the_experience,
    rejected_candidates_rate_too_but_not_before_the_end,
    a_candidate_exports_then_erases_their_data,
    candidate_actions_refuse_bad_input_and_unknown_tokens,
    a_cv_is_a_pdf_checked_by_content_and_goes_with_the_data,
);

/// Aino's application, in Finnish, with a summary and the talent pool.
async fn applied(app: &TestApp) -> (String, i64) {
    let mut body = application("Aino Virtanen", "aino@example.fi");
    body["profile"]["summary"] = json!("Six years in private practice.");
    body["consent"]["talent_pool"] = json!(true);
    body["locale"] = json!("fi");
    app.applied(&body).await
}

async fn post(app: &TestApp, token: &str, action: &str, body: Value) -> (u16, Value) {
    let response = app.candidate(Method::POST, &format!("/{action}"), token).json(&body).send().await.unwrap();
    let (status, body) = json(response).await;
    (status.as_u16(), body)
}

async fn a_candidate_withdraws_with_a_reason_then_rates_the_experience(backend: Backend) {
    let app = spawn_app(backend).await;
    let (token, id) = applied(&app).await;

    let (status, seen) = post(
        &app,
        &token,
        "withdraw",
        json!({"reason": "accepted_another_offer", "comment": "Took a job closer to home."}),
    )
    .await;
    assert_eq!(status, 200, "{seen}");
    assert_eq!(seen["progress"]["withdrawal"]["reason"], "accepted_another_offer");
    assert_eq!(seen["progress"]["withdrawal"]["comment"], "Took a job closer to home.");
    assert!(seen["progress"].get("promised").is_none());

    let (status, body) = post(&app, &token, "withdraw", json!({"reason": "other"})).await;
    assert_eq!((status, error_of(&body).0.as_str()), (409, "application_closed"));
    let response = app
        .recruiter(Method::POST, &format!("applications/{id}/messages"), &app.recruiter_token)
        .json(&json!({"message": "Are you still interested?"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 409, "a withdrawn application takes no more actions");

    let (status, seen) =
        post(&app, &token, "feedback", json!({"rating": 4, "would_apply_again": true, "comment": "Quick answers."}))
            .await;
    assert_eq!(status, 200);
    assert_eq!(
        seen["progress"]["rating"],
        json!({"rating": 4, "would_apply_again": true, "comment": "Quick answers."})
    );
    let (status, body) = post(&app, &token, "feedback", json!({"rating": 1, "would_apply_again": false})).await;
    assert_eq!((status, error_of(&body).0.as_str()), (409, "already_rated"));
}

async fn rejected_candidates_rate_too_but_not_before_the_end(backend: Backend) {
    let app = spawn_app(backend).await;
    let (token, id) = applied(&app).await;
    let (status, body) = post(&app, &token, "feedback", json!({"rating": 5, "would_apply_again": true})).await;
    assert_eq!((status, error_of(&body).0.as_str()), (409, "not_ended_yet"));

    let response = app
        .recruiter(Method::POST, &format!("applications/{id}/close"), &app.recruiter_token)
        .json(&json!({"outcome": "not_selected", "message": "Thank you, Aino; we chose someone with more experience."}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let (status, seen) =
        post(&app, &token, "feedback", json!({"rating": 3, "would_apply_again": true, "comment": "Fair, and kind."}))
            .await;
    assert_eq!(status, 200);
    assert_eq!(seen["progress"]["rating"]["would_apply_again"], true);
    assert_eq!(seen["progress"]["closing"]["outcome"], "not_selected");
}

async fn a_candidate_exports_then_erases_their_data(backend: Backend) {
    let app = spawn_app(backend).await;
    let (token, id) = applied(&app).await;
    app.recruiter(Method::POST, &format!("applications/{id}/messages"), &app.recruiter_token)
        .json(&json!({"message": "Hi Aino, we'll call you Tuesday."}))
        .send()
        .await
        .unwrap();

    let response = app.candidate(Method::GET, "/export", &token).send().await.unwrap();
    assert!(response.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment"));
    let (status, export) = json(response).await;
    assert_eq!(status, 200);
    assert_eq!(export["profile"]["summary"], "Six years in private practice.");
    assert_eq!(export["answers"].as_array().unwrap().len(), 2);
    assert_eq!(export["talent_pool"], true);
    assert_eq!(export["locale"], "fi");
    assert_eq!(export["retention_days"], 180);
    assert_eq!(export["events"][1]["message"], "Hi Aino, we'll call you Tuesday.");

    let erased = app.candidate(Method::DELETE, "", &token).send().await.unwrap();
    assert_eq!(erased.status(), 204);
    let (status, _) = app.status(&token).await;
    assert_eq!(status, 404, "the status link opens nothing any more");
    let (status, _) = json(app.candidate(Method::GET, "/export", &token).send().await.unwrap()).await;
    assert_eq!(status, 404);

    let response =
        app.recruiter(Method::GET, &format!("applications/{id}"), &app.recruiter_token).send().await.unwrap();
    let (_, kept) = json(response).await;
    assert_eq!(kept["profile"], Value::Null);
    assert_eq!(kept["answers"], json!([]));
    let events = kept["status"]["events"].as_array().unwrap();
    assert_eq!(events.len(), 2, "the anonymous history stays for the figures");
    assert!(events.iter().all(|e| e.get("message").is_none()), "no message text survives: {events:?}");
    assert!(!kept.to_string().contains("Aino"), "{kept}");

    // The address is free again.
    applied(&app).await;
}

async fn candidate_actions_refuse_bad_input_and_unknown_tokens(backend: Backend) {
    let app = spawn_app(backend).await;
    let (token, _) = applied(&app).await;
    let cases = [
        ("withdraw", json!({"reason": "bored"}), 400, "malformed_json", None),
        ("withdraw", json!({"reason": "other", "comment": "x".repeat(2001)}), 400, "too_long", Some("comment")),
        ("feedback", json!({"rating": 6, "would_apply_again": true}), 400, "out_of_range", Some("rating")),
        ("feedback", json!({"rating": "five"}), 400, "malformed_json", None),
    ];
    for (action, body, status, code, field) in cases {
        let (got, answer) = post(&app, &token, action, body).await;
        assert_eq!((got, error_of(&answer)), (status, (code.to_owned(), field.map(str::to_owned))), "{action}");
    }
    let nobody = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    let (status, _) = post(&app, nobody, "withdraw", json!({"reason": "other"})).await;
    assert_eq!(status, 404);
    let gone = app.candidate(Method::DELETE, "", nobody).send().await.unwrap();
    assert_eq!(gone.status(), 404);
    let (_, seen) = app.status(&token).await;
    assert_eq!(seen["events"].as_array().unwrap().len(), 1, "nothing refused was written");
}

fn pdf(body: &str) -> Vec<u8> {
    format!("%PDF-1.7\n{body}\n%%EOF\n").into_bytes()
}

async fn a_cv_is_a_pdf_checked_by_content_and_goes_with_the_data(backend: Backend) {
    let app = spawn_app(backend).await;
    let (token, id) = applied(&app).await;
    let put = |body: Vec<u8>, query: &str| {
        app.candidate(Method::PUT, &format!("/cv{query}"), &token)
            .header(header::CONTENT_TYPE, "application/pdf")
            .body(body)
    };
    let (status, body) = json(put(b"\x89PNG\r\n\x1a\nnot a pdf".to_vec(), "").send().await.unwrap()).await;
    assert_eq!(
        (status.as_u16(), error_of(&body)),
        (400, ("not_a_pdf".into(), Some("cv".into()))),
        "a PNG renamed .pdf"
    );
    let mut huge = pdf("");
    huge.resize(5 * 1024 * 1024 + 2048, b' ');
    let (status, body) = json(put(huge, "").send().await.unwrap()).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (413, "payload_too_large"));
    let (status, _) = json(app.candidate(Method::GET, "/cv", &token).send().await.unwrap()).await;
    assert_eq!(status, 404, "nothing stored by the refused uploads");

    let cv = pdf("Aino Virtanen, dental hygienist");
    let (status, info) =
        json(put(cv.clone(), "?file_name=C%3A%5CUsers%5Caino%5CCV%202026.pdf").send().await.unwrap()).await;
    assert_eq!(status, 200, "{info}");
    assert_eq!(info, json!({"file_name": "CV 2026.pdf", "size": cv.len()}));

    let download =
        app.recruiter(Method::GET, &format!("applications/{id}/cv"), &app.recruiter_token).send().await.unwrap();
    assert_eq!(download.status(), 200);
    assert_eq!(download.headers()[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(download.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(download.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment"));
    assert_eq!(download.bytes().await.unwrap().to_vec(), cv);
    // Shown in the console's own page, framed by its own origin only.
    let shown =
        app.recruiter(Method::GET, &format!("applications/{id}/cv/inline"), &app.recruiter_token).send().await.unwrap();
    assert_eq!(shown.status(), 200);
    assert_eq!(shown.headers()[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(shown.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(shown.headers()[header::CONTENT_DISPOSITION], "inline; filename=\"CV 2026.pdf\"");
    assert_eq!(shown.headers()[header::CONTENT_SECURITY_POLICY], "default-src 'none'; frame-ancestors 'self'");
    assert_eq!(shown.headers()[header::X_FRAME_OPTIONS], "SAMEORIGIN");
    assert_eq!(shown.bytes().await.unwrap().to_vec(), cv);
    let (_, view) =
        json(app.recruiter(Method::GET, &format!("applications/{id}"), &app.recruiter_token).send().await.unwrap())
            .await;
    assert_eq!(view["cv"]["file_name"], "CV 2026.pdf");
    let (_, export) = json(app.candidate(Method::GET, "/export", &token).send().await.unwrap()).await;
    assert_eq!(export["cv"]["size"], cv.len());

    let erased = app.candidate(Method::DELETE, "", &token).send().await.unwrap();
    assert_eq!(erased.status(), 204);
    let gone = app.recruiter(Method::GET, &format!("applications/{id}/cv"), &app.recruiter_token).send().await.unwrap();
    assert_eq!(gone.status(), 404, "erasing removes the CV too");
    let gone =
        app.recruiter(Method::GET, &format!("applications/{id}/cv/inline"), &app.recruiter_token).send().await.unwrap();
    assert_eq!(gone.status(), 404);
}
