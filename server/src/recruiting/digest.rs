//! The morning digest: once a day, each of a company's people who chose it
//! gets one mail of what waits on the company (unanswered questions,
//! silence alarms, promises due today), from the very computation the
//! inbox shows (`inbox::waiting`). Nothing waiting, no mail.
//!
//! A digest day runs from 07:00 UTC to 07:00 UTC the next morning; its
//! digest goes at the first look in it (every few seconds), so a server
//! that was down at seven sends it when it is back. Each is kept with the
//! once-key `digest:<user>:<day>`, so one goes per person and day whatever
//! the restarts and however many instances look. Someone with nothing
//! waiting at that first look gets none that day (this instance remembers
//! not to look again; another instance, or a restart, looks once more).

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use candor_api::Day;
use time::OffsetDateTime;

use super::inbox::{Waiting, waiting};
use crate::http::error::AppError;
use crate::http::state::AppState;
use crate::mail::About;
use crate::mail::people::{self, Digest, compose};
use crate::store::{CompanyId, UserId, UserRecord, digest_key};

/// The hour (UTC) a digest day begins.
pub const DIGEST_HOUR: i64 = 7;

/// How often the task looks whether a digest is due: a cheap query.
const LOOK_EVERY: Duration = Duration::from_secs(5);

/// The digest day `now` is in.
pub fn digest_day(now: OffsetDateTime) -> Day {
    let d = (now.to_offset(time::UtcOffset::UTC) - time::Duration::hours(DIGEST_HOUR)).date();
    Day::from_ymd(d.year(), d.month() as u8, d.day()).unwrap_or(Day::from_ymd(1970, 1, 1).expect("a valid date"))
}

/// Starts the task that writes the digests, for every company, until the
/// instance closes (a round under way is finished first).
pub fn spawn(app: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut quiet = HashSet::new();
        let mut closing = std::pin::pin!(app.live.closing());
        loop {
            if let Err(e) = round(&app, &mut quiet).await {
                tracing::warn!(error = ?e, "writing the morning digests");
            }
            tokio::select! {
                () = &mut closing => return,
                () = tokio::time::sleep(LOOK_EVERY) => {}
            }
        }
    })
}

/// One look: writes the digests due now; how many were kept. `quiet` is
/// who had nothing waiting today.
pub async fn round(app: &AppState, quiet: &mut HashSet<(UserId, Day)>) -> Result<usize, AppError> {
    let day = digest_day(app.clock.now());
    quiet.retain(|(_, d)| *d == day);
    let mut by_company: BTreeMap<CompanyId, Vec<UserRecord>> = BTreeMap::new();
    for user in app.store.digest_due(day).await? {
        if !quiet.contains(&(user.id, day)) {
            by_company.entry(user.company).or_default().push(user);
        }
    }
    let mut kept = 0;
    for (company, readers) in by_company {
        // One company's trouble doesn't keep the others' digests back.
        match company_round(app, company, &readers, day, quiet).await {
            Ok(n) => kept += n,
            Err(e) => tracing::warn!(company = company.0, error = ?e, "a company's morning digests"),
        }
    }
    if kept > 0 {
        app.mail.ring();
    }
    Ok(kept)
}

async fn company_round(
    app: &AppState,
    company: CompanyId,
    readers: &[UserRecord],
    day: Day,
    quiet: &mut HashSet<(UserId, Day)>,
) -> Result<usize, AppError> {
    let company = app.company_of(company).await?;
    let digest = digest_of(waiting(app, &company).await?);
    let now = app.clock.now();
    let mut kept = 0;
    for user in readers {
        let letter = people::digest(&company, user, &digest, &app.mail);
        let Some(mut mail) = letter.and_then(|l| compose(&app.mail, &company, user, About::default(), &l, now)) else {
            quiet.insert((user.id, day));
            continue;
        };
        mail.once_key = Some(digest_key(user.id, day));
        if app.store.enqueue_mail(&mail).await? {
            kept += 1;
        }
    }
    Ok(kept)
}

/// The digest's lines: a posting and a name each, nothing more.
fn digest_of(waiting: Waiting) -> Digest {
    let line = |posting: String, name: String| people::Waiting { posting, name };
    Digest {
        questions: waiting.inbox.questions.into_iter().map(|q| line(q.posting.title, q.name)).collect(),
        alarms: waiting.inbox.alarms.into_iter().map(|a| (line(a.posting.title, a.name), a.silence)).collect(),
        due_today: waiting.due_today.into_iter().map(|d| line(d.posting.title, d.name)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn a_digest_day_begins_at_seven_utc() {
        let day = |s: &str| Day::parse(s).unwrap();
        assert_eq!(digest_day(datetime!(2027-03-02 07:00 UTC)), day("2027-03-02"));
        assert_eq!(digest_day(datetime!(2027-03-02 23:59 UTC)), day("2027-03-02"));
        assert_eq!(digest_day(datetime!(2027-03-02 06:59 UTC)), day("2027-03-01"), "before seven: yesterday's");
        assert_eq!(digest_day(datetime!(2027-03-02 08:30 +02:00)), day("2027-03-01"), "06:30 UTC");
    }
}
