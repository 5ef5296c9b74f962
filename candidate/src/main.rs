//! The candidate bundle: `<candor-application>`. With `mode="apply"
//! company="…" posting="…"` it is the application form; otherwise the live
//! status of one application (the token comes from the `token` attribute or,
//! on Candor's status page, from the URL's fragment, which never reaches a
//! server log).
//! Loaded on its own so that the careers widget every visitor downloads
//! stays small.

mod actions;
mod apply;
mod ask;
mod i18n;
mod live;
mod mine;
mod status;
mod storage;

use candor_api::{CompanySlug, PostingSlug};
use candor_widget::element;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

// The widget's base styles, then the status view's own.
const CSS: &str = concat!(include_str!("../../style/widget.css"), include_str!("../style/candidate.css"));

thread_local!(static BASE: std::cell::OnceCell<String> = const { std::cell::OnceCell::new() });

fn main() {
    console_error_panic_hook::set_once();
}

/// Called once by the loader (`candidate.js`) with Candor's address.
#[wasm_bindgen]
pub fn define(candor_base: String) {
    BASE.with(|b| b.set(candor_base).ok());
    element::define("candor-application", &["mode", "company", "posting", "token", "lang", "api"], CSS, |el| {
        let base = BASE.with(|b| b.get().cloned().unwrap_or_default());
        let context = status::Context::from_element(el, &base);
        let slug = |name: &str| el.get_attribute(name).unwrap_or_default();
        match (el.get_attribute("mode").as_deref(), CompanySlug::parse(&slug("company")), PostingSlug::parse(&slug("posting"))) {
            (Some("apply"), Ok(company), Ok(posting)) => {
                let context = apply::ApplyContext { api_base: context.api_base, company, posting, t: context.t };
                view! { <apply::ApplyView context/> }.into_any()
            }
            (Some("ask"), Ok(company), Ok(posting)) => {
                let context = ask::AskContext { api_base: context.api_base, company, posting, t: context.t };
                view! { <ask::AskView context/> }.into_any()
            }
            // A question's private link opens on the same status page.
            _ if context.token.starts_with("q_") => {
                view! { <div class="candor" lang=context.t.locale.tag()><ask::QuestionView api_base=context.api_base token=context.token t=context.t/></div> }.into_any()
            }
            (Some("mine"), Ok(company), _) => {
                view! { <mine::MyApplicationsView api_base=context.api_base company=company.to_string() t=context.t/> }.into_any()
            }
            _ => view! { <status::StatusView context/> }.into_any(),
        }
    });
}
