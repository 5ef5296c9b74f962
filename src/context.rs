//! What a widget's components know about their element: the company, the
//! posting, the language and where Candor's API is. Provided once by the
//! root view ([`crate::widget::App`]) and read by every feature, so no
//! feature needs the root and the root needs no feature's internals.

use candor_api::{CompanyPublic, CompanySlug, Locale, PostingSlug};
use web_sys::HtmlElement;

use crate::api_client::Loader;
use crate::i18n::{Strings, strings};

/// Everything a widget's components need to know about their element.
#[derive(Clone)]
pub struct Widget {
    /// Candor's API address, ending in `/`.
    pub api_base: String,
    /// Where the widget's own files came from, ending in `/` (the API's
    /// address too, unless the element says otherwise with `api`).
    pub candor_base: String,
    pub company: Option<CompanySlug>,
    /// Set when the element shows one posting rather than the list.
    pub posting: Option<PostingSlug>,
    pub locale: Locale,
    pub t: &'static Strings,
}

impl Widget {
    pub fn from_element(el: &HtmlElement, candor_base: &str) -> Widget {
        let company = attribute(el, "company").and_then(|c| CompanySlug::parse(&c).ok());
        let posting = attribute(el, "posting").and_then(|p| PostingSlug::parse(&p).ok());
        let locale = locale_for(el);
        let (api_base, candor_base) = (api_base_for(el, candor_base), with_slash(candor_base.to_owned()));
        Widget { api_base, candor_base, company, posting, locale, t: strings(locale) }
    }

    /// The company's slug as text; empty when the element names none.
    pub fn company_slug(&self) -> String {
        self.company.as_ref().map(|c| c.to_string()).unwrap_or_default()
    }

    /// The URL of an API v1 path, e.g. `companies/northwind/postings`.
    pub fn api_url(&self, path: &str) -> String {
        format!("{}api/v1/{path}", self.api_base)
    }
}

/// The company's public settings, shared by the widget's views.
pub type CompanyInfo = Loader<CompanyPublic>;

/// The language an element's widget speaks (see [`language_preferences`]).
pub fn locale_for(el: &HtmlElement) -> Locale {
    Locale::negotiate(language_preferences(el).iter().map(String::as_str))
}

/// Candor's API address for an element: its `api` attribute, or the address
/// its script was loaded from; ends in `/`.
pub fn api_base_for(el: &HtmlElement, candor_base: &str) -> String {
    with_slash(attribute(el, "api").unwrap_or_else(|| candor_base.to_owned()))
}

/// An attribute's value, trimmed; `None` when it is missing or blank.
pub fn attribute(el: &HtmlElement, name: &str) -> Option<String> {
    el.get_attribute(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn with_slash(mut address: String) -> String {
    if !address.ends_with('/') {
        address.push('/');
    }
    address
}

/// The element's `lang`, then each enclosing `lang` up to the page's
/// `<html lang>`, then the browser's languages in order.
fn language_preferences(el: &HtmlElement) -> Vec<String> {
    let mut preferences = Vec::new();
    let mut next = el.closest("[lang]").ok().flatten();
    while let Some(with_lang) = next {
        preferences.extend(with_lang.get_attribute("lang"));
        next = with_lang.parent_element().and_then(|p| p.closest("[lang]").ok().flatten());
    }
    if let Some(window) = web_sys::window() {
        let languages = window.navigator().languages();
        preferences.extend(languages.iter().filter_map(|l| l.as_string()));
    }
    preferences
}
