//! Candor's careers widget: `<candor-careers company="…" [posting="…"]>`,
//! rendered by Leptos inside each element's Shadow DOM.

mod api_client;
mod element;
mod format;
mod i18n;
mod postings;
mod routing;
mod states;
mod widget;

use wasm_bindgen::prelude::*;

fn main() {
    console_error_panic_hook::set_once();
}

/// Called once by the loader (`candor.js`) with the address the widget was
/// loaded from, which is also where its API lives unless an element says
/// otherwise with `api="…"`.
#[wasm_bindgen]
pub fn define(candor_base: String) {
    element::define(candor_base);
}
