//! The time as the server sees it. A trait so that tests can move time
//! (promised dates falling due, silence alarms) without sleeping.

use candor_api::Day;
use time::OffsetDateTime;

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> OffsetDateTime;

    /// Today's date in UTC.
    fn today(&self) -> Day {
        day_of(self.now())
    }
}

/// The UTC date of a stored time (the day a question was asked).
pub fn day_of(at: OffsetDateTime) -> Day {
    let d = at.to_offset(time::UtcOffset::UTC).date();
    Day::from_ymd(d.year(), d.month() as u8, d.day()).unwrap_or(Day::from_ymd(1970, 1, 1).expect("a valid date"))
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// The system clock, moved forward on request: only with the hidden
/// `serve --test-clock`, so that browser journeys can let a promised date
/// pass without sleeping for days. Never part of a normal start.
pub struct AdjustableClock {
    days_ahead: std::sync::atomic::AtomicI64,
    moved: tokio::sync::watch::Sender<()>,
}

impl Default for AdjustableClock {
    fn default() -> Self {
        AdjustableClock { days_ahead: Default::default(), moved: tokio::sync::watch::channel(()).0 }
    }
}

impl AdjustableClock {
    pub fn advance_days(&self, days: i64) {
        self.days_ahead.fetch_add(days, std::sync::atomic::Ordering::SeqCst);
        // Heard by every subscriber, even one busy sweeping right now.
        self.moved.send_modify(|()| {});
    }

    /// Told when the clock moves, so that what waits on dates (the
    /// late-promise sweep, the reports' weekly summaries) looks again at
    /// once rather than minutes later: one receiver for each who waits, so
    /// none takes the news from another.
    pub fn moved(&self) -> tokio::sync::watch::Receiver<()> {
        self.moved.subscribe()
    }
}

impl Clock for AdjustableClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc() + time::Duration::days(self.days_ahead.load(std::sync::atomic::Ordering::SeqCst))
    }
}

/// A time as the API writes it: RFC 3339 in UTC, to the second (the one
/// place it is written).
pub fn rfc3339(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    at.replace_nanosecond(0).unwrap_or(at).format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// Runs `sweep`, work that looks for what has fallen due (a promise passed
/// without a word, a weekly summary's day), at once, then every `period`
/// until `closing` resolves (the instance stops; a sweep under way is
/// finished first),
/// and with the test clock also right after it moves, so a journey that
/// moves the clock sees the work done. `what` names the work in the log;
/// `sweep` answers how many mails it wrote.
pub fn sweep_every<F, Fut, E>(
    what: &'static str,
    period: std::time::Duration,
    test_clock: Option<std::sync::Arc<AdjustableClock>>,
    closing: impl std::future::Future<Output = ()> + Send + 'static,
    mut sweep: F,
) -> tokio::task::JoinHandle<()>
where
    F: FnMut() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Result<u32, E>> + Send,
    E: std::fmt::Debug,
{
    tokio::spawn(async move {
        let mut moved = test_clock.map(|clock| clock.moved());
        let mut closing = std::pin::pin!(closing);
        loop {
            match sweep().await {
                Ok(0) => {}
                Ok(written) => tracing::info!(sweep = what, written, "swept"),
                Err(e) => tracing::error!(sweep = what, error = ?e, "sweeping"),
            }
            let clock_moved = async {
                match &mut moved {
                    Some(moved) => {
                        let _ = moved.changed().await;
                    }
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                () = &mut closing => return,
                () = clock_moved => {}
                () = tokio::time::sleep(period) => {}
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_writes_times_in_utc_to_the_second() {
        let at = time::macros::datetime!(2026-12-01 11:17:05.987654 +02:00);
        assert_eq!(rfc3339(at), "2026-12-01T09:17:05Z");
    }
}
