//! Dates, money and places in the reader's language, through the browser's `Intl`.

use candor_api::{Day, Locale, PostingSummary, SalaryRange};
use wasm_bindgen::prelude::*;

use crate::i18n::Strings;

#[wasm_bindgen(module = "/src/js/intl.js")]
extern "C" {
    #[wasm_bindgen(js_name = formatDate)]
    fn format_date(locale: &str, iso: &str, style: &str) -> String;
    #[wasm_bindgen(js_name = formatMoney)]
    fn format_money(locale: &str, currency: &str, min: u32, max: u32) -> String;
    #[wasm_bindgen(js_name = regionName)]
    fn region_name(locale: &str, code: &str) -> String;
    #[wasm_bindgen(js_name = daysAgo)]
    fn days_ago_js(locale: &str, days: i32) -> String;
    #[wasm_bindgen(js_name = formatDuration)]
    fn format_duration(locale: &str, value: u32, unit: &str) -> String;
    #[wasm_bindgen(js_name = today)]
    fn today_js() -> String;
}

/// Today in the reader's own time zone.
pub fn today() -> Option<Day> {
    Day::parse(&today_js()).ok()
}

pub fn date(locale: Locale, day: Day) -> String {
    format_date(locale.tag(), &day.to_string(), date_style(locale))
}

/// Finnish job sites write dates as 1.12.2026 (Intl's "medium"); the
/// "long" style's "1. joulukuuta 2026" reads as formal. The others' long
/// styles are what their sites write ("1 grudnia 2026").
fn date_style(locale: Locale) -> &'static str {
    match locale {
        Locale::Fi => "medium",
        _ => "long",
    }
}

/// "€5,200–€6,800 per month".
pub fn salary(t: &Strings, s: &SalaryRange) -> String {
    format!("{} {}", format_money(t.locale.tag(), &s.currency, s.min, s.max), t.per(s.period))
}

/// "Helsinki, Finland".
pub fn place(locale: Locale, p: &PostingSummary) -> String {
    format!("{}, {}", p.location.city, region_name(locale.tag(), &p.location.country))
}

/// "Posted 2 days ago"; "Posted on" the date itself once it is more than
/// a month old (Dutch says "Geplaatst op" before a date only).
pub fn posted(t: &Strings, day: Day) -> String {
    let today = Day::parse(&today_js()).unwrap_or(day);
    let age = day.days_until(today);
    if (0..=31).contains(&age) {
        format!("{} {}", t.posted, days_ago_js(t.locale.tag(), age as i32))
    } else {
        format!("{} {}", t.posted_on, date(t.locale, day))
    }
}

/// How long something took, in the unit a person would use: "12 minutes",
/// "5 hours", "3 days".
pub fn duration(locale: Locale, minutes: u64) -> String {
    let (value, unit) = duration_parts(minutes);
    format_duration(locale.tag(), value, unit)
}

fn duration_parts(minutes: u64) -> (u32, &'static str) {
    let clamp = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
    match minutes {
        0..60 => (clamp(minutes.max(1)), "minute"),
        60..2880 => (clamp((minutes + 30) / 60), "hour"),
        _ => (clamp((minutes + 720) / 1440), "day"),
    }
}

#[cfg(test)]
mod duration_tests {
    use super::duration_parts;

    #[test]
    fn finnish_dates_are_written_as_finnish_sites_write_them() {
        use candor_api::Locale;
        assert_eq!(super::date_style(Locale::Fi), "medium");
        assert_eq!(super::date_style(Locale::Pl), "long");
    }

    #[test]
    fn durations_use_the_unit_a_person_would() {
        assert_eq!(duration_parts(0), (1, "minute"));
        assert_eq!(duration_parts(59), (59, "minute"));
        assert_eq!(duration_parts(60), (1, "hour"));
        assert_eq!(duration_parts(150), (3, "hour"));
        assert_eq!(duration_parts(47 * 60), (47, "hour"));
        assert_eq!(duration_parts(48 * 60), (2, "day"));
        assert_eq!(duration_parts(3 * 1440 + 700), (3, "day"));
    }
}
