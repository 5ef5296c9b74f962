//! Signing in to the console: argon2id passwords, a session cookie, CSRF on
//! every state-changing request, roles enforced on the server.

use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, error_of, json, spawn_app_with};

crate::on_both_backends!(
    a_person_signs_in_works_with_their_role_and_signs_out,
    a_fresh_install_gets_its_company_and_first_admin_from_the_command_line,
    admins_create_list_and_revoke_api_tokens,
    only_failed_sign_ins_count_against_the_limit,
    a_viewer_is_refused_what_it_may_not_do_before_its_body_is_read,
    an_invitation_is_checked_in_the_forms_order,
    every_console_view_has_an_address_that_serves_the_console,
    each_person_reads_the_console_in_their_own_language,
    an_address_two_companies_use_signs_in_to_the_one_chosen,
);

const PASSWORD: &str = "northwind-demo-2026";

/// Signs in; returns the cookie to send and the CSRF token.
async fn sign_in(app: &TestApp, email: &str, password: &str) -> Result<(String, String, Value), (StatusCode, Value)> {
    let response = app
        .client
        .post(app.url("/console/api/login"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap();
    let set_cookie = response.headers().get(header::SET_COOKIE).map(|v| v.to_str().unwrap().to_owned());
    let (status, body) = json(response).await;
    if status != 200 {
        assert!(set_cookie.is_none(), "no session for a refused sign-in");
        return Err((status, body));
    }
    let set_cookie = set_cookie.expect("a session cookie");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"] {
        assert!(set_cookie.contains(attribute), "{attribute} in {set_cookie}");
    }
    assert!(!set_cookie.contains("Secure"), "plain http on loopback: {set_cookie}");
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    Ok((cookie, body["csrf_token"].as_str().unwrap().to_owned(), body))
}

fn as_person(app: &TestApp, method: Method, path: &str, cookie: &str, csrf: Option<&str>) -> reqwest::RequestBuilder {
    let mut request = app.client.request(method, app.url(path)).header(header::COOKIE, cookie);
    if let Some(csrf) = csrf {
        request = request.header("X-CSRF-Token", csrf);
    }
    request
}

async fn a_person_signs_in_works_with_their_role_and_signs_out(backend: Backend) {
    let app = spawn_app_with(backend, |args| args.test_clock = true).await;
    // The demo says who may sign in.
    let logins = "console logins:  admin@northwind.example, recruiter@northwind.example, viewer@northwind.example \
                  (password northwind-demo-2026)";
    assert!(app.addresses.contains(logins), "{}", app.addresses);
    for (email, password) in [
        ("recruiter@northwind.example", "wrong password!"),
        ("nobody@northwind.example", PASSWORD),
        ("RECRUITER@northwind.example", ""),
    ] {
        let (status, body) = sign_in(&app, email, password).await.unwrap_err();
        assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (401, "invalid_credentials"), "{email}");
    }
    let (status, body) =
        json(app.client.post(app.url("/console/api/login")).json(&json!({"email": 1})).send().await.unwrap()).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (400, "malformed_json"));

    // E-mail addresses are compared case-insensitively.
    let (cookie, csrf, me) = sign_in(&app, " Recruiter@Northwind.example", PASSWORD).await.unwrap();
    assert_eq!(me["user"]["role"], "recruiter");
    assert_eq!(me["user"]["company"], "northwind");
    let (status, session) =
        json(as_person(&app, Method::GET, "/console/api/session", &cookie, None).send().await.unwrap()).await;
    assert_eq!((status.as_u16(), &session["csrf_token"]), (200, &json!(csrf)));

    // The recruiter API answers the signed-in person; changes need the CSRF token.
    let (status, _) =
        json(as_person(&app, Method::GET, "/api/v1/recruiter/inbox", &cookie, None).send().await.unwrap()).await;
    assert_eq!(status, 200);
    let check = json!({"message": "Thank you for applying."});
    for bad in [None, Some("not-the-token")] {
        let (status, body) = json(
            as_person(&app, Method::POST, "/api/v1/recruiter/messages/check", &cookie, bad)
                .json(&check)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (403, "csrf_rejected"), "{bad:?}");
    }
    let (status, _) = json(
        as_person(&app, Method::POST, "/api/v1/recruiter/messages/check", &cookie, Some(&csrf))
            .json(&check)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);

    // A viewer reads but may not act, whatever the client shows.
    let response = app
        .client
        .post(app.url("/api/v1/companies/northwind/postings/dental-hygienist/questions"))
        .json(&json!({"text": "Is there parking nearby?"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let (viewer, viewer_csrf, _) = sign_in(&app, "viewer@northwind.example", PASSWORD).await.unwrap();
    let (_, inbox) =
        json(as_person(&app, Method::GET, "/api/v1/recruiter/inbox", &viewer, None).send().await.unwrap()).await;
    let question = inbox["questions"][0]["id"].as_i64().unwrap();
    let answer = json!({"answer": "Yes, behind the clinic."});
    let (status, body) = json(
        as_person(
            &app,
            Method::POST,
            &format!("/api/v1/recruiter/questions/{question}/answer"),
            &viewer,
            Some(&viewer_csrf),
        )
        .json(&answer)
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (403, "forbidden"));
    let (status, _) = json(
        as_person(&app, Method::POST, &format!("/api/v1/recruiter/questions/{question}/answer"), &cookie, Some(&csrf))
            .json(&answer)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "the recruiter may");

    // Signing out ends the session; it needs the CSRF token too.
    let (status, _) =
        json(as_person(&app, Method::POST, "/console/api/logout", &cookie, None).send().await.unwrap()).await;
    assert_eq!(status, 403);
    let response = as_person(&app, Method::POST, "/console/api/logout", &cookie, Some(&csrf)).send().await.unwrap();
    assert_eq!(response.status(), 204);
    assert!(
        response.headers()[header::SET_COOKIE].to_str().unwrap().contains("candor_session="),
        "the cookie is cleared"
    );
    let (status, body) =
        json(as_person(&app, Method::GET, "/console/api/session", &cookie, None).send().await.unwrap()).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (401, "unauthorized"));

    // Sessions expire after 12 hours.
    let (status, _) =
        json(as_person(&app, Method::GET, "/console/api/session", &viewer, None).send().await.unwrap()).await;
    assert_eq!(status, 200);
    let response = app.client.post(app.url("/api/test/clock?advance_days=1")).send().await.unwrap();
    assert_eq!(response.status(), 204);
    let (status, _) =
        json(as_person(&app, Method::GET, "/console/api/session", &viewer, None).send().await.unwrap()).await;
    assert_eq!(status, 401);
    // A forged or altered cookie is just as unknown.
    for forged in ["candor_session=s_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "candor_session=nonsense"] {
        let (status, _) =
            json(as_person(&app, Method::GET, "/console/api/session", forged, None).send().await.unwrap()).await;
        assert_eq!(status, 401, "{forged}");
    }
}

async fn a_fresh_install_gets_its_company_and_first_admin_from_the_command_line(backend: Backend) {
    let app = spawn_app_with(backend, |_| {}).await;
    let created = app.candor_admin(
        &[
            "company",
            "create",
            "--slug",
            "acme-dental",
            "--name",
            "Acme Dental",
            "--origin",
            "https://careers.acme.example",
        ],
        "",
    );
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    let again = app.candor_admin(&["company", "create", "--slug", "acme-dental", "--name", "Acme again"], "");
    assert!(!again.status.success(), "a slug is taken once");
    let bad_origin = app
        .candor_admin(&["company", "create", "--slug", "other", "--name", "Other", "--origin", "careers.example"], "");
    assert!(!bad_origin.status.success());

    // The command line keeps the API's rules: a name of 81 characters is
    // refused by both, one of 80 taken by both; a retention outside 30 to
    // 1,095 days too.
    let long_name = "N".repeat(81);
    let too_long = app.candor_admin(&["company", "create", "--slug", "long", "--name", &long_name], "");
    assert!(!too_long.status.success());
    assert!(String::from_utf8_lossy(&too_long.stderr).contains("--name: must be at most 80 characters"));
    let brief =
        app.candor_admin(&["company", "create", "--slug", "brief", "--name", "Brief", "--retention-days", "7"], "");
    assert!(String::from_utf8_lossy(&brief.stderr).contains("--retention-days: must be from 30 to 1095"));
    let person = |name: &str| {
        app.candor_admin(
            &["user", "create", "--company", "acme-dental", "--email", "long@acme.example", "--name", name],
            "a long enough passphrase\n",
        )
    };
    assert!(String::from_utf8_lossy(&person(&long_name).stderr).contains("--name: must be at most 80 characters"));
    assert!(person(&"N".repeat(80)).status.success());
    let (admin, csrf, _) = sign_in(&app, "admin@northwind.example", PASSWORD).await.unwrap();
    for (name, expected) in [(long_name.as_str(), 400), ("N".repeat(80).as_str(), 201)] {
        let invite = json!({"email": format!("{}@northwind.example", name.len()), "name": name, "role": "viewer"});
        let response = as_person(&app, Method::POST, "/api/v1/recruiter/people", &admin, Some(&csrf)).json(&invite);
        assert_eq!(response.send().await.unwrap().status(), expected, "{} characters", name.len());
    }

    let short = app.candor_admin(
        &["user", "create", "--company", "acme-dental", "--email", "boss@acme.example", "--name", "Bea Boss"],
        "short\n",
    );
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("password"));
    let user = app.candor_admin(
        &["user", "create", "--company", "acme-dental", "--email", "Boss@Acme.example", "--name", "Bea Boss"],
        "a long enough passphrase\n",
    );
    assert!(user.status.success(), "{}", String::from_utf8_lossy(&user.stderr));

    let (_, _, me) = sign_in(&app, "boss@acme.example", "a long enough passphrase").await.unwrap();
    assert_eq!((me["user"]["role"].as_str(), me["user"]["company"].as_str()), (Some("admin"), Some("acme-dental")));
    let (status, company) = app.api("companies/acme-dental").await;
    assert_eq!((status.as_u16(), company["name"].as_str()), (200, Some("Acme Dental")));
    // Its careers site may embed the widget.
    let response = app
        .client
        .get(app.url("/api/v1/companies/acme-dental"))
        .header("Origin", "https://careers.acme.example")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["access-control-allow-origin"], "https://careers.acme.example");
}

async fn admins_create_list_and_revoke_api_tokens(backend: Backend) {
    let app = spawn_app_with(backend, |_| {}).await;
    let (admin, csrf, _) = sign_in(&app, "admin@northwind.example", PASSWORD).await.unwrap();
    let (recruiter, recruiter_csrf, _) = sign_in(&app, "recruiter@northwind.example", PASSWORD).await.unwrap();
    let create = json!({"name": "ATS sync", "role": "viewer"});
    let (status, body) = json(
        as_person(&app, Method::POST, "/api/v1/recruiter/tokens", &recruiter, Some(&recruiter_csrf))
            .json(&create)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (403, "forbidden"), "only admins manage tokens");
    let (status, _) =
        json(as_person(&app, Method::GET, "/api/v1/recruiter/tokens", &recruiter, None).send().await.unwrap()).await;
    assert_eq!(status, 403);
    let (status, body) = json(
        as_person(&app, Method::POST, "/api/v1/recruiter/tokens", &admin, Some(&csrf))
            .json(&json!({"name": " ", "role": "viewer"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status.as_u16(), error_of(&body).1.as_deref()), (400, Some("name")));

    let (status, created) = json(
        as_person(&app, Method::POST, "/api/v1/recruiter/tokens", &admin, Some(&csrf))
            .json(&create)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let token = created["token"].as_str().unwrap().to_owned();
    assert!(token.starts_with("candor_"));
    let (status, _) = json(app.recruiter(Method::GET, "inbox", &token).send().await.unwrap()).await;
    assert_eq!(status, 200, "the new token works");
    let (_, list) =
        json(as_person(&app, Method::GET, "/api/v1/recruiter/tokens", &admin, None).send().await.unwrap()).await;
    assert_eq!(list[0]["name"], "ATS sync");
    assert_eq!(list[0]["role"], "viewer");
    assert!(!list.to_string().contains(&token[7..]), "the secret is shown once, never listed");

    let id = created["info"]["id"].as_i64().unwrap();
    let response = as_person(&app, Method::DELETE, &format!("/api/v1/recruiter/tokens/{id}"), &admin, Some(&csrf))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let (status, _) = json(app.recruiter(Method::GET, "inbox", &token).send().await.unwrap()).await;
    assert_eq!(status, 401, "revoked");
    let (_, list) =
        json(as_person(&app, Method::GET, "/api/v1/recruiter/tokens", &admin, None).send().await.unwrap()).await;
    assert!(list[0]["revoked_at"].is_string(), "kept for the record");
    let other = app.another_company_token("acme").await;
    let response = app.recruiter(Method::DELETE, &format!("tokens/{id}"), &other).send().await.unwrap();
    assert_eq!(response.status(), 404, "another company's token is not there for them");
}

async fn only_failed_sign_ins_count_against_the_limit(backend: Backend) {
    let app = spawn_app_with(backend, |args| {
        args.apply_burst = 2;
        args.apply_every_seconds = 600;
    })
    .await;
    // A person who signs in often is never locked out…
    for n in 0..4 {
        assert!(sign_in(&app, "admin@northwind.example", PASSWORD).await.is_ok(), "sign-in {n}");
    }
    // …but two wrong guesses spend the budget, and then even the right
    // password waits: past the budget a guess can't be told right or wrong.
    for _ in 0..2 {
        let (status, body) = sign_in(&app, "admin@northwind.example", "wrong guess").await.unwrap_err();
        assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (401, "invalid_credentials"));
    }
    let response = app
        .client
        .post(app.url("/console/api/login"))
        .json(&json!({"email": "admin@northwind.example", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    assert!(response.headers().contains_key(header::RETRY_AFTER));
    assert!(!response.headers().contains_key(header::SET_COOKIE));
}

async fn a_viewer_is_refused_what_it_may_not_do_before_its_body_is_read(backend: Backend) {
    let app = spawn_app_with(backend, |_| {}).await;
    let viewer = app.token_with_role(candor_api::recruiting::Role::Viewer).await;
    for (method, path) in [
        (Method::PUT, "company"),
        (Method::POST, "people"),
        (Method::POST, "postings"),
        (Method::PUT, "postings/dental-hygienist"),
        (Method::POST, "tokens"),
        // A viewer reads applications and questions but acts on none.
        (Method::POST, "applications/1/stage"),
        (Method::POST, "applications/1/messages"),
        (Method::POST, "applications/1/close"),
        (Method::POST, "messages/check"),
        (Method::POST, "questions/1/answer"),
        (Method::POST, "questions/1/decline"),
    ] {
        let response = app
            .recruiter(method.clone(), path, &viewer)
            .header(header::CONTENT_TYPE, "application/json")
            .body("{not json")
            .send()
            .await
            .unwrap();
        let (status, body) = json(response).await;
        assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (403, "forbidden"), "{method} {path}: {body}");
    }
}

async fn an_invitation_is_checked_in_the_forms_order(backend: Backend) {
    let app = spawn_app_with(backend, |_| {}).await;
    let admin = app.token_with_role(candor_api::recruiting::Role::Admin).await;
    let response = app
        .recruiter(Method::POST, "people", &admin)
        .json(&json!({"name": " ", "email": "not an address", "role": "viewer"}))
        .send()
        .await
        .unwrap();
    let (status, body) = json(response).await;
    assert_eq!((status.as_u16(), error_of(&body)), (400, ("required".into(), Some("name".into()))), "{body}");
}

/// Every console view has its own path, so a reload or a colleague's link
/// opens it: the page answers every path under /console/, except the
/// console's API and its files, which answer as they are (404 when missing).
async fn every_console_view_has_an_address_that_serves_the_console(backend: Backend) {
    let console = tempfile::tempdir().unwrap();
    let page = "<!DOCTYPE html><title>Candor console</title>";
    std::fs::write(console.path().join("index.html"), page).unwrap();
    std::fs::write(console.path().join("candor-console.js"), "export {};").unwrap();
    let dir = console.path().to_owned();
    let app = spawn_app_with(backend, |args| args.console_dir = Some(dir)).await;
    for path in [
        "/console/",
        "/console/applications/12",
        "/console/postings/dental-hygienist/board",
        "/console/postings/dental-hygienist/edit",
        "/console/postings/new",
        "/console/metrics",
        "/console/no-such-view",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert!(response.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"), "{path}");
        assert_eq!(response.text().await.unwrap(), page, "{path}");
    }
    let asset = app.get("/console/assets/candor-console.js").await;
    assert_eq!(asset.status(), 200);
    assert_eq!(asset.text().await.unwrap(), "export {};");
    assert_eq!(app.get("/console/assets/missing.js").await.status(), 404, "a missing file is not the page");
    let (status, body) = json(app.get("/console/api/no-such-thing").await).await;
    assert_eq!(status, 404, "the console's API answers in JSON, not with the page");
    assert_eq!(error_of(&body).0, "route_not_found");
    assert_eq!(app.get("/console/api/session").await.status(), 401, "its real routes still answer");
    let moved = app.client.get(app.url("/console")).send().await.unwrap();
    assert_eq!(moved.url().path(), "/console/", "redirected to the page");
}

async fn each_person_reads_the_console_in_their_own_language(backend: Backend) {
    let app = spawn_app_with(backend, |_| {}).await;
    let (cookie, csrf, me) = sign_in(&app, "recruiter@northwind.example", PASSWORD).await.unwrap();
    // Nobody chose yet: the company's default language.
    assert_eq!((&me["user"]["locale"], &me["user"]["company_locale"]), (&Value::Null, &json!("en")));
    let choose = |cookie: &str, csrf: Option<&str>, body: Value| {
        as_person(&app, Method::PUT, "/console/api/session/locale", cookie, csrf).json(&body).send()
    };
    let (status, body) = json(choose(&cookie, None, json!({"locale": "fi"})).await.unwrap()).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (403, "csrf_rejected"));
    let (status, body) = json(
        app.client.put(app.url("/console/api/session/locale")).json(&json!({"locale": "fi"})).send().await.unwrap(),
    )
    .await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (401, "unauthorized"));
    // Only Candor's five languages, as their tags.
    for bad in [json!({"locale": "de"}), json!({"locale": "FI"}), json!({"locale": 3})] {
        let (status, body) = json(choose(&cookie, Some(&csrf), bad.clone()).await.unwrap()).await;
        assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (400, "malformed_json"), "{bad}: {body}");
    }

    let (status, session) = json(choose(&cookie, Some(&csrf), json!({"locale": "fi"})).await.unwrap()).await;
    assert_eq!((status.as_u16(), &session["user"]["locale"]), (200, &json!("fi")), "{session}");
    assert_eq!(session["csrf_token"], json!(csrf), "the same session goes on");
    // Kept: by the session, and by the next sign-in on another device.
    let (_, again) =
        json(as_person(&app, Method::GET, "/console/api/session", &cookie, None).send().await.unwrap()).await;
    assert_eq!(again["user"]["locale"], "fi");
    let (_, _, elsewhere) = sign_in(&app, "recruiter@northwind.example", PASSWORD).await.unwrap();
    assert_eq!(elsewhere["user"]["locale"], "fi");

    // One person's choice: a colleague still reads the default, and any
    // role, a viewer too, picks their own.
    let (viewer, viewer_csrf, them) = sign_in(&app, "viewer@northwind.example", PASSWORD).await.unwrap();
    assert_eq!(them["user"]["locale"], Value::Null);
    let (status, theirs) = json(choose(&viewer, Some(&viewer_csrf), json!({"locale": "pl"})).await.unwrap()).await;
    assert_eq!((status.as_u16(), &theirs["user"]["locale"]), (200, &json!("pl")));
    let (_, mine) =
        json(as_person(&app, Method::GET, "/console/api/session", &cookie, None).send().await.unwrap()).await;
    assert_eq!(mine["user"]["locale"], "fi");

    // Back to the default, which then follows the company's setting.
    let (status, session) = json(choose(&cookie, Some(&csrf), json!({"locale": null})).await.unwrap()).await;
    assert_eq!((status.as_u16(), &session["user"]["locale"]), (200, &Value::Null));
    let admin = app.token_with_role(candor_api::recruiting::Role::Admin).await;
    let (_, mut settings) = json(app.recruiter(Method::GET, "company", &admin).send().await.unwrap()).await;
    settings["default_locale"] = json!("sv");
    let (status, _) = json(app.recruiter(Method::PUT, "company", &admin).json(&settings).send().await.unwrap()).await;
    assert_eq!(status, 200);
    let (_, now) =
        json(as_person(&app, Method::GET, "/console/api/session", &cookie, None).send().await.unwrap()).await;
    assert_eq!((&now["user"]["locale"], &now["user"]["company_locale"]), (&Value::Null, &json!("sv")));
    let (_, viewer_now) =
        json(as_person(&app, Method::GET, "/console/api/session", &viewer, None).send().await.unwrap()).await;
    assert_eq!((&viewer_now["user"]["locale"], &viewer_now["user"]["company_locale"]), (&json!("pl"), &json!("sv")));
}

async fn an_address_two_companies_use_signs_in_to_the_one_chosen(backend: Backend) {
    let app = spawn_app_with(backend, |_| {}).await;
    let created = app.candor_admin(&["company", "create", "--slug", "harbour", "--name", "Harbour Health"], "");
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    // The command line gives an address Northwind uses an account at
    // Harbour, with the same password, and refuses it twice there.
    let user = |role: &str| {
        let args = ["user", "create", "--company", "harbour", "--email", "Admin@Northwind.example", "--name", "Maria"];
        app.candor_admin(&[&args[..], &["--role", role]].concat(), &format!("{PASSWORD}\n"))
    };
    let made = user("viewer");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let again = user("admin");
    assert!(!again.status.success(), "one account per address in a company");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already has an account in this company"));

    // Which company? No session yet, and the same answer whatever the case
    // or spaces of the address.
    let login = |body: Value| {
        let request = app.client.post(app.url("/console/api/login")).json(&body);
        async move {
            let response = request.send().await.unwrap();
            let cookie = response.headers().get(header::SET_COOKIE).map(|c| c.to_str().unwrap().to_owned());
            let (status, body) = json(response).await;
            (status.as_u16(), body, cookie)
        }
    };
    let choice = json!({"choose_company": [
        {"slug": "harbour", "name": "Harbour Health"},
        {"slug": "northwind", "name": "Northwind Dental"}
    ]});
    for email in ["admin@northwind.example", " ADMIN@northwind.example "] {
        let (status, body, cookie) = login(json!({"email": email, "password": PASSWORD})).await;
        assert_eq!((status, &body, cookie), (200, &choice, None), "{email}");
    }
    // A wrong password is the same 401 as for an address no one uses.
    for (email, company) in [("admin@northwind.example", None), ("admin@northwind.example", Some("harbour"))] {
        let (status, body, cookie) =
            login(json!({"email": email, "password": "wrong password!", "company": company})).await;
        assert_eq!((status, error_of(&body).0.as_str(), cookie), (401, "invalid_credentials", None), "{company:?}");
    }

    // The one chosen: its role, its company, its session.
    let (status, me, cookie) =
        login(json!({"email": "admin@northwind.example", "password": PASSWORD, "company": "harbour"})).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(
        (me["user"]["company"].as_str(), me["user"]["company_name"].as_str(), me["user"]["role"].as_str()),
        (Some("harbour"), Some("Harbour Health"), Some("viewer"))
    );
    let cookie = cookie.expect("a session").split(';').next().unwrap().to_owned();
    let (status, session) =
        json(as_person(&app, Method::GET, "/console/api/session", &cookie, None).send().await.unwrap()).await;
    assert_eq!((status.as_u16(), session["user"]["company"].as_str()), (200, Some("harbour")));
    let (_, inbox) =
        json(as_person(&app, Method::GET, "/api/v1/recruiter/inbox", &cookie, None).send().await.unwrap()).await;
    assert_eq!(inbox["questions"], json!([]), "nothing of Northwind's");
    let (_, _, me) = sign_in_to(&app, "northwind").await;
    assert_eq!((me["user"]["company"].as_str(), me["user"]["role"].as_str()), (Some("northwind"), Some("admin")));
}

/// The demo admin's address and password, signing in to `company`.
async fn sign_in_to(app: &TestApp, company: &str) -> (String, String, Value) {
    let body = json!({"email": "admin@northwind.example", "password": PASSWORD, "company": company});
    let response = app.client.post(app.url("/console/api/login")).json(&body).send().await.unwrap();
    let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
    let (status, me) = json(response).await;
    assert_eq!(status, 200, "{me}");
    (cookie, me["csrf_token"].as_str().unwrap().to_owned(), me)
}
