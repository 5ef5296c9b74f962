//! The careers widget's entry point (see the library for the widget itself).

use candor_widget::context::Widget;
use candor_widget::widget::App;
use candor_widget::{CAREERS_ATTRIBUTES, element, first_view};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

const CSS: &str = include_str!("../style/widget.css");

fn main() {
    console_error_panic_hook::set_once();
}

/// Called once by the loader (`candor.js`) with the address the widget was
/// loaded from, which is also where its API lives unless an element says
/// otherwise with `api="…"`.
#[wasm_bindgen]
pub fn define(candor_base: String) {
    element::define(
        "candor-careers",
        &CAREERS_ATTRIBUTES,
        CSS,
        candor_base,
        |el, base| {
            let widget = Widget::from_element(el, base);
            view! { <App widget/> }
        },
        Some(|el, container| first_view::remember(el, container, CSS)),
    );
}
