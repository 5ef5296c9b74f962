//! The candidate's choice of mail, on their status view: a mail at each
//! step, or only the ones about the application itself (the
//! acknowledgement and the outcome, which always go). The same choice as
//! the stop link in every update mail.

use candor_api::timeline::{ApplicationStatus, MailUpdates};
use candor_widget::api_client::{self, Body, Loader, Method};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::context::{APPLICATION_HEADER, Tracked};

#[component]
pub fn MailChoice(application: Tracked, status: Loader<ApplicationStatus>) -> impl IntoView {
    let t = application.t;
    let url = application.application_url("/mail");
    // The box follows the stored choice (also when it changes live), and
    // the candidate's click at once; a failed save puts it back.
    let wanted = RwSignal::new(true);
    Effect::new(move |_| {
        if let Some(s) = status.loaded() {
            wanted.set(s.mail_updates);
        }
    });
    let said = RwSignal::new(None::<&'static str>);
    let failed = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let change = move |ev: leptos::ev::Event| {
        let updates = event_target_checked(&ev);
        wanted.set(updates);
        failed.set(false);
        said.set(None);
        busy.set(true);
        let (url, token) = (url.clone(), application.token.clone());
        spawn_local(async move {
            let body = Body::json(&MailUpdates { updates });
            let proof = [(APPLICATION_HEADER, token.as_str())];
            match api_client::send_for::<ApplicationStatus>(Method::Put, &url, &proof, body).await {
                Ok(next) => {
                    let _ = said.try_set(Some(if next.mail_updates { t.mail_updates_on } else { t.mail_updates_off }));
                    status.set(next);
                }
                Err(_) => {
                    let _ = wanted.try_set(!updates);
                    let _ = failed.try_set(true);
                }
            }
            let _ = busy.try_set(false);
        });
    };
    let open = move || status.loaded().is_some_and(|s| s.progress.is_open());
    view! {
        <Show when=open>
            <section class="mail-choice" aria-labelledby="candor-mail-title">
                <h3 id="candor-mail-title">{t.mail_updates_title}</h3>
                <label class="check" for="candor-mail-updates">
                    <input id="candor-mail-updates" type="checkbox" aria-describedby="candor-mail-note"
                        prop:checked=move || wanted.get() disabled=move || busy.get() on:change=change.clone()/>
                    {t.mail_updates_label}
                </label>
                <p id="candor-mail-note" class="muted">{t.mail_updates_note}</p>
                <p class="field-error" role="alert" hidden=move || !failed.get()>{t.action_failed}</p>
                <p class="muted" role="status">{move || said.get()}</p>
            </section>
        </Show>
    }
}
