//! The store's contract, story by story, on every store there is: SQLite
//! and PostgreSQL (when `CANDOR_TEST_POSTGRES_URL` is set), each with and
//! without the public-read cache. Each story asserts what it must, and
//! writes down what it saw; every store must have seen the same.

mod audit;
mod changes;
#[path = "../support/database.rs"]
mod database;
mod outbox;
mod report_digests;
mod reports;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use audit::{
    a_change_is_kept_with_its_entry_and_a_refused_one_leaves_none, the_audit_log_keeps_to_its_company_newest_first,
};
use candor_api::apply::{Answer, AnswerValue};
use candor_api::company::CompanySettings;
use candor_api::mail::{MailKind, MailState};
use candor_api::notifications::Notify;
use candor_api::postings::{PostingDraft, ValidPosting};
use candor_api::profile::Profile;
use candor_api::qa::{DeclineReason, QuestionState};
use candor_api::recruiting::Role;
use candor_api::timeline::{EventKind, Outcome};
use candor_api::{Branding, CompanyPublic, CompanySlug, Day, HexColor, Locale, Origin, PostingSlug, QuestionKey};
use candor_server::store::NewMail;
use candor_server::store::{
    self, ApiTokenId, ApplicationId, Caching, CompanyId, IssuedToken, NewApplication, NewCompany, NewEvent,
    NewPasswordLink, NewQuestion, NewSession, NewUser, PostingId, PostingStatus, QuestionId, Settlement, Store,
    StoreError, Submitted, UserId,
};
use database::{Backend, Database};
use outbox::a_taken_mail_is_no_one_elses_until_given_back_or_its_lease_runs_out;
use report_digests::a_links_weekly_summary_is_due_on_its_companys_weekday_until_kept;
use reports::{
    a_posting_keeps_the_plan_it_was_first_published_with, report_links_notes_and_replies_keep_to_their_company,
};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

type Story = fn(Arc<dyn Store>) -> Pin<Box<dyn Future<Output = Vec<String>> + Send>>;

/// Runs `story` on a fresh database of every store and compares what each saw.
async fn on_every_store(name: &str, story: Story) {
    let mut backends = vec![("SQLite", Backend::Sqlite)];
    match Backend::postgres() {
        Some(postgres) => backends.push(("PostgreSQL", postgres)),
        None => eprintln!("{name}: PostgreSQL skipped (CANDOR_TEST_POSTGRES_URL is not set)"),
    }
    let mut seen: Vec<(String, Vec<String>)> = Vec::new();
    for (backend_name, backend) in backends {
        for caching in [Caching::Off, Caching::PublicReads] {
            let database = Database::fresh(backend.clone()).await;
            let store = store::open(&database.url, caching).await.expect("the store opens");
            let label = format!("{backend_name}, {caching:?}");
            seen.push((label, story(store).await));
        }
    }
    let (first_label, first) = &seen[0];
    for (label, transcript) in &seen[1..] {
        assert_eq!(transcript, first, "{name}: {label} saw otherwise than {first_label}");
    }
}

macro_rules! stories {
    ($($story:ident),+ $(,)?) => {$(
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn $story() {
            super::on_every_store(stringify!($story), |store| Box::pin(super::$story(store))).await
        }
    )+};
}

mod every_store {
    stories!(
        questions_keep_the_order_they_were_asked_in_within_one_second,
        events_keep_their_order_and_times_are_the_callers,
        creation_times_are_the_callers_never_the_databases,
        a_company_scoped_call_never_reaches_another_company,
        conflicts_say_what_was_there_first,
        erasing_keeps_only_the_bare_history,
        public_reads_follow_every_write,
        people_sessions_and_set_password_links,
        one_address_has_an_account_in_each_company_that_invites_it,
        each_person_keeps_their_own_console_language,
        each_person_chooses_their_mail_and_a_digest_goes_once_a_day,
        two_admins_demoting_each_other_at_once_leave_one_admin,
        each_language_reads_its_own_texts_and_follows_every_write,
        an_address_finds_its_applications_and_questions_and_a_settlement_keeps_its_mail,
        late_promises_are_found_by_their_date_until_apologised_for,
        a_posting_keeps_the_plan_it_was_first_published_with,
        report_links_notes_and_replies_keep_to_their_company,
        a_links_weekly_summary_is_due_on_its_companys_weekday_until_kept,
        a_taken_mail_is_no_one_elses_until_given_back_or_its_lease_runs_out,
        the_audit_log_keeps_to_its_company_newest_first,
        a_change_is_kept_with_its_entry_and_a_refused_one_leaves_none,
    );
}

/// 09:17:05 and a fraction, on the day the suite was written.
const T0: OffsetDateTime = datetime!(2026-12-01 09:17:05.123456789 UTC);

fn today() -> Day {
    Day::from_ymd(2026, 12, 1).unwrap()
}

async fn company(store: &Arc<dyn Store>, slug: &str) -> CompanyId {
    let public = CompanyPublic {
        slug: CompanySlug::parse(slug).unwrap(),
        name: format!("Company {slug}"),
        branding: Branding { accent_color: HexColor::parse("#0f766e").unwrap(), font_family: None, logo_url: None },
        default_locale: Locale::En,
        retention_days: 180,
    };
    store
        .create_company(&NewCompany { public, silence_alarm_days: 7, origins: Vec::new(), created_at: T0 })
        .await
        .unwrap()
}

fn draft(slug: &str, title: &str) -> ValidPosting {
    serde_json::from_value::<PostingDraft>(serde_json::json!({
        "slug": slug,
        "title": title,
        "department": "Clinic",
        "location": {"city": "Oulu", "country": "FI"},
        "workplace": "on_site",
        "employment_type": "full_time",
        "teaser": "",
        "salary": {"min": 3000, "max": 3600, "currency": "EUR", "period": "month"},
        "description": "What the work is.",
        "stages": [{"name": "Review", "expected_days": 3}, {"name": "Offer", "expected_days": 2}],
        "screening_questions": [{"key": "licence", "prompt": "Licensed?", "required": true, "kind": "yes_no"}]
    }))
    .unwrap()
    .validate(today(), Locale::En)
    .unwrap()
}

async fn posting(store: &Arc<dyn Store>, company: CompanyId, slug: &str) -> PostingId {
    store.create_posting(company, &draft(slug, "Dental Hygienist"), PostingStatus::Open).await.unwrap()
}

fn received(at: OffsetDateTime) -> NewEvent {
    NewEvent { at, on: today(), kind: EventKind::Received, message: String::new(), promised: today().add_days(3) }
}

fn application(company: CompanyId, posting: PostingId, email: &str, key: &str) -> NewApplication {
    NewApplication {
        company,
        posting,
        token_selector: format!("selector-{key}"),
        token_verifier: vec![1, 2, 3],
        idempotency_key: key.to_owned(),
        request_digest: email.as_bytes().to_vec(),
        email_key: email.to_owned(),
        profile: Profile { name: "Aino Virtanen".into(), email: email.to_owned(), ..Profile::default() },
        answers: vec![Answer { key: QuestionKey::parse("licence").unwrap(), value: AnswerValue::YesNo(true) }],
        talent_pool: false,
        locale: Locale::Fi,
        received: received(T0),
        received_mail: None,
        arrival_mails: Default::default(),
    }
}

async fn applied(store: &Arc<dyn Store>, company: CompanyId, posting: PostingId, email: &str) -> ApplicationId {
    match store.submit_application(&application(company, posting, email, &format!("key-{email}"))).await.unwrap() {
        Submitted::New(id) => id,
        other => panic!("{other:?}"),
    }
}

fn question(company: CompanyId, posting: PostingId, text: &str, asked_at: OffsetDateTime) -> NewQuestion {
    NewQuestion {
        company,
        posting,
        token_selector: format!("selector-{text}"),
        token_verifier: vec![4, 5, 6],
        text: text.to_owned(),
        name: String::new(),
        asked_at,
        repeat_key: format!("repeat-{text}").into_bytes(),
        arrival_mails: Vec::new(),
        email: None,
        locale: Locale::En,
    }
}

fn user(company: CompanyId, email: &str, name: &str, role: Role) -> NewUser {
    NewUser { company, email: email.to_owned(), name: name.to_owned(), role, password_hash: None, created_at: T0 }
}

fn conflict<T: std::fmt::Debug>(result: Result<T, StoreError>) -> String {
    match result {
        Err(StoreError::Conflict(c)) => format!("{c:?}"),
        Err(StoreError::NotFound) => "NotFound".into(),
        other => panic!("neither a conflict nor not found: {other:?}"),
    }
}

/// The microsecond a store keeps of a time.
fn to_the_microsecond(at: OffsetDateTime) -> OffsetDateTime {
    at.replace_nanosecond(at.nanosecond() / 1_000 * 1_000).unwrap()
}

async fn questions_keep_the_order_they_were_asked_in_within_one_second(store: Arc<dyn Store>) -> Vec<String> {
    let company = company(&store, "northwind").await;
    let posting = posting(&store, company, "hygienist").await;
    let other = posting_other(&store, company).await;
    // Within one second: a text sort of times with as many decimals as they
    // need would put 09:17:05Z after 09:17:05.5Z.
    let at = |ms: i64| datetime!(2026-12-01 09:17:05 UTC) + Duration::milliseconds(ms);
    let mut ids = Vec::new();
    for (text, when, on) in [
        ("half past", at(500), posting),
        ("on the second", at(0), posting),
        ("a quarter past", at(250), posting),
        ("also on the second", at(0), posting),
        ("about the other posting", at(100), other),
    ] {
        ids.push(store.create_question(&question(company, on, text, when)).await.unwrap());
    }
    let texts = |qs: Vec<store::QuestionRecord>| qs.into_iter().map(|q| q.text).collect::<Vec<_>>();
    let all = texts(store.questions(company, None, None).await.unwrap());
    assert_eq!(all, ["on the second", "also on the second", "about the other posting", "a quarter past", "half past"]);
    let of_posting = texts(store.questions(company, Some(posting), None).await.unwrap());
    assert_eq!(of_posting, ["on the second", "also on the second", "a quarter past", "half past"]);

    let answered_at = T0 + Duration::minutes(42);
    store.settle_question(company, ids[2], &Settlement::Answer("Yes.".into()), answered_at, None).await.unwrap();
    let decline = Settlement::Decline(DeclineReason::OffTopic, "Ask HR.".into());
    store.settle_question(company, ids[0], &decline, answered_at, None).await.unwrap();
    let answered = store.questions(company, Some(posting), Some(QuestionState::Answered)).await.unwrap();
    assert_eq!(answered.len(), 1);
    assert_eq!(answered[0].settled, Some((Settlement::Answer("Yes.".into()), to_the_microsecond(answered_at))));
    let pending = texts(store.questions(company, None, Some(QuestionState::Pending)).await.unwrap());
    assert_eq!(pending, ["on the second", "also on the second", "about the other posting"]);
    let declined = store.question(company, ids[0]).await.unwrap().unwrap();
    assert_eq!(declined.state(), QuestionState::Declined);
    let by_token = store.question_by_selector("selector-a quarter past").await.unwrap().unwrap();
    assert_eq!(by_token.asked_at, at(250));
    // Asked again: the earliest with the key since the time given, on that posting only.
    let mut again = question(company, posting, "on the second", at(900));
    again.token_selector = "selector-again".into();
    store.create_question(&again).await.unwrap();
    let repeated = |on: PostingId, since: OffsetDateTime| {
        let store = store.clone();
        async move { store.repeated_question(company, on, b"repeat-on the second", since).await.unwrap().map(|q| q.id) }
    };
    assert_eq!(repeated(posting, at(0)).await, Some(ids[1]));
    assert_eq!(repeated(posting, at(1)).await.map(|id| id == ids[1]), Some(false), "only since then");
    assert_eq!(repeated(posting, at(901)).await, None);
    assert_eq!(repeated(other, at(0)).await, None, "another posting");
    let duplicate = Settlement::Decline(DeclineReason::Duplicate, "Answered below.".into());
    store.settle_question(company, ids[3], &duplicate, answered_at, None).await.unwrap();
    let duplicate_seen = store.question(company, ids[3]).await.unwrap().unwrap().settled;
    assert_eq!(duplicate_seen, Some((duplicate, to_the_microsecond(answered_at))));

    let mut seen = all;
    seen.extend(pending);
    seen.push(format!("{:?}", answered[0].settled));
    seen.push(format!("{:?}", declined.settled));
    seen
}

async fn posting_other(store: &Arc<dyn Store>, company: CompanyId) -> PostingId {
    store.create_posting(company, &draft("receptionist", "Receptionist"), PostingStatus::Open).await.unwrap()
}

async fn events_keep_their_order_and_times_are_the_callers(store: Arc<dyn Store>) -> Vec<String> {
    let company = company(&store, "northwind").await;
    let posting = posting(&store, company, "hygienist").await;
    let id = applied(&store, company, posting, "aino@example.fi").await;
    let moved = NewEvent {
        at: T0 + Duration::milliseconds(300),
        on: today(),
        kind: EventKind::StageChanged { stage: 1 },
        message: "Can we talk on Tuesday?".into(),
        promised: today().add_days(5),
    };
    let added = store.append_event(company, id, 2, &moved, None).await.unwrap();
    assert_eq!((added.seq, added.at.as_str()), (2, "2026-12-01T09:17:05Z"));
    let closed = NewEvent {
        at: T0 + Duration::milliseconds(600),
        on: today(),
        kind: EventKind::Closed { outcome: Outcome::Hired },
        message: "Welcome aboard!".into(),
        promised: None,
    };
    // Someone else's action took number 2 first: nothing is written.
    assert_eq!(conflict(store.append_event(company, id, 2, &closed, None).await), "EventNumber");
    store.append_event(company, id, 3, &closed, None).await.unwrap();
    let events = store.application_events(company, id).await.unwrap();
    assert_eq!(events.iter().map(|e| e.seq).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(events[1], added, "what was appended is what is read");
    let listed = store.applications_of_posting(company, posting).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].1, events);
    assert_eq!(store.closings_with_message(company, "Welcome aboard!").await.unwrap(), 1);
    assert_eq!(store.closings_with_message(company, "Can we talk on Tuesday?").await.unwrap(), 0, "not a closing");
    events.iter().map(|e| format!("{e:?}")).collect()
}

async fn creation_times_are_the_callers_never_the_databases(store: Arc<dyn Store>) -> Vec<String> {
    let company = company(&store, "northwind").await;
    let long_ago = datetime!(2020-01-01 00:00:00.5 UTC);
    let issued = IssuedToken {
        role: Role::Recruiter,
        name: "ATS sync".into(),
        selector: "token-selector".into(),
        verifier: vec![9; 32],
        created_by: None,
        created_at: long_ago,
    };
    let info = store.create_api_token(company, &issued, None).await.unwrap();
    assert_eq!(info.created_at, "2020-01-01T00:00:00Z");
    let same = IssuedToken { name: "ATS sync".into(), selector: "another-selector".into(), ..issued };
    let twin = store.create_api_token(company, &same, None).await.unwrap();
    assert_ne!(info.id, twin.id, "two tokens of one name are two tokens");
    let revoked_at = datetime!(2021-06-01 12:00:00 UTC);
    store.revoke_api_token(company, ApiTokenId(info.id), revoked_at, None).await.unwrap();
    store.revoke_api_token(company, ApiTokenId(info.id), revoked_at + Duration::days(1), None).await.unwrap();
    let listed = store.api_tokens(company).await.unwrap();
    assert_eq!(listed.iter().map(|t| t.id).collect::<Vec<_>>(), [twin.id, info.id], "newest first");
    assert_eq!(listed[1].revoked_at.as_deref(), Some("2021-06-01T12:00:00Z"), "the first revocation stands");
    let record = store.api_token_by_selector("token-selector").await.unwrap().unwrap();
    assert!(record.revoked && record.company == company && record.role == Role::Recruiter);
    let user_id = store.create_user(&user(company, "admin@example.com", "Maria", Role::Admin), None).await.unwrap();
    let expires_at = long_ago + Duration::hours(12);
    let session = NewSession {
        selector: "session".into(),
        verifier: vec![7; 32],
        user: user_id,
        csrf_token: "csrf".into(),
        expires_at,
    };
    store.create_session(&session).await.unwrap();
    assert_eq!(store.session("session").await.unwrap().unwrap().expires_at, expires_at);
    listed.iter().map(|t| format!("{t:?}")).collect()
}

async fn a_company_scoped_call_never_reaches_another_company(store: Arc<dyn Store>) -> Vec<String> {
    let mine = company(&store, "northwind").await;
    let theirs = company(&store, "intruder").await;
    let posting = posting(&store, mine, "hygienist").await;
    let application = applied(&store, mine, posting, "aino@example.fi").await;
    store.put_cv(mine, application, "cv.pdf", b"%PDF-1.4 a CV", T0).await.unwrap();
    let question = store.create_question(&question(mine, posting, "Is there parking?", T0)).await.unwrap();
    let admin = store.create_user(&user(mine, "admin@northwind.example", "Maria", Role::Admin), None).await.unwrap();
    let recruiter =
        store.create_user(&user(mine, "rec@northwind.example", "Rasmus", Role::Recruiter), None).await.unwrap();
    let token = IssuedToken {
        role: Role::Admin,
        name: "mine".into(),
        selector: "mine".into(),
        verifier: vec![1; 32],
        created_by: Some(admin),
        created_at: T0,
    };
    let token = ApiTokenId(store.create_api_token(mine, &token, None).await.unwrap().id);

    // Every read with the other company's id finds nothing…
    let s = &store;
    assert_eq!(s.posting_by_id(theirs, posting).await.unwrap(), None);
    assert_eq!(s.posting(theirs, &PostingSlug::parse("hygienist").unwrap()).await.unwrap(), None);
    assert!(s.company_postings(theirs).await.unwrap().is_empty());
    assert!(s.open_postings(theirs, None).await.unwrap().is_empty());
    assert_eq!(s.application_count(theirs, posting).await.unwrap(), 0);
    assert_eq!(s.application(theirs, application).await.unwrap(), None);
    assert!(s.applications_of_posting(theirs, posting).await.unwrap().is_empty());
    assert!(s.application_events(theirs, application).await.unwrap().is_empty());
    assert_eq!(s.cv(theirs, application).await.unwrap(), None);
    assert_eq!(s.cv_info(theirs, application).await.unwrap(), None);
    assert_eq!(s.question(theirs, question).await.unwrap(), None);
    assert!(s.questions(theirs, Some(posting), None).await.unwrap().is_empty());
    assert_eq!(s.repeated_question(theirs, posting, b"repeat-Is there parking?", T0).await.unwrap(), None);
    assert_eq!(s.user(theirs, admin).await.unwrap(), None);
    assert!(s.users(theirs).await.unwrap().is_empty());
    assert!(s.api_tokens(theirs).await.unwrap().is_empty());
    assert!(s.origins(theirs).await.unwrap().is_empty());
    assert_eq!(s.closings_with_message(theirs, "").await.unwrap(), 0);
    assert!(s.notified(theirs, Notify::Each).await.unwrap().is_empty());
    assert_eq!(conflict(s.notify(theirs, admin).await), "NotFound");
    assert!(s.applications_by_email(theirs, "aino@example.fi").await.unwrap().is_empty());
    assert!(s.questions_by_email(theirs, "asker@example.fi").await.unwrap().is_empty());

    // …and every write is refused as if the row did not exist.
    let event = NewEvent { message: "Hi".into(), kind: EventKind::Message, ..received(T0) };
    let mut refused = vec![
        conflict(s.append_event(theirs, application, 2, &event, None).await),
        conflict(s.erase_application(theirs, application, T0, None).await),
        conflict(s.put_cv(theirs, application, "evil.pdf", b"%PDF-1.4 evil", T0).await),
        conflict(s.settle_question(theirs, question, &Settlement::Answer("No.".into()), T0, None).await),
        conflict(s.update_posting(theirs, posting, &draft("hygienist", "Hacked"), 1).await),
        conflict(s.set_posting_status(theirs, posting, PostingStatus::Open, PostingStatus::Closed, today()).await),
        conflict(s.set_user_role(theirs, recruiter, Role::Admin, T0, None).await),
        conflict(s.delete_user(theirs, recruiter, T0, None).await),
        conflict(s.set_user_locale(theirs, recruiter, Some(Locale::Fi)).await),
        conflict(s.revoke_api_token(theirs, token, T0, None).await),
        conflict(s.set_notify(theirs, recruiter, Notify::None).await),
    ];
    let link = NewPasswordLink { selector: "link".into(), verifier: vec![2; 32], user: recruiter, expires_at: T0 };
    refused.push(conflict(s.create_password_link(theirs, &link, None, T0, None).await));
    // Nor can a new row tie one company to another's posting or person.
    refused
        .push(conflict(s.submit_application(&crate::application(theirs, posting, "evil@example.com", "evil")).await));
    refused.push(conflict(s.create_question(&crate::question(theirs, posting, "Planted?", T0)).await));
    let planted = IssuedToken {
        role: Role::Admin,
        name: "planted".into(),
        selector: "planted".into(),
        verifier: vec![3; 32],
        created_by: Some(admin),
        created_at: T0,
    };
    refused.push(conflict(s.create_api_token(theirs, &planted, None).await));
    assert!(refused.iter().all(|r| r == "NotFound"), "{refused:?}");
    // An id of no row at all answers the same as another company's.
    assert_eq!(conflict(s.append_event(mine, ApplicationId(9_999), 2, &event, None).await), "NotFound");
    assert_eq!(
        conflict(s.settle_question(mine, QuestionId(9_999), &Settlement::Answer("x".into()), T0, None).await),
        "NotFound"
    );
    assert_eq!(conflict(s.delete_user(mine, UserId(9_999), T0, None).await), "NotFound");

    // The company's own data is as it was.
    let events = s.application_events(mine, application).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(s.cv(mine, application).await.unwrap().unwrap().0.file_name, "cv.pdf");
    assert_eq!(s.question(mine, question).await.unwrap().unwrap().state(), QuestionState::Pending);
    assert_eq!(s.posting_by_id(mine, posting).await.unwrap().unwrap().detail.summary.title, "Dental Hygienist");
    assert_eq!(s.user(mine, recruiter).await.unwrap().unwrap().role, Role::Recruiter);
    assert_eq!(s.user(mine, recruiter).await.unwrap().unwrap().locale, None);
    assert!(s.api_tokens(mine).await.unwrap()[0].revoked_at.is_none());
    refused.push(format!("{:?}", events));
    refused
}

async fn conflicts_say_what_was_there_first(store: Arc<dyn Store>) -> Vec<String> {
    let company_id = company(&store, "northwind").await;
    let mut seen = Vec::new();
    let elsewhere = Origin::parse("https://careers.again.example").unwrap();
    let again = NewCompany {
        public: store.company(company_id).await.unwrap().unwrap().public,
        silence_alarm_days: 7,
        origins: vec![elsewhere.clone()],
        created_at: T0,
    };
    seen.push(conflict(store.create_company(&again).await));
    assert!(!store.is_origin_allowed_anywhere(&elsewhere).await.unwrap(), "all or nothing");
    let posting = posting(&store, company_id, "hygienist").await;
    seen.push(conflict(store.create_posting(company_id, &draft("hygienist", "Twin"), PostingStatus::Draft).await));

    let first = application(company_id, posting, "aino@example.fi", "key-one");
    let id = match store.submit_application(&first).await.unwrap() {
        Submitted::New(id) => id,
        other => panic!("{other:?}"),
    };
    assert_eq!(store.submit_application(&first).await.unwrap(), Submitted::Retry(id), "a retry finds the first");
    let reused_key = NewApplication { request_digest: b"something else".to_vec(), ..first.clone() };
    seen.push(conflict(store.submit_application(&reused_key).await));
    let same_person =
        NewApplication { idempotency_key: "key-two".into(), token_selector: "selector-two".into(), ..first };
    seen.push(conflict(store.submit_application(&same_person).await));
    assert_eq!(store.application_count(company_id, posting).await.unwrap(), 1);

    seen.push(conflict(store.update_posting(company_id, posting, &draft("hygienist", "Edited"), 0).await));
    store.update_posting(company_id, posting, &draft("hygienist", "Edited"), 1).await.unwrap();

    let question = store.create_question(&question(company_id, posting, "Parking?", T0)).await.unwrap();
    store.settle_question(company_id, question, &Settlement::Answer("Yes.".into()), T0, None).await.unwrap();
    seen.push(conflict(store.settle_question(company_id, question, &Settlement::Answer("No.".into()), T0, None).await));

    let admin =
        store.create_user(&user(company_id, "admin@northwind.example", "Maria", Role::Admin), None).await.unwrap();
    seen.push(conflict(
        store.create_user(&user(company_id, "ADMIN@northwind.example", "Twin", Role::Viewer), None).await,
    ));
    seen.push(conflict(store.set_user_role(company_id, admin, Role::Viewer, T0, None).await));
    seen.push(conflict(store.delete_user(company_id, admin, T0, None).await));
    let second =
        store.create_user(&user(company_id, "second@northwind.example", "Sam", Role::Admin), None).await.unwrap();
    store.set_user_role(company_id, admin, Role::Recruiter, T0, None).await.unwrap();
    seen.push(conflict(store.set_user_role(company_id, second, Role::Recruiter, T0, None).await));
    assert_eq!(
        seen,
        [
            "CompanySlug",
            "PostingSlug",
            "IdempotencyKey",
            "ApplicationEmail",
            "AppliedMeanwhile",
            "QuestionSettled",
            "UserEmail",
            "LastAdmin",
            "LastAdmin",
            "LastAdmin"
        ]
    );
    seen
}

async fn erasing_keeps_only_the_bare_history(store: Arc<dyn Store>) -> Vec<String> {
    let company = company(&store, "northwind").await;
    let posting = posting(&store, company, "hygienist").await;
    let id = applied(&store, company, posting, "aino@example.fi").await;
    let message = NewEvent { kind: EventKind::Message, message: "Personal words".into(), ..received(T0) };
    store.append_event(company, id, 2, &message, None).await.unwrap();
    store.put_cv(company, id, "cv.pdf", b"%PDF-1.4 a CV", T0).await.unwrap();
    assert_eq!(store.cv_info(company, id).await.unwrap().map(|c| c.size), Some(13));
    store.erase_application(company, id, T0, None).await.unwrap();
    let record = store.application(company, id).await.unwrap().unwrap();
    assert_eq!((record.profile, record.answers), (None, None));
    let events = store.application_events(company, id).await.unwrap();
    assert_eq!(events.iter().map(|e| (e.seq, e.message.as_str())).collect::<Vec<_>>(), [(1, ""), (2, "")]);
    assert_eq!(store.cv(company, id).await.unwrap(), None);
    assert_eq!(
        store.application_by_selector("selector-key-aino@example.fi").await.unwrap(),
        None,
        "the token is retired"
    );
    // The address may apply again: one application per address counts live ones.
    applied(&store, company, posting, "aino@example.fi").await;
    events.iter().map(|e| format!("{e:?}")).collect()
}

/// `draft` with a Finnish translation of every text it has.
fn translated(slug: &str, title: &str, finnish_title: &str) -> ValidPosting {
    let mut raw = serde_json::to_value(PostingDraft::from(&draft(slug, title).detail)).unwrap();
    raw["translations"] = serde_json::json!({"fi": {
        "title": finnish_title,
        "department": "Klinikka",
        "description": "Mitä työ on.",
        "stages": [{"name": "Arviointi"}, {"name": "Tarjous"}],
        "screening_questions": [{"prompt": "Laillistettu?"}]
    }});
    serde_json::from_value::<PostingDraft>(raw).unwrap().validate(today(), Locale::En).unwrap()
}

async fn each_language_reads_its_own_texts_and_follows_every_write(store: Arc<dyn Store>) -> Vec<String> {
    let company = company(&store, "northwind").await;
    let slug = PostingSlug::parse("hygienist").unwrap();
    let titles = |list: Arc<Vec<candor_api::PostingSummary>>| {
        list.iter().map(|p| format!("{} ({})", p.title, p.lang.tag())).collect::<Vec<_>>().join(", ")
    };
    let mut seen = Vec::new();
    // Read (and kept) in every language before anything is translated.
    for lang in [None, Some(Locale::Fi), Some(Locale::Sv)] {
        assert!(store.open_postings(company, lang).await.unwrap().is_empty());
    }
    let id = store
        .create_posting(company, &translated("hygienist", "Hygienist", "Suuhygienisti"), PostingStatus::Open)
        .await
        .unwrap();
    posting(&store, company, "receptionist").await;
    for lang in [None, Some(Locale::Fi), Some(Locale::Sv), Some(Locale::En)] {
        seen.push(format!("{lang:?}: {}", titles(store.open_postings(company, lang).await.unwrap())));
    }
    let stored = store.posting(company, &slug).await.unwrap().unwrap();
    assert_eq!(stored.detail.summary.lang, Locale::En);
    assert_eq!(stored.translations[&Locale::Fi].stages[1].name, "Tarjous");
    assert_eq!(store.posting_by_id(company, id).await.unwrap().unwrap().translations, stored.translations);

    // A new Finnish title shows in Finnish only; the English list is as it was.
    store.update_posting(company, id, &translated("hygienist", "Hygienist", "Hammashygienisti"), 0).await.unwrap();
    seen.push(format!("after the edit, fi: {}", titles(store.open_postings(company, Some(Locale::Fi)).await.unwrap())));
    seen.push(format!("after the edit: {}", titles(store.open_postings(company, None).await.unwrap())));
    // Saved without its translation: no Finnish left, in any read.
    store.update_posting(company, id, &draft("hygienist", "Hygienist"), 0).await.unwrap();
    seen.push(format!("untranslated, fi: {}", titles(store.open_postings(company, Some(Locale::Fi)).await.unwrap())));
    assert!(store.posting(company, &slug).await.unwrap().unwrap().translations.is_empty());
    // The default's language is the company's: it follows the settings.
    let settings = store.company(company).await.unwrap().unwrap();
    let changed = CompanySettings {
        name: settings.public.name.clone(),
        branding: settings.public.branding.clone(),
        default_locale: Locale::Sv,
        retention_days: settings.public.retention_days,
        silence_alarm_days: 7,
        origins: vec![],
        late_promise_mail: true,
        reports: Default::default(),
    };
    store.update_company(company, &changed, &[]).await.unwrap();
    seen.push(format!("in Swedish now: {}", titles(store.open_postings(company, None).await.unwrap())));
    assert_eq!(store.posting(company, &slug).await.unwrap().unwrap().detail.summary.lang, Locale::Sv);
    seen
}

async fn public_reads_follow_every_write(store: Arc<dyn Store>) -> Vec<String> {
    let slug = CompanySlug::parse("northwind").unwrap();
    assert_eq!(store.company_by_slug(&slug).await.unwrap(), None, "read (and kept) before it exists");
    let first_site = Origin::parse("https://northwind.example").unwrap();
    assert!(!store.is_origin_allowed_anywhere(&first_site).await.unwrap(), "read (and kept) before it is allowed");
    let public = store.company(company(&store, "template").await).await.unwrap().unwrap().public;
    let public = CompanyPublic { slug: slug.clone(), ..public };
    let new = NewCompany { public, silence_alarm_days: 7, origins: vec![first_site.clone()], created_at: T0 };
    let company = store.create_company(&new).await.unwrap();
    assert!(store.is_origin_allowed(&slug, &first_site).await.unwrap(), "created with its origins");
    assert_eq!(store.company_by_slug(&slug).await.unwrap().map(|c| c.id), Some(company));
    let origin = Origin::parse("https://careers.northwind.example").unwrap();
    assert!(!store.is_origin_allowed(&slug, &origin).await.unwrap());
    assert!(!store.is_origin_allowed_anywhere(&origin).await.unwrap());
    store.allow_origin(company, &origin).await.unwrap();
    assert!(store.is_origin_allowed(&slug, &origin).await.unwrap());
    assert!(store.is_origin_allowed_anywhere(&origin).await.unwrap());

    let hygienist = PostingSlug::parse("hygienist").unwrap();
    assert_eq!(store.posting(company, &hygienist).await.unwrap(), None);
    assert!(store.open_postings(company, None).await.unwrap().is_empty());
    let id = posting(&store, company, "hygienist").await;
    assert_eq!(store.open_postings(company, None).await.unwrap().len(), 1);
    store.update_posting(company, id, &draft("hygienist", "Senior Hygienist"), 0).await.unwrap();
    assert_eq!(store.posting(company, &hygienist).await.unwrap().unwrap().detail.summary.title, "Senior Hygienist");
    assert_eq!(store.open_postings(company, None).await.unwrap()[0].title, "Senior Hygienist");
    store.set_posting_status(company, id, PostingStatus::Open, PostingStatus::Closed, today()).await.unwrap();
    assert!(store.open_postings(company, None).await.unwrap().is_empty());
    assert_eq!(store.posting(company, &hygienist).await.unwrap().unwrap().status, PostingStatus::Closed);
    assert_eq!(
        conflict(store.set_posting_status(company, id, PostingStatus::Open, PostingStatus::Closed, today()).await),
        "NotFound"
    );

    let settings = CompanySettings {
        name: "Northwind Dental Oy".into(),
        branding: Branding { accent_color: HexColor::parse("#1d4ed8").unwrap(), font_family: None, logo_url: None },
        default_locale: Locale::Fi,
        retention_days: 365,
        silence_alarm_days: 3,
        origins: vec![],
        late_promise_mail: false,
        reports: Default::default(),
    };
    let other_origin = Origin::parse("https://jobs.northwind.example").unwrap();
    store.update_company(company, &settings, std::slice::from_ref(&other_origin)).await.unwrap();
    let read = store.company_by_slug(&slug).await.unwrap().unwrap();
    assert_eq!(
        (read.public.name.as_str(), read.public.default_locale, read.silence_alarm_days, read.late_promise_mail),
        ("Northwind Dental Oy", Locale::Fi, 3, false)
    );
    assert!(!store.is_origin_allowed(&slug, &origin).await.unwrap(), "the old origin is gone");
    assert!(store.is_origin_allowed(&slug, &other_origin).await.unwrap());
    assert_eq!(store.origins(company).await.unwrap(), [other_origin]);
    vec![format!("{read:?}")]
}

async fn people_sessions_and_set_password_links(store: Arc<dyn Store>) -> Vec<String> {
    let company = company(&store, "northwind").await;
    for (email, name) in [("b@x.example", "bea"), ("a@x.example", "Anna"), ("c@x.example", "Cecilia")] {
        store.create_user(&user(company, email, name, Role::Recruiter), None).await.unwrap();
    }
    let names: Vec<String> = store.users(company).await.unwrap().into_iter().map(|u| u.name).collect();
    assert_eq!(names, ["Anna", "bea", "Cecilia"], "by name, whatever its case");
    let [anna] = <[_; 1]>::try_from(store.users_by_email("A@X.EXAMPLE").await.unwrap()).unwrap();
    let session = NewSession {
        selector: "session".into(),
        verifier: vec![3; 32],
        user: anna.id,
        csrf_token: "csrf".into(),
        expires_at: T0 + Duration::hours(12),
    };
    store.create_session(&session).await.unwrap();
    assert_eq!(store.session("session").await.unwrap().unwrap().user, anna);
    let link = NewPasswordLink { selector: "link-1".into(), verifier: vec![4; 32], user: anna.id, expires_at: T0 };
    store.create_password_link(company, &link, None, T0, None).await.unwrap();
    let newer = NewPasswordLink { selector: "link-2".into(), ..link };
    store.create_password_link(company, &newer, None, T0, None).await.unwrap();
    assert_eq!(store.password_link("link-1").await.unwrap(), None, "a new link replaces the old one");
    assert_eq!(store.password_link("link-2").await.unwrap().unwrap().user, anna);
    store.use_password_link("link-2", "$argon2id$new").await.unwrap();
    assert_eq!(conflict(store.use_password_link("link-2", "$argon2id$again").await), "NotFound", "used once");
    assert_eq!(store.session("session").await.unwrap(), None, "setting a password ends the sessions");
    let anna = store.user(company, anna.id).await.unwrap().unwrap();
    assert_eq!(anna.password_hash.as_deref(), Some("$argon2id$new"));
    store.delete_session("no such session").await.unwrap();
    vec![format!("{anna:?}"), names.join(", ")]
}

async fn one_address_has_an_account_in_each_company_that_invites_it(store: Arc<dyn Store>) -> Vec<String> {
    let northwind = company(&store, "northwind").await;
    let harbour = company(&store, "harbour").await;
    assert_eq!(store.users_by_email("agent@x.example").await.unwrap(), [], "no one has it yet");
    let at_northwind = NewUser {
        password_hash: Some("$argon2id$northwind".into()),
        ..user(northwind, "agent@x.example", "Alex", Role::Admin)
    };
    let in_northwind = store.create_user(&at_northwind, None).await.unwrap();
    let in_harbour = store.create_user(&user(harbour, "Agent@X.example", "Alex H.", Role::Viewer), None).await.unwrap();
    assert_ne!(in_northwind, in_harbour);
    assert_eq!(
        conflict(store.create_user(&user(harbour, "AGENT@x.example", "Twin", Role::Recruiter), None).await),
        "UserEmail",
        "twice in one company is still a conflict"
    );
    let found = store.users_by_email("agent@X.EXAMPLE").await.unwrap();
    let seen: Vec<String> = found
        .iter()
        .map(|u| format!("{} {} {:?} {:?} {}", u.email, u.name, u.role, u.password_hash, u.company == northwind))
        .collect();
    assert_eq!(
        seen,
        ["agent@x.example Alex Admin Some(\"$argon2id$northwind\") true", "agent@x.example Alex H. Viewer None false",],
        "one account per company, in the order they were made, each with its own role and password"
    );
    // Each company reaches only its own account, by id or in its list.
    assert_eq!(store.user(harbour, in_northwind).await.unwrap(), None);
    assert_eq!(store.users(harbour).await.unwrap(), [found[1].clone()]);
    // Removing one leaves the other.
    store.create_user(&user(harbour, "keeper@x.example", "Kim", Role::Admin), None).await.unwrap();
    store.delete_user(harbour, in_harbour, T0, None).await.unwrap();
    assert_eq!(store.users_by_email("agent@x.example").await.unwrap(), [found[0].clone()]);
    seen
}

async fn each_person_keeps_their_own_console_language(store: Arc<dyn Store>) -> Vec<String> {
    let company = company(&store, "northwind").await;
    let anna = store.create_user(&user(company, "a@x.example", "Anna", Role::Recruiter), None).await.unwrap();
    let bea = store.create_user(&user(company, "b@x.example", "Bea", Role::Viewer), None).await.unwrap();
    assert_eq!(store.user(company, anna).await.unwrap().unwrap().locale, None, "the company's default at first");
    store.set_user_locale(company, anna, Some(Locale::Fi)).await.unwrap();
    let session = NewSession {
        selector: "anna".into(),
        verifier: vec![3; 32],
        user: anna,
        csrf_token: "csrf".into(),
        expires_at: T0 + Duration::hours(12),
    };
    store.create_session(&session).await.unwrap();
    // Signing in and every request read it with the person.
    assert_eq!(store.session("anna").await.unwrap().unwrap().user.locale, Some(Locale::Fi));
    assert_eq!(store.users_by_email("a@x.example").await.unwrap()[0].locale, Some(Locale::Fi));
    assert_eq!(store.user(company, bea).await.unwrap().unwrap().locale, None, "one person's choice only");
    store.set_user_locale(company, anna, Some(Locale::Pl)).await.unwrap();
    store.set_user_locale(company, bea, Some(Locale::Sv)).await.unwrap();
    store.set_user_locale(company, bea, None).await.unwrap();
    let all: Vec<String> =
        store.users(company).await.unwrap().into_iter().map(|u| format!("{}: {:?}", u.name, u.locale)).collect();
    assert_eq!(all, ["Anna: Some(Pl)", "Bea: None"]);
    assert_eq!(conflict(store.set_user_locale(company, UserId(9_999), Some(Locale::Fi)).await), "NotFound");
    all
}

async fn each_person_chooses_their_mail_and_a_digest_goes_once_a_day(store: Arc<dyn Store>) -> Vec<String> {
    let company = company(&store, "northwind").await;
    let anna = store.create_user(&user(company, "a@x.example", "Anna", Role::Recruiter), None).await.unwrap();
    let bea = store.create_user(&user(company, "b@x.example", "Bea", Role::Viewer), None).await.unwrap();
    assert_eq!(store.notify(company, anna).await.unwrap(), Notify::Each, "a mail for each, to begin with");
    store.set_notify(company, bea, Notify::Digest).await.unwrap();
    assert_eq!(store.notify(company, bea).await.unwrap(), Notify::Digest);
    let each: Vec<UserId> = store.notified(company, Notify::Each).await.unwrap().iter().map(|u| u.id).collect();
    assert_eq!(each, [anna]);
    let day = Day::parse("2027-03-01").unwrap();
    let due: Vec<UserId> = store.digest_due(day).await.unwrap().iter().map(|u| u.id).collect();
    assert_eq!(due, [bea]);
    let key = store::digest_key(bea, day);
    let mail = candor_server::store::NewMail {
        company,
        application: None,
        question: None,
        user: Some(bea),
        kind: MailKind::Digest,
        recipient: "b@x.example".into(),
        locale: Locale::En,
        subject: "What waits".into(),
        text_body: "text".into(),
        html_body: "<p>html</p>".into(),
        message_id: "<digest.1@x.example>".into(),
        raw: b"raw".to_vec(),
        once_key: Some(key.clone()),
        created_at: T0,
    };
    assert!(store.enqueue_mail(&mail).await.unwrap());
    let again = candor_server::store::NewMail { message_id: "<digest.2@x.example>".into(), ..mail };
    assert!(!store.enqueue_mail(&again).await.unwrap(), "one digest per person and day");
    assert!(store.digest_due(day).await.unwrap().is_empty(), "today's is kept");
    assert_eq!(store.digest_due(day.add_days(1).unwrap()).await.unwrap().len(), 1, "tomorrow's is due");
    vec![key, format!("{each:?}")]
}

async fn two_admins_demoting_each_other_at_once_leave_one_admin(store: Arc<dyn Store>) -> Vec<String> {
    let mut seen = Vec::new();
    // Several rounds, so that the two transactions meet: on PostgreSQL the
    // loser of a serialisable race is run again and then sees the winner's
    // change (the last admin); on SQLite they take turns.
    for round in 0..8 {
        let company = company(&store, &format!("round-{round}")).await;
        let a =
            store.create_user(&user(company, &format!("a{round}@x.example"), "A", Role::Admin), None).await.unwrap();
        let b =
            store.create_user(&user(company, &format!("b{round}@x.example"), "B", Role::Admin), None).await.unwrap();
        let (first, second) = tokio::join!(
            store.set_user_role(company, a, Role::Recruiter, T0, None),
            store.set_user_role(company, b, Role::Recruiter, T0, None)
        );
        let mut outcomes = [first, second].map(|r| match r {
            Ok(()) => "demoted".to_owned(),
            other => conflict(other),
        });
        outcomes.sort();
        assert_eq!(outcomes, ["LastAdmin", "demoted"], "round {round}");
        let admins = store.users(company).await.unwrap().into_iter().filter(|u| u.role == Role::Admin).count();
        assert_eq!(admins, 1, "round {round}");
        seen.extend(outcomes);
    }
    seen
}

fn mail_to(company: CompanyId, question: QuestionId, to: &str, subject: &str) -> NewMail {
    NewMail {
        company,
        application: None,
        question: Some(question),
        user: None,
        kind: MailKind::QuestionAnswered,
        recipient: to.to_owned(),
        locale: Locale::Sv,
        subject: subject.to_owned(),
        text_body: "text".into(),
        html_body: "<p>html</p>".into(),
        message_id: format!("<{subject}@candor.test>"),
        raw: b"raw".to_vec(),
        once_key: None,
        created_at: T0,
    }
}

async fn an_address_finds_its_applications_and_questions_and_a_settlement_keeps_its_mail(
    store: Arc<dyn Store>,
) -> Vec<String> {
    let company = company(&store, "northwind").await;
    let posting = posting(&store, company, "hygienist").await;
    let other = posting_other(&store, company).await;
    let elsewhere = self::company(&store, "acme").await;
    let theirs = self::posting(&store, elsewhere, "hygienist").await;
    applied(&store, company, posting, "aino@example.fi").await;
    store.submit_application(&application(company, other, "aino@example.fi", "key-other")).await.unwrap();
    applied(&store, company, posting, "mikael@example.se").await;
    store.submit_application(&application(elsewhere, theirs, "aino@example.fi", "key-acme")).await.unwrap();
    let found = store.applications_by_email(company, "Aino@Example.fi").await.unwrap();
    let postings: Vec<PostingId> = found.iter().map(|(a, _)| a.posting).collect();
    assert_eq!(postings, [posting, other], "this company's, oldest first, whatever the case asked in");
    assert!(found.iter().all(|(_, events)| events.len() == 1), "each with its history");
    // Erased: no address any more, not found.
    store.erase_application(company, found[0].0.id, T0, None).await.unwrap();
    assert_eq!(store.applications_by_email(company, "aino@example.fi").await.unwrap().len(), 1);

    let with_address = |text: &str, email: Option<&str>| NewQuestion {
        email: email.map(str::to_owned),
        locale: Locale::Sv,
        ..question(company, posting, text, T0)
    };
    let asked = store.create_question(&with_address("Parking?", Some("asker@example.fi"))).await.unwrap();
    store.create_question(&with_address("Lunch?", None)).await.unwrap();
    store.create_question(&with_address("Bus?", Some("someone@example.fi"))).await.unwrap();
    let mine = store.questions_by_email(company, "asker@example.fi").await.unwrap();
    assert_eq!(mine.iter().map(|q| q.id).collect::<Vec<_>>(), [asked]);
    assert_eq!((mine[0].email.as_deref(), mine[0].locale), (Some("asker@example.fi"), Some(Locale::Sv)));
    assert_eq!(mine[0].repeat_key.as_deref(), Some(&b"repeat-Parking?"[..]));

    // The mail is kept with the settlement that stands, and only with it.
    let first = mail_to(company, asked, "asker@example.fi", "first");
    store.settle_question(company, asked, &Settlement::Answer("Yes.".into()), T0, Some(&first)).await.unwrap();
    let second = mail_to(company, asked, "asker@example.fi", "second");
    let refused =
        conflict(store.settle_question(company, asked, &Settlement::Answer("No.".into()), T0, Some(&second)).await);
    let kept = store.outbox(company, None, 10).await.unwrap();
    assert_eq!(kept.iter().map(|m| m.subject.as_str()).collect::<Vec<_>>(), ["first"]);
    assert_eq!((kept[0].question, kept[0].state), (Some(asked), MailState::Pending));
    vec![refused, format!("{:?}", postings.len()), format!("{:?}", mine[0].settled)]
}

/// The late-promise sweep's search (`late_promise_candidates`), the
/// apologies a company's inbox reads back (`late_mails`) and the stop
/// link's lookup by id.
async fn late_promises_are_found_by_their_date_until_apologised_for(store: Arc<dyn Store>) -> Vec<String> {
    let northwind = company(&store, "northwind").await;
    let acme = company(&store, "acme").await;
    let hygienist = posting(&store, northwind, "hygienist").await;
    let theirs = posting(&store, acme, "hygienist").await;
    // Each received today with a promise for three days on.
    let waiting = applied(&store, northwind, hygienist, "aino@example.fi").await;
    let stopped = applied(&store, northwind, hygienist, "ola@example.pl").await;
    let erased = applied(&store, northwind, hygienist, "eero@example.fi").await;
    let elsewhere = applied(&store, acme, theirs, "eva@example.nl").await;
    store.set_mail_updates(northwind, stopped, false).await.unwrap();
    store.erase_application(northwind, erased, T0, None).await.unwrap();
    let settings = store.company(acme).await.unwrap().unwrap();
    let off = CompanySettings {
        name: settings.public.name.clone(),
        branding: settings.public.branding.clone(),
        default_locale: Locale::En,
        retention_days: 180,
        silence_alarm_days: 7,
        origins: vec![],
        late_promise_mail: false,
        reports: Default::default(),
    };
    assert!(settings.late_promise_mail, "on for a new company");
    store.update_company(acme, &off, &[]).await.unwrap();
    let day = |n: i64| today().add_days(n).unwrap();
    let found = |at: i64| {
        let store = store.clone();
        async move {
            let found = store.late_promise_candidates(day(at), day(at - 7)).await.unwrap();
            found.iter().map(|(a, events)| (a.id, events.len())).collect::<Vec<_>>()
        }
    };
    let mut seen = Vec::new();
    assert_eq!(found(3).await, [], "due today is not passed");
    assert_eq!(found(4).await, [(waiting, 1)], "not the stopped, the erased, or a company that turned it off");
    assert_eq!(found(11).await, [], "a week late is too late to start apologising");
    seen.push(format!("{:?}", found(4).await));

    // Apologised for: found no more, and the inbox can read it back.
    let mail = store::NewMail {
        company: northwind,
        application: Some(waiting),
        question: None,
        user: None,
        kind: candor_api::mail::MailKind::PromiseLate,
        recipient: "aino@example.fi".into(),
        locale: Locale::Fi,
        subject: "Olemme myöhässä".into(),
        text_body: "…".into(),
        html_body: "…".into(),
        message_id: "<late.1@candor.test>".into(),
        raw: b"Subject: late".to_vec(),
        once_key: Some(format!("late:{}:{}", waiting.0, day(3))),
        created_at: T0 + Duration::days(4),
    };
    assert!(store.enqueue_mail(&mail).await.unwrap());
    assert!(
        !store
            .enqueue_mail(&store::NewMail { message_id: "<late.2@candor.test>".into(), ..mail.clone() })
            .await
            .unwrap(),
        "once"
    );
    assert_eq!(found(4).await, []);
    let told = store.late_mails(northwind).await.unwrap();
    assert_eq!(
        told.iter().map(|(a, key, at)| (*a, key.clone(), *at)).collect::<Vec<_>>(),
        [(waiting, mail.once_key.clone().unwrap(), to_the_microsecond(mail.created_at))]
    );
    assert_eq!(store.late_mails(acme).await.unwrap(), [], "each company's own");
    // A new promise that passes is found again.
    let renewed = NewEvent {
        at: T0 + Duration::days(5),
        on: day(5),
        kind: EventKind::Message,
        message: "Two more days, sorry.".into(),
        promised: Some(day(7)),
    };
    store.append_event(northwind, waiting, 2, &renewed, None).await.unwrap();
    assert_eq!(found(7).await, []);
    assert_eq!(found(8).await, [(waiting, 2)]);
    seen.push(format!("{:?}", found(8).await));

    // The stop link's lookup: by id alone, for the caller to check its code.
    let by_id = store.application_for_stop_link(elsewhere).await.unwrap().unwrap();
    assert_eq!((by_id.company, by_id.id, by_id.mail_updates), (acme, elsewhere, true));
    assert_eq!(store.application_for_stop_link(ApplicationId(9_999)).await.unwrap(), None);
    seen
}
