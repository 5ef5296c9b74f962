//! The audit log (issue 15): each thing a person, a token, a candidate or
//! Candor does to someone's data or access is kept once, with who did it;
//! admins read it newest first, filtered and in pages; a recruiter or a
//! viewer can't; another company sees none of it. Retention's own entry is
//! in `retention.rs`.

use candor_api::audit::{ActorKind, AuditAction, AuditLog};
use candor_api::recruiting::Role;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, application, as_person, error_of, json, spawn_app};

crate::on_both_backends!(
    every_action_is_kept_once_with_who_did_it,
    the_log_is_filtered_by_action_and_person_and_paged,
    only_admins_read_the_log_and_only_their_companys,
);

const PASSWORD: &str = "northwind-demo-2026";

async fn log(app: &TestApp, token: &str, query: &str) -> AuditLog {
    let (status, body) = json(app.recruiter(Method::GET, &format!("audit{query}"), token).send().await.unwrap()).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).expect("an AuditLog")
}

/// The demo admin signed in, and their id.
async fn admin(app: &TestApp) -> ((String, String), i64) {
    let admin = app.sign_in("admin@northwind.example", PASSWORD).await.expect("the demo admin signs in");
    let (_, people) = as_person(app, Method::GET, "people", &admin, None).await;
    let me = people.as_array().unwrap().iter().find(|p| p["is_you"] == true).unwrap()["id"].as_i64().unwrap();
    (admin, me)
}

/// Does one of each action by the demo admin (and two by a candidate):
/// the actions in the order done.
async fn do_one_of_each(app: &TestApp, admin: &(String, String)) -> Vec<AuditAction> {
    let (status_token, application_id) = app.applied(&application("Aino Virtanen", "aino@example.fi")).await;
    let call = |method: Method, path: String, body: Option<Value>| async move {
        let (status, answer) = as_person(app, method, &path, admin, body.as_ref()).await;
        assert!(status.is_success(), "{path}: {status} {answer}");
        answer
    };
    call(Method::GET, format!("applications/{application_id}"), None).await;
    let invited = call(
        Method::POST,
        "people".into(),
        Some(json!({"email": "ada@northwind.example", "name": "Ada Lovelace", "role": "viewer"})),
    )
    .await;
    let ada = invited["person"]["id"].as_i64().unwrap();
    call(Method::POST, format!("people/{ada}/link"), None).await;
    call(Method::PUT, format!("people/{ada}/role"), Some(json!({"role": "recruiter"}))).await;
    call(Method::DELETE, format!("people/{ada}"), None).await;
    let token = call(Method::POST, "tokens".into(), Some(json!({"name": "Payroll sync", "role": "viewer"}))).await;
    let token_id = token["info"]["id"].as_i64().unwrap();
    call(Method::DELETE, format!("tokens/{token_id}"), None).await;
    let link = call(
        Method::POST,
        "postings/dental-hygienist/report/links".into(),
        Some(json!({"name": "Anna Berg", "email": "anna@client.example"})),
    )
    .await;
    let link_id = link["link"]["id"].as_i64().unwrap();
    call(Method::DELETE, format!("report/links/{link_id}"), None).await;
    let export = app.candidate(Method::GET, "/export", &status_token).send().await.unwrap();
    assert_eq!(export.status(), 200);
    let erase = app.candidate(Method::DELETE, "", &status_token).send().await.unwrap();
    assert_eq!(erase.status(), 204);
    vec![
        AuditAction::ApplicationViewed,
        AuditAction::PersonInvited,
        AuditAction::PasswordLinkMade,
        AuditAction::RoleChanged,
        AuditAction::PersonRemoved,
        AuditAction::TokenMade,
        AuditAction::TokenRevoked,
        AuditAction::ReportLinkMade,
        AuditAction::ReportLinkRevoked,
        AuditAction::ApplicationExported,
        AuditAction::ApplicationErased,
    ]
}

async fn every_action_is_kept_once_with_who_did_it(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, me) = admin(&app).await;
    let done = do_one_of_each(&app, &admin).await;

    let (status, body) = as_person(&app, Method::GET, "audit", &admin, None).await;
    assert_eq!(status, 200, "{body}");
    let raw = body.to_string();
    let entries = serde_json::from_value::<AuditLog>(body).unwrap().entries;
    let actions: Vec<AuditAction> = entries.iter().rev().map(|e| e.action).collect();
    assert_eq!(actions, done, "each once, newest first");
    for entry in &entries {
        let candidate = matches!(entry.action, AuditAction::ApplicationExported | AuditAction::ApplicationErased);
        if candidate {
            assert_eq!((entry.actor_kind, entry.actor_id), (ActorKind::Candidate, None), "{entry:?}");
        } else {
            assert_eq!((entry.actor_kind, entry.actor_id), (ActorKind::Person, Some(me)), "{entry:?}");
            assert!(!entry.actor_name.is_empty(), "the admin's name: {entry:?}");
        }
        assert!(time::OffsetDateTime::parse(&entry.at, &time::format_description::well_known::Rfc3339).is_ok());
    }
    let label = |action: AuditAction| entries.iter().find(|e| e.action == action).unwrap().subject_label.clone();
    assert_eq!(label(AuditAction::PersonInvited), "Ada Lovelace");
    assert_eq!(label(AuditAction::RoleChanged), "Ada Lovelace: viewer → recruiter");
    assert_eq!(label(AuditAction::TokenRevoked), "Payroll sync");
    assert!(label(AuditAction::ReportLinkMade).starts_with("Anna Berg"));
    assert_eq!(label(AuditAction::ReportLinkRevoked), label(AuditAction::ReportLinkMade), "by its reader, not its id");
    assert!(!label(AuditAction::ApplicationViewed).is_empty(), "the posting's title");
    // No candidate's name or address, no reader's address, no secret.
    for secret in ["Aino", "aino@example.fi", "anna@client.example", "candor_", "#set-password"] {
        assert!(!raw.contains(secret), "{secret} in {raw}");
    }
}

async fn the_log_is_filtered_by_action_and_person_and_paged(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, me) = admin(&app).await;
    do_one_of_each(&app, &admin).await;
    let token = app.token_with_role(Role::Admin).await;
    // A token's own doing is kept as the token's.
    app.recruiter(Method::GET, "tokens", &token).send().await.unwrap();
    let made = app
        .recruiter(Method::POST, "tokens", &token)
        .json(&json!({"name": "By a token", "role": "viewer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), 201);

    let made = log(&app, &token, "?action=token_made").await.entries;
    assert_eq!(made.len(), 2, "{made:?}");
    assert_eq!((made[0].actor_kind, made[0].actor_name.as_str()), (ActorKind::ApiToken, "admin"));
    assert_eq!(made[1].actor_kind, ActorKind::Person);

    let by_me = log(&app, &token, &format!("?actor={me}")).await.entries;
    assert_eq!(by_me.len(), 9, "the admin's nine, not the token's nor the candidate's: {by_me:?}");
    let both = log(&app, &token, &format!("?actor={me}&action=token_made")).await.entries;
    assert_eq!(both.len(), 1);
    assert!(log(&app, &token, "?actor=99999").await.entries.is_empty());

    let all = log(&app, &token, "").await.entries;
    let older = log(&app, &token, &format!("?before={}", all[3].id)).await.entries;
    assert_eq!(older, all[4..]);

    for (query, code, field) in [
        ("action=peeked", "not_one_of", "action"),
        ("actor=me", "not_a_number", "actor"),
        ("actor=-2", "not_a_number", "actor"),
        ("before=1.5", "not_a_number", "before"),
        ("who=me", "unknown_parameter", "who"),
    ] {
        let (status, body) =
            json(app.recruiter(Method::GET, &format!("audit?{query}"), &token).send().await.unwrap()).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert_eq!(error_of(&body), (code.to_owned(), Some(field.to_owned())), "{query}");
    }
}

async fn only_admins_read_the_log_and_only_their_companys(backend: Backend) {
    let app = spawn_app(backend).await;
    let (admin, _) = admin(&app).await;
    do_one_of_each(&app, &admin).await;
    for role in [Role::Viewer, Role::Recruiter] {
        let token = app.token_with_role(role).await;
        let (status, body) = json(app.recruiter(Method::GET, "audit", &token).send().await.unwrap()).await;
        assert_eq!(status, 403, "{role:?}: {body}");
    }
    let (status, _) = json(app.recruiter(Method::GET, "audit", &app.recruiter_token).send().await.unwrap()).await;
    assert_eq!(status, 403);
    let theirs = app.another_company_token("acme").await;
    assert!(log(&app, &theirs, "").await.entries.is_empty());
}
