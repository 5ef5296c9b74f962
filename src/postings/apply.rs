//! The way into applying: a button on the posting that loads the candidate
//! bundle (only now: most visitors never apply, and they don't download it)
//! and opens its application form in place.

use candor_api::PostingSlug;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;

use crate::widget::Widget;

#[wasm_bindgen(module = "/src/js/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = loadModule)]
    fn load_module(url: &str) -> js_sys::Promise;
}

/// Loads the candidate bundle, which defines `<candor-application>`; an
/// element rendered before it arrives upgrades when it does. `failed` is
/// set if it can't be loaded.
pub fn load_candidate_bundle(widget: &Widget, failed: RwSignal<bool>) {
    let bundle = format!("{}widget/candidate/candidate.js", widget.candor_base);
    failed.set(false);
    spawn_local(async move {
        if wasm_bindgen_futures::JsFuture::from(load_module(&bundle)).await.is_err() {
            let _ = failed.try_set(true);
        }
    });
}

#[component]
pub fn ApplySection(posting: PostingSlug) -> impl IntoView {
    let widget = expect_context::<Widget>();
    let t = widget.t;
    let open = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let start = {
        let widget = widget.clone();
        move |_| {
            open.set(true);
            load_candidate_bundle(&widget, failed);
        }
    };
    let company = widget.company.as_ref().map(|c| c.to_string()).unwrap_or_default();
    let (api, lang) = (widget.api_base.clone(), widget.locale.tag());
    view! {
        <section class="apply-section">
            {move || {
                if open.get() && !failed.get() {
                    view! {
                        <candor-application mode="apply" company=company.clone() posting=posting.to_string() api=api.clone() lang=lang></candor-application>
                    }
                        .into_any()
                } else {
                    view! {
                        <button type="button" class="button" on:click=start.clone()>{t.apply}</button>
                        <p class="field-error" role="alert" hidden=move || !failed.get()>{t.error_body}</p>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
