//! The asker's address, on their question's view: while Candor keeps the
//! address they left to hear of the answer, it says what it serves, and
//! lets them take it back at once. The question itself stays.

use candor_api::qa::AskedQuestion;
use candor_widget::api_client::{self, Body, Loader, Method};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::context::{QUESTION_HEADER, Tracked};
use crate::focus;

#[component]
pub fn AddressChoice(question: Tracked, asked: Loader<AskedQuestion>) -> impl IntoView {
    let t = question.t;
    // Stored, so the button's handler is `Copy` and the view may draw it again.
    let url = StoredValue::new(question.question_url("/address"));
    let token = StoredValue::new(question.token.clone());
    let forgotten = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let forget = move |ev: leptos::ev::MouseEvent| {
        // The button goes once it worked: the focus goes to the section's
        // heading, not to the page's start.
        let root = focus::root_of(&ev);
        let (url, token) = (url.get_value(), token.get_value());
        failed.set(false);
        busy.set(true);
        spawn_local(async move {
            let proof = [(QUESTION_HEADER, token.as_str())];
            match api_client::send_for::<AskedQuestion>(Method::Delete, &url, &proof, Body::Empty).await {
                Ok(next) => {
                    let _ = forgotten.try_set(true);
                    asked.set(next);
                    focus::focus_by_id(root, "candor-address-title".to_owned());
                }
                Err(_) => {
                    let _ = failed.try_set(true);
                }
            }
            let _ = busy.try_set(false);
        });
    };
    let kept = move || asked.loaded().is_some_and(|q| q.address_kept);
    view! {
        <Show when=move || kept() || forgotten.get()>
            <section class="pool-choice" aria-labelledby="candor-address-title">
                <h3 id="candor-address-title" tabindex="-1">{t.question_address_title}</h3>
                <Show when=kept>
                    <p>{t.question_address_kept}</p>
                    <button type="button" class="button secondary" disabled=move || busy.get() on:click=forget>
                        {t.question_address_forget}
                    </button>
                </Show>
                <p class="field-error" role="alert" hidden=move || !failed.get()>{t.action_failed}</p>
                <p class="muted" role="status">{move || forgotten.get().then_some(t.question_address_forgotten)}</p>
            </section>
        </Show>
    }
}
