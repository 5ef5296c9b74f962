//! What a candidate can do from their status view: withdraw (with a
//! reason), rate the experience once it has ended, download everything
//! stored, and erase it. Outside the status itself, so a live update
//! arriving while they type doesn't clear the form.

use candor_api::timeline::{ApplicationStatus, Feedback, Withdraw, WithdrawReason};
use candor_widget::api_client::Loader;
use gloo_net::http::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::CandidateStrings;
use crate::status::Context;
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
    problem: RwSignal<Option<&'static str>>,
    busy: RwSignal<bool>,
}

impl Sending {
    fn new() -> Self {
        Sending { problem: RwSignal::new(None), busy: RwSignal::new(false) }
    }

    /// Posts `request` (already checked by its rule) and shows the new
    /// status, or says it didn't work.
    fn post<B: serde::Serialize + 'static>(
        self,
        t: &'static CandidateStrings,
        url: String,
        request: B,
        status: Loader<ApplicationStatus>,
    ) {
        self.busy.set(true);
        spawn_local(async move {
            match post_action(&url, &request).await {
                Ok(next) => status.set(next),
                Err(()) => self.problem.set(Some(t.action_failed)),
            }
            let _ = self.busy.try_set(false);
        });
    }
}

/// Sends one of the candidate's actions; the answer is the new status.
async fn post_action<B: serde::Serialize>(url: &str, body: &B) -> Result<ApplicationStatus, ()> {
    let response = Request::post(url).json(body).map_err(|_| ())?.send().await.map_err(|_| ())?;
    if response.status() != 200 {
        return Err(());
    }
    response.json().await.map_err(|_| ())
}

#[component]
pub fn Actions(context: Context, status: Loader<ApplicationStatus>, erased: RwSignal<bool>) -> impl IntoView {
    let t = context.t;
    let state =
        move || status.loaded().map(|s| (s.progress.is_open(), s.progress.rating.clone(), s.company.name.clone()));
    let export_url = context.url("/export");
    view! {
        {move || {
            let (open, rating, company) = state()?;
            let context = context.clone();
            let ending = if open {
                view! { <WithdrawForm context=context.clone() status/> }.into_any()
            } else if let Some(rating) = rating {
                view! { <p class="notice">{t.rated.replace("{n}", &rating.rating.to_string())}</p> }.into_any()
            } else {
                view! { <FeedbackForm context=context.clone() status company=company.clone()/> }.into_any()
            };
            Some(view! {
                <section class="actions" aria-labelledby="candor-actions-title">
                    <h3 id="candor-actions-title">{t.actions_title}</h3>
                    {ending}
                    <h4>{t.your_data}</h4>
                    <div class="resume-actions">
                        <a class="button secondary" href=export_url.clone() download="candor-application.json">{t.export_data}</a>
                    </div>
                    <EraseForm context company erased/>
                </section>
            })
        }}
    }
}

#[component]
fn WithdrawForm(context: Context, status: Loader<ApplicationStatus>) -> impl IntoView {
    let t = context.t;
    let open = RwSignal::new(false);
    let reason = RwSignal::new(None::<WithdrawReason>);
    let comment = RwSignal::new(String::new());
    let sending = Sending::new();
    let (problem, busy) = (sending.problem, sending.busy);
    let url = context.url("/withdraw");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(reason) = reason.get_untracked() else {
            problem.set(Some(t.invalid_required));
            return;
        };
        let request = Withdraw { reason, comment: comment.get_untracked() };
        match request.validate() {
            Ok(request) => sending.post(t, url.clone(), request, status),
            Err(_) => problem.set(Some(t.invalid_other)),
        }
    };
    let radios = REASONS
        .iter()
        .map(|&r| {
            view! {
                <label class="check">
                    <input type="radio" name="candor-withdraw-reason" prop:checked=move || reason.get() == Some(r) on:change=move |_| { reason.set(Some(r)); problem.set(None); }/>
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
            <fieldset id="candor-withdraw-reason" aria-describedby="candor-withdraw-problem">
                <legend>{t.withdraw_reason} " *"</legend>
                {radios}
            </fieldset>
            <div class="field">
                <label for="candor-withdraw-comment">{t.comment_optional}</label>
                <textarea id="candor-withdraw-comment" rows="3" maxlength="2000" prop:value=move || comment.get()
                    on:input:target=move |ev| comment.set(ev.target().value())></textarea>
            </div>
            <p id="candor-withdraw-problem" class="field-error" role="alert" hidden=move || problem.get().is_none()>{move || problem.get()}</p>
            <div class="resume-actions">
                <button type="submit" class="button danger" disabled=move || busy.get()>{t.withdraw_confirm}</button>
                <button type="button" class="button secondary" on:click=move |_| { open.set(false); problem.set(None); }>{t.cancel}</button>
            </div>
        </form>
    }
}

#[component]
fn FeedbackForm(context: Context, status: Loader<ApplicationStatus>, company: String) -> impl IntoView {
    let t = context.t;
    let rating = RwSignal::new(None::<u8>);
    let again = RwSignal::new(None::<bool>);
    let comment = RwSignal::new(String::new());
    let sending = Sending::new();
    let (problem, busy) = (sending.problem, sending.busy);
    let url = context.url("/feedback");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(rating), Some(would_apply_again)) = (rating.get_untracked(), again.get_untracked()) else {
            problem.set(Some(t.invalid_required));
            return;
        };
        let request = Feedback { rating, would_apply_again, comment: comment.get_untracked() };
        match request.validate() {
            Ok(request) => sending.post(t, url.clone(), request, status),
            Err(_) => problem.set(Some(t.invalid_other)),
        }
    };
    let stars = (1..=5u8)
        .map(|n| {
            view! {
                <label class="rating-option">
                    <input type="radio" name="candor-rating" aria-label=t.rating_value.replace("{n}", &n.to_string())
                        prop:checked=move || rating.get() == Some(n) on:change=move |_| { rating.set(Some(n)); if again.get_untracked().is_some() { problem.set(None) } }/>
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
                    <input type="radio" name="candor-again" prop:checked=move || again.get() == Some(value) on:change=move |_| { again.set(Some(value)); if rating.get_untracked().is_some() { problem.set(None) } }/>
                    {label}
                </label>
            }
        })
        .collect_view();
    view! {
        <form class="feedback" on:submit=submit aria-labelledby="candor-feedback-title" novalidate>
            <h4 id="candor-feedback-title">{t.feedback_title.replace("{company}", &company)}</h4>
            <p class="muted">{t.feedback_note.replace("{company}", &company)}</p>
            <fieldset class="rating" aria-describedby="candor-feedback-problem">
                <legend>{t.rating_legend} " *"</legend>
                <div class="rating-options">{stars}</div>
            </fieldset>
            <fieldset aria-describedby="candor-feedback-problem">
                <legend>{t.would_apply_again.replace("{company}", &company)} " *"</legend>
                {yes_no}
            </fieldset>
            <div class="field">
                <label for="candor-feedback-comment">{t.comment_optional}</label>
                <textarea id="candor-feedback-comment" rows="3" maxlength="2000" prop:value=move || comment.get()
                    on:input:target=move |ev| comment.set(ev.target().value())></textarea>
            </div>
            <p id="candor-feedback-problem" class="field-error" role="alert" hidden=move || problem.get().is_none()>{move || problem.get()}</p>
            <button type="submit" class="button" disabled=move || busy.get()>{t.send_rating}</button>
        </form>
    }
}

#[component]
fn EraseForm(context: Context, company: String, erased: RwSignal<bool>) -> impl IntoView {
    let t = context.t;
    let asking = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let erase = move |_| {
        let (url, api_base, token) = (context.url(""), context.api_base.clone(), context.token.clone());
        sending.set(true);
        spawn_local(async move {
            let ok = match Request::delete(&url).send().await {
                Ok(response) => response.status() == 204,
                Err(_) => false,
            };
            if ok {
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
