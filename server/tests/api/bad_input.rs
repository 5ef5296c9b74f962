use crate::helpers::{Backend, COMPANY, error_of, json, spawn_app};

crate::on_both_backends!(
    malformed_filters_get_a_400_naming_the_parameter,
    unknown_routes_and_methods_get_json_errors,
    hostile_paths_and_queries_never_get_a_5xx,
);

async fn malformed_filters_get_a_400_naming_the_parameter(backend: Backend) {
    let app = spawn_app(backend).await;
    let long = "x".repeat(101);
    let cases = [
        ("departmnet=Clinical", "unknown_parameter", "departmnet"),
        ("remote=yes", "not_one_of", "remote"),
        ("q=a&q=b", "repeated_parameter", "q"),
        (&format!("q={long}") as &str, "too_long", "q"),
        ("location=%07bell", "control_characters", "location"),
    ];
    for (query, code, field) in cases {
        let (status, body) = app.api(&format!("companies/{COMPANY}/postings?{query}")).await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(error_of(&body), (code.to_owned(), Some(field.to_owned())), "{query}");
    }
}

async fn unknown_routes_and_methods_get_json_errors(backend: Backend) {
    let app = spawn_app(backend).await;
    let (status, body) = app.api("nothing/here").await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (404, "route_not_found"));
    let response = app.client.delete(app.url(&format!("/api/v1/companies/{COMPANY}"))).send().await.unwrap();
    let (status, body) = json(response).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (405, "method_not_allowed"));
}

async fn hostile_paths_and_queries_never_get_a_5xx(backend: Backend) {
    let app = spawn_app(backend).await;
    let company = format!("/api/v1/companies/{COMPANY}");
    let mut paths: Vec<String> = [
        "/api/v1/companies/%FF%FE",
        "/api/v1/companies/northwind/postings/%00",
        "/api/v1/companies/northwind/postings/..%2F..%2Fetc%2Fpasswd",
        "/api/v1/companies//postings",
        "/api/v1/companies/northwind/postings?q=%FF%FE%FD",
        "/api/v1/companies/northwind/postings?%3D%3D%3D",
        "/api/v1/companies/northwind/postings?q",
        "/api/v1/companies/northwind/postings?&&&",
        "/api/v1/companies/northwind/postings?q=%F0%9F%A6%B7%20tooth",
        "/api/v1/companies/northwind/postings?q=' OR 1=1 --",
        "/api/v1/companies/northwind/postings?q=%25%5F",
        "/widget/../../etc/passwd",
        "/widget/%2e%2e/%2e%2e/Cargo.toml",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    // Random bytes, percent-encoded, into every spot of the path and query.
    for _ in 0..40 {
        let bytes: Vec<u8> = (0..rand::random_range(1..40)).map(|_| rand::random()).collect();
        let junk: String = bytes.iter().map(|b| format!("%{b:02X}")).collect();
        paths.push(format!("{company}/{junk}"));
        paths.push(format!("{company}/postings/{junk}"));
        paths.push(format!("{company}/postings?q={junk}"));
        paths.push(format!("{company}/postings?{junk}={junk}"));
    }
    for path in paths {
        let response = app.client.get(app.url(&path)).send().await.unwrap();
        let status = response.status();
        assert!(!status.is_server_error(), "{path}: {status}");
        if path.starts_with("/api/") && !status.is_success() {
            let (_, body) = json(response).await;
            error_of(&body);
        }
    }
}
