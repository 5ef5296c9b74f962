//! The careers widget's entry point (see the library for the widget itself).

use candor_widget::widget::{App, Widget};
use candor_widget::{CAREERS_ATTRIBUTES, element};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

const CSS: &str = include_str!("../style/widget.css");

thread_local!(static BASE: std::cell::OnceCell<String> = const { std::cell::OnceCell::new() });

fn main() {
    console_error_panic_hook::set_once();
}

/// Called once by the loader (`candor.js`) with the address the widget was
/// loaded from, which is also where its API lives unless an element says
/// otherwise with `api="…"`.
#[wasm_bindgen]
pub fn define(candor_base: String) {
    BASE.with(|b| b.set(candor_base).ok());
    element::define("candor-careers", &CAREERS_ATTRIBUTES, CSS, |el| {
        let base = BASE.with(|b| b.get().cloned().unwrap_or_default());
        let widget = Widget::from_element(el, &base);
        view! { <App widget/> }
    });
}
