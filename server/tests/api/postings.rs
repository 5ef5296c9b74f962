use candor_api::{CompanySlug, Locale, PostingDetail, PostingList, postings::PostingDraft};
use candor_server::store::{Conflict, PostingStatus, StoreError};

use crate::helpers::{Backend, COMPANY, TestApp, error_of, spawn_app};

crate::on_both_backends!(
    a_visitor_sees_the_open_postings_newest_first,
    filters_narrow_the_list_and_keep_the_facets,
    the_order_is_stable_between_requests,
    a_posting_shows_its_process_and_questions,
    closed_and_draft_postings_are_not_public,
    slugs_are_unique_within_a_company,
    a_new_posting_is_listed_at_once,
);

async fn list(app: &TestApp, query: &str) -> PostingList {
    let (status, body) = app.api(&format!("companies/{COMPANY}/postings{query}")).await;
    assert_eq!(status, 200, "{query}: {body}");
    serde_json::from_value(body).expect("a posting list")
}

async fn a_visitor_sees_the_open_postings_newest_first(backend: Backend) {
    let app = spawn_app(backend).await;
    let list = list(&app, "").await;
    assert!(list.postings.len() >= 5);
    assert_eq!(list.total_open, list.postings.len());
    assert!(list.postings.iter().all(|p| p.slug.as_str() != "practice-manager"), "closed postings are not listed");
    let dates: Vec<_> = list.postings.iter().map(|p| p.published_on).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first: {dates:?}");
    let departments: std::collections::HashSet<_> = list.postings.iter().map(|p| &p.department).collect();
    assert!(departments.len() >= 4);
    assert!(list.postings.iter().any(|p| p.workplace == candor_api::Workplace::Remote));
    assert_eq!(list.facets.departments.iter().map(|f| f.count).sum::<usize>(), list.total_open);
}

async fn filters_narrow_the_list_and_keep_the_facets(backend: Backend) {
    let app = spawn_app(backend).await;
    let all = list(&app, "").await;

    let clinical = list(&app, "?department=Clinical").await;
    assert_eq!(clinical.postings.len(), 2);
    assert!(clinical.postings.iter().all(|p| p.department == "Clinical"));
    assert_eq!(clinical.facets, all.facets, "facets describe all open postings, not the filtered ones");
    assert_eq!(clinical.total_open, all.total_open);

    let stockholm = list(&app, "?location=stockholm").await;
    assert!(!stockholm.postings.is_empty() && stockholm.postings.iter().all(|p| p.location.city == "Stockholm"));

    let remote = list(&app, "?remote=true").await;
    assert_eq!(remote.postings.len(), all.facets.remote);
    assert!(remote.postings.iter().all(|p| p.workplace == candor_api::Workplace::Remote));
    let not_remote = list(&app, "?remote=false").await;
    assert_eq!(remote.postings.len() + not_remote.postings.len(), all.total_open);

    let rust = list(&app, "?q=RUST%20engineer").await;
    assert_eq!(rust.postings.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>(), ["senior-backend-engineer"]);

    let none = list(&app, "?department=Clinical&location=Stockholm").await;
    assert!(none.postings.is_empty());

    let blank = list(&app, "?department=&q=").await;
    assert_eq!(blank.postings, all.postings, "empty values mean no filter");
}

async fn the_order_is_stable_between_requests(backend: Backend) {
    let app = spawn_app(backend).await;
    let first = list(&app, "").await;
    for _ in 0..3 {
        assert_eq!(list(&app, "").await.postings, first.postings);
    }
}

async fn a_posting_shows_its_process_and_questions(backend: Backend) {
    let app = spawn_app(backend).await;
    let (status, body) = app.api(&format!("companies/{COMPANY}/postings/senior-backend-engineer")).await;
    assert_eq!(status, 200);
    let posting: PostingDetail = serde_json::from_value(body.clone()).expect("a posting");
    assert_eq!(posting.summary.title, "Senior Backend Engineer (Rust)");
    assert!((3..=6).contains(&posting.stages.len()));
    assert!(posting.stages.iter().all(|s| s.expected_days > 0));
    assert_eq!(posting.stages[0].name, "Application review");
    assert!(posting.typical_total_days() > 10);
    assert!(posting.screening_questions.len() >= 3);
    assert_eq!(body["screening_questions"][0]["kind"]["number"]["max"], 40);
    assert!(posting.description.contains("## What you will do"));
    // The list and the detail agree on the summary.
    let listed = list(&app, "").await;
    let summary = listed.postings.iter().find(|p| p.slug == posting.summary.slug).expect("listed");
    assert_eq!(summary, &posting.summary);
}

async fn closed_and_draft_postings_are_not_public(backend: Backend) {
    let app = spawn_app(backend).await;
    let (status, body) = app.api(&format!("companies/{COMPANY}/postings/practice-manager")).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (410, "posting_closed"));

    let company = app.state.store.company_by_slug(&CompanySlug::parse(COMPANY).unwrap()).await.unwrap().unwrap();
    let draft = posting_draft("secret-plans");
    let today = app.state.clock.today();
    app.state
        .store
        .create_posting(company.id, &draft.validate(today, Locale::En).unwrap(), PostingStatus::Draft)
        .await
        .unwrap();
    let (status, body) = app.api(&format!("companies/{COMPANY}/postings/secret-plans")).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (404, "posting_not_found"));
    let listed = list(&app, "?q=secret").await;
    assert!(listed.postings.is_empty());

    let (status, body) = app.api(&format!("companies/{COMPANY}/postings/no-such-job")).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (404, "posting_not_found"));
    let (status, body) = app.api(&format!("companies/{COMPANY}/postings/No_Such_Job")).await;
    assert_eq!((status.as_u16(), error_of(&body).1.as_deref()), (400, Some("posting")));
}

async fn slugs_are_unique_within_a_company(backend: Backend) {
    let app = spawn_app(backend).await;
    let company = app.state.store.company_by_slug(&CompanySlug::parse(COMPANY).unwrap()).await.unwrap().unwrap();
    let today = app.state.clock.today();
    let posting = posting_draft("dental-hygienist").validate(today, Locale::En).unwrap();
    let err = app.state.store.create_posting(company.id, &posting, PostingStatus::Open).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(Conflict::PostingSlug)), "{err:?}");
    // Nothing of the refused posting was written: the original is intact.
    let (_, body) = app.api(&format!("companies/{COMPANY}/postings/dental-hygienist")).await;
    assert_eq!(body["summary"]["title"], "Dental Hygienist");
    assert_eq!(body["stages"].as_array().map(Vec::len), Some(5));
}

fn posting_draft(slug: &str) -> PostingDraft {
    serde_json::from_value::<PostingDraft>(serde_json::json!({
        "slug": slug,
        "title": "Secret plans officer",
        "department": "Strategy",
        "location": {"city": "Oulu", "country": "FI"},
        "workplace": "on_site",
        "employment_type": "full_time",
        "teaser": "",
        "description": "Nothing to see yet.",
        "stages": [{"name": "Review", "expected_days": 3}, {"name": "Offer", "expected_days": 2}]
    }))
    .expect("a draft")
}

async fn a_new_posting_is_listed_at_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let before = list(&app, "").await;
    let (status, _) = app.api(&format!("companies/{COMPANY}/postings/secret-plans")).await;
    assert_eq!(status, 404);
    let company = app.state.store.company_by_slug(&CompanySlug::parse(COMPANY).unwrap()).await.unwrap().unwrap();
    let posting = posting_draft("secret-plans").validate(app.state.clock.today(), Locale::En).unwrap();
    app.state.store.create_posting(company.id, &posting, PostingStatus::Open).await.unwrap();
    // The cached list and the cached "no such posting" are both gone.
    let after = list(&app, "").await;
    assert_eq!(after.total_open, before.total_open + 1);
    assert!(after.postings.iter().any(|p| p.slug.as_str() == "secret-plans"));
    let (status, _) = app.api(&format!("companies/{COMPANY}/postings/secret-plans")).await;
    assert_eq!(status, 200);
}
