//! Promises kept by the software: the day after a promised date passes
//! without a word to the candidate, they get a short, honest mail saying
//! so ("We said we'd be in touch by 12 March. We're late, and your
//! recruiter has been reminded."), and the recruiter's inbox raises the
//! missed promise as a silence alarm, saying the candidate was told.
//!
//! A sweep runs at start, then every few minutes (and at once when the
//! test clock moves). Whether an apology is owed is the API's rule
//! (`candor_api::inbox::late_promise`); the store only narrows the search.
//! Each apology has a `once_key` naming its application and promised date,
//! so it is written at most once per promise, whatever the number of
//! instances sweeping or restarts.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;
use std::time::Duration;

use candor_api::Day;
use candor_api::inbox::{LATE_MAIL_WITHIN_DAYS, late_promise};
use candor_api::mail::MailKind;
use candor_api::timeline::{Event, derive};

use super::timeline::swept_mail;
use crate::clock::{self, AdjustableClock};
use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::mail::{counted, wanted};
use crate::store::{ApplicationId, ApplicationRecord, Company, CompanyId, Posting, PostingId};

/// How often the sweep looks, besides at start: a promise is a date, so
/// minutes late is on the day.
pub const SWEEP_EVERY: Duration = Duration::from_secs(5 * 60);

/// The key that keeps one promise's apology to one mail.
pub fn once_key(application: ApplicationId, promised: Day) -> String {
    format!("late:{}:{promised}", application.0)
}

/// Writes every apology owed today to the outbox; how many it wrote. One
/// application's fault (its posting unreadable) is logged and the sweep
/// goes on with the others.
pub async fn sweep(app: &AppState) -> Result<u32, AppError> {
    let today = app.clock.today();
    let since = today.add_days(-LATE_MAIL_WITHIN_DAYS).unwrap_or(today);
    let mut companies: HashMap<CompanyId, Company> = HashMap::new();
    let mut postings: HashMap<PostingId, Posting> = HashMap::new();
    let mut written = 0;
    for (record, events) in app.store.late_promise_candidates(today, since).await? {
        if let Entry::Vacant(entry) = companies.entry(record.company) {
            entry.insert(app.company_of(record.company).await?);
        }
        if let Entry::Vacant(entry) = postings.entry(record.posting) {
            match app.posting_of(record.company, record.posting).await {
                Ok(posting) => entry.insert(posting),
                Err(e) => {
                    tracing::error!(application = record.id.0, error = ?e, "reading a late application's posting");
                    continue;
                }
            };
        }
        let (company, posting) = (&companies[&record.company], &postings[&record.posting]);
        match apologise(app, company, posting, &record, &events, today).await {
            Ok(true) => {
                written += 1;
                counted::late_promise();
            }
            Ok(false) => {}
            Err(e) => tracing::error!(application = record.id.0, error = ?e, "writing a late promise's mail"),
        }
    }
    if written > 0 {
        app.mail.ring();
    }
    Ok(written)
}

/// Keeps the apology `record` is owed, if it is owed one and has none yet.
async fn apologise(
    app: &AppState,
    company: &Company,
    posting: &Posting,
    record: &ApplicationRecord,
    events: &[Event],
    today: Day,
) -> Result<bool, AppError> {
    if !company.late_promise_mail || !wanted(MailKind::PromiseLate, record.mail_updates) {
        return Ok(false);
    }
    let progress = derive(&posting.detail.stages, events, today);
    let Some(promised) = late_promise(&progress, events, today) else { return Ok(false) };
    let key = once_key(record.id, promised);
    let Some(mail) = swept_mail(app, company, posting, record, "a late promise's mail", key, |r| r.late(promised))
    else {
        return Ok(false);
    };
    Ok(app.store.enqueue_mail(&mail).await?)
}

/// Sweeps at start and then every [`SWEEP_EVERY`] until the process ends;
/// with the test clock, also right after it moves.
pub fn spawn(app: AppState, test_clock: Option<Arc<AdjustableClock>>) -> tokio::task::JoinHandle<()> {
    let closing = app.live.closing();
    clock::sweep_every("late promises", SWEEP_EVERY, test_clock, closing, move || {
        let app = app.clone();
        async move { sweep(&app).await }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_promise_one_key() {
        let day = Day::from_ymd(2027, 3, 12).unwrap();
        assert_eq!(once_key(ApplicationId(7), day), "late:7:2027-03-12");
        assert_ne!(once_key(ApplicationId(7), day), once_key(ApplicationId(7), day.add_days(1).unwrap()));
    }
}
