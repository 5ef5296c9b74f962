//! The candidate's private status page, `/status#<token>`: the status link
//! every acknowledgement gives. The token travels in the fragment, so it
//! never reaches this server's logs or another site's `Referer`.
//!
//! Its language: `?lang=` when the candidate chose one (the page's language
//! switcher links there), else the browser's, until the status view has read
//! the language the candidate applied in and, if that is another, opens the
//! page again with it (`candidate/src/status.rs`): this server can't see the
//! token, so it can't know the application's language itself.

use axum::Router;
use axum::extract::RawQuery;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use candor_api::Locale;

const PAGE: &str = include_str!("status_page.html");
const CSS: &str = include_str!("status_page.css");

pub fn routes() -> Router {
    Router::new().route("/status", get(page)).route(
        "/status.css",
        get(|| async {
            ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=300")], CSS)
        }),
    )
}

/// The page's own words, outside the status view: its title and footer.
fn texts(locale: Locale) -> (&'static str, &'static str) {
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

/// The language chosen with `?lang=`, if any. A link mangled on its way
/// (`?lang=xx`, another parameter) still opens the status: the page falls
/// back to the browser's language rather than refusing a candidate their
/// own application.
fn chosen(query: Option<&str>) -> Option<Locale> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(name, _)| name == "lang")
        .and_then(|(_, value)| Locale::parse(&value).ok())
}

/// The page in `locale`; `chosen` marks the element with it, so the status
/// view keeps it rather than switching to the language applied in.
fn render(locale: Locale, chosen: bool) -> String {
    let (title, footer) = texts(locale);
    let element = if chosen {
        format!(r#"<candor-application lang="{}"></candor-application>"#, locale.tag())
    } else {
        "<candor-application></candor-application>".to_owned()
    };
    PAGE.replace("{{lang}}", locale.tag())
        .replace("{{title}}", title)
        .replace("{{footer}}", footer)
        .replace("<candor-application></candor-application>", &element)
}

async fn page(headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    let chosen = chosen(query.as_deref());
    let locale = chosen.unwrap_or_else(|| Locale::negotiate(accepted_languages(&headers)));
    let html = render(locale, chosen.is_some());
    let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; \
             img-src 'self' data: https:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    // The page holds no secret itself, but the fragment does: keep it out of other sites.
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
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
        let finnish = render(Locale::Fi, true);
        assert!(finnish.starts_with("<!doctype html>\n<html lang=\"fi\">"));
        assert!(finnish.contains("<title>Hakemuksen tila · Candor</title>"));
        assert!(finnish.contains("Tämä linkki on yksityinen"));
        assert!(finnish.contains(r#"<candor-application lang="fi"></candor-application>"#));
        let negotiated = render(Locale::Sv, false);
        assert!(negotiated.contains("<candor-application></candor-application>"), "free to follow the application");
        for locale in Locale::ALL {
            assert!(!render(locale, false).contains("{{"), "{locale:?}");
        }
    }

    #[test]
    fn the_page_loads_only_the_candidate_bundle() {
        assert_eq!(PAGE.matches("<script").count(), 1);
        assert!(PAGE.contains(r#"<script type="module" src="/widget/candidate/candidate.js"></script>"#));
        assert!(!PAGE.contains("style=\""));
    }
}
