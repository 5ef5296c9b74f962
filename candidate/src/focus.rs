//! Where focus goes when a view replaces what the person was using: the
//! control they clicked is gone, and focus would fall back to the page's
//! top, far from what they must read next.

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Once `target` is on the page: scrolls it to the top of the view and
/// gives it focus (it needs `tabindex="-1"` unless it is a control), so a
/// screen reader reads it and the eye finds it.
pub fn focus_on_mount<E>(target: NodeRef<E>)
where
    E: ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    target.on_load(move |el| {
        let el: web_sys::HtmlElement = el.unchecked_into();
        // After the frame it is laid out in, or there is nothing to scroll to.
        request_animation_frame(move || {
            el.scroll_into_view_with_bool(true);
            let _ = el.focus();
        });
    });
}

/// Focuses the element `id` in `root` (a shadow root) after the next render.
pub fn focus_by_id(root: Option<web_sys::ShadowRoot>, id: String) {
    request_animation_frame(move || {
        if let Some(el) = root.and_then(|r| r.get_element_by_id(&id)) {
            focus_element(el);
        }
    });
}

/// Focuses `el`, or, for a group of choices (a fieldset), its first choice.
pub fn focus_element(el: web_sys::Element) {
    let el = if el.tag_name() == "FIELDSET" { el.query_selector("input").ok().flatten() } else { Some(el) };
    if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// The shadow root an event happened in (where `focus_by_id` looks).
pub fn root_of(ev: &web_sys::Event) -> Option<web_sys::ShadowRoot> {
    ev.target()?.dyn_into::<web_sys::Node>().ok()?.get_root_node().dyn_into().ok()
}
