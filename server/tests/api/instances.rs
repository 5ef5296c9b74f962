//! Issue 17, item 1: instances share nothing but PostgreSQL. Two real
//! binaries on two ports on one database: a stage move on one reaches the
//! candidate's stream on the other within a second, also when the other's
//! listener lost its connection meanwhile (it reads back what it missed);
//! a settings change and a posting's edit on one show on the other within
//! a second, a console session opened on one works on the other; and
//! killing one in the middle of the load loses no acknowledged application
//! and no mail, the other's sender delivering what the killed one held.
//!
//! PostgreSQL only: SQLite is one instance's database.

use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::{Value, json};

use crate::crashes::{applications_until_killed, every_mail_once, everyone_again, listed, start, tell};
use crate::database::Database;
use crate::helpers::{Backend, COMPANY, application};
use crate::on_postgres;
use crate::recruiting::next_status;
use crate::served::Served;
use crate::smtp::SmtpServer;

on_postgres!(
    a_stage_move_on_one_instance_reaches_a_stream_on_the_other,
    a_listener_that_lost_its_connection_reads_back_what_it_missed,
    a_settings_change_on_one_instance_shows_on_the_other,
    killing_one_of_two_instances_mid_load_loses_nothing,
);

const POSTING: &str = "dental-hygienist";
/// What the issue asks of a change's way from one instance to another.
const WITHIN: Duration = Duration::from_secs(1);

/// Two instances on one database (the second started once the first has
/// migrated and seeded it, as a rolling deploy would).
fn two(database: &Database, args: &[&str]) -> (Served, Served) {
    let one = Served::start(&database.url, args);
    let other = Served::start(&database.url, args);
    (one, other)
}

/// Applies on `server`: the status token and the recruiters' id.
async fn applied(server: &Served, email: &str) -> (String, i64) {
    let response = server
        .apply(POSTING, &format!("instances-{}", email.replace(['@', '.'], "-")), &application("Watched", email))
        .await
        .unwrap();
    let (status, body) = (response.status(), response.json::<Value>().await.unwrap());
    assert_eq!(status, 201, "{body}");
    let token = body["status_token"].as_str().unwrap().to_owned();
    (token, listed(server).await[email][0])
}

fn in_days(n: i64) -> String {
    (time::OffsetDateTime::now_utc().date() + time::Duration::days(n)).to_string()
}

async fn move_to_stage(server: &Served, id: i64, stage: u32, message: &str) {
    let response = server
        .recruiter(Method::POST, &format!("applications/{id}/stage"))
        .json(&json!({"stage": stage, "message": message, "promised": in_days(5)}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
}

async fn a_stage_move_on_one_instance_reaches_a_stream_on_the_other(backend: Backend) {
    let database = Database::fresh(backend).await;
    let (one, other) = two(&database, &[]);
    let (token, id) = applied(&one, "moved@example.fi").await;
    let mut stream = other.status_stream(&token, None).await;
    let mut buffer = String::new();
    let (mut seen, _) = next_status(&mut stream, &mut buffer, Duration::from_secs(5)).await.expect("the status");
    let mut took = Vec::new();
    for (stage, message) in [(1, "Phone call on Tuesday?"), (2, "Interview next week")] {
        let started = Instant::now();
        move_to_stage(&one, id, stage, message).await;
        let (heard, status) = next_status(&mut stream, &mut buffer, WITHIN)
            .await
            .unwrap_or_else(|| panic!("the move to stage {stage} on one instance reached the other within {WITHIN:?}"));
        took.push(started.elapsed());
        assert!(heard > seen, "a new event: {heard} after {seen}");
        assert!(status["events"].to_string().contains(message), "{status}");
        seen = heard;
    }
    // And the other way round, with a message rather than a move.
    let mut near = one.status_stream(&token, Some(seen)).await;
    let mut near_buffer = String::new();
    let started = Instant::now();
    tell(&other, id, "Told on the other instance").await;
    let (_, status) = next_status(&mut near, &mut near_buffer, WITHIN).await.expect("heard back on the first instance");
    took.push(started.elapsed());
    assert!(status["events"].to_string().contains("Told on the other instance"), "{status}");
    eprintln!("from the recruiter's request to the other instance's stream: {took:?}");
}

/// The schema a test database's URL names: the channel is the schema's.
fn schema_of(database: &Database) -> String {
    database.url.rsplit("search_path%3D").next().expect("a schema in the URL").to_owned()
}

async fn a_listener_that_lost_its_connection_reads_back_what_it_missed(backend: Backend) {
    let Backend::Postgres(base) = &backend else { unreachable!("PostgreSQL only") };
    let database = Database::fresh(backend.clone()).await;
    let (one, other) = two(&database, &[]);
    let (token, id) = applied(&one, "missed@example.fi").await;
    let mut stream = other.status_stream(&token, None).await;
    let mut buffer = String::new();
    let (seen, _) = next_status(&mut stream, &mut buffer, Duration::from_secs(5)).await.expect("the status");

    // The other instance stands still while its listener's connection is
    // cut and the move is made: the notification reaches nobody there, so
    // only reading back from the last change it saw can tell its stream.
    let (admin, connection) = tokio_postgres::connect(base, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(connection);
    let listeners = format!("LISTEN \"candor_changes:{}\"", schema_of(&database));
    let count_listeners =
        "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'candor-listener' AND query = $1";
    let listening: i64 = admin.query_one(count_listeners, &[&listeners]).await.unwrap().get(0);
    assert_eq!(listening, 2, "each instance listens on the schema's channel");
    other.pause();
    let cut: i64 = admin
        .query_one(
            "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE application_name = 'candor-listener' AND query = $1) AS cut",
            &[&listeners],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(cut, 2, "both listeners' connections cut");
    move_to_stage(&one, id, 1, "Made while the other was away").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let resumed = Instant::now();
    other.resume();
    let (heard, status) = next_status(&mut stream, &mut buffer, Duration::from_secs(3))
        .await
        .expect("the stream on the other instance hears the move it missed");
    eprintln!("read back {:?} after the other instance resumed", resumed.elapsed());
    assert!(heard > seen);
    assert!(status["events"].to_string().contains("Made while the other was away"), "{status}");
    let log = other.log();
    assert!(log.contains("lost the connection that hears the other instances"), "it noticed:\n{log}");
    assert!(log.contains("caught up with the other instances' changes"), "it read back:\n{log}");

    // Listening again, it hears what comes next as it happens.
    let deadline = Instant::now() + Duration::from_secs(5);
    while admin.query_one(count_listeners, &[&listeners]).await.unwrap().get::<_, i64>(0) < 2 {
        assert!(Instant::now() < deadline, "both instances listen again");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    move_to_stage(&one, id, 2, "And after it was back").await;
    let (_, status) = next_status(&mut stream, &mut buffer, WITHIN).await.expect("heard live again");
    assert!(status["events"].to_string().contains("And after it was back"), "{status}");
}

/// Signs in to the console on `server` as the demo's admin.
async fn admin_session(server: &Served) -> (String, String) {
    let response = server
        .client
        .post(server.url("/console/api/login"))
        .json(&json!({"email": "admin@northwind.example", "password": "northwind-demo-2026"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let cookie =
        response.headers()[reqwest::header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
    let csrf = response.json::<Value>().await.unwrap()["csrf_token"].as_str().unwrap().to_owned();
    (cookie, csrf)
}

fn as_admin(server: &Served, method: Method, path: &str, (cookie, csrf): &(String, String)) -> reqwest::RequestBuilder {
    server
        .client
        .request(method, server.url(&format!("/api/v1/recruiter/{path}")))
        .header(reqwest::header::COOKIE, cookie)
        .header("X-CSRF-Token", csrf)
}

/// Reads `path` on `server` until `seen` holds of its JSON, for up to
/// [`WITHIN`]: how long it took.
async fn shows_within(server: &Served, path: &str, seen: impl Fn(&Value) -> bool) -> Duration {
    let started = Instant::now();
    loop {
        let body: Value = server.client.get(server.url(path)).send().await.unwrap().json().await.unwrap();
        if seen(&body) {
            return started.elapsed();
        }
        assert!(started.elapsed() < WITHIN, "{path} on the other instance still shows {body}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn a_settings_change_on_one_instance_shows_on_the_other(backend: Backend) {
    let database = Database::fresh(backend).await;
    let (one, other) = two(&database, &[]);
    let company = format!("/api/v1/companies/{COMPANY}");
    let postings = format!("{company}/postings");
    // The other instance has the company and its list in its cache.
    let before: Value = other.client.get(other.url(&company)).send().await.unwrap().json().await.unwrap();
    assert_eq!(before["name"], "Northwind Dental");
    let list: Value = other.client.get(other.url(&postings)).send().await.unwrap().json().await.unwrap();
    let slug = list["postings"][0]["slug"].as_str().expect("an open posting").to_owned();

    // A session opened on one instance works on the other: sessions are the database's.
    let session = admin_session(&one).await;
    let response = as_admin(&other, Method::GET, "company", &session).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let mut settings: Value = response.json().await.unwrap();
    settings["name"] = json!("Northwind Dental Oy");
    settings["branding"]["accent_color"] = json!("#1d4ed8");
    let response = as_admin(&one, Method::PUT, "company", &session).json(&settings).send().await.unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let took = shows_within(&other, &company, |c| {
        c["name"] == "Northwind Dental Oy" && c["branding"]["accent_color"] == "#1d4ed8"
    })
    .await;
    eprintln!("the new settings showed on the other instance after {took:?}");

    // A posting's closing likewise, from the list the other instance had cached.
    let response = as_admin(&one, Method::POST, &format!("postings/{slug}/status"), &session)
        .json(&json!({"status": "closed"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let took = shows_within(&other, &postings, |l| {
        l["postings"].as_array().unwrap().iter().all(|p| p["slug"] != slug.as_str())
    })
    .await;
    eprintln!("the closed posting left the other instance's list after {took:?}");
}

async fn killing_one_of_two_instances_mid_load_loses_nothing(backend: Backend) {
    let smtp = SmtpServer::start();
    let database = Database::fresh(backend).await;
    let mut servers = [start(&database, &smtp), start(&database, &smtp)];
    // Applicants alternate between the two; the first is killed mid-way.
    let acknowledged = applications_until_killed(&mut servers, 0).await;
    let survivor = &servers[1];
    let retried = everyone_again(survivor, &acknowledged).await;
    // The mails the killed instance had written or held go out from the survivor.
    every_mail_once(survivor, &smtp, &acknowledged, &retried).await;
}
