//! The way into the candidate bundle (`candidate/`), which defines
//! `<candor-application>`: applying, asking and "My applications" load it
//! only when a visitor wants one of them (most never do, and they don't
//! download it), then show its element in place.

use candor_api::PostingSlug;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;

use crate::context::Widget;

#[wasm_bindgen(module = "/src/js/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = loadModule)]
    fn load_module(url: &str) -> js_sys::Promise;
}

/// Loads the candidate bundle; an element rendered before it arrives
/// upgrades when it does. `failed` is set if it can't be loaded.
pub fn load(widget: &Widget, failed: RwSignal<bool>) {
    let bundle = format!("{}widget/candidate/candidate.js", widget.candor_base);
    failed.set(false);
    spawn_local(async move {
        if wasm_bindgen_futures::JsFuture::from(load_module(&bundle)).await.is_err() {
            let _ = failed.try_set(true);
        }
    });
}

/// `<candor-application mode="…">` for this widget's company, API and language.
pub fn element(widget: &Widget, mode: &'static str, posting: Option<&PostingSlug>) -> impl IntoView + use<> {
    let company = widget.company_slug();
    let posting = posting.map(|p| p.to_string()).unwrap_or_default();
    view! {
        <candor-application mode=mode company=company posting=posting api=widget.api_base.clone() lang=widget.locale.tag()></candor-application>
    }
}

/// A button that loads the bundle and is replaced by its `mode` form for
/// `posting`; if the bundle can't be loaded, the button stays and says so.
/// `class`: `button`, or `button secondary` beside a main action.
pub fn form_button(
    widget: &Widget,
    mode: &'static str,
    posting: PostingSlug,
    label: &'static str,
    class: &'static str,
) -> impl IntoView + use<> {
    let open = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let start = {
        let widget = widget.clone();
        move |_| {
            open.set(true);
            load(&widget, failed);
        }
    };
    let (widget, error_body) = (widget.clone(), widget.t.common.error_body);
    move || {
        if open.get() && !failed.get() {
            element(&widget, mode, Some(&posting)).into_any()
        } else {
            view! {
                <button type="button" class=class on:click=start.clone()>{label}</button>
                <p class="field-error" role="alert" hidden=move || !failed.get()>{error_body}</p>
            }
            .into_any()
        }
    }
}
