//! Running a company from the recruiter API: postings (draft, open, close,
//! edit), company settings, people with one-time set-password links, and
//! what each role may do.

use candor_api::recruiting::Role;
use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};

use crate::helpers::{Backend, COMPANY, TestApp, as_person, error_of, json, spawn_app, spawn_app_with};

crate::on_both_backends!(
    admins_draft_open_edit_close_and_reopen_a_posting,
    admins_keep_the_company_settings_and_careers_pages_follow,
    admins_invite_people_who_set_their_own_password,
    an_address_two_companies_invite_is_two_accounts_each_its_own,
    tokens_end_with_the_access_of_whoever_made_them,
    every_role_meets_its_limits_on_every_action,
);

fn draft(slug: &str) -> Value {
    json!({
        "slug": slug,
        "title": "Clinic Receptionist",
        "department": "Front desk",
        "location": {"city": "Tampere", "country": "fi"},
        "workplace": "on_site",
        "employment_type": "part_time",
        "teaser": "The first smile our patients see.",
        "salary": {"min": 2300, "max": 2700, "currency": "eur", "period": "month"},
        "description": "You welcome patients and keep the day running.",
        "stages": [
            {"name": "Application review", "expected_days": 5},
            {"name": "Interview", "expected_days": 7, "description": "An hour at the clinic."}
        ],
        "screening_questions": [
            {"key": "weekends", "prompt": "Can you work every other Saturday?", "required": true, "kind": "yes_no"}
        ]
    })
}

async fn send(app: &TestApp, method: Method, path: &str, token: &str, body: Option<&Value>) -> (StatusCode, Value) {
    let mut request = app.recruiter(method, path, token);
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.unwrap();
    if response.status() == StatusCode::NO_CONTENT {
        return (StatusCode::NO_CONTENT, Value::Null);
    }
    json(response).await
}

async fn public_slugs(app: &TestApp) -> Vec<String> {
    let (_, list) = app.api(&format!("companies/{COMPANY}/postings")).await;
    list["postings"].as_array().unwrap().iter().map(|p| p["slug"].as_str().unwrap().to_owned()).collect()
}

async fn admins_draft_open_edit_close_and_reopen_a_posting(backend: Backend) {
    let app = spawn_app_with(backend, |args| args.test_clock = true).await;
    let admin = app.token_with_role(Role::Admin).await;

    // Bad drafts name their field, and store nothing.
    let mut bad = draft("receptionist");
    bad["stages"] = json!([]);
    let (status, body) = send(&app, Method::POST, "postings", &admin, Some(&bad)).await;
    assert_eq!((status.as_u16(), error_of(&body)), (400, ("required".into(), Some("stages".into()))));
    bad = draft("receptionist");
    bad["stages"][1]["expected_days"] = json!(0);
    let (status, body) = send(&app, Method::POST, "postings", &admin, Some(&bad)).await;
    assert_eq!((status.as_u16(), error_of(&body).1.as_deref()), (400, Some("stages[1].expected_days")));
    let (status, body) = send(&app, Method::POST, "postings", &admin, Some(&json!({"slug": "x"}))).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (400, "malformed_json"));

    // A new posting is a draft: listed for the company, invisible to the public.
    let (status, created) = send(&app, Method::POST, "postings", &admin, Some(&draft("receptionist"))).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["status"], "draft");
    assert_eq!(created["detail"]["summary"]["location"]["country"], "FI", "normalised");
    assert_eq!(created["detail"]["stages"][1]["description"], "An hour at the clinic.");
    assert_eq!(created["applications"], 0);
    let (status, body) = send(&app, Method::POST, "postings", &admin, Some(&draft("receptionist"))).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (409, "conflict"));
    let (_, rows) = send(&app, Method::GET, "postings", &admin, None).await;
    let row = rows.as_array().unwrap().iter().find(|r| r["summary"]["slug"] == "receptionist").expect("listed");
    assert_eq!(row["status"], "draft");
    assert!(rows.as_array().unwrap().iter().any(|r| r["status"] == "closed"), "closed postings are listed too: {rows}");
    assert!(!public_slugs(&app).await.contains(&"receptionist".to_owned()));
    let (status, _) = app.api(&format!("companies/{COMPANY}/postings/receptionist")).await;
    assert_eq!(status, 404, "a draft does not exist for the public");

    // A draft cannot be closed; it opens, and the careers page has it at once.
    let (status, body) =
        send(&app, Method::POST, "postings/receptionist/status", &admin, Some(&json!({"status": "closed"}))).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (409, "status_change_not_allowed"));
    let (status, opened) =
        send(&app, Method::POST, "postings/receptionist/status", &admin, Some(&json!({"status": "open"}))).await;
    assert_eq!((status.as_u16(), &opened["status"]), (200, &json!("open")));
    assert_eq!(opened["detail"]["summary"]["published_on"], app.state.clock.today().to_string());
    assert!(public_slugs(&app).await.contains(&"receptionist".to_owned()));
    let (status, public) = app.api(&format!("companies/{COMPANY}/postings/receptionist")).await;
    assert_eq!((status.as_u16(), &public["screening_questions"][0]["key"]), (200, &json!("weekends")));

    // Someone applies; the process may then grow but not shrink.
    let application = json!({
        "profile": {"name": "Aino Virtanen", "email": "aino@example.fi"},
        "answers": [{"key": "weekends", "value": {"yes_no": true}}],
        "consent": {"data_processing": true}
    });
    let response = app.apply("receptionist", "admin-test-application-1", &application).await;
    assert_eq!(response.status(), 201);
    // An edit checked before that application arrived is not stored after it.
    let store = &app.state.store;
    let company = store.company_by_slug(&candor_api::CompanySlug::parse(COMPANY).unwrap()).await.unwrap().unwrap();
    let stored =
        store.posting(company.id, &candor_api::PostingSlug::parse("receptionist").unwrap()).await.unwrap().unwrap();
    let mut shrunk =
        candor_api::postings::ValidPosting { detail: stored.detail.clone(), translations: stored.translations };
    shrunk.detail.stages.truncate(1);
    let late = store.update_posting(company.id, stored.id, &shrunk, 0).await;
    assert!(
        matches!(
            late,
            Err(candor_server::store::StoreError::Conflict(candor_server::store::Conflict::AppliedMeanwhile))
        ),
        "{late:?}"
    );

    let mut edited = draft("receptionist");
    edited["stages"] = json!([{"name": "Application review", "expected_days": 5}]);
    let (status, body) = send(&app, Method::PUT, "postings/receptionist", &admin, Some(&edited)).await;
    assert_eq!((status.as_u16(), error_of(&body)), (400, ("too_few_stages".into(), Some("stages".into()))));
    edited = draft("receptionist-2");
    let (status, body) = send(&app, Method::PUT, "postings/receptionist", &admin, Some(&edited)).await;
    assert_eq!((status.as_u16(), error_of(&body)), (400, ("unchangeable".into(), Some("slug".into()))));
    edited = draft("receptionist");
    edited["title"] = json!("Clinic Receptionist (Saturdays)");
    edited["stages"].as_array_mut().unwrap().push(json!({"name": "Trial day", "expected_days": 3}));
    let (status, saved) = send(&app, Method::PUT, "postings/receptionist", &admin, Some(&edited)).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!((saved["applications"].as_u64(), saved["detail"]["stages"].as_array().unwrap().len()), (Some(1), 3));
    let (_, public) = app.api(&format!("companies/{COMPANY}/postings/receptionist")).await;
    assert_eq!(public["summary"]["title"], "Clinic Receptionist (Saturdays)", "the careers page follows at once");
    let (_, mine) = send(&app, Method::GET, "postings/receptionist", &admin, None).await;
    assert_eq!(mine, saved, "what was saved is what is read");

    // Closing ends applying; a closed posting reopens but never becomes a draft again.
    let (status, _) =
        send(&app, Method::POST, "postings/receptionist/status", &admin, Some(&json!({"status": "closed"}))).await;
    assert_eq!(status, 200);
    let (status, body) = app.api(&format!("companies/{COMPANY}/postings/receptionist")).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (410, "posting_closed"));
    let response = app.apply("receptionist", "admin-test-application-2", &application).await;
    assert_eq!(response.status(), 410);
    let (status, _) =
        send(&app, Method::POST, "postings/receptionist/status", &admin, Some(&json!({"status": "draft"}))).await;
    assert_eq!(status, 409);
    let (status, body) =
        send(&app, Method::POST, "postings/receptionist/status", &admin, Some(&json!({"status": "deleted"}))).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (400, "malformed_json"));
    let (status, _) =
        send(&app, Method::POST, "postings/receptionist/status", &admin, Some(&json!({"status": "open"}))).await;
    assert_eq!(status, 200);
    assert!(public_slugs(&app).await.contains(&"receptionist".to_owned()));

    // Another company's admin sees none of it.
    let other = app.another_company_token("contoso").await;
    let (status, _) = send(&app, Method::GET, "postings/receptionist", &other, None).await;
    assert_eq!(status, 404);
    let (status, _) = send(&app, Method::PUT, "postings/receptionist", &other, Some(&edited)).await;
    assert_eq!(status, 404);
    let (status, _) =
        send(&app, Method::POST, "postings/receptionist/status", &other, Some(&json!({"status": "closed"}))).await;
    assert_eq!(status, 404);
    assert!(public_slugs(&app).await.contains(&"receptionist".to_owned()), "still open");

    // A posting past its closing date does not reopen.
    let mut dated = draft("seasonal");
    dated["closes_on"] = json!(app.state.clock.today().add_days(2).unwrap().to_string());
    let (status, _) = send(&app, Method::POST, "postings", &admin, Some(&dated)).await;
    assert_eq!(status, 201);
    let response = app.client.post(app.url("/api/test/clock?advance_days=3")).send().await.unwrap();
    assert!(response.status().is_success());
    let (status, body) =
        send(&app, Method::POST, "postings/seasonal/status", &admin, Some(&json!({"status": "open"}))).await;
    assert_eq!((status.as_u16(), error_of(&body)), (400, ("in_the_past".into(), Some("closes_on".into()))));
    let (_, theirs) = send(&app, Method::GET, "postings", &other, None).await;
    assert_eq!(theirs, json!([]));
}

async fn admins_keep_the_company_settings_and_careers_pages_follow(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.token_with_role(Role::Admin).await;
    let (status, mut settings) = send(&app, Method::GET, "company", &admin, None).await;
    assert_eq!(status, 200);
    assert_eq!(settings["origins"], json!([app.allowed_origin]));
    assert_eq!(settings["silence_alarm_days"], 7);

    // Bad settings name their field and change nothing.
    for (field, value, at) in [
        ("retention_days", json!(7), "retention_days"),
        ("silence_alarm_days", json!(0), "silence_alarm_days"),
        ("origins", json!(["careers.example.com"]), "origins[0]"),
        ("name", json!(" "), "name"),
    ] {
        let mut bad = settings.clone();
        bad[field] = value;
        let (status, body) = send(&app, Method::PUT, "company", &admin, Some(&bad)).await;
        assert_eq!((status.as_u16(), error_of(&body).1.as_deref()), (400, Some(at)), "{field}");
    }
    let mut bad = settings.clone();
    bad["branding"]["accent_color"] = json!("red");
    let (status, _) = send(&app, Method::PUT, "company", &admin, Some(&bad)).await;
    assert_eq!(status, 400);
    // A colour white text can't be read on is refused in words, and nothing changes.
    bad["branding"]["accent_color"] = json!("#FDE047");
    let (status, body) = send(&app, Method::PUT, "company", &admin, Some(&bad)).await;
    assert_eq!((status.as_u16(), error_of(&body)), (400, ("low_contrast".into(), Some("accent_color".into()))));
    assert!(body["error"]["message"].as_str().unwrap().contains("4.5:1"), "{body}");
    let (_, unchanged) = send(&app, Method::GET, "company", &admin, None).await;
    assert_eq!(unchanged["branding"]["accent_color"], settings["branding"]["accent_color"]);
    // Just readable (4.5:1 on the widget's grey notices): accepted.
    let mut borderline = settings.clone();
    borderline["branding"]["accent_color"] = json!("#a16207");
    let (status, saved) = send(&app, Method::PUT, "company", &admin, Some(&borderline)).await;
    assert_eq!((status.as_u16(), saved["branding"]["accent_color"].as_str()), (200, Some("#a16207")), "{saved}");

    // A new look, language, period and origin list, seen by careers pages at once.
    settings["name"] = json!("Northwind Dental Group");
    settings["branding"] =
        json!({"accent_color": "#7C3AED", "font_family": "Georgia, serif", "logo_url": "https://cdn.example/logo.svg"});
    settings["default_locale"] = json!("fi");
    settings["retention_days"] = json!(365);
    settings["silence_alarm_days"] = json!(3);
    settings["origins"] = json!(["https://careers.northwind.example/"]);
    let (status, saved) = send(&app, Method::PUT, "company", &admin, Some(&settings)).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["branding"]["accent_color"], "#7c3aed");
    assert_eq!(saved["origins"], json!(["https://careers.northwind.example"]));
    let (_, public) = app.api(&format!("companies/{COMPANY}")).await;
    assert_eq!(public["name"], "Northwind Dental Group");
    assert_eq!(public["branding"]["font_family"], "Georgia, serif");
    assert_eq!((public["default_locale"].as_str(), public["retention_days"].as_u64()), (Some("fi"), Some(365)));
    let (_, inbox) = send(&app, Method::GET, "inbox", &admin, None).await;
    assert_eq!(inbox["silence_alarm_days"], 3);
    // Candor's own status page shows whose application it is, with the logo.
    let application = json!({
        "profile": {"name": "Aino Virtanen", "email": "aino@example.fi"},
        "answers": [{"key": "valvira", "value": {"yes_no": true}}, {"key": "languages", "value": {"text": "Finnish"}}],
        "consent": {"data_processing": true}
    });
    let (_, ack) = json(app.apply("dental-hygienist", "settings-logo-application", &application).await).await;
    let (_, status) = app.status(ack["status_token"].as_str().unwrap()).await;
    assert_eq!(
        (status["company"]["name"].as_str(), status["company"]["logo_url"].as_str()),
        (Some("Northwind Dental Group"), Some("https://cdn.example/logo.svg"))
    );

    // The removed origin is refused from now on; the new one is allowed.
    let path = format!("/api/v1/companies/{COMPANY}/postings");
    let allowed = |origin: String| {
        let request = app.client.get(app.url(&path)).header(header::ORIGIN, origin);
        async move { request.send().await.unwrap().headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_some() }
    };
    assert!(!allowed(app.allowed_origin.clone()).await, "the old origin is refused");
    assert!(allowed("https://careers.northwind.example".into()).await);

    // Everyone of the company reads the settings; only admins change them.
    let viewer = app.token_with_role(Role::Viewer).await;
    let (status, read) = send(&app, Method::GET, "company", &viewer, None).await;
    assert_eq!((status.as_u16(), &read), (200, &saved));
    let (status, body) = send(&app, Method::PUT, "company", &app.recruiter_token, Some(&settings)).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (403, "forbidden"));
}

const PASSWORD: &str = "northwind-demo-2026";

fn token_of(link: &Value) -> String {
    let path = link["path"].as_str().unwrap();
    path.strip_prefix("/console/#set-password=").expect("a console link with its secret after #").to_owned()
}

async fn set_password(app: &TestApp, token: &str, password: &str) -> (StatusCode, Value) {
    let response = app
        .client
        .post(app.url("/console/api/password"))
        .json(&json!({"token": token, "password": password}))
        .send()
        .await
        .unwrap();
    if response.status() == StatusCode::NO_CONTENT {
        return (StatusCode::NO_CONTENT, Value::Null);
    }
    json(response).await
}

async fn admins_invite_people_who_set_their_own_password(backend: Backend) {
    let app = spawn_app_with(backend, |args| args.test_clock = true).await;
    let admin = app.sign_in("admin@northwind.example", PASSWORD).await.expect("the demo admin signs in");

    let (status, people) = as_person(&app, Method::GET, "people", &admin, None).await;
    assert_eq!(status, 200);
    let me = people.as_array().unwrap().iter().find(|p| p["is_you"] == true).expect("the admin is listed as themself");
    assert_eq!((me["email"].as_str(), me["password_set"].as_bool()), (Some("admin@northwind.example"), Some(true)));
    let my_id = me["id"].as_i64().unwrap();

    // An invitation: no password from the admin, a link shown once instead.
    let (status, body) = as_person(
        &app,
        Method::POST,
        "people",
        &admin,
        Some(&json!({"email": "not an address", "name": "Ada", "role": "recruiter"})),
    )
    .await;
    assert_eq!((status.as_u16(), error_of(&body).1.as_deref()), (400, Some("email")));
    let invite = json!({"email": "Ada@Northwind.example", "name": "Ada Lovelace", "role": "recruiter"});
    let (status, link) = as_person(&app, Method::POST, "people", &admin, Some(&invite)).await;
    assert_eq!(status, 201, "{link}");
    assert_eq!(
        (link["person"]["email"].as_str(), link["person"]["password_set"].as_bool()),
        (Some("ada@northwind.example"), Some(false))
    );
    let (status, _) = as_person(&app, Method::POST, "people", &admin, Some(&invite)).await;
    assert_eq!(status, 409, "one account per address");
    let ada = link["person"]["id"].as_i64().unwrap();
    let first = token_of(&link);
    assert!(app.sign_in("ada@northwind.example", "").await.is_none(), "no password yet, no way in");

    // The link greets its owner (asked with the secret in the body, never
    // in a URL a log could keep); a forged one is unknown.
    let owner = |token: String| {
        let request = app.client.post(app.url("/console/api/password/owner")).json(&json!({"token": token}));
        async move { json(request.send().await.unwrap()).await }
    };
    let (status, whose) = owner(first.clone()).await;
    assert_eq!(
        (status.as_u16(), whose["email"].as_str(), whose["company_name"].as_str()),
        (200, Some("ada@northwind.example"), Some("Northwind Dental"))
    );
    // One character of the secret part changed, always to a different one.
    let mut forged: Vec<char> = first.chars().collect();
    let at = forged.len() - 8;
    forged[at] = if forged[at] == 'A' { 'B' } else { 'A' };
    let forged: String = forged.into_iter().collect();
    let (status, body) = owner(forged).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (404, "link_not_found"));

    // A new link replaces the first; the first then is unknown.
    let (status, second) = as_person(&app, Method::POST, &format!("people/{ada}/link"), &admin, None).await;
    assert_eq!(status, 200);
    let second = token_of(&second);
    let (status, _) = set_password(&app, &first, "a long enough passphrase").await;
    assert_eq!(status, 404);

    let (status, body) = set_password(&app, &second, "short").await;
    assert_eq!((status.as_u16(), error_of(&body)), (400, ("too_short".into(), Some("password".into()))));
    let (status, _) = set_password(&app, &second, "ada's own long passphrase").await;
    assert_eq!(status, 204);
    let ada_session = app.sign_in("ada@northwind.example", "ada's own long passphrase").await.expect("Ada signs in");
    let (status, _) = set_password(&app, &second, "someone else's passphrase").await;
    assert_eq!(status, 404, "a link works once");

    // Changes from a session need its CSRF token.
    let response = app
        .client
        .put(app.url(&format!("/api/v1/recruiter/people/{ada}/role")))
        .header(header::COOKIE, &admin.0)
        .json(&json!({"role": "admin"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403, "no CSRF token, no change");

    // Roles change on the server at once; admins cannot lock themselves out.
    let (status, changed) =
        as_person(&app, Method::PUT, &format!("people/{ada}/role"), &admin, Some(&json!({"role": "viewer"}))).await;
    assert_eq!((status.as_u16(), changed["role"].as_str()), (200, Some("viewer")));
    let (status, _) =
        as_person(&app, Method::POST, "messages/check", &ada_session, Some(&json!({"message": "Hello there"}))).await;
    assert_eq!(status, 403, "Ada is a viewer now");
    let (status, body) =
        as_person(&app, Method::PUT, &format!("people/{my_id}/role"), &admin, Some(&json!({"role": "viewer"}))).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (409, "own_account"));
    let (status, _) = as_person(&app, Method::DELETE, &format!("people/{my_id}"), &admin, None).await;
    assert_eq!(status, 409);

    // A link for a forgotten password ends the sessions the person had.
    let (_, reset) = as_person(&app, Method::POST, &format!("people/{ada}/link"), &admin, None).await;
    let (status, _) = set_password(&app, &token_of(&reset), "ada's second passphrase").await;
    assert_eq!(status, 204);
    let (status, _) = as_person(&app, Method::GET, "inbox", &ada_session, None).await;
    assert_eq!(status, 401, "the old session ended with the reset");

    // Links expire after three days.
    let (_, late) = as_person(&app, Method::POST, &format!("people/{ada}/link"), &admin, None).await;
    let response = app.client.post(app.url("/api/test/clock?advance_days=4")).send().await.unwrap();
    assert!(response.status().is_success());
    let (status, body) = set_password(&app, &token_of(&late), "too late for this one").await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (410, "link_expired"));

    // Removing someone ends their access; other companies' people are out of reach.
    let admin = app.sign_in("admin@northwind.example", PASSWORD).await.expect("a fresh session after the clock moved");
    let ada_session =
        app.sign_in("ada@northwind.example", "ada's second passphrase").await.expect("Ada signs in again");
    let other = app.another_company_token("contoso").await;
    for (method, path, body) in [
        (Method::DELETE, format!("people/{ada}"), None),
        (Method::PUT, format!("people/{ada}/role"), Some(json!({"role": "admin"}))),
        (Method::POST, format!("people/{ada}/link"), None),
    ] {
        let (status, body) = send(&app, method.clone(), &path, &other, body.as_ref()).await;
        assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (404, "person_not_found"), "{method} {path}");
    }
    let (_, theirs) = send(&app, Method::GET, "people", &other, None).await;
    assert_eq!(theirs, json!([]), "another company's admin lists none of Northwind's people");
    let (status, _) = as_person(&app, Method::DELETE, &format!("people/{ada}"), &admin, None).await;
    assert_eq!(status, 204);
    let (status, _) = as_person(&app, Method::GET, "inbox", &ada_session, None).await;
    assert_eq!(status, 401);
    assert!(app.sign_in("ada@northwind.example", "ada's second passphrase").await.is_none());
    let (status, _) = as_person(&app, Method::DELETE, &format!("people/{ada}"), &admin, None).await;
    assert_eq!(status, 404);

    // An admin token cannot leave the company without an admin either.
    let token = app.token_with_role(Role::Admin).await;
    let (status, body) =
        send(&app, Method::PUT, &format!("people/{my_id}/role"), &token, Some(&json!({"role": "recruiter"}))).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (409, "last_admin"));
    let (status, body) = send(&app, Method::DELETE, &format!("people/{my_id}"), &token, None).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (409, "last_admin"));
    // With a second admin, the first may step down.
    let (_, second) = send(
        &app,
        Method::POST,
        "people",
        &token,
        Some(&json!({"email": "second@northwind.example", "name": "Second Admin", "role": "admin"})),
    )
    .await;
    let (status, _) =
        send(&app, Method::PUT, &format!("people/{my_id}/role"), &token, Some(&json!({"role": "recruiter"}))).await;
    assert_eq!(status, 200);
    let second = second["person"]["id"].as_i64().unwrap();
    let (status, _) = send(&app, Method::DELETE, &format!("people/{second}"), &token, None).await;
    assert_eq!(status, 409, "now the second is the last admin");
}

/// Signs in with `body` as it is: the status, the answer, and the session
/// (cookie and CSRF token) if one was made.
async fn log_in(app: &TestApp, body: Value) -> (StatusCode, Value, Option<(String, String)>) {
    let response = app.client.post(app.url("/console/api/login")).json(&body).send().await.unwrap();
    let cookie =
        response.headers().get(header::SET_COOKIE).map(|c| c.to_str().unwrap().split(';').next().unwrap().to_owned());
    let (status, body) = json(response).await;
    let session = cookie.map(|cookie| (cookie, body["csrf_token"].as_str().unwrap().to_owned()));
    (status, body, session)
}

async fn an_address_two_companies_invite_is_two_accounts_each_its_own(backend: Backend) {
    let app = spawn_app_with(backend, |args| args.test_clock = true).await;
    let northwind = app.token_with_role(Role::Admin).await;
    let harbour = app.another_company_token("harbour").await;
    let alex = "admin@northwind.example";

    // Harbour invites an address Northwind uses and one no one uses: it
    // can't tell them apart, nor take the address from Northwind.
    let invite = |email: &str| json!({"email": email, "name": "Alex Agent", "role": "recruiter"});
    let (status, used) = send(&app, Method::POST, "people", &harbour, Some(&invite(alex))).await;
    let (unused_status, unused) =
        send(&app, Method::POST, "people", &harbour, Some(&invite("nobody-yet@northwind.example"))).await;
    assert_eq!((status.as_u16(), unused_status.as_u16()), (201, 201), "{used} {unused}");
    let alike = |link: &Value| {
        let mut link = link.clone();
        link["person"]["id"] = Value::Null;
        link["person"]["email"] = Value::Null;
        link["path"] = json!(link["path"].as_str().unwrap().split('=').next());
        // The clock may tick between the two.
        link["expires_at"] = json!(link["expires_at"].is_string());
        link
    };
    assert_eq!(alike(&used), alike(&unused), "answered alike");
    let (status, body) = send(&app, Method::POST, "people", &harbour, Some(&invite("Admin@Northwind.example"))).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (409, "conflict"), "twice in one company");
    let (status, _) = send(&app, Method::POST, "people", &northwind, Some(&invite(alex))).await;
    assert_eq!(status, 409, "Northwind has it already");
    let (_, listed) = send(&app, Method::GET, "people", &northwind, None).await;
    let northwinds: Vec<&Value> = listed.as_array().unwrap().iter().filter(|p| p["email"] == alex).collect();
    assert_eq!(northwinds.len(), 1);
    assert_eq!(northwinds[0]["name"], "Maria Admin", "Northwind's account is untouched");

    // With the same password for both, signing in asks which company, and
    // makes no session until the person says.
    let (status, _) = set_password(&app, &token_of(&used), PASSWORD).await;
    assert_eq!(status, 204);
    let (status, answer, session) = log_in(&app, json!({"email": alex, "password": PASSWORD})).await;
    assert_eq!(status, 200);
    assert!(session.is_none(), "no session before the choice");
    assert_eq!(
        answer,
        json!({"choose_company": [
            {"slug": "harbour", "name": "harbour"},
            {"slug": "northwind", "name": "Northwind Dental"}
        ]})
    );
    let (status, at_harbour, harbour_session) =
        log_in(&app, json!({"email": alex, "password": PASSWORD, "company": "harbour"})).await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            at_harbour["user"]["company"].as_str(),
            at_harbour["user"]["role"].as_str(),
            at_harbour["user"]["name"].as_str()
        ),
        (Some("harbour"), Some("recruiter"), Some("Alex Agent"))
    );
    let (_, at_northwind, northwind_session) =
        log_in(&app, json!({"email": alex, "password": PASSWORD, "company": "northwind"})).await;
    assert_eq!(
        (at_northwind["user"]["company"].as_str(), at_northwind["user"]["role"].as_str()),
        (Some("northwind"), Some("admin"))
    );
    let (harbour_session, northwind_session) = (harbour_session.unwrap(), northwind_session.unwrap());

    // Each session is its own company's and role's.
    let (_, postings) = as_person(&app, Method::GET, "postings", &harbour_session, None).await;
    assert_eq!(postings, json!([]), "none of Northwind's postings");
    let (_, postings) = as_person(&app, Method::GET, "postings", &northwind_session, None).await;
    assert!(!postings.as_array().unwrap().is_empty());
    let (status, _) = as_person(&app, Method::GET, "people", &harbour_session, None).await;
    assert_eq!(status, 403, "a recruiter at Harbour, whatever Alex is at Northwind");
    let (status, _) = as_person(&app, Method::GET, "people", &northwind_session, None).await;
    assert_eq!(status, 200);

    // A company whose account has another password is never offered: the
    // password that opens one account signs in to it straight away.
    let harbour_alex = used["person"]["id"].as_i64().unwrap();
    let (_, reset) = send(&app, Method::POST, &format!("people/{harbour_alex}/link"), &harbour, None).await;
    assert_eq!(set_password(&app, &token_of(&reset), "alex's harbour passphrase").await.0, 204);
    let (_, answer, session) = log_in(&app, json!({"email": alex, "password": PASSWORD})).await;
    assert_eq!((answer["user"]["company"].as_str(), session.is_some()), (Some("northwind"), true), "{answer}");
    let (_, answer, _) = log_in(&app, json!({"email": alex, "password": "alex's harbour passphrase"})).await;
    assert_eq!(answer["user"]["company"], "harbour");

    // Naming a company whose account the password doesn't open, or no such
    // company, is the same wrong password; a name that can't be one, bad input.
    for company in ["harbour", "nowhere"] {
        let (status, body, session) =
            log_in(&app, json!({"email": alex, "password": PASSWORD, "company": company})).await;
        assert_eq!((status.as_u16(), error_of(&body).0.as_str(), session), (401, "invalid_credentials", None));
    }
    let (status, _, _) = log_in(&app, json!({"email": alex, "password": PASSWORD, "company": "Not a slug!"})).await;
    assert_eq!(status, 400);

    // Removing one account leaves the other.
    let (status, _) = send(&app, Method::DELETE, &format!("people/{harbour_alex}"), &harbour, None).await;
    assert_eq!(status, 204);
    let (status, _, _) = log_in(&app, json!({"email": alex, "password": "alex's harbour passphrase"})).await;
    assert_eq!(status, 401);
    let (status, _) = as_person(&app, Method::GET, "inbox", &harbour_session, None).await;
    assert_eq!(status, 401, "its session ended with it");
    let (status, _) = as_person(&app, Method::GET, "inbox", &northwind_session, None).await;
    assert_eq!(status, 200);
}

/// Every action of the recruiter API, with the least role that may take it.
/// Each is tried with a token of every role: a role below gets 403 and
/// changes nothing; a role at or above gets past the role check.
async fn every_role_meets_its_limits_on_every_action(backend: Backend) {
    let app = spawn_app(backend).await;
    let tokens = [Role::Viewer, Role::Recruiter, Role::Admin];
    let mut by_role = Vec::new();
    for role in tokens {
        by_role.push((role, app.token_with_role(role).await));
    }
    let admin = &by_role[2].1;
    // Something to act on: an application, a question, a posting, a token, a person.
    let application = json!({
        "profile": {"name": "Aino Virtanen", "email": "aino@example.fi"},
        "answers": [{"key": "valvira", "value": {"yes_no": true}}, {"key": "languages", "value": {"text": "Finnish"}}],
        "consent": {"data_processing": true}
    });
    assert_eq!(app.apply("dental-hygienist", "role-matrix-application", &application).await.status(), 201);
    let (_, list) = send(&app, Method::GET, "postings/dental-hygienist/applications", admin, None).await;
    let id = list[0]["id"].as_i64().unwrap();
    assert_eq!(app.ask("dental-hygienist", &json!({"text": "Is there parking nearby?"})).await.0, 201);
    let (_, inbox) = send(&app, Method::GET, "inbox", admin, None).await;
    let question = inbox["questions"][0]["id"].as_i64().unwrap();
    let (_, settings) = send(&app, Method::GET, "company", admin, None).await;

    let v = Role::Viewer;
    let r = Role::Recruiter;
    let a = Role::Admin;
    let in_days = app.state.clock.today().add_days(5).unwrap().to_string();
    let actions: Vec<(Role, Method, String, Option<Value>)> = vec![
        (v, Method::GET, "inbox".into(), None),
        (v, Method::GET, "metrics".into(), None),
        (v, Method::GET, "questions".into(), None),
        (v, Method::GET, "postings".into(), None),
        (v, Method::GET, "postings/dental-hygienist".into(), None),
        (v, Method::GET, "postings/dental-hygienist/applications".into(), None),
        (v, Method::GET, format!("applications/{id}"), None),
        (v, Method::GET, "company".into(), None),
        (r, Method::POST, "messages/check".into(), Some(json!({"message": "Thank you"}))),
        (r, Method::POST, format!("applications/{id}/messages"), Some(json!({"message": "We read it today."}))),
        (
            r,
            Method::POST,
            format!("applications/{id}/stage"),
            Some(json!({"stage": 1, "message": "Let's talk.", "promised": in_days})),
        ),
        (r, Method::POST, format!("questions/{question}/answer"), Some(json!({"answer": "Yes, behind the clinic."}))),
        (
            r,
            Method::POST,
            format!("applications/{id}/close"),
            Some(json!({"outcome": "hired", "message": "Welcome aboard, Aino!"})),
        ),
        (a, Method::GET, "tokens".into(), None),
        (a, Method::POST, "tokens".into(), Some(json!({"name": "Matrix", "role": "viewer"}))),
        (a, Method::GET, "people".into(), None),
        (
            a,
            Method::POST,
            "people".into(),
            Some(json!({"email": "matrix@northwind.example", "name": "Matrix", "role": "viewer"})),
        ),
        (a, Method::PUT, "company".into(), Some(settings)),
        (a, Method::POST, "postings".into(), Some(draft("matrix"))),
        (a, Method::PUT, "postings/matrix".into(), Some(draft("matrix"))),
        (a, Method::POST, "postings/matrix/status".into(), Some(json!({"status": "open"}))),
    ];
    for (least, method, path, body) in &actions {
        for (role, token) in &by_role {
            let (status, answer) = send(&app, method.clone(), path, token, body.as_ref()).await;
            if role < least {
                assert_eq!(
                    (status.as_u16(), error_of(&answer).0.as_str()),
                    (403, "forbidden"),
                    "{role:?} {method} {path}"
                );
                // The refusal says what it takes: an admin, or a role that acts.
                let expected = if *least == a {
                    "only the company's admins may do this"
                } else {
                    "this role may read but not act"
                };
                assert_eq!(answer["error"]["message"], expected, "{role:?} {method} {path}");
            } else {
                assert!(status != 403 && status != 401, "{role:?} {method} {path}: {status} {answer}");
            }
        }
    }
    // Actions on a person and a token need a target of their own per try.
    for (role, token) in &by_role {
        let (_, link) = send(
            &app,
            Method::POST,
            "people",
            admin,
            Some(&json!({"email": format!("{}@x.example", role.as_str()), "name": "Target", "role": "viewer"})),
        )
        .await;
        let person = link["person"]["id"].as_i64().unwrap();
        let (_, created) =
            send(&app, Method::POST, "tokens", admin, Some(&json!({"name": "Target", "role": "viewer"}))).await;
        let target = created["info"]["id"].as_i64().unwrap();
        for (method, path, body) in [
            (Method::POST, format!("people/{person}/link"), None),
            (Method::PUT, format!("people/{person}/role"), Some(json!({"role": "recruiter"}))),
            (Method::DELETE, format!("people/{person}"), None),
            (Method::DELETE, format!("tokens/{target}"), None),
        ] {
            let (status, _) = send(&app, method.clone(), &path, token, body.as_ref()).await;
            if *role < Role::Admin {
                assert_eq!(status, 403, "{role:?} {method} {path}");
            } else {
                assert!(status.is_success(), "{role:?} {method} {path}: {status}");
            }
        }
    }
    // Declining needs a question of its own, as answering settled the first.
    assert_eq!(app.ask("dental-hygienist", &json!({"text": "Buy cheap watches here!!"})).await.0, 201);
    let (_, inbox) = send(&app, Method::GET, "inbox", admin, None).await;
    let spam = inbox["questions"][0]["id"].as_i64().unwrap();
    let decline = json!({"reason": "spam", "message": "This is not about the position."});
    let (status, _) =
        send(&app, Method::POST, &format!("questions/{spam}/decline"), &by_role[0].1, Some(&decline)).await;
    assert_eq!(status, 403);
    let (status, _) =
        send(&app, Method::POST, &format!("questions/{spam}/decline"), &by_role[1].1, Some(&decline)).await;
    assert_eq!(status, 200);
}

async fn tokens_end_with_the_access_of_whoever_made_them(backend: Backend) {
    let app = spawn_app(backend).await;
    let maria = app.sign_in("admin@northwind.example", PASSWORD).await.expect("the demo admin signs in");
    let (_, link) = as_person(
        &app,
        Method::POST,
        "people",
        &maria,
        Some(&json!({"email": "tove@northwind.example", "name": "Tove", "role": "admin"})),
    )
    .await;
    let tove_id = link["person"]["id"].as_i64().unwrap();
    let (status, _) = set_password(&app, &token_of(&link), "tove's long passphrase").await;
    assert_eq!(status, 204);
    let tove = app.sign_in("tove@northwind.example", "tove's long passphrase").await.expect("Tove signs in");
    let (_, admin_token) =
        as_person(&app, Method::POST, "tokens", &tove, Some(&json!({"name": "Tove's sync", "role": "admin"}))).await;
    let (_, viewer_token) =
        as_person(&app, Method::POST, "tokens", &tove, Some(&json!({"name": "Tove's dashboard", "role": "viewer"})))
            .await;
    assert_eq!(viewer_token["info"]["made_by"], "Tove", "the list says whose it is");
    let works = |token: Value| {
        let request = app.recruiter(Method::GET, "inbox", token.as_str().unwrap());
        async move { request.send().await.unwrap().status().as_u16() }
    };
    assert_eq!((works(admin_token["token"].clone()).await, works(viewer_token["token"].clone()).await), (200, 200));

    // Made a recruiter: her admin token would outrank her, and ends; the viewer token stays.
    let (status, _) =
        as_person(&app, Method::PUT, &format!("people/{tove_id}/role"), &maria, Some(&json!({"role": "recruiter"})))
            .await;
    assert_eq!(status, 200);
    assert_eq!((works(admin_token["token"].clone()).await, works(viewer_token["token"].clone()).await), (401, 200));

    // Removed: everything she made ends with her. Tokens nobody made stay.
    let (status, _) = as_person(&app, Method::DELETE, &format!("people/{tove_id}"), &maria, None).await;
    assert_eq!(status, 204);
    assert_eq!(works(viewer_token["token"].clone()).await, 401);
    assert_eq!(works(json!(app.recruiter_token)).await, 200, "the demo's token has no maker");
    let (_, tokens) = as_person(&app, Method::GET, "tokens", &maria, None).await;
    let revoked: Vec<&str> = tokens
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["revoked_at"].is_string())
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(revoked.len(), 2, "both listed as revoked, for the record: {tokens}");

    // A refused removal (the last admin) revokes nothing.
    let token = app.token_with_role(Role::Admin).await;
    let my_id = as_person(&app, Method::GET, "people", &maria, None)
        .await
        .1
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["is_you"] == true)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let (_, mine) =
        as_person(&app, Method::POST, "tokens", &maria, Some(&json!({"name": "Maria's", "role": "viewer"}))).await;
    let (status, _) = send(&app, Method::DELETE, &format!("people/{my_id}"), &token, None).await;
    assert_eq!(status, 409);
    assert_eq!(works(mine["token"].clone()).await, 200);
}
