//! The candidate bundle: `<candor-application [token="…"]>`, the live status
//! of one application (the token comes from the attribute or, on Candor's
//! status page, from the URL's fragment, which never reaches a server log).
//! Loaded on its own so that the careers widget every visitor downloads
//! stays small.

mod i18n;
mod live;
mod status;

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
    element::define("candor-application", &["token", "lang", "api"], CSS, |el| {
        let base = BASE.with(|b| b.get().cloned().unwrap_or_default());
        let context = status::Context::from_element(el, &base);
        view! { <status::StatusView context/> }
    });
}
