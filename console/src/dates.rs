//! Dates in the recruiter's own locale: the browser's language, not the
//! company's (a recruiter in Helsinki may read the console in en-GB), through
//! the browser's `Intl`, so the console carries no locale data.

use candor_api::Day;
use wasm_bindgen::JsValue;

/// "Friday 15 January 2027": a chosen date said so that no one can read
/// 01/02 as the wrong month.
pub fn long(day: Day) -> String {
    format(day, &[("weekday", "long"), ("day", "numeric"), ("month", "long"), ("year", "numeric")])
}

/// Today where the recruiter is.
pub fn today() -> Option<Day> {
    let now = js_sys::Date::new_0();
    Day::from_ymd(now.get_full_year() as i32, now.get_month() as u8 + 1, now.get_date() as u8)
}

fn format(day: Day, parts: &[(&str, &str)]) -> String {
    let options = js_sys::Object::new();
    for (key, value) in parts {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    // No locales given: Intl takes the browser's own.
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options).format();
    let date =
        js_sys::Date::new_with_year_month_day(day.year() as u32, i32::from(day.month()) - 1, i32::from(day.day()));
    format.call1(&JsValue::UNDEFINED, &date).ok().and_then(|s| s.as_string()).unwrap_or_else(|| day.to_string())
}
