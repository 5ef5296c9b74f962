//! "My applications": every application this browser sent to one company,
//! each with where it stands and any promise the company has missed, and
//! the questions it asked; one opens into its full status view.

use candor_api::CompanyPublic;
use candor_api::qa::{AskedQuestion, QuestionState};
use candor_api::timeline::{ApplicationStatus, Outcome};
use candor_widget::api_client::{LoadError, Loader};
use leptos::prelude::*;

use crate::ask::QuestionView;
use crate::context::Tracked;
use crate::i18n::CandidateStrings;
use crate::status::StatusView;
use crate::storage::{self, Remembered, RememberedQuestion};

#[component]
pub fn MyApplicationsView(api_base: String, company: String, t: &'static CandidateStrings) -> impl IntoView {
    // The company's name, not its slug, is what the notices name.
    let info: Loader<CompanyPublic> = Loader::new(format!("{api_base}api/v1/companies/{company}"));
    let selected = RwSignal::new(None::<String>);
    // An application erased from this view: the list then says so, rather
    // than that none was ever sent.
    let erased_here = RwSignal::new(false);
    let tracked = {
        let api_base = api_base.clone();
        move |token: String| Tracked { api_base: api_base.clone(), token, t, on_status_page: false, chosen: true }
    };
    let list = {
        let tracked = tracked.clone();
        move || {
            // Read again on each return to the list: one may have been erased.
            let mine: Vec<Remembered> =
                storage::applications(&api_base).into_iter().filter(|a| a.company == company).collect();
            let questions: Vec<RememberedQuestion> =
                storage::questions(&api_base).into_iter().filter(|q| q.company == company).collect();
            let name = move || info.loaded().map(|c| c.name);
            let erased = move || {
                erased_here.get().then(|| {
                    name()
                        .map(|n| view! { <p class="notice" role="status">{t.erased_from.replace("{company}", &n)}</p> })
                })
            };
            let applications = if mine.is_empty() {
                let none = move || {
                    (!erased_here.get()).then(|| {
                        name().map(|n| view! { <p class="notice">{t.no_applications.replace("{company}", &n)}</p> })
                    })
                };
                view! { {erased} {none} }.into_any()
            } else {
                let items = mine
                    .iter()
                    .map(|a| view! { <Item remembered=a.clone() application=tracked(a.token.clone()) selected/> })
                    .collect_view();
                view! { {erased} <ul class="my-list" role="list">{items}</ul> }.into_any()
            };
            let asked = (!questions.is_empty()).then(|| {
                let items = questions
                    .iter()
                    .map(|q| view! { <QuestionItem remembered=q.clone() question=tracked(q.token.clone()) selected/> })
                    .collect_view();
                view! {
                    <h3 class="my-heading">{t.my_questions}</h3>
                    <ul class="my-list" role="list">{items}</ul>
                }
            });
            view! { {applications} {asked} }.into_any()
        }
    };
    view! {
        <div class="candor" lang=t.locale.tag()>
            {move || match selected.get() {
                Some(token) => {
                    let back = view! {
                        <button type="button" class="back link-button" on:click=move |_| selected.set(None)>
                            <span aria-hidden="true">"← "</span>{t.back_to_my_applications}
                        </button>
                    };
                    if token.starts_with("q_") {
                        view! { {back} <QuestionView question=tracked(token)/> }.into_any()
                    } else {
                        let erased = RwSignal::new(false);
                        Effect::new(move |_| {
                            if erased.get() {
                                erased_here.set(true);
                            }
                        });
                        view! { {back} <StatusView application=tracked(token) erased/> }.into_any()
                    }
                }
                None => view! {
                    <h2 class="visually-hidden">{t.common().my_applications}</h2>
                    {list.clone()}
                }
                .into_any(),
            }}
        </div>
    }
}

/// Where one application stands, in a line.
pub(crate) fn standing(t: &CandidateStrings, status: &ApplicationStatus) -> String {
    let p = &status.progress;
    match (&p.closing, &p.withdrawal, p.current_stage) {
        (Some(closing), _, _) => match closing.outcome {
            Outcome::Hired => t.outcome_hired,
            Outcome::NotSelected => t.outcome_not_selected,
            Outcome::PositionClosed => t.outcome_position_closed,
        }
        .to_owned(),
        (None, Some(_), _) => t.withdrawn_title.to_owned(),
        (None, None, Some(i)) => t.now_at.replace("{stage}", p.stages.get(i).map_or("", |s| s.name.as_str())),
        (None, None, None) => t.event_received.to_owned(),
    }
}

/// One entry of the list: what it is, `lines` on where it stands, and the
/// button that opens it (named, for screen readers, with `what`).
fn entry(
    t: &'static CandidateStrings,
    token: String,
    lines: AnyView,
    what: String,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        <li class="my-item">
            <div>{lines}</div>
            // Named with what it opens; the visible word starts the name.
            <button type="button" class="button secondary" aria-label=format!("{}: {what}", t.open_application)
                on:click=move |_| selected.set(Some(token.clone()))>
                {t.open_application}
            </button>
        </li>
    }
}

#[component]
fn Item(remembered: Remembered, application: Tracked, selected: RwSignal<Option<String>>) -> impl IntoView {
    let t = application.t;
    let status: Loader<ApplicationStatus> = application.status_loader();
    move || {
        let (line, overdue) = match status.get() {
            None => (t.loading_application.to_owned(), None),
            Some(Ok(s)) => (
                standing(t, &s),
                (s.progress.overdue_days > 0).then(|| t.overdue.format(t.locale, s.progress.overdue_days as usize)),
            ),
            // Erased (from another device) or never known here: gone from the list.
            Some(Err(LoadError::NotFound)) => {
                storage::forget(&application.api_base, &application.token);
                return None;
            }
            Some(Err(_)) => (t.error_title.to_owned(), None),
        };
        let lines = view! {
            <p class="stage-name">{remembered.title.clone()}</p>
            <p class="muted">{line}</p>
            {overdue.map(|o| view! { <p class="overdue-note">{o}</p> })}
        };
        Some(entry(t, application.token.clone(), lines.into_any(), remembered.title.clone(), selected))
    }
}

#[component]
fn QuestionItem(
    remembered: RememberedQuestion,
    question: Tracked,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let t = question.t;
    let asked: Loader<AskedQuestion> = question.question_loader();
    move || {
        let line = match asked.get() {
            None => t.loading_application.to_owned(),
            Some(Ok(q)) => match q.state {
                QuestionState::Pending => t.question_pending.replace("{company}", &q.company.name),
                QuestionState::Answered => t.question_answered.replace("{company}", &q.company.name),
                QuestionState::Declined => t.question_declined.replace("{company}", &q.company.name),
            },
            Some(Err(LoadError::NotFound)) => return None,
            Some(Err(_)) => t.error_title.to_owned(),
        };
        let lines = view! {
            <p class="stage-name">{remembered.title.clone()}</p>
            <p>{remembered.text.clone()}</p>
            <p class="muted">{line}</p>
        };
        Some(entry(t, question.token.clone(), lines.into_any(), remembered.text.clone(), selected))
    }
}
