//! Postings in several languages: what a visitor reads in their language,
//! what an admin writes per language, and the candidate who applied in one.

use candor_api::recruiting::Role;
use candor_api::{Locale, PostingDetail, PostingList};
use reqwest::{Method, header};
use serde_json::{Value, json};

use crate::helpers::{Backend, COMPANY, TestApp, error_of, json, spawn_app};

crate::on_both_backends!(
    a_finnish_visitor_reads_the_postings_written_in_finnish,
    the_visitors_language_is_one_of_candors_or_refused,
    admins_write_translations_by_the_defaults_rules,
    a_candidate_who_applied_in_finnish_follows_it_in_finnish,
);

async fn list(app: &TestApp, query: &str) -> PostingList {
    let (status, body) = app.api(&format!("companies/{COMPANY}/postings{query}")).await;
    assert_eq!(status, 200, "{query}: {body}");
    serde_json::from_value(body).expect("a posting list")
}

async fn posting(app: &TestApp, slug: &str, query: &str) -> PostingDetail {
    let (status, body) = app.api(&format!("companies/{COMPANY}/postings/{slug}{query}")).await;
    assert_eq!(status, 200, "{slug}{query}: {body}");
    serde_json::from_value(body).expect("a posting")
}

async fn a_finnish_visitor_reads_the_postings_written_in_finnish(backend: Backend) {
    let app = spawn_app(backend).await;
    let finnish = list(&app, "?lang=fi").await;
    let card = |list: &PostingList, slug: &str| {
        let p = list.postings.iter().find(|p| p.slug.as_str() == slug).expect("listed").clone();
        (p.title, p.department, p.lang)
    };
    assert_eq!(card(&finnish, "dental-hygienist"), ("Suuhygienisti".into(), "Klinikka".into(), Locale::Fi));
    assert_eq!(
        card(&finnish, "senior-backend-engineer"),
        ("Senior Backend Engineer (Rust)".into(), "Engineering".into(), Locale::En),
        "untranslated: the default, saying so"
    );
    // Filters and facets speak the list's language.
    assert!(finnish.facets.departments.iter().any(|f| f.value == "Klinikka"));
    let clinic = list(&app, "?lang=fi&department=klinikka").await;
    assert_eq!(clinic.postings.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>(), ["dental-hygienist"]);
    let searched = list(&app, "?lang=fi&q=suuhygienisti").await;
    assert_eq!(searched.postings.len(), 1);

    let english = list(&app, "").await;
    assert_eq!(card(&english, "dental-hygienist"), ("Dental Hygienist".into(), "Clinical".into(), Locale::En));
    let swedish = list(&app, "?lang=sv").await;
    assert_eq!(swedish.postings, english.postings, "no Swedish written: the default");
    assert_eq!(list(&app, "?lang=en").await.postings, english.postings);

    let page = posting(&app, "dental-hygienist", "?lang=fi").await;
    assert_eq!((page.summary.title.as_str(), page.summary.lang), ("Suuhygienisti", Locale::Fi));
    assert!(page.description.contains("## Työsi"));
    assert_eq!(page.stages[1].name, "Puhelinhaastattelu");
    assert_eq!(page.stages[1].expected_days, 5);
    assert_eq!(page.screening_questions[0].prompt, "Onko sinulla Valviran laillistus suuhygienistinä?");
    assert_eq!(page.screening_questions[0].key.as_str(), "valvira");
    let choices = posting(&app, "patient-experience-coordinator", "?lang=fi").await;
    assert_eq!(
        choices.screening_questions[1].kind,
        candor_api::QuestionKind::SingleChoice {
            options: vec!["Ma–ke".into(), "Ke–pe".into(), "Joustavasti".into()]
        }
    );
    let default = posting(&app, "dental-hygienist", "").await;
    assert_eq!((default.summary.title.as_str(), default.summary.lang), ("Dental Hygienist", Locale::En));
    assert_eq!(posting(&app, "dental-hygienist", "?lang=nl").await, default);
    let untranslated = posting(&app, "senior-backend-engineer", "?lang=fi").await;
    assert_eq!(untranslated.summary.lang, Locale::En);

    // Each language is its own answer: its own bytes and tag, and one
    // language's tag never revalidates another's.
    let url = |q: &str| app.url(&format!("/api/v1/companies/{COMPANY}/postings{q}"));
    let en = app.client.get(url("")).send().await.unwrap();
    let en_tag = en.headers().get(header::ETAG).unwrap().clone();
    let fi = app.client.get(url("?lang=fi")).header(header::IF_NONE_MATCH, en_tag.clone()).send().await.unwrap();
    assert_eq!(fi.status(), 200);
    let fi_tag = fi.headers().get(header::ETAG).unwrap().clone();
    assert_ne!(fi_tag, en_tag);
    let again = app.client.get(url("?lang=fi")).header(header::IF_NONE_MATCH, fi_tag).send().await.unwrap();
    assert_eq!(again.status(), 304);
    let en_again = app.client.get(url("")).send().await.unwrap();
    assert_eq!(en_again.headers().get(header::ETAG), Some(&en_tag), "the English list is as it was");
}

async fn the_visitors_language_is_one_of_candors_or_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    for path in [
        "postings?lang=de",
        "postings?lang=fi-FI",
        "postings?lang=fi&lang=sv",
        "postings/dental-hygienist?lang=de",
        "postings/dental-hygienist?lang=fi&lang=fi",
    ] {
        let (status, body) = app.api(&format!("companies/{COMPANY}/{path}")).await;
        assert_eq!((status.as_u16(), error_of(&body).1.as_deref()), (400, Some("lang")), "{path}: {body}");
    }
    let (status, body) = app.api(&format!("companies/{COMPANY}/postings/dental-hygienist?lnag=fi")).await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (400, "unknown_parameter"));
    assert_eq!(list(&app, "?lang=").await.postings, list(&app, "").await.postings, "empty: no language asked");
}

fn receptionist(translations: Value) -> Value {
    json!({
        "slug": "receptionist",
        "title": "Clinic Receptionist",
        "department": "Front desk",
        "location": {"city": "Tampere", "country": "FI"},
        "workplace": "on_site",
        "employment_type": "part_time",
        "teaser": "The first smile our patients see.",
        "description": "You welcome patients and keep the day running.",
        "stages": [
            {"name": "Application review", "expected_days": 5},
            {"name": "Interview", "expected_days": 7, "description": "An hour at the clinic."}
        ],
        "screening_questions": [
            {"key": "shift", "prompt": "Which shift suits you?", "required": true,
             "kind": {"single_choice": {"options": ["Mornings", "Evenings"]}}}
        ],
        "translations": translations
    })
}

fn in_swedish() -> Value {
    json!({"sv": {
        "title": "Klinikreceptionist",
        "department": "Reception",
        "teaser": "Det första leendet våra patienter ser.",
        "description": "Du tar emot patienter och håller dagen igång.",
        "stages": [{"name": "Genomgång av ansökan"}, {"name": "Intervju", "description": "En timme på kliniken."}],
        "screening_questions": [{"prompt": "Vilket pass passar dig?", "options": ["Morgnar", "Kvällar"]}]
    }})
}

async fn admins_write_translations_by_the_defaults_rules(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.token_with_role(Role::Admin).await;
    let send = |method: Method, path: &str, body: Value| {
        let request = app.recruiter(method, path, &admin).json(&body);
        async move { json(request.send().await.unwrap()).await }
    };
    let refused = |translations: Value| receptionist(translations);
    let cases = [
        (json!({"sv": {"title": "Kl"}}), "translations.sv.title", "too_short"),
        (
            {
                let mut t = in_swedish();
                t["sv"]["stages"][1]["description"] = json!("");
                t
            },
            "translations.sv.stages[1].description",
            "required",
        ),
        (
            {
                let mut t = in_swedish();
                t["sv"]["screening_questions"][0]["options"] = json!(["Morgnar"]);
                t
            },
            "translations.sv.screening_questions[0].options",
            "out_of_range",
        ),
        (json!({"en": in_swedish()["sv"]}), "translations.en", "default_language"),
    ];
    for (translations, field, code) in cases {
        let (status, body) = send(Method::POST, "postings", refused(translations)).await;
        assert_eq!(status, 400, "{field}: {body}");
        assert_eq!(error_of(&body), (code.to_owned(), Some(field.to_owned())), "{body}");
    }
    let (status, body) = send(Method::POST, "postings", json!({"translations": {"de": {}}})).await;
    assert_eq!(status.as_u16() / 100, 4, "an unknown language is refused: {body}");

    let (status, created) = send(Method::POST, "postings", receptionist(in_swedish())).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["translations"]["sv"]["title"], "Klinikreceptionist");
    let (_, opened) = send(Method::POST, "postings/receptionist/status", json!({"status": "open"})).await;
    assert_eq!(opened["status"], "open");
    let (_, read) = send(Method::GET, "postings/receptionist", Value::Null).await;
    assert_eq!(read["translations"], created["translations"], "read back as written");
    let swedish = posting(&app, "receptionist", "?lang=sv").await;
    assert_eq!((swedish.summary.title.as_str(), swedish.summary.lang), ("Klinikreceptionist", Locale::Sv));
    assert_eq!(swedish.stages[1].description, "En timme på kliniken.");
    assert!(list(&app, "?lang=sv").await.postings.iter().any(|p| p.title == "Klinikreceptionist"));

    // Saved without it, the translation is gone: the draft is the whole posting.
    let (status, _) = send(Method::PUT, "postings/receptionist", receptionist(json!({}))).await;
    assert_eq!(status, 200);
    assert_eq!(posting(&app, "receptionist", "?lang=sv").await.summary.lang, Locale::En);
    assert!(list(&app, "?lang=sv").await.postings.iter().all(|p| p.title != "Klinikreceptionist"));
}

async fn a_candidate_who_applied_in_finnish_follows_it_in_finnish(backend: Backend) {
    let app = spawn_app(backend).await;
    let application = |choice: &str, locale: &str, email: &str| {
        json!({
            "profile": {"name": "Aino Virtanen", "email": email},
            "answers": [
                {"key": "finnish", "value": {"yes_no": true}},
                {"key": "hours", "value": {"choice": choice}}
            ],
            "consent": {"data_processing": true},
            "locale": locale
        })
    };
    let app = &app;
    let apply = |body: Value, key: &'static str| async move {
        json(app.apply("patient-experience-coordinator", key, &body).await).await
    };
    // A choice is one of the options as the candidate read them.
    let (status, body) =
        apply(application("Ke–pe", "en", "a@example.fi"), "translations-english-reads-finnish-choice").await;
    assert_eq!((status.as_u16(), error_of(&body).0.as_str()), (400, "not_a_choice"));
    let (status, ack) = apply(application("Ke–pe", "fi", "aino@example.fi"), "translations-applied-in-finnish").await;
    assert_eq!(status, 201, "{ack}");
    assert_eq!(ack["status"]["locale"], "fi");
    assert_eq!(ack["status"]["posting"]["title"], "Potilaskokemuskoordinaattori");
    assert_eq!(ack["status"]["posting"]["lang"], "fi");
    assert_eq!(ack["status"]["progress"]["stages"][2]["name"], "Koevuoro");
    let token = ack["status_token"].as_str().unwrap();
    let (_, status) = app.status(token).await;
    assert_eq!(status["posting"]["title"], "Potilaskokemuskoordinaattori");
    assert_eq!(status["locale"], "fi");

    let (status, ack) =
        apply(application("Wed–Fri", "sv", "britt@example.se"), "translations-applied-in-swedish").await;
    assert_eq!(status, 201, "{ack}");
    assert_eq!(
        (&ack["status"]["locale"], &ack["status"]["posting"]["title"]),
        (&json!("sv"), &json!("Patient Experience Coordinator")),
        "no Swedish written: the default's texts, the candidate's language kept"
    );
    assert_eq!(ack["status"]["posting"]["lang"], "en");

    // Recruiters read the posting in the words they wrote it in, and are
    // told which language the candidate applied in.
    let recruiter = app.token_with_role(Role::Recruiter).await;
    let response = app.recruiter(Method::GET, "postings/patient-experience-coordinator/applications", &recruiter);
    let (_, list) = json(response.send().await.unwrap()).await;
    let aino = list.as_array().unwrap().iter().find(|a| a["email"] == "aino@example.fi").expect("listed");
    let path = format!("applications/{}", aino["id"]);
    let (status, seen) = json(app.recruiter(Method::GET, &path, &recruiter).send().await.unwrap()).await;
    assert_eq!(status, 200, "{seen}");
    assert_eq!(seen["locale"], "fi");
    assert_eq!(seen["status"]["posting"]["title"], "Patient Experience Coordinator");
    assert_eq!(seen["status"]["posting"]["lang"], "en");
    assert_ne!(seen["status"]["progress"]["stages"][2]["name"], "Koevuoro", "the default's stage names");
}
