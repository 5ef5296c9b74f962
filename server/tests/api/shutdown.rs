//! Issue 15, item 4: a stop that finishes. `SIGTERM` to the real binary
//! with live streams open and a request under way: every stream ends with
//! a reconnect hint, the request is answered, and the process exits 0
//! within its grace; with a short grace, it gives up on what hangs.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use futures_util::StreamExt;

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::database::Database;
use crate::helpers::{Backend, COMPANY, application};
use crate::on_both_backends;
use crate::recruiting::next_status;
use crate::served::{Ending, Served, read_to_end};
use crate::smtp::SmtpServer;

on_both_backends!(
    sigterm_ends_the_streams_finishes_what_is_under_way_and_exits,
    a_stop_gives_up_after_its_grace,
    a_stop_hands_the_mails_it_had_taken_to_the_next_instance,
);

const POSTING: &str = "dental-hygienist";

/// An application sent by hand over a socket: its head, and once the
/// server reads its body (its `100 Continue`: the request is under way,
/// not waiting to be accepted), the first half; the rest when the caller
/// says, as a slow client does.
struct HalfSent {
    socket: TcpStream,
    rest: Vec<u8>,
}

impl HalfSent {
    async fn start(server: &Served, email: &str) -> HalfSent {
        let body = serde_json::to_vec(&application("Slow Sender", email)).unwrap();
        let head = format!(
            "POST /api/v1/companies/{COMPANY}/postings/{POSTING}/applications HTTP/1.1\r\nHost: 127.0.0.1\r\n\
             Content-Type: application/json\r\nIdempotency-Key: slow-client-{}\r\nContent-Length: {}\r\n\
             Expect: 100-continue\r\n\r\n",
            email.replace(|c: char| !c.is_ascii_alphanumeric(), "-"),
            body.len()
        );
        let mut socket = TcpStream::connect(("127.0.0.1", server.port())).await.unwrap();
        socket.write_all(head.as_bytes()).await.unwrap();
        let mut interim = Vec::new();
        while !interim.ends_with(b"\r\n\r\n") {
            let mut byte = [0u8];
            tokio::time::timeout(Duration::from_secs(5), socket.read_exact(&mut byte)).await.unwrap().unwrap();
            interim.push(byte[0]);
        }
        assert!(interim.starts_with(b"HTTP/1.1 100"), "{}", String::from_utf8_lossy(&interim));
        let (first, rest) = body.split_at(body.len() / 2);
        socket.write_all(first).await.unwrap();
        socket.flush().await.unwrap();
        HalfSent { socket, rest: rest.to_vec() }
    }

    /// Sends the rest and reads the answer to its end: its status line.
    async fn finish(mut self) -> String {
        self.socket.write_all(&self.rest).await.unwrap();
        let mut answer = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(5), self.socket.read_to_end(&mut answer))
            .await
            .expect("answered, and the connection closed");
        let answer = String::from_utf8_lossy(&answer);
        assert!(read.is_ok(), "{read:?} after {answer:?}");
        answer.lines().next().unwrap_or_default().to_owned()
    }
}

async fn sigterm_ends_the_streams_finishes_what_is_under_way_and_exits(backend: Backend) {
    let database = Database::fresh(backend).await;
    let mut server = Served::start(&database.url, &[]);
    let mut streams = Vec::new();
    for n in 0..3 {
        let email = format!("watcher{n}@example.fi");
        let response =
            server.apply(POSTING, &format!("watching-status-{n}"), &application("Watcher", &email)).await.unwrap();
        assert_eq!(response.status(), 201);
        let token = response.json::<serde_json::Value>().await.unwrap()["status_token"].as_str().unwrap().to_owned();
        let mut stream = server.status_stream(&token, None).await;
        let mut buffer = String::new();
        next_status(&mut stream, &mut buffer, Duration::from_secs(5)).await.expect("the status at once");
        streams.push(stream);
    }
    let asked = server
        .client
        .post(server.url(&format!("/api/v1/companies/{COMPANY}/postings/{POSTING}/questions")))
        .json(&json!({"text": "Is there parking at the clinic?", "name": "Aino"}))
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), 201);
    let question = asked.json::<serde_json::Value>().await.unwrap()["token"].as_str().unwrap().to_owned();
    let mut question_stream = server.question_stream(&question).await;
    let (said, _) = read_to_end(&mut question_stream, Duration::from_millis(500)).await;
    assert!(said.contains("event: question"), "{said}");
    streams.push(question_stream);
    let slow = HalfSent::start(&server, "slow@example.fi").await;

    let signalled = Instant::now();
    server.terminate();
    for stream in &mut streams {
        let (said, ending) = read_to_end(stream, Duration::from_secs(5)).await;
        assert_eq!(ending, Ending::Ended, "the stream ends rather than hangs: {said:?}");
        assert!(said.contains("retry: "), "a reconnect hint before the end: {said:?}");
    }
    // No new connections: refused once the listener is closed.
    let deadline = Instant::now() + Duration::from_secs(2);
    while std::net::TcpStream::connect(("127.0.0.1", server.port())).is_ok() {
        assert!(Instant::now() < deadline, "still accepting after SIGTERM");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(slow.finish().await, "HTTP/1.1 201 Created", "the request under way is answered");

    let status = server.exited_within(Duration::from_secs(10)).await.expect("it exits within the default grace");
    assert!(status.success(), "{status:?}\n{}", server.log());
    let took = signalled.elapsed();
    assert!(took < Duration::from_secs(5), "stopped in {took:?}, well within 10 s");
    assert!(server.log().contains("stopped"), "{}", server.log());

    // The next instance has what was finished during the stop.
    let next = Served::start(&database.url, &[]);
    let list: serde_json::Value = next
        .recruiter(reqwest::Method::GET, &format!("postings/{POSTING}/applications"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(list.as_array().unwrap().iter().any(|a| a["email"] == "slow@example.fi"), "{list}");
}

async fn a_stop_gives_up_after_its_grace(backend: Backend) {
    let database = Database::fresh(backend).await;
    let mut server = Served::start(&database.url, &["--shutdown-grace", "1"]);
    // Never finished: the stop can't wait for it forever.
    let _hanging = HalfSent::start(&server, "never@example.fi").await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let signalled = Instant::now();
    server.terminate();
    let status = server.exited_within(Duration::from_secs(5)).await.expect("it exits soon after its grace");
    let took = signalled.elapsed();
    assert!(status.success(), "{status:?}\n{}", server.log());
    assert!(took >= Duration::from_secs(1) && took < Duration::from_secs(3), "stopped in {took:?}");
    assert!(server.log().contains("exiting anyway"), "the log says so: {}", server.log());
}

async fn a_stop_hands_the_mails_it_had_taken_to_the_next_instance(backend: Backend) {
    const APPLICANTS: usize = 30;
    let smtp = SmtpServer::start();
    let database = Database::fresh(backend).await;
    let url = smtp.url();
    // The default lease (two minutes): a mail taken and not given back would wait that long.
    let args = ["--smtp-url", url.as_str(), "--mail-from", "jobs@candor.test"];
    let mut server = Served::start(&database.url, &args);
    let email = |n: usize| format!("leaving{n:02}@stop.example");
    let applied: Vec<u16> = futures_util::stream::iter(0..APPLICANTS)
        .map(|n| {
            let server = &server;
            async move {
                let key = format!("handed-over-{n:02}-application");
                server.apply(POSTING, &key, &application("Leaving", &email(n))).await.unwrap().status().as_u16()
            }
        })
        .buffer_unordered(10)
        .collect()
        .await;
    assert!(applied.iter().all(|s| *s == 201), "{applied:?}");
    // Stopped while its sender works through what it took.
    smtp.wait_for(1).await;
    server.terminate();
    let status = server.exited_within(Duration::from_secs(10)).await.expect("it exits");
    assert!(status.success(), "{status:?}\n{}", server.log());
    let before = smtp.received().len();

    let _next = Served::start(&database.url, &args);
    let everyone: BTreeSet<String> = (0..APPLICANTS).map(email).collect();
    let deadline = Instant::now() + Duration::from_secs(20);
    let received = loop {
        let received: Vec<_> = smtp.received().into_iter().filter(|m| m.to().ends_with("@stop.example")).collect();
        if received.iter().map(|m| m.to()).collect::<BTreeSet<_>>() == everyone {
            break received;
        }
        assert!(
            Instant::now() < deadline,
            "{} of {APPLICANTS} mails arrived: the rest wait for a lease",
            received.len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    // Once each: a stop records the mail it was sending before it exits.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let ids: BTreeSet<String> = received.iter().map(|m| m.message_id()).collect();
    assert_eq!((received.len(), ids.len()), (APPLICANTS, APPLICANTS), "each mail once");
    assert_eq!(smtp.received().iter().filter(|m| m.to().ends_with("@stop.example")).count(), APPLICANTS);
    eprintln!("{before} mails went before the stop, the rest after it");
}
