//! Candor as its own process (`candor serve`, the very binary a deploy
//! runs), for the stories that need one: a signal to stop it, a kill.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::Response;
use serde_json::Value;

use crate::helpers::COMPANY;

/// A running `candor serve --demo` on a port of its own.
pub struct Served {
    child: Child,
    /// `http://127.0.0.1:<port>`
    pub address: String,
    /// The demo recruiter's API token, as the server printed it.
    pub recruiter_token: String,
    pub client: reqwest::Client,
    /// What it logged so far.
    log: Arc<Mutex<String>>,
    _widget_dir: tempfile::TempDir,
}

impl Served {
    /// Starts on `database_url` with the demo company and no apply limit
    /// to speak of, plus `args`; returns once it listens.
    pub fn start(database_url: &str, args: &[&str]) -> Served {
        let widget_dir = tempfile::tempdir().expect("a temporary directory");
        std::fs::write(widget_dir.path().join("candor.js"), "export {};\n").expect("a stand-in widget file");
        let mut child = Command::new(env!("CARGO_BIN_EXE_candor"))
            .args(["serve", "--port", "0", "--demo", "--demo-site-port", "0", "--database-url", database_url])
            .arg("--widget-dir")
            .arg(widget_dir.path())
            .args(["--apply-burst", "100000", "--apply-every-seconds", "1"])
            .args(args)
            .env("CANDOR_LOG", "info,tower_http=warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("candor starts");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().expect("its log");
        let keeping = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if std::env::var_os("TEST_LOG").is_some() {
                    eprintln!("candor: {line}");
                }
                let mut log = keeping.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        // What `print_urls` prints, all at once, when it listens.
        let mut stdout = BufReader::new(child.stdout.take().expect("its output")).lines();
        let (mut address, mut token) = (None, None);
        while address.is_none() || token.is_none() {
            let Some(Ok(line)) = stdout.next() else {
                let _ = child.kill();
                panic!("candor stopped before it listened:\n{}", log.lock().unwrap());
            };
            if let Some(rest) = line.strip_prefix("Candor is listening on ") {
                address = Some(rest.trim().to_owned());
            }
            if let Some((_, rest)) = line.split_once("Authorization: Bearer ") {
                token = Some(rest.trim().to_owned());
            }
        }
        std::thread::spawn(move || stdout.for_each(drop));
        Served {
            child,
            address: address.unwrap(),
            recruiter_token: token.unwrap(),
            client: reqwest::Client::new(),
            log,
            _widget_dir: widget_dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.address.rsplit(':').next().and_then(|p| p.parse().ok()).expect("a port in the address")
    }

    /// What it logged so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// `SIGTERM`, as a deploy or `docker stop` sends it.
    pub fn terminate(&self) {
        self.signal("-TERM");
    }

    /// `SIGKILL`: it stops wherever it was.
    pub fn kill(&mut self) {
        self.child.kill().expect("SIGKILL is sent");
        self.child.wait().expect("it is gone");
    }

    /// `SIGSTOP`: it runs no more, its connections still open, until [`Served::resume`].
    pub fn pause(&self) {
        self.signal("-STOP");
    }

    pub fn resume(&self) {
        self.signal("-CONT");
    }

    fn signal(&self, which: &str) {
        let sent = Command::new("kill").args([which, &self.child.id().to_string()]).status().expect("kill runs");
        assert!(sent.success(), "{which} was sent");
    }

    /// Waits up to `bound` for it to exit: its status, or `None` if it still runs.
    pub async fn exited_within(&mut self, bound: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + bound;
        loop {
            if let Some(status) = self.child.try_wait().expect("its status") {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Submits an application to a demo posting.
    pub async fn apply(&self, posting: &str, key: &str, body: &Value) -> reqwest::Result<Response> {
        self.client
            .post(self.url(&format!("/api/v1/companies/{COMPANY}/postings/{posting}/applications")))
            .header("Idempotency-Key", key)
            .json(body)
            .send()
            .await
    }

    /// A recruiter API request with the demo token.
    pub fn recruiter(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.client.request(method, self.url(&format!("/api/v1/recruiter/{path}"))).bearer_auth(&self.recruiter_token)
    }

    /// The candidate's live status stream, from `last_event_id` if given.
    pub async fn status_stream(&self, token: &str, last_event_id: Option<u64>) -> Response {
        let mut request = self.client.get(self.url("/api/v1/application/events")).header("Candor-Application", token);
        if let Some(id) = last_event_id {
            request = request.header("Last-Event-ID", id.to_string());
        }
        let response = request.send().await.expect("the stream opens");
        assert_eq!(response.status(), 200);
        response
    }

    /// The asker's live stream of their question.
    pub async fn question_stream(&self, token: &str) -> Response {
        let request = self.client.get(self.url("/api/v1/question/events")).header("Candor-Question", token);
        let response = request.send().await.expect("it opens");
        assert_eq!(response.status(), 200);
        response
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How a stream that was read to its end ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The server ended the body.
    Ended,
    /// The connection broke off.
    Broke,
    /// Still open when the wait was over.
    Open,
}

/// Reads `stream` to its end, or until `wait` is over: everything it said, and how it ended.
pub async fn read_to_end(stream: &mut Response, wait: Duration) -> (String, Ending) {
    let deadline = tokio::time::Instant::now() + wait;
    let mut said = String::new();
    loop {
        match tokio::time::timeout_at(deadline, stream.chunk()).await {
            Ok(Ok(Some(bytes))) => said.push_str(&String::from_utf8_lossy(&bytes)),
            Ok(Ok(None)) => return (said, Ending::Ended),
            Ok(Err(_)) => return (said, Ending::Broke),
            Err(_) => return (said, Ending::Open),
        }
    }
}
