use reqwest::header;

use crate::helpers::{Backend, COMPANY, spawn_app};

crate::on_both_backends!(public_reads_are_cacheable_and_revalidate_with_etags, responses_are_compressed,);

async fn public_reads_are_cacheable_and_revalidate_with_etags(backend: Backend) {
    let app = spawn_app(backend).await;
    let url = app.url(&format!("/api/v1/companies/{COMPANY}/postings"));
    let first = app.client.get(&url).send().await.unwrap();
    assert_eq!(first.status(), 200);
    let etag = first.headers().get(header::ETAG).expect("an ETag").clone();
    assert!(etag.to_str().unwrap().starts_with("W/\""));
    let cache_control = first.headers().get(header::CACHE_CONTROL).expect("Cache-Control");
    assert!(cache_control.to_str().unwrap().contains("max-age="));

    let revalidated = app.client.get(&url).header(header::IF_NONE_MATCH, etag.clone()).send().await.unwrap();
    assert_eq!(revalidated.status(), 304);
    assert_eq!(revalidated.headers().get(header::ETAG), Some(&etag));
    assert!(revalidated.bytes().await.unwrap().is_empty());

    let stale = app.client.get(&url).header(header::IF_NONE_MATCH, "W/\"0000\"").send().await.unwrap();
    assert_eq!(stale.status(), 200);

    let filtered = app.client.get(format!("{url}?department=Clinical")).send().await.unwrap();
    assert_ne!(filtered.headers().get(header::ETAG), Some(&etag), "another answer, another tag");

    let detail = app.get(&format!("/api/v1/companies/{COMPANY}/postings/orthodontist")).await;
    assert!(detail.headers().contains_key(header::ETAG));
    let company = app.get(&format!("/api/v1/companies/{COMPANY}")).await;
    assert!(company.headers().contains_key(header::ETAG));
}

async fn responses_are_compressed(backend: Backend) {
    let app = spawn_app(backend).await;
    for encoding in ["br", "gzip"] {
        let response = app
            .client
            .get(app.url(&format!("/api/v1/companies/{COMPANY}/postings")))
            .header(header::ACCEPT_ENCODING, encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers().get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap()), Some(encoding));
    }
}
