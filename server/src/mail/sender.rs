//! Delivering the outbox over SMTP with lettre: take what is due, send
//! each mail's kept message as it is, record the server's answer, and try
//! again later with a growing pause when it failed for now.

use std::sync::Arc;
use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use time::OffsetDateTime;

use super::{Mailer, counted};
use crate::clock::Clock;
use crate::live::Live;
use crate::store::{Delivery, DueMail, Store};

/// How the connection to the mail server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Security {
    /// Plain SMTP, then STARTTLS, required (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on the same machine or network.
    Plain,
}

/// Where mail goes.
#[derive(Debug, Clone)]
pub struct Smtp {
    pub host: String,
    pub port: Option<u16>,
    pub security: Security,
    pub user: Option<String>,
    pub password: Option<String>,
}

/// The sender's pace.
#[derive(Debug, Clone, Copy)]
pub struct Pace {
    /// The pause after a first failure; it doubles with each one after.
    pub retry_after: Duration,
    /// The longest pause between two tries.
    pub longest_pause: Duration,
    /// Tries before a mail is given up as failed.
    pub attempts: u32,
    /// How often the outbox is looked at without being rung (another
    /// instance's mails, retries that came due).
    pub look_every: Duration,
    /// How long a taken mail is this sender's alone: a sender killed
    /// mid-send leaves its mails to others once it runs out. Longer than a
    /// send may take (the transport's timeout), or a slow one goes twice.
    pub lease: Duration,
}

impl Default for Pace {
    fn default() -> Self {
        Pace {
            retry_after: Duration::from_secs(60),
            longest_pause: Duration::from_secs(6 * 60 * 60),
            attempts: 12,
            look_every: Duration::from_secs(5),
            lease: Duration::from_secs(120),
        }
    }
}

impl Pace {
    /// The longest a mail server may keep one step of a send waiting:
    /// half the lease at most, so that a mail started with that much lease
    /// left is recorded before another sender may take it.
    pub fn send_timeout(&self) -> Duration {
        (self.lease / 2).min(Duration::from_secs(30))
    }

    /// Whether a mail taken at `taken` may still be sent at `now`: a batch
    /// sent slowly must not run past its lease, or another instance sends
    /// its last mails too.
    pub fn still_ours(&self, taken: OffsetDateTime, now: OffsetDateTime) -> bool {
        now + self.send_timeout() < taken + self.lease
    }

    /// The pause after the `attempts`-th failed try.
    pub fn pause_after(&self, attempts: u32) -> Duration {
        let doubled = self.retry_after.saturating_mul(1 << attempts.saturating_sub(1).min(20));
        doubled.min(self.longest_pause)
    }
}

const BATCH: u32 = 20;

pub type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// The transport for `smtp`: from a URL (`smtp://`, `smtps://`, as lettre
/// reads them) or from its parts.
pub fn transport(smtp: &Smtp, pace: &Pace) -> anyhow::Result<Transport> {
    let builder = if smtp.host.contains("://") {
        Transport::from_url(&smtp.host)?
    } else {
        let tls = match smtp.security {
            Security::Plain => Tls::None,
            Security::Starttls => Tls::Required(TlsParameters::new(smtp.host.clone())?),
            Security::Tls => Tls::Wrapper(TlsParameters::new(smtp.host.clone())?),
        };
        let port = smtp.port.unwrap_or(match smtp.security {
            Security::Plain => 25,
            Security::Starttls => 587,
            Security::Tls => 465,
        });
        let mut builder = Transport::builder_dangerous(smtp.host.clone()).port(port).tls(tls);
        if let (Some(user), Some(password)) = (&smtp.user, &smtp.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        builder
    };
    Ok(builder.timeout(Some(pace.send_timeout())).build())
}

/// Runs the sender until the instance closes: the mail being sent is sent
/// and recorded, the rest of what it took is given back for the next sender.
pub fn spawn(
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    mailer: &Mailer,
    live: &Live,
    transport: Transport,
    pace: Pace,
) -> tokio::task::JoinHandle<()> {
    let from = mailer.from_address().clone();
    let bell = mailer.bell();
    let live = live.clone();
    tokio::spawn(async move {
        let mut closing = std::pin::pin!(live.closing());
        loop {
            let taken_at = clock.now();
            let taken = match store.due_mails(taken_at, pace.lease, BATCH).await {
                Ok(due) => {
                    for (sent, mail) in due.iter().enumerate() {
                        let stopping = live.is_closing();
                        if stopping || !pace.still_ours(taken_at, clock.now()) {
                            let untried: Vec<i64> = due[sent..].iter().map(|m| m.id).collect();
                            if let Err(e) = store.release_mails(&untried).await {
                                tracing::warn!(error = %e, "giving back untried mails (they wait for their lease)");
                            }
                            if stopping {
                                return;
                            }
                            break;
                        }
                        let delivery = deliver(&transport, &from, mail, &pace, clock.now()).await;
                        if let Err(e) = store.record_delivery(mail.id, clock.now(), &delivery).await {
                            tracing::error!(mail = mail.id, error = %e, "recording a delivery");
                        }
                    }
                    due.len()
                }
                Err(e) => {
                    tracing::error!(error = %e, "reading the outbox");
                    0
                }
            };
            if live.is_closing() {
                return;
            }
            if taken < BATCH as usize {
                tokio::select! {
                    () = &mut closing => return,
                    () = bell.notified() => {}
                    () = tokio::time::sleep(pace.look_every) => {}
                }
            }
        }
    })
}

async fn deliver(
    transport: &Transport,
    from: &lettre::Address,
    mail: &DueMail,
    pace: &Pace,
    now: OffsetDateTime,
) -> Delivery {
    let envelope = match mail.recipient.parse().map(|to| Envelope::new(Some(from.clone()), vec![to])) {
        Ok(Ok(envelope)) => envelope,
        _ => {
            counted::failed(mail.kind);
            return Delivery::Failed("the recipient's address can't receive mail".to_owned());
        }
    };
    match transport.send_raw(&envelope, &mail.raw).await {
        Ok(response) => {
            let words = response.message().collect::<Vec<_>>().join(" ");
            tracing::info!(mail = mail.id, kind = mail.kind.as_str(), "mail sent");
            counted::sent(mail.kind);
            Delivery::Sent(format!("{} {words}", response.code()).trim().to_owned())
        }
        Err(e) => {
            let answer = e.to_string();
            if e.is_permanent() || mail.attempts >= pace.attempts {
                tracing::warn!(mail = mail.id, kind = mail.kind.as_str(), error = %answer, "mail failed");
                counted::failed(mail.kind);
                Delivery::Failed(answer)
            } else {
                tracing::info!(mail = mail.id, attempts = mail.attempts, error = %answer, "mail will be tried again");
                counted::retried();
                Delivery::Retry(answer, now + pace.pause_after(mail.attempts))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_double_up_to_the_longest() {
        let pace = Pace { retry_after: Duration::from_secs(60), ..Pace::default() };
        let pauses: Vec<u64> = (1..=4).map(|n| pace.pause_after(n).as_secs()).collect();
        assert_eq!(pauses, [60, 120, 240, 480]);
        assert_eq!(pace.pause_after(40), pace.longest_pause);
    }

    #[test]
    fn a_mail_is_sent_only_with_a_send_timeouts_worth_of_lease_left() {
        let pace = Pace::default();
        assert_eq!((pace.lease.as_secs(), pace.send_timeout().as_secs()), (120, 30));
        let taken = time::macros::datetime!(2026-12-02 09:00 UTC);
        assert!(pace.still_ours(taken, taken + time::Duration::seconds(89)));
        assert!(!pace.still_ours(taken, taken + time::Duration::seconds(90)));
        // A short lease shortens the timeout with it, so mail still goes.
        let short = Pace { lease: Duration::from_secs(2), ..Pace::default() };
        assert_eq!(short.send_timeout(), Duration::from_secs(1));
        assert!(short.still_ours(taken, taken + time::Duration::milliseconds(900)));
    }
}
