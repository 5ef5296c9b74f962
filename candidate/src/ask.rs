//! Asking a public question about a posting, and following it: pending,
//! then answered (published with the answer) or declined with a reason.

use candor_api::CompanyPublic;
use candor_api::profile::EMAIL_MAX;
use candor_api::qa::{
    Ask, AskedQuestion, DeclineReason, NAME_MAX, QUESTION_MAX, QUESTION_MIN, QuestionReceipt, QuestionState,
};
use candor_api::wallet::Entry;
use candor_widget::api_client::{self, Body, LoadError, Loader, Method, SendError};
use candor_widget::format;
use candor_widget::states::{LoadFailed, Skeleton};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::address_choice::AddressChoice;
use crate::context::{ForPosting, Tracked};
use crate::focus::{focus_by_id, focus_on_mount, root_of};
use crate::live::Following;
use crate::storage::{self, RememberedQuestion};
use crate::wallet_window;

#[component]
pub fn AskView(context: ForPosting) -> impl IntoView {
    let t = context.t;
    // The question's token, and its entry for the wallet.
    let sent = RwSignal::new(None::<(String, Entry)>);
    let company: Loader<CompanyPublic> = Loader::new(context.company_url(""));
    view! {
        <div class="candor" lang=t.locale.tag()>
            {move || match sent.get() {
                Some((token, entry)) => {
                    let question = context.tracked(token);
                    let link = question.status_link();
                    let section = NodeRef::<leptos::html::Section>::new();
                    focus_on_mount(section);
                    view! {
                        <section class="acknowledged" id="candor-asked" role="status" tabindex="-1" aria-labelledby="candor-asked-title" node_ref=section>
                            <h2 id="candor-asked-title">{t.question_sent}</h2>
                            <p><strong>{t.question_link}</strong>": " <a class="status-link" href=link.clone()>{link.clone()}</a></p>
                            {wallet_window::save_button(context.api_base.clone(), context.company.clone(), t, None, vec![entry])}
                        </section>
                        <QuestionView question/>
                    }
                    .into_any()
                }
                None => view! { <AskForm context=context.clone() company sent/> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn AskForm(
    context: ForPosting,
    company: Loader<CompanyPublic>,
    sent: RwSignal<Option<(String, Entry)>>,
) -> impl IntoView {
    let t = context.t;
    let text = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let honeypot = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<(&'static str, String)>);
    let sending = RwSignal::new(false);
    let company_name = move || company.loaded().map(|c| c.name).unwrap_or_default();
    let length = move || text.with(|t| t.trim().chars().count());
    // The form replaces the button that opened it: focus goes to its heading.
    let heading = NodeRef::<leptos::html::H2>::new();
    focus_on_mount(heading);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let root = root_of(&ev);
        let request = Ask {
            text: text.get_untracked(),
            name: name.get_untracked(),
            website: honeypot.get_untracked(),
            email: email.get_untracked(),
            // The answer's mail is written in the language asked in.
            locale: Some(t.locale),
        };
        // The rule the server applies, said here first in the asker's language.
        if let Err(e) = request.validate() {
            let field = match e.field.as_ref() {
                "name" => "name",
                "email" => "email",
                _ => "text",
            };
            problem.set(Some((field, t.rules().say(&e.invalid))));
            focus_by_id(root, format!("candor-question-{field}"));
            return;
        }
        problem.set(None);
        sending.set(true);
        let context = context.clone();
        spawn_local(async move {
            let url = context.posting_url("/questions");
            match api_client::send_for::<QuestionReceipt>(Method::Post, &url, &[], Body::json(&request)).await {
                Ok(receipt) => {
                    storage::remember_question(
                        &context.api_base,
                        RememberedQuestion {
                            token: receipt.token.clone(),
                            company: context.company.to_string(),
                            posting: context.posting.to_string(),
                            title: receipt.question.posting.title.clone(),
                            text: receipt.question.text.clone(),
                        },
                    );
                    // The careers page's Q&A no longer says nobody has asked.
                    if let Some(host) = root.as_ref().map(|r| r.host()) {
                        let _ = host.set_attribute("data-asked", "");
                    }
                    let entry = Entry::question(receipt.token.clone(), &receipt.question);
                    sent.set(Some((receipt.token, entry)));
                }
                Err(SendError::Refused { status: 429, .. }) => {
                    problem.set(Some(("text", t.rate_limited.to_owned())));
                    focus_by_id(root, "candor-question-text".to_owned());
                }
                Err(_) => {
                    problem.set(Some(("text", t.submit_failed.to_owned())));
                    focus_by_id(root, "candor-question-text".to_owned());
                }
            }
            let _ = sending.try_set(false);
        });
    };
    let error_for = move |field: &'static str| move || problem.get().filter(|(f, _)| *f == field).map(|(_, m)| m);
    view! {
        <form class="apply ask" novalidate on:submit=submit aria-labelledby="candor-ask-title">
            <h2 id="candor-ask-title" tabindex="-1" node_ref=heading>{move || t.ask_title.replace("{company}", &company_name())}</h2>
            <p class="muted">{move || t.ask_note.replace("{company}", &company_name())}</p>
            <div class="field">
                <label for="candor-question-text">{t.question_label} " *"</label>
                <textarea id="candor-question-text" rows="4" maxlength=QUESTION_MAX aria-describedby="candor-question-count candor-question-error"
                    aria-invalid=move || error_for("text")().map(|_| "true")
                    prop:value=move || text.get() on:input:target=move |ev| text.set(ev.target().value())></textarea>
                <p id="candor-question-count" class="muted">{move || format!("{} / {QUESTION_MAX} (≥ {QUESTION_MIN})", length())}</p>
                <p id="candor-question-error" class="field-error" role="alert" hidden=move || error_for("text")().is_none()>{error_for("text")}</p>
            </div>
            <div class="field">
                <label for="candor-question-name">{t.display_name}</label>
                <input id="candor-question-name" type="text" maxlength=NAME_MAX autocomplete="nickname" aria-describedby="candor-question-name-error"
                    prop:value=move || name.get() on:input:target=move |ev| name.set(ev.target().value())/>
                <p id="candor-question-name-error" class="field-error" hidden=move || error_for("name")().is_none()>{error_for("name")}</p>
            </div>
            <div class="field">
                <label for="candor-question-email">{t.ask_email}</label>
                <input id="candor-question-email" type="email" autocomplete="email" inputmode="email" maxlength=EMAIL_MAX
                    aria-describedby="candor-question-email-note candor-question-email-error"
                    aria-invalid=move || error_for("email")().map(|_| "true")
                    prop:value=move || email.get() on:input:target=move |ev| email.set(ev.target().value())/>
                <p id="candor-question-email-note" class="muted">{t.ask_email_note}</p>
                <p id="candor-question-email-error" class="field-error" role="alert" hidden=move || error_for("email")().is_none()>{error_for("email")}</p>
            </div>
            // People never see this field; bots fill it in.
            <div class="visually-hidden" aria-hidden="true">
                <label for="candor-question-website">"Website"</label>
                <input id="candor-question-website" type="text" tabindex="-1" autocomplete="off" on:input:target=move |ev| honeypot.set(ev.target().value())/>
            </div>
            <button type="submit" class="button" disabled=move || sending.get()>{t.ask_submit}</button>
        </form>
    }
}

/// One question as its asker follows it, live.
#[component]
pub fn QuestionView(question: Tracked) -> impl IntoView {
    let (t, c) = (question.t, question.t.common());
    let url = question.question_url("");
    let tracked = question.clone();
    let question: Loader<AskedQuestion> = tracked.question_loader();
    let following = StoredValue::new(Some(send_wrapper::SendWrapper::new(Following::start(
        &format!("{url}/events"),
        &url,
        tracked.question_header(),
        move |json| {
            if let Ok(next) = serde_json::from_str::<AskedQuestion>(&json) {
                question.set(next);
            }
        },
    ))));
    on_cleanup(move || following.update_value(|f| drop(f.take())));
    let locale = t.locale;
    // On the status page, the wallet's origin, the question can join it.
    let keep = (tracked.on_status_page && wallet_window::on_candor_origin(&tracked.api_base)).then(|| {
        let token = tracked.token.clone();
        let entry = Memo::new(move |_| question.loaded().map(|q| Entry::question(token.clone(), &q)));
        view! { <wallet_window::KeepHere entry t/> }
    });
    view! {
        {move || match question.get() {
            None => view! { <Skeleton label=t.loading_application cards=1/> }.into_any(),
            Some(Err(LoadError::NotFound)) => view! { <p class="notice" role="alert">{t.not_found}</p> }.into_any(),
            Some(Err(_)) => view! { <LoadFailed title=t.error_title body=c.error_body retry_label=c.retry on_retry=move || question.reload()/> }.into_any(),
            Some(Ok(q)) => {
                let company = q.company.name.clone();
                let outcome = match q.state {
                    QuestionState::Pending => view! { <p class="promise">{t.question_pending.replace("{company}", &company)}</p> }.into_any(),
                    QuestionState::Answered => {
                        let answer = q.answer.clone();
                        view! {
                            <section class="outcome hired" aria-labelledby="candor-answer-title">
                                <h3 id="candor-answer-title">{t.question_answered.replace("{company}", &company)}</h3>
                                <blockquote class="personal">{answer.as_ref().map(|a| a.answer.clone())}</blockquote>
                                <p class="muted">{answer.map(|a| c.answered_in.replace("{duration}", &format::duration(locale, a.answer_minutes)))}</p>
                            </section>
                        }
                        .into_any()
                    }
                    QuestionState::Declined => {
                        let declined = q.declined.clone();
                        let reason = declined.as_ref().map(|d| match d.reason {
                            DeclineReason::Spam => t.decline_spam,
                            DeclineReason::OffTopic => t.decline_off_topic,
                            DeclineReason::Duplicate => t.decline_duplicate,
                        });
                        view! {
                            <section class="outcome" aria-labelledby="candor-answer-title">
                                <h3 id="candor-answer-title">{t.question_declined.replace("{company}", &company)}</h3>
                                <p>{reason}</p>
                                <blockquote class="personal">{declined.map(|d| d.message)}</blockquote>
                            </section>
                        }
                        .into_any()
                    }
                };
                view! {
                    <article class="status" aria-labelledby="candor-question-title">
                        <header>
                            <p class="eyebrow">{company.clone()}</p>
                            <h2 id="candor-question-title">{q.posting.title.clone()}</h2>
                        </header>
                        <section aria-labelledby="candor-your-question">
                            <h3 id="candor-your-question">{t.question_label}</h3>
                            <p class="personal">{q.text.clone()}</p>
                        </section>
                        {outcome}
                    </article>
                }
                .into_any()
            }
        }}
        <AddressChoice question=tracked.clone() asked=question/>
        {keep}
    }
}
