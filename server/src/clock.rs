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
