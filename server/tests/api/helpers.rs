//! `spawn_app`: a real Candor on a loopback port with a fresh database of
//! its own, on SQLite or on PostgreSQL.

use std::collections::BTreeSet;
use std::path::PathBuf;

use candor_server::config::{DatabaseArgs, MailArgs, ServeArgs};
use candor_server::http::state::AppState;
use candor_server::startup::Application;
use reqwest::{Response, StatusCode};
use serde_json::Value;

/// Declares each story once and runs it against both backends:
/// `sqlite::<name>` always, `postgres::<name>` when `CANDOR_TEST_POSTGRES_URL` is set.
#[macro_export]
macro_rules! on_both_backends {
    ($($story:ident),+ $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $story() {
                super::$story($crate::helpers::Backend::Sqlite).await
            })+
        }
        $crate::on_postgres!($($story),+);
    };
}

/// The PostgreSQL half of [`on_both_backends`], alone for the stories only
/// PostgreSQL has (several instances on one database).
#[macro_export]
macro_rules! on_postgres {
    ($($story:ident),+ $(,)?) => {
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $story() {
                match $crate::helpers::Backend::postgres() {
                    Some(backend) => super::$story(backend).await,
                    None => eprintln!("skipped: CANDOR_TEST_POSTGRES_URL is not set"),
                }
            })+
        }
    };
}

pub use crate::database::{Backend, Database};

pub struct TestApp {
    /// `http://127.0.0.1:<port>`
    pub address: String,
    /// An origin the demo company allows (its own site's).
    pub allowed_origin: String,
    /// The demo recruiter's API token.
    pub recruiter_token: String,
    pub database_url: String,
    /// What the server printed at start.
    pub addresses: String,
    pub client: reqwest::Client,
    pub state: AppState,
    _database: Database,
    _widget_dir: tempfile::TempDir,
}

pub const COMPANY: &str = "northwind";

/// Starts Candor with the demo company on a fresh database and port 0.
pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

/// `spawn_app` with some settings changed first.
pub async fn spawn_app_with(backend: Backend, configure: impl FnOnce(&mut ServeArgs)) -> TestApp {
    init_test_log();
    let widget_dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(widget_dir.path().join("candor.js"), "export {};\n").expect("a stand-in widget file");
    let database = Database::fresh(backend).await;
    let database_url = database.url.clone();
    let mut args = ServeArgs {
        bind: [127, 0, 0, 1].into(),
        port: 0,
        database: DatabaseArgs { data_dir: PathBuf::from("unused"), database_url: Some(database_url.clone()) },
        public_url: None,
        widget_dir: widget_dir.path().to_owned(),
        console_dir: None,
        demo: true,
        demo_site_port: Some(0),
        demo_origins: Vec::new(),
        test_clock: false,
        // Tests apply many times from one address; the limit has its own test.
        apply_burst: 10_000,
        apply_every_seconds: 1,
        trust_proxy: false,
        mail: MailArgs::default(),
        shutdown_grace: 10,
    };
    configure(&mut args);
    let demo = args.demo;
    let app = Application::build(args).await.expect("the application builds");
    if demo {
        // Before its tasks start: see `revoke_the_demos_report_links`.
        revoke_the_demos_report_links(app.state()).await;
    }
    let address = app.base_url().to_owned();
    let allowed_origin = app.demo_site_url().expect("demo mode has a site").to_owned();
    let recruiter_token = app.demo_recruiter_token().expect("demo mode has a recruiter");
    let state = app.state().clone();
    let addresses = app.addresses();
    tokio::spawn(async move {
        if let Err(e) = app.run_until_stopped().await {
            panic!("the server stopped: {e:?}");
        }
    });
    TestApp {
        address,
        allowed_origin,
        recruiter_token,
        database_url,
        addresses,
        client: reqwest::Client::new(),
        state,
        _database: database,
        _widget_dir: widget_dir,
    }
}

/// The demo's seeded report link would get its weekly summary on the demo
/// company's weekday, whichever day a story starts on or moves its clock
/// to; the stories count on the demo company writing no mail by itself, so
/// here its link is revoked (still listed, still its report's) before any
/// sweep looks. Stories of the summaries make links of their own.
async fn revoke_the_demos_report_links(state: &AppState) {
    let store = &state.store;
    let slug = candor_api::CompanySlug::parse(COMPANY).unwrap();
    let company = store.company_by_slug(&slug).await.unwrap().expect("the demo company").id;
    let reported = candor_api::PostingSlug::parse(candor_server::demo::seed::REPORTED).unwrap();
    let Some(posting) = store.posting(company, &reported).await.unwrap() else { return };
    for record in store.report_links(company, posting.id).await.unwrap() {
        store.revoke_report_link(company, record.id, state.clock.now(), None).await.unwrap();
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.expect("the request is sent")
    }

    /// Submits an application to a demo posting.
    pub async fn apply(&self, posting: &str, idempotency_key: &str, body: &Value) -> Response {
        self.client
            .post(self.url(&format!("/api/v1/companies/{COMPANY}/postings/{posting}/applications")))
            .header("Idempotency-Key", idempotency_key)
            .json(body)
            .send()
            .await
            .expect("the request is sent")
    }

    /// A request to the recruiter API with `token`.
    pub fn recruiter(&self, method: reqwest::Method, path: &str, token: &str) -> reqwest::RequestBuilder {
        self.client.request(method, self.url(&format!("/api/v1/recruiter/{path}"))).bearer_auth(token)
    }

    /// An admin API token of a second company, created for the test: it
    /// must see none of the demo company's data.
    pub async fn another_company_token(&self, slug: &str) -> String {
        let company = self
            .state
            .store
            .create_company(&candor_server::store::NewCompany {
                public: candor_api::CompanyPublic {
                    slug: candor_api::CompanySlug::parse(slug).unwrap(),
                    name: slug.to_owned(),
                    branding: candor_api::Branding {
                        accent_color: candor_api::HexColor::parse("#000000").unwrap(),
                        font_family: None,
                        logo_url: None,
                    },
                    default_locale: candor_api::Locale::En,
                    retention_days: 30,
                },
                silence_alarm_days: 7,
                origins: Vec::new(),
                created_at: self.state.clock.now(),
            })
            .await
            .unwrap();
        candor_server::auth::tokens::issue_api_token(
            &*self.state.store,
            company,
            candor_api::recruiting::Role::Admin,
            slug,
            None,
            self.state.clock.now(),
            None,
        )
        .await
        .unwrap()
        .0
        .reveal()
    }

    /// An API token of the demo company with `role`, created for the test.
    pub async fn token_with_role(&self, role: candor_api::recruiting::Role) -> String {
        let company =
            self.state.store.company_by_slug(&candor_api::CompanySlug::parse(COMPANY).unwrap()).await.unwrap().unwrap();
        candor_server::auth::tokens::issue_api_token(
            &*self.state.store,
            company.id,
            role,
            role.as_str(),
            None,
            self.state.clock.now(),
            None,
        )
        .await
        .unwrap()
        .0
        .reveal()
    }

    /// Signs in to the console: the cookie to send and the CSRF token, or
    /// `None` if the sign-in was refused.
    pub async fn sign_in(&self, email: &str, password: &str) -> Option<(String, String)> {
        let response = self
            .client
            .post(self.url("/console/api/login"))
            .json(&serde_json::json!({"email": email, "password": password}))
            .send()
            .await
            .unwrap();
        if response.status() != 200 {
            return None;
        }
        let cookie = response.headers().get(reqwest::header::SET_COOKIE)?.to_str().unwrap();
        let cookie = cookie.split(';').next().unwrap().to_owned();
        let (_, body) = json(response).await;
        Some((cookie, body["csrf_token"].as_str().unwrap().to_owned()))
    }

    /// Submits `body` (see [`application`]) to the demo's dental hygienist
    /// posting: the status token and the recruiters' id of the application.
    pub async fn applied(&self, body: &Value) -> (String, i64) {
        let email = body["profile"]["email"].as_str().expect("an address").to_owned();
        let key: String =
            format!("application-{email}").chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
        let (status, ack) = json(self.apply("dental-hygienist", &key, body).await).await;
        assert_eq!(status, 201, "{ack}");
        let token = ack["status_token"].as_str().unwrap().to_owned();
        let list =
            self.recruiter(reqwest::Method::GET, "postings/dental-hygienist/applications", &self.recruiter_token);
        let (_, list) = json(list.send().await.unwrap()).await;
        let id = list.as_array().unwrap().iter().find(|a| a["email"] == email).expect("listed")["id"].as_i64().unwrap();
        (token, id)
    }

    /// Asks a public question about one of the demo's postings.
    pub async fn ask(&self, posting: &str, body: &Value) -> (u16, Value) {
        let path = format!("/api/v1/companies/{COMPANY}/postings/{posting}/questions");
        let (status, body) = json(self.client.post(self.url(&path)).json(body).send().await.unwrap()).await;
        (status.as_u16(), body)
    }

    /// Runs `candor admin …` on this server's database, with `stdin` as its input.
    pub fn candor_admin(&self, args: &[&str], stdin: &str) -> std::process::Output {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_candor"))
            .args(["admin", "--database-url", &self.database_url])
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("candor runs");
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }

    /// A recruiter's action with the demo token (`applications/1/stage`,
    /// `questions/2/answer` …), which must succeed: its answer.
    pub async fn acts(&self, path: &str, body: &Value) -> Value {
        let response =
            self.recruiter(reqwest::Method::POST, path, &self.recruiter_token).json(body).send().await.unwrap();
        let (status, answer) = json(response).await;
        assert_eq!(status, 200, "{path}: {answer}");
        answer
    }

    /// The day `n` days after the server's today, as the API writes it.
    pub fn in_days(&self, n: i64) -> String {
        self.state.clock.today().add_days(n).unwrap().to_string()
    }

    /// GETs a path under `/api/v1/`, expecting a JSON body.
    pub async fn api(&self, path: &str) -> (StatusCode, Value) {
        let response = self.get(&format!("/api/v1/{path}")).await;
        json(response).await
    }

    /// A candidate's request about their application (`rest`: "", `/withdraw`
    /// …), the status token in its header as the candidate bundle sends it.
    pub fn candidate(&self, method: reqwest::Method, rest: &str, token: &str) -> reqwest::RequestBuilder {
        self.client.request(method, self.url(&format!("/api/v1/application{rest}"))).header("Candor-Application", token)
    }

    /// The asker's request about their question (`rest`: "" or `/events`).
    pub fn asker(&self, method: reqwest::Method, rest: &str, token: &str) -> reqwest::RequestBuilder {
        self.client.request(method, self.url(&format!("/api/v1/question{rest}"))).header("Candor-Question", token)
    }

    /// The application's status as its candidate reads it, with `token`.
    pub async fn status(&self, token: &str) -> (StatusCode, Value) {
        json(self.candidate(reqwest::Method::GET, "", token).send().await.expect("the request is sent")).await
    }

    /// The question as its asker reads it, with `token`.
    pub async fn asked(&self, token: &str) -> (StatusCode, Value) {
        json(self.asker(reqwest::Method::GET, "", token).send().await.expect("the request is sent")).await
    }

    /// GETs a path under `/api/v1/` with an API token, expecting a JSON body.
    pub async fn api_as(&self, path: &str, token: &str) -> (StatusCode, Value) {
        let response = self.client.get(self.url(&format!("/api/v1/{path}"))).bearer_auth(token).send().await;
        json(response.expect("the request is sent")).await
    }
}

/// A complete application to the demo's dental hygienist posting: every
/// answer it asks for, and consent.
pub fn application(name: &str, email: &str) -> Value {
    serde_json::json!({
        "profile": {"name": name, "email": email},
        "answers": [{"key": "valvira", "value": {"yes_no": true}}, {"key": "languages", "value": {"text": "Finnish"}}],
        "consent": {"data_processing": true}
    })
}

pub async fn json(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    let content_type = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    assert!(content_type.starts_with("application/json"), "{status}: content-type {content_type:?}");
    (status, response.json().await.expect("a JSON body"))
}

/// Asserts the error body shape and returns (code, field).
pub fn error_of(body: &Value) -> (String, Option<String>) {
    let error = &body["error"];
    assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()), "a message in {body}");
    (error["code"].as_str().expect("an error code").to_owned(), error["field"].as_str().map(str::to_owned))
}

/// Server logs in test output only when `TEST_LOG` is set.
fn init_test_log() {
    if std::env::var_os("TEST_LOG").is_some() {
        let _ = tracing_subscriber::fmt().with_env_filter("info").with_test_writer().try_init();
    }
}

/// Every method and path under one of `prefixes` that a
/// `.route("…", get(…).post(…))` in the server's sources names: the routes
/// the router has, read where they are declared.
pub fn routes_in_sources(prefixes: &[&str]) -> BTreeSet<(String, String)> {
    let mut routes = BTreeSet::new();
    collect_routes(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), prefixes, &mut routes);
    routes
}

fn collect_routes(dir: &std::path::Path, prefixes: &[&str], routes: &mut BTreeSet<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_routes(&path, prefixes, routes);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let source = std::fs::read_to_string(&path).unwrap();
            for part in source.split(".route(").skip(1) {
                let Some(rest) = part.trim_start().strip_prefix('"') else { continue };
                let Some((literal, handlers)) = rest.split_once('"') else { continue };
                if !prefixes.iter().any(|prefix| literal.starts_with(prefix)) {
                    continue;
                }
                // The handlers up to the `)` that closes `.route(`.
                let mut depth = 1;
                let end = handlers
                    .char_indices()
                    .find(|(_, c)| {
                        depth += match c {
                            '(' => 1,
                            ')' => -1,
                            _ => 0,
                        };
                        depth == 0
                    })
                    .map_or(handlers.len(), |(i, _)| i);
                let handlers = &handlers[..end];
                for method in ["get", "post", "put", "delete"] {
                    let named = handlers
                        .match_indices(&format!("{method}("))
                        .any(|(i, _)| i == 0 || !handlers[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_'));
                    if named {
                        routes.insert((method.to_uppercase(), literal.to_owned()));
                    }
                }
            }
        }
    }
}

/// A recruiter API request as a signed-in person (their session cookie and
/// CSRF token, from `sign_in`): its status and JSON body (null for a 204).
pub async fn as_person(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    (cookie, csrf): &(String, String),
    body: Option<&Value>,
) -> (StatusCode, Value) {
    let mut request = app
        .client
        .request(method, app.url(&format!("/api/v1/recruiter/{path}")))
        .header(reqwest::header::COOKIE, cookie)
        .header("X-CSRF-Token", csrf);
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.unwrap();
    if response.status() == StatusCode::NO_CONTENT {
        return (StatusCode::NO_CONTENT, Value::Null);
    }
    json(response).await
}
