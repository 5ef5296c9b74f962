//! Applying: the profile (kept in the browser, importable from JSON
//! Resume), the posting's questions, consent, and one click to send;
//! acknowledged at once with the private status link and the live status.

use candor_api::FieldError;
use candor_api::apply::{Acknowledgement, Answer, AnswerValue, ApplicationRequest, Consent, parse_number_answer};
use candor_api::cv::{CV_MAX_BYTES, check_pdf};
use candor_api::postings::{QuestionKind, ScreeningQuestion};
use candor_api::wallet::Entry;
use candor_api::{CompanyPublic, PostingDetail};
use candor_widget::api_client::{self, Body, Loader, Method, SendError};
use candor_widget::format;
use candor_widget::states::{LoadFailed, Skeleton};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::context::{APPLICATION_HEADER, ForPosting, Tracked};
use crate::focus::{focus_element, focus_on_mount, root_of};
use crate::i18n::CandidateStrings;
use crate::profile_form::{self, Errors, input_id, message_for};
use crate::status::StatusView;
use crate::storage::{self, Remembered};
use crate::wallet_window;

#[component]
pub fn ApplyView(context: ForPosting) -> impl IntoView {
    let t = context.t;
    let c = t.common();
    // Its texts and questions in the candidate's language where written.
    let posting: Loader<PostingDetail> = Loader::new(context.posting_url(&format!("?lang={}", t.locale.tag())));
    let company: Loader<CompanyPublic> = Loader::new(context.company_url(""));
    let done = RwSignal::new(None::<Acknowledgement>);
    let cv_outcome = RwSignal::new(None::<CvOutcome>);
    let accent = move || company.loaded().map(|c| c.branding.accent_color.as_str().to_owned());
    view! {
        <div class="candor" lang=t.locale.tag() style:--company-accent=accent>
            {move || {
                let context = context.clone();
                match (posting.get(), company.get(), done.get()) {
                    (_, _, Some(ack)) => view! { <Acknowledged ack context cv=cv_outcome.get_untracked()/> }.into_any(),
                    (Some(Ok(posting)), Some(Ok(company)), None) => view! { <ApplyForm posting company context done cv_outcome/> }.into_any(),
                    (Some(Err(_)), _, _) | (_, Some(Err(_)), _) => view! {
                        <LoadFailed title=t.error_title body=c.error_body retry_label=c.retry on_retry=move || { posting.reload(); company.reload(); }/>
                    }
                    .into_any(),
                    _ => view! { <Skeleton label=t.loading_application cards=1/> }.into_any(),
                }
            }}
        </div>
    }
}

#[component]
fn ApplyForm(
    posting: PostingDetail,
    company: CompanyPublic,
    context: ForPosting,
    done: RwSignal<Option<Acknowledgement>>,
    cv_outcome: RwSignal<Option<CvOutcome>>,
) -> impl IntoView {
    let t = context.t;
    let api_base = context.api_base.clone();
    let stored = RwSignal::new(storage::profile(&api_base));
    {
        let api_base = api_base.clone();
        Effect::new(move |_| storage::save_profile(&api_base, &stored.get()));
    }
    let error: Errors = RwSignal::new(Vec::new());
    let cv_problem = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<&'static str>);
    let notice_import = RwSignal::new(None::<&'static str>);
    // A complete profile (a returning candidate's) folds into a summary:
    // applying is then the questions, consent and one click.
    let editing = RwSignal::new(!stored.get_untracked().profile.is_complete());
    let consent = RwSignal::new(false);
    let talent_pool = RwSignal::new(false);
    let honeypot = RwSignal::new(String::new());
    let sending = RwSignal::new(false);
    let questions = StoredValue::new(posting.screening_questions.clone());
    let answers = RwSignal::new(vec![None::<AnswerValue>; posting.screening_questions.len()]);
    // A number answer as typed, which only the check reads: writing back
    // the parsed value would rewrite what the person types ("1.5" → "51").
    let typed = RwSignal::new(vec![String::new(); posting.screening_questions.len()]);
    // One key per submission attempt, reused by its retries: never sent twice.
    let idempotency_key = StoredValue::new(new_idempotency_key());
    let error_for = move |field: &'static str| {
        let message = message_for(error, field.to_owned());
        move || message.get()
    };

    let summary_card = move || {
        let p = stored.get().profile;
        let line = [p.headline.as_str(), p.location.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" · ");
        view! {
            <div class="profile-card">
                <p class="stage-name">{p.name.clone()}</p>
                <p class="muted">{p.email.clone()}</p>
                {(!line.is_empty()).then(|| view! { <p>{line}</p> })}
            </div>
        }
    };

    // The optional CV, checked by the same rule the server applies.
    let cv = StoredValue::new(None::<(String, Vec<u8>)>);
    let cv_name = RwSignal::new(None::<String>);
    let choose_cv = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            cv.set_value(None);
            cv_name.set(None);
            cv_problem.set(None);
            error.update(|all| all.retain(|(f, _)| f != "cv"));
            return;
        };
        spawn_local(async move {
            let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                Err(_) => Vec::new(),
            };
            match check_pdf(&bytes) {
                Ok(()) => {
                    cv_problem.set(None);
                    error.update(|all| all.retain(|(f, _)| f != "cv"));
                    cv_name.set(Some(file.name()));
                    cv.set_value(Some((file.name(), bytes)));
                }
                Err(invalid) => {
                    cv.set_value(None);
                    cv_name.set(None);
                    let message = t.rules().say(&invalid);
                    cv_problem.set(Some(message.clone()));
                    error.update(|all| {
                        all.retain(|(f, _)| f != "cv");
                        all.push(("cv".to_owned(), message));
                    });
                }
            }
        });
    };

    let company_name = company.name.clone();
    let questions_view = posting
        .screening_questions
        .iter()
        .enumerate()
        .map(|(i, q)| question_view(i, q, Given { answers, typed }, error, t))
        .collect_view();
    let has_questions = !posting.screening_questions.is_empty();
    let title = posting.summary.title.clone();
    // The wallet's window fills only what the candidate shared; the fields
    // unfold so they see what came.
    let (fill_from_wallet, filled_notice) =
        wallet_window::fill_button(api_base.clone(), context.company.clone(), t, stored, move || editing.set(true));
    // The form replaces the button that opened it: focus goes to its heading,
    // not back to the top of the page.
    let heading = NodeRef::<leptos::html::H2>::new();
    focus_on_mount(heading);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        // The form's shadow root, where a field at fault is found to focus it.
        let root = root_of(&ev);
        notice.set(None);
        // A number typed that isn't one is said as such, not as "required".
        let mut problems = Vec::<FieldError>::new();
        let given = questions.with_value(|qs| {
            qs.iter()
                .zip(answers.get_untracked())
                .zip(typed.get_untracked())
                .filter_map(|((q, answer), raw)| {
                    let value = match q.kind {
                        QuestionKind::Number { .. } => parse_number_answer(&q.key, &raw).unwrap_or_else(|e| {
                            problems.push(e);
                            None
                        }),
                        _ => answer,
                    };
                    value.map(|value| Answer { key: q.key.clone(), value })
                })
                .collect()
        });
        let request = ApplicationRequest {
            profile: stored.get_untracked().profile,
            answers: given,
            consent: Consent { data_processing: consent.get_untracked(), talent_pool: talent_pool.get_untracked() },
            locale: t.locale,
            website: honeypot.get_untracked(),
        };
        // The same rules the server applies, checked here first so the
        // candidate sees what to fix, in their language, next to each field.
        if let Err(all) = questions.with_value(|qs| request.validate_all(qs)) {
            let new: Vec<_> = all.into_iter().filter(|e| !problems.iter().any(|p| p.field == e.field)).collect();
            problems.extend(new);
        }
        let mut said: Vec<(String, String)> =
            problems.iter().map(|e| (e.field.to_string(), t.rules().say(&e.invalid))).collect();
        // A CV that broke its rule: said again where it was said.
        if let Some(message) = cv_problem.get_untracked() {
            said.push(("cv".to_owned(), message));
        }
        if !said.is_empty() {
            if said.iter().any(|(f, _)| f.starts_with("profile.")) {
                editing.set(true);
            }
            show_errors(error, root, said);
            return;
        }
        error.set(Vec::new());
        sending.set(true);
        let (context, key, title) = (context.clone(), idempotency_key.get_value(), title.clone());
        spawn_local(async move {
            match send(&context.posting_url("/applications"), &key, &request).await {
                Ok(ack) => {
                    storage::remember(
                        &context.api_base,
                        Remembered {
                            token: ack.status_token.clone(),
                            company: context.company.to_string(),
                            posting: context.posting.to_string(),
                            title,
                        },
                    );
                    if let Some((name, bytes)) = cv.get_value() {
                        let attached = upload_cv(&context.tracked(ack.status_token.clone()), &name, &bytes).await;
                        cv_outcome.set(Some(if attached { CvOutcome::Attached(name) } else { CvOutcome::Failed }));
                    }
                    done.set(Some(ack));
                }
                Err(Refusal::AlreadyApplied) => notice.set(Some(t.already_applied)),
                Err(Refusal::RateLimited) => notice.set(Some(t.rate_limited)),
                Err(Refusal::Field(field)) => {
                    if field.starts_with("profile.") {
                        editing.set(true);
                    }
                    show_errors(error, root, vec![(field, t.check_field.to_owned())])
                }
                Err(Refusal::Other) => notice.set(Some(t.submit_failed)),
            }
            sending.set(false);
        });
    };

    view! {
        <form class="apply" novalidate on:submit=submit aria-labelledby="candor-apply-title">
            <h2 id="candor-apply-title" tabindex="-1" node_ref=heading>{t.apply_title}</h2>
            <p class="muted">{format!("{} · {}", company.name, posting.summary.title)}</p>

            <section class="profile" aria-labelledby="candor-profile-title">
                <h3 id="candor-profile-title">{t.your_profile}</h3>
                <p class="muted">{t.profile_note}</p>
                <div class="resume-actions">
                    {fill_from_wallet}
                    {profile_form::resume_buttons(stored, t, move |read| {
                        if read {
                            editing.set(true);
                        }
                        notice_import.set(Some(if read { t.imported } else { t.import_failed }));
                    })}
                    <button type="button" class="button secondary" hidden=move || editing.get() on:click=move |_| editing.set(true)>{t.edit_profile}</button>
                </div>
                {filled_notice}
                <p class="notice" role="status" hidden=move || notice_import.get().is_none()>{move || notice_import.get()}</p>
                <Show when=move || !editing.get()>{summary_card}</Show>
                <div class="profile-fields" hidden=move || !editing.get()>
                    {profile_form::fields(stored, error, t)}
                </div>
            </section>

            {has_questions.then(|| view! {
                <section class="questions" aria-labelledby="candor-questions-title">
                    <h3 id="candor-questions-title">{t.questions_title.replace("{company}", &company_name)}</h3>
                    {questions_view}
                </section>
            })}

            <div class="field">
                <label for="candor-cv">{t.cv_label.replace("{n}", &(CV_MAX_BYTES / (1024 * 1024)).to_string())}</label>
                <input id="candor-cv" type="file" accept="application/pdf,.pdf" aria-describedby="candor-cv-error candor-cv-chosen" on:change=choose_cv/>
                <p id="candor-cv-chosen" class="muted" hidden=move || cv_name.get().is_none()>
                    {move || cv_name.get().map(|n| t.cv_chosen.replace("{file}", &n))}
                </p>
                <p id="candor-cv-error" class="field-error" hidden=move || error_for("cv")().is_none()>{error_for("cv")}</p>
            </div>

            <section class="consent" aria-labelledby="candor-consent-title">
                <h3 id="candor-consent-title">{t.consent_title}</h3>
                <p>{t.consent_text.replace("{company}", &company.name).replace("{days}", &company.retention_days.to_string())}</p>
                <label class="check">
                    <input
                        id="candor-consent-data_processing"
                        type="checkbox"
                        aria-describedby="candor-consent-data_processing-error"
                        prop:checked=move || consent.get()
                        on:change:target=move |ev| consent.set(ev.target().checked())
                    />
                    <span>{t.consent_agree}</span>
                </label>
                <p id="candor-consent-data_processing-error" class="field-error" hidden=move || error_for("consent.data_processing")().is_none()>
                    {error_for("consent.data_processing")}
                </p>
                <label class="check">
                    <input type="checkbox" prop:checked=move || talent_pool.get() on:change:target=move |ev| talent_pool.set(ev.target().checked())/>
                    <span>{t.talent_pool.replace("{company}", &company.name)}</span>
                </label>
            </section>

            // People never see this field; bots fill it in.
            <div class="visually-hidden" aria-hidden="true">
                <label for="candor-website">"Website"</label>
                <input id="candor-website" type="text" tabindex="-1" autocomplete="off" on:input:target=move |ev| honeypot.set(ev.target().value())/>
            </div>

            <p class="notice" role="alert" hidden=move || notice.get().is_none()>{move || notice.get()}</p>
            <button type="submit" class="button" disabled=move || sending.get()>
                {move || if sending.get() { t.sending } else { t.submit }}
            </button>
        </form>
    }
}

/// The answers given so far: chosen or written ones as values, number
/// answers as typed (see `typed` in [`ApplyForm`]).
#[derive(Clone, Copy)]
struct Given {
    answers: RwSignal<Vec<Option<AnswerValue>>>,
    typed: RwSignal<Vec<String>>,
}

fn question_view(
    i: usize,
    q: &ScreeningQuestion,
    given: Given,
    error: Errors,
    t: &'static CandidateStrings,
) -> impl IntoView + use<> {
    let Given { answers, typed } = given;
    let field = format!("answers.{}", q.key);
    let id = input_id(&field);
    let error_id = format!("{id}-error");
    let message = {
        let memo = message_for(error, field);
        move || memo.get()
    };
    let invalid = move || message().map(|_| "true");
    let set = move |value: Option<AnswerValue>| answers.update(|a| a[i] = value);
    let text = move || match answers.get().get(i).cloned().flatten() {
        Some(AnswerValue::Text(t)) => t,
        _ => String::new(),
    };
    let label = format!("{}{}", q.prompt, if q.required { " *" } else { "" });
    let input = match &q.kind {
        QuestionKind::ShortText { max_chars } => view! {
            <label for=id.clone()>{label}</label>
            <input id=id.clone() type="text" maxlength=*max_chars aria-describedby=error_id.clone() aria-invalid=invalid prop:value=text
                on:input:target=move |ev| { let v = ev.target().value(); set((!v.is_empty()).then_some(AnswerValue::Text(v))) }/>
        }
        .into_any(),
        QuestionKind::LongText { max_chars } => view! {
            <label for=id.clone()>{label}</label>
            <textarea id=id.clone() rows="4" maxlength=*max_chars aria-describedby=error_id.clone() aria-invalid=invalid prop:value=text
                on:input:target=move |ev| { let v = ev.target().value(); set((!v.is_empty()).then_some(AnswerValue::Text(v))) }></textarea>
        }
        .into_any(),
        // Text with a number keyboard, not type="number": its value reads
        // "" for half-typed numbers ("1."), so nothing typed could be kept.
        QuestionKind::Number { .. } => view! {
            <label for=id.clone()>{label}</label>
            <input id=id.clone() type="text" inputmode="numeric" autocomplete="off" aria-describedby=error_id.clone() aria-invalid=invalid
                prop:value=move || typed.with(|t| t.get(i).cloned().unwrap_or_default())
                on:input:target=move |ev| { let v = ev.target().value(); typed.update(|t| t[i] = v) }/>
        }
        .into_any(),
        QuestionKind::YesNo => {
            let checked = move |yes: bool| move || answers.get().get(i).cloned().flatten() == Some(AnswerValue::YesNo(yes));
            view! {
                <fieldset id=id.clone() aria-describedby=error_id.clone()>
                    <legend>{label}</legend>
                    <label class="check"><input type="radio" name=id.clone() prop:checked=checked(true) on:change=move |_| set(Some(AnswerValue::YesNo(true)))/>{t.yes}</label>
                    <label class="check"><input type="radio" name=id.clone() prop:checked=checked(false) on:change=move |_| set(Some(AnswerValue::YesNo(false)))/>{t.no}</label>
                </fieldset>
            }
            .into_any()
        }
        QuestionKind::SingleChoice { options } => {
            let radios = options
                .iter()
                .map(|option| {
                    let (value, shown) = (option.clone(), option.clone());
                    let checked = {
                        let option = option.clone();
                        move || answers.get().get(i).cloned().flatten() == Some(AnswerValue::Choice(option.clone()))
                    };
                    view! {
                        <label class="check">
                            <input type="radio" name=id.clone() prop:checked=checked on:change=move |_| set(Some(AnswerValue::Choice(value.clone())))/>
                            {shown}
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset id=id.clone() aria-describedby=error_id.clone()>
                    <legend>{label}</legend>
                    {radios}
                </fieldset>
            }
            .into_any()
        }
    };
    view! {
        <div class="field question">
            {input}
            <p id=error_id.clone() class="field-error" hidden=move || message().is_none()>{message}</p>
        </div>
    }
}

/// Shows every message next to its field and moves focus to the first
/// field at fault in the form's order. `root` is the form's shadow root:
/// `document.getElementById` does not reach into it.
fn show_errors(error: Errors, root: Option<web_sys::ShadowRoot>, said: Vec<(String, String)>) {
    let ids: Vec<String> = said.iter().map(|(field, _)| input_id(field)).collect();
    error.set(said);
    // After the render that shows the messages (and unfolds the profile).
    request_animation_frame(move || {
        let Some(root) = root else { return };
        let first = ids.iter().filter_map(|id| root.get_element_by_id(id)).reduce(|first, el| {
            let before = first.compare_document_position(&el) & web_sys::Node::DOCUMENT_POSITION_PRECEDING != 0;
            if before { el } else { first }
        });
        if let Some(el) = first {
            focus_element(el);
        }
    });
}

enum Refusal {
    AlreadyApplied,
    RateLimited,
    /// A rule the server applied that the form did not: show it by its field.
    Field(String),
    Other,
}

async fn send(url: &str, key: &str, request: &ApplicationRequest) -> Result<Acknowledgement, Refusal> {
    let headers = [("Idempotency-Key", key)];
    api_client::send_for(Method::Post, url, &headers, Body::json(request)).await.map_err(|e| match e {
        SendError::Refused { status: 409, .. } => Refusal::AlreadyApplied,
        SendError::Refused { status: 429, .. } => Refusal::RateLimited,
        SendError::Refused { status: 400, error: Some(error) } => error.field.map_or(Refusal::Other, Refusal::Field),
        _ => Refusal::Other,
    })
}

fn new_idempotency_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("candor-{}-{}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e12) as u64))
}

#[component]
fn Acknowledged(ack: Acknowledgement, context: ForPosting, cv: Option<CvOutcome>) -> impl IntoView {
    let t = context.t;
    let application = context.tracked(ack.status_token.clone());
    let link = application.status_link();
    let promised = ack.status.progress.promised.map(|d| format::date(t.locale, d)).unwrap_or_default();
    let entry = Entry::application(ack.status_token.clone(), &ack.status);
    // It replaces a long form: without this it sits far above the viewport
    // and the person thinks nothing happened.
    let section = NodeRef::<leptos::html::Section>::new();
    focus_on_mount(section);
    view! {
        <section class="acknowledged" id="candor-ack" role="status" tabindex="-1" aria-labelledby="candor-ack-title" node_ref=section>
            <h2 id="candor-ack-title">{t.ack_title}</h2>
            <p>{t.ack_body.replace("{company}", &ack.status.company.name).replace("{date}", &promised)}</p>
            <p><strong>{t.status_link}</strong>": " <a class="status-link" href=link.clone()>{link.clone()}</a></p>
            <p class="muted">{t.keep_link}</p>
            {ack.mailed_to.map(|email| view! { <p>{t.ack_mailed.replace("{email}", &email)}</p> })}
            {wallet_window::save_button(context.api_base.clone(), context.company.clone(), t, Some(storage::profile(&context.api_base)), vec![entry])}
            {cv.map(|cv| match cv {
                CvOutcome::Attached(name) => view! { <p>{t.cv_attached.replace("{file}", &name)}</p> }.into_any(),
                CvOutcome::Failed => view! { <p class="field-error" role="alert">{t.cv_upload_failed}</p> }.into_any(),
            })}
        </section>
        <StatusView application/>
    }
}

/// What became of the CV sent after the application.
#[derive(Clone)]
pub enum CvOutcome {
    Attached(String),
    Failed,
}

/// Attaches the CV to the application just sent. Separate from the
/// application itself so that a slow upload never holds back the
/// acknowledgement's promise, and the JSON body stays small.
async fn upload_cv(application: &Tracked, name: &str, bytes: &[u8]) -> bool {
    let query: String = js_sys::encode_uri_component(name).into();
    let url = application.application_url(&format!("/cv?file_name={query}"));
    let proof = [(APPLICATION_HEADER, application.token.as_str())];
    api_client::send(Method::Put, &url, &proof, Body::Pdf(bytes)).await.is_ok()
}
