//! "Lost your link?": the candidate gives the address they applied or
//! asked with, and Candor mails it every link it has with this company.
//! The answer is the same whether the address is known or not, so the
//! confirmation says what happens *if* it is.

use candor_api::links::{LostLink, LostLinkAccepted};
use candor_api::{CompanyPublic, CompanySlug};
use candor_widget::api_client::{self, Body, Loader, Method, SendError};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::focus::{focus_by_id, focus_on_mount, root_of};
use crate::i18n::CandidateStrings;

const FIELD: &str = "candor-lost-email";

#[component]
pub fn LostLinkView(api_base: String, company: CompanySlug, t: &'static CandidateStrings) -> impl IntoView {
    let company_url = format!("{api_base}api/v1/companies/{company}");
    let info: Loader<CompanyPublic> = Loader::new(company_url.clone());
    let company_name = move || info.loaded().map(|c| c.name).unwrap_or_default();
    let email = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let root = root_of(&ev);
        let request = LostLink { email: email.get_untracked(), locale: t.locale };
        // The rule the server applies, said here first.
        if let Err(e) = request.validate() {
            problem.set(Some(t.rules().say(&e.invalid)));
            focus_by_id(root, FIELD.to_owned());
            return;
        }
        problem.set(None);
        sending.set(true);
        let url = format!("{company_url}/lost-link");
        spawn_local(async move {
            match api_client::send_for::<LostLinkAccepted>(Method::Post, &url, &[], Body::json(&request)).await {
                Ok(_) => sent.set(true),
                Err(SendError::Refused { status: 429, .. }) => {
                    problem.set(Some(t.rate_limited.to_owned()));
                    focus_by_id(root, FIELD.to_owned());
                }
                Err(_) => {
                    problem.set(Some(t.lost_failed.to_owned()));
                    focus_by_id(root, FIELD.to_owned());
                }
            }
            let _ = sending.try_set(false);
        });
    };
    view! {
        <div class="candor" lang=t.locale.tag()>
            {move || if sent.get() {
                // The form is gone: focus goes to what it became.
                let said = NodeRef::<leptos::html::Section>::new();
                focus_on_mount(said);
                view! {
                    <section class="acknowledged lost-sent" id="candor-lost-sent" role="status" tabindex="-1" node_ref=said>
                        <p>{t.lost_sent}</p>
                    </section>
                }
                .into_any()
            } else {
                let heading = NodeRef::<leptos::html::H2>::new();
                focus_on_mount(heading);
                view! {
                    <form class="apply lost" novalidate on:submit=submit.clone() aria-labelledby="candor-lost-title">
                        <h2 id="candor-lost-title" tabindex="-1" node_ref=heading>{t.lost_title}</h2>
                        <p class="muted">{move || t.lost_note.replace("{company}", &company_name())}</p>
                        <div class="field">
                            <label for=FIELD>{t.lost_email}</label>
                            <input id=FIELD type="email" autocomplete="email" inputmode="email" required
                                aria-describedby="candor-lost-error" aria-invalid=move || problem.get().map(|_| "true")
                                prop:value=move || email.get() on:input:target=move |ev| email.set(ev.target().value())/>
                            <p id="candor-lost-error" class="field-error" role="alert" hidden=move || problem.get().is_none()>{move || problem.get()}</p>
                        </div>
                        <button type="submit" class="button" disabled=move || sending.get()>{t.lost_submit}</button>
                    </form>
                }
                .into_any()
            }}
        </div>
    }
}
