//! Issue 15, item 7: crashes lose nothing. The real binary, delivering to a
//! real SMTP server, is killed with `SIGKILL` in the middle of 500
//! concurrent applications and started again on the same database: every
//! acknowledged application is there once and a retry with its key gets
//! the original answer, the unacknowledged ones can be sent again and are
//! then there once, each acknowledgement mail goes out once, and a status
//! stream opened before the kill catches up from `Last-Event-ID`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use reqwest::Method;
use serde_json::{Value, json};

use crate::database::Database;
use crate::helpers::{Backend, COMPANY, application};
use crate::on_both_backends;
use crate::recruiting::next_status;
use crate::served::{Ending, Served, read_to_end};
use crate::smtp::SmtpServer;

on_both_backends!(a_kill_in_the_middle_of_500_applications_loses_nothing_and_doubles_nothing);

const POSTING: &str = "dental-hygienist";
const APPLICANTS: usize = 500;
/// Killed once this many were answered: well before the last.
const KILL_AFTER: usize = 50;
const DOMAIN: &str = "crash.example";

fn key(n: usize) -> String {
    format!("crash-applicant-{n:03}")
}

fn email(n: usize) -> String {
    format!("applicant{n:03}@{DOMAIN}")
}

fn body(n: usize) -> Value {
    application(&format!("Applicant {n}"), &email(n))
}

/// What an application's sender got before the kill.
#[derive(Debug)]
pub enum Answer {
    /// A 2xx and its whole body: the candidate holds their token.
    Acknowledged(u16, Value),
    /// Any other status: the server refused.
    Refused(u16, String),
    /// Nothing, or not all of it: the kill came first.
    Cut,
}

pub async fn send(client: &reqwest::Client, url: &str, n: usize) -> Answer {
    let Ok(response) = client.post(url).header("Idempotency-Key", key(n)).json(&body(n)).send().await else {
        return Answer::Cut;
    };
    let status = response.status().as_u16();
    match response.text().await {
        Ok(text) if (200..300).contains(&status) => match serde_json::from_str(&text) {
            Ok(ack) => Answer::Acknowledged(status, ack),
            Err(_) => Answer::Cut,
        },
        Ok(text) => Answer::Refused(status, text),
        Err(_) => Answer::Cut,
    }
}

/// Starts Candor delivering to `smtp`; a mail a killed instance held
/// goes again after 2 s rather than the default two minutes.
pub fn start(database: &Database, smtp: &SmtpServer) -> Served {
    let url = smtp.url();
    Served::start(
        &database.url,
        &[
            "--smtp-url",
            &url,
            "--mail-from",
            "jobs@candor.test",
            "--mail-lease-seconds",
            "2",
            "--mail-retry-seconds",
            "1",
        ],
    )
}

async fn a_kill_in_the_middle_of_500_applications_loses_nothing_and_doubles_nothing(backend: Backend) {
    let smtp = SmtpServer::start();
    let database = Database::fresh(backend).await;
    let mut server = start(&database, &smtp);

    // A candidate watching their status, and news for them the stream
    // had no time to tell before the kill.
    let watched =
        server.apply(POSTING, "watched-application", &application("Watched", "watched@example.fi")).await.unwrap();
    assert_eq!(watched.status(), 201);
    let watched_token = watched.json::<Value>().await.unwrap()["status_token"].as_str().unwrap().to_owned();
    let watched_id = listed(&server).await["watched@example.fi"][0];
    let mut stream = server.status_stream(&watched_token, None).await;
    let (seen, _) = next_status(&mut stream, &mut String::new(), Duration::from_secs(5)).await.expect("the status");
    tell(&server, watched_id, "Before the kill").await;

    let acknowledged = applications_until_killed(std::slice::from_mut(&mut server), 0).await;
    let (_, ending) = read_to_end(&mut stream, Duration::from_secs(5)).await;
    assert_ne!(ending, Ending::Open, "the killed server's stream is gone");

    let killed = Instant::now();
    let server = start(&database, &smtp);
    eprintln!("restarted in {:?}", killed.elapsed());
    let retried = everyone_again(&server, &acknowledged).await;

    // The watched stream, opened anew from its last id, catches up with
    // what happened before the kill, then hears what happens now.
    let mut stream = server.status_stream(&watched_token, Some(seen)).await;
    let mut buffer = String::new();
    let (caught_up, status) = next_status(&mut stream, &mut buffer, Duration::from_secs(5)).await.expect("catch-up");
    assert!(caught_up > seen, "{caught_up} after {seen}");
    assert!(status["events"].to_string().contains("Before the kill"), "{status}");
    tell(&server, watched_id, "After the restart").await;
    let (live, status) = next_status(&mut stream, &mut buffer, Duration::from_secs(5)).await.expect("live again");
    assert!(live > caught_up);
    assert!(status["events"].to_string().contains("After the restart"), "{status}");

    eprintln!("retried and caught up {:?} after the kill", killed.elapsed());
    every_mail_once(&server, &smtp, &acknowledged, &retried).await;
    eprintln!("every mail arrived once {:?} after the kill", killed.elapsed());
}

/// Sends the applications, applicant `n` to the `n`th of `servers` in
/// turn, all at once, and kills the `victim`th once [`KILL_AFTER`] were
/// acknowledged: those acknowledged (their status and answer), after
/// checking that none was refused and the kill came in the middle.
pub async fn applications_until_killed(servers: &mut [Served], victim: usize) -> BTreeMap<usize, (u16, Value)> {
    let started = Instant::now();
    let answered = Arc::new(AtomicUsize::new(0));
    let enough = Arc::new(tokio::sync::Notify::new());
    let senders: Vec<_> = (0..APPLICANTS)
        .map(|n| {
            let server = &servers[n % servers.len()];
            let url = server.url(&format!("/api/v1/companies/{COMPANY}/postings/{POSTING}/applications"));
            let (client, answered, enough) = (server.client.clone(), answered.clone(), enough.clone());
            tokio::spawn(async move {
                let answer = send(&client, &url, n).await;
                if matches!(answer, Answer::Acknowledged(..))
                    && answered.fetch_add(1, Ordering::SeqCst) + 1 == KILL_AFTER
                {
                    enough.notify_one();
                }
                answer
            })
        })
        .collect();
    tokio::time::timeout(Duration::from_secs(120), enough.notified()).await.expect("answers arrive");
    eprintln!("{KILL_AFTER} answered in {:?}", started.elapsed());
    servers[victim].kill();
    let answers: Vec<Answer> = futures_util::future::join_all(senders).await.into_iter().map(Result::unwrap).collect();
    let acknowledged: BTreeMap<usize, (u16, Value)> = answers
        .iter()
        .enumerate()
        .filter_map(|(n, a)| match a {
            Answer::Acknowledged(status, ack) => Some((n, (*status, ack.clone()))),
            _ => None,
        })
        .collect();
    let refused: Vec<(u16, &str)> = answers
        .iter()
        .filter_map(|a| match a {
            Answer::Refused(status, body) => Some((*status, body.as_str())),
            _ => None,
        })
        .collect();
    assert!(refused.is_empty(), "valid applications refused under load: {refused:?}");
    assert!(
        acknowledged.len() >= KILL_AFTER && acknowledged.len() < APPLICANTS,
        "killed in the middle: {}",
        acknowledged.len()
    );
    assert!(acknowledged.values().all(|(status, _)| *status == 201), "first answers are 201s");
    acknowledged
}

/// Every key again to `server`, as clients that retry do: the
/// acknowledged get their original answer, the rest are taken now (or had
/// been, unanswered); then every applicant is there once.
pub async fn everyone_again(server: &Served, acknowledged: &BTreeMap<usize, (u16, Value)>) -> Vec<(usize, Answer)> {
    let retried: Vec<(usize, Answer)> = futures_util::stream::iter(0..APPLICANTS)
        .map(|n| {
            let (client, url) = (
                server.client.clone(),
                server.url(&format!("/api/v1/companies/{COMPANY}/postings/{POSTING}/applications")),
            );
            async move { (n, send(&client, &url, n).await) }
        })
        .buffer_unordered(50)
        .collect()
        .await;
    for (n, answer) in &retried {
        let Answer::Acknowledged(status, again) = answer else { panic!("retry of {n}: {answer:?}") };
        match acknowledged.get(n) {
            Some((_, first)) => {
                assert_eq!(*status, 200, "an acknowledged application is not taken twice: {n}");
                assert_eq!(again["status_token"], first["status_token"], "the original answer: {n}");
                assert_eq!(again["status"]["events"], first["status"]["events"], "the original answer: {n}");
            }
            // 200: it was kept before the kill, only its answer was lost.
            None => assert!(*status == 201 || *status == 200, "{n}: {status}"),
        }
    }
    let listed = listed(server).await;
    for n in 0..APPLICANTS {
        assert_eq!(listed.get(&email(n)).map(Vec::len), Some(1), "{} is there once", email(n));
    }
    assert_eq!(listed.keys().filter(|e| e.ends_with(DOMAIN)).count(), APPLICANTS);
    retried
}

/// Each acknowledgement mail out once: all arrive, and once nothing
/// waits in the outbox, none came twice. The one mail being handed over
/// at the kill may have been taken by the mail server before its answer
/// was kept: it goes again, the very same message (its Message-ID), which
/// receiving servers collapse; no second mail of any application.
pub async fn every_mail_once(
    server: &Served,
    smtp: &SmtpServer,
    acknowledged: &BTreeMap<usize, (u16, Value)>,
    retried: &[(usize, Answer)],
) {
    let everyone: BTreeSet<String> = (0..APPLICANTS).map(email).collect();
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let reached: BTreeSet<String> =
            smtp.received().iter().map(|m| m.to()).filter(|to| to.ends_with(DOMAIN)).collect();
        if reached == everyone {
            break;
        }
        assert!(Instant::now() < deadline, "mails lost: {} of {APPLICANTS} arrived", reached.len());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    outbox_settles(server).await;
    let mut by_recipient: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for mail in smtp.received().iter().filter(|m| m.to().ends_with(DOMAIN)) {
        by_recipient.entry(mail.to()).or_default().push(mail.message_id());
    }
    let mut again = 0;
    for (to, ids) in &by_recipient {
        let distinct: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(distinct.len(), 1, "{to} got one mail: {ids:?}");
        again += ids.len() - 1;
    }
    assert!(again <= 1, "{again} mails went again after the kill: {by_recipient:?}");
    let kept_unanswered = retried
        .iter()
        .filter(|(n, a)| !acknowledged.contains_key(n) && matches!(a, Answer::Acknowledged(200, _)))
        .count();
    eprintln!(
        "killed after {} of {APPLICANTS} acknowledgements ({kept_unanswered} more kept but unanswered); {again} mail went again",
        acknowledged.len()
    );
}

/// The demo posting's applications by address: their recruiter ids.
pub async fn listed(server: &Served) -> BTreeMap<String, Vec<i64>> {
    let response = server.recruiter(Method::GET, &format!("postings/{POSTING}/applications")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let mut by_email: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for item in response.json::<Value>().await.unwrap().as_array().unwrap() {
        by_email.entry(item["email"].as_str().unwrap().to_owned()).or_default().push(item["id"].as_i64().unwrap());
    }
    by_email
}

/// A recruiter's message to the candidate: an event on their timeline.
pub async fn tell(server: &Served, id: i64, message: &str) {
    let response = server
        .recruiter(Method::POST, &format!("applications/{id}/messages"))
        .json(&json!({"message": message}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
}

/// Waits until no mail waits in the demo company's outbox.
pub async fn outbox_settles(server: &Served) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let mut pending = 0;
        let mut before = None;
        loop {
            let query = before.map(|id: i64| format!("?before={id}")).unwrap_or_default();
            let page: Value =
                server.recruiter(Method::GET, &format!("outbox{query}")).send().await.unwrap().json().await.unwrap();
            let mails = page["mails"].as_array().unwrap();
            pending += mails.iter().filter(|m| m["state"] == "pending").count();
            match mails.last() {
                Some(last) => before = last["id"].as_i64(),
                None => break,
            }
        }
        if pending == 0 {
            return;
        }
        assert!(Instant::now() < deadline, "{pending} mails still wait in the outbox");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
