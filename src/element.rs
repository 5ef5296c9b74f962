//! A custom element's life cycle: mount a Leptos view into a Shadow DOM when
//! the element is connected, unmount it when it is removed, start over when
//! an observed attribute changes. Shared by Candor's elements.

use std::any::Any;
use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

#[wasm_bindgen(module = "/src/js/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineElement)]
    fn define_element(
        tag: &str,
        observed: Vec<String>,
        connect: &Closure<dyn FnMut(HtmlElement)>,
        disconnect: &Closure<dyn FnMut(HtmlElement)>,
    );
    #[wasm_bindgen(js_name = adoptStyleSheet)]
    fn adopt_style_sheet(root: &ShadowRoot, sheet: &CssStyleSheet);
}

/// Where on an element its mount id is kept (a JS property, not an attribute:
/// the host's markup stays untouched).
const ID_KEY: &str = "__candorId";

thread_local! {
    static MOUNTED: RefCell<HashMap<u32, Box<dyn Any>>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    /// What the bundle's loader said Candor's address is (see [`define`]).
    static CANDOR_BASE: OnceCell<String> = const { OnceCell::new() };
}

/// Defines `<tag>`: each connected element gets a shadow root with `css`
/// and the view `render` builds from the element and `candor_base`, the
/// address the bundle's loader says Candor's files (and, unless an element
/// names another, its API) are at. `ready` is told, once per mount, when
/// the view first shows what it came for (see [`watch_until_ready`]).
pub fn define<V: IntoView + 'static>(
    tag: &str,
    observed: &[&str],
    css: &'static str,
    candor_base: String,
    render: fn(&HtmlElement, &str) -> V,
    ready: Option<fn(&HtmlElement, &web_sys::Element)>,
) {
    let sheet = style_sheet(css);
    CANDOR_BASE.with(|b| b.set(candor_base).ok());
    let connect =
        Closure::<dyn FnMut(HtmlElement)>::new(move |el: HtmlElement| mount(el, sheet.as_ref(), render, ready));
    let disconnect = Closure::<dyn FnMut(HtmlElement)>::new(unmount);
    define_element(tag, observed.iter().map(|a| (*a).to_owned()).collect(), &connect, &disconnect);
    // The element class keeps calling these for the page's lifetime.
    connect.forget();
    disconnect.forget();
}

/// One stylesheet object per element type, adopted by every instance. A
/// `<style>` element would be blocked by a host's `style-src` without
/// 'unsafe-inline'; constructed sheets are not.
fn style_sheet(css: &str) -> Option<CssStyleSheet> {
    let sheet = CssStyleSheet::new().ok()?;
    sheet.replace_sync(css).ok()?;
    Some(sheet)
}

fn mount<V: IntoView + 'static>(
    el: HtmlElement,
    sheet: Option<&CssStyleSheet>,
    render: fn(&HtmlElement, &str) -> V,
    ready: Option<fn(&HtmlElement, &web_sys::Element)>,
) {
    let root = match el.shadow_root() {
        Some(root) => root,
        None => match el.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)) {
            Ok(root) => root,
            Err(e) => {
                web_sys::console::error_2(&"candor: cannot attach a shadow root".into(), &e);
                return;
            }
        },
    };
    // What the loader drew at once from this browser's last visit
    // (`src/js/first_view.js`) stays on screen until the view has its own.
    let first_view = root.query_selector(FIRST_VIEW).ok().flatten();
    let mut child = root.first_child();
    while let Some(node) = child {
        child = node.next_sibling();
        if first_view.as_ref().map(AsRef::<web_sys::Node>::as_ref) != Some(&node) {
            let _ = root.remove_child(&node);
        }
    }
    if let Some(sheet) = sheet {
        adopt_style_sheet(&root, sheet);
    }
    let Ok(container) = document().create_element("div") else { return };
    if first_view.is_some() {
        let _ = container.set_attribute("hidden", "");
    }
    let _ = root.append_child(&container);
    // Rendered inside the mount: it sets up the executor and the reactive
    // owner the view's components need.
    let host = el.clone();
    let handle = leptos::mount::mount_to(container.clone().unchecked_into(), move || {
        let base = CANDOR_BASE.with(|b| b.get().cloned().unwrap_or_default());
        render(&host, &base)
    });
    let until = now() + READY_WAIT_MS;
    let told = el.clone();
    watch_until_ready(container, until, move |container| {
        if let Some(first_view) = first_view {
            first_view.remove();
            let _ = container.remove_attribute("hidden");
        }
        if let Some(ready) = ready {
            ready(&told, container);
        }
    });

    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    let _ = js_sys::Reflect::set(&el, &ID_KEY.into(), &id.into());
    MOUNTED.with(|m| m.borrow_mut().insert(id, Box::new(handle)));
}

/// The element the loader draws a first view into (`src/js/first_view.js`).
const FIRST_VIEW: &str = ":scope > [data-candor-first-view]";
/// What a view shows while what it came for is still on its way.
const ARRIVING: &str = ".skeleton, [data-candor-pending]";
/// A view that never settles (an answer that never comes) is shown anyway.
const READY_WAIT_MS: f64 = 10_000.0;

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Calls `ready` in the first animation frame in which `container` shows
/// nothing still arriving ([`ARRIVING`]), before that frame is painted: a
/// first view swapped for the live one then never shows a frame of
/// neither. Checked once a frame (a selector query) until then; stops if
/// the element is removed first.
fn watch_until_ready(container: web_sys::Element, until: f64, ready: impl FnOnce(&web_sys::Element) + 'static) {
    request_animation_frame(move || {
        if !container.is_connected() {
            return;
        }
        let arriving = container.query_selector(ARRIVING).ok().flatten().is_some();
        if arriving && now() < until {
            watch_until_ready(container, until, ready);
        } else {
            ready(&container);
        }
    });
}

fn unmount(el: HtmlElement) {
    let id = js_sys::Reflect::get(&el, &ID_KEY.into()).ok().and_then(|v| v.as_f64()).map(|v| v as u32);
    if let Some(id) = id {
        // Dropping the handle disposes the reactive graph and removes the view.
        let handle = MOUNTED.with(|m| m.borrow_mut().remove(&id));
        drop(handle);
    }
}
