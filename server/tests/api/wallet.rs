//! What the profile wallet needs from the server: a company's careers sites,
//! which decide where a shared profile may go, and the wallet page `/me`.

use candor_api::Origin;
use candor_api::recruiting::Role;
use reqwest::{Method, header};
use serde_json::json;

use crate::helpers::{Backend, COMPANY, error_of, json, spawn_app, spawn_app_with};

crate::on_both_backends!(
    a_companys_careers_sites_are_its_allowed_origins_and_follow_its_settings,
    an_unknown_company_has_no_careers_sites,
    demo_origins_may_embed_the_demo_company_too,
    the_wallet_page_is_candors_own_unframed_and_in_the_chosen_language,
);

async fn a_companys_careers_sites_are_its_allowed_origins_and_follow_its_settings(backend: Backend) {
    let app = spawn_app(backend).await;
    let url = app.url(&format!("/api/v1/companies/{COMPANY}/sites"));
    let first = app.client.get(&url).send().await.unwrap();
    let etag = first.headers().get(header::ETAG).expect("an ETag").clone();
    // Asked again at every use: a removed site must stop receiving at once.
    assert_eq!(first.headers()[header::CACHE_CONTROL], "public, no-cache");
    let (status, sites) = json(first).await;
    assert_eq!(status, 200);
    assert_eq!(sites, json!({"name": "Northwind Dental", "origins": [app.allowed_origin]}));
    let unchanged = app.client.get(&url).header(header::IF_NONE_MATCH, etag.clone()).send().await.unwrap();
    assert_eq!(unchanged.status(), 304);

    let admin = app.token_with_role(Role::Admin).await;
    let (_, mut settings) = json(app.recruiter(Method::GET, "company", &admin).send().await.unwrap()).await;
    settings["name"] = json!("Northwind Dental Group");
    settings["origins"] = json!(["https://careers.northwind.example/", "https://jobs.northwind.example"]);
    let (status, saved) =
        json(app.recruiter(Method::PUT, "company", &admin).json(&settings).send().await.unwrap()).await;
    assert_eq!(status, 200, "{saved}");

    let changed = app.client.get(&url).header(header::IF_NONE_MATCH, etag.clone()).send().await.unwrap();
    assert_eq!(changed.status(), 200, "the old tag no longer matches");
    assert_ne!(changed.headers().get(header::ETAG), Some(&etag));
    let (_, sites) = json(changed).await;
    assert_eq!(
        sites,
        json!({
            "name": "Northwind Dental Group",
            "origins": ["https://careers.northwind.example", "https://jobs.northwind.example"]
        }),
        "as stored: normalised, and the demo site's origin gone"
    );
}

async fn an_unknown_company_has_no_careers_sites(backend: Backend) {
    let app = spawn_app(backend).await;
    let (status, body) = app.api("companies/acme/sites").await;
    assert_eq!((status.as_u16(), error_of(&body)), (404, ("company_not_found".into(), None)));
    let (status, body) = app.api("companies/North%20Wind/sites").await;
    assert_eq!((status.as_u16(), error_of(&body).1.as_deref()), (400, Some("company")));
}

async fn demo_origins_may_embed_the_demo_company_too(backend: Backend) {
    let extra = ["http://127.0.0.3:4173", "http://localhost:3000"];
    let app = spawn_app_with(backend, |args| {
        args.demo_origins = extra.iter().map(|o| Origin::parse(o).unwrap()).collect();
    })
    .await;
    let printed = format!("also embeds on:  {}, {}", extra[0], extra[1]);
    assert!(app.addresses.contains(&printed), "{}", app.addresses);
    let (_, sites) = app.api(&format!("companies/{COMPANY}/sites")).await;
    let mut expected = vec![app.allowed_origin.as_str(), extra[0], extra[1]];
    expected.sort();
    assert_eq!(sites["origins"], json!(expected));
    // Allowed as the demo site's own origin is: its careers page works there.
    let path = app.url(&format!("/api/v1/companies/{COMPANY}/postings"));
    for origin in extra {
        let response = app.client.get(&path).header(header::ORIGIN, origin).send().await.unwrap();
        assert_eq!(response.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN).unwrap(), origin);
    }
    let response = app.client.get(&path).header(header::ORIGIN, "http://127.0.0.4:4173").send().await.unwrap();
    assert_eq!(response.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN), None, "and no other");
}

async fn the_wallet_page_is_candors_own_unframed_and_in_the_chosen_language(backend: Backend) {
    let app = spawn_app(backend).await;
    let page = app.get("/me").await;
    assert_eq!(page.status(), 200);
    let headers = page.headers().clone();
    assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "never framed: {csp}");
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval';"), "{csp}");
    assert_eq!(headers[header::REFERRER_POLICY], "no-referrer");
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    // The careers page that opened the wallet must stay its opener.
    let opener_policy = headers.get("cross-origin-opener-policy").map(|v| v.to_str().unwrap().to_owned());
    assert!(opener_policy.as_deref().is_none_or(|p| p == "unsafe-none"), "{opener_policy:?}");
    let html = page.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<title>Your Candor profile · Candor</title>"));
    assert!(html.contains(r#"<candor-application mode="wallet"></candor-application>"#), "{html}");
    assert!(html.contains("Kept in this browser only: Candor's server never stores your profile. Powered by Candor."));
    assert_eq!(html.matches("<script").count(), 1);
    assert!(html.contains(r#"<script type="module" src="/widget/candidate/candidate.js"></script>"#));
    assert!(html.contains(r#"<link rel="stylesheet" href="/status.css">"#));
    assert_eq!(app.get("/status.css").await.status(), 200);

    // A careers page opens the same page to share or save; the bundle reads the query.
    for query in ["share=northwind", "save=northwind"] {
        assert_eq!(app.get(&format!("/me?{query}")).await.text().await.unwrap(), html, "{query}");
    }

    let swedish = app.client.get(app.url("/me?share=northwind")).header(header::ACCEPT_LANGUAGE, "sv-SE,sv;q=0.9");
    let swedish = swedish.send().await.unwrap().text().await.unwrap();
    assert!(swedish.contains("<html lang=\"sv\">") && swedish.contains("<title>Din Candor-profil · Candor</title>"));
    assert!(
        swedish.contains(r#"<candor-application mode="wallet"></candor-application>"#),
        "the browser's, not chosen"
    );

    let chosen = app.client.get(app.url("/me?share=northwind&lang=fi")).header(header::ACCEPT_LANGUAGE, "sv");
    let finnish = chosen.send().await.unwrap().text().await.unwrap();
    assert!(finnish.contains("<html lang=\"fi\">"));
    assert!(finnish.contains("<title>Candor-profiilisi · Candor</title>"));
    assert!(finnish.contains(r#"<candor-application mode="wallet" lang="fi"></candor-application>"#), "{finnish}");
    assert!(finnish.contains("Candorin palvelin ei koskaan tallenna profiiliasi"));

    // The status page is still itself.
    let status = app.get("/status").await;
    assert_eq!(status.headers()[header::CONTENT_SECURITY_POLICY], headers[header::CONTENT_SECURITY_POLICY]);
    let status = status.text().await.unwrap();
    assert!(status.contains("<candor-application></candor-application>") && status.contains("Application status"));
}
