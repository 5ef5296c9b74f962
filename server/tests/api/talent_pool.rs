//! The talent pool: candidates who chose it when applying are listed to the
//! company's recruiters, searchable by skill and place, with their consent's
//! days, until they leave it from their status page or the consent lapses.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, application, error_of, json, spawn_app_with};

crate::on_both_backends!(the_pool_lists_who_chose_it_until_they_leave_or_it_lapses);

async fn pool(app: &TestApp, query: &str, token: &str) -> (StatusCode, Value) {
    json(app.recruiter(Method::GET, &format!("talent-pool{query}"), token).send().await.unwrap()).await
}

fn names(pool: &Value) -> Vec<&str> {
    pool["members"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect()
}

async fn the_pool_lists_who_chose_it_until_they_leave_or_it_lapses(backend: Backend) {
    let app = spawn_app_with(backend, |args| args.test_clock = true).await;
    let member = |name: &str, email: &str, city: &str, skills: &[&str]| {
        let mut body = application(name, email);
        body["profile"]["location"] = json!(city);
        body["profile"]["skills"] = json!(skills);
        body["consent"]["talent_pool"] = json!(true);
        body
    };
    let (aino, aino_id) =
        app.applied(&member("Aino Virtanen", "aino@example.fi", "Tampere", &["Periodontal care", "Sedation"])).await;
    let (eero, _) = app.applied(&member("Eero Laine", "eero@example.fi", "Helsinki", &["Orthodontics"])).await;
    let (_, _) = app.applied(&application("Mikael Berg", "mikael@example.fi")).await;

    let (status, all) = pool(&app, "", &app.recruiter_token).await;
    assert_eq!(status, StatusCode::OK, "{all}");
    assert_eq!(names(&all), ["Eero Laine", "Aino Virtanen"], "newest first, and only who chose it");
    let first = &all["members"][1];
    assert_eq!(first["application"], aino_id);
    assert_eq!(first["posting"]["slug"], "dental-hygienist");
    assert_eq!(first["consent_on"], app.in_days(0));
    assert_eq!(first["consent_until"], app.in_days(364));
    assert!(!all.to_string().contains("aino@example.fi"), "no addresses in the list: {all}");

    let (_, found) = pool(&app, "?skill=periodontal&place=tampere", &app.recruiter_token).await;
    assert_eq!(names(&found), ["Aino Virtanen"]);
    let (_, found) = pool(&app, "?place=Helsinki", &app.recruiter_token).await;
    assert_eq!(names(&found), ["Eero Laine"]);
    let (_, none) = pool(&app, "?skill=welding", &app.recruiter_token).await;
    assert_eq!(names(&none), Vec::<&str>::new());
    let (status, body) = pool(&app, "?skil=typo", &app.recruiter_token).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "an unknown parameter is refused: {body}");
    assert!(body.to_string().contains("skil"), "{body}");

    // The candidate sees they are in it, and leaves from their status page.
    let (_, seen) = app.status(&aino).await;
    assert_eq!(seen["talent_pool_until"], app.in_days(364));
    let left = app.candidate(Method::POST, "/talent-pool/leave", &aino).send().await.unwrap();
    let (status, seen) = json(left).await;
    assert_eq!((status, seen.get("talent_pool_until")), (StatusCode::OK, None), "{seen}");
    let (_, after) = pool(&app, "", &app.recruiter_token).await;
    assert_eq!(names(&after), ["Eero Laine"]);
    let (status, body) = json(app.candidate(Method::POST, "/talent-pool/leave", "nope").send().await.unwrap()).await;
    assert_eq!((status, error_of(&body).0.as_str()), (StatusCode::NOT_FOUND, "application_not_found"));

    // A year on, unrenewed, the consent has lapsed.
    let response = app.client.post(app.url("/api/test/clock?advance_days=365")).send().await.unwrap();
    assert_eq!(response.status(), 204);
    let (_, lapsed) = pool(&app, "", &app.recruiter_token).await;
    assert_eq!(names(&lapsed), Vec::<&str>::new());
    let (_, seen) = app.status(&eero).await;
    assert_eq!(seen.get("talent_pool_until"), None, "{seen}");
}
