//! What a candidate can do from their status view: withdraw (with a
//! reason), rate the experience once it has ended, download everything
//! stored, and erase it. Outside the status itself, so a live update
//! arriving while they type doesn't clear the form.

use candor_api::FieldError;
use candor_api::timeline::{ApplicationStatus, COMMENT_MAX, Feedback, Withdraw, WithdrawReason};
use candor_widget::api_client::{self, Body, Loader, Method};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::context::{APPLICATION_HEADER, Tracked};
use crate::focus::{focus_by_id, root_of};
use crate::i18n::CandidateStrings;
use crate::storage;

const REASONS: [WithdrawReason; 6] = WithdrawReason::ALL;

fn reason_label(t: &CandidateStrings, reason: WithdrawReason) -> &'static str {
    match reason {
        WithdrawReason::AcceptedAnotherOffer => t.reason_accepted_another_offer,
        WithdrawReason::ProcessTooSlow => t.reason_process_too_slow,
        WithdrawReason::SalaryOrConditions => t.reason_salary_or_conditions,
        WithdrawReason::NoLongerInterested => t.reason_no_longer_interested,
        WithdrawReason::PersonalReasons => t.reason_personal_reasons,
        WithdrawReason::Other => t.reason_other,
    }
}

/// One action form's state while it sends: what to tell the candidate and
/// whether a request is on its way.
#[derive(Clone, Copy)]
struct Sending {
    problem: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
    /// The required choices left unmade, each said under its own group.
    missing: RwSignal<Vec<&'static str>>,
}

impl Sending {
    fn new() -> Self {
        Sending { problem: RwSignal::new(None), busy: RwSignal::new(false), missing: RwSignal::new(Vec::new()) }
    }

    /// Checks `request` by its rule, then posts it and shows the new status,
    /// or says what is wrong or that it didn't work.
    fn post<B: serde::Serialize + 'static>(
        self,
        t: &'static CandidateStrings,
        url: String,
        token: String,
        request: Result<B, FieldError>,
        status: Loader<ApplicationStatus>,
    ) {
        let request = match request {
            Ok(request) => request,
            Err(e) => return self.problem.set(Some(t.rules().say(&e.invalid))),
        };
        self.problem.set(None);
        self.busy.set(true);
        spawn_local(async move {
            let proof = [(APPLICATION_HEADER, token.as_str())];
            match api_client::send_for(Method::Post, &url, &proof, Body::json(&request)).await {
                Ok(next) => status.set(next),
                Err(_) => self.problem.set(Some(t.action_failed.to_owned())),
            }
            let _ = self.busy.try_set(false);
        });
    }

    /// Says under each of `form`'s required groups of choices left unmade
    /// (`groups`, in the form's order) that it is required, and moves focus
    /// to the first; none left: clears them.
    fn required(self, ev: &web_sys::Event, form: &'static str, groups: Vec<&'static str>) {
        let first = groups.first().map(|group| format!("candor-{form}-{group}"));
        self.missing.set(groups);
        if let Some(id) = first {
            focus_by_id(root_of(ev), id);
        }
    }

    /// `group` is chosen now.
    fn chosen(self, group: &'static str) {
        self.missing.update(|m| m.retain(|g| *g != group));
    }

    /// The line under `form`'s `group` (its fieldset is `candor-{form}-{group}`,
    /// described by this line) saying that a choice is required.
    fn missing_line(
        self,
        t: &'static CandidateStrings,
        form: &'static str,
        group: &'static str,
    ) -> impl IntoView + use<> {
        let missing = self.missing;
        view! {
            <p id=format!("candor-{form}-{group}-error") class="field-error" hidden=move || !missing.with(|m| m.contains(&group))>
                {t.rules().say(&candor_api::Invalid::Required)}
            </p>
        }
    }

    /// The optional comment a form ends with, and the line that says what
    /// is wrong with the comment or the sending (a missing choice is said
    /// under its own group: [`Sending::missing_line`]).
    fn comment_and_problem(
        self,
        t: &'static CandidateStrings,
        form: &'static str,
        comment: RwSignal<String>,
    ) -> impl IntoView + use<> {
        let (comment_id, problem_id) = (format!("candor-{form}-comment"), format!("candor-{form}-problem"));
        let problem = self.problem;
        view! {
            <div class="field">
                <label for=comment_id.clone()>{t.comment_optional}</label>
                <textarea id=comment_id rows="3" maxlength=COMMENT_MAX prop:value=move || comment.get()
                    on:input:target=move |ev| comment.set(ev.target().value())></textarea>
            </div>
            <p id=problem_id class="field-error" role="alert" hidden=move || problem.get().is_none()>{move || problem.get()}</p>
        }
    }
}

#[component]
pub fn Actions(application: Tracked, status: Loader<ApplicationStatus>, erased: RwSignal<bool>) -> impl IntoView {
    let t = application.t;
    // Memoised: a live update that leaves these as they were (a new
    // message, the first answer of the stream) must not build the forms
    // again, or a half-typed withdrawal or an erasure being confirmed is
    // thrown away under the candidate's hands.
    let state = Memo::new(move |_| {
        status.loaded().map(|s| (s.progress.is_open(), s.progress.rating.clone(), s.company.name.clone()))
    });
    let (export_url, token) = (application.application_url("/export"), application.token.clone());
    // Fetched with the token in its header, not followed as a link: the
    // token stays out of every URL.
    let export = move |_| {
        let (url, token) = (export_url.clone(), token.clone());
        spawn_local(async move {
            let proof = [(APPLICATION_HEADER, token.as_str())];
            if let Ok(response) = api_client::send(Method::Get, &url, &proof, Body::Empty).await
                && let Ok(text) = response.text().await
            {
                crate::profile_form::download("candor-application.json", &text);
            }
        });
    };
    view! {
        {move || {
            let (open, rating, company) = state.get()?;
            let application = application.clone();
            let ending = if open {
                view! { <WithdrawForm application=application.clone() status/> }.into_any()
            } else if let Some(rating) = rating {
                view! { <p class="notice">{t.rated.replace("{n}", &rating.rating.to_string())}</p> }.into_any()
            } else {
                view! { <FeedbackForm application=application.clone() status company=company.clone()/> }.into_any()
            };
            Some(view! {
                <section class="actions" aria-labelledby="candor-actions-title">
                    <h3 id="candor-actions-title">{t.actions_title}</h3>
                    {ending}
                    <h4>{t.your_data}</h4>
                    <div class="resume-actions">
                        <button type="button" class="button secondary" on:click=export.clone()>{t.export_data}</button>
                    </div>
                    <EraseForm application company erased/>
                </section>
            })
        }}
    }
}

#[component]
fn WithdrawForm(application: Tracked, status: Loader<ApplicationStatus>) -> impl IntoView {
    let t = application.t;
    let open = RwSignal::new(false);
    let reason = RwSignal::new(None::<WithdrawReason>);
    let comment = RwSignal::new(String::new());
    let sending = Sending::new();
    let (problem, busy) = (sending.problem, sending.busy);
    let url = application.application_url("/withdraw");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(reason) = reason.get_untracked() else { return sending.required(&ev, "withdraw", vec!["reason"]) };
        sending.required(&ev, "withdraw", Vec::new());
        let request = Withdraw { reason, comment: comment.get_untracked() };
        sending.post(t, url.clone(), application.token.clone(), request.validate(), status);
    };
    let radios = REASONS
        .iter()
        .map(|&r| {
            view! {
                <label class="check">
                    <input type="radio" name="candor-withdraw-reason" prop:checked=move || reason.get() == Some(r) on:change=move |_| { reason.set(Some(r)); sending.chosen("reason"); }/>
                    {reason_label(t, r)}
                </label>
            }
        })
        .collect_view();
    view! {
        <button type="button" class="button secondary" hidden=move || open.get() aria-expanded="false" on:click=move |_| open.set(true)>
            {t.withdraw}
        </button>
        <form class="withdraw" hidden=move || !open.get() on:submit=submit aria-labelledby="candor-withdraw-title" novalidate>
            <h4 id="candor-withdraw-title">{t.withdraw_title}</h4>
            <fieldset id="candor-withdraw-reason" aria-describedby="candor-withdraw-reason-error">
                <legend>{t.withdraw_reason} " *"</legend>
                {radios}
                {sending.missing_line(t, "withdraw", "reason")}
            </fieldset>
            {sending.comment_and_problem(t, "withdraw", comment)}
            <div class="resume-actions">
                <button type="submit" class="button danger" disabled=move || busy.get()>{t.withdraw_confirm}</button>
                <button type="button" class="button secondary" on:click=move |_| { open.set(false); problem.set(None); sending.missing.set(Vec::new()); }>{t.cancel}</button>
            </div>
        </form>
    }
}

#[component]
fn FeedbackForm(application: Tracked, status: Loader<ApplicationStatus>, company: String) -> impl IntoView {
    let t = application.t;
    let rating = RwSignal::new(None::<u8>);
    let again = RwSignal::new(None::<bool>);
    let comment = RwSignal::new(String::new());
    let sending = Sending::new();
    let busy = sending.busy;
    let url = application.application_url("/feedback");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (chosen_rating, chosen_again) = (rating.get_untracked(), again.get_untracked());
        let missing = [("rating", chosen_rating.is_none()), ("again", chosen_again.is_none())];
        sending.required(&ev, "feedback", missing.into_iter().filter(|(_, m)| *m).map(|(g, _)| g).collect());
        let (Some(rating), Some(would_apply_again)) = (chosen_rating, chosen_again) else { return };
        let request = Feedback { rating, would_apply_again, comment: comment.get_untracked() };
        sending.post(t, url.clone(), application.token.clone(), request.validate(), status);
    };
    let stars = (1..=5u8)
        .map(|n| {
            view! {
                <label class="rating-option">
                    <input type="radio" name="candor-rating" aria-label=t.rating_value.replace("{n}", &n.to_string())
                        prop:checked=move || rating.get() == Some(n) on:change=move |_| { rating.set(Some(n)); sending.chosen("rating"); }/>
                    <span aria-hidden="true">{n}</span>
                </label>
            }
        })
        .collect_view();
    let yes_no = [(true, t.yes), (false, t.no)]
        .into_iter()
        .map(|(value, label)| {
            view! {
                <label class="check">
                    <input type="radio" name="candor-again" prop:checked=move || again.get() == Some(value) on:change=move |_| { again.set(Some(value)); sending.chosen("again"); }/>
                    {label}
                </label>
            }
        })
        .collect_view();
    view! {
        <form class="feedback" on:submit=submit aria-labelledby="candor-feedback-title" novalidate>
            <h4 id="candor-feedback-title">{t.feedback_title.replace("{company}", &company)}</h4>
            <p class="muted">{t.feedback_note.replace("{company}", &company)}</p>
            <fieldset id="candor-feedback-rating" class="rating" aria-describedby="candor-feedback-rating-error">
                <legend>{t.rating_legend} " *"</legend>
                <div class="rating-options">{stars}</div>
                {sending.missing_line(t, "feedback", "rating")}
            </fieldset>
            <fieldset id="candor-feedback-again" aria-describedby="candor-feedback-again-error">
                <legend>{t.would_apply_again.replace("{company}", &company)} " *"</legend>
                {yes_no}
                {sending.missing_line(t, "feedback", "again")}
            </fieldset>
            {sending.comment_and_problem(t, "feedback", comment)}
            <button type="submit" class="button" disabled=move || busy.get()>{t.send_rating}</button>
        </form>
    }
}

#[component]
fn EraseForm(application: Tracked, company: String, erased: RwSignal<bool>) -> impl IntoView {
    let t = application.t;
    let asking = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let erase = move |_| {
        let (url, api_base, token) =
            (application.application_url(""), application.api_base.clone(), application.token.clone());
        sending.set(true);
        spawn_local(async move {
            if api_client::send(Method::Delete, &url, &[(APPLICATION_HEADER, token.as_str())], Body::Empty)
                .await
                .is_ok()
            {
                storage::forget(&api_base, &token);
                erased.set(true);
            } else {
                let _ = failed.try_set(true);
                let _ = sending.try_set(false);
            }
        });
    };
    view! {
        <button type="button" class="button secondary" hidden=move || asking.get() on:click=move |_| asking.set(true)>{t.erase_data}</button>
        <div class="erase" role="group" aria-labelledby="candor-erase-warning" hidden=move || !asking.get()>
            <p id="candor-erase-warning">{t.erase_warning.replace("{company}", &company)}</p>
            <p class="field-error" role="alert" hidden=move || !failed.get()>{t.action_failed}</p>
            <div class="resume-actions">
                <button type="button" class="button danger" disabled=move || sending.get() on:click=erase>{t.erase_confirm}</button>
                <button type="button" class="button secondary" on:click=move |_| asking.set(false)>{t.cancel}</button>
            </div>
        </div>
    }
}
