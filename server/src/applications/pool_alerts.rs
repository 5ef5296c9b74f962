//! The talent pool's alerts: a member who chose departments and places
//! (`PUT /api/v1/application/talent-pool/alerts`) gets one mail for each
//! posting that opens from then on and matches, while their consent lasts
//! (`candor_api::privacy::pool_alert_due`), in the language they applied
//! in, linking to the posting on the company's careers page and to their
//! status page to change the choice or leave the pool.
//!
//! A sweep writes them: right after a posting opens (`soon`), and every few
//! minutes (and when the test clock moves) for what a stopped instance
//! missed. Each mail's `once_key` names the member and the posting
//! (`store::pool_alert_key`), so one goes per member and posting whatever
//! the number of instances, restarts, or a posting paused and opened again.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;
use std::time::Duration;

use candor_api::Day;
use candor_api::mail::MailKind;
use candor_api::privacy::pool_alert_due;
use candor_api::translation::shown_in;

use super::timeline::swept_mail;
use crate::clock::{self, AdjustableClock};
use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::mail::candidates::Opening;
use crate::mail::{counted, wanted};
use crate::store::{Company, CompanyId, PoolAlertCandidate, Posting, PostingId, pool_alert_key};

/// How often the sweep looks, besides at start and after a posting opens.
pub const SWEEP_EVERY: Duration = Duration::from_secs(5 * 60);

/// How long after a posting opened its alerts may still be written (by a
/// sweep after an outage): later, the news is stale.
pub const ALERT_WITHIN_DAYS: i64 = 7;

/// Writes every alert owed now; how many it wrote. One member's fault is
/// logged and the sweep goes on with the others.
pub async fn sweep(app: &AppState) -> Result<u32, AppError> {
    let today = app.clock.today();
    let since = today.add_days(-ALERT_WITHIN_DAYS).unwrap_or(today);
    let mut companies: HashMap<CompanyId, (Company, Option<String>)> = HashMap::new();
    let mut postings: HashMap<PostingId, Posting> = HashMap::new();
    let mut written = 0;
    for candidate in app.store.pool_alert_candidates(since).await? {
        let company_id = candidate.record.company;
        if let Entry::Vacant(entry) = companies.entry(company_id) {
            let company = app.company_of(company_id).await?;
            // The careers page the widget deep-links on: the company's first site.
            let site = app.store.origins(company_id).await?.first().map(|o| o.as_str().to_owned());
            entry.insert((company, site));
        }
        if let Entry::Vacant(entry) = postings.entry(candidate.posting) {
            match app.store.posting_by_id(company_id, candidate.posting).await? {
                Some(posting) => entry.insert(posting),
                None => continue,
            };
        }
        let (company, site) = &companies[&company_id];
        match alert(app, company, site.as_deref(), &postings[&candidate.posting], &candidate, today).await {
            Ok(true) => {
                written += 1;
                counted::written(MailKind::PoolAlert);
            }
            Ok(false) => {}
            Err(e) => tracing::error!(application = candidate.record.id.0, error = ?e, "writing a talent pool alert"),
        }
    }
    if written > 0 {
        app.mail.ring();
    }
    Ok(written)
}

/// Keeps the mail telling `candidate` of `opening`, if they are owed it.
async fn alert(
    app: &AppState,
    company: &Company,
    site: Option<&str>,
    opening: &Posting,
    candidate: &PoolAlertCandidate,
    today: Day,
) -> Result<bool, AppError> {
    let record = &candidate.record;
    let summary = &opening.detail.summary;
    let at = (summary.department.as_str(), summary.location.city.as_str());
    let due =
        pool_alert_due(candidate.consent_on, candidate.chosen_on, summary.published_on, &candidate.alerts, at, today);
    if !due || !wanted(MailKind::PoolAlert, record.mail_updates) {
        return Ok(false);
    }
    let applied_to = app.posting_of(record.company, record.posting).await?;
    let opening_shown = shown_in(&opening.detail, &opening.translations, record.locale);
    let link = site.map(|site| format!("{site}/#candor/{}/{}", company.public.slug, summary.slug));
    let named = Opening {
        title: &opening_shown.summary.title,
        department: &opening_shown.summary.department,
        place: &opening_shown.summary.location.city,
        link,
    };
    let key = pool_alert_key(record.id, opening.id);
    let what = "a talent pool alert";
    let Some(mail) = swept_mail(app, company, &applied_to, record, what, key, |r| r.pool_alert(&named)) else {
        return Ok(false);
    };
    Ok(app.store.enqueue_mail(&mail).await?)
}

/// Sweeps now, in the background: a posting just opened.
pub fn soon(app: AppState) {
    tokio::spawn(async move {
        if let Err(e) = sweep(&app).await {
            tracing::error!(error = ?e, "writing the talent pool's alerts of a posting that opened");
        }
    });
}

/// Sweeps at start and then every [`SWEEP_EVERY`] until the process ends;
/// with the test clock, also right after it moves.
pub fn spawn(app: AppState, test_clock: Option<Arc<AdjustableClock>>) -> tokio::task::JoinHandle<()> {
    let closing = app.live.closing();
    clock::sweep_every("talent pool alerts", SWEEP_EVERY, test_clock, closing, move || {
        let app = app.clone();
        async move { sweep(&app).await }
    })
}
