//! Dates, money and places in the reader's language, through the browser's `Intl`.

use candor_api::{Day, Locale, PostingSummary, SalaryRange};
use wasm_bindgen::prelude::*;

use crate::i18n::Strings;

#[wasm_bindgen(module = "/src/js/intl.js")]
extern "C" {
    #[wasm_bindgen(js_name = formatDate)]
    fn format_date(locale: &str, iso: &str) -> String;
    #[wasm_bindgen(js_name = formatMoney)]
    fn format_money(locale: &str, currency: &str, min: u32, max: u32) -> String;
    #[wasm_bindgen(js_name = regionName)]
    fn region_name(locale: &str, code: &str) -> String;
    #[wasm_bindgen(js_name = daysAgo)]
    fn days_ago_js(locale: &str, days: i32) -> String;
    #[wasm_bindgen(js_name = today)]
    fn today_js() -> String;
}

pub fn date(locale: Locale, day: Day) -> String {
    format_date(locale.tag(), &day.to_string())
}

/// "€5,200–€6,800 per month".
pub fn salary(t: &Strings, s: &SalaryRange) -> String {
    format!("{} {}", format_money(t.locale.tag(), &s.currency, s.min, s.max), t.per(s.period))
}

/// "Helsinki, Finland".
pub fn place(locale: Locale, p: &PostingSummary) -> String {
    format!("{}, {}", p.location.city, region_name(locale.tag(), &p.location.country))
}

/// "2 days ago"; the date itself once it is more than a month old.
pub fn posted(locale: Locale, day: Day) -> String {
    let today = Day::parse(&today_js()).unwrap_or(day);
    let age = day.days_until(today);
    if (0..=31).contains(&age) { days_ago_js(locale.tag(), age as i32) } else { date(locale, day) }
}
