//! The recruiters' inbox: unanswered questions and silence alarms, with time
//! moved by the test clock rather than slept through.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, application, error_of, json, spawn_app_with};

crate::on_both_backends!(
    missed_promises_and_long_silences_raise_alarms_in_the_inbox,
    metrics_follow_what_happened_to_candidates,
    a_closing_message_already_sent_to_others_is_flagged,
);

const POSTING: &str = "dental-hygienist";

async fn inbox(app: &TestApp) -> Value {
    let (status, body) = json(app.recruiter(Method::GET, "inbox", &app.recruiter_token).send().await.unwrap()).await;
    assert_eq!(status, 200, "{body}");
    body
}

async fn advance_days(app: &TestApp, days: i64) {
    let response = app.client.post(app.url(&format!("/api/test/clock?advance_days={days}"))).send().await.unwrap();
    assert_eq!(response.status(), 204);
}

fn in_days(app: &TestApp, n: i64) -> String {
    app.state.clock.today().add_days(n).unwrap().to_string()
}

async fn missed_promises_and_long_silences_raise_alarms_in_the_inbox(backend: Backend) {
    let app = spawn_app_with(backend, |args| args.test_clock = true).await;
    let aino = app.applied(&application("Aino Virtanen", "aino@example.fi")).await.1;
    let eero = app.applied(&application("Eero Laine", "eero@example.fi")).await.1;
    let sara = app.applied(&application("Sara Berg", "sara@example.se")).await.1;
    let token = app.recruiter_token.clone();
    let act = |id: i64, action: &'static str, body: Value| {
        let request = app.recruiter(Method::POST, &format!("applications/{id}/{action}"), &token).json(&body);
        async move { assert_eq!(request.send().await.unwrap().status(), 200) }
    };
    // Aino: promised in 2 days. Eero: promised in 30 days. Sara: closed.
    act(aino, "stage", json!({"stage": 1, "message": "Let's talk on Tuesday.", "promised": in_days(&app, 2)})).await;
    act(eero, "messages", json!({"message": "We'll be back in a month.", "promised": in_days(&app, 30)})).await;
    act(sara, "close", json!({"outcome": "not_selected", "message": "Thank you, Sara."})).await;
    let response = app
        .client
        .post(app.url(&format!("/api/v1/companies/northwind/postings/{POSTING}/questions")))
        .json(&json!({"text": "Is there parking at the clinic?"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);

    let now = inbox(&app).await;
    assert_eq!(now["alarms"], json!([]), "nobody is waiting too long yet");
    assert_eq!(now["silence_alarm_days"], 7);
    assert_eq!(now["questions"][0]["text"], "Is there parking at the clinic?");
    let counts =
        now["per_posting"].as_array().unwrap().iter().find(|c| c["posting"]["slug"] == POSTING).unwrap().clone();
    assert_eq!(
        (counts["open_applications"].as_u64(), counts["alarms"].as_u64(), counts["unanswered_questions"].as_u64()),
        (Some(2), Some(0), Some(1))
    );

    // Eight days on: Aino's promise is six days overdue; Eero has heard
    // nothing for eight days (his promise is still ahead); Sara's is closed.
    advance_days(&app, 8).await;
    let later = inbox(&app).await;
    let alarms = later["alarms"].as_array().unwrap();
    assert_eq!(alarms.len(), 2, "{later}");
    assert_eq!(
        (alarms[0]["application_id"].as_i64(), alarms[0]["name"].as_str()),
        (Some(eero), Some("Eero Laine")),
        "longest first"
    );
    assert_eq!(
        alarms[0]["silence"],
        json!({"kind": "no_contact", "last_contact_on": in_days(&app, -8), "silent_days": 8})
    );
    assert_eq!(alarms[1]["application_id"].as_i64(), Some(aino));
    assert_eq!(alarms[1]["silence"]["kind"], "promise_missed");
    assert_eq!(alarms[1]["silence"]["overdue_days"], 6);
    assert_eq!(later["questions"][0]["age_minutes"].as_u64().map(|m| m / (24 * 60)), Some(8));

    // Writing to Eero silences his alarm.
    act(eero, "messages", json!({"message": "Still reviewing, sorry for the wait."})).await;
    let after = inbox(&app).await;
    assert_eq!(after["alarms"].as_array().unwrap().len(), 1);

    // Only with a token.
    let (status, body) = json(app.client.get(app.url("/api/v1/recruiter/inbox")).send().await.unwrap()).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (401, "unauthorized"));
    let other = app.another_company_token("acme").await;
    let (_, theirs) = json(app.recruiter(Method::GET, "inbox", &other).send().await.unwrap()).await;
    assert_eq!((theirs["alarms"].clone(), theirs["questions"].clone()), (json!([]), json!([])));
}

async fn metrics_follow_what_happened_to_candidates(backend: Backend) {
    let app = spawn_app_with(backend, |args| args.test_clock = true).await;
    let aino = app.applied(&application("Aino Virtanen", "aino@example.fi")).await.1;
    let eero = app.applied(&application("Eero Laine", "eero@example.fi")).await.1;
    let token = app.recruiter_token.clone();
    let post = |path: String, body: Value| {
        let request = app.recruiter(Method::POST, &path, &token).json(&body);
        async move { assert_eq!(request.send().await.unwrap().status(), 200) }
    };
    post(
        format!("applications/{aino}/stage"),
        json!({"stage": 1, "message": "Let's talk.", "promised": in_days(&app, 2)}),
    )
    .await;
    post(format!("applications/{aino}/close"), json!({"outcome": "hired", "message": "Welcome, Aino!"})).await;
    // Eero's first promise (4 days, the first stage's usual time) lapses.
    advance_days(&app, 6).await;
    let (_, list) =
        json(app.recruiter(Method::GET, &format!("applications/{eero}"), &token).send().await.unwrap()).await;
    assert_eq!(list["status"]["progress"]["overdue_days"], 2);

    let (status, report) = json(app.recruiter(Method::GET, "metrics", &token).send().await.unwrap()).await;
    assert_eq!(status, 200, "{report}");
    let overall = &report["overall"];
    assert_eq!(
        (overall["applications"].as_u64(), overall["open"].as_u64(), overall["closed_with_outcome"].as_u64()),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(overall["closed_with_outcome_share"], 1.0);
    assert_eq!(overall["acknowledged_at_once"], 2);
    // Aino's two promises were kept (word came the same day); Eero's lapsed two days ago.
    assert_eq!((overall["promises"]["due"].as_u64(), overall["promises"]["kept"].as_u64()), (Some(3), Some(2)));
    assert_eq!(overall["promises"]["most_days_late"], 2);
    let dental = report["per_posting"].as_array().unwrap().iter().find(|p| p["posting"]["slug"] == POSTING).unwrap();
    assert_eq!(dental["metrics"]["applications"], 2);
    let other =
        report["per_posting"].as_array().unwrap().iter().find(|p| p["posting"]["slug"] == "orthodontist").unwrap();
    assert_eq!(other["metrics"]["applications"], 0);
    let (status, _) = json(app.client.get(app.url("/api/v1/recruiter/metrics")).send().await.unwrap()).await;
    assert_eq!(status, 401);
}

async fn a_closing_message_already_sent_to_others_is_flagged(backend: Backend) {
    let app = spawn_app_with(backend, |_| {}).await;
    let token = app.recruiter_token.clone();
    let check = |message: &'static str| {
        let request = app.recruiter(Method::POST, "messages/check", &token).json(&json!({ "message": message }));
        async move { json(request.send().await.unwrap()).await }
    };
    let form_letter = "Thank you for applying. We have decided to proceed with other candidates.";
    let (status, result) = check(form_letter).await;
    assert_eq!((status.as_u16(), result), (200, json!({"sent_to_others": 0})));
    for (name, email) in [("Aino", "aino@example.fi"), ("Eero", "eero@example.fi")] {
        let id = app.applied(&application(name, email)).await.1;
        let response = app
            .recruiter(Method::POST, &format!("applications/{id}/close"), &token)
            .json(&json!({"outcome": "not_selected", "message": form_letter}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }
    // Word for word (as stored: trimmed), and only closing messages count.
    let (_, result) = check("  Thank you for applying. We have decided to proceed with other candidates.\n").await;
    assert_eq!(result, json!({"sent_to_others": 2}));
    let (_, result) = check("Thank you for applying, Sara. We have decided to proceed with other candidates.").await;
    assert_eq!(result, json!({"sent_to_others": 0}));
    let (status, body) = check("   ").await;
    assert_eq!((status.as_u16(), error_of(&body).1.as_deref()), (400, Some("message")));
    let other = app.another_company_token("acme").await;
    let (_, theirs) = json(
        app.recruiter(Method::POST, "messages/check", &other)
            .json(&json!({"message": form_letter}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(theirs, json!({"sent_to_others": 0}), "another company's letters are not ours");
}
