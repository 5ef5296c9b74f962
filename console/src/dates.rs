//! Dates in the recruiter's own language, the one they read the console in
//! (with the browser's own region when it is that language: a recruiter in
//! London on en-GB keeps the day before the month), through the browser's
//! `Intl`, so the console carries no locale data. The `_in` forms write a
//! text in another language than the console's: a report, in its reader's.

use candor_api::{Day, Locale};
use wasm_bindgen::JsValue;

/// "Friday 15 January 2027": a chosen date said so that no one can read
/// 01/02 as the wrong month.
pub fn long(day: Day) -> String {
    long_in(crate::i18n::locale(), day)
}

pub fn long_in(locale: Locale, day: Day) -> String {
    format(locale, day, &[("weekday", "long"), ("day", "numeric"), ("month", "long"), ("year", "numeric")])
}

/// "15 Jan 2027", for lists and timelines.
pub fn short(day: Day) -> String {
    short_in(crate::i18n::locale(), day)
}

pub fn short_in(locale: Locale, day: Day) -> String {
    format(locale, day, &[("day", "numeric"), ("month", "short"), ("year", "numeric")])
}

/// "15 Jan", for a span within one search (its year said once, elsewhere).
pub fn day_month_in(locale: Locale, day: Day) -> String {
    format(locale, day, &[("day", "numeric"), ("month", "short")])
}

/// "Monday" for 1 … "Sunday" for 7 (ISO), in the console's language.
pub fn weekday(iso: u8) -> String {
    // 2024-01-01 was a Monday.
    Day::from_ymd(2024, 1, iso.clamp(1, 7))
        .map(|day| format(crate::i18n::locale(), day, &[("weekday", "long")]))
        .unwrap_or_default()
}

/// Today where the recruiter is.
pub fn today() -> Option<Day> {
    let now = js_sys::Date::new_0();
    Day::from_ymd(now.get_full_year() as i32, now.get_month() as u8 + 1, now.get_date() as u8)
}

fn format(locale: Locale, day: Day, parts: &[(&str, &str)]) -> String {
    let options = js_sys::Object::new();
    for (key, value) in parts {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    let locales = js_sys::Array::of1(&JsValue::from_str(&crate::i18n::intl_tag_for(locale)));
    let format = js_sys::Intl::DateTimeFormat::new(&locales, &options).format();
    let date =
        js_sys::Date::new_with_year_month_day(day.year() as u32, i32::from(day.month()) - 1, i32::from(day.day()));
    format.call1(&JsValue::UNDEFINED, &date).ok().and_then(|s| s.as_string()).unwrap_or_else(|| day.to_string())
}

/// "Mar 2019" for `2019-03`, "2019" for `2019`: a period as a CV gives it.
pub fn month(raw: &str) -> String {
    match raw.split_once('-').map(|(y, m)| (y.parse::<i32>(), m.parse::<u8>())) {
        Some((Ok(year), Ok(m))) => Day::from_ymd(year, m, 1).map_or_else(
            || raw.to_owned(),
            |day| format(crate::i18n::locale(), day, &[("month", "short"), ("year", "numeric")]),
        ),
        _ => raw.to_owned(),
    }
}

/// "1 Dec 2026, 15:52": a moment the server wrote (RFC 3339), in the
/// recruiter's locale and time zone.
pub fn moment(rfc3339: &str) -> String {
    moment_in(crate::i18n::locale(), rfc3339)
}

pub fn moment_in(locale: Locale, rfc3339: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let options = js_sys::Object::new();
    for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    let locales = js_sys::Array::of1(&JsValue::from_str(&crate::i18n::intl_tag_for(locale)));
    let format = js_sys::Intl::DateTimeFormat::new(&locales, &options).format();
    format.call1(&JsValue::UNDEFINED, &date).ok().and_then(|s| s.as_string()).unwrap_or_else(|| rfc3339.to_owned())
}
