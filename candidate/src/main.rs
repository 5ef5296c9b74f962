//! The candidate bundle: `<candor-application>`. With `mode="apply"
//! company="…" posting="…"` it is the application form, with `mode="ask"`
//! the question form, with `mode="mine" company="…"` "My applications",
//! with `mode="lost" company="…"` "Lost your link?", with `mode="wallet"`
//! the profile wallet on Candor's own `/me` (and the window careers pages
//! open on it);
//! otherwise the live status of one application or question (see
//! [`context::Tracked`] for where its token comes from).
//! Loaded on its own so that the careers widget every visitor downloads
//! stays small.

mod actions;
mod address_choice;
mod apply;
mod ask;
mod context;
mod focus;
mod i18n;
mod live;
mod lost;
mod mail_choice;
mod mine;
mod pool_alerts;
mod pool_choice;
mod profile_form;
mod status;
mod storage;
mod wallet;
mod wallet_window;

use candor_api::{CompanySlug, PostingSlug};
use candor_widget::context::{api_base_for, locale_for};
use candor_widget::element;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::context::{ForPosting, Tracked};

// The widget's base styles, then the status view's own.
const CSS: &str = concat!(include_str!("../../style/widget.css"), include_str!("../style/candidate.css"));

fn main() {
    console_error_panic_hook::set_once();
}

/// Called once by the loader (`candidate.js`) with Candor's address.
#[wasm_bindgen]
pub fn define(candor_base: String) {
    let observed = ["mode", "company", "posting", "token", "lang", "api"];
    element::define(
        "candor-application",
        &observed,
        CSS,
        candor_base,
        |el, base| {
            let t = i18n::strings(locale_for(el));
            let tracked = Tracked::from_element(el, base, t);
            let slug = |name: &str| el.get_attribute(name).unwrap_or_default();
            let mode = el.get_attribute("mode");
            match (mode.as_deref(), CompanySlug::parse(&slug("company")), PostingSlug::parse(&slug("posting"))) {
                (Some("apply"), Ok(company), Ok(posting)) => {
                    let context = ForPosting { api_base: api_base_for(el, base), company, posting, t };
                    view! { <apply::ApplyView context/> }.into_any()
                }
                (Some("ask"), Ok(company), Ok(posting)) => {
                    let context = ForPosting { api_base: api_base_for(el, base), company, posting, t };
                    view! { <ask::AskView context/> }.into_any()
                }
                // A question's private link opens on the same status page.
                _ if tracked.token.starts_with("q_") => {
                    view! { <div class="candor" lang=t.locale.tag()><ask::QuestionView question=tracked/></div> }
                        .into_any()
                }
                (Some("lost"), Ok(company), _) => {
                    view! { <lost::LostLinkView api_base=tracked.api_base company t/> }.into_any()
                }
                (Some("wallet"), _, _) => wallet::view(tracked.api_base, t),
                (Some("mine"), Ok(company), _) => {
                    view! { <mine::MyApplicationsView api_base=tracked.api_base company=company.to_string() t/> }
                        .into_any()
                }
                _ => view! { <status::StatusView application=tracked/> }.into_any(),
            }
        },
        // Nothing of the candidate's is drawn before its bundle arrives.
        None,
    );
}
