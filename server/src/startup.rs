//! Building the application from its configuration, and running it.

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::response::Redirect;
use axum::routing::get;
use candor_api::Origin;
use tokio::net::TcpListener;

use crate::auth::rate_limit::RateLimit;
use crate::auth::tokens::{ApiToken, TokenKey};
use crate::clock::{AdjustableClock, Clock, SystemClock};
use crate::config::ServeArgs;
use crate::http::query::QueryParameters;
use crate::http::state::{AppState, TokenSecret};
use crate::http::{api_docs, client_address, files, probes, prometheus, router, test_clock};
use crate::mail::sender::{self, Pace};
use crate::mail::{Mailer, counted};
use crate::store::{self, Caching};
use crate::{admin, applications, auth, candidate_pages, careers, demo, live, openapi, qa, recruiting, reports};

/// Every feature's routes: the JSON API and the console's sign-in.
fn features(limit: RateLimit) -> Router<AppState> {
    Router::new()
        .merge(careers::routes())
        .merge(applications::routes(limit))
        .merge(qa::routes(limit))
        .merge(recruiting::routes())
        .merge(reports::routes())
        .merge(admin::routes())
        .merge(auth::sessions::routes(limit))
        .merge(auth::password_links::routes(limit))
}

/// Everything one Candor origin serves.
pub fn site(
    state: AppState,
    limit: RateLimit,
    widget_dir: &Path,
    console_dir: &Path,
    demo_pages: Option<Router>,
) -> Router {
    let store = state.store.clone();
    let document = openapi::document();
    let parameters = QueryParameters::new(openapi::query_parameters(&document));
    // For scrapers and probes, outside the API and its checks.
    let operations = prometheus::routes().merge(probes::routes()).with_state(state.clone());
    let mut app = router::api(features(limit), state, parameters)
        .merge(operations)
        .merge(api_docs::routes(&document))
        .nest("/widget", files::widget(widget_dir, store))
        .merge(candidate_pages::routes())
        .merge(files::console(console_dir));
    app = match demo_pages {
        Some(pages) => app.merge(pages).route("/", get(|| async { Redirect::temporary("/demo/") })),
        None => app.route("/", get(|| async { "Candor is running. The API lives under /api/v1/." })),
    };
    router::site(app)
}

/// A built, bound, not yet running Candor.
pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    base_url: String,
    database: String,
    demo_site: Option<DemoSite>,
    /// The outbox's sender, when a mail server is set up.
    sender: Option<(sender::Transport, Pace)>,
    /// With `--test-clock`: the late-promise sweep also looks when it moves.
    test_clock: Option<Arc<AdjustableClock>>,
    /// `--shutdown-grace`.
    grace: Duration,
}

/// With `--demo`: the company's own site on a second origin, and the demo
/// recruiter's API token.
struct DemoSite {
    listener: TcpListener,
    router: Router,
    url: String,
    token: ApiToken,
    /// `--demo-origin`s: other pages allowed to embed the demo company.
    also_embedding: Vec<Origin>,
}

impl Application {
    /// Binds the listeners first, so the printed and seeded addresses are the
    /// real ones even when the port was 0, then opens the store (applying
    /// migrations) and, with `--demo`, seeds the demo company.
    pub async fn build(args: ServeArgs) -> anyhow::Result<Self> {
        let listener = TcpListener::bind((args.bind, args.port)).await.with_context(|| {
            format!("listening on {}:{} (is another Candor running? try --port)", args.bind, args.port)
        })?;
        let base_url = match &args.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => url_of(args.bind, listener.local_addr()?),
        };
        let database = args.database.url();
        let store = store::open(&database, Caching::PublicReads).await?;
        let token_secret = TokenSecret(store.secret("status-token", TokenKey::random_bytes()).await?);
        // Counted from the first request on; one recorder per process.
        if prometheus::install().is_some() {
            counted::describe();
        }
        let test_clock = args.test_clock.then(|| Arc::new(AdjustableClock::default()));
        let clock: Arc<dyn Clock> = match &test_clock {
            Some(clock) => clock.clone(),
            None => Arc::new(SystemClock),
        };
        let smtp = args.mail.smtp();
        let mailer = Mailer::new(&base_url, args.mail.mail_from.as_deref(), smtp.is_some(), &token_secret.0)?;
        let pace = Pace {
            retry_after: Duration::from_secs(args.mail.mail_retry_seconds.max(1)),
            lease: Duration::from_secs(args.mail.mail_lease_seconds.max(1)),
            ..Pace::default()
        };
        let sender = match &smtp {
            Some(smtp) => Some(sender::transport(smtp, &pace).context("setting up the mail server (--smtp-url)")?),
            None => None,
        };
        let state = AppState::new(store, clock, token_secret).with_mail(mailer);

        let (demo_pages, demo_site) = if args.demo {
            let port =
                args.demo_site_port.unwrap_or_else(|| listener.local_addr().map_or(0, |a| a.port().saturating_add(1)));
            let site_listener = TcpListener::bind((args.bind, port))
                .await
                .with_context(|| format!("listening for the demo site on port {port} (try --demo-site-port)"))?;
            let site_url = url_of(args.bind, site_listener.local_addr()?);
            let origin = Origin::parse(&site_url).map_err(|e| anyhow::anyhow!("demo site origin {site_url}: {e}"))?;
            let origins: Vec<Origin> = std::iter::once(origin).chain(args.demo_origins.iter().cloned()).collect();
            let token = demo::seed(&state, &origins).await.context("seeding the demo company")?;
            let site_router = demo::site(&base_url, &site_url);
            (
                Some(demo::pages(&base_url).merge(demo::mailbox::routes(state.clone()))),
                Some(DemoSite {
                    listener: site_listener,
                    router: site_router,
                    url: site_url,
                    token,
                    also_embedding: args.demo_origins.clone(),
                }),
            )
        } else {
            (None, None)
        };

        let limit = RateLimit {
            burst: args.apply_burst,
            period: std::time::Duration::from_secs(args.apply_every_seconds.max(1)),
        };
        let console_dir = args
            .console_dir
            .clone()
            .unwrap_or_else(|| args.widget_dir.parent().unwrap_or(Path::new(".")).join("console"));
        let mut router = site(state.clone(), limit, &args.widget_dir, &console_dir, demo_pages);
        if let Some(clock) = &test_clock {
            router = router.merge(test_clock::routes(clock.clone()));
        }
        if args.trust_proxy {
            // Outermost: every rate limit reads the address it sets.
            router = router.layer(axum::middleware::from_fn(client_address::from_trusted_proxy));
        }
        let sender = sender.map(|transport| (transport, pace));
        Ok(Application {
            listener,
            router,
            state,
            base_url,
            database: redact(&database),
            demo_site,
            sender,
            test_clock,
            grace: Duration::from_secs(args.shutdown_grace),
        })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map_or(0, |a| a.port())
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The demo company's own site (a second origin), when running with `--demo`.
    pub fn demo_site_url(&self) -> Option<&str> {
        self.demo_site.as_ref().map(|d| d.url.as_str())
    }

    /// The demo recruiter's API token, when running with `--demo`.
    pub fn demo_recruiter_token(&self) -> Option<String> {
        self.demo_site.as_ref().map(|d| d.token.reveal())
    }

    /// The store and clock the handlers use: tests arrange data through it.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// What a person needs to start: the addresses and, with `--demo`,
    /// the logins and the recruiter token (printed by `print_urls`).
    pub fn addresses(&self) -> String {
        let base = &self.base_url;
        let mut lines = vec![
            format!("Candor is listening on {base}"),
            format!("  database:        {}", self.database),
            format!("  API:             {base}/api/v1/"),
            format!("  widget:          {base}/widget/candor.js"),
            match &self.sender {
                Some(_) => format!("  mail:            sent from {}", self.state.mail.from_address()),
                None => "  mail:            no mail server set up (--smtp-url): mails wait in the outbox".to_owned(),
            },
        ];
        if let Some(demo) = &self.demo_site {
            let logins: Vec<&str> = demo::seed::DEMO_USERS.iter().map(|(email, _, _)| *email).collect();
            lines.extend([
                format!("  demo careers:    {base}/demo/"),
                format!("  demo in Finnish: {base}/demo/fi/"),
                format!("  demo, API down:  {base}/demo/api-down/"),
                format!("  demo mailbox:    {base}/demo/mailbox/  (the mails the demo wrote)"),
                format!("  company's site:  {}/  (another origin)", demo.url),
                format!("  profile wallet:  {base}/me"),
                format!("  recruiter API:   Authorization: Bearer {}", demo.token.reveal()),
                format!("  console:         {base}/console/"),
                format!("  console logins:  {} (password {})", logins.join(", "), demo::seed::DEMO_PASSWORD),
            ]);
            if !demo.also_embedding.is_empty() {
                let origins: Vec<&str> = demo.also_embedding.iter().map(Origin::as_str).collect();
                lines.push(format!("  also embeds on:  {}", origins.join(", ")));
            }
        }
        lines.join("\n")
    }

    pub fn print_urls(&self) {
        println!("{}", self.addresses());
    }

    /// Serves until SIGTERM or Ctrl-C, then stops within the grace: stops
    /// accepting, ends the live streams with a reconnect hint, lets requests
    /// under way and the background loops finish, and gives up on what is
    /// still running when the grace is over.
    pub async fn run_until_stopped(self) -> anyhow::Result<Stopped> {
        let live = self.state.live.clone();
        // Other instances' changes, heard from the start.
        let mut background = vec![live::follow(live.clone(), self.state.store.clone())];
        if let Some((transport, pace)) = self.sender {
            let state = &self.state;
            background.push(sender::spawn(
                state.store.clone(),
                state.clock.clone(),
                &state.mail,
                &live,
                transport,
                pace,
            ));
        }
        // Written with or without a mail server: without one they wait in the outbox.
        background.push(recruiting::digest::spawn(self.state.clone()));
        background.push(reports::digest::spawn(self.state.clone(), self.test_clock.clone()));
        background.push(applications::retention::spawn(self.state.clone(), self.test_clock.clone()));
        background.push(qa::retention::spawn(self.state.clone(), self.test_clock.clone()));
        background.push(applications::pool_renewal::spawn(self.state.clone(), self.test_clock.clone()));
        background.push(applications::pool_alerts::spawn(self.state.clone(), self.test_clock.clone()));
        background.push(applications::late::spawn(self.state.clone(), self.test_clock));
        let signalled = live.clone();
        tokio::spawn(async move {
            shutdown_signal().await;
            tracing::info!("stopping: no new connections, live streams told to reconnect");
            signalled.close();
        });
        // With the client's address: the apply rate limit counts per address.
        let service = self.router.into_make_service_with_connect_info::<SocketAddr>();
        let main = axum::serve(self.listener, service).with_graceful_shutdown(live.closing());
        let serving = async {
            match self.demo_site {
                Some(DemoSite { listener, router, .. }) => {
                    let site = axum::serve(listener, router).with_graceful_shutdown(live.closing());
                    tokio::try_join!(main.into_future(), site.into_future()).map(|_| ())
                }
                None => main.await,
            }
        };
        let grace = self.grace;
        let mut over = std::pin::pin!(async {
            live.closing().await;
            tokio::time::sleep(grace).await;
        });
        tokio::select! {
            served = serving => served?,
            () = &mut over => {
                tracing::warn!(grace_seconds = grace.as_secs(), "stopping: requests still under way after the grace; exiting anyway");
                return Ok(Stopped::GraceOver);
            }
        }
        let store = self.state.store.clone();
        // The changes the last requests made, told to the other instances before exiting.
        let finished = async move {
            futures_util::future::join_all(background).await;
            store.published().await;
        };
        tokio::select! {
            () = finished => {}
            () = &mut over => {
                tracing::warn!(grace_seconds = grace.as_secs(), "stopping: background work still under way after the grace; exiting anyway");
                return Ok(Stopped::GraceOver);
            }
        }
        tracing::info!("stopped");
        Ok(Stopped::Finished)
    }
}

/// How a stop went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub enum Stopped {
    /// Everything under way finished within the grace.
    Finished,
    /// The grace ran out first: what still runs is to be abandoned
    /// (`main` exits the process rather than wait for it).
    GraceOver,
}

fn url_of(bind: IpAddr, addr: SocketAddr) -> String {
    // A wildcard bind is reachable on loopback; print that.
    let host = if bind.is_unspecified() { IpAddr::from([127, 0, 0, 1]) } else { bind };
    match host {
        IpAddr::V4(ip) => format!("http://{ip}:{}", addr.port()),
        IpAddr::V6(ip) => format!("http://[{ip}]:{}", addr.port()),
    }
}

/// A database URL without its password, for printing.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = terminate => {} }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_database_urls_hide_passwords() {
        assert_eq!(redact("postgres://app:s3cret@db:5432/candor"), "postgres://app:***@db:5432/candor");
        assert_eq!(redact("postgres://postgres@127.0.0.1/test"), "postgres://postgres@127.0.0.1/test");
        assert_eq!(redact("sqlite://candor-data/candor.sqlite3"), "sqlite://candor-data/candor.sqlite3");
    }
}
