//! Calendar days, as the API sends them: `YYYY-MM-DD`.
//!
//! Written here rather than taken from `time` or `chrono` because the widget
//! ships this crate to every candidate's browser and needs only parsing,
//! printing and day arithmetic (promised dates, "overdue by N days"): a few
//! dozen lines instead of a date library in the 100 KB budget. Formatting for
//! people is the browser's `Intl`, not ours.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::rules::Invalid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    year: i32,
    month: u8,
    day: u8,
}

impl Day {
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        let valid =
            (1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Self { year, month, day })
    }

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let b = raw.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(Invalid::NotADate);
        }
        let num = |s: &str| s.bytes().all(|c| c.is_ascii_digit()).then(|| s.parse::<i32>().ok()).flatten();
        let (Some(y), Some(m), Some(d)) = (num(&raw[0..4]), num(&raw[5..7]), num(&raw[8..10])) else {
            return Err(Invalid::NotADate);
        };
        Self::from_ymd(y, m as u8, d as u8).ok_or(Invalid::NotADate)
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's
    /// `days_from_civil`.
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Day::days_since_epoch`] (`civil_from_days`).
    pub fn from_days_since_epoch(days: i64) -> Option<Self> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = yoe + era * 400 + i64::from(m <= 2);
        Self::from_ymd(i32::try_from(y).ok()?, m, d)
    }

    pub fn add_days(self, n: i64) -> Option<Self> {
        Self::from_days_since_epoch(self.days_since_epoch() + n)
    }

    /// The day of the week, ISO: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday).
    pub fn iso_weekday(self) -> u8 {
        ((self.days_since_epoch() + 3).rem_euclid(7) + 1) as u8
    }

    /// Whole days from `self` until `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Day) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Day::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_iso_dates() {
        let d = Day::parse("2024-02-29").unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2024, 2, 29));
        assert_eq!(d.to_string(), "2024-02-29");
    }

    #[test]
    fn knows_the_day_of_the_week() {
        let weekday = |s| Day::parse(s).unwrap().iso_weekday();
        assert_eq!(weekday("1970-01-01"), 4, "a Thursday");
        assert_eq!(weekday("2026-11-30"), 1, "a Monday");
        assert_eq!(weekday("2026-12-06"), 7, "a Sunday");
        assert_eq!(weekday("1969-12-29"), 1, "before the epoch too");
    }

    #[test]
    fn refuses_impossible_or_malformed_dates() {
        for bad in ["2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "24-01-01", "2024/01/01", "2024-01-+1", ""] {
            assert_eq!(Day::parse(bad), Err(Invalid::NotADate), "{bad}");
        }
    }

    #[test]
    fn epoch_arithmetic_round_trips() {
        assert_eq!(Day::parse("1970-01-01").unwrap().days_since_epoch(), 0);
        assert_eq!(Day::parse("2000-03-01").unwrap().days_since_epoch(), 11_017);
        for n in [-700_000, -1, 0, 59, 60, 11_016, 20_000, 2_000_000] {
            let d = Day::from_days_since_epoch(n).unwrap();
            assert_eq!(d.days_since_epoch(), n);
        }
    }

    #[test]
    fn adds_days_across_months_and_leap_years() {
        let d = Day::parse("2024-02-27").unwrap();
        assert_eq!(d.add_days(3).unwrap().to_string(), "2024-03-01");
        assert_eq!(d.days_until(Day::parse("2025-02-27").unwrap()), 366);
        assert_eq!(Day::from_days_since_epoch(-800_000), None, "before year 1");
    }

    #[test]
    fn serialises_as_a_string() {
        let d: Day = serde_json::from_str("\"2026-11-23\"").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2026-11-23\"");
        assert!(serde_json::from_str::<Day>("\"2026-11-31\"").is_err());
    }
}
