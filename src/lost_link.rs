//! "Lost your link?": on any page of a company's widget, a small button
//! that opens the candidate bundle's form, where a candidate on another
//! device (or with a cleared browser) asks for their links by mail. The
//! widget only offers the button; the form and its rules are the bundle's.

use leptos::prelude::*;

use crate::candidate_bundle;
use crate::context::Widget;
use crate::once_per_page;

thread_local! {
    /// Offered once per page, like "My applications".
    static OFFERED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[component]
pub fn LostLink() -> impl IntoView {
    if !once_per_page::claim(&OFFERED) {
        return ().into_any();
    }
    let widget = expect_context::<Widget>();
    let t = widget.t;
    let open = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let toggle = {
        let widget = widget.clone();
        move |_| {
            if !open.get_untracked() {
                candidate_bundle::load(&widget, failed);
            }
            open.update(|o| *o = !*o);
        }
    };
    view! {
        <section class="lost-link">
            <button type="button" class="link-button" aria-expanded=move || open.get().to_string() on:click=toggle>
                {t.lost_link}
            </button>
            <p class="field-error" role="alert" hidden=move || !failed.get()>{t.common.error_body}</p>
            {move || (open.get() && !failed.get()).then(|| candidate_bundle::element(&widget, "lost", None))}
        </section>
    }
    .into_any()
}
