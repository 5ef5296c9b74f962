use crate::helpers::{Backend, COMPANY, error_of, spawn_app};

crate::on_both_backends!(
    a_visitor_reads_the_company_public_settings,
    an_unknown_company_is_a_404,
    a_malformed_company_name_is_a_400,
);

async fn a_visitor_reads_the_company_public_settings(backend: Backend) {
    let app = spawn_app(backend).await;
    let (status, body) = app.api(&format!("companies/{COMPANY}")).await;
    assert_eq!(status, 200);
    assert_eq!(body["slug"], COMPANY);
    assert_eq!(body["name"], "Northwind Dental");
    assert_eq!(body["branding"]["accent_color"], "#0f766e");
    assert_eq!(body["default_locale"], "en");
    // Candidates are told how long their data is kept before they apply.
    assert_eq!(body["retention_days"], 180);
    let private = ["silence_alarm_days", "id"];
    assert!(private.iter().all(|k| body.get(k).is_none()), "no private settings in {body}");
}

async fn an_unknown_company_is_a_404(backend: Backend) {
    let app = spawn_app(backend).await;
    for path in ["companies/acme", "companies/acme/postings", "companies/acme/postings/dental-hygienist"] {
        let (status, body) = app.api(path).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(error_of(&body), ("company_not_found".into(), None), "{path}");
    }
}

async fn a_malformed_company_name_is_a_400(backend: Backend) {
    let app = spawn_app(backend).await;
    for path in ["companies/North%20Wind", "companies/NORTHWIND/postings", &format!("companies/{}", "a".repeat(65))] {
        let (status, body) = app.api(path).await;
        assert_eq!(status, 400, "{path}");
        assert_eq!(error_of(&body).1.as_deref(), Some("company"), "{path}");
    }
}
