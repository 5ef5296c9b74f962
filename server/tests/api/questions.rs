//! Public Q&A: asking, answering and declining, what is published and what
//! the asker sees on their private link, live.

use std::time::Duration;

use candor_api::recruiting::Role;
use reqwest::{Method, header};
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, error_of, json, spawn_app, spawn_app_with};
use crate::recruiting::next_status;

crate::on_both_backends!(
    a_question_is_published_once_answered_with_its_answer_time,
    a_declined_question_is_never_published_and_the_asker_sees_why,
    the_asker_follows_their_question_live,
    recruiters_see_the_inbox_oldest_first_and_only_their_company,
    bad_questions_get_a_clear_4xx_and_store_nothing,
    asking_is_rate_limited_per_client,
    a_question_asked_again_gets_the_first_ones_link,
    a_question_asked_already_is_declined_as_a_duplicate,
);

const POSTING: &str = "dental-hygienist";

async fn asked(app: &TestApp, text: &str) -> (String, i64) {
    let (status, receipt) = app.ask(POSTING, &json!({"text": text, "name": "Aino"})).await;
    assert_eq!(status, 201, "{receipt}");
    let token = receipt["token"].as_str().unwrap().to_owned();
    assert!(token.starts_with("q_") && token.len() >= 45, "{token}");
    let (_, inbox) = inbox(app, "?state=pending").await;
    let id =
        inbox.as_array().unwrap().iter().find(|q| q["text"] == text).expect("in the inbox")["id"].as_i64().unwrap();
    (token, id)
}

async fn inbox(app: &TestApp, query: &str) -> (u16, Value) {
    let (status, body) =
        json(app.recruiter(Method::GET, &format!("questions{query}"), &app.recruiter_token).send().await.unwrap())
            .await;
    (status.as_u16(), body)
}

async fn settle(app: &TestApp, token: &str, id: i64, action: &str, body: Value) -> (u16, Value) {
    let response =
        app.recruiter(Method::POST, &format!("questions/{id}/{action}"), token).json(&body).send().await.unwrap();
    let (status, body) = json(response).await;
    (status.as_u16(), body)
}

async fn advance_days(app: &TestApp, days: i64) {
    let response = app.client.post(app.url(&format!("/api/test/clock?advance_days={days}"))).send().await.unwrap();
    assert_eq!(response.status(), 204);
}

async fn a_question_is_published_once_answered_with_its_answer_time(backend: Backend) {
    let app = spawn_app_with(backend, |args| args.test_clock = true).await;
    let (_, public) = app.api(&format!("companies/northwind/postings/{POSTING}/questions")).await;
    assert_eq!(public, json!({"questions": [], "answered_count": 0}), "no answers yet, no median");

    let (token, id) = asked(&app, "Is there parking at the Kamppi clinic?").await;
    let (_, public) = app.api(&format!("companies/northwind/postings/{POSTING}/questions")).await;
    assert_eq!(public["questions"], json!([]), "pending questions are not public");

    advance_days(&app, 1).await;
    let recruiter = app.recruiter_token.clone();
    let (status, answered) = settle(
        &app,
        &recruiter,
        id,
        "answer",
        json!({"answer": "  Yes: two spaces behind the clinic, free for staff.  "}),
    )
    .await;
    assert_eq!(status, 200, "{answered}");
    assert_eq!(answered["state"], "answered");

    let response = app.get(&format!("/api/v1/companies/northwind/postings/{POSTING}/questions")).await;
    assert_eq!(response.headers()[header::CACHE_CONTROL], "public, no-cache", "an answer shows on the next look");
    let (status, public) = json(response).await;
    assert_eq!(status, 200);
    let q = &public["questions"][0];
    assert_eq!(q["text"], "Is there parking at the Kamppi clinic?");
    assert_eq!(q["name"], "Aino");
    assert_eq!(q["answer"], "Yes: two spaces behind the clinic, free for staff.");
    assert_eq!(q["answer_minutes"], 24 * 60, "a day later");
    assert_eq!(public["median_answer_minutes"], 24 * 60);
    assert_eq!(public["answered_count"], 1);

    // Answered is final: a second answer (another recruiter at the same time) is refused.
    let (status, body) = settle(&app, &recruiter, id, "answer", json!({"answer": "No parking."})).await;
    assert_eq!((status, error_of(&body).0.as_str()), (409, "question_settled"));
    let (_, mine) = app.asked(&token).await;
    assert_eq!(mine["state"], "answered");
    assert_eq!(mine["answer"]["answer"], "Yes: two spaces behind the clinic, free for staff.");

    // The median is the company's, over every posting.
    let (status, receipt) =
        app.ask("senior-backend-engineer", &json!({"text": "Is the team fully remote or hybrid?"})).await;
    assert_eq!(status, 201, "{receipt}");
    let (_, pending) = inbox(&app, "?state=pending").await;
    let other = pending[0]["id"].as_i64().unwrap();
    advance_days(&app, 3).await;
    settle(
        &app,
        &recruiter,
        other,
        "answer",
        json!({"answer": "Remote within Finland, with a team week each quarter."}),
    )
    .await;
    let (_, public) = app.api(&format!("companies/northwind/postings/{POSTING}/questions")).await;
    assert_eq!(public["questions"].as_array().unwrap().len(), 1, "only this posting's questions");
    assert_eq!(public["median_answer_minutes"], (24 * 60 + 3 * 24 * 60) / 2);
}

async fn a_declined_question_is_never_published_and_the_asker_sees_why(backend: Backend) {
    let app = spawn_app(backend).await;
    let (token, id) = asked(&app, "Buy cheap watches at example.com!!").await;
    let recruiter = app.recruiter_token.clone();
    let (status, body) = settle(&app, &recruiter, id, "decline", json!({"reason": "spam", "message": ""})).await;
    assert_eq!(
        (status, error_of(&body).1.as_deref()),
        (400, Some("message")),
        "a reason the asker can read is required"
    );
    let (status, body) = settle(&app, &recruiter, id, "decline", json!({"reason": "rude", "message": "x"})).await;
    assert_eq!(status, 400, "{body}");
    let (status, _) = settle(
        &app,
        &recruiter,
        id,
        "decline",
        json!({"reason": "spam", "message": "This looks like an advertisement."}),
    )
    .await;
    assert_eq!(status, 200);
    let (_, public) = app.api(&format!("companies/northwind/postings/{POSTING}/questions")).await;
    assert_eq!(public["questions"], json!([]));
    let (_, mine) = app.asked(&token).await;
    assert_eq!(mine["state"], "declined");
    assert_eq!(mine["declined"]["reason"], "spam");
    assert_eq!(mine["declined"]["message"], "This looks like an advertisement.");
    assert!(mine.get("answer").is_none());
    let (status, _) = settle(&app, &recruiter, id, "answer", json!({"answer": "Changed my mind"})).await;
    assert_eq!(status, 409);
}

async fn the_asker_follows_their_question_live(backend: Backend) {
    let app = spawn_app(backend).await;
    let (token, id) = asked(&app, "Do you offer Swedish lessons for new staff?").await;
    let (status, mine) = app.asked(&token).await;
    assert_eq!(status, 200);
    assert_eq!(
        (mine["state"].as_str(), mine["posting"]["title"].as_str(), mine["company"]["name"].as_str()),
        (Some("pending"), Some("Dental Hygienist"), Some("Northwind Dental"))
    );
    let response = app.asker(Method::GET, "", &token).send().await.unwrap();
    assert!(response.headers()[header::CACHE_CONTROL].to_str().unwrap().contains("private"));

    let mut stream = app.asker(Method::GET, "/events", &token).send().await.unwrap();
    assert_eq!(stream.status(), 200);
    let mut buffer = String::new();
    let (first, view) =
        next_status(&mut stream, &mut buffer, Duration::from_secs(5)).await.expect("the question at once");
    assert_eq!((first, view["state"].as_str()), (1, Some("pending")));
    let started = std::time::Instant::now();
    let recruiter = app.recruiter_token.clone();
    settle(&app, &recruiter, id, "answer", json!({"answer": "Yes, twice a week during the first year."})).await;
    let (second, view) = next_status(&mut stream, &mut buffer, Duration::from_secs(5)).await.expect("the answer, live");
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    assert_eq!((second, view["answer"]["answer"].as_str()), (2, Some("Yes, twice a week during the first year.")));

    // Unknown, malformed and altered tokens all look the same.
    // One character of the secret part changed to a different one.
    let at = token.len() - 10;
    let swapped = if &token[at..=at] == "A" { "B" } else { "A" };
    let altered = format!("{}{swapped}{}", &token[..at], &token[at + 1..]);
    for bad in ["q_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "nonsense", altered.as_str()] {
        for path in ["", "/events"] {
            let (status, body) = json(app.asker(Method::GET, path, bad).send().await.unwrap()).await;
            assert_eq!(status.as_u16(), 404, "{path}: {body}");
            assert_eq!(error_of(&body).0, "question_not_found", "{path}");
        }
    }
}

async fn recruiters_see_the_inbox_oldest_first_and_only_their_company(backend: Backend) {
    let app = spawn_app_with(backend, |args| args.test_clock = true).await;
    asked(&app, "First: is the position full-time only?").await;
    advance_days(&app, 2).await;
    asked(&app, "Second: when would the role start?").await;
    let (status, inbox_now) = inbox(&app, "?state=pending").await;
    assert_eq!(status, 200);
    let texts: Vec<&str> = inbox_now.as_array().unwrap().iter().map(|q| q["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["First: is the position full-time only?", "Second: when would the role start?"]);
    assert_eq!(inbox_now[0]["age_minutes"], 2 * 24 * 60, "its age");
    assert_eq!(inbox_now[0]["posting"]["slug"], POSTING);
    let (status, body) = inbox(&app, "?state=lost").await;
    assert_eq!((status, error_of(&body).0.as_str()), (400, "bad_path"));
    let (status, _) = inbox(&app, "?colour=red").await;
    assert_eq!(status, 400);

    let viewer = app.token_with_role(Role::Viewer).await;
    let first = inbox_now[0]["id"].as_i64().unwrap();
    let (status, body) = settle(&app, &viewer, first, "answer", json!({"answer": "Yes."})).await;
    assert_eq!((status, error_of(&body).0.as_str()), (403, "forbidden"), "a viewer reads but doesn't answer");
    // Refused as a viewer before the answer is read: an empty or malformed one gets the same 403.
    let (status, body) = settle(&app, &viewer, first, "answer", json!({"answer": ""})).await;
    assert_eq!((status, error_of(&body).0.as_str()), (403, "forbidden"), "{body}");
    let response = app
        .recruiter(Method::POST, &format!("questions/{first}/decline"), &viewer)
        .header(header::CONTENT_TYPE, "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let response = app.recruiter(Method::GET, "questions", &viewer).send().await.unwrap();
    assert_eq!(response.status(), 200);

    let acme_token = app.another_company_token("acme").await;
    let (_, acme_inbox) = json(app.recruiter(Method::GET, "questions", &acme_token).send().await.unwrap()).await;
    assert_eq!(acme_inbox, json!([]), "another company sees none of them");
    let (status, body) = settle(&app, &acme_token, first, "answer", json!({"answer": "Yes."})).await;
    assert_eq!((status, error_of(&body).0.as_str()), (404, "question_not_found"));
    let (status, _) = json(app.client.get(app.url("/api/v1/recruiter/questions")).send().await.unwrap()).await;
    assert_eq!(status, 401);
}

async fn bad_questions_get_a_clear_4xx_and_store_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let cases: [(Value, u16, &str, Option<&str>); 5] = [
        (json!({"text": "Parking?"}), 400, "too_short", Some("text")),
        (json!({"text": "x".repeat(1001)}), 400, "too_long", Some("text")),
        (json!({"text": "Is there parking nearby?", "name": "A\nB"}), 400, "control_characters", Some("name")),
        (json!({"text": 42}), 400, "malformed_json", None),
        (json!({"text": "Is there parking nearby?", "website": "http://bot.example"}), 400, "rejected", None),
    ];
    for (body, status, code, field) in cases {
        let (got, answer) = app.ask(POSTING, &body).await;
        let (got_code, got_field) = error_of(&answer);
        assert_eq!((got, got_code.as_str(), got_field.as_deref()), (status, code, field), "{body}");
    }
    let big = json!({"text": "y".repeat(20_000)});
    let (status, _) = app.ask(POSTING, &big).await;
    assert_eq!(status, 413);
    let (status, body) = app.ask("no-such-posting", &json!({"text": "Is there parking nearby?"})).await;
    assert_eq!((status, error_of(&body).0.as_str()), (404, "posting_not_found"));
    let (status, body) = app.ask("practice-manager", &json!({"text": "Is this still open?"})).await;
    assert_eq!((status, error_of(&body).0.as_str()), (410, "posting_closed"), "a closed posting takes no questions");
    let (_, inbox) = inbox(&app, "").await;
    assert_eq!(inbox, json!([]), "nothing was stored");
    let recruiter = app.recruiter_token.clone();
    let (status, _) = settle(&app, &recruiter, 999_999, "answer", json!({"answer": "Hello"})).await;
    assert_eq!(status, 404);
}

async fn asking_is_rate_limited_per_client(backend: Backend) {
    let app = spawn_app_with(backend, |args| {
        args.apply_burst = 2;
        args.apply_every_seconds = 600;
    })
    .await;
    for n in 0..2 {
        let (status, _) = app.ask(POSTING, &json!({"text": format!("Question number {n} about the role?")})).await;
        assert_eq!(status, 201);
    }
    let response = app
        .client
        .post(app.url(&format!("/api/v1/companies/northwind/postings/{POSTING}/questions")))
        .json(&json!({"text": "One question too many?"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    assert!(response.headers().contains_key(header::RETRY_AFTER));
    // Reading the answers is not limited.
    let (status, _) = app.api(&format!("companies/northwind/postings/{POSTING}/questions")).await;
    assert_eq!(status, 200);
}

async fn a_question_asked_again_gets_the_first_ones_link(backend: Backend) {
    let app = spawn_app_with(backend, |args| args.test_clock = true).await;
    let (token, _) = asked(&app, "Is there parking at the Kamppi clinic?").await;
    // Again, four times, as a person who thinks nothing happened would: the
    // same words, however spaced and capitalised, get the first one's link.
    for again in ["Is there parking at the Kamppi clinic?", "  is there PARKING at the\nKamppi   clinic? "] {
        let (status, receipt) = app.ask(POSTING, &json!({"text": again, "name": " aino "})).await;
        assert_eq!((status, receipt["token"].as_str()), (200, Some(token.as_str())), "{receipt}");
        assert_eq!(receipt["question"]["text"], "Is there parking at the Kamppi clinic?", "the first one's words");
    }
    let (_, pending) = inbox(&app, "?state=pending").await;
    assert_eq!(pending.as_array().unwrap().len(), 1, "one question in the inbox: {pending}");

    // Not the same: another question, another name, another posting, or a day later.
    let new = |text: &str, name: &str, posting: &'static str| {
        let body = json!({"text": text, "name": name});
        let app = &app;
        async move { app.ask(posting, &body).await }
    };
    let mut tokens = vec![token.clone()];
    for (text, name, posting) in [
        ("Is there parking at the Kamppi clinic??", "Aino", POSTING),
        ("Is there parking at the Kamppi clinic?", "Eero", POSTING),
        ("Is there parking at the Kamppi clinic?", "Aino", "senior-backend-engineer"),
    ] {
        let (status, receipt) = new(text, name, posting).await;
        assert_eq!(status, 201, "{text} {name} {posting}: {receipt}");
        tokens.push(receipt["token"].as_str().unwrap().to_owned());
    }
    advance_days(&app, 1).await;
    let (status, receipt) = new("Is there parking at the Kamppi clinic?", "Aino", POSTING).await;
    assert_eq!(status, 201, "a day later it is asked anew: {receipt}");
    tokens.push(receipt["token"].as_str().unwrap().to_owned());
    tokens.sort();
    tokens.dedup();
    assert_eq!(tokens.len(), 5, "each its own link");

    // Another client (another address) asking the same is another asker.
    let elsewhere = reqwest::Client::builder().local_address("127.0.0.2".parse().ok()).build().unwrap();
    let path = format!("/api/v1/companies/northwind/postings/{POSTING}/questions");
    let body = json!({"text": "Is there parking at the Kamppi clinic?", "name": "Aino"});
    let (status, receipt) = json(elsewhere.post(app.url(&path)).json(&body).send().await.unwrap()).await;
    assert_eq!(status, 201, "{receipt}");
    assert!(!tokens.contains(&receipt["token"].as_str().unwrap().to_owned()));
    let (_, all) = inbox(&app, "").await;
    assert_eq!(all.as_array().unwrap().len(), 6);
}

async fn a_question_asked_already_is_declined_as_a_duplicate(backend: Backend) {
    let app = spawn_app(backend).await;
    let (token, id) = asked(&app, "Do you pay for the commute to the clinic?").await;
    let recruiter = app.recruiter_token.clone();
    let message = "Answered below: see \"Is the commute paid?\".";
    let (status, body) =
        settle(&app, &recruiter, id, "decline", json!({"reason": "duplicate", "message": message})).await;
    assert_eq!(status, 200, "{body}");
    let (_, mine) = app.asked(&token).await;
    assert_eq!((mine["state"].as_str(), mine["declined"]["reason"].as_str()), (Some("declined"), Some("duplicate")));
    let (_, declined) = inbox(&app, "?state=declined").await;
    assert_eq!(declined[0]["declined"]["reason"], "duplicate");
}
