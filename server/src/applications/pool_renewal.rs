//! The talent pool's renewal: a month before a member's consent is a year
//! old (`candor_api::privacy::pool_renewal_due`), they get one mail, in the
//! language they applied in, saying until when they are in the pool, that
//! renewing it is one click on their status page, and that without it they
//! leave the pool. The mail is kept in the same transaction that marks the
//! renewal asked (`TalentPoolStore::ask_pool_renewal`), and carries a
//! `once_key` naming the application and the consent's day: one mail per
//! consent, whatever the number of instances sweeping; a renewed consent
//! is a new day, asked again a year later.
//!
//! A consent that lapses unrenewed takes its candidate out of the pool by
//! the same rule everywhere (`pool_consent_lasts`: the console's pool, the
//! retention job, the status page); the status page still offers to renew
//! it while the application's data is kept.

use std::sync::Arc;
use std::time::Duration;

use candor_api::Day;
use candor_api::mail::MailKind;
use candor_api::privacy::{POOL_RENEWAL_NOTICE_DAYS, TALENT_POOL_CONSENT_DAYS, pool_consent_until, pool_renewal_due};

use super::timeline::swept_mail;
use crate::clock::{self, AdjustableClock};
use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::mail::counted;
use crate::store::{ApplicationId, ApplicationRecord};

/// How often the sweep looks, besides at start: consents are counted in days.
pub const SWEEP_EVERY: Duration = Duration::from_secs(60 * 60);

/// The key that keeps one consent's renewal to one mail.
pub fn once_key(application: ApplicationId, given: Day) -> String {
    format!("pool-renewal:{}:{given}", application.0)
}

/// Writes every renewal mail due today to the outbox; how many it wrote.
/// One member's fault is logged and the sweep goes on with the others.
pub async fn sweep(app: &AppState) -> Result<u32, AppError> {
    let today = app.clock.today();
    // The consents whose renewal may be due today were given in this span:
    // those given earlier lapsed (too late to ask), later ones aren't due.
    let given_from = today.add_days(1 - TALENT_POOL_CONSENT_DAYS).unwrap_or(today);
    let given_by = today.add_days(POOL_RENEWAL_NOTICE_DAYS - TALENT_POOL_CONSENT_DAYS).unwrap_or(today);
    let mut written = 0;
    for (record, given) in app.store.pool_renewals_unasked(given_from, given_by).await? {
        if !pool_renewal_due(given, today) {
            continue;
        }
        match ask(app, &record, given).await {
            Ok(true) => {
                written += 1;
                counted::written(MailKind::PoolRenewal);
            }
            Ok(false) => {}
            Err(e) => tracing::error!(application = record.id.0, error = ?e, "writing a talent pool renewal mail"),
        }
    }
    if written > 0 {
        app.mail.ring();
    }
    Ok(written)
}

/// Keeps the mail asking `record`'s candidate to renew the consent they
/// gave on `given`, unless it was asked already.
async fn ask(app: &AppState, record: &ApplicationRecord, given: Day) -> Result<bool, AppError> {
    let company = app.company_of(record.company).await?;
    let posting = app.posting_of(record.company, record.posting).await?;
    let until = pool_consent_until(given);
    let what = "a talent pool renewal mail";
    let Some(mail) =
        swept_mail(app, &company, &posting, record, what, once_key(record.id, given), |r| r.pool_renewal(until))
    else {
        return Ok(false);
    };
    Ok(app.store.ask_pool_renewal(record.company, record.id, given, &mail).await?)
}

/// Sweeps at start and then every [`SWEEP_EVERY`] until the process ends;
/// with the test clock, also right after it moves.
pub fn spawn(app: AppState, test_clock: Option<Arc<AdjustableClock>>) -> tokio::task::JoinHandle<()> {
    let closing = app.live.closing();
    clock::sweep_every("talent pool renewals", SWEEP_EVERY, test_clock, closing, move || {
        let app = app.clone();
        async move { sweep(&app).await }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_consent_one_key() {
        let day = Day::from_ymd(2027, 3, 12).unwrap();
        assert_eq!(once_key(ApplicationId(7), day), "pool-renewal:7:2027-03-12");
        assert_ne!(once_key(ApplicationId(7), day), once_key(ApplicationId(7), day.add_days(365).unwrap()));
    }
}
