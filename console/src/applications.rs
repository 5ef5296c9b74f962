//! A posting's applications, and one application: the candidate's profile,
//! answers and CV, the timeline as the candidate sees it, and the actions
//! that move it on (each with a personal message; closing warns about a
//! message already sent word for word to others).

use candor_api::recruiting::{
    ApplicationForRecruiter, ApplicationListItem, Close, MessageCheck, MessageCheckResult, SendMessage,
};
use candor_api::timeline::{EventKind, Outcome, StageState};
use candor_api::{Day, PostingSlug};
use candor_widget::api_client::{Body, Loader, Method};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::{API, Api, say};
use crate::stage_move::{StageMove, StepEnd};
use crate::ui;

#[component]
pub fn ApplicationList(posting: PostingSlug, title: String, open: RwSignal<Option<i64>>) -> impl IntoView {
    let list: Loader<Vec<ApplicationListItem>> = Loader::new(format!("{API}postings/{posting}/applications"));
    view! {
        <section class="card" aria-labelledby="list-title">
            <h2 id="list-title">{format!("Applications · {title}")}</h2>
            {ui::loaded(list, "The applications could not be loaded.", move |items| {
                if items.is_empty() {
                    return view! { <p class="muted">"No applications yet."</p> }.into_any();
                }
                    let rows = items
                        .into_iter()
                        .map(|a| {
                            let p = &a.progress;
                            let stage = match (&p.closing, &p.withdrawal, p.current_stage) {
                                (Some(c), _, _) => format!("Closed: {}", outcome_name(c.outcome)),
                                (None, Some(_), _) => "Withdrawn".to_owned(),
                                (None, None, Some(i)) => p.stages.get(i).map_or_else(String::new, |s| s.name.clone()),
                                _ => "Received".to_owned(),
                            };
                            let promise = match (p.promised, p.overdue_days) {
                                (Some(d), 0) => d.to_string(),
                                (Some(d), n) => format!("{d} ({n} days overdue)"),
                                (None, _) => String::new(),
                            };
                            let name = if a.name.is_empty() { "(erased)".to_owned() } else { a.name.clone() };
                            let id = a.id;
                            view! {
                                <tr>
                                    <td><button class="link" on:click=move |_| open.set(Some(id))>{name}</button></td>
                                    <td>{a.email}</td>
                                    <td>{stage}</td>
                                    <td>{promise}</td>
                                </tr>
                            }
                        })
                        .collect_view();
                    ui::table(&["Candidate", "E-mail", "Where it stands", "Promised by"], false, rows).into_any()
            })}
        </section>
    }
}

fn outcome_name(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Hired => "hired",
        Outcome::NotSelected => "not selected",
        Outcome::PositionClosed => "position closed",
    }
}

#[component]
pub fn ApplicationView(id: i64, api: Api, may_act: bool) -> impl IntoView {
    let application: Loader<ApplicationForRecruiter> = Loader::new(format!("{API}applications/{id}"));
    view! {
        {move || match application.get() {
            None => view! { <p class="muted" role="status">"Loading…"</p> }.into_any(),
            Some(Err(_)) => view! { <p class="card" role="alert">"This application could not be loaded."</p> }.into_any(),
            Some(Ok(a)) => {
                let on_change = move |moved: Option<ApplicationForRecruiter>| match moved {
                    Some(a) => application.set(a),
                    None => application.reload(),
                };
                view! { <Details a api may_act on_change/> }.into_any()
            }
        }}
    }
}

#[component]
fn Details(
    a: ApplicationForRecruiter,
    api: Api,
    may_act: bool,
    on_change: impl Fn(Option<ApplicationForRecruiter>) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let profile = a.profile.clone().unwrap_or_default();
    let erased = a.profile.is_none();
    let status = a.status.clone();
    let answers = a
        .answers
        .iter()
        .map(|ans| view! { <li><strong>{ans.key.to_string()}</strong>": " {answer_text(&ans.value)}</li> })
        .collect_view();
    let cv = a.cv.clone().map(|cv| view! { <p><a href=format!("{API}applications/{}/cv", a.id)>{format!("CV: {} ({} KB)", cv.file_name, cv.size / 1024)}</a></p> });
    let work = profile
        .work
        .iter()
        .map(|w| view! { <li>{format!("{} · {} ({}–{})", w.position, w.organisation, w.start, w.end)}</li> })
        .collect_view();
    let stages = status
        .progress
        .stages
        .iter()
        .map(|s| {
            let state = match s.state {
                StageState::Done => "done",
                StageState::Current => "now",
                StageState::Upcoming => "next",
                StageState::Skipped => "skipped",
            };
            let when =
                s.entered_on.map_or_else(|| format!("planned around {}", s.planned_on), |d| format!("started {d}"));
            view! { <li>{format!("{} — {state}, {when}, usually {} days", s.name, s.expected_days)}</li> }
        })
        .collect_view();
    let events = status
        .events
        .iter()
        .rev()
        .map(|e| {
            let what = match &e.kind {
                EventKind::Received => "Received".to_owned(),
                EventKind::StageChanged { stage } => format!("Moved to {}", status.progress.stages.get(usize::from(*stage)).map_or("?", |s| s.name.as_str())),
                EventKind::Message => "Message".to_owned(),
                EventKind::Promise => "New date".to_owned(),
                EventKind::Closed { outcome } => format!("Closed: {}", outcome_name(*outcome)),
                EventKind::Withdrawn { .. } => "The candidate withdrew".to_owned(),
                EventKind::Feedback { rating, would_apply_again } => format!("Rated {rating}/5; would apply again: {}", if *would_apply_again { "yes" } else { "no" }),
            };
            let promised = e.promised.map(|d| format!(" · promised by {d}")).unwrap_or_default();
            view! { <li><p><strong>{format!("{} · {what}{promised}", e.on)}</strong></p><p class="personal">{e.message.clone()}</p></li> }
        })
        .collect_view();
    let promise = match (status.progress.promised, status.progress.overdue_days) {
        (Some(d), 0) => format!("Promised an answer by {d}."),
        (Some(d), n) => format!("Promised an answer by {d}: {n} days overdue."),
        (None, _) => String::new(),
    };
    let open = status.progress.is_open();
    view! {
        <section class="card" aria-labelledby="candidate-title">
            <h2 id="candidate-title">{if erased { "(the candidate erased their data)".to_owned() } else { profile.name.clone() }}</h2>
            <p class="muted">{format!("{} · {}", status.posting.title, profile.email)}</p>
            {(!profile.headline.is_empty()).then(|| view! { <p>{profile.headline.clone()}</p> })}
            {(!profile.summary.is_empty()).then(|| view! { <p class="personal">{profile.summary.clone()}</p> })}
            <ul>{work}</ul>
            {(!profile.skills.is_empty()).then(|| view! { <p>{format!("Skills: {}", profile.skills.join(", "))}</p> })}
            {cv}
            <h3>"Answers"</h3>
            <ul>{answers}</ul>
        </section>
        <section class="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">"Timeline, as the candidate sees it"</h2>
            <p><strong>{promise}</strong></p>
            <ol>{stages}</ol>
            <h3>"What has happened"</h3>
            <ul class="items">{events}</ul>
        </section>
        {(may_act && open).then(|| view! { <Actions a=a.clone() api on_change/> })}
    }
}

fn answer_text(value: &candor_api::apply::AnswerValue) -> String {
    use candor_api::apply::AnswerValue;
    match value {
        AnswerValue::Text(t) | AnswerValue::Choice(t) => t.clone(),
        AnswerValue::YesNo(true) => "yes".into(),
        AnswerValue::YesNo(false) => "no".into(),
        AnswerValue::Number(n) => n.to_string(),
    }
}

/// The actions on an open application: moving it to a stage (the shared
/// [`StageMove`] step), a message, or closing it.
#[component]
fn Actions(
    a: ApplicationForRecruiter,
    api: Api,
    on_change: impl Fn(Option<ApplicationForRecruiter>) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let action = RwSignal::new("stage".to_owned());
    let id = a.id;
    let progress = a.status.progress.clone();
    let moved = on_change.clone();
    let on_end = move |end: StepEnd| {
        if let StepEnd::Moved(a) = end {
            moved(Some(*a))
        }
    };
    view! {
        <section class="card" aria-labelledby="act-title">
            <h2 id="act-title">"Move this application on"</h2>
            <div class="field">
                <label for="act-kind">"Action"</label>
                <select id="act-kind" on:change:target=move |ev| action.set(ev.target().value())>
                    <option value="stage">"Move to a stage"</option>
                    <option value="message">"Send a message"</option>
                    <option value="close">"Close with an outcome"</option>
                </select>
            </div>
            {move || if action.get() == "stage" {
                view! { <StageMove id progress=progress.clone() api on_end=on_end.clone()/> }.into_any()
            } else {
                view! { <MessageOrClose id closing=action.get() == "close" api on_change={
                    let on_change = on_change.clone();
                    move || on_change(None)
                }/> }.into_any()
            }}
        </section>
    }
}

/// A message to the candidate (perhaps with a new date), or the closing
/// letter with its outcome.
#[component]
fn MessageOrClose(
    id: i64,
    closing: bool,
    api: Api,
    on_change: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let message = RwSignal::new(String::new());
    let promised = RwSignal::new(String::new());
    let outcome = RwSignal::new(Outcome::NotSelected);
    let problem = RwSignal::new(None::<String>);
    // Set once a closing message turned out to be a form letter; a second
    // click sends it anyway.
    let warned = RwSignal::new(None::<u64>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let day = promised.get_untracked();
        let promised_day = if day.is_empty() { None } else { Day::parse(&day).ok() };
        let text = message.get_untracked();
        let on_change = on_change.clone();
        spawn_local(async move {
            let (url, body) = if !closing {
                (
                    format!("{API}applications/{id}/messages"),
                    Body::json(&SendMessage { message: text, promised: promised_day }),
                )
            } else {
                if warned.get_untracked().is_none() {
                    let check = api
                        .send_for::<MessageCheckResult>(
                            Method::Post,
                            &format!("{API}messages/check"),
                            Body::json(&MessageCheck { message: text.clone() }),
                        )
                        .await;
                    let sent = check.map_or(0, |c| c.sent_to_others);
                    if sent > 0 {
                        warned.set(Some(sent));
                        return;
                    }
                }
                (
                    format!("{API}applications/{id}/close"),
                    Body::json(&Close { outcome: outcome.get_untracked(), message: text }),
                )
            };
            let result = api.send(Method::Post, &url, body).await;
            match result {
                Ok(()) => {
                    warned.set(None);
                    on_change()
                }
                Err(e) => problem.set(Some(say(&e))),
            }
        });
    };
    view! {
        <form on:submit=submit aria-label=if closing { "Close with an outcome" } else { "Send a message" }>
            {closing.then(|| view! {
                <div class="field">
                    <label for="act-outcome">"Outcome"</label>
                    <select id="act-outcome" on:change:target=move |ev| { outcome.set(match ev.target().value().as_str() { "hired" => Outcome::Hired, "position_closed" => Outcome::PositionClosed, _ => Outcome::NotSelected }); }>
                        <option value="not_selected">"Not selected"</option>
                        <option value="hired">"Hired"</option>
                        <option value="position_closed">"Position closed"</option>
                    </select>
                </div>
            })}
            <div class="field">
                <label for="act-message">"Personal message to the candidate"</label>
                <textarea id="act-message" rows="4" prop:value=move || message.get() on:input:target=move |ev| { message.set(ev.target().value()); warned.set(None); }></textarea>
            </div>
            {(!closing).then(|| view! {
                <div class="field">
                    <label for="act-promised">"New date to answer by (optional)"</label>
                    <input id="act-promised" type="date" prop:value=move || promised.get()
                        on:input:target=move |ev| if let Some(day) = ui::typed(&ev.target()) { promised.set(day) }/>
                </div>
            })}
            <p class="error" role="alert">
                {move || warned.get().map(|n| format!("This exact message was already sent to {n} other candidate(s). Write to this person, or send it anyway."))}
                {move || problem.get()}
            </p>
            <button type="submit">{move || if warned.get().is_some() { "Send anyway" } else { "Send" }}</button>
        </form>
    }
}
