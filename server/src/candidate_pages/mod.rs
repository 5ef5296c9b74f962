//! Candor's own pages, on its own origin, where the candidate bundle runs
//! whole rather than inside a careers page: the private status page and the
//! profile wallet. Both share one template, one way of choosing their
//! language and one set of headers; only their element and words differ.
//!
//! `/status#<token>` is the status link every acknowledgement gives. The
//! token travels in the fragment, so it never reaches this server's logs or
//! another site's `Referer`. Its language: `?lang=` when the candidate chose
//! one (the page's language switcher links there), else the browser's, until
//! the status view has read the language the candidate applied in and, if
//! that is another, opens the page again with it (`candidate/src/status.rs`):
//! this server can't see the token, so it can't know the application's
//! language itself.
//!
//! `/me` is the profile wallet (`candor_api::wallet`): the profile kept in
//! this browser's storage for Candor's origin, never sent here. Opened by a
//! careers page as `/me?share=<company>` or `/me?save=<company>`, it is the
//! same page: the bundle reads the query.

use axum::Router;
use axum::extract::RawQuery;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use candor_api::Locale;

const PAGE: &str = include_str!("page.html");
const CSS: &str = include_str!("page.css");

pub fn routes() -> Router {
    Router::new()
        .route(
            "/status",
            get(|headers: HeaderMap, RawQuery(query): RawQuery| async move {
                serve(Page::Status, &headers, query.as_deref())
            }),
        )
        .route(
            "/me",
            get(|headers: HeaderMap, RawQuery(query): RawQuery| async move {
                serve(Page::Wallet, &headers, query.as_deref())
            }),
        )
        .route(
            "/status.css",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=300")],
                    CSS,
                )
            }),
        )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    Status,
    Wallet,
}

impl Page {
    /// The page's own words, outside the bundle's view: its title and footer.
    fn texts(self, locale: Locale) -> (&'static str, &'static str) {
        match self {
            Page::Status => status_texts(locale),
            Page::Wallet => wallet_texts(locale),
        }
    }

    /// The element's attributes before its language, which the bundle reads
    /// to know which view it is.
    fn mode(self) -> &'static str {
        match self {
            Page::Status => "",
            Page::Wallet => r#" mode="wallet""#,
        }
    }
}

fn status_texts(locale: Locale) -> (&'static str, &'static str) {
    match locale {
        Locale::En => (
            "Application status · Candor",
            "This link is private: anyone who has it can see this application. Powered by Candor.",
        ),
        Locale::Fi => (
            "Hakemuksen tila · Candor",
            "Tämä linkki on yksityinen: kuka tahansa, jolla se on, näkee tämän hakemuksen. Palvelun tarjoaa Candor.",
        ),
        Locale::Sv => {
            ("Ansökans status · Candor", "Den här länken är privat: alla som har den kan se ansökan. Drivs av Candor.")
        }
        Locale::Pl => (
            "Status zgłoszenia · Candor",
            "Ten link jest prywatny: każda osoba, która go ma, może zobaczyć to zgłoszenie. Działa dzięki Candor.",
        ),
        Locale::Nl => (
            "Status van je sollicitatie · Candor",
            "Deze link is privé: iedereen die hem heeft, kan deze sollicitatie zien. Mogelijk gemaakt door Candor.",
        ),
    }
}

fn wallet_texts(locale: Locale) -> (&'static str, &'static str) {
    match locale {
        Locale::En => (
            "Your Candor profile · Candor",
            "Kept in this browser only: Candor's server never stores your profile. Powered by Candor.",
        ),
        Locale::Fi => (
            "Candor-profiilisi · Candor",
            "Säilytetään vain tässä selaimessa: Candorin palvelin ei koskaan tallenna profiiliasi. Palvelun tarjoaa Candor.",
        ),
        Locale::Sv => (
            "Din Candor-profil · Candor",
            "Sparas bara i den här webbläsaren: Candors server lagrar aldrig din profil. Drivs av Candor.",
        ),
        Locale::Pl => (
            "Twój profil Candor · Candor",
            "Przechowywany tylko w tej przeglądarce: serwer Candor nigdy nie zapisuje Twojego profilu. Działa dzięki Candor.",
        ),
        Locale::Nl => (
            "Je Candor-profiel · Candor",
            "Alleen in deze browser bewaard: de server van Candor slaat je profiel nooit op. Mogelijk gemaakt door Candor.",
        ),
    }
}

/// The language chosen with `?lang=`, if any. A link mangled on its way
/// (`?lang=xx`, another parameter) still opens the page: it falls back to
/// the browser's language rather than refusing a candidate their own
/// application or profile.
fn chosen(query: Option<&str>) -> Option<Locale> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(name, _)| name == "lang")
        .and_then(|(_, value)| Locale::parse(&value).ok())
}

/// `page` in `locale`; `chosen` marks the element with it, so the status
/// view keeps it rather than switching to the language applied in.
fn render(page: Page, locale: Locale, chosen: bool) -> String {
    let (title, footer) = page.texts(locale);
    let lang = if chosen { format!(r#" lang="{}""#, locale.tag()) } else { String::new() };
    let element = format!("<candor-application{}{lang}></candor-application>", page.mode());
    PAGE.replace("{{lang}}", locale.tag())
        .replace("{{title}}", title)
        .replace("{{footer}}", footer)
        .replace("{{element}}", &element)
}

fn serve(page: Page, headers: &HeaderMap, query: Option<&str>) -> Response {
    let chosen = chosen(query);
    let locale = chosen.unwrap_or_else(|| Locale::negotiate(accepted_languages(headers)));
    let html = render(page, locale, chosen.is_some());
    let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
    let h = response.headers_mut();
    // Never framed: a page framing the wallet could lay its own content
    // over the Share button and have the candidate click it unawares.
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; \
             img-src 'self' data: https:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    // The pages hold no secret themselves, but the status fragment does:
    // keep it out of other sites.
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    // No Cross-Origin-Opener-Policy (the default, unsafe-none) on purpose:
    // the wallet is a window a careers page opens and talks to through
    // `window.opener`, and `same-origin` here would cut that link, leaving
    // the candidate nothing to share their profile through.
    response
}

/// The languages of `Accept-Language`, best first by quality, `q=0` left out.
fn accepted_languages(headers: &HeaderMap) -> Vec<&str> {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(candor_api::locale::accepted_languages)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_language_picks_the_page_language() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("de-DE,de;q=0.9,sv;q=0.8,en;q=0.5"));
        assert_eq!(Locale::negotiate(accepted_languages(&headers)), Locale::Sv);
        assert_eq!(Locale::negotiate(accepted_languages(&HeaderMap::new())), Locale::En);
    }

    #[test]
    fn a_chosen_language_wins_and_says_the_pages_own_words_in_it() {
        assert_eq!(chosen(Some("lang=fi")), Some(Locale::Fi));
        assert_eq!(chosen(Some("lang=xx")), None);
        assert_eq!(chosen(None), None);
        let finnish = render(Page::Status, Locale::Fi, true);
        assert!(finnish.starts_with("<!doctype html>\n<html lang=\"fi\">"));
        assert!(finnish.contains("<title>Hakemuksen tila · Candor</title>"));
        assert!(finnish.contains("Tämä linkki on yksityinen"));
        assert!(finnish.contains(r#"<candor-application lang="fi"></candor-application>"#));
        let negotiated = render(Page::Status, Locale::Sv, false);
        assert!(negotiated.contains("<candor-application></candor-application>"), "free to follow the application");
        for page in [Page::Status, Page::Wallet] {
            for locale in Locale::ALL {
                assert!(!render(page, locale, false).contains("{{"), "{page:?} {locale:?}");
            }
        }
    }

    #[test]
    fn the_wallet_is_the_same_page_with_its_own_element_and_words() {
        let english = render(Page::Wallet, Locale::En, false);
        assert!(english.contains("<title>Your Candor profile · Candor</title>"));
        assert!(english.contains(r#"<candor-application mode="wallet"></candor-application>"#));
        assert!(english.contains("Candor's server never stores your profile."));
        let polish = render(Page::Wallet, Locale::Pl, true);
        assert!(polish.starts_with("<!doctype html>\n<html lang=\"pl\">"));
        assert!(polish.contains(r#"<candor-application mode="wallet" lang="pl"></candor-application>"#));
        assert!(polish.contains("<title>Twój profil Candor · Candor</title>"));
        let titles: std::collections::HashSet<_> = Locale::ALL.map(|l| Page::Wallet.texts(l)).into_iter().collect();
        assert_eq!(titles.len(), Locale::ALL.len(), "each language in its own words");
    }

    #[test]
    fn the_page_loads_only_the_candidate_bundle() {
        assert_eq!(PAGE.matches("<script").count(), 1);
        assert!(PAGE.contains(r#"<script type="module" src="/widget/candidate/candidate.js"></script>"#));
        assert!(!PAGE.contains("style=\""));
    }
}
