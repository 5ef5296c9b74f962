//! "My applications": on any page of a company's widget, the applications
//! this browser sent to that company, shown by the candidate bundle. The
//! widget only counts them (see [`crate::remembered`]) and offers the
//! button; nothing is downloaded for visitors who never applied.

use leptos::prelude::*;

use crate::candidate_bundle;
use crate::context::Widget;
use crate::once_per_page;
use crate::remembered;

/// The event the candidate bundle sends on `window` when it remembers a
/// new application, so the count here follows without a reload.
const REMEMBERED_EVENT: &str = "candor:remembered";

thread_local! {
    /// Whether a widget on this page offers "My applications" already.
    static OFFERED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[component]
pub fn MyApplications() -> impl IntoView {
    if !once_per_page::claim(&OFFERED) {
        return ().into_any();
    }
    let widget = expect_context::<Widget>();
    let t = widget.t;
    let company = widget.company_slug();
    let count = RwSignal::new(remembered::kept_for(&widget.api_base, &company));
    let recount = {
        let (api_base, company) = (widget.api_base.clone(), company.clone());
        move |_| count.set(remembered::kept_for(&api_base, &company))
    };
    // Another tab (`storage`) or this page's own application form.
    let listeners = [
        window_event_listener_untyped(REMEMBERED_EVENT, recount.clone()),
        window_event_listener_untyped("storage", recount),
    ];
    on_cleanup(move || listeners.into_iter().for_each(|l| l.remove()));
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
        // Open, it stays even at none left: it says what became of the one erased.
        <Show when=move || { count.get() > 0 || open.get() }>
            <section class="my-applications">
                <button type="button" class="button secondary" aria-expanded=move || open.get().to_string() on:click=toggle.clone()>
                    {t.common.my_applications} " (" {move || count.get()} ")"
                </button>
                <p class="field-error" role="alert" hidden=move || !failed.get()>{t.common.error_body}</p>
                {
                    let widget = widget.clone();
                    move || (open.get() && !failed.get()).then(|| candidate_bundle::element(&widget, "mine", None))
                }
            </section>
        </Show>
    }
    .into_any()
}
