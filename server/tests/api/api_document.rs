//! The API describes itself: `GET /api/v1/openapi.json` is an OpenAPI 3.1
//! document holding every route the router has (read from the sources, as
//! the isolation test reads them), each error in the one error body, every
//! `$ref` resolving; its reference page is served by Candor itself, with
//! nothing from another origin.

use std::collections::BTreeSet;

use reqwest::header;
use serde_json::Value;

use crate::helpers::{Backend, json, routes_in_sources, spawn_app};

crate::on_both_backends!(the_document_describes_every_route_and_the_page_shows_it);

/// Routes the document leaves out, each with its reason (a route, or every
/// route under a prefix that ends with `/`).
const NOT_IN_THE_DOCUMENT: [(&str, &str); 9] = [
    ("/demo", "the demo's pages and mailbox, only with --demo"),
    ("/demo/", "the demo's pages and mailbox, only with --demo"),
    ("/site.css", "the demo company's own site (a second origin), only with --demo"),
    ("/logo.svg", "the demo company's own site (a second origin), only with --demo"),
    ("/api/test/clock", "the test clock, only with --test-clock"),
    ("/console", "the console's page and assets, HTML for a browser"),
    ("/metrics", "Prometheus' text format, for a scraper"),
    ("/healthz", "a probe for a proxy or an orchestrator, outside the API"),
    ("/readyz", "a probe for a proxy or an orchestrator, outside the API"),
];
/// Candor's own HTML pages where the candidate bundle runs whole.
const PAGES: [&str; 4] = ["/", "/status", "/status.css", "/me"];

async fn document(backend: Backend) -> (crate::helpers::TestApp, Value) {
    let app = spawn_app(backend).await;
    let (status, document) = json(app.client.get(app.url("/api/v1/openapi.json")).send().await.unwrap()).await;
    assert_eq!(status, 200);
    (app, document)
}

async fn the_document_describes_every_route_and_the_page_shows_it(backend: Backend) {
    let (app, document) = document(backend).await;
    assert_eq!(document["openapi"], "3.1.0");
    assert!(document["info"]["title"].is_string() && document["info"]["version"].is_string());

    let mut described = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            described.insert((method.to_uppercase(), path.clone()));
            let what = format!("{method} {path}");
            let responses = operation["responses"].as_object().unwrap();
            assert!(responses.keys().any(|s| s.starts_with('2')), "{what}: a success");
            for (status, response) in responses {
                assert!(response["description"].is_string(), "{what} {status}: a description");
                if status.starts_with('4') {
                    let schema = &response["content"]["application/json"]["schema"]["$ref"];
                    assert_eq!(schema, "#/components/schemas/ApiError", "{what} {status}: the one error body");
                }
            }
            for placeholder in path.split('/').filter_map(|p| p.strip_prefix('{').and_then(|p| p.strip_suffix('}'))) {
                let declared = operation["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|p| p["name"] == placeholder && p["in"] == "path" && p["required"] == true);
                assert!(declared, "{what}: the path parameter {placeholder}");
            }
        }
    }
    let routes = routes_in_sources(&["/"]);
    let left_out = |route: &str| {
        PAGES.contains(&route)
            || NOT_IN_THE_DOCUMENT
                .iter()
                .any(|(left, _)| route == *left || (left.ends_with('/') && route.starts_with(left)))
    };
    let missing: Vec<_> =
        routes.iter().filter(|(_, route)| !left_out(route)).filter(|r| !described.contains(*r)).collect();
    assert!(missing.is_empty(), "routes the document doesn't describe: {missing:?}");
    let stale: Vec<_> = described.difference(&routes).collect();
    assert!(stale.is_empty(), "operations the router doesn't have: {stale:?}");
    assert!(described.len() > 60, "{described:?}");

    // Every reference points at a schema the document has.
    let mut refs = Vec::new();
    collect_refs(&document, &mut refs);
    assert!(refs.len() > 50);
    for reference in refs {
        let name = reference.strip_prefix("#/components/schemas/").unwrap_or_else(|| panic!("{reference}"));
        assert!(document["components"]["schemas"][name].is_object(), "{reference} resolves");
    }
    let error = &document["components"]["schemas"]["ApiError"];
    assert_eq!(error["required"], serde_json::json!(["error"]), "{error}");
    for scheme in ["bearer", "session", "csrf", "report"] {
        assert!(document["components"]["securitySchemes"][scheme].is_object(), "{scheme}");
    }

    let page = app.client.get(app.url("/api/v1/docs/")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let policy = page.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
    assert!(policy.contains("default-src 'none'") && !policy.contains("http"), "{policy}");
    assert_eq!(page.headers()[header::REFERRER_POLICY], "no-referrer");
    let html = page.text().await.unwrap();
    for asset in html.split(['"', '\'']).filter(|s| s.ends_with(".js") || s.ends_with(".css")) {
        assert!(!asset.contains("//"), "{asset}: served by Candor, not a CDN");
        let url = app.url(&format!("/api/v1/docs/{}", asset.trim_start_matches("./")));
        assert_eq!(app.client.get(&url).send().await.unwrap().status(), 200, "{asset}");
    }
    let initializer = app.client.get(app.url("/api/v1/docs/swagger-initializer.js")).send().await.unwrap();
    let initializer = initializer.text().await.unwrap();
    assert!(initializer.contains("/api/v1/openapi.json"), "{initializer}");
}

fn collect_refs(value: &Value, refs: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("$ref", Value::String(reference)) => refs.push(reference.clone()),
                    _ => collect_refs(value, refs),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_refs(item, refs)),
        _ => {}
    }
}
