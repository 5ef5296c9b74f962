//! What a `<candor-application>` knows about itself: where Candor's API is,
//! the language, and the application, question or posting it is about.
//! Shared by the views, so none of them needs another's module for it.

use candor_api::{CompanySlug, PostingSlug};
use candor_widget::api_client::Loader;
use candor_widget::context::{api_base_for, attribute};
use web_sys::HtmlElement;

use crate::i18n::CandidateStrings;

/// The headers the candidate's and the asker's secrets travel in: servers
/// and proxies log URLs, not these.
pub const APPLICATION_HEADER: &str = "Candor-Application";
pub const QUESTION_HEADER: &str = "Candor-Question";

/// One application (or question), named by its private token.
#[derive(Clone)]
pub struct Tracked {
    /// Candor's API address, ending in `/`.
    pub api_base: String,
    pub token: String,
    pub t: &'static CandidateStrings,
    /// On Candor's status page (the token came from the URL): its language
    /// switcher is shown, and without `chosen` the page follows the language
    /// applied in.
    pub on_status_page: bool,
    /// The element states its own language: chosen, so kept.
    pub chosen: bool,
}

impl Tracked {
    /// The token comes from the element's `token` attribute or, on Candor's
    /// status page, from the URL's fragment, which never reaches a server log.
    pub fn from_element(el: &HtmlElement, candor_base: &str, t: &'static CandidateStrings) -> Tracked {
        let given = attribute(el, "token");
        let on_status_page = given.is_none();
        let token = given
            .or_else(|| {
                web_sys::window().and_then(|w| w.location().hash().ok()).map(|h| h.trim_start_matches('#').to_owned())
            })
            .unwrap_or_default();
        Tracked {
            api_base: api_base_for(el, candor_base),
            token: token.trim().to_owned(),
            t,
            on_status_page,
            chosen: el.has_attribute("lang"),
        }
    }

    /// The application's API address, then `rest` (`/withdraw`, `/events` …);
    /// the token goes in [`Tracked::application_header`], never the URL.
    pub fn application_url(&self, rest: &str) -> String {
        format!("{}api/v1/application{rest}", self.api_base)
    }

    /// The header that proves the request is the candidate's.
    pub fn application_header(&self) -> (&'static str, String) {
        (APPLICATION_HEADER, self.token.clone())
    }

    /// The question's API address, then `rest` (`/events`); the token goes
    /// in [`Tracked::question_header`].
    pub fn question_url(&self, rest: &str) -> String {
        format!("{}api/v1/question{rest}", self.api_base)
    }

    pub fn question_header(&self) -> (&'static str, String) {
        (QUESTION_HEADER, self.token.clone())
    }

    /// The application's status, read with its token.
    pub fn status_loader<T: serde::de::DeserializeOwned + Clone + Send + Sync + 'static>(&self) -> Loader<T> {
        Loader::with_secret(self.application_url(""), self.application_header())
    }

    /// The asked question, read with its token.
    pub fn question_loader<T: serde::de::DeserializeOwned + Clone + Send + Sync + 'static>(&self) -> Loader<T> {
        Loader::with_secret(self.question_url(""), self.question_header())
    }

    /// The candidate's private page for it, on Candor's own site.
    pub fn status_link(&self) -> String {
        format!("{}status#{}", self.api_base, self.token)
    }
}

/// A company's posting, which the application and question forms are for.
#[derive(Clone)]
pub struct ForPosting {
    /// Candor's API address, ending in `/`.
    pub api_base: String,
    pub company: CompanySlug,
    pub posting: PostingSlug,
    pub t: &'static CandidateStrings,
}

impl ForPosting {
    /// The company's API address, then `path` (`/postings/…`).
    pub fn company_url(&self, path: &str) -> String {
        format!("{}api/v1/companies/{}{path}", self.api_base, self.company)
    }

    /// The posting's API address, then `path` (`/applications`, `/questions`).
    pub fn posting_url(&self, path: &str) -> String {
        self.company_url(&format!("/postings/{}{path}", self.posting))
    }

    /// What the form's answer gives: the application or question it made.
    pub fn tracked(&self, token: String) -> Tracked {
        Tracked { api_base: self.api_base.clone(), token, t: self.t, on_status_page: false, chosen: true }
    }
}
