//! Issue 17, item 2: an operator's view of one instance, the real binary
//! in its own process (so that its figures are its own): alive and ready
//! for a proxy's probes, not ready when its database lacks a migration it
//! needs, and `/metrics` counting requests by route pattern and status
//! with latency histograms, the open streams, the outbox and the pool;
//! and item 4's backup of a SQLite instance, taken while it serves and
//! tested by serving from it.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::database::Database;
use crate::helpers::{Backend, COMPANY, application, error_of, json};
use crate::on_both_backends;
use crate::recruiting::next_status;
use crate::served::Served;

on_both_backends!(
    a_probe_finds_the_instance_alive_and_ready,
    a_database_missing_a_migration_is_not_ready,
    the_metrics_count_requests_streams_the_outbox_and_the_pool,
    logs_can_be_written_as_json_lines,
    a_backup_taken_while_serving_restores_every_application,
    a_database_a_newer_binary_migrated_still_serves,
);

const LIST_ROUTE: &str = "/api/v1/companies/{company}/postings";

async fn a_probe_finds_the_instance_alive_and_ready(backend: Backend) {
    let database = Database::fresh(backend).await;
    let server = Served::start(&database.url, &[]);
    let (status, alive) = json(server.client.get(server.url("/healthz")).send().await.unwrap()).await;
    assert_eq!((status.as_u16(), &alive["status"]), (200, &Value::from("alive")), "{alive}");
    let (status, ready) = json(server.client.get(server.url("/readyz")).send().await.unwrap()).await;
    assert_eq!(status, 200, "{ready}");
    assert_eq!(ready["status"], "ready");
    assert!(ready["schema"].as_i64().is_some_and(|v| v >= 19), "the newest migration applied: {ready}");
}

/// Runs `sql` on the test's database, behind the server's back.
async fn execute(backend: &Backend, database: &Database, sql: &str) {
    match backend {
        Backend::Sqlite => {
            let path = database.url.strip_prefix("sqlite://").unwrap();
            rusqlite::Connection::open(path).unwrap().execute(sql, []).unwrap();
        }
        Backend::Postgres(_) => {
            let (client, connection) = tokio_postgres::connect(&database.url, tokio_postgres::NoTls).await.unwrap();
            tokio::spawn(connection);
            client.execute(sql, &[]).await.unwrap();
        }
    }
}

async fn a_database_missing_a_migration_is_not_ready(backend: Backend) {
    let database = Database::fresh(backend.clone()).await;
    let server = Served::start(&database.url, &[]);
    // As if the database were restored from a backup older than this binary.
    let forget_newest = "DELETE FROM refinery_schema_history \
                         WHERE version = (SELECT MAX(version) FROM refinery_schema_history)";
    execute(&backend, &database, forget_newest).await;
    let (status, body) = json(server.client.get(server.url("/readyz")).send().await.unwrap()).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(error_of(&body).0, "not_ready");
    assert!(body["error"]["message"].as_str().unwrap().contains("migrations"), "{body}");
    let (status, _) = json(server.client.get(server.url("/healthz")).send().await.unwrap()).await;
    assert_eq!(status, 200, "still alive");
    assert!(server.log().contains("not ready: migrations missing"), "the log says why:\n{}", server.log());
}

/// The value of the one series named `name` whose labels include every
/// one of `labels` (`key="value"`), or `None`.
fn series(page: &str, name: &str, labels: &[&str]) -> Option<f64> {
    let found: Vec<f64> = page
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (key, value) = line.rsplit_once(' ')?;
            let (series, rest) = key.split_once('{').unwrap_or((key, ""));
            (series == name && labels.iter().all(|l| rest.contains(l))).then(|| value.parse().ok())?
        })
        .collect();
    assert!(found.len() <= 1, "{name} {labels:?} names one series: {found:?}\n{page}");
    found.first().copied()
}

async fn scrape(server: &Served) -> String {
    let response = server.client.get(server.url("/metrics")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("text/plain; version=0.0.4"), "{content_type}");
    response.text().await.unwrap()
}

async fn the_metrics_count_requests_streams_the_outbox_and_the_pool(backend: Backend) {
    let database = Database::fresh(backend).await;
    // No mail server: every mail waits in the outbox.
    let server = Served::start(&database.url, &[]);
    for _ in 0..3 {
        let listed = server.client.get(server.url(&format!("/api/v1/companies/{COMPANY}/postings"))).send().await;
        assert_eq!(listed.unwrap().status(), 200);
    }
    let missing = server.client.get(server.url(&format!("/api/v1/companies/{COMPANY}/nothing-here"))).send().await;
    assert_eq!(missing.unwrap().status(), 404);
    let no_page = server.client.get(server.url("/no-such-page")).send().await;
    assert_eq!(no_page.unwrap().status(), 404);

    let before = scrape(&server).await;
    let ok = ["method=\"GET\"", "route=\"/api/v1/companies/{company}/postings\"", "status=\"200\""];
    assert_eq!(series(&before, "candor_http_requests_total", &ok), Some(3.0), "{before}");
    let route = format!("route=\"{LIST_ROUTE}\"");
    let timed = ["method=\"GET\"", route.as_str()];
    assert_eq!(series(&before, "candor_http_request_duration_seconds_count", &timed), Some(3.0));
    let fast = [timed[0], timed[1], "le=\"2.5\""];
    assert_eq!(series(&before, "candor_http_request_duration_seconds_bucket", &fast), Some(3.0), "buckets");
    assert!(series(&before, "candor_http_request_duration_seconds_bucket", &[timed[1], "le=\"0.0005\""]).is_some());
    // The API's own answer for a path it lacks, under its catch-all's pattern.
    let not_api = ["route=\"/api/v1/{*rest}\"", "status=\"404\""];
    assert_eq!(series(&before, "candor_http_requests_total", &not_api), Some(1.0), "{before}");
    let unmatched = ["route=\"unmatched\"", "status=\"404\""];
    assert_eq!(series(&before, "candor_http_requests_total", &unmatched), Some(1.0), "{before}");
    assert!(!before.contains(COMPANY), "a route's pattern, never a company's slug:\n{before}");
    assert_eq!(series(&before, "candor_db_pool_max_connections", &[]), Some(16.0));
    let in_use = series(&before, "candor_db_pool_connections", &["state=\"in_use\""]).expect("in use");
    let idle = series(&before, "candor_db_pool_connections", &["state=\"idle\""]).expect("idle");
    assert!(in_use >= 0.0 && idle >= 0.0 && in_use + idle >= 1.0, "the pool holds a connection: {in_use} {idle}");
    let pending_before = series(&before, "candor_outbox_pending", &[]).expect("the outbox's depth");

    let applied =
        server.apply("dental-hygienist", "metrics-story-application", &application("Aino", "aino@example.fi")).await;
    let applied = applied.unwrap();
    assert_eq!(applied.status(), 201, "{}", applied.text().await.unwrap());
    let token = applied.json::<Value>().await.unwrap()["status_token"].as_str().unwrap().to_owned();
    let mut stream = server.status_stream(&token, None).await;
    next_status(&mut stream, &mut String::new(), Duration::from_secs(5)).await.expect("the status at once");

    let during = scrape(&server).await;
    assert_eq!(series(&during, "candor_open_streams", &[]), Some(1.0), "{during}");
    let pending = series(&during, "candor_outbox_pending", &[]).unwrap();
    assert!(pending > pending_before, "the acknowledgement waits in the outbox: {pending_before} -> {pending}");
    let oldest = series(&during, "candor_outbox_oldest_pending_seconds", &[]).unwrap();
    assert!(oldest >= 0.0, "{oldest}");
    let created =
        ["method=\"POST\"", "status=\"201\"", "route=\"/api/v1/companies/{company}/postings/{posting}/applications\""];
    assert_eq!(series(&during, "candor_http_requests_total", &created), Some(1.0), "{during}");
    assert!(!during.contains(&token), "no secret on the page");

    drop(stream);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let page = scrape(&server).await;
        if series(&page, "candor_open_streams", &[]) == Some(0.0) {
            break;
        }
        assert!(Instant::now() < deadline, "the stream the browser left is no longer counted:\n{page}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn logs_can_be_written_as_json_lines(backend: Backend) {
    let database = Database::fresh(backend).await;
    let mut server = Served::start(&database.url, &["--log-format", "json"]);
    // Once it answers, it is running and hears the signal.
    let (status, _) = json(server.client.get(server.url("/readyz")).send().await.unwrap()).await;
    assert_eq!(status, 200);
    server.terminate();
    server.exited_within(Duration::from_secs(10)).await.expect("it stops");
    // Its last lines may still be on their way from the pipe.
    let deadline = Instant::now() + Duration::from_secs(5);
    while !server.log().contains("stopped") && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let log = server.log();
    let entries: Vec<Value> = log
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line:?}")))
        .collect();
    for entry in &entries {
        assert!(entry["level"].is_string() && entry["timestamp"].is_string(), "{entry}");
    }
    assert!(
        entries.iter().any(|e| e["fields"]["message"].as_str().is_some_and(|m| m.contains("stopped"))),
        "its stop, as one object:\n{}",
        &log[log.len().saturating_sub(3000)..]
    );
}

/// Runs `candor admin backup --to <to>` on `database_url`.
fn backup(database_url: &str, to: &std::path::Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_candor"))
        .args(["admin", "--database-url", database_url, "backup", "--to"])
        .arg(to)
        .output()
        .expect("candor runs")
}

/// An application to the demo's posting: its status token.
async fn applied(server: &Served, n: usize) -> String {
    let key = format!("backed-up-applicant-{n:04}");
    let body = application(&format!("Applicant {n}"), &format!("applicant{n}@backup.example"));
    let response = server.apply("dental-hygienist", &key, &body).await.unwrap();
    assert_eq!(response.status(), 201);
    response.json::<Value>().await.unwrap()["status_token"].as_str().unwrap().to_owned()
}

async fn a_backup_taken_while_serving_restores_every_application(backend: Backend) {
    let database = Database::fresh(backend.clone()).await;
    let server = Served::start(&database.url, &[]);
    let place = tempfile::tempdir().unwrap();
    let to = place.path().join("candor-backup.sqlite3");
    if let Backend::Postgres(_) = backend {
        let refused = backup(&database.url, &to);
        assert!(!refused.status.success());
        let said = String::from_utf8_lossy(&refused.stderr);
        assert!(said.contains("pg_dump"), "says what to use instead: {said}");
        assert!(!to.exists());
        return;
    }
    let mut tokens = Vec::new();
    for n in 0..20 {
        tokens.push(applied(&server, n).await);
    }
    // Taken while applications keep coming: online.
    let url = database.url.clone();
    let to_path = to.clone();
    let taking = std::thread::spawn(move || backup(&url, &to_path));
    let mut during = 20;
    while !taking.is_finished() {
        applied(&server, during).await;
        during += 1;
    }
    let taken = taking.join().unwrap();
    assert!(taken.status.success(), "{}", String::from_utf8_lossy(&taken.stderr));
    assert!(String::from_utf8_lossy(&taken.stderr).contains("Backed up"), "it says what it did");
    assert!(!place.path().join("candor-backup.sqlite3.partial").exists(), "nothing half-written left behind");
    drop(server);

    // Restored: a fresh instance on the copy has every application made
    // before the backup began, each candidate's link still works.
    let restored = Served::start(&format!("sqlite://{}", to.display()), &[]);
    for token in &tokens {
        let response = restored
            .client
            .get(restored.url("/api/v1/application"))
            .header("Candor-Application", token)
            .send()
            .await
            .unwrap();
        let (status, body) = json(response).await;
        assert_eq!(status, 200, "{body}");
        assert!(body["events"].as_array().is_some_and(|e| !e.is_empty()), "{body}");
    }
    let response = restored
        .client
        .get(restored.url("/api/v1/recruiter/postings/dental-hygienist/applications"))
        .bearer_auth(&restored.recruiter_token)
        .send()
        .await
        .unwrap();
    let (_, listed) = json(response).await;
    let kept =
        listed.as_array().unwrap().iter().filter(|a| a["email"].as_str().unwrap().ends_with("@backup.example")).count();
    assert!((20..=during).contains(&kept), "the 20 before it and some of the {} during it: {kept}", during - 20);
    eprintln!("backed up with {} applications made meanwhile; the copy holds {kept}", during - 20);
}

async fn a_database_a_newer_binary_migrated_still_serves(backend: Backend) {
    let database = Database::fresh(backend.clone()).await;
    drop(Served::start(&database.url, &[]));
    // As a newer binary leaves it: a migration this one doesn't carry.
    let newer = "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) \
                 VALUES (9999, 'from_a_newer_binary', '2026-12-03T00:00:00Z', '1')";
    execute(&backend, &database, newer).await;
    // Rolled back, or restarted in the middle of a rolling upgrade: it starts, ready.
    let older = Served::start(&database.url, &[]);
    let (status, ready) = json(older.client.get(older.url("/readyz")).send().await.unwrap()).await;
    assert_eq!(status, 200, "{ready}");
    assert_eq!(ready["schema"], 9999);
    let (status, _) =
        json(older.client.get(older.url(&format!("/api/v1/companies/{COMPANY}/postings"))).send().await.unwrap()).await;
    assert_eq!(status, 200);
}
