//! The status view: where an application stands, what comes next and by
//! when, every message, and the outcome. Updates live.

use candor_api::timeline::{ApplicationStatus, Event, EventKind, Outcome, StageState};
use candor_api::wallet::Entry;
use candor_api::{Day, Locale};
use candor_widget::api_client::{LoadError, Loader};
use candor_widget::format;
use candor_widget::states::{LoadFailed, Skeleton};
use leptos::prelude::*;

use crate::actions::Actions;
use crate::context::Tracked;
use crate::focus::focus_on_mount;
use crate::i18n::{CandidateStrings, strings};
use crate::live::Following;
use crate::mail_choice::MailChoice;
use crate::pool_choice::PoolChoice;
use crate::wallet_window::{KeepHere, on_candor_origin};

/// `erased`: set when the candidate erases it here (My applications then says so).
#[component]
pub fn StatusView(application: Tracked, #[prop(optional)] erased: Option<RwSignal<bool>>) -> impl IntoView {
    let t = application.t;
    let c = t.common();
    let status: Loader<ApplicationStatus> = application.status_loader();
    let erased = erased.unwrap_or_else(|| RwSignal::new(false));
    // What arrives live is told: an outcome takes the focus (the page
    // changed under the reader's eyes), any other new step is announced.
    let outcome_arrived = StoredValue::new(false);
    let announced = RwSignal::new(String::new());
    // Live from the first answer on; the stream's own first event repeats
    // it, which costs one render of the same status.
    let following = {
        let (stream, poll) = (application.application_url("/events"), application.application_url(""));
        let proof = application.application_header();
        StoredValue::new(Some(send_wrapper::SendWrapper::new(Following::start(&stream, &poll, proof, move |json| {
            if let Ok(next) = serde_json::from_str::<ApplicationStatus>(&json) {
                if let Some(before) = untrack(|| status.loaded()) {
                    if before.progress.closing.is_none() && next.progress.closing.is_some() {
                        outcome_arrived.set_value(true);
                    } else if next.events.len() > before.events.len()
                        && let Some(newest) = next.events.last()
                    {
                        announced.set(event_title(newest, &next, t));
                    }
                }
                status.set(next);
            }
        }))))
    };
    // Nothing left to follow once erased.
    Effect::new(move |_| {
        if erased.get() {
            following.update_value(|f| drop(f.take()));
        }
    });
    on_cleanup(move || following.update_value(|f| drop(f.take())));
    let locale = t.locale;
    // Candor's status page speaks the language applied in unless the
    // candidate chose another: opened in another (the browser's), it opens
    // again in that one, so its title, footer and actions follow too.
    let follows_application = application.on_status_page && !application.chosen;
    let elsewhere = move |s: &ApplicationStatus| follows_application && s.locale != locale;
    Effect::new(move |_| {
        if let Some(s) = status.loaded()
            && elsewhere(&s)
        {
            reopen_in(s.locale);
        }
    });
    let switcher = application.on_status_page.then(|| languages(t, &application.token));
    // The status page is the wallet's origin: the application can join it here.
    let on_status_page = application.on_status_page && on_candor_origin(&application.api_base);
    let token = application.token.clone();
    let kept = Memo::new(move |_| status.loaded().map(|s| Entry::application(token.clone(), &s)));
    let accent = move || status.loaded().map(|s| s.company.accent_color.as_str().to_owned());
    view! {
        <div class="candor" lang=locale.tag() style:--company-accent=accent>
            {switcher}
            {move || match status.get() {
                Some(Ok(s)) if elsewhere(&s) => view! { <Skeleton label=t.loading_application cards=2/> }.into_any(),
                _ if erased.get() => view! { <p class="notice" role="status">{t.erased}</p> }.into_any(),
                None => view! { <Skeleton label=t.loading_application cards=2/> }.into_any(),
                Some(Err(LoadError::NotFound)) => {
                    view! { <p class="notice" role="alert">{t.not_found}</p> }.into_any()
                }
                Some(Err(_)) => {
                    view! { <LoadFailed title=t.error_title body=c.error_body retry_label=c.retry on_retry=move || status.reload()/> }
                        .into_any()
                }
                Some(Ok(s)) => {
                    let focus_outcome = outcome_arrived.get_value();
                    outcome_arrived.set_value(false);
                    view! { <Status status=s locale focus_outcome/> }.into_any()
                }
            }}
            <p class="visually-hidden" role="status">{move || announced.get()}</p>
            <Show when=move || !erased.get()>
                {on_status_page.then(|| view! { <KeepHere entry=kept t/> })}
                <MailChoice application=application.clone() status/>
                <PoolChoice application=application.clone() status/>
                <Actions application=application.clone() status erased/>
            </Show>
        </div>
    }
}

/// Each language by its own name, as a reader of it looks for it.
const LANGUAGES: [(Locale, &str); 5] = [
    (Locale::En, "English"),
    (Locale::Fi, "Suomi"),
    (Locale::Sv, "Svenska"),
    (Locale::Pl, "Polski"),
    (Locale::Nl, "Nederlands"),
];

/// The status page's language switcher: the page again with `?lang=`,
/// the token kept in the fragment.
fn languages(t: &'static crate::i18n::CandidateStrings, token: &str) -> impl IntoView + use<> {
    let links = LANGUAGES
        .iter()
        .map(|&(locale, name)| {
            let href = format!("?lang={}#{token}", locale.tag());
            let current = (locale == t.locale).then_some("true");
            view! {
                <li><a href=href lang=locale.tag() hreflang=locale.tag() aria-current=current>{name}</a></li>
            }
        })
        .collect_view();
    view! {
        <nav class="languages" aria-label=t.page_language>
            <ul role="list">{links}</ul>
        </nav>
    }
}

/// Opens the status page again in `locale`, in place of this visit.
fn reopen_in(locale: Locale) {
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        let hash = location.hash().unwrap_or_default();
        let _ = location.replace(&format!("?lang={}{hash}", locale.tag()));
    }
}

/// `focus_outcome`: the outcome just arrived live, and takes the focus.
#[component]
fn Status(status: ApplicationStatus, locale: Locale, focus_outcome: bool) -> impl IntoView {
    let t = strings(locale);
    let outcome = NodeRef::<leptos::html::Section>::new();
    if focus_outcome {
        focus_on_mount(outcome);
    }
    let date = move |d: Day| format::date(locale, d);
    let p = &status.progress;
    let ending = match (&p.closing, &p.withdrawal) {
        (Some(closing), _) => {
            let (class, title) = match closing.outcome {
                Outcome::Hired => ("outcome hired", t.outcome_hired),
                Outcome::NotSelected => ("outcome not-selected", t.outcome_not_selected),
                Outcome::PositionClosed => ("outcome closed", t.outcome_position_closed),
            };
            Some(
                view! {
                    <section class=class id="candor-outcome-section" tabindex="-1" aria-labelledby="candor-outcome" node_ref=outcome>
                        <h3 id="candor-outcome">{title}</h3>
                        <blockquote class="personal">{closing.message.clone()}</blockquote>
                        <p class="muted">{format!("{} · {}", status.company.name, date(closing.on))}</p>
                    </section>
                }
                .into_any(),
            )
        }
        (None, Some(withdrawal)) => Some(
            view! {
                <section class="outcome withdrawn" aria-labelledby="candor-outcome">
                    <h3 id="candor-outcome">{t.withdrawn_title}</h3>
                    <p class="muted">{date(withdrawal.on)}</p>
                </section>
            }
            .into_any(),
        ),
        (None, None) => None,
    };
    let promise = p.promised.map(|promised| {
        let overdue = p.overdue_days;
        let class = if overdue > 0 { "promise overdue" } else { "promise" };
        view! {
            <section class=class aria-labelledby="candor-promise">
                <h3 id="candor-promise" class="visually-hidden">{t.next_word}</h3>
                <p>{t.promised_by.replace("{date}", &date(promised))}</p>
                {(overdue > 0).then(|| view! { <p class="overdue-note">{t.overdue.format(locale, overdue as usize)}</p> })}
            </section>
        }
    });
    let texts_lang = status.posting.lang.tag();
    let stages = p
        .stages
        .iter()
        .map(|stage| {
            let (class, marker, state) = match stage.state {
                StageState::Done => ("stage done", "✓", t.stage_done),
                StageState::Current => ("stage current", "●", t.stage_current),
                StageState::Upcoming => ("stage upcoming", "", t.stage_upcoming),
                StageState::Skipped => ("stage skipped", "–", t.stage_skipped),
            };
            let when = match (stage.state, stage.entered_on) {
                (StageState::Upcoming, _) | (_, None) => t.planned_around.replace("{date}", &date(stage.planned_on)),
                (_, Some(entered)) => t.started_on.replace("{date}", &date(entered)),
            };
            view! {
                <li class=class aria-current=(stage.state == StageState::Current).then_some("step")>
                    <span class="marker" aria-hidden="true">{marker}</span>
                    <div>
                        <p class="stage-name" lang=texts_lang>{stage.name.clone()}</p>
                        <p class="muted">{format!("{state} · {when} · {}", t.common().usually_days.format(locale, usize::from(stage.expected_days)))}</p>
                    </div>
                </li>
            }
        })
        .collect_view();
    let history = status.events.iter().rev().map(|e| history_item(e, &status, locale)).collect_view();
    view! {
        <article class="status" aria-labelledby="candor-status-title">
            <header>
                {status.company.logo_url.clone().map(|src| view! { <img class="logo" src=src alt=status.company.name.clone()/> })}
                <p class="eyebrow">{status.company.name.clone()}</p>
                <h2 id="candor-status-title" lang=status.posting.lang.tag()>{status.posting.title.clone()}</h2>
                <p class="muted">{t.received_on.replace("{date}", &date(p.received_on))} " · " {t.live_note}</p>
            </header>
            {ending}
            {promise}
            <section aria-labelledby="candor-stages">
                <h3 id="candor-stages">{t.where_things_stand}</h3>
                <ol class="stages" role="list">{stages}</ol>
            </section>
            <section aria-labelledby="candor-history">
                <h3 id="candor-history">{t.history}</h3>
                <ol class="history" role="list">{history}</ol>
            </section>
        </article>
    }
}

/// What an event is, in a line ("Moved to: Phone interview").
fn event_title(event: &Event, status: &ApplicationStatus, t: &CandidateStrings) -> String {
    match &event.kind {
        EventKind::Received => t.event_received.to_owned(),
        EventKind::StageChanged { stage } => {
            let name = status.progress.stages.get(usize::from(*stage)).map_or("", |s| s.name.as_str());
            t.event_stage.replace("{stage}", name)
        }
        EventKind::Message => t.event_message.replace("{company}", &status.company.name),
        EventKind::Promise => t.event_promise.to_owned(),
        EventKind::Closed { .. } => t.event_closed.to_owned(),
        EventKind::Withdrawn { .. } => t.event_withdrawn.to_owned(),
        EventKind::Feedback { .. } => t.event_feedback.to_owned(),
    }
}

fn history_item(event: &Event, status: &ApplicationStatus, locale: Locale) -> impl IntoView + use<> {
    let t = strings(locale);
    let title = event_title(event, status, t);
    let promised = event
        .promised
        .map(|d| view! { <p class="muted">{t.promised_by.replace("{date}", &format::date(locale, d))}</p> });
    let message = (!event.message.is_empty()).then(|| view! { <p class="personal">{event.message.clone()}</p> });
    view! {
        <li class="event">
            <p class="event-title">
                <span>{title}</span>
                <span class="muted">{format::date(locale, event.on)}</span>
            </p>
            {message}
            {promised}
        </li>
    }
}
