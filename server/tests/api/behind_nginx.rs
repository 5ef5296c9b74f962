//! Issue 17, item 4: Candor as deployed for scale-out. Debian's nginx, with
//! the repository's own `deploy/nginx/candor-locations.conf`, in front of
//! two instances on one PostgreSQL database; a candidate's journey through
//! it: the widget's file, the list, applying, the status stream (each event
//! as it happens: nginx buffers nothing of it), the recruiter's moves
//! landing on either instance and heard on the stream; and with one
//! instance killed, the other answers every request.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::{Value, json};

use crate::database::Database;
use crate::helpers::{Backend, COMPANY, application};
use crate::recruiting::next_status;
use crate::served::Served;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_candidate_applies_and_follows_their_application_through_nginx_in_front_of_two_instances() {
    let Some(backend) = Backend::postgres() else {
        return eprintln!("skipped: CANDOR_TEST_POSTGRES_URL is not set");
    };
    let Some(nginx_bin) = ["/usr/sbin/nginx", "/usr/bin/nginx"].into_iter().map(PathBuf::from).find(|p| p.exists())
    else {
        panic!("nginx is not installed: scripts/test installs Debian's (apt-get install nginx-light)");
    };
    the_sites_configuration_is_valid(&nginx_bin);
    let database = Database::fresh(backend).await;
    let port = free_port();
    let public = format!("http://127.0.0.1:{port}");
    // (No --public-url: it would name nginx where the tests read the
    // instance's own address. The mails' links aren't followed here.)
    let args = ["--trust-proxy"];
    let mut instances = [Served::start(&database.url, &args), Served::start(&database.url, &args)];
    let nginx = Nginx::start(&nginx_bin, port, [instances[0].port(), instances[1].port()]);
    let client = reqwest::Client::new();
    let via = |path: &str| format!("{public}{path}");

    // The careers page's requests.
    let widget = client.get(via("/widget/candor.js")).send().await.unwrap();
    assert_eq!(widget.status(), 200, "{}", nginx.error_log());
    let list = client.get(via(&format!("/api/v1/companies/{COMPANY}/postings"))).send().await.unwrap();
    assert_eq!(list.status(), 200);
    let list: Value = list.json().await.unwrap();
    assert!(list["postings"].as_array().is_some_and(|p| !p.is_empty()), "{list}");

    // The candidate applies and opens their status.
    let token = applies(&client, &via, 1, "ilona@proxy.example").await;
    let opened = Instant::now();
    let mut stream =
        client.get(via("/api/v1/application/events")).header("Candor-Application", &token).send().await.unwrap();
    assert_eq!(stream.status(), 200);
    let mut buffer = String::new();
    let (mut seen, _) = next_status(&mut stream, &mut buffer, Duration::from_secs(1))
        .await
        .expect("the first status comes through at once: nothing buffers the stream");
    eprintln!("the first status through nginx after {:?}", opened.elapsed());

    // The recruiter's moves, through nginx: they land on both instances.
    let id =
        recruiter(&client, &via, &instances[0].recruiter_token, Method::GET, "postings/dental-hygienist/applications")
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["email"] == "ilona@proxy.example")
            .expect("listed")["id"]
            .as_i64()
            .unwrap();
    let mut took = Vec::new();
    for round in 0..4 {
        let started = Instant::now();
        let message = format!("Update {round} through the proxy");
        let response = recruiter(
            &client,
            &via,
            &instances[0].recruiter_token,
            Method::POST,
            &format!("applications/{id}/messages"),
        )
        .json(&json!({"message": message}))
        .send()
        .await
        .unwrap();
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
        let (heard, status) =
            next_status(&mut stream, &mut buffer, Duration::from_secs(1)).await.expect("heard within a second");
        took.push(started.elapsed());
        assert!(heard > seen);
        assert!(status["events"].to_string().contains(&message), "{status}");
        seen = heard;
    }
    eprintln!("each update, from the recruiter's request to the stream through nginx: {took:?}");
    for instance in &instances {
        let metrics = client.get(instance.url("/metrics")).send().await.unwrap().text().await.unwrap();
        assert!(
            metrics.lines().any(|l| l.starts_with("candor_http_requests_total")
                && l.contains("route=\"/api/v1/recruiter/applications/{id}/messages\"")),
            "each instance took some of the moves: {}",
            instance.address
        );
    }

    // One instance gone: the other answers everything, reads and writes.
    instances[0].kill();
    for n in 0..6 {
        let list = client.get(via(&format!("/api/v1/companies/{COMPANY}/postings"))).send().await.unwrap();
        assert_eq!(list.status(), 200, "read {n} with one instance down");
    }
    applies(&client, &via, 2, "second@proxy.example").await; // with one instance down
    let log = nginx.access_log();
    assert!(log.contains("POST /api/v1/companies/northwind/postings/dental-hygienist/applications"), "{log}");
    assert!(!log.contains(&token), "no secret in nginx's log either");
}

/// `deploy/nginx/candor.conf` as a site would install it, with a
/// certificate made for the test where Let's Encrypt's would be: nginx
/// finds nothing wrong in it (`nginx -t`).
fn the_sites_configuration_is_valid(bin: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let deploy = Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/nginx").canonicalize().unwrap();
    let made = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=careers-api.example.com"])
        .arg("-keyout")
        .arg(d.join("privkey.pem"))
        .arg("-out")
        .arg(d.join("fullchain.pem"))
        .output()
        .expect("openssl runs");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let site = std::fs::read_to_string(deploy.join("candor.conf"))
        .unwrap()
        .replace("/etc/letsencrypt/live/careers-api.example.com", &d.display().to_string())
        .replace("/etc/nginx/candor-locations.conf", &deploy.join("candor-locations.conf").display().to_string())
        .replace("/var/log/nginx", &d.display().to_string());
    std::fs::write(d.join("candor.conf"), site).unwrap();
    let main = format!(
        "pid {0}/nginx.pid;\nerror_log {0}/error.log;\nevents {{}}\nhttp {{ access_log off; include {0}/candor.conf; }}\n",
        d.display()
    );
    std::fs::write(d.join("nginx.conf"), main).unwrap();
    let tested = Command::new(bin)
        .arg("-t")
        .arg("-p")
        .arg(d)
        .arg("-c")
        .arg(d.join("nginx.conf"))
        .arg("-e")
        .arg(d.join("error.log"))
        .output()
        .unwrap();
    assert!(
        tested.status.success(),
        "nginx -t on deploy/nginx/candor.conf: {}",
        String::from_utf8_lossy(&tested.stderr)
    );
}

/// Applies through nginx: the status token.
async fn applies(client: &reqwest::Client, via: &impl Fn(&str) -> String, n: u32, email: &str) -> String {
    let response = client
        .post(via(&format!("/api/v1/companies/{COMPANY}/postings/dental-hygienist/applications")))
        .header("Idempotency-Key", format!("through-nginx-application-{n}"))
        .json(&application("Through Proxy", email))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201, "application {n}");
    response.json::<Value>().await.unwrap()["status_token"].as_str().unwrap().to_owned()
}

fn recruiter(
    client: &reqwest::Client,
    via: &impl Fn(&str) -> String,
    token: &str,
    method: Method,
    path: &str,
) -> reqwest::RequestBuilder {
    client.request(method, via(&format!("/api/v1/recruiter/{path}"))).bearer_auth(token)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Debian's nginx in the foreground, on `port`, in front of `upstreams`,
/// with the repository's locations: everything else it needs in a
/// directory of its own.
struct Nginx {
    child: Child,
    dir: tempfile::TempDir,
}

impl Nginx {
    fn start(bin: &Path, port: u16, upstreams: [u16; 2]) -> Nginx {
        let dir = tempfile::tempdir().unwrap();
        let locations = Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/nginx/candor-locations.conf");
        let locations = locations.canonicalize().expect("deploy/nginx/candor-locations.conf");
        let d = dir.path().display();
        let config = format!(
            "daemon off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n\
             events {{ worker_connections 512; }}\n\
             http {{\n\
               client_body_temp_path {d}/body; proxy_temp_path {d}/proxy; fastcgi_temp_path {d}/fastcgi;\n\
               uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;\n\
               log_format candor '$remote_addr [$time_local] \"$request_method $uri\" $status $body_bytes_sent $request_time';\n\
               access_log {d}/access.log candor;\n\
               upstream candor {{ server 127.0.0.1:{a} max_fails=1 fail_timeout=5s; server 127.0.0.1:{b} max_fails=1 fail_timeout=5s; keepalive 8; }}\n\
               server {{ listen 127.0.0.1:{port}; include {locations}; }}\n\
             }}\n",
            a = upstreams[0],
            b = upstreams[1],
            locations = locations.display(),
        );
        std::fs::write(dir.path().join("nginx.conf"), config).unwrap();
        let child = Command::new(bin)
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(dir.path().join("nginx.conf"))
            .arg("-e")
            .arg(dir.path().join("error.log"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("nginx starts");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            let log = std::fs::read_to_string(dir.path().join("error.log")).unwrap_or_default();
            assert!(Instant::now() < deadline, "nginx did not listen on {port}:\n{log}");
            std::thread::sleep(Duration::from_millis(50));
        }
        Nginx { child, dir }
    }

    fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default()
    }

    fn access_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("access.log")).unwrap_or_default()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
