//! A real SMTP server for the mail stories: aiosmtpd (PyPI), started on a
//! loopback port, keeping what it receives in a Maildir the stories read
//! as a mail client would (mail-parser). `./scripts/test` installs it into
//! `.tools/python`.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::{Backend, TestApp, spawn_app_with};

/// A running (or stopped) SMTP server on one port.
pub struct SmtpServer {
    pub port: u16,
    dir: tempfile::TempDir,
    child: Option<Child>,
    /// While stopped: the port kept.
    holder: Option<PortHolder>,
}

/// Keeps a stopped server's port from being handed to another listener
/// (any test's Candor binds port 0, and the kernel reuses a freed port),
/// which would take the connection and never greet, so a send would hang
/// for its whole timeout instead of failing at once. It closes each
/// connection as soon as it comes: to a sender, the server is down.
struct PortHolder {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: std::thread::JoinHandle<()>,
}

impl PortHolder {
    fn hold(port: u16) -> PortHolder {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("the stopped server's port is still free");
        listener.set_nonblocking(true).expect("a non-blocking listener");
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopping = stop.clone();
        let thread = std::thread::spawn(move || {
            while !stopping.load(std::sync::atomic::Ordering::Relaxed) {
                match listener.accept() {
                    Ok((connection, _)) => drop(connection),
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        PortHolder { stop, thread }
    }

    /// Frees the port for the server to listen on again.
    fn release(self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let _ = self.thread.join();
    }
}

/// A mail as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub raw: Vec<u8>,
}

impl Received {
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default().parse(&self.raw).expect("a mail the parser reads")
    }

    pub fn header(&self, name: &str) -> Option<String> {
        let message = self.parsed();
        message.header_raw(name).map(|v| v.trim().to_owned())
    }

    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_owned()
    }

    pub fn message_id(&self) -> String {
        self.parsed().message_id().unwrap_or_default().to_owned()
    }

    pub fn to(&self) -> String {
        let message = self.parsed();
        message.to().and_then(|a| a.first()).and_then(|a| a.address()).unwrap_or_default().to_owned()
    }

    pub fn text(&self) -> String {
        self.parsed().body_text(0).map(|t| t.into_owned()).unwrap_or_default()
    }

    pub fn html(&self) -> String {
        self.parsed().body_html(0).map(|t| t.into_owned()).unwrap_or_default()
    }

    /// The private status token the mail's link carries (after `#`).
    pub fn status_token(&self) -> Option<String> {
        let text = self.text();
        let at = text.find("/status?lang=")?;
        let rest = &text[at..];
        let hash = rest.find('#')?;
        Some(rest[hash + 1..].split_whitespace().next()?.to_owned())
    }
}

fn python_path() -> PathBuf {
    std::env::var_os("CANDOR_TEST_SMTP_PYTHONPATH")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.tools/python"))
}

impl SmtpServer {
    /// Starts on a free port.
    pub fn start() -> SmtpServer {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let mut server = SmtpServer { port, dir: tempfile::tempdir().expect("a directory"), child: None, holder: None };
        server.resume();
        server
    }

    /// Starts on a free port and stops at once: a mail server that is down.
    pub fn down() -> SmtpServer {
        let mut server = SmtpServer::start();
        server.stop();
        server
    }

    fn maildir(&self) -> PathBuf {
        // aiosmtpd creates the Maildir (and its tmp, new, cur) when it is missing.
        self.dir.path().join("maildir")
    }

    /// Starts (again) on the same port, keeping what was received.
    pub fn resume(&mut self) {
        assert!(self.child.is_none(), "the SMTP server is running already");
        if let Some(holder) = self.holder.take() {
            holder.release();
        }
        // aiosmtpd's Mailbox handler, which can also refuse (see `refuse`).
        std::fs::write(self.dir.path().join("candor_smtp.py"), HANDLER).expect("the handler is written");
        let python = python_path();
        assert!(
            python.join("aiosmtpd").is_dir(),
            "aiosmtpd is missing from {}: ./scripts/test installs it (or: python3 -m pip install --target .tools/python aiosmtpd==1.4.6)",
            python.display()
        );
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{}", self.port)])
            .args(["-c", "candor_smtp.Mailbox"])
            .arg(self.maildir())
            .env("PYTHONPATH", std::env::join_paths([python.as_path(), self.dir.path()]).expect("a PYTHONPATH"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 starts aiosmtpd");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not listen on {}", self.port);
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops it: connections are closed at once until `resume`.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
            self.holder = Some(PortHolder::hold(self.port));
        }
    }

    /// The SMTP URL a Candor delivers to this server with.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Everything received so far, in the order it arrived.
    pub fn received(&self) -> Vec<Received> {
        let new = self.maildir().join("new");
        let Ok(entries) = std::fs::read_dir(&new) else { return Vec::new() };
        let mut files: Vec<(std::time::SystemTime, String, PathBuf)> = entries
            .filter_map(Result::ok)
            .map(|e| {
                let modified = e.metadata().and_then(|m| m.modified()).unwrap_or(std::time::UNIX_EPOCH);
                (modified, e.file_name().to_string_lossy().into_owned(), e.path())
            })
            .collect();
        files.sort();
        files.into_iter().map(|(_, _, path)| Received { raw: std::fs::read(path).expect("a mail file") }).collect()
    }

    /// Waits until at least `count` mails arrived, and returns them all.
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            assert!(Instant::now() < deadline, "{count} mails expected, {} arrived", received.len());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// aiosmtpd's own Mailbox, refusing every recipient with the words in the
/// file `<maildir>.refuse` while that file exists.
const HANDLER: &str = r#"
from aiosmtpd.handlers import Mailbox as Base

class Mailbox(Base):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        try:
            with open(str(self.mail_dir) + ".refuse") as refusal:
                return refusal.read().strip()
        except FileNotFoundError:
            envelope.rcpt_tos.append(address)
            envelope.rcpt_options.extend(rcpt_options)
            return "250 OK"
"#;

impl SmtpServer {
    /// From now on the server refuses every recipient with `answer` (such
    /// as `550 5.1.1 Mailbox unavailable`, which is for good), until
    /// `accept`: a real server saying no, not a mocked one.
    pub fn refuse(&self, answer: &str) {
        std::fs::write(self.refusal(), answer).expect("the refusal is written");
    }

    /// Accepts mail again after `refuse`.
    pub fn accept(&self) {
        let _ = std::fs::remove_file(self.refusal());
    }

    fn refusal(&self) -> PathBuf {
        self.dir.path().join("maildir.refuse")
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        if let Some(holder) = self.holder.take() {
            holder.release();
        }
    }
}

/// How a story's Candor sends to its SMTP server.
pub struct Sending<'a> {
    pub from: &'a str,
    pub retry_seconds: u64,
    /// `--test-clock`, for stories that move the days on.
    pub test_clock: bool,
}

impl Default for Sending<'_> {
    fn default() -> Self {
        Sending { from: "jobs@candor.test", retry_seconds: 60, test_clock: false }
    }
}

/// Candor with the demo company, delivering to `smtp` as `sending` says.
pub async fn app_sending_to(backend: Backend, smtp: &SmtpServer, sending: Sending<'_>) -> TestApp {
    let (url, from) = (smtp.url(), sending.from.to_owned());
    spawn_app_with(backend, move |args| {
        args.mail.smtp_url = Some(url);
        args.mail.mail_from = Some(from);
        args.mail.mail_retry_seconds = sending.retry_seconds;
        args.test_clock = sending.test_clock;
    })
    .await
}
