//! Mail: every candidate hears, in their language, even if they never
//! come back to the page.
//!
//! A feature composes its mail as a [`Letter`] (what it says, in the
//! reader's language, with `texts`) and keeps it with the event it tells
//! of, in one transaction (`store::NewMail`); `sender.rs` delivers the
//! outbox over SMTP with lettre. Composing makes the whole message once,
//! with its own `Message-ID` and `Date`, so a retry or a restart sends the
//! very same message, never a different second one.
//!
//! This folder knows the store and the API's types, never HTTP or a
//! feature: the features call it.

pub mod candidates;
pub mod counted;
mod letter;
pub mod links;
pub mod people;
pub mod questions;
pub mod sender;
pub mod texts;

use std::sync::Arc;
use std::time::SystemTime;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use candor_api::Locale;
use candor_api::mail::MailKind;
use hmac::{Hmac, Mac};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use sha2::Sha256;
use time::OffsetDateTime;
use tokio::sync::Notify;

pub use self::letter::{Entry, Letter, Link, escape};
use crate::store::{ApplicationId, CompanyId, NewMail, QuestionId, UserId};

/// How mail is made on this server: the address it comes from, the links
/// it carries, and a bell that wakes the sender when a mail is kept.
pub struct Mailer {
    /// Where links point: the server's public address, without a final `/`.
    pub base_url: String,
    /// The address every mail comes from (the display name is the company's).
    from: lettre::Address,
    /// Whether a mail server is set up: without one, mails wait in the outbox.
    pub delivering: bool,
    stop_key: [u8; 32],
    bell: Arc<Notify>,
}

/// What a kept mail is about, for the outbox's columns.
#[derive(Debug, Clone, Copy, Default)]
pub struct About {
    pub application: Option<ApplicationId>,
    pub question: Option<QuestionId>,
    pub user: Option<UserId>,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the address {0:?} can't receive mail")]
    Address(String),
    #[error(transparent)]
    Build(#[from] lettre::error::Error),
}

impl Mailer {
    /// `from` as configured (an address, or `Name <address>` whose name is
    /// not used); by default `candor@` the public address's host.
    pub fn new(base_url: &str, from: Option<&str>, delivering: bool, key: &[u8; 32]) -> anyhow::Result<Mailer> {
        let base_url = base_url.trim_end_matches('/').to_owned();
        let from = match from {
            Some(from) => from
                .parse::<Mailbox>()
                .map(|m| m.email)
                .map_err(|e| anyhow::anyhow!("the mail sender address {from:?}: {e}"))?,
            None => default_from(&base_url),
        };
        let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes keys of any length");
        mac.update(b"candor mail stop key v1");
        Ok(Mailer {
            base_url,
            from,
            delivering,
            stop_key: mac.finalize().into_bytes().into(),
            bell: Arc::new(Notify::new()),
        })
    }

    /// The domain of the sender address: Message-IDs are made on it.
    pub fn domain(&self) -> &str {
        self.from.domain()
    }

    pub fn from_address(&self) -> &lettre::Address {
        &self.from
    }

    /// Tells the sender that a mail was kept, so it goes now rather than
    /// at the next look.
    pub fn ring(&self) {
        self.bell.notify_one();
    }

    pub(crate) fn bell(&self) -> Arc<Notify> {
        self.bell.clone()
    }

    /// The candidate's private status page, opened in their language; the
    /// token stays after `#`, so it never reaches a server's log.
    pub fn status_link(&self, locale: Locale, token: &str) -> String {
        format!("{}/status?lang={}#{token}", self.base_url, locale.tag())
    }

    /// A progress report's share link: the page at `/report`, its secret
    /// after `#`, so it never reaches a server's or a proxy's log (the page
    /// sends it in a header).
    pub fn report_link(&self, token: &str) -> String {
        format!("{}/report#{token}", self.base_url)
    }

    /// The link that stops an application's updates (and the one-click
    /// address of `List-Unsubscribe`): it names the application and carries
    /// a keyed hash of its id that only stops mail, nothing else.
    pub fn stop_link(&self, application: ApplicationId) -> String {
        format!("{}/mail/stop?a={}&t={}", self.base_url, application.0, self.stop_code(application))
    }

    /// The code of [`Mailer::stop_link`] for `application`.
    pub fn stop_code(&self, application: ApplicationId) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.stop_key).expect("HMAC takes keys of any length");
        mac.update(&application.0.to_be_bytes());
        URL_SAFE_NO_PAD.encode(&mac.finalize().into_bytes()[..16])
    }

    /// Whether `code` is the stop code of `application`, in constant time.
    pub fn stop_code_opens(&self, application: ApplicationId, code: &str) -> bool {
        use subtle::ConstantTimeEq;
        self.stop_code(application).as_bytes().ct_eq(code.as_bytes()).into()
    }

    /// The whole message of `letter` to `to`, dated `at`, ready to keep.
    pub fn compose(
        &self,
        company: CompanyId,
        about: About,
        to: &str,
        letter: &Letter,
        at: OffsetDateTime,
    ) -> Result<NewMail, MailError> {
        let recipient: lettre::Address = to.parse().map_err(|_| MailError::Address(to.to_owned()))?;
        let message_id = format!("<{}.{}@{}>", hex(&rand::random::<[u8; 16]>()), letter.kind.as_str(), self.domain());
        let text = letter.text();
        let html = letter.html();
        let mut builder = lettre::Message::builder()
            .from(Mailbox::new(Some(letter.company_name.clone()), self.from.clone()))
            .to(Mailbox::new(None, recipient))
            .subject(letter.subject.clone())
            .date(SystemTime::from(at))
            .message_id(Some(message_id.clone()))
            .raw_header(HeaderValue::new(AUTO_SUBMITTED, "auto-generated".to_owned()));
        if let Some(stop) = &letter.stop {
            // RFC 8058: one click in the mail client stops them, by a POST
            // to this address; RFC 2369's header names it.
            builder = builder
                .raw_header(HeaderValue::new(LIST_UNSUBSCRIBE, format!("<{}>", stop.url)))
                .raw_header(HeaderValue::new(LIST_UNSUBSCRIBE_POST, "List-Unsubscribe=One-Click".to_owned()));
        }
        let message = builder.multipart(MultiPart::alternative_plain_html(text.clone(), html.clone()))?;
        Ok(NewMail {
            company,
            application: about.application,
            question: about.question,
            user: about.user,
            kind: letter.kind,
            recipient: to.to_owned(),
            locale: letter.locale,
            subject: letter.subject.clone(),
            text_body: text,
            html_body: html,
            message_id,
            raw: message.formatted(),
            once_key: None,
            created_at: at,
        })
    }
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).field("delivering", &self.delivering).finish()
    }
}

/// `candor@` the host of the public address, or `candor@localhost` for an
/// address by number, which a mail address can't carry as a domain.
fn default_from(base_url: &str) -> lettre::Address {
    let host = base_url.split("://").nth(1).unwrap_or(base_url).split(['/', ':']).next().unwrap_or("");
    let named = !host.is_empty() && host.parse::<std::net::IpAddr>().is_err() && !host.starts_with('[');
    let domain = if named { host } else { "localhost" };
    lettre::Address::new("candor", domain)
        .unwrap_or_else(|_| lettre::Address::new("candor", "localhost").expect("candor@localhost is an address"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

const AUTO_SUBMITTED: HeaderName = HeaderName::new_from_ascii_str("Auto-Submitted");
const LIST_UNSUBSCRIBE: HeaderName = HeaderName::new_from_ascii_str("List-Unsubscribe");
const LIST_UNSUBSCRIBE_POST: HeaderName = HeaderName::new_from_ascii_str("List-Unsubscribe-Post");

/// Whether kinds of mail wait on something a candidate chose.
pub fn wanted(kind: MailKind, updates_wanted: bool) -> bool {
    kind.is_essential() || updates_wanted
}

/// What the mail modules' tests write to.
#[cfg(test)]
pub(crate) mod fixtures {
    use candor_api::company::Branding;
    use candor_api::{CompanyPublic, CompanySlug, HexColor, Locale};

    /// The demo's company, writing in `locale`.
    pub fn northwind(locale: Locale) -> CompanyPublic {
        CompanyPublic {
            slug: CompanySlug::parse("northwind").unwrap(),
            name: "Northwind Dental".into(),
            branding: Branding { accent_color: HexColor::parse("#0b6e4f").unwrap(), font_family: None, logo_url: None },
            default_locale: locale,
            retention_days: 180,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_sender_is_on_the_public_host_or_localhost() {
        assert_eq!(default_from("https://careers.example.com/").to_string(), "candor@careers.example.com");
        assert_eq!(default_from("http://127.0.0.1:8080").to_string(), "candor@localhost");
        assert_eq!(default_from("http://[::1]:8080").to_string(), "candor@localhost");
    }

    #[test]
    fn a_stop_code_opens_only_its_own_application() {
        let mailer = Mailer::new("http://x.test", None, false, &[7; 32]).unwrap();
        let code = mailer.stop_code(ApplicationId(4));
        assert!(mailer.stop_code_opens(ApplicationId(4), &code));
        assert!(!mailer.stop_code_opens(ApplicationId(5), &code));
        assert!(!mailer.stop_code_opens(ApplicationId(4), "x"));
    }
}
