//! The weekly summary: on its company's weekday (`ReportSettings::
//! digest_weekday`, a UTC day), each live link's person gets one mail of
//! how the search stands (ahead of or behind its plan, the candidates per
//! stage, how they are being treated, the newest warning and the week's
//! notes) with their link, from the very report the page shows.
//!
//! A sweep runs at start, then every few minutes (and at once when the
//! test clock moves), so a server that was down on the day sends it when
//! it is back, the same day. Each is kept with the once-key
//! `report-digest:<link>:<day>` (`store::report_digest_key`), so one goes
//! per link and day whatever the restarts and however many instances look.
//! A link made on the day itself waits for next week: its reader has just
//! had their link by mail. The summaries end with the link (revoked or
//! past its last day) and when the posting closes: the search is over.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;
use std::time::Duration;

use candor_api::Day;
use candor_api::reports::{Report, Shows};

use super::content::{Reading, report};
use super::mails;
use crate::clock::{self, AdjustableClock};
use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::mail::counted;
use crate::store::{Company, CompanyId, PostingId, ReportLinkRecord, report_digest_key};

/// How often the sweep looks, besides at start: the summary is for a day,
/// so minutes late is on the day.
pub const SWEEP_EVERY: Duration = Duration::from_secs(5 * 60);

/// Writes every weekly summary due today to the outbox; how many it wrote.
/// One posting's fault (unreadable) is logged and the sweep goes on with
/// the others.
pub async fn sweep(app: &AppState) -> Result<u32, AppError> {
    let today = app.clock.today();
    let mut companies: HashMap<CompanyId, Company> = HashMap::new();
    // The report is the same for every link of a posting, but for what
    // a summary never says (whom it is for, names, its language).
    let mut reports: HashMap<PostingId, Report> = HashMap::new();
    let mut written = 0;
    for record in app.store.report_digests_due(today).await? {
        if made_on(&record) == Some(today) {
            continue;
        }
        if let Entry::Vacant(entry) = companies.entry(record.company) {
            entry.insert(app.company_of(record.company).await?);
        }
        let company = &companies[&record.company];
        if let Entry::Vacant(entry) = reports.entry(record.posting) {
            match report_of(app, company, &record).await {
                Ok(report) => entry.insert(report),
                Err(e) => {
                    tracing::error!(link = record.id.0, error = ?e, "reading a report for its weekly summary");
                    continue;
                }
            };
        }
        match summarise(app, company, &record, &reports[&record.posting], today).await {
            Ok(true) => {
                written += 1;
                counted::written(candor_api::mail::MailKind::ReportDigest);
            }
            Ok(false) => {}
            Err(e) => tracing::error!(link = record.id.0, error = ?e, "writing a report's weekly summary"),
        }
    }
    if written > 0 {
        app.mail.ring();
    }
    Ok(written)
}

async fn report_of(app: &AppState, company: &Company, record: &ReportLinkRecord) -> Result<Report, AppError> {
    let posting = app.posting_of(company.id, record.posting).await?;
    // Counts: a summary never names a candidate, whatever its link shows.
    let reading = Reading { shows: Shows::Counts, locale: record.link.locale, reader: None };
    report(app, company, &posting, reading).await
}

/// Keeps the summary of `record` for `today`, unless one is kept already.
async fn summarise(
    app: &AppState,
    company: &Company,
    record: &ReportLinkRecord,
    report: &Report,
    today: Day,
) -> Result<bool, AppError> {
    let Some(mut mail) = mails::digest(app, company, record, report, app.clock.now()) else { return Ok(false) };
    mail.once_key = Some(report_digest_key(record.id, today));
    Ok(app.store.enqueue_mail(&mail).await?)
}

/// The day a link was made (its time is RFC 3339, UTC).
fn made_on(record: &ReportLinkRecord) -> Option<Day> {
    record.link.created_at.get(..10).and_then(|d| Day::parse(d).ok())
}

/// Sweeps at start and then every [`SWEEP_EVERY`] until the process ends;
/// with the test clock, also right after it moves.
pub fn spawn(app: AppState, test_clock: Option<Arc<AdjustableClock>>) -> tokio::task::JoinHandle<()> {
    let closing = app.live.closing();
    clock::sweep_every("reports weekly summaries", SWEEP_EVERY, test_clock, closing, move || {
        let app = app.clone();
        async move { sweep(&app).await }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ReportLinkId;

    #[test]
    fn one_summary_per_link_and_day() {
        let day = Day::from_ymd(2027, 3, 15).unwrap();
        assert_eq!(report_digest_key(ReportLinkId(7), day), "report-digest:7:2027-03-15");
        assert_ne!(
            report_digest_key(ReportLinkId(7), day),
            report_digest_key(ReportLinkId(7), day.add_days(7).unwrap())
        );
        assert_ne!(report_digest_key(ReportLinkId(7), day), report_digest_key(ReportLinkId(8), day));
    }
}
