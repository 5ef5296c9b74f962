use candor_api::{CompanySlug, Origin};
use reqwest::header;

use crate::helpers::{Backend, COMPANY, TestApp, spawn_app};

crate::on_both_backends!(
    the_company_site_may_call_the_api_across_origins,
    other_origins_are_refused,
    the_widget_files_are_shared_with_every_allowed_origin,
);

async fn get_from(app: &TestApp, path: &str, origin: &str) -> reqwest::Response {
    app.client.get(app.url(path)).header(header::ORIGIN, origin).send().await.unwrap()
}

fn allowed_origin(response: &reqwest::Response) -> Option<String> {
    response.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN).map(|v| v.to_str().unwrap().to_owned())
}

async fn the_company_site_may_call_the_api_across_origins(backend: Backend) {
    let app = spawn_app(backend).await;
    let path = format!("/api/v1/companies/{COMPANY}/postings");
    let response = get_from(&app, &path, &app.allowed_origin).await;
    assert_eq!(response.status(), 200);
    assert_eq!(allowed_origin(&response), Some(app.allowed_origin.clone()));
    let exposed = response.headers().get(header::ACCESS_CONTROL_EXPOSE_HEADERS).unwrap().to_str().unwrap();
    assert!(exposed.contains("etag"));

    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, app.url(&path))
        .header(header::ORIGIN, &app.allowed_origin)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    assert_eq!(allowed_origin(&preflight), Some(app.allowed_origin.clone()));
}

async fn other_origins_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let path = format!("/api/v1/companies/{COMPANY}/postings");
    for origin in ["https://evil.example", "null", "http://127.0.0.1:1", "not an origin"] {
        let response = get_from(&app, &path, origin).await;
        assert_eq!(allowed_origin(&response), None, "{origin}");
    }

    // An origin allowed by one company is not allowed for another.
    let store = &app.state.store;
    let other = candor_server::store::NewCompany {
        public: candor_api::CompanyPublic {
            slug: CompanySlug::parse("acme").unwrap(),
            name: "Acme".into(),
            branding: candor_api::Branding {
                accent_color: candor_api::HexColor::parse("#123456").unwrap(),
                font_family: None,
                logo_url: None,
            },
            default_locale: candor_api::Locale::Fi,
            retention_days: 30,
        },
        silence_alarm_days: 7,
        origins: Vec::new(),
        created_at: app.state.clock.now(),
    };
    let acme = store.create_company(&other).await.unwrap();
    let refused = get_from(&app, "/api/v1/companies/acme/postings", "https://careers.acme.test").await;
    assert_eq!(allowed_origin(&refused), None, "not allowed yet");
    // Allowing it takes effect at once, whatever was cached before.
    store.allow_origin(acme, &Origin::parse("https://careers.acme.test").unwrap()).await.unwrap();
    let response = get_from(&app, &path, "https://careers.acme.test").await;
    assert_eq!(allowed_origin(&response), None, "acme's site may not read northwind's API");
    let response = get_from(&app, "/api/v1/companies/acme/postings", "https://careers.acme.test").await;
    assert_eq!(allowed_origin(&response).as_deref(), Some("https://careers.acme.test"));
    let response = get_from(&app, "/api/v1/companies/acme/postings", &app.allowed_origin).await;
    assert_eq!(allowed_origin(&response), None);
}

async fn the_widget_files_are_shared_with_every_allowed_origin(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = get_from(&app, "/widget/candor.js", &app.allowed_origin).await;
    assert_eq!(response.status(), 200);
    let content_type = response.headers().get(header::CONTENT_TYPE).unwrap().to_str().unwrap().to_owned();
    assert!(content_type.contains("javascript"), "{content_type}");
    assert_eq!(allowed_origin(&response), Some(app.allowed_origin.clone()));
    let response = get_from(&app, "/widget/candor.js", "https://evil.example").await;
    assert_eq!(allowed_origin(&response), None);
}
