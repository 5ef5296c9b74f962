//! Command line and environment: every flag also reads a `CANDOR_*` variable.

use std::net::IpAddr;
use std::path::PathBuf;

use candor_api::Origin;
use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "candor", version, about = "Candor: the careers-page widget and its API")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// How log lines are written to standard error: `text` for a person,
    /// `json` (one object per line) for a log collector.
    #[arg(long, global = true, env = "CANDOR_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the API server, the widget's files and (with --demo) the demo pages.
    Serve(ServeArgs),
    /// Administer companies and their access.
    Admin {
        #[command(flatten)]
        database: DatabaseArgs,
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// API tokens for the recruiter API and integrations.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Companies (tenants): the first step of a fresh install.
    Company {
        #[command(subcommand)]
        command: CompanyCommand,
    },
    /// The console's people.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// The retention job, which the server also runs hourly.
    Retention {
        #[command(subcommand)]
        command: RetentionCommand,
    },
    /// Copy the SQLite database to a file while Candor runs (on
    /// PostgreSQL, use pg_dump or the provider's backups).
    Backup {
        /// The backup file: written beside it first, then renamed into place.
        #[arg(long)]
        to: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// Anonymise now every ended application past its company's retention
    /// period (talent-pool members are kept while their consent lasts).
    Run,
}

#[derive(Debug, Subcommand)]
pub enum CompanyCommand {
    /// Create a company, with the web origins allowed to embed its widget.
    Create {
        /// Its slug in URLs and the widget's `company` attribute, e.g. northwind.
        #[arg(long)]
        slug: String,
        /// Its name as candidates see it.
        #[arg(long)]
        name: String,
        /// A careers site origin allowed to embed the widget (repeatable), e.g. https://careers.example.com.
        #[arg(long = "origin")]
        origins: Vec<String>,
        /// Days a closed application's personal data is kept.
        #[arg(long, default_value_t = 180)]
        retention_days: u32,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a console user; the password is read from standard input.
    Create {
        #[arg(long)]
        company: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// viewer, recruiter or admin.
        #[arg(long, default_value = "admin")]
        role: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token and print it (it is shown this once; only its hash is kept).
    Create {
        /// The company's slug, e.g. northwind.
        #[arg(long)]
        company: String,
        /// viewer, recruiter or admin.
        #[arg(long, default_value = "recruiter")]
        role: String,
        /// What the token is for, e.g. "ATS sync".
        #[arg(long, default_value = "API token")]
        name: String,
    },
}

/// Where the data lives; shared by every command that opens the database.
#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// Where the SQLite database lives when no --database-url is given.
    #[arg(long, env = "CANDOR_DATA_DIR", default_value = "candor-data")]
    pub data_dir: PathBuf,

    /// `sqlite://<path>` or `postgres://…`; default: SQLite in the data directory.
    #[arg(long, env = "CANDOR_DATABASE_URL")]
    pub database_url: Option<String>,
}

impl DatabaseArgs {
    pub fn url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.data_dir.join("candor.sqlite3").display()),
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "CANDOR_BIND", default_value = "127.0.0.1")]
    pub bind: IpAddr,

    /// Port to listen on; 0 picks a free one (printed at start).
    #[arg(long, env = "CANDOR_PORT", default_value_t = 8080)]
    pub port: u16,

    #[command(flatten)]
    pub database: DatabaseArgs,

    /// The address browsers reach this server at, when it differs from the listening one.
    #[arg(long, env = "CANDOR_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// The built widget (Trunk's output directory).
    #[arg(long, env = "CANDOR_WIDGET_DIR", default_value = "dist/widget")]
    pub widget_dir: PathBuf,

    /// The built console (Trunk's output directory); by default `console`
    /// beside the widget's directory.
    #[arg(long, env = "CANDOR_CONSOLE_DIR")]
    pub console_dir: Option<PathBuf>,

    /// Seed a made-up company (Northwind Dental) and serve demo careers pages.
    #[arg(long, env = "CANDOR_DEMO")]
    pub demo: bool,

    /// Applications one client address may send at once before being slowed down.
    #[arg(long, env = "CANDOR_APPLY_BURST", default_value_t = 5)]
    pub apply_burst: u32,

    /// Behind a reverse proxy that sets `X-Real-IP` to the address it
    /// accepted (as deploy/nginx does): the rate limits count per client
    /// by that header. Without it the header is ignored, as any client can
    /// send it; with it, bind where only the proxy reaches Candor.
    #[arg(long, env = "CANDOR_TRUST_PROXY")]
    pub trust_proxy: bool,

    /// After a burst, one more application per this many seconds and client address.
    #[arg(long, env = "CANDOR_APPLY_EVERY_SECONDS", default_value_t = 60)]
    pub apply_every_seconds: u64,

    /// With --demo: the port of a second origin serving the company's own
    /// careers site (default: the server's port + 1; 0 picks a free one).
    #[arg(long, env = "CANDOR_DEMO_SITE_PORT")]
    pub demo_site_port: Option<u16>,

    /// With --demo: another origin allowed to embed the demo company's widget
    /// (repeatable), e.g. your own page trying the embed,
    /// http://localhost:3000. The demo site's own origin is always allowed.
    #[arg(long = "demo-origin", env = "CANDOR_DEMO_ORIGINS", value_delimiter = ',', value_parser = Origin::parse)]
    pub demo_origins: Vec<Origin>,

    #[command(flatten)]
    pub mail: MailArgs,

    /// Seconds a stop (SIGTERM, Ctrl-C) may take: open live streams are told
    /// to reconnect at once, requests under way and the mail being sent are
    /// finished; past this the server exits anyway, and says so.
    #[arg(long, env = "CANDOR_SHUTDOWN_GRACE", default_value_t = 10)]
    pub shutdown_grace: u64,

    /// For browser tests only: lets `POST /api/test/clock?advance_days=N`
    /// move this server's clock forward.
    #[arg(long, hide = true)]
    pub test_clock: bool,
}

/// Where mail goes. Without a mail server, every mail is still written to
/// the outbox (the console's Outbox view shows it) and waits there.
#[derive(Clone, Args)]
pub struct MailArgs {
    /// The mail server: a host name, or a URL such as
    /// `smtps://user:password@mail.example.com` or
    /// `smtp://relay.example.com:587?tls=required` (lettre's form).
    #[arg(long, env = "CANDOR_SMTP_URL")]
    pub smtp_url: Option<String>,

    /// With a host name: its port (default by --smtp-security: 587, 465 or 25).
    #[arg(long, env = "CANDOR_SMTP_PORT")]
    pub smtp_port: Option<u16>,

    /// With a host name: how the connection is secured.
    #[arg(long, env = "CANDOR_SMTP_SECURITY", value_enum, default_value = "starttls")]
    pub smtp_security: crate::mail::sender::Security,

    #[arg(long, env = "CANDOR_SMTP_USER")]
    pub smtp_user: Option<String>,

    /// Read from the environment rather than typed on a command line that
    /// others on the machine can list.
    #[arg(long, env = "CANDOR_SMTP_PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<String>,

    /// The address mails come from, e.g. `jobs@candor.example.com`
    /// (default: candor@ the public address's host). The name shown is the company's.
    #[arg(long, env = "CANDOR_MAIL_FROM")]
    pub mail_from: Option<String>,

    /// Seconds before a mail that failed for now is tried again; the pause doubles each time.
    #[arg(long, env = "CANDOR_MAIL_RETRY_SECONDS", default_value_t = 60)]
    pub mail_retry_seconds: u64,

    /// Seconds a mail taken for sending is held by that instance: after a
    /// crash its mails wait this long, then go again (the same message).
    /// The mail server may keep a send waiting half of it (30 s at most);
    /// a mail is only started with that much of its lease left.
    #[arg(long, env = "CANDOR_MAIL_LEASE_SECONDS", default_value_t = 120)]
    pub mail_lease_seconds: u64,
}

impl Default for MailArgs {
    /// No mail server: mails wait in the outbox.
    fn default() -> Self {
        MailArgs {
            smtp_url: None,
            smtp_port: None,
            smtp_security: crate::mail::sender::Security::Starttls,
            smtp_user: None,
            smtp_password: None,
            mail_from: None,
            mail_retry_seconds: 60,
            mail_lease_seconds: 120,
        }
    }
}

impl MailArgs {
    /// The mail server, if one is set up.
    pub fn smtp(&self) -> Option<crate::mail::sender::Smtp> {
        self.smtp_url.as_ref().map(|host| crate::mail::sender::Smtp {
            host: host.clone(),
            port: self.smtp_port,
            security: self.smtp_security,
            user: self.smtp_user.clone(),
            password: self.smtp_password.clone(),
        })
    }
}

impl std::fmt::Debug for MailArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may carry a password, the password is one.
        f.debug_struct("MailArgs")
            .field("smtp", &self.smtp_url.as_ref().map(|_| "***"))
            .field("smtp_security", &self.smtp_security)
            .field("mail_from", &self.mail_from)
            .finish_non_exhaustive()
    }
}
