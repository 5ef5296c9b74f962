//! Applying: the profile (kept in the browser, importable from JSON
//! Resume), the posting's questions, consent, and one click to send;
//! acknowledged at once with the private status link and the live status.

use candor_api::FieldError;
use candor_api::apply::{Acknowledgement, Answer, AnswerValue, ApplicationRequest, Consent, parse_number_answer};
use candor_api::cv::{CV_MAX_BYTES, check_pdf};
use candor_api::postings::{QuestionKind, ScreeningQuestion};
use candor_api::profile::{Education, LanguageSkill, Link, Profile, Work};
use candor_api::{CompanyPublic, PostingDetail, json_resume};
use candor_widget::api_client::{self, Body, Loader, Method, SendError};
use candor_widget::format;
use candor_widget::states::{LoadFailed, Skeleton};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::context::{ForPosting, Tracked};
use crate::focus::{focus_by_id, focus_element, focus_on_mount, root_of};
use crate::i18n::CandidateStrings;
use crate::status::StatusView;
use crate::storage::{self, Remembered, StoredProfile};

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

/// The id of the input a field error is about (`profile.email` → `candor-profile-email`).
fn input_id(field: &str) -> String {
    format!("candor-{}", field.replace(['.', '[', ']'], "-"))
}

/// What the form says is wrong: each field at fault and what to say about
/// it, all at once (a person fixes them in one go, not one per attempt).
type Errors = RwSignal<Vec<(String, String)>>;

/// The message `errors` holds for `field`, as a memo its field re-renders on.
fn message_for(errors: Errors, field: String) -> Memo<Option<String>> {
    Memo::new(move |_| errors.with(|all| all.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone())))
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

    let text_field = move |name: &'static str,
                           label: &'static str,
                           kind: &'static str,
                           required: bool,
                           get: fn(&Profile) -> String,
                           set: fn(&mut Profile, String)| {
        let field = format!("profile.{name}");
        let id = input_id(&field);
        let error_id = format!("{id}-error");
        let message = message_for(error, field);
        let message = move || message.get();
        let autocomplete = match name {
            "name" => "name",
            "email" => "email",
            "phone" => "tel",
            _ => "off",
        };
        view! {
            <div class="field">
                <label for=id.clone()>{label} {required.then_some(" *")}</label>
                <input
                    id=id
                    type=kind
                    autocomplete=autocomplete
                    required=required
                    aria-invalid=move || message().is_some().then_some("true")
                    aria-describedby=error_id.clone()
                    prop:value=move || get(&stored.get().profile)
                    on:input:target=move |ev| stored.update(|s| set(&mut s.profile, ev.target().value()))
                />
                <p id=error_id.clone() class="field-error" hidden=move || message().is_none()>{message}</p>
            </div>
        }
    };

    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            match json_resume::import(&text) {
                Ok(imported) => {
                    stored.set(StoredProfile { profile: imported.profile, other_sections: imported.other_sections });
                    editing.set(true);
                    notice_import.set(Some(t.imported));
                }
                Err(_) => notice_import.set(Some(t.import_failed)),
            }
        });
    };
    let export = move |_| {
        let s = stored.get_untracked();
        download("resume.json", &json_resume::export(&s.profile, &s.other_sections).to_string());
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
    let skills_text = move || stored.with(|s| s.profile.skills.join(","));
    let set_skills = move |text: String| {
        stored.update(|s| {
            s.profile.skills =
                if text.trim().is_empty() { Vec::new() } else { text.split(',').map(str::to_owned).collect() }
        })
    };
    let link_fields: &'static [RowField<Link>] = &[row_field!(label, link_label), row_field!(url, link_url)];
    let work_fields: &'static [RowField<Work>] = &[
        row_field!(position, position),
        row_field!(organisation, organisation),
        row_field!(start, start),
        row_field!(end, end),
        row_field!(summary, work_summary, multi_line),
    ];
    let education_fields: &'static [RowField<Education>] = &[
        row_field!(institution, institution),
        row_field!(degree, degree),
        row_field!(area, area),
        row_field!(start, start),
        row_field!(end, end),
    ];
    let language_fields: &'static [RowField<LanguageSkill>] =
        &[row_field!(language, language), row_field!(fluency, fluency)];
    let rows = Rows { stored, error, t };

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
                    <label class="button secondary file">
                        {t.import_resume}
                        <input type="file" class="visually-hidden" accept=".json,application/json" on:change=import/>
                    </label>
                    <button type="button" class="button secondary" on:click=export>{t.export_resume}</button>
                    <button type="button" class="button secondary" hidden=move || editing.get() on:click=move |_| editing.set(true)>{t.edit_profile}</button>
                </div>
                <p class="notice" role="status" hidden=move || notice_import.get().is_none()>{move || notice_import.get()}</p>
                <Show when=move || !editing.get()>{summary_card}</Show>
                <div class="profile-fields" hidden=move || !editing.get()>
                    {text_field("name", t.name, "text", true, |p| p.name.clone(), |p, v| p.name = v)}
                    {text_field("email", t.email, "email", true, |p| p.email.clone(), |p, v| p.email = v)}
                    {text_field("phone", t.phone, "tel", false, |p| p.phone.clone(), |p, v| p.phone = v)}
                    {text_field("location", t.location, "text", false, |p| p.location.clone(), |p, v| p.location = v)}
                    {text_field("headline", t.headline, "text", false, |p| p.headline.clone(), |p, v| p.headline = v)}
                    <div class="field">
                        <label for="candor-profile-summary">{t.summary}</label>
                        <textarea
                            id="candor-profile-summary"
                            rows="4"
                            aria-describedby="candor-profile-summary-error"
                            prop:value=move || stored.get().profile.summary
                            on:input:target=move |ev| stored.update(|s| s.profile.summary = ev.target().value())
                        ></textarea>
                        <p id="candor-profile-summary-error" class="field-error" hidden=move || error_for("profile.summary")().is_none()>
                            {error_for("profile.summary")}
                        </p>
                    </div>
                    {rows.editor("links", t.links, t.add_link, link_fields, |p| &p.links, |p| &mut p.links)}
                    {rows.editor("work", t.work_history, t.add_work, work_fields, |p| &p.work, |p| &mut p.work)}
                    {rows.editor("education", t.education_title, t.add_education, education_fields, |p| &p.education, |p| &mut p.education)}
                    <div class="field">
                        <label for="candor-profile-skills">{t.skills}</label>
                        <input id="candor-profile-skills" type="text" aria-describedby="candor-profile-skills-hint"
                            prop:value=skills_text on:input:target=move |ev| set_skills(ev.target().value())/>
                        <p id="candor-profile-skills-hint" class="muted">{t.skills_hint}</p>
                    </div>
                    {rows.editor("languages", t.languages_title, t.add_language, language_fields, |p| &p.languages, |p| &mut p.languages)}
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

/// Saves `text` as a file the browser downloads.
fn download(file_name: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) =
        document.create_element("a").and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().map_err(Into::into))
    {
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[component]
fn Acknowledged(ack: Acknowledgement, context: ForPosting, cv: Option<CvOutcome>) -> impl IntoView {
    let t = context.t;
    let application = context.tracked(ack.status_token.clone());
    let link = application.status_link();
    let promised = ack.status.progress.promised.map(|d| format::date(t.locale, d)).unwrap_or_default();
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
    api_client::send(Method::Put, &url, &[], Body::Pdf(bytes)).await.is_ok()
}

/// One input of a repeated row (a job, a school, a link).
struct RowField<T: 'static> {
    name: &'static str,
    label: fn(&CandidateStrings) -> &'static str,
    multi_line: bool,
    get: fn(&T) -> String,
    set: fn(&mut T, String),
}

/// A row's text input for its `field`, labelled with the catalogue's `label`
/// (`multi_line`: a text area); named on the wire as the field is named.
macro_rules! row_field {
    ($field:ident, $label:ident) => {
        row_field!($field, $label, false)
    };
    ($field:ident, $label:ident, multi_line) => {
        row_field!($field, $label, true)
    };
    ($field:ident, $label:ident, $multi_line:literal) => {
        RowField {
            name: stringify!($field),
            label: |t| t.$label,
            multi_line: $multi_line,
            get: |row| row.$field.clone(),
            set: |row, value| row.$field = value,
        }
    };
}
use row_field;

/// Editors for the profile's lists. Each list re-renders only when rows are
/// added or removed, never while the candidate types in one.
#[derive(Clone, Copy)]
struct Rows {
    stored: RwSignal<StoredProfile>,
    error: Errors,
    t: &'static CandidateStrings,
}

impl Rows {
    fn editor<T: Default + Clone + Send + Sync + 'static>(
        self,
        list: &'static str,
        title: &'static str,
        add_label: &'static str,
        fields: &'static [RowField<T>],
        read: fn(&Profile) -> &Vec<T>,
        write: fn(&mut Profile) -> &mut Vec<T>,
    ) -> impl IntoView + use<T> {
        let Rows { stored, error, t } = self;
        let count = Memo::new(move |_| stored.with(|s| read(&s.profile).len()));
        let rows = move || {
            (0..count.get())
                .map(|i| {
                    let inputs = fields
                        .iter()
                        .map(|f| {
                            let field = format!("profile.{list}[{i}].{}", f.name);
                            let id = input_id(&field);
                            let error_id = format!("{id}-error");
                            let message = message_for(error, field);
                            let value = move || stored.with(|s| read(&s.profile).get(i).map(f.get).unwrap_or_default());
                            let set = move |v: String| {
                                stored.update(|s| {
                                    if let Some(row) = write(&mut s.profile).get_mut(i) {
                                        (f.set)(row, v)
                                    }
                                })
                            };
                            let input = if f.multi_line {
                                view! { <textarea id=id.clone() rows="3" aria-describedby=error_id.clone() aria-invalid=move || message.get().map(|_| "true") prop:value=value on:input:target=move |ev| set(ev.target().value())></textarea> }.into_any()
                            } else {
                                view! { <input id=id.clone() type="text" aria-describedby=error_id.clone() aria-invalid=move || message.get().map(|_| "true") prop:value=value on:input:target=move |ev| set(ev.target().value())/> }.into_any()
                            };
                            view! {
                                <div class="field">
                                    <label for=id>{(f.label)(t)}</label>
                                    {input}
                                    <p id=error_id class="field-error" hidden=move || message.get().is_none()>{move || message.get()}</p>
                                </div>
                            }
                        })
                        .collect_view();
                    view! {
                        <li class="row">
                            {inputs}
                            // Its row gone, focus goes to the list's "Add" button.
                            <button type="button" class="link-button" aria-label=format!("{} {title} {}", t.remove, i + 1)
                                on:click=move |ev| {
                                    stored.update(|s| { let rows = write(&mut s.profile); if i < rows.len() { rows.remove(i); } });
                                    focus_by_id(root_of(&ev), format!("candor-{list}-add"));
                                }>
                                {t.remove}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        };
        let heading_id = format!("candor-{list}-title");
        view! {
            <div class="rows" role="group" aria-labelledby=heading_id.clone()>
                <h4 id=heading_id.clone()>{title}</h4>
                <ol role="list">{rows}</ol>
                // A new row: focus goes to its first field, where typing starts.
                <button type="button" class="button secondary" id=format!("candor-{list}-add")
                    on:click=move |ev| {
                        let i = stored.with_untracked(|s| read(&s.profile).len());
                        stored.update(|s| write(&mut s.profile).push(T::default()));
                        focus_by_id(root_of(&ev), input_id(&format!("profile.{list}[{i}].{}", fields[0].name)));
                    }>
                    {add_label}
                </button>
            </div>
        }
    }
}
