//! "My applications": every application this browser sent to one company,
//! each with where it stands and any promise the company has missed; one
//! opens into its full status view.

use candor_api::qa::{AskedQuestion, QuestionState};
use candor_api::timeline::{ApplicationStatus, Outcome};
use candor_widget::api_client::{LoadError, Loader};
use leptos::prelude::*;

use crate::ask::QuestionView;
use crate::i18n::CandidateStrings;
use crate::status::{Context, StatusView};
use crate::storage::{self, Remembered, RememberedQuestion};

#[component]
pub fn MyApplicationsView(api_base: String, company: String, t: &'static CandidateStrings) -> impl IntoView {
    let mine: Vec<Remembered> = storage::applications(&api_base).into_iter().filter(|a| a.company == company).collect();
    let questions: Vec<RememberedQuestion> =
        storage::questions(&api_base).into_iter().filter(|q| q.company == company).collect();
    let selected = RwSignal::new(None::<String>);
    let list = {
        let api_base = api_base.clone();
        move || {
            let applications = if mine.is_empty() {
                view! { <p class="notice">{t.no_applications.replace("{company}", &company)}</p> }.into_any()
            } else {
                let items = mine
                    .iter()
                    .map(|a| view! { <Item remembered=a.clone() api_base=api_base.clone() t selected/> })
                    .collect_view();
                view! { <ul class="my-list" role="list">{items}</ul> }.into_any()
            };
            let asked = (!questions.is_empty()).then(|| {
                let items = questions
                    .iter()
                    .map(|q| view! { <QuestionItem remembered=q.clone() api_base=api_base.clone() t selected/> })
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
                            <span aria-hidden="true">"← "</span>{t.back_to_list}
                        </button>
                    };
                    if token.starts_with("q_") {
                        view! { {back} <QuestionView api_base=api_base.clone() token t/> }.into_any()
                    } else {
                        let context = Context { api_base: api_base.clone(), token, t };
                        view! { {back} <StatusView context/> }.into_any()
                    }
                }
                None => view! {
                    <h2 class="visually-hidden">{t.my_applications}</h2>
                    {list.clone()}
                }
                .into_any(),
            }}
        </div>
    }
}

/// Where one application stands, in a line.
fn standing(t: &CandidateStrings, status: &ApplicationStatus) -> String {
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

#[component]
fn Item(
    remembered: Remembered,
    api_base: String,
    t: &'static CandidateStrings,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let status: Loader<ApplicationStatus> = Loader::new(format!("{api_base}api/v1/applications/{}", remembered.token));
    let token = remembered.token.clone();
    let title = remembered.title.clone();
    view! {
        {move || {
            let (line, overdue) = match status.get() {
                None => (t.loading.to_owned(), None),
                Some(Ok(s)) => (standing(t, &s), (s.progress.overdue_days > 0).then(|| t.overdue.format(t.locale, s.progress.overdue_days as usize))),
                // Erased (from another device) or never known here: gone from the list.
                Some(Err(LoadError::NotFound)) => {
                    storage::forget(&api_base, &token);
                    return None;
                }
                Some(Err(_)) => (t.error_title.to_owned(), None),
            };
            let token = token.clone();
            Some(view! {
                <li class="my-item">
                    <div>
                        <p class="stage-name">{title.clone()}</p>
                        <p class="muted">{line}</p>
                        {overdue.map(|o| view! { <p class="overdue-note">{o}</p> })}
                    </div>
                    <button type="button" class="button secondary" on:click=move |_| selected.set(Some(token.clone()))>
                        {t.open_application}<span class="visually-hidden">": " {title.clone()}</span>
                    </button>
                </li>
            })
        }}
    }
}

#[component]
fn QuestionItem(
    remembered: RememberedQuestion,
    api_base: String,
    t: &'static CandidateStrings,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let question: Loader<AskedQuestion> = Loader::new(format!("{api_base}api/v1/questions/{}", remembered.token));
    let token = remembered.token.clone();
    view! {
        {move || {
            let line = match question.get() {
                None => t.loading.to_owned(),
                Some(Ok(q)) => match q.state {
                    QuestionState::Pending => t.question_pending.replace("{company}", &q.company.name),
                    QuestionState::Answered => t.question_answered.replace("{company}", &q.company.name),
                    QuestionState::Declined => t.question_declined.replace("{company}", &q.company.name),
                },
                Some(Err(LoadError::NotFound)) => return None,
                Some(Err(_)) => t.error_title.to_owned(),
            };
            let token = token.clone();
            Some(view! {
                <li class="my-item">
                    <div>
                        <p class="stage-name">{remembered.title.clone()}</p>
                        <p>{remembered.text.clone()}</p>
                        <p class="muted">{line}</p>
                    </div>
                    <button type="button" class="button secondary" on:click=move |_| selected.set(Some(token.clone()))>
                        {t.open_application}<span class="visually-hidden">": " {remembered.text.clone()}</span>
                    </button>
                </li>
            })
        }}
    }
}
