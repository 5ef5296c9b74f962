//! The time as the server sees it. A trait so that tests can move time
//! (promised dates falling due, silence alarms) without sleeping.

use candor_api::Day;
use time::OffsetDateTime;

pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> OffsetDateTime;

    /// Today's date in UTC.
    fn today(&self) -> Day {
        let d = self.now().date();
        Day::from_ymd(d.year(), d.month() as u8, d.day()).unwrap_or(Day::from_ymd(1970, 1, 1).expect("a valid date"))
    }
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
#[derive(Default)]
pub struct AdjustableClock {
    days_ahead: std::sync::atomic::AtomicI64,
}

impl AdjustableClock {
    pub fn advance_days(&self, days: i64) {
        self.days_ahead.fetch_add(days, std::sync::atomic::Ordering::SeqCst);
    }
}

impl Clock for AdjustableClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc() + time::Duration::days(self.days_ahead.load(std::sync::atomic::Ordering::SeqCst))
    }
}

/// `POST /api/test/clock?advance_days=N`, mounted only with `--test-clock`.
/// A time as the API writes it: RFC 3339, UTC.
pub fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

pub fn test_routes(clock: std::sync::Arc<AdjustableClock>) -> axum::Router<crate::state::AppState> {
    use axum::extract::Query;
    #[derive(serde::Deserialize)]
    struct Advance {
        advance_days: i64,
    }
    axum::Router::new().route(
        "/api/test/clock",
        axum::routing::post(move |Query(Advance { advance_days }): Query<Advance>| async move {
            clock.advance_days(advance_days.clamp(-3650, 3650));
            axum::http::StatusCode::NO_CONTENT
        }),
    )
}
