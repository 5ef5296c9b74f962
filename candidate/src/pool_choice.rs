//! The candidate's talent-pool membership, on their status view: while they
//! are in the company's pool it says until when, and lets them leave it at
//! once; their application itself is unchanged.

use candor_api::timeline::ApplicationStatus;
use candor_widget::api_client::{self, Body, Loader, Method};
use candor_widget::format;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::context::{APPLICATION_HEADER, Tracked};
use crate::focus;

#[component]
pub fn PoolChoice(application: Tracked, status: Loader<ApplicationStatus>) -> impl IntoView {
    let t = application.t;
    let locale = t.locale;
    // Stored, so the button's handler is `Copy` and the view may draw it again.
    let url = StoredValue::new(application.application_url("/talent-pool/leave"));
    let token = StoredValue::new(application.token.clone());
    let left = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let leave = move |ev: leptos::ev::MouseEvent| {
        // The button goes once it worked: the focus goes to the section's
        // heading, not to the page's start.
        let root = focus::root_of(&ev);
        let (url, token) = (url.get_value(), token.get_value());
        failed.set(false);
        busy.set(true);
        spawn_local(async move {
            let proof = [(APPLICATION_HEADER, token.as_str())];
            match api_client::send_for::<ApplicationStatus>(Method::Post, &url, &proof, Body::Empty).await {
                Ok(next) => {
                    let _ = left.try_set(true);
                    status.set(next);
                    focus::focus_by_id(root, "candor-pool-title".to_owned());
                }
                Err(_) => {
                    let _ = failed.try_set(true);
                }
            }
            let _ = busy.try_set(false);
        });
    };
    let member = move || status.loaded().and_then(|s| s.talent_pool_until.map(|until| (until, s.company.name)));
    view! {
        <Show when=move || member().is_some() || left.get()>
            <section class="pool-choice" aria-labelledby="candor-pool-title">
                <h3 id="candor-pool-title" tabindex="-1">{t.pool_title}</h3>
                {move || member().map(|(until, company)| view! {
                    <p>{t.pool_member.replace("{company}", &company).replace("{date}", &format::date(locale, until))}</p>
                    <button type="button" class="button secondary" disabled=move || busy.get() on:click=leave>
                        {t.pool_leave}
                    </button>
                })}
                <p class="field-error" role="alert" hidden=move || !failed.get()>{t.action_failed}</p>
                <p class="muted" role="status">{move || left.get().then_some(t.pool_left)}</p>
            </section>
        </Show>
    }
}
