//! The careers widget's first view, remembered in the host page's storage
//! once it is ready, so that the loader draws it at once on the next visit
//! (`src/js/first_view.js`, and `drawFirstViews` in `src/js/candor.js`).

use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

use crate::context::{attribute, locale_for};
use crate::routing;

#[wasm_bindgen(module = "/src/js/first_view.js")]
extern "C" {
    #[wasm_bindgen(js_name = rememberFirstView)]
    fn remember_first_view(company: &str, posting: &str, lang: &str, api: &str, container: &Element, css: &str);
}

/// Keeps what `container` shows now as `el`'s first view, if it is what a
/// returning visitor would see first: the postings of a list (not a deep
/// link's posting, not an error), or a posting widget's posting.
pub fn remember(el: &HtmlElement, container: &Element, css: &str) {
    let Some(company) = attribute(el, "company") else { return };
    let posting = attribute(el, "posting").unwrap_or_default();
    let shows = |selector: &str| container.query_selector(selector).ok().flatten().is_some();
    let first = if posting.is_empty() {
        !routing::is_deep_link(&routing::current_hash()) && shows(".cards")
    } else {
        shows(".posting")
    };
    if first {
        let api = attribute(el, "api").unwrap_or_default();
        remember_first_view(&company, &posting, locale_for(el).tag(), &api, container, css);
    }
}
